/* test_boot_bzimage.c: setup-header checks, placement, cmdline, initrd limit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <errno.h>

#include "boot/bzimage.h"
#include "boot/detect.h"
#include "image_builder.h"

#define PM_SIZE 0x4000 /* protected-mode code in the test images */
#define MiB	(1ull << 20)

/* Parse a bzImage built from h; bz keeps pointing into the freed file,
 * so callers use only the parsed fields. */
static int parse_hdr(const struct setup_header *h, size_t pm_size,
		     struct bzimage *bz, struct boot_error *err)
{
	size_t size;
	uint8_t *f = tbz_build(h, pm_size, &size);
	int ret = bzimage_parse(bz, f, size, err);

	free(f);
	bz->data = NULL;
	return ret;
}

/* The default header with one change applied by the caller. */
static struct setup_header hdr(void)
{
	struct setup_header h;

	tbz_default_header(&h, PM_SIZE);
	return h;
}

static void good_image(void **state)
{
	struct boot_error err = { "untouched" };
	struct bzimage bz;
	size_t size;
	uint8_t *f = tbz_default(PM_SIZE, &size);

	assert_int_equal(size, 0xa00 + PM_SIZE);
	assert_true(bzimage_is_bzimage(f, size));
	assert_int_equal(kernel_detect(f, size), KERNEL_BZIMAGE);
	assert_int_equal(bzimage_parse(&bz, f, size, &err), 0);
	assert_string_equal(err.msg, "untouched");
	assert_ptr_equal(bz.data, f);
	assert_int_equal(bz.size, size);
	assert_int_equal(bz.pm_offset, 0xa00);
	assert_int_equal(bz.pm_size, PM_SIZE);
	assert_int_equal(bz.mem_size, TBZ_INIT_SIZE);
	assert_int_equal(bz.align, TBZ_ALIGN);
	assert_int_equal(bz.hdr_len, 0x26c - 0x1f1);
	assert_int_equal(bz.hdr.version, 0x020f);
	assert_int_equal(bz.hdr.pref_address, TBZ_PREF_ADDRESS);
	assert_int_equal(bz.hdr.cmdline_size, TBZ_CMDLINE_SIZE);
	assert_int_equal(bz.hdr.kernel_info_offset, 0x1234);
	/* The 64-bit entry, 0x200 into the PM code, is in the file. */
	assert_int_equal(f[bz.pm_offset + PM_ENTRY64_OFFSET],
			 (uint8_t)(0x200 ^ 0x5a));
	free(f);
}

static void setup_sects(void **state)
{
	struct setup_header h = hdr();
	struct bzimage bz;

	h.setup_sects = 0; /* means 4 */
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bz.pm_offset, 5 * 512);
	h.setup_sects = 1;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bz.pm_offset, 2 * 512);
	assert_int_equal(bz.pm_size, PM_SIZE);
	h.setup_sects = 30;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bz.pm_offset, 31 * 512);
}

static void sizes_and_alignment(void **state)
{
	struct setup_header h = hdr();
	struct bzimage bz;

	/* init_size below the file's own size: the file counts. */
	h.init_size = 0x100;
	h.kernel_alignment = 0; /* unstated: 2 MiB */
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bz.mem_size, PM_SIZE);
	assert_int_equal(bz.align, 2 * MiB);
	h.kernel_alignment = 0x1000000;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bz.align, 0x1000000);
}

static void bad_boot_flag(void **state)
{
	struct setup_header h = hdr();
	struct boot_error err;
	struct bzimage bz;

	h.boot_flag = 0x1234;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, &err), -ENOEXEC);
	assert_msg_has(err, "boot_flag at 0x1fe is 0x1234, not 0xaa55");
}

static void no_hdrs(void **state)
{
	struct setup_header h = hdr();
	struct boot_error err;
	struct bzimage bz;
	char what[100];
	size_t size;
	uint8_t *f;

	h.header = 0x54726448; /* "HdrT" */
	f = tbz_build(&h, PM_SIZE, &size);
	assert_false(bzimage_is_bzimage(f, size));
	assert_int_equal(kernel_detect(f, size), KERNEL_UNKNOWN);
	assert_string_equal(kernel_describe(f, size, what, sizeof(what)),
			    "a boot sector without a Linux setup header");
	assert_int_equal(bzimage_parse(&bz, f, size, &err), -ENOEXEC);
	assert_msg_has(
		err, "setup header magic at 0x202 is 0x54726448, not \"HdrS\"");
	free(f);
}

