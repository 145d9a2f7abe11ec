/* test_bus_ram.c: the range bus and the checked gpa -> host translation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <errno.h>

#include "bus/bus.h"
#include "mem/guest_ram.h"

static struct bus b;
static int dev_a, dev_b;

static void handler_a(void *dev, struct bus_access *a)
{
}

static void handler_b(void *dev, struct bus_access *a)
{
}

/* The range holding addr must be [base, base + len) named name. */
static void assert_found(uint64_t addr, uint64_t base, uint64_t len,
			 const char *name)
{
	const struct bus_range *r = bus_find(&b, addr);

	if (!r)
		fail_msg("0x%llx: no range, expected %s",
			 (unsigned long long)addr, name);
	assert_int_equal(r->base, base);
	assert_int_equal(r->len, len);
	assert_string_equal(r->name, name);
}

static void add_and_find(void **state)
{
	bus_init(&b);
	assert_null(bus_find(&b, 0));
	/* Out of order, as devices are created. */
	assert_int_equal(bus_add(&b, 0x3f8, 8, handler_a, &dev_a, "COM1"), 0);
	assert_int_equal(bus_add(&b, 0x60, 1, handler_b, &dev_b, "kbd"), 0);
	assert_int_equal(bus_add(&b, 0x70, 2, handler_b, &dev_b, "CMOS"), 0);
	assert_int_equal(bus_add(&b, 0x64, 1, handler_b, &dev_b, "kbd cmd"), 0);
	assert_int_equal(b.n, 4);
	for (unsigned i = 1; i < b.n; i++)
		assert_true(b.r[i - 1].base < b.r[i].base);
	assert_found(0x3f8, 0x3f8, 8, "COM1");
	assert_found(0x3ff, 0x3f8, 8, "COM1");
	assert_null(bus_find(&b, 0x3f7));
	assert_null(bus_find(&b, 0x400));
	assert_found(0x71, 0x70, 2, "CMOS");
	assert_null(bus_find(&b, 0x72));
	assert_found(0x60, 0x60, 1, "kbd");
	assert_null(bus_find(&b, 0x61));
	assert_found(0x64, 0x64, 1, "kbd cmd");
	/* The handler and device come back as given. */
	assert_ptr_equal(bus_find(&b, 0x3fa)->fn, handler_a);
	assert_ptr_equal(bus_find(&b, 0x3fa)->dev, &dev_a);
	assert_ptr_equal(bus_find(&b, 0x70)->dev, &dev_b);
}

static void many_ranges(void **state)
{
	bus_init(&b);
	/* A full bus of 16-byte ranges with 16-byte gaps, added backwards:
	 * every hit and every gap through the binary search. */
	for (unsigned i = BUS_MAX_RANGES; i-- > 0;)
		assert_int_equal(
			bus_add(&b, 0x1000 + i * 32, 16, handler_a, NULL, "r"),
			0);
	assert_int_equal(bus_add(&b, 0, 1, handler_a, NULL, "x"), -ENOSPC);
	for (unsigned i = 0; i < BUS_MAX_RANGES; i++) {
		uint64_t base = 0x1000 + i * 32;

		assert_found(base, base, 16, "r");
		assert_found(base + 15, base, 16, "r");
		assert_null(bus_find(&b, base + 16));
		assert_null(bus_find(&b, base + 31));
	}
	assert_null(bus_find(&b, 0xfff));
	assert_null(bus_find(&b, UINT64_MAX));
}

static void overlaps(void **state)
{
	struct bus before;

	bus_init(&b);
	assert_int_equal(bus_add(&b, 0x100, 0x10, handler_a, NULL, "a"), 0);
	assert_int_equal(bus_add(&b, 0x200, 0x10, handler_a, NULL, "b"), 0);
	before = b;
	assert_int_equal(bus_add(&b, 0x10f, 1, handler_a, NULL, "x"), -EEXIST);
	assert_int_equal(bus_add(&b, 0xf0, 0x11, handler_a, NULL, "x"),
			 -EEXIST);
	assert_int_equal(bus_add(&b, 0x1f0, 0x11, handler_a, NULL, "x"),
			 -EEXIST);
	assert_int_equal(bus_add(&b, 0x104, 4, handler_a, NULL, "x"), -EEXIST);
	assert_int_equal(bus_add(&b, 0, 0x1000, handler_a, NULL, "x"), -EEXIST);
	assert_int_equal(bus_add(&b, 0x100, 0x10, handler_a, NULL, "x"),
			 -EEXIST);
	assert_memory_equal(&b, &before, sizeof(b));
	/* Exactly between them is fine. */
	assert_int_equal(bus_add(&b, 0x110, 0xf0, handler_a, NULL, "c"), 0);
	assert_found(0x1ff, 0x110, 0xf0, "c");
}

