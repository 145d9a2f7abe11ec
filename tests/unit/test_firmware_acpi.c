/* test_firmware_acpi.c: jiffy's firmware running QEMU's ACPI table loader or finding tables in memory, and its checksum and name helpers. */
#include "fw_harness.h"

#include "../fw_cfg/images.h"
#include "abi/sum8.h"
#include "abi/table_loader.h"

#define TABLES_SIZE 0x200u
#define RSDT	    0x40u /* offset of the RSDT in etc/acpi/tables */
#define DSDT_LEN    0x40u
#define RSDT_LEN    40u

static struct table_loader_cmd script[12];
static unsigned ncmds;

static struct table_loader_cmd *cmd(uint32_t command)
{
	struct table_loader_cmd *c = &script[ncmds++];

	memset(c, 0, sizeof(*c));
	c->command = command;
	return c;
}

static void allocate(const char *file, uint32_t align, uint8_t zone)
{
	struct table_loader_cmd *c = cmd(TABLE_LOADER_ALLOCATE);

	strcpy(c->alloc.file, file);
	c->alloc.align = align;
	c->alloc.zone = zone;
}

static void add_pointer(const char *dest, const char *src, uint32_t offset,
			uint8_t size)
{
	struct table_loader_cmd *c = cmd(TABLE_LOADER_ADD_POINTER);

	strcpy(c->pointer.dest_file, dest);
	strcpy(c->pointer.src_file, src);
	c->pointer.offset = offset;
	c->pointer.size = size;
}

static void add_checksum(const char *file, uint32_t offset, uint32_t start,
			 uint32_t length)
{
	struct table_loader_cmd *c = cmd(TABLE_LOADER_ADD_CHECKSUM);

	strcpy(c->cksum.file, file);
	c->cksum.offset = offset;
	c->cksum.start = start;
	c->cksum.length = length;
}

/* The firmware's PCI configuration writes were these, in this order. */
static void assert_pci_writes(const struct fwh_pci_write *want, unsigned n)
{
	assert_int_equal(fwh->npci, n);
	for (unsigned i = 0; i < n; i++) {
		assert_int_equal(fwh->pci_writes[i].addr, want[i].addr);
		assert_int_equal(fwh->pci_writes[i].v, want[i].v);
		assert_int_equal(fwh->pci_writes[i].size, want[i].size);
	}
}

/*
 * QEMU's shape in small: an RSDP in the F-segment zone pointing at an
 * RSDT, which points at a DSDT, both in etc/acpi/tables in the high
 * zone; checksums over each; the RSDT's address written back to QEMU.
 * Pointers in the files are offsets until the loader adds addresses.
 */
