/* test_firmware.c: jiffy's firmware, run on the host: what it hands a PVH, bzImage or multiboot kernel, and the ACPI table loader. */
#include "fw_harness.h"

#include "../fw_cfg/images.h"
#include "abi/multiboot.h"
#include "abi/sum8.h"
#include "image_builder.h"
#include "mb_image.h"

#define MiB (1ull << 20)
#define INITRD_SIZE 70001u

/* The map every kernel gets from a 64 MiB machine without a table
 * loader: the BIOS area from 0xe0000 reserved, as in jiffy's direct boot
 * (where a VMM puts ACPI tables itself). */
static const struct e820_entry want_map[] = {
	{ 0, 0x9f000, E820_RAM },
	{ 0x9f000, 0x1000, E820_RESERVED },
	{ 0xe0000, 0x20000, E820_RESERVED },
	{ 0x100000, FWH_RAM - 0x100000, E820_RAM },
	{ 0xfeffc000, 0x4000, E820_RESERVED },
};
#define WANT_N (sizeof(want_map) / sizeof(want_map[0]))

static uint8_t *initrd;

static int setup_dma(void **state)
{
	fwh_setup(true);
	initrd = malloc(INITRD_SIZE);
	fake_pattern(initrd, INITRD_SIZE, 9);
	return 0;
}

static int setup_no_dma(void **state)
{
	setup_dma(state);
	fw_cfg_dev_destroy(fwh->d);
	fwh->d = fwh->bus.dev = fake_dev(&fwh->ram, false, 0);
	return 0;
}

static int teardown(void **state)
{
	fwh_teardown();
	free(initrd);
	return 0;
}

/* Where QEMU (and jiffy) put the initrd: below the room kept for ACPI. */
static uint32_t qemu_initrd_addr(void)
{
	return (uint32_t)((FWH_RAM - FW_CFG_X86_ACPI_DATA_SIZE - 1 -
			   INITRD_SIZE) &
			  ~0xfffull);
}

static void pvh_populate(uint8_t **elf, const char *cmdline)
{
	struct fake_pvh pv = { .paddr = 0x100000, .filesz = 16384,
			       .memsz = 20000, .entry = 0x100040 };

	*elf = fake_pvh_elf(&pv);
	fwh->cfg.kernel_kind = FW_CFG_X86_PVH;
	fwh->cfg.kernel = *elf;
	fwh->cfg.kernel_size = pv.size;
	fwh->cfg.pvh = (struct fw_cfg_x86_pvh){ 0x100040, 0x100000,
						0x100000 + 20000 };
	fwh->cfg.cmdline = cmdline;
	fwh->cfg.initrd = initrd;
	fwh->cfg.initrd_size = INITRD_SIZE;
	fwh_populate();
}

static void pvh_checks(void)
{
	const struct hvm_start_info *si = fwh_phys(fwh->ebx);
	const struct hvm_modlist_entry *mod;
	const struct hvm_memmap_table_entry *mm;

	fwh_assert_entered();
	assert_int_equal(fwh->entry, 0x100040);
	/* Below 1 MiB, where Linux's early mapping reaches it. */
	assert_in_range(fwh->ebx, 0x1000, 0x7fff);
	assert_int_equal(si->magic, HVM_START_MAGIC);
	assert_int_equal(si->version, 1);
	assert_int_equal(si->flags, 0);
	assert_int_equal(si->rsdp_paddr, 0);
	assert_int_equal(si->cmdline_paddr, FW_CMDLINE_ADDR);
	assert_string_equal(fwh_phys(si->cmdline_paddr), "console=ttyS0 x=1");
	assert_int_equal(si->nr_modules, 1);
	mod = fwh_phys(si->modlist_paddr);
	assert_int_equal(mod->paddr, qemu_initrd_addr());
	assert_int_equal(mod->size, INITRD_SIZE);
	assert_memory_equal(fwh_phys(mod->paddr), initrd, INITRD_SIZE);
	assert_int_equal(si->memmap_entries, WANT_N);
	mm = fwh_phys(si->memmap_paddr);
	for (unsigned i = 0; i < WANT_N; i++) {
		assert_int_equal(mm[i].addr, want_map[i].addr);
		assert_int_equal(mm[i].size, want_map[i].size);
		assert_int_equal(mm[i].type, want_map[i].type);
		assert_int_equal(mm[i].reserved, 0);
	}
}

