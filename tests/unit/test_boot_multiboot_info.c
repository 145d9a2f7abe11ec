/* test_boot_multiboot_info.c: module placement, the boot information area,
 * module spellings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <errno.h>

#include "boot/multiboot.h"
#include "mb_image.h"

#define KiB  (1ull << 10)
#define MiB  (1ull << 20)
#define GiB  (1ull << 30)
#define BASE 0x30000u

static struct boot_error err;
static struct e820_map m;

/* --- module placement ------------------------------------------------- */

static void place_in_order(void **state)
{
	struct mb_module mods[4] = {
		{ .size = 5000 }, { .size = 0 }, { .size = 4096 }, { .size = 1 }
	};
	unsigned bad = 99;

	test_pc_map(&m, 64 * MiB);
	/* After an unaligned kernel end: rounded up to the next page. */
	assert_int_equal(mb_place_modules(&m, 0x103001, mods, 4, &bad, &err),
			 0);
	assert_int_equal(mods[0].addr, 0x104000);
	assert_int_equal(mods[1].addr, 0x106000); /* empty: no room taken */
	assert_int_equal(mods[2].addr, 0x106000);
	assert_int_equal(mods[3].addr, 0x107000);
	assert_int_equal(bad, 99);
}

static void place_skips_holes(void **state)
{
	struct mb_module mods[2] = { { .size = 2 * MiB }, { .size = MiB } };
	unsigned bad;

	e820_init(&m);
	e820_add(&m, 0, 0x9fc00, E820_RAM);
	e820_add(&m, MiB, 2 * MiB, E820_RAM);	   /* [1, 3) MiB */
	e820_add(&m, 4 * MiB, 12 * MiB, E820_RAM); /* [4, 16) MiB */
	assert_int_equal(mb_place_modules(&m, 2 * MiB, mods, 2, &bad, &err), 0);
	assert_int_equal(mods[0].addr, 4 * MiB);
	assert_int_equal(mods[1].addr, 6 * MiB);
	/* A module that fits in the first range stays there. */
	mods[0].size = 4096;
	assert_int_equal(mb_place_modules(&m, 2 * MiB, mods, 2, &bad, &err), 0);
	assert_int_equal(mods[0].addr, 2 * MiB);
	assert_int_equal(mods[1].addr, 4 * MiB);
}

static void place_larger_than_ram(void **state)
{
	struct mb_module mods[2] = { { .size = 4096 }, { .size = 8 * MiB } };
	unsigned bad = 99;

	test_pc_map(&m, 4 * MiB);
	assert_int_equal(mb_place_modules(&m, 2 * MiB, mods, 2, &bad, &err),
			 -ENOSPC);
	assert_int_equal(bad, 1);
	assert_msg_has(
		err,
		"8192 KiB, more than the 3 MiB of guest RAM below 4 GiB, where multiboot modules must lie");
}

static void place_no_room_after_kernel(void **state)
{
	struct mb_module mods[2] = { { .size = 20 * MiB },
				     { .size = 20 * MiB } };
	unsigned bad = 99;

	test_pc_map(&m, 32 * MiB);
	assert_int_equal(mb_place_modules(&m, 2 * MiB, mods, 2, &bad, &err),
			 -ENOSPC);
	assert_int_equal(bad, 1);
	assert_msg_has(
		err,
		"20480 KiB do not fit in guest RAM between 0x1600000 (after the kernel and the modules before it) and 4 GiB");
}

static void place_below_4g_only(void **state)
{
	struct mb_module mods[1] = { { .size = 2 * GiB } };
	unsigned bad;

	test_pc_map(&m, 3 * GiB);
	e820_add(&m, 4 * GiB, 8 * GiB, E820_RAM);
	/* 2 GiB fit below 3 GiB from 512 MiB on, but not from 1.5 GiB:
	 * the RAM above 4 GiB is out of a 32-bit mod_start's reach. */
	assert_int_equal(mb_place_modules(&m, 512 * MiB, mods, 1, &bad, &err),
			 0);
	assert_int_equal(mods[0].addr, 512 * MiB);
	assert_int_equal(mb_place_modules(&m, 1536 * MiB, mods, 1, &bad, &err),
			 -ENOSPC);
	assert_msg_has(err, "do not fit");
	/* A start at or beyond 4 GiB never fits. */
	mods[0].size = 4096;
	assert_int_equal(mb_place_modules(&m, 4 * GiB, mods, 1, &bad, &err),
			 -ENOSPC);
}

/* --- boot information ------------------------------------------------- */

static uint8_t area[8192];

static const char *str_at(uint32_t gpa)
{
	assert_in_range(gpa, BASE, BASE + sizeof(area) - 1);
	return (const char *)area + (gpa - BASE);
}

