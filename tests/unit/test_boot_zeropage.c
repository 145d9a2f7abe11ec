/* test_boot_zeropage.c: the bzImage zero page, field by field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "boot/bzimage.h"
#include "image_builder.h"

#define PM_SIZE 0x4000

static const struct e820_entry entries[] = {
	{ 0, 0x9fc00, E820_RAM },
	{ 0x9fc00, 0x400, E820_RESERVED },
	{ 0x100000, 0xbff00000, E820_RAM },
	{ 0x100000000ull, 0x40000000, E820_RAM },
};

/* The zero page under test, dirtied before every fill. */
static struct boot_params bp;

/* Every byte of the zero page in [from, to) is 0. */
static void assert_zero(size_t from, size_t to)
{
	const uint8_t *p = (const uint8_t *)&bp;

	for (size_t i = from; i < to; i++)
		if (p[i])
			fail_msg("zero page byte 0x%zx is 0x%02x, not 0", i,
				 p[i]);
}

/* Parse a file built from h and fill bp from it with args a. */
static void fill(const struct setup_header *h, struct bzimage_boot_args *a,
		 struct bzimage *bz, uint8_t **file)
{
	size_t size;

	*file = tbz_build(h, PM_SIZE, &size);
	assert_int_equal(bzimage_parse(bz, *file, size, NULL), 0);
	memset(&bp, 0xff, sizeof(bp));
	bzimage_fill_zero_page(&bp, bz, a);
}

static void fields(void **state)
{
	struct e820_map map = { .n = 4 };
	struct bzimage_boot_args a = { .load_addr = 0x1000000,
				       .cmdline_addr = 0x20000,
				       .initrd_addr = 0x7f00000,
				       .initrd_size = 0x123456,
				       .rsdp_addr = 0xe0000,
				       .map = &map };
	struct setup_header h, want;
	struct bzimage bz;
	uint8_t *f;

	memcpy(map.e, entries, sizeof(entries));
	tbz_default_header(&h, PM_SIZE);
	h.vid_mode = 0xfffd; /* "ask": would stop a headless boot */
	h.type_of_loader = 0x71;
	fill(&h, &a, &bz, &f);
	assert_int_equal(bp.hdr.type_of_loader, 0xff);
	assert_int_equal(bp.hdr.vid_mode, 0xffff);
	assert_int_equal(bp.hdr.code32_start, 0x1000000);
	assert_int_equal(bp.hdr.cmd_line_ptr, 0x20000);
	assert_int_equal(bp.hdr.ramdisk_image, 0x7f00000);
	assert_int_equal(bp.hdr.ramdisk_size, 0x123456);
	assert_int_equal(bp.hdr.hardware_subarch, 0);
	assert_int_equal(bp.hdr.boot_flag, 0xaa55);
	assert_int_equal(bp.hdr.header, SETUP_HDRS_MAGIC);
	assert_int_equal(bp.hdr.version, 0x020f);
	assert_int_equal(bp.hdr.loadflags, LOADED_HIGH);
	assert_int_equal(bp.hdr.cmdline_size, TBZ_CMDLINE_SIZE);
	assert_int_equal(bp.hdr.kernel_info_offset, 0x1234);
	/* Everything else in the header is the file's, byte for byte. */
	memcpy(&want, f + SETUP_HEADER_OFFSET, sizeof(want));
	want.type_of_loader = 0xff;
	want.vid_mode = 0xffff;
	want.code32_start = 0x1000000;
	want.cmd_line_ptr = 0x20000;
	want.ramdisk_image = 0x7f00000;
	want.ramdisk_size = 0x123456;
	assert_memory_equal(&bp.hdr, &want, sizeof(want));
	assert_int_equal(bp.acpi_rsdp_addr, 0xe0000);
	assert_int_equal(bp.ext_ramdisk_image, 0);
	assert_int_equal(bp.ext_ramdisk_size, 0);
	assert_int_equal(bp.ext_cmd_line_ptr, 0);
	assert_int_equal(bp.e820_entries, 4);
	assert_memory_equal(bp.e820_table, entries, sizeof(entries));
	/* The rest is zero, the sentinel included; nothing of the setup
	 * code outside the header (0xcc in the file) came along. */
	assert_zero(0, BP_ACPI_RSDP_ADDR);
	assert_zero(BP_ACPI_RSDP_ADDR + 8, BP_EXT_RAMDISK_IMAGE);
	assert_zero(BP_EXT_CMD_LINE_PTR + 4, BP_E820_ENTRIES);
	assert_zero(BP_E820_ENTRIES + 1, BP_HDR);
	assert_int_equal(bp.sentinel, 0);
	assert_zero(0x26c, BP_E820_TABLE);
	assert_zero(BP_E820_TABLE + sizeof(entries), BP_SIZE);
	free(f);
}