static void protocol_too_old(void **state)
{
	struct setup_header h = hdr();
	struct boot_error err;
	struct bzimage bz;

	h.version = 0x020b;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, &err), -ENOEXEC);
	assert_msg_has(
		err,
		"boot protocol 2.11 is too old: direct boot needs 2.12 or later");
	h.version = 0x0200;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, &err), -ENOEXEC);
	assert_msg_has(err, "boot protocol 2.00 is too old");
	h.version = 0x020c;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, &err), 0);
}

static void no_kernel_64(void **state)
{
	struct setup_header h = hdr();
	struct boot_error err;
	struct bzimage bz;

	h.xloadflags = XLF_CAN_BE_LOADED_ABOVE_4G | XLF_EFI_HANDOVER_32;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, &err), -ENOEXEC);
	assert_msg_has(err, "xloadflags 0x0006 has no XLF_KERNEL_64");
}

static void not_loaded_high(void **state)
{
	struct setup_header h = hdr();
	struct boot_error err;
	struct bzimage bz;

	h.loadflags = CAN_USE_HEAP;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, &err), -ENOEXEC);
	assert_msg_has(err, "loadflags 0x80 lacks LOADED_HIGH");
}

static void setup_past_file(void **state)
{
	struct boot_error err;
	struct bzimage bz;
	size_t size;
	uint8_t *f = tbz_default(PM_SIZE, &size);

	f[SETUP_HEADER_OFFSET] = 200;
	assert_int_equal(bzimage_parse(&bz, f, size, &err), -ENOEXEC);
	assert_msg_has(
		err,
		"setup_sects 200 puts the kernel at 0x19200, but the file is only 0x4a00 bytes");
	free(f);
}

static void entry_past_file(void **state)
{
	struct setup_header h = hdr();
	struct boot_error err;
	struct bzimage bz;

	/* The 64-bit entry at +0x200 must be a byte of the file. */
	h.syssize = 0x20;
	assert_int_equal(parse_hdr(&h, 0x200, &bz, &err), -ENOEXEC);
	assert_msg_has(
		err,
		"puts the kernel at 0xa00, but the file is only 0xc00 bytes");
	assert_int_equal(parse_hdr(&h, 0x201, &bz, &err), 0);
}

static void syssize_past_file(void **state)
{
	struct setup_header h = hdr();
	struct boot_error err;
	struct bzimage bz;

	h.syssize = PM_SIZE / 16 + 1;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, &err), -ENOEXEC);
	assert_msg_has(
		err,
		"syssize says 0x4010 bytes of kernel, the file has 0x4000");
	/* Paragraphs round up: 0x3ff1 to 0x4000 bytes are 0x400 of them,
	 * 0x3ff0 bytes only 0x3ff. */
	h.syssize = 0x400;
	assert_int_equal(parse_hdr(&h, 0x4000, &bz, &err), 0);
	assert_int_equal(parse_hdr(&h, 0x3ff1, &bz, &err), 0);
	assert_int_equal(parse_hdr(&h, 0x3ff0, &bz, &err), -ENOEXEC);
	assert_msg_has(
		err,
		"syssize says 0x4000 bytes of kernel, the file has 0x3ff0");
	h.syssize = 0xffffffff;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, &err), -ENOEXEC);
	assert_msg_has(err, "syssize says 0xffffffff0 bytes");
}

static void alignment_not_power_of_two(void **state)
{
	struct setup_header h = hdr();
	struct boot_error err;
	struct bzimage bz;

	h.kernel_alignment = 0x300000;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, &err), -ENOEXEC);
	assert_msg_has(err, "kernel_alignment 0x300000 is not a power of two");
}

static void short_header(void **state)
{
	struct setup_header h = hdr();
	struct boot_error err;
	struct bzimage bz;

	/* The jump byte says the header ends at 0x232, before xloadflags. */
	h.jump = 0xeb | (0x30 << 8);
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, &err), -ENOEXEC);
	assert_msg_has(
		err,
		"setup header ends at 0x232 (jump byte 0x30), before the protocol 2.12 fields");
	/* Past xloadflags but not through init_size: pref_address and
	 * init_size would read as 0, so placement would be blind. */
	h.jump = 0xeb | (0x50 << 8);
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, &err), -ENOEXEC);
	assert_msg_has(
		err,
		"setup header ends at 0x252 (jump byte 0x50), before the protocol 2.12 fields");
	h.jump = 0xeb | (0x61 << 8);
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, &err), -ENOEXEC);
	h.jump = 0xeb | (0x62 << 8);
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, &err), 0);
	assert_int_equal(bz.mem_size, TBZ_INIT_SIZE);
}