static void pvh(void **state)
{
	uint8_t *elf;

	pvh_populate(&elf, "console=ttyS0 x=1");
	/* Whatever an earlier boot left in the firmware's memory. */
	memset(fwh_phys(FW_STATE_ADDR), 0xa5, FW_RAM_END - FW_STATE_ADDR);
	fwh_run();
	pvh_checks();
	free(elf);
}

/* A command line longer than the first page the firmware reads. */
static void pvh_long_cmdline(void **state)
{
	static char cmdline[10000];
	const struct hvm_start_info *si;
	uint8_t *elf;

	memset(cmdline, 'c', sizeof(cmdline) - 1);
	cmdline[4095] = 'x';
	pvh_populate(&elf, cmdline);
	fwh_run();
	fwh_assert_entered();
	si = fwh_phys(fwh->ebx);
	assert_string_equal(fwh_phys(si->cmdline_paddr), cmdline);
	free(elf);
}

/*
 * Linux's "BIOS reboot" jumps to the reset vector with memory as it was:
 * the firmware asks the keyboard controller for a real reset instead of
 * booting over it; after that reset (QEMU keeps RAM) it boots again.
 */
static void rerun_resets(void **state)
{
	uint8_t *elf;

	pvh_populate(&elf, "console=ttyS0 x=1");
	memset(fwh_phys(FW_STATE_ADDR), 0, FW_RAM_END - FW_STATE_ADDR);
	fwh_run();
	assert_true(fwh->entered);
	assert_int_equal(fwh->kbd_cmd, 0);

	fwh->entered = false;
	fwh_run();
	assert_false(fwh->entered);
	assert_int_equal(fwh->kbd_cmd, 0xfe);
	/* Hosted, the reset returns: the firmware must not go on. */
	assert_int_equal(fwh->exit_code, DEBUG_EXIT_PANIC);
	assert_non_null(strstr(fwh->out, "did not reset the machine"));

	fwh->nposts = 0;
	fwh->outlen = 0;
	fwh->kbd_cmd = 0;
	fwh_run();
	pvh_checks();
	assert_int_equal(fwh->kbd_cmd, 0);
	free(elf);
}

/* A device without DMA (QEMU's pc-i440fx-2.4): byte I/O, same result. */
static void pvh_byte_io(void **state)
{
	uint8_t *elf;

	pvh_populate(&elf, "console=ttyS0 x=1");
	fwh_run();
	pvh_checks();
	assert_int_equal(fwh->bus.dma_kicks, 0);
	free(elf);
}

/*
 * The firmware finds DMA by the "QEMU CFG" its register reads; a device
 * that does DMA (its ID says so) without that signature is still driven
 * by DMA, through lib/fw_cfg's client: same result.
 */
static void pvh_dma_without_signature(void **state)
{
	uint8_t *elf;

	fwh->no_dma_sig = true;
	pvh_populate(&elf, "console=ttyS0 x=1");
	fwh_run();
	pvh_checks();
	assert_true(fwh->bus.dma_kicks > 0);
	free(elf);
}

/*
 * QEMU 7.2 serves a PVH kernel's SETUP_DATA from a stack buffer gone
 * stale: whatever is there, KERNEL_ENTRY and SETUP_SIZE make it PVH.
 */
