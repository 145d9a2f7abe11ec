/* test_acpi_loader.c: jiffy's ACPI tables as its firmware finds them: files placed by the table loader (--bios), or in memory (--firmware). */
#include <errno.h>

#include "fw_harness.h"

#include "platform/acpi_loader.h"

#define PM_PORT	 0x600
#define MAX_SIZE 8192

static uint8_t tables[MAX_SIZE], direct[MAX_SIZE];

/* A file of the script as jiffy hands it over, before any patching. */
static const uint8_t *file(const char *name, const struct acpi_loader *l,
			   size_t *size)
{
	if (!strcmp(name, ACPI_LOADER_RSDP_FILE)) {
		*size = sizeof(l->rsdp);
		return (const uint8_t *)&l->rsdp;
	}
	assert_string_equal(name, ACPI_LOADER_TABLES_FILE);
	*size = l->tables_size;
	return tables;
}

/*
 * What the firmware does not check but a script of jiffy's must hold:
 * only the three commands, the RSDP in the F-segment zone and the tables
 * high, both placed before any pointer, 4- or 8-byte pointers inside
 * their file holding offsets inside the source file, checksum bytes
 * inside their ranges, every range inside its file.
 */
static void check_script(const struct acpi_loader *l)
{
	unsigned allocated = 0;

	for (unsigned i = 0; i < l->ncmds; i++) {
		const struct table_loader_cmd *c = &l->cmds[i];
		size_t size, src_size;
		const uint8_t *p;
		uint64_t v = 0;

		switch (c->command) {
		case TABLE_LOADER_ALLOCATE:
			file(c->alloc.file, l, &size);
			assert_int_equal(
				c->alloc.zone,
				strcmp(c->alloc.file, ACPI_LOADER_RSDP_FILE)
					? TABLE_LOADER_ZONE_HIGH
					: TABLE_LOADER_ZONE_FSEG);
			allocated++;
			break;
		case TABLE_LOADER_ADD_POINTER:
			assert_int_equal(allocated, 2);
			p = file(c->pointer.dest_file, l, &size);
			file(c->pointer.src_file, l, &src_size);
			assert_true(c->pointer.size == 4 ||
				    c->pointer.size == 8);
			assert_true(c->pointer.offset + c->pointer.size <=
				    size);
			memcpy(&v, p + c->pointer.offset, c->pointer.size);
			/* An offset in the source file, before patching. */
			assert_true(v < src_size);
			break;
		case TABLE_LOADER_ADD_CHECKSUM:
			file(c->cksum.file, l, &size);
			assert_true(c->cksum.start + c->cksum.length <= size);
			assert_true(c->cksum.offset >= c->cksum.start &&
				    c->cksum.offset <
					    c->cksum.start + c->cksum.length);
			break;
		default:
			fail_msg("command %u in the script", c->command);
		}
	}
}

/* Where the firmware put a file, checked against its ALLOCATE's alignment. */
static uint32_t placed_at(const struct fw_state *st,
			  const struct acpi_loader *l, const char *name)
{
	const struct table_loader_cmd *c = NULL;

	for (unsigned i = 0; i < l->ncmds && !c; i++)
		if (l->cmds[i].command == TABLE_LOADER_ALLOCATE &&
		    !strcmp(l->cmds[i].alloc.file, name))
			c = &l->cmds[i];
	assert_non_null(c);
	for (unsigned i = 0; i < st->acpi.n; i++)
		if (!strcmp(st->acpi.f[i].name, name)) {
			assert_int_equal(st->acpi.f[i].addr % c->alloc.align,
					 0);
			return st->acpi.f[i].addr;
		}
	fail_msg("the firmware did not place %s", name);
	return 0;
}

/*
 * jiffy's three files in its fw_cfg device, as under --bios, and the
 * firmware's steps up to its table loader (fw_acpi_load), on the
 * harness's 64 MiB machine.
 */
static struct fw_state *firmware_places(const struct acpi_loader *l)
{
	assert_int_equal(fw_cfg_dev_add_file(fwh->d, ACPI_LOADER_TABLES_FILE,
					     tables, l->tables_size, 0),
			 0);
	assert_int_equal(fw_cfg_dev_add_file(fwh->d, ACPI_LOADER_RSDP_FILE,
					     &l->rsdp, sizeof(l->rsdp), 0),
			 0);
	assert_int_equal(fw_cfg_dev_add_file(fwh->d, TABLE_LOADER_FILE, l->cmds,
					     l->ncmds * sizeof(l->cmds[0]), 0),
			 0);
	fwh_populate();
	return fwh_run_to_acpi();
}

/*
 * Placed by the firmware, the files are byte for byte the tables jiffy
 * writes for a direct boot at the address the firmware chose for the
 * tables: the RSDP in its file (in the EBDA, where scans look), the rest
 * where the tables file went (minus the RSDP's copy, zeros there).
 */