static void address_space_ends(void **state)
{
	bus_init(&b);
	assert_int_equal(bus_add(&b, 0, 0, handler_a, NULL, "x"), -EINVAL);
	assert_int_equal(bus_add(&b, UINT64_MAX, 2, handler_a, NULL, "x"),
			 -EINVAL);
	assert_int_equal(bus_add(&b, 2, UINT64_MAX, handler_a, NULL, "x"),
			 -EINVAL);
	/* A range may end on the very last address. */
	assert_int_equal(
		bus_add(&b, UINT64_MAX - 0xfff, 0x1000, handler_a, NULL, "top"),
		0);
	assert_found(UINT64_MAX, UINT64_MAX - 0xfff, 0x1000, "top");
	assert_found(UINT64_MAX - 0xfff, UINT64_MAX - 0xfff, 0x1000, "top");
	assert_null(bus_find(&b, UINT64_MAX - 0x1000));
	/* ... and nothing may overlap it from inside. */
	assert_int_equal(
		bus_add(&b, UINT64_MAX - 0x7ff, 0x10, handler_a, NULL, "x"),
		-EEXIST);
	assert_int_equal(bus_add(&b, UINT64_MAX, 1, handler_a, NULL, "x"),
			 -EEXIST);
	assert_int_equal(b.n, 1);
	/* The whole space but its last address, from 0. */
	assert_int_equal(
		bus_add(&b, 0, UINT64_MAX - 0x1000, handler_a, NULL, "all"), 0);
	assert_found(0, 0, UINT64_MAX - 0x1000, "all");
	assert_found(UINT64_MAX - 0x1001, 0, UINT64_MAX - 0x1000, "all");
}

/* What the last dispatched access brought to handler_rec. */
static struct {
	unsigned calls;
	void *dev;
	struct bus_access *a;
	uint64_t offset;
} rec;

static void handler_rec(void *dev, struct bus_access *a)
{
	rec.calls++;
	rec.dev = dev;
	rec.a = a;
	rec.offset = a->offset;
}

static void dispatch(void **state)
{
	uint8_t byte = 0x5a;
	struct bus_access a = { .data = &byte, .size = 1, .count = 1 };

	bus_init(&b);
	memset(&rec, 0, sizeof(rec));
	assert_int_equal(bus_add(&b, 0x3f8, 8, handler_rec, &dev_a, "COM1"), 0);
	assert_int_equal(bus_add(&b, 0x60, 1, handler_a, &dev_b, "kbd"), 0);
	/* The handler gets its device and the access, offset from its base. */
	a.addr = 0x3fd;
	assert_true(bus_dispatch(&b, &a));
	assert_int_equal(rec.calls, 1);
	assert_ptr_equal(rec.dev, &dev_a);
	assert_ptr_equal(rec.a, &a);
	assert_int_equal(rec.offset, 5);
	assert_int_equal(a.offset, 5);
	a.addr = 0x3f8;
	assert_true(bus_dispatch(&b, &a));
	assert_int_equal(rec.offset, 0);
	/* No range: nothing called, the access left as it was. */
	a.addr = 0x400;
	a.offset = 77;
	assert_false(bus_dispatch(&b, &a));
	assert_int_equal(rec.calls, 2);
	assert_int_equal(a.offset, 77);
	assert_int_equal(byte, 0x5a);
}

static uint8_t low[0x10000], high[0x4000];

static const struct guest_ram ram = {
	.n = 2,
	.r = { { .gpa = 0, .size = sizeof(low), .host = low },
	       { .gpa = 0x100000000ull, .size = sizeof(high), .host = high } },
};