static void tiny_files(void **state)
{
	struct boot_error err;
	struct bzimage bz;
	size_t size;
	uint8_t *f = tbz_default(PM_SIZE, &size), *g;

	assert_int_equal(bzimage_parse(&bz, f, 0x100, &err), -ENOEXEC);
	assert_msg_has(err,
		       "file is 256 bytes, too short for a Linux setup header");
	assert_false(bzimage_is_bzimage(f, 0x205));
	/* Cut inside the header: only what the file holds is read. */
	g = malloc(0x230);
	memcpy(g, f, 0x230);
	assert_true(bzimage_is_bzimage(g, 0x230));
	assert_int_equal(bzimage_parse(&bz, g, 0x230, &err), -ENOEXEC);
	assert_msg_has(err, "setup header ends at 0x230 (jump byte 0x6a)");
	free(g);
	free(f);
}

static void place_preferred(void **state)
{
	struct setup_header h = hdr();
	struct e820_map m;
	struct bzimage bz;
	uint64_t load = 0;

	test_pc_map(&m, 256 * MiB);
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_place(&bz, &m, &load, NULL), 0);
	assert_int_equal(load, TBZ_PREF_ADDRESS);
	/* Relocatable: an unaligned preference is rounded up. */
	h.pref_address = 0x1100000;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_place(&bz, &m, &load, NULL), 0);
	assert_int_equal(load, 0x1200000);
	/* Not relocatable: taken as it is. */
	h.relocatable_kernel = 0;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_place(&bz, &m, &load, NULL), 0);
	assert_int_equal(load, 0x1100000);
	/* No preference (pre-2.10 style): 1 MiB. */
	h.pref_address = 0;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_place(&bz, &m, &load, NULL), 0);
	assert_int_equal(load, MiB);
}

static void place_lowest_fit(void **state)
{
	struct setup_header h = hdr();
	struct boot_error err;
	struct e820_map m;
	struct bzimage bz;
	uint64_t load = 0;

	/* 20 MiB: [16, 24) MiB does not fit, [2, 10) MiB does. */
	test_pc_map(&m, 20 * MiB);
	h.init_size = 8 * MiB;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_place(&bz, &m, &load, &err), 0);
	assert_int_equal(load, 2 * MiB);
	/* With 16 MiB alignment the only candidate is 16 MiB itself. */
	h.kernel_alignment = 16 * MiB;
	h.init_size = 4 * MiB;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_place(&bz, &m, &load, &err), 0);
	assert_int_equal(load, 16 * MiB);
	h.init_size = 4 * MiB + 1;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_place(&bz, &m, &load, &err), -ENOSPC);
}

static void place_not_relocatable(void **state)
{
	struct setup_header h = hdr();
	struct boot_error err;
	struct e820_map m;
	struct bzimage bz;
	uint64_t load = 0x5a5a;

	test_pc_map(&m, 20 * MiB);
	h.init_size = 8 * MiB;
	h.relocatable_kernel = 0;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_place(&bz, &m, &load, &err), -ENOSPC);
	assert_string_equal(
		err.msg,
		"kernel needs 0x800000 bytes of RAM at 0x1000000, more than guest RAM (19 MiB) has");
	assert_int_equal(load, 0x5a5a);
}

static void kernel_bigger_than_ram(void **state)
{
	struct setup_header h = hdr();
	struct boot_error err;
	struct e820_map m;
	struct bzimage bz;
	uint64_t load;

	test_pc_map(&m, 256 * MiB);
	h.init_size = 512 * MiB;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_place(&bz, &m, &load, &err), -ENOSPC);
	assert_string_equal(
		err.msg,
		"kernel needs 0x20000000 bytes of RAM at 0x1000000 or any aligned address, more than guest RAM (255 MiB) has");
	h.relocatable_kernel = 0;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_place(&bz, &m, &load, &err), -ENOSPC);
	assert_msg_has(err, "needs 0x20000000 bytes of RAM at 0x1000000, more");
}

static void place_below_4g_only(void **state)
{
	struct setup_header h = hdr();
	struct e820_map m;
	struct bzimage bz;
	uint64_t load;

	/* RAM only above 4 GiB, where the identity map does not reach. */
	e820_init(&m);
	assert_int_equal(e820_add(&m, 0, 0x9fc00, E820_RAM), 0);
	assert_int_equal(e820_add(&m, 4ull << 30, 1ull << 30, E820_RAM), 0);
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_place(&bz, &m, &load, NULL), -ENOSPC);
	h.pref_address = 4ull << 30;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_place(&bz, &m, &load, NULL), -ENOSPC);
}