static void info_layout(void **state)
{
	struct mb_module mods[2] = {
		{ .size = 5000, .string = "/tmp/m0 a b", .addr = 0x104000 },
		{ .size = 7, .string = NULL, .addr = 0x106000 },
	};
	struct mb_info_args a = { .base = BASE,
				  .map = &m,
				  .kernel_path = "kernel.elf",
				  .append = "console=com1 x=1",
				  .loader_name = "jiffy",
				  .mods = mods,
				  .nmods = 2 };
	struct multiboot_info mbi;
	struct multiboot_mmap_entry e;
	struct multiboot_module mod;
	size_t used = 0;

	test_pc_map(&m, 128 * MiB);
	memset(area, 0xee, sizeof(area));
	assert_int_equal(mb_build_info(area, sizeof(area), &a, &used, &err), 0);
	memcpy(&mbi, area, sizeof(mbi));
	assert_int_equal(mbi.flags, 0x24d); /* QEMU's 0x24f less BOOTDEV */
	assert_int_equal(mbi.mem_lower, 639);
	assert_int_equal(mbi.mem_upper, 127 * 1024);
	assert_int_equal(mbi.boot_device, 0);
	assert_int_equal(mbi.vbe_mode, 0);
	assert_int_equal(mbi.framebuffer_addr, 0);

	/* The memory map: the size quirk, 20 bytes after each size. */
	assert_int_equal(mbi.mmap_addr, BASE + 128);
	assert_int_equal(mbi.mmap_length, 4 * 24);
	for (unsigned i = 0; i < 4; i++) {
		memcpy(&e, area + 128 + i * 24, sizeof(e));
		assert_int_equal(e.size, 20);
		assert_int_equal(e.addr, m.e[i].addr);
		assert_int_equal(e.len, m.e[i].size);
		assert_int_equal(e.type, m.e[i].type);
	}

	assert_int_equal(mbi.mods_count, 2);
	assert_int_equal(mbi.mods_addr % 16, 0);
	assert_true(mbi.mods_addr >= mbi.mmap_addr + mbi.mmap_length);
	memcpy(&mod, area + (mbi.mods_addr - BASE), sizeof(mod));
	assert_int_equal(mod.mod_start, 0x104000);
	assert_int_equal(mod.mod_end, 0x104000 + 5000);
	assert_string_equal(str_at(mod.string), "/tmp/m0 a b");
	assert_int_equal(mod.reserved, 0);
	memcpy(&mod, area + (mbi.mods_addr - BASE) + 16, sizeof(mod));
	assert_int_equal(mod.mod_end - mod.mod_start, 7);
	assert_int_equal(mod.string, 0);

	/* The kernel's path comes first on its command line. */
	assert_string_equal(str_at(mbi.cmdline), "kernel.elf console=com1 x=1");
	assert_string_equal(str_at(mbi.boot_loader_name), "jiffy");
	assert_int_equal(used, mbi.boot_loader_name - BASE + 6);
	/* Nothing written past what it says it used. */
	assert_int_equal(area[used], 0xee);
}

static void info_empty_append_and_no_modules(void **state)
{
	struct mb_info_args a = { .base = BASE,
				  .map = &m,
				  .kernel_path = "k",
				  .append = "",
				  .loader_name = "jiffy" };
	struct multiboot_info mbi;
	size_t used;

	test_pc_map(&m, 16 * MiB);
	assert_int_equal(mb_build_info(area, sizeof(area), &a, &used, &err), 0);
	memcpy(&mbi, area, sizeof(mbi));
	/* QEMU's "%s %s": the space stays when there is nothing after it. */
	assert_string_equal(str_at(mbi.cmdline), "k ");
	assert_int_equal(mbi.flags & MULTIBOOT_INFO_MODS, MULTIBOOT_INFO_MODS);
	assert_int_equal(mbi.mods_count, 0);
	assert_int_equal(mbi.mem_upper, 15 * 1024);
}

static void info_memory_fields(void **state)
{
	struct mb_info_args a = { .base = BASE,
				  .map = &m,
				  .kernel_path = "k",
				  .append = "",
				  .loader_name = "" };
	struct multiboot_info mbi;
	size_t used;

	/* mem_upper stops at the first hole; high RAM does not count. */
	test_pc_map(&m, 3 * GiB);
	e820_add(&m, 4 * GiB, GiB, E820_RAM);
	assert_int_equal(mb_build_info(area, sizeof(area), &a, &used, &err), 0);
	memcpy(&mbi, area, sizeof(mbi));
	assert_int_equal(mbi.mem_upper, 3 * 1024 * 1024 - 1024);
	assert_int_equal(mbi.mmap_length, 5 * 24);
	/* Low RAM of a full 640 KiB, and no RAM at 1 MiB. */
	e820_init(&m);
	e820_add(&m, 0, 0xa0000, E820_RAM);
	e820_add(&m, 2 * MiB, MiB, E820_RAM);
	assert_int_equal(mb_build_info(area, sizeof(area), &a, &used, &err), 0);
	memcpy(&mbi, area, sizeof(mbi));
	assert_int_equal(mbi.mem_lower, 640);
	assert_int_equal(mbi.mem_upper, 0);
}

