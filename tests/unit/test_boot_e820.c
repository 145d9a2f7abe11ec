/* test_boot_e820.c: the sorted memory map: merging, refusals, queries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <errno.h>

#include "boot/e820.h"

#define MiB (1ull << 20)
#define GiB (1ull << 30)

static struct e820_map m;

/* Entry i is [addr, addr + size) of type. */
static void assert_entry(unsigned i, uint64_t addr, uint64_t size,
			 uint32_t type)
{
	assert_in_range(i, 0, m.n - 1);
	assert_int_equal(m.e[i].addr, addr);
	assert_int_equal(m.e[i].size, size);
	assert_int_equal(m.e[i].type, type);
}

/* A PC-shaped map: low RAM, EBDA, BIOS, RAM to 3 GiB, RAM above 4 GiB. */
static void pc_map(void)
{
	e820_init(&m);
	assert_int_equal(e820_add(&m, 4 * GiB, 2 * GiB, E820_RAM), 0);
	assert_int_equal(e820_add(&m, 0xf0000, 0x10000, E820_RESERVED), 0);
	assert_int_equal(e820_add(&m, 0, 0x9fc00, E820_RAM), 0);
	assert_int_equal(e820_add(&m, MiB, 3 * GiB - MiB, E820_RAM), 0);
	assert_int_equal(e820_add(&m, 0x9fc00, 0x400, E820_RESERVED), 0);
}

static void sorted(void **state)
{
	e820_init(&m);
	assert_int_equal(m.n, 0);
	assert_int_equal(e820_ram_total(&m), 0);
	pc_map();
	assert_int_equal(m.n, 5);
	assert_entry(0, 0, 0x9fc00, E820_RAM);
	assert_entry(1, 0x9fc00, 0x400, E820_RESERVED);
	assert_entry(2, 0xf0000, 0x10000, E820_RESERVED);
	assert_entry(3, MiB, 3 * GiB - MiB, E820_RAM);
	assert_entry(4, 4 * GiB, 2 * GiB, E820_RAM);
	assert_int_equal(e820_ram_total(&m), 0x9fc00 + 5 * GiB - MiB);
}

static void merging(void **state)
{
	e820_init(&m);
	/* After an entry of the same type. */
	assert_int_equal(e820_add(&m, 0x1000, 0x1000, E820_RAM), 0);
	assert_int_equal(e820_add(&m, 0x2000, 0x1000, E820_RAM), 0);
	assert_int_equal(m.n, 1);
	assert_entry(0, 0x1000, 0x2000, E820_RAM);
	/* Before one. */
	assert_int_equal(e820_add(&m, 0, 0x1000, E820_RAM), 0);
	assert_int_equal(m.n, 1);
	assert_entry(0, 0, 0x3000, E820_RAM);
	/* Bridging two: all three become one. */
	assert_int_equal(e820_add(&m, 0x4000, 0x1000, E820_RAM), 0);
	assert_int_equal(m.n, 2);
	assert_int_equal(e820_add(&m, 0x3000, 0x1000, E820_RAM), 0);
	assert_int_equal(m.n, 1);
	assert_entry(0, 0, 0x5000, E820_RAM);
	/* Touching but of another type: kept apart on both sides. */
	assert_int_equal(e820_add(&m, 0x6000, 0x1000, E820_RAM), 0);
	assert_int_equal(e820_add(&m, 0x5000, 0x1000, E820_ACPI), 0);
	assert_int_equal(m.n, 3);
	assert_entry(1, 0x5000, 0x1000, E820_ACPI);
	assert_entry(2, 0x6000, 0x1000, E820_RAM);
}

static void overlap_refused(void **state)
{
	struct e820_map before;

	pc_map();
	before = m;
	/* Into the end of the previous entry, the start of the next, over a
	 * whole entry, inside one, and an exact duplicate. */
	assert_int_equal(e820_add(&m, 0x9f000, 0x1000, E820_RAM), -EEXIST);
	assert_int_equal(e820_add(&m, 0xa0000, 0x50001, E820_RAM), -EEXIST);
	assert_int_equal(e820_add(&m, 0xe0000, 0x30000, E820_NVS), -EEXIST);
	assert_int_equal(e820_add(&m, 2 * GiB, 4096, E820_RESERVED), -EEXIST);
	assert_int_equal(e820_add(&m, 0xf0000, 0x10000, E820_RESERVED),
			 -EEXIST);
	assert_int_equal(e820_add(&m, 0, 8 * GiB, E820_RAM), -EEXIST);
	assert_memory_equal(&m, &before, sizeof(m));
	/* The gap itself is free, and fills to one reserved entry. */
	assert_int_equal(e820_add(&m, 0xa0000, 0x50000, E820_RESERVED), 0);
	assert_int_equal(m.n, 4);
	assert_entry(1, 0x9fc00, 0x60400, E820_RESERVED);
	assert_entry(2, MiB, 3 * GiB - MiB, E820_RAM);
}

static void bad_ranges(void **state)
{
	e820_init(&m);
	assert_int_equal(e820_add(&m, 0x1000, 0, E820_RAM), -EINVAL);
	assert_int_equal(e820_add(&m, UINT64_MAX - 0xfff, 0x2000, E820_RAM),
			 -EINVAL);
	/* Ending exactly at 2^64 has no representable end either. */
	assert_int_equal(e820_add(&m, UINT64_MAX - 0xfff, 0x1000, E820_RAM),
			 -EINVAL);
	assert_int_equal(e820_add(&m, UINT64_MAX - 0xfff, 0xfff, E820_RAM), 0);
	assert_int_equal(m.n, 1);
}