static void place_wrapping_preference(void **state)
{
	struct setup_header h = hdr();
	struct boot_error err;
	struct e820_map m;
	struct bzimage bz;
	uint64_t load = 0x5a5a;

	/* Rounded up to 2 MiB, this preference wraps to 0, where the boot
	 * structures live: a relocatable kernel goes to the lowest fit. */
	test_pc_map(&m, 256 * MiB);
	h.pref_address = 0xffffffffffe00001ull;
	h.init_size = 0x10000;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_place(&bz, &m, &load, &err), 0);
	assert_int_equal(load, 2 * MiB);
	/* Not relocatable: refused, naming the address it asked for. */
	h.relocatable_kernel = 0;
	h.pref_address = 0xfffffffffffff000ull;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_place(&bz, &m, &load, &err), -ENOSPC);
	assert_msg_has(err, "RAM at 0xfffffffffffff000, more than");
}

static void initrd_limit_and_fit(void **state)
{
	struct setup_header h = hdr();
	struct e820_map m;
	struct bzimage bz;
	uint64_t load, at = 0;

	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_initrd_limit(&bz), UINT64_MAX);
	h.xloadflags = XLF_KERNEL_64;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_initrd_limit(&bz), 0x80000000);
	h.initrd_addr_max = 0xffffffff;
	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_initrd_limit(&bz), 0x100000000ull);
	/* What the loader asks of the map: above the kernel, below the
	 * limit. A 16 MiB initrd goes to the top of 256 MiB. */
	test_pc_map(&m, 256 * MiB);
	assert_int_equal(bzimage_place(&bz, &m, &load, NULL), 0);
	assert_int_equal(e820_find_top(&m, 16 * MiB, 4096, load + bz.mem_size,
				       bzimage_initrd_limit(&bz), &at),
			 0);
	assert_int_equal(at, 240 * MiB);
	/* One bigger than RAM does not fit anywhere. */
	assert_int_equal(e820_find_top(&m, 300 * MiB, 4096, load + bz.mem_size,
				       bzimage_initrd_limit(&bz), &at),
			 -ENOSPC);
	/* Nor one that fits RAM but not between kernel end and limit. */
	assert_int_equal(e820_find_top(&m, 250 * MiB, 4096, load + bz.mem_size,
				       bzimage_initrd_limit(&bz), &at),
			 -ENOSPC);
}

static void cmdline_size(void **state)
{
	struct setup_header h = hdr();
	struct boot_error err;
	struct bzimage bz;

	assert_int_equal(parse_hdr(&h, PM_SIZE, &bz, NULL), 0);
	assert_int_equal(bzimage_check_cmdline(&bz, 0, &err), 0);
	assert_int_equal(bzimage_check_cmdline(&bz, TBZ_CMDLINE_SIZE, &err), 0);
	assert_int_equal(bzimage_check_cmdline(&bz, TBZ_CMDLINE_SIZE + 1, &err),
			 -E2BIG);
	assert_string_equal(
		err.msg,
		"command line is 2048 bytes; the kernel's cmdline_size allows 2047");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_image),
		cmocka_unit_test(setup_sects),
		cmocka_unit_test(sizes_and_alignment),
		cmocka_unit_test(bad_boot_flag),
		cmocka_unit_test(no_hdrs),
		cmocka_unit_test(protocol_too_old),
		cmocka_unit_test(no_kernel_64),
		cmocka_unit_test(not_loaded_high),
		cmocka_unit_test(setup_past_file),
		cmocka_unit_test(entry_past_file),
		cmocka_unit_test(syssize_past_file),
		cmocka_unit_test(alignment_not_power_of_two),
		cmocka_unit_test(short_header),
		cmocka_unit_test(tiny_files),
		cmocka_unit_test(place_preferred),
		cmocka_unit_test(place_lowest_fit),
		cmocka_unit_test(place_not_relocatable),
		cmocka_unit_test(kernel_bigger_than_ram),
		cmocka_unit_test(place_below_4g_only),
		cmocka_unit_test(place_wrapping_preference),
		cmocka_unit_test(initrd_limit_and_fit),
		cmocka_unit_test(cmdline_size),
	};
	return cmocka_run_group_tests_name("boot_bzimage", tests, NULL, NULL);
}