static void table_loader(void **state)
{
	uint8_t rsdp[20] = "RSD PTR ", tables[TABLES_SIZE], addr[8] = { 0 };
	uint8_t elf_cmdline[] = "acpi";
	const struct hvm_start_info *si;
	const struct hvm_memmap_table_entry *mm;
	uint32_t t, r;
	uint64_t back;
	uint8_t *elf;
	struct table_loader_cmd *wp;

	fwh_setup(true);
	fake_pattern(tables, sizeof(tables), 4);
	memcpy(tables, "DSDT", 4);
	tables[9] = 0;
	memcpy(tables + RSDT, "RSDT", 4);
	tables[RSDT + 9] = 0;
	memset(tables + RSDT + 36, 0, 4); /* offset 0: the DSDT */
	rsdp[8] = 0;
	memcpy(rsdp + 16, "\x40\0\0\0", 4); /* offset of the RSDT */
	ncmds = 0;
	allocate("etc/acpi/rsdp", 16, TABLE_LOADER_ZONE_FSEG);
	allocate("etc/acpi/tables", 64, TABLE_LOADER_ZONE_HIGH);
	add_pointer("etc/acpi/tables", "etc/acpi/tables", RSDT + 36, 4);
	add_checksum("etc/acpi/tables", RSDT + 9, RSDT, RSDT_LEN);
	add_checksum("etc/acpi/tables", 9, 0, DSDT_LEN);
	cmd(0); /* padding: skipped */
	add_pointer("etc/acpi/rsdp", "etc/acpi/tables", 16, 4);
	add_checksum("etc/acpi/rsdp", 8, 0, 20);
	cmd(99); /* newer than the firmware: skipped */
	wp = cmd(TABLE_LOADER_WRITE_POINTER);
	strcpy(wp->wr_pointer.dest_file, "etc/test/addr");
	strcpy(wp->wr_pointer.src_file, "etc/acpi/tables");
	wp->wr_pointer.src_offset = RSDT;
	wp->wr_pointer.size = 8;
	assert_int_equal(fw_cfg_dev_add_file(fwh->d, "etc/acpi/rsdp", rsdp,
					     sizeof(rsdp), 0),
			 0);
	assert_int_equal(fw_cfg_dev_add_file(fwh->d, "etc/acpi/tables",
					     tables, sizeof(tables), 0),
			 0);
	assert_int_equal(fw_cfg_dev_add_file(fwh->d, "etc/test/addr", addr,
					     sizeof(addr),
					     FW_CFG_DEV_WRITABLE),
			 0);
	assert_int_equal(fw_cfg_dev_add_file(fwh->d, TABLE_LOADER_FILE, script,
					     ncmds * sizeof(script[0]), 0),
			 0);
	elf = fwh_pvh_kernel();
	fwh->cfg.cmdline = (const char *)elf_cmdline;
	fwh_populate();
	fwh->pci_id = 0x12378086; /* QEMU pc's i440FX */
	fwh_run();
	fwh_assert_entered();

	/* The PIIX4's PM base (00:01.3), as SeaBIOS and qboot set it. */
	assert_pci_writes((struct fwh_pci_write[]){ { 0x80000b40, 0x601, 4 },
						    { 0x80000b80, 1, 1 } },
			  2);

	/* High zone: the top of low RAM, aligned; F-segment zone: EBDA. */
	si = fwh_phys(fwh->ebx);
	r = (uint32_t)si->rsdp_paddr;
	t = (uint32_t)((FWH_RAM - TABLES_SIZE) & ~63ull);
	assert_in_range(r, FW_EBDA_ADDR, FW_EBDA_TABLES_END - 20);
	assert_int_equal(r % 16, 0);
	assert_int_equal(*(uint16_t *)fwh_phys(FW_BDA_EBDA_SEG),
			 FW_EBDA_ADDR >> 4);
	/* Pointers fixed up, checksums right, the rest as QEMU made it. */
	assert_memory_equal(fwh_phys(r), "RSD PTR ", 8);
	assert_int_equal(*(uint32_t *)fwh_phys(r + 16), t + RSDT);
	assert_int_equal(abi_sum8(fwh_phys(r), 20), 0);
	assert_int_equal(*(uint32_t *)fwh_phys(t + RSDT + 36), t);
	assert_int_equal(abi_sum8(fwh_phys(t + RSDT), RSDT_LEN), 0);
	assert_int_equal(abi_sum8(fwh_phys(t), DSDT_LEN), 0);
	assert_memory_equal(fwh_phys(t + DSDT_LEN),
			    tables + DSDT_LEN, RSDT - DSDT_LEN);
	/* QEMU was told where the RSDT went. */
	memcpy(&back, fw_cfg_dev_file_data(fwh->d, "etc/test/addr", NULL), 8);
	assert_int_equal(back, t + RSDT);
	/* The tables' pages are reserved, the RAM under them gone. */
	mm = fwh_phys(si->memmap_paddr);
	assert_int_equal(si->memmap_entries, 6);
	assert_int_equal(mm[3].addr, 0x100000);
	assert_int_equal(mm[3].addr + mm[3].size, t & ~0xfffu);
	assert_int_equal(mm[3].type, E820_RAM);
	assert_int_equal(mm[4].addr, t & ~0xfffu);
	assert_int_equal(mm[4].addr + mm[4].size, FWH_RAM);
	assert_int_equal(mm[4].type, E820_RESERVED);
	free(elf);
	fwh_teardown();
}

/* An RSDP's first 20 bytes at addr, their checksum right or not. */
static void put_rsdp(uint32_t addr, bool good)
{
	uint8_t *p = fwh_phys(addr);

	memcpy(p, "RSD PTR ", 8);
	p[8] = 0;
	memcpy(p + 9, "JIFFY ", 6);
	p[15] = 2;
	memcpy(p + 16, "\x00\x10\x0e\x00", 4);
	p[8] = (uint8_t)(abi_checksum8(p, 20) + !good);
}

/* The firmware's steps up to fw_acpi_load without a table loader (as
 * under jiffy --firmware): the RSDP it found, 0 for none. */
static uint32_t scanned_rsdp(void)
{
	const struct fw_state *st;

	fwh_populate();
	st = fwh_run_to_acpi();
	assert_int_equal(fwh->npci, 0); /* no chipset set up: no loader */
	return st->acpi.rsdp;
}