static void placed_tables_equal_direct_ones(unsigned ncpus)
{
	struct acpi_config cfg = { .ncpus = ncpus,
				   .pm_port = PM_PORT,
				   .fw_cfg = true };
	size_t size = acpi_tables_size(&cfg);
	const struct fw_state *st;
	struct acpi_loader l;
	uint32_t r, t;

	assert_true(size <= MAX_SIZE);
	memset(tables, 0xa5, sizeof(tables));
	assert_int_equal(acpi_loader_build(tables, size, &cfg, &l), 0);
	assert_int_equal(l.tables_size, size);
	assert_true(l.ncmds <= ACPI_LOADER_MAX_CMDS);
	/* No RSDP left in the tables file for a scan to find. */
	for (size_t i = 0; i < sizeof(l.rsdp); i++)
		assert_int_equal(tables[i], 0);
	check_script(&l);

	fwh_setup(true);
	st = firmware_places(&l);
	assert_int_equal(st->acpi.n, 2);
	r = placed_at(st, &l, ACPI_LOADER_RSDP_FILE);
	t = placed_at(st, &l, ACPI_LOADER_TABLES_FILE);
	assert_int_equal(st->acpi.rsdp, r);
	assert_in_range(r, FW_EBDA_ADDR, FW_EBDA_TABLES_END - sizeof(l.rsdp));
	assert_in_range(t, FW_HIMEM, FWH_RAM - size);

	assert_int_equal(acpi_tables_write(direct, size, t, &cfg, NULL), 0);
	assert_memory_equal(fwh_phys(r), direct, sizeof(l.rsdp));
	assert_memory_equal(fwh_phys(t + sizeof(l.rsdp)),
			    direct + sizeof(l.rsdp), size - sizeof(l.rsdp));
	fwh_teardown();
}

static void one_cpu(void **state)
{
	(void)state;
	placed_tables_equal_direct_ones(1);
}

static void many_cpus(void **state)
{
	(void)state;
	placed_tables_equal_direct_ones(8);
	placed_tables_equal_direct_ones(ACPI_MAX_CPUS);
}

/*
 * jiffy --firmware: the tables jiffy writes at 0xe0000 for a direct boot,
 * no loader files. The firmware finds the RSDP there, hands it to a PVH
 * kernel, and keeps the tables out of RAM in the kernel's map.
 */
static void tables_in_memory(void **state)
{
	struct acpi_config cfg = { .ncpus = 2,
				   .pm_port = PM_PORT,
				   .fw_cfg = true };
	size_t size = acpi_tables_size(&cfg);
	const struct hvm_start_info *si;
	const struct hvm_memmap_table_entry *mm;
	uint8_t *elf;
	unsigned i;

	(void)state;
	fwh_setup(true);
	assert_int_equal(
		acpi_tables_write(fwh_phys(0xe0000), size, 0xe0000, &cfg, NULL),
		0);
	elf = fwh_pvh_kernel();
	fwh_populate();
	fwh_run();
	fwh_assert_entered();
	si = fwh_phys(fwh->ebx);
	assert_int_equal(si->rsdp_paddr, 0xe0000);
	mm = fwh_phys(si->memmap_paddr);
	for (i = 0; i < si->memmap_entries; i++)
		if (mm[i].addr <= 0xe0000 &&
		    mm[i].addr + mm[i].size >= 0xe0000 + size)
			break;
	assert_true(i < si->memmap_entries);
	assert_int_equal(mm[i].type, E820_RESERVED);
	free(elf);
	fwh_teardown();
}

/* Every pointer is patched once: RSDT 2, XSDT 2, FADT 2, RSDP 2. */
static void script_shape(void **state)
{
	struct acpi_config cfg = { .ncpus = 2, .pm_port = PM_PORT };
	struct acpi_loader l;
	unsigned n[5] = { 0 };

	(void)state;
	assert_int_equal(acpi_loader_build(tables, sizeof(tables), &cfg, &l),
			 0);
	for (unsigned i = 0; i < l.ncmds; i++) {
		assert_true(l.cmds[i].command < 5);
		n[l.cmds[i].command]++;
	}
	assert_int_equal(n[TABLE_LOADER_ALLOCATE], 2);
	assert_int_equal(n[TABLE_LOADER_ADD_POINTER], 8);
	assert_int_equal(n[TABLE_LOADER_ADD_CHECKSUM], 5);
	assert_int_equal(n[TABLE_LOADER_WRITE_POINTER], 0);
	/* The RSDP's file is placed before anything points into it. */
	assert_string_equal(l.cmds[0].alloc.file, ACPI_LOADER_RSDP_FILE);
}

static void errors_pass_through(void **state)
{
	struct acpi_config cfg = { .ncpus = 1, .pm_port = PM_PORT };
	struct acpi_loader l;

	(void)state;
	assert_int_equal(acpi_loader_build(tables, 64, &cfg, &l), -ENOSPC);
	cfg.ncpus = 0;
	assert_int_equal(acpi_loader_build(tables, sizeof(tables), &cfg, &l),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_cpu),
		cmocka_unit_test(many_cpus),
		cmocka_unit_test(tables_in_memory),
		cmocka_unit_test(script_shape),
		cmocka_unit_test(errors_pass_through),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