static void addresses_above_4g(void **state)
{
	struct e820_map map = { .n = 1 };
	struct bzimage_boot_args a = { .load_addr = 0x1000000,
				       .cmdline_addr = 0x100020000ull,
				       .initrd_addr = 0x240000000ull,
				       .initrd_size = 0x100000010ull,
				       .map = &map };
	struct setup_header h;
	struct bzimage bz;
	uint8_t *f;

	memcpy(map.e, entries, sizeof(map.e[0]));
	tbz_default_header(&h, PM_SIZE);
	fill(&h, &a, &bz, &f);
	assert_int_equal(bp.hdr.cmd_line_ptr, 0x20000);
	assert_int_equal(bp.ext_cmd_line_ptr, 1);
	assert_int_equal(bp.hdr.ramdisk_image, 0x40000000);
	assert_int_equal(bp.ext_ramdisk_image, 2);
	assert_int_equal(bp.hdr.ramdisk_size, 0x10);
	assert_int_equal(bp.ext_ramdisk_size, 1);
	assert_int_equal(bp.acpi_rsdp_addr, 0);
	assert_int_equal(bp.e820_entries, 1);
	free(f);
}

static void no_initrd(void **state)
{
	struct e820_map map = { .n = 1 };
	struct bzimage_boot_args a = { .load_addr = 0x1000000,
				       .cmdline_addr = 0x20000,
				       .initrd_addr = 0x7f00000,
				       .map = &map };
	struct setup_header h;
	struct bzimage bz;
	uint8_t *f;

	memcpy(map.e, entries, sizeof(map.e[0]));
	tbz_default_header(&h, PM_SIZE);
	fill(&h, &a, &bz, &f);
	assert_int_equal(bp.hdr.ramdisk_image, 0);
	assert_int_equal(bp.hdr.ramdisk_size, 0);
	assert_int_equal(bp.ext_ramdisk_image, 0);
	assert_int_equal(bp.ext_ramdisk_size, 0);
	free(f);
}

static void header_own_length(void **state)
{
	struct e820_map map = { .n = 0 };
	struct bzimage_boot_args a = { .load_addr = 0x200000, .map = &map };
	struct setup_header h;
	struct bzimage bz;
	uint8_t *f;

	/* A 2.12-era header ending at 0x268: the four bytes where 2.15 has
	 * kernel_info_offset are this kernel's code, not a field. */
	tbz_default_header(&h, PM_SIZE);
	h.version = 0x020c;
	h.jump = 0xeb | (0x66 << 8);
	fill(&h, &a, &bz, &f);
	assert_int_equal(bz.hdr_len, 0x268 - 0x1f1);
	assert_int_equal(bz.hdr.kernel_info_offset, 0);
	assert_int_equal(bp.hdr.kernel_info_offset, 0);
	assert_int_equal(bp.hdr.handover_offset, 0x190);
	assert_int_equal(bp.hdr.code32_start, 0x200000);
	assert_int_equal(bp.e820_entries, 0);
	assert_zero(0x268, BP_SIZE);
	free(f);
}