/*
 * Without etc/table-loader the firmware looks for an RSDP as an OS does,
 * on 16-byte boundaries with a right checksum, but only in the EBDA's
 * first KiB (the BIOS data area names it) and the first KiB at 0xe0000:
 * further ones are the kernel's to find.
 */
static void rsdp_scan(void **state)
{
	/* Where jiffy --firmware puts it: found at once. */
	fwh_setup(true);
	put_rsdp(0xe0000, true);
	assert_int_equal(scanned_rsdp(), 0xe0000);
	fwh_teardown();

	/* Off the 16-byte grid, or a wrong checksum: passed over. */
	fwh_setup(true);
	put_rsdp(0xe0104, true);
	put_rsdp(0xe0210, false);
	put_rsdp(0xe03f0, true);
	assert_int_equal(scanned_rsdp(), 0xe03f0);
	fwh_teardown();

	/* Past the first KiB: left to the kernel's own scan. */
	fwh_setup(true);
	put_rsdp(0xe0400, true);
	put_rsdp(0xefff0, true);
	assert_int_equal(scanned_rsdp(), 0);
	fwh_teardown();

	/* The EBDA first, where the BIOS data area says. */
	fwh_setup(true);
	put_rsdp(0xe0000, true);
	put_rsdp(0x9fc20, true);
	*(uint16_t *)fwh_phys(FW_BDA_EBDA_SEG) = 0x9fc0;
	assert_int_equal(scanned_rsdp(), 0x9fc20);
	fwh_teardown();

	/* Not in the ROM's area; none at all: 0, and the boot goes on. */
	fwh_setup(true);
	put_rsdp(0xf0000, true);
	assert_int_equal(scanned_rsdp(), 0);
	fwh_teardown();
}

/* Q35's ICH9 gets its PM base and ACPI enable; no chipset, no writes. */
static void chipsets(void **state)
{
	fwh_setup(true);
	fwh->pci_id = 0x29c08086;
	fw_chipset_init();
	assert_pci_writes((struct fwh_pci_write[]){ { 0x8000f840, 0x601, 4 },
						    { 0x8000f844, 0x80, 1 } },
			  2);
	fwh->npci = 0;
	fwh->pci_id = 0xffffffffu;
	fw_chipset_init();
	assert_pci_writes(NULL, 0);
	fwh_teardown();
}

static void sum8(void **state)
{
	static uint8_t buf[6000];
	const size_t lens[] = { 0, 1, 3, 4, 15, 16, 17, 63, 1023, 1024, 1027,
				4096 + 5, 5000 };

	fake_pattern(buf, sizeof(buf), 17);
	buf[100] = buf[2000] = 0xff;
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++)
		for (size_t at = 0; at < 4; at++)
			assert_int_equal(fw_sum8(buf + at, lens[i]),
					 abi_sum8(buf + at, lens[i]));
	/* All 0xff: lanes at their largest for a whole block. */
	memset(buf, 0xff, sizeof(buf));
	assert_int_equal(fw_sum8(buf, 5000), (uint8_t)(5000 * 0xff));
}

static void names(void **state)
{
	char a[FW_CFG_MAX_FILE_PATH] = "etc/acpi/tables";
	char b[FW_CFG_MAX_FILE_PATH] = "etc/acpi/tables";

	assert_true(fw_name_eq(a, b));
	/* Whatever follows the NUL does not count. */
	memset(b + 16, 'x', sizeof(b) - 16);
	assert_true(fw_name_eq(a, b));
	b[15] = 'x';
	assert_false(fw_name_eq(a, b));
	strcpy(b, "etc/acpi/table");
	assert_false(fw_name_eq(a, b));
	strcpy(b, "etc/acpi/rsdp");
	assert_false(fw_name_eq(a, b));
	/* 55 characters, the longest name: no NUL word until the end. */
	memset(a, 'n', 55);
	a[55] = '\0';
	memcpy(b, a, sizeof(b));
	assert_true(fw_name_eq(a, b));
	b[54] = 'm';
	assert_false(fw_name_eq(a, b));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_loader),
		cmocka_unit_test(rsdp_scan),
		cmocka_unit_test(chipsets),
		cmocka_unit_test(sum8),
		cmocka_unit_test(names),
	};
	return cmocka_run_group_tests_name("firmware_acpi", tests, NULL, NULL);
}