static void full(void **state)
{
	e820_init(&m);
	for (unsigned i = 0; i < E820_MAP_MAX; i++)
		assert_int_equal(e820_add(&m, i * 0x2000ull, 0x1000,
					  i % 2 ? E820_NVS : E820_RAM),
				 0);
	assert_int_equal(m.n, E820_MAP_MAX);
	assert_int_equal(e820_add(&m, 1 * GiB, 0x1000, E820_RAM), -ENOSPC);
	/* Growing an entry needs no new slot. */
	assert_int_equal(e820_add(&m, 0x1000, 0x1000, E820_RAM), 0);
	assert_entry(0, 0, 0x2000, E820_RAM);
	assert_int_equal(m.n, E820_MAP_MAX);
}

static void is_ram(void **state)
{
	pc_map();
	assert_true(e820_is_ram(&m, 0, 0x9fc00));
	assert_false(e820_is_ram(&m, 0, 0x9fc01));
	assert_false(e820_is_ram(&m, 0x9fc00, 1));
	assert_true(e820_is_ram(&m, MiB, 3 * GiB - MiB));
	assert_false(e820_is_ram(&m, 3 * GiB - 4096, 8192));
	/* Two RAM entries with a hole between are not one range. */
	assert_false(e820_is_ram(&m, 3 * GiB - 4096, GiB + 8192));
	assert_true(e820_is_ram(&m, 5 * GiB, GiB));
	/* len 0 asks about one address. */
	assert_true(e820_is_ram(&m, 0x9fbff, 0));
	assert_false(e820_is_ram(&m, 0x9fc00, 0));
	assert_false(e820_is_ram(&m, 6 * GiB, 0));
	/* Wrapping ranges are never RAM. */
	assert_false(e820_is_ram(&m, 5 * GiB, UINT64_MAX));
	assert_false(e820_is_ram(&m, UINT64_MAX, 2));
}

static void ram_end(void **state)
{
	pc_map();
	assert_int_equal(e820_ram_end(&m, 0), 0x9fc00);
	assert_int_equal(e820_ram_end(&m, 0x9fbff), 0x9fc00);
	assert_int_equal(e820_ram_end(&m, 0x9fc00), 0);
	assert_int_equal(e820_ram_end(&m, 0xf8000), 0);
	assert_int_equal(e820_ram_end(&m, 2 * GiB), 3 * GiB);
	assert_int_equal(e820_ram_end(&m, 3 * GiB), 0);
	assert_int_equal(e820_ram_end(&m, 6 * GiB - 1), 6 * GiB);
}

static void find_top(void **state)
{
	uint64_t at = 0x5a5a;

	pc_map();
	/* Highest fit overall is at the top of RAM above 4 GiB. */
	assert_int_equal(e820_find_top(&m, 16 * MiB, 4096, 0, UINT64_MAX, &at),
			 0);
	assert_int_equal(at, 6 * GiB - 16 * MiB);
	/* Below 4 GiB: the top of low RAM, aligned down. */
	assert_int_equal(e820_find_top(&m, 0x1234, 4096, 0, 4 * GiB, &at), 0);
	assert_int_equal(at, 3 * GiB - 0x2000);
	assert_int_equal(e820_find_top(&m, 0x1234, 2 * MiB, 0, 4 * GiB, &at),
			 0);
	assert_int_equal(at, 3 * GiB - 2 * MiB);
	/* hi inside an entry clips it; addr + size stays <= hi. */
	assert_int_equal(e820_find_top(&m, 0x1000, 4096, 0, 0x80000001, &at),
			 0);
	assert_int_equal(at, 0x7ffff000);
	/* Too big for the top entry: the next one down. */
	assert_int_equal(e820_find_top(&m, 0x90000, 4096, 0, 0x100000, &at), 0);
	assert_int_equal(at, 0xf000);
	/* Reserved entries are never used. */
	assert_int_equal(e820_find_top(&m, 0x400, 1, 0x9fc00, 0xa0000, &at),
			 -ENOSPC);
	at = 0x5a5a;
	/* Above lo only: nothing fits between lo and hi. */
	assert_int_equal(
		e820_find_top(&m, 0x2000, 4096, 0x9f000, 0x100000, &at),
		-ENOSPC);
	/* Bigger than any entry, than all RAM, than hi. */
	assert_int_equal(e820_find_top(&m, 3 * GiB, 4096, 0, UINT64_MAX, &at),
			 -ENOSPC);
	assert_int_equal(e820_find_top(&m, 8 * GiB, 4096, 0, UINT64_MAX, &at),
			 -ENOSPC);
	assert_int_equal(e820_find_top(&m, 0x1000, 4096, 0, 0xfff, &at),
			 -ENOSPC);
	assert_int_equal(at, 0x5a5a);
	/* Nonsense requests. */
	assert_int_equal(e820_find_top(&m, 0, 4096, 0, UINT64_MAX, &at),
			 -EINVAL);
	assert_int_equal(e820_find_top(&m, 4096, 0, 0, UINT64_MAX, &at),
			 -EINVAL);
	assert_int_equal(e820_find_top(&m, 4096, 3000, 0, UINT64_MAX, &at),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sorted),
		cmocka_unit_test(merging),
		cmocka_unit_test(overlap_refused),
		cmocka_unit_test(bad_ranges),
		cmocka_unit_test(full),
		cmocka_unit_test(is_ram),
		cmocka_unit_test(ram_end),
		cmocka_unit_test(find_top),
	};
	return cmocka_run_group_tests_name("boot_e820", tests, NULL, NULL);
}