static void pvh_stale_setup_data(void **state)
{
	static uint8_t stale[8192];

	memset(stale, 0xcc, sizeof(stale));
	fwh_populate();
	assert_int_equal(fw_cfg_dev_add_u32(fwh->d, FW_CFG_KERNEL_ENTRY,
					    0x100040),
			 0);
	assert_int_equal(fw_cfg_dev_add_u32(fwh->d, FW_CFG_SETUP_SIZE,
					    sizeof(stale)),
			 0);
	assert_int_equal(fw_cfg_dev_add(fwh->d, FW_CFG_SETUP_DATA, stale,
					sizeof(stale), 0),
			 0);
	fwh_run();
	fwh_assert_entered();
	assert_int_equal(fwh->entry, 0x100040);
	assert_int_equal(((struct hvm_start_info *)fwh_phys(fwh->ebx))->magic,
			 HVM_START_MAGIC);
}

static void bzimage_run(uint8_t **file, size_t *size, uint32_t init_size)
{
	uint8_t *rsdp = fwh_phys(0xe0000);
	struct setup_header h;

	/* An RSDP where jiffy --firmware puts it, for the zero page. */
	memcpy(rsdp, "RSD PTR \0JIFFY \2", 16);
	rsdp[8] = abi_checksum8(rsdp, 20);
	tbz_default_header(&h, 0x3000);
	h.init_size = init_size;
	*file = tbz_build(&h, 0x3000, size);
	fwh->cfg.kernel_kind = FW_CFG_X86_LINUX;
	fwh->cfg.kernel = *file;
	fwh->cfg.kernel_size = *size;
	fwh->cfg.cmdline = "root=/dev/vda";
	fwh->cfg.initrd = initrd;
	fwh->cfg.initrd_size = INITRD_SIZE;
	fwh_populate();
	fwh_run();
}

static void bzimage(void **state)
{
	const struct boot_params *zp;
	const uint8_t *page;
	uint8_t *file;
	size_t size, hdr_end = 0x202 + 0x6a; /* the header's jump byte */

	bzimage_run(&file, &size, TBZ_INIT_SIZE);
	fwh_assert_entered();
	/* Its preferred address, 32-bit entry at the start, ESI the page. */
	assert_int_equal(fwh->entry, TBZ_PREF_ADDRESS);
	assert_int_equal(fwh->eax, 0);
	assert_int_equal(fwh->ebx, 0);
	zp = fwh_phys(fwh->esi);
	page = (const uint8_t *)zp;
	assert_memory_equal(fwh_phys(TBZ_PREF_ADDRESS),
			    file + fwh->boot.setup_size, 0x3000);
	/* The header as QEMU patched it, then the loader's fields. */
	assert_int_equal(zp->hdr.boot_flag, 0xaa55);
	assert_int_equal(zp->hdr.type_of_loader, LOADER_TYPE_QEMU);
	assert_int_equal(zp->hdr.code32_start, TBZ_PREF_ADDRESS);
	assert_int_equal(zp->hdr.cmd_line_ptr, 0x20000);
	assert_string_equal(fwh_phys(0x20000), "root=/dev/vda");
	assert_int_equal(zp->hdr.ramdisk_image, qemu_initrd_addr());
	assert_int_equal(zp->hdr.ramdisk_size, INITRD_SIZE);
	assert_memory_equal(fwh_phys(qemu_initrd_addr()), initrd, INITRD_SIZE);
	assert_int_equal(zp->hdr.kernel_alignment, TBZ_ALIGN);
	assert_int_equal(zp->acpi_rsdp_addr, 0xe0000);
	assert_int_equal(zp->e820_entries, WANT_N);
	assert_memory_equal(zp->e820_table, want_map, sizeof(want_map));
	/* Nothing else: the setup code around the header was cleared. */
	for (size_t i = 0; i < BP_SIZE; i++) {
		bool field =
			(i >= BP_HDR && i < hdr_end) || i == BP_E820_ENTRIES ||
			(i >= BP_ACPI_RSDP_ADDR && i < BP_ACPI_RSDP_ADDR + 8) ||
			(i >= BP_E820_TABLE &&
			 i < BP_E820_TABLE + sizeof(want_map));

		if (!field && page[i])
			fail_msg("zero page byte 0x%zx is 0x%02x", i, page[i]);
	}
	free(file);
}