static void full_map(void **state)
{
	static struct e820_map map;
	struct bzimage_boot_args a = { .load_addr = 0x1000000, .map = &map };
	struct setup_header h;
	struct bzimage bz;
	uint8_t *f;

	/* 128 entries, alternating types so none merge. */
	e820_init(&map);
	for (unsigned i = 0; i < E820_MAP_MAX; i++)
		assert_int_equal(e820_add(&map, i * 0x1000ull, 0x1000,
					  i % 2 ? E820_RESERVED : E820_RAM),
				 0);
	assert_int_equal(map.n, 128);
	tbz_default_header(&h, PM_SIZE);
	fill(&h, &a, &bz, &f);
	assert_int_equal(bp.e820_entries, 128);
	assert_memory_equal(bp.e820_table, map.e, sizeof(bp.e820_table));
	assert_int_equal(bp.e820_table[127].addr, 127 * 0x1000);
	assert_int_equal(bp.e820_table[127].type, E820_RESERVED);
	assert_zero(BP_E820_TABLE + 128 * 20, BP_SIZE);
	free(f);
	/* A count beyond what the zero page holds is cut at 128 (e820_map
	 * itself cannot grow past that, so this is the clamp alone). */
	map.n = 200;
	fill(&h, &a, &bz, &f);
	assert_int_equal(bp.e820_entries, 128);
	assert_memory_equal(bp.e820_table, map.e, sizeof(bp.e820_table));
	assert_zero(BP_E820_TABLE + 128 * 20, BP_SIZE);
	free(f);
}

/*
 * Firmware's path: the page already holds the setup header (QEMU-patched)
 * and zeros; only the loader's fields change, the rest of the header
 * (vid_mode from vga=, say) stays, and the loader type is the caller's.
 */
static void set_boot_args_only(void **state)
{
	struct e820_map map = { .n = 4 };
	struct bzimage_boot_args a = { .load_addr = 0x200000,
				       .cmdline_addr = 0x20000,
				       .initrd_addr = 0x7f00000,
				       .initrd_size = 0x1000,
				       .rsdp_addr = 0x9f000,
				       .loader_type = LOADER_TYPE_QEMU,
				       .map = &map };
	struct setup_header h, want;

	memcpy(map.e, entries, sizeof(entries));
	tbz_default_header(&h, PM_SIZE);
	h.vid_mode = 0xfffe;
	h.type_of_loader = LOADER_TYPE_QEMU;
	memset(&bp, 0, sizeof(bp));
	bp.hdr = h;
	bzimage_set_boot_args(&bp, &a);
	want = h;
	want.code32_start = 0x200000;
	want.cmd_line_ptr = 0x20000;
	want.ramdisk_image = 0x7f00000;
	want.ramdisk_size = 0x1000;
	assert_memory_equal(&bp.hdr, &want, sizeof(want));
	assert_int_equal(bp.acpi_rsdp_addr, 0x9f000);
	assert_int_equal(bp.e820_entries, 4);
	assert_memory_equal(bp.e820_table, entries, sizeof(entries));
	assert_zero(0, BP_ACPI_RSDP_ADDR);
	assert_zero(BP_ACPI_RSDP_ADDR + 8, BP_E820_ENTRIES);
	assert_zero(BP_E820_ENTRIES + 1, BP_HDR);
	assert_zero(BP_E820_TABLE + sizeof(entries), BP_SIZE);
	/* No loader type given: "undefined", as for jiffy's direct boot. */
	a.loader_type = 0;
	bzimage_set_boot_args(&bp, &a);
	assert_int_equal(bp.hdr.type_of_loader, LOADER_TYPE_UNDEFINED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fields),
		cmocka_unit_test(addresses_above_4g),
		cmocka_unit_test(no_initrd),
		cmocka_unit_test(header_own_length),
		cmocka_unit_test(full_map),
		cmocka_unit_test(set_boot_args_only),
	};
	return cmocka_run_group_tests_name("boot_zeropage", tests, NULL, NULL);
}
