/* bz_paging.c: 4-level identity page tables for exactly what the bzImage guest touches. */
#include "bz.h"
#include "jt.h"

/*
 * The 64-bit protocol only promises an identity map of the kernel, the
 * zero page and the command line; the 32-bit entry maps only this image.
 * So the guest builds its own tables (2 MiB pages, from a pool inside
 * init_size) for each range before it reads it: initrd samples may lie
 * anywhere, even above 4 GiB.
 */
#define PTE_P	 0x1ull
#define PTE_W	 0x2ull
#define PTE_ADDR 0x000ffffffffff000ull
#define PAGE_2M	 (1ull << 21)
#define VA_LIMIT (1ull << 47) /* 4-level paging, lower half */

extern uint64_t bz_pt_pool[BZ_PT_POOL_PAGES][512];

static uint64_t *pt_root;
static unsigned pt_used;

static uint64_t *pt_alloc(void)
{
	uint64_t *t;
	unsigned long n = 512;

	if (pt_used == BZ_PT_POOL_PAGES)
		jt_fail("page-table pool (%u pages) exhausted: too many distinct GiB touched",
			BZ_PT_POOL_PAGES);
	t = bz_pt_pool[pt_used++];
	__asm__ volatile("rep stosq" : "+D"(t), "+c"(n) : "a"(0ull) : "memory");
	return t - 512;
}

/* The next-level table behind entry idx, created on first use. */
static uint64_t *pt_next(uint64_t *table, unsigned idx)
{
	if (!(table[idx] & PTE_P))
		table[idx] = (uintptr_t)pt_alloc() | PTE_P | PTE_W;
	return (uint64_t *)(uintptr_t)(table[idx] & PTE_ADDR);
}

void bz_pt_init(void)
{
	pt_used = 0;
	pt_root = pt_alloc();
}

void bz_pt_map(uint64_t addr, uint64_t len, const char *what)
{
	uint64_t last = addr + len - 1;

	if (!len)
		return;
	if (last < addr || last >= VA_LIMIT)
		jt_fail("%s at 0x%llx (%llu bytes) cannot be identity-mapped with 4-level paging",
			what, (unsigned long long)addr,
			(unsigned long long)len);
	for (uint64_t a = addr & ~(PAGE_2M - 1); a <= last; a += PAGE_2M) {
		uint64_t *pdpt = pt_next(pt_root, (a >> 39) & 511);
		uint64_t *pd = pt_next(pdpt, (a >> 30) & 511);

		pd[(a >> 21) & 511] = a | BZ_PDE_2M;
	}
}

void bz_pt_activate(void)
{
	__asm__ volatile("mov %0, %%cr3"
			 :
			 : "r"((uintptr_t)pt_root)
			 : "memory");
}