/* Too little RAM at its preferred address: the lowest aligned place. */
static void bzimage_relocated(void **state)
{
	uint8_t *file;
	size_t size;

	bzimage_run(&file, &size, 48 * MiB);
	fwh_assert_entered();
	assert_int_equal(fwh->entry, TBZ_ALIGN);
	free(file);
}

static void multiboot(void **state)
{
	struct multiboot_header h = { .header_addr = 0x100000,
				      .load_addr = 0x100000,
				      .bss_end_addr = 0x104000,
				      .entry_addr = 0x100020 };
	struct fw_cfg_x86_mb_module mod = { initrd, INITRD_SIZE, "m a" };
	struct fw_cfg_x86_mb_input in = { .kernel_path = "k",
					  .append = "x",
					  .loader_name = "jiffy",
					  .mods = &mod,
					  .nmods = 1 };
	struct fw_cfg_x86_multiboot mb;
	struct multiboot_info *mbi;
	const struct multiboot_mmap_entry *e;
	const struct multiboot_module *m;
	struct mb_kernel k;
	uint8_t *file = tmb_aout(0x2000, 0, MULTIBOOT_AOUT_KLUDGE, &h), *img;

	assert_int_equal(mb_parse(&k, file, 0x2000, NULL), 0);
	in.file = file, in.file_size = 0x2000, in.k = &k;
	img = calloc(1, fw_cfg_x86_mb_size(&in));
	fw_cfg_x86_mb_pack(img, &in, &mb);
	fwh->cfg.kernel_kind = FW_CFG_X86_MULTIBOOT;
	fwh->cfg.multiboot = &mb;
	fwh_populate();
	fwh_run();
	fwh_assert_entered();
	assert_int_equal(fwh->entry, 0x100020);
	assert_int_equal(fwh->eax, MULTIBOOT_BOOTLOADER_MAGIC);
	assert_int_equal(fwh->ebx, FW_CFG_X86_MBI_ADDR);
	assert_memory_equal(fwh_phys(0x100000), img, mb.size);
	mbi = fwh_phys(fwh->ebx);
	assert_int_equal(mbi->flags, 0x24f);
	assert_int_equal(mbi->mem_lower, 0x9f000 >> 10);
	assert_int_equal(mbi->mem_upper, (FWH_RAM - MiB) >> 10);
	assert_int_equal(mbi->mmap_addr, FW_CFG_X86_MB_MMAP_ADDR);
	assert_int_equal(mbi->mmap_length, WANT_N * sizeof(*e));
	e = fwh_phys(mbi->mmap_addr);
	for (unsigned i = 0; i < WANT_N; i++) {
		assert_int_equal(e[i].size, 20);
		assert_int_equal(e[i].addr, want_map[i].addr);
		assert_int_equal(e[i].len, want_map[i].size);
		assert_int_equal(e[i].type, want_map[i].type);
	}
	/* The module where its entry says, as packed. */
	m = fwh_phys(mbi->mods_addr);
	assert_int_equal(mbi->mods_count, 1);
	assert_memory_equal(fwh_phys(m->mod_start), initrd, INITRD_SIZE);
	assert_string_equal(fwh_phys(m->string), "m a");
	free(img);
	free(file);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(pvh, setup_dma, teardown),
		cmocka_unit_test_setup_teardown(rerun_resets, setup_dma,
						teardown),
		cmocka_unit_test_setup_teardown(pvh_long_cmdline, setup_dma,
						teardown),
		cmocka_unit_test_setup_teardown(pvh_byte_io, setup_no_dma,
						teardown),
		cmocka_unit_test_setup_teardown(pvh_dma_without_signature,
						setup_dma, teardown),
		cmocka_unit_test_setup_teardown(pvh_stale_setup_data, setup_dma,
						teardown),
		cmocka_unit_test_setup_teardown(bzimage, setup_dma, teardown),
		cmocka_unit_test_setup_teardown(bzimage_relocated, setup_dma,
						teardown),
		cmocka_unit_test_setup_teardown(multiboot, setup_dma, teardown),
	};
	return cmocka_run_group_tests_name("firmware", tests, NULL, NULL);
}