/* Firmware's path: QEMU's information gets only the memory part. */
static void firmware_memory_part(void **state)
{
	struct multiboot_info mbi;
	struct multiboot_mmap_entry mmap[6];
	size_t len;

	test_pc_map(&m, 128 * MiB);
	memset(&mbi, 0x5a, sizeof(mbi));
	memset(mmap, 0xa5, sizeof(mmap));
	mb_fill_memory(&mbi, &m);
	len = mb_write_mmap(mmap, &m);
	assert_int_equal(len, m.n * sizeof(mmap[0]));
	for (unsigned i = 0; i < m.n; i++) {
		assert_int_equal(mmap[i].size, MULTIBOOT_MMAP_ENTRY_SIZE);
		assert_int_equal(mmap[i].addr, m.e[i].addr);
		assert_int_equal(mmap[i].len, m.e[i].size);
		assert_int_equal(mmap[i].type, m.e[i].type);
	}
	/* Past the map, nothing was written. */
	assert_int_equal(((uint8_t *)mmap)[len], 0xa5);
	assert_int_equal(mbi.mem_upper, 127 * 1024);
	assert_in_range(mbi.mem_lower, 600, 640);
	/* Every other field is the caller's. */
	assert_int_equal(mbi.flags, 0x5a5a5a5a);
	assert_int_equal(mbi.mmap_addr, 0x5a5a5a5a);
	assert_int_equal(mbi.cmdline, 0x5a5a5a5a);
}

static void info_too_big(void **state)
{
	char path[600];
	struct mb_info_args a = { .base = BASE,
				  .map = &m,
				  .kernel_path = path,
				  .append = "",
				  .loader_name = "jiffy" };
	size_t used = 1234;

	test_pc_map(&m, 16 * MiB);
	memset(path, 'p', sizeof(path) - 1);
	path[sizeof(path) - 1] = '\0';
	assert_int_equal(mb_build_info(area, 700, &a, &used, &err), -ENOSPC);
	assert_msg_has(
		err,
		"the multiboot information (memory map, 0 modules, command line and module strings) needs 831 bytes; 700 are set aside for it");
	assert_int_equal(used, 1234);
	assert_int_equal(mb_build_info(area, 831, &a, &used, &err), 0);
	assert_int_equal(used, 831);
	/* Nor may it reach past 4 GiB. */
	a.base = 0xffffff00u;
	assert_int_equal(mb_build_info(area, sizeof(area), &a, &used, &err),
			 -ENOSPC);
}

/* --- module spellings --------------------------------------------------- */

/* Every item of a QEMU -initrd list, joined with '|'. */
static const char *items(const char *list)
{
	static char out[256];
	char item[128];
	unsigned n = 0;

	out[0] = '\0';
	for (const char *p = list; p; n++) {
		p = mb_list_next(p, item);
		if (n)
			strcat(out, "|");
		strcat(out, item);
	}
	assert_int_equal(n, mb_list_count(list));
	return out;
}

static void qemu_list(void **state)
{
	assert_string_equal(items("a"), "a");
	assert_string_equal(items("file1 arg1 arg2,file2"),
			    "file1 arg1 arg2|file2");
	/* ",," is a literal comma, in file names and arguments alike. */
	assert_string_equal(items("a,,b c,,d,e"), "a,b c,d|e");
	/* Three commas: a literal one, then a separator. */
	assert_string_equal(items("a,,,b"), "a,|b");
	assert_string_equal(items("a,,,,b"), "a,,b");
	/* Empty items are items (the loader refuses them). */
	assert_string_equal(items("a,"), "a|");
	assert_string_equal(items(",a"), "|a");
	assert_string_equal(items(""), "");
	assert_string_equal(items("a, b"), "a| b");
}

static void module_option(void **state)
{
	char file[64], string[64];

	mb_module_arg("mod.bin", file, string);
	assert_string_equal(file, "mod.bin");
	assert_string_equal(string, "mod.bin");
	mb_module_arg("mod.bin,root=/dev/x quiet", file, string);
	assert_string_equal(file, "mod.bin");
	assert_string_equal(string, "mod.bin root=/dev/x quiet");
	/* Arguments are verbatim: commas in them stay. */
	mb_module_arg("m,a,b,,c", file, string);
	assert_string_equal(file, "m");
	assert_string_equal(string, "m a,b,,c");
	/* A comma in the file name is written ",,". */
	mb_module_arg("x,,y,z", file, string);
	assert_string_equal(file, "x,y");
	assert_string_equal(string, "x,y z");
	/* An empty argument list is none. */
	mb_module_arg("m,", file, string);
	assert_string_equal(string, "m");
	mb_module_arg(",args", file, string);
	assert_string_equal(file, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(place_in_order),
		cmocka_unit_test(place_skips_holes),
		cmocka_unit_test(place_larger_than_ram),
		cmocka_unit_test(place_no_room_after_kernel),
		cmocka_unit_test(place_below_4g_only),
		cmocka_unit_test(info_layout),
		cmocka_unit_test(info_empty_append_and_no_modules),
		cmocka_unit_test(info_memory_fields),
		cmocka_unit_test(firmware_memory_part),
		cmocka_unit_test(info_too_big),
		cmocka_unit_test(qemu_list),
		cmocka_unit_test(module_option),
	};
	return cmocka_run_group_tests_name("boot_multiboot_info", tests, NULL,
					   NULL);
}