static void ram_inside(void **state)
{
	assert_ptr_equal(guest_ram_ptr(&ram, 0, 1), low);
	assert_ptr_equal(guest_ram_ptr(&ram, 0x1234, 0x10), low + 0x1234);
	assert_ptr_equal(guest_ram_ptr(&ram, 0, sizeof(low)), low);
	assert_ptr_equal(guest_ram_ptr(&ram, 0xffff, 1), low + 0xffff);
	assert_ptr_equal(guest_ram_ptr(&ram, 0x100000000ull, 0x4000), high);
	assert_ptr_equal(guest_ram_ptr(&ram, 0x100003ff0ull, 0x10),
			 high + 0x3ff0);
	/* len 0 asks about the one address. */
	assert_ptr_equal(guest_ram_ptr(&ram, 0xffff, 0), low + 0xffff);
}

static void ram_outside(void **state)
{
	/* One byte past a region, straddling its end, in the hole. */
	assert_null(guest_ram_ptr(&ram, 0x10000, 1));
	assert_null(guest_ram_ptr(&ram, 0x10000, 0));
	assert_null(guest_ram_ptr(&ram, 0xffff, 2));
	assert_null(guest_ram_ptr(&ram, 0, sizeof(low) + 1));
	assert_null(guest_ram_ptr(&ram, 0x80000000, 0x1000));
	/* Never both regions at once, though the host could not tell. */
	assert_null(guest_ram_ptr(&ram, 0xff00, 0x100000000ull));
	assert_null(guest_ram_ptr(&ram, 0xfffffff0ull, 0x20));
	assert_null(guest_ram_ptr(&ram, 0x100004000ull, 1));
	/* Sums that would wrap around 2^64. */
	assert_null(guest_ram_ptr(&ram, 0x1000, UINT64_MAX));
	assert_null(guest_ram_ptr(&ram, 0x100000010ull, UINT64_MAX - 8));
	assert_null(guest_ram_ptr(&ram, UINT64_MAX, 2));
	assert_null(guest_ram_ptr(&ram, UINT64_MAX, 0));
}

static void ram_runs(void **state)
{
	uint64_t run = 99;

	/* Inside a region: up to its end, capped at len. */
	assert_ptr_equal(guest_ram_run(&ram, 0x1234, 0x10, &run), low + 0x1234);
	assert_int_equal(run, 0x10);
	assert_ptr_equal(guest_ram_run(&ram, 0xfff0, 0x100, &run), low + 0xfff0);
	assert_int_equal(run, 0x10);
	assert_ptr_equal(guest_ram_run(&ram, 0x100003ff0ull, UINT64_MAX, &run),
			 high + 0x3ff0);
	assert_int_equal(run, 0x10);
	/* In the hole: up to the next region, or len when none is near. */
	assert_null(guest_ram_run(&ram, 0x10000, UINT64_MAX, &run));
	assert_int_equal(run, 0x100000000ull - 0x10000);
	assert_null(guest_ram_run(&ram, 0xfffffff0ull, 0x8, &run));
	assert_int_equal(run, 0x8);
	assert_null(guest_ram_run(&ram, 0xfffffff0ull, 0x20, &run));
	assert_int_equal(run, 0x10);
	/* Above the last region: nothing more, whatever the length. */
	assert_null(guest_ram_run(&ram, 0x100004000ull, UINT64_MAX, &run));
	assert_int_equal(run, UINT64_MAX);
	assert_null(guest_ram_run(&ram, UINT64_MAX, 1, &run));
	assert_int_equal(run, 1);
	/* len 0: nothing to describe. */
	assert_ptr_equal(guest_ram_run(&ram, 0x10, 0, &run), low + 0x10);
	assert_int_equal(run, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(add_and_find),
		cmocka_unit_test(many_ranges),
		cmocka_unit_test(overlaps),
		cmocka_unit_test(address_space_ends),
		cmocka_unit_test(dispatch),
		cmocka_unit_test(ram_inside),
		cmocka_unit_test(ram_outside),
		cmocka_unit_test(ram_runs),
	};
	return cmocka_run_group_tests_name("bus_ram", tests, NULL, NULL);
}
