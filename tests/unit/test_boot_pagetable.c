/* test_boot_pagetable.c: the 4 GiB identity map for the 64-bit entry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "boot/pagetable.h"

#define PAGE 4096

/* Six pages, dirtied first so that every entry written is checked. */
static uint64_t tables[PAGETABLE_IDENTITY_PAGES * PAGE / 8];

/* The physical address entry e maps or points to. */
static uint64_t addr_of(uint64_t e)
{
	return e & 0x000ffffffffff000ull;
}

static void identity_4g(void **state)
{
	const uint64_t gpa = 0x9000;
	const uint64_t *pml4 = tables, *pdpt = tables + 512,
		       *pd = tables + 1024;

	memset(tables, 0xee, sizeof(tables));
	pagetable_identity_4g(tables, gpa);
	/* PML4[0] -> PDPT, present and writable; nothing else. */
	assert_int_equal(pml4[0], (gpa + PAGE) | 0x3);
	for (unsigned i = 1; i < 512; i++)
		assert_int_equal(pml4[i], 0);
	/* PDPT[0..3] -> the four page directories. */
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(pdpt[i], (gpa + (2 + i) * PAGE) | 0x3);
	for (unsigned i = 4; i < 512; i++)
		assert_int_equal(pdpt[i], 0);
	/* 2048 2 MiB pages, present, writable, PS: address i << 21. */
	for (unsigned i = 0; i < 4 * 512; i++) {
		assert_int_equal(pd[i] & 0xfff, 0x83);
		assert_int_equal(addr_of(pd[i]), (uint64_t)i << 21);
	}
	assert_int_equal(pd[2047], 0xffe00083ull);
}

/* Walk the tables as the MMU would for a virtual address. */
static uint64_t translate(uint64_t gpa, uint64_t va)
{
	uint64_t e = tables[(va >> 39) & 511];

	assert_true(e & 1);
	e = tables[(addr_of(e) - gpa) / 8 + ((va >> 30) & 511)];
	assert_true(e & 1);
	e = tables[(addr_of(e) - gpa) / 8 + ((va >> 21) & 511)];
	assert_int_equal(e & 0x81, 0x81);
	return addr_of(e) + (va & 0x1fffff);
}

static void walk(void **state)
{
	const uint64_t gpa = 0x1230000;
	const uint64_t probes[] = { 0,		0x7000,	    0x1000200,
				    0x3fffffff, 0x40000000, 0xc0000000,
				    0xfee00000, 0xffffffff };

	memset(tables, 0xee, sizeof(tables));
	pagetable_identity_4g(tables, gpa);
	for (unsigned i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
		assert_int_equal(translate(gpa, probes[i]), probes[i]);
	/* 4 GiB and above: PDPT entry 4 is not present. */
	assert_int_equal(tables[512 + 4] & 1, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(identity_4g),
		cmocka_unit_test(walk),
	};
	return cmocka_run_group_tests_name("boot_pagetable", tests, NULL, NULL);
}
