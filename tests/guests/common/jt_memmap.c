/* jt_memmap.c: sanity checks of a memory map, whichever table it came in. */
#include "jt.h"

#define MIB	     (1ull << 20)
#define JT_MEM_SLACK (4 * MIB) /* firmware may keep this much RAM for itself */

/* Is [addr, addr + len) covered by RAM entries? The map is sorted. */
static bool ram_covers(const struct jt_mem_range *map, size_t n, uint64_t addr,
		       uint64_t len)
{
	uint64_t cur = addr, end = addr + len;

	if (end < addr)
		return false;
	for (size_t i = 0; i < n && cur < end; i++) {
		const struct jt_mem_range *r = &map[i];

		if (r->type == E820_RAM && r->addr <= cur &&
		    cur - r->addr < r->size)
			cur = r->addr + r->size;
	}
	return cur >= end;
}

/* Entries non-empty, not wrapping, sorted and disjoint; returns RAM bytes. */
static uint64_t check_layout(const struct jt_mem_range *map, size_t n)
{
	uint64_t ram = 0;

	if (!n)
		jt_fail("the memory map is empty");
	if (n > JT_MAX_RANGES)
		jt_fail("the memory map has %u entries, more than %u",
			(unsigned)n, JT_MAX_RANGES);
	for (size_t i = 0; i < n; i++) {
		const struct jt_mem_range *r = &map[i];

		if (!r->size)
			jt_fail("memory map entry %u (0x%llx, type %u) is empty",
				(unsigned)i, (unsigned long long)r->addr,
				r->type);
		if (r->addr + r->size < r->addr)
			jt_fail("memory map entry %u (0x%llx + 0x%llx) wraps around",
				(unsigned)i, (unsigned long long)r->addr,
				(unsigned long long)r->size);
		if (i && r->addr < map[i - 1].addr + map[i - 1].size)
			jt_fail("memory map entry %u at 0x%llx overlaps or precedes entry %u [0x%llx, 0x%llx)",
				(unsigned)i, (unsigned long long)r->addr,
				(unsigned)i - 1,
				(unsigned long long)map[i - 1].addr,
				(unsigned long long)(map[i - 1].addr +
						     map[i - 1].size));
		if (r->type == E820_RAM)
			ram += r->size;
	}
	return ram;
}

/*
 * jt.memmap-trailing-empty=N forgives up to N empty entries at the end of
 * the map: qboot (QEMU's microvm firmware) declares one entry more than it
 * fills when the machine has no PCIe MMCONFIG. Strict by default.
 */
static size_t drop_trailing_empty(const struct jt_mem_range *map, size_t n)
{
	uint64_t allowed;

	if (!jt_arg_u64("memmap-trailing-empty", &allowed))
		return n;
	for (; n && allowed && !map[n - 1].size; n--, allowed--)
		;
	return n;
}

void jt_sort_memmap(struct jt_mem_range *map, size_t n)
{
	uint64_t sort = 0;

	if (!jt_arg_u64("memmap-sort", &sort) || !sort)
		return;
	for (size_t i = 1; i < n; i++) {
		struct jt_mem_range e = map[i];
		uint64_t key = e.size ? e.addr : UINT64_MAX;
		size_t j = i;

		for (; j && (map[j - 1].size ? map[j - 1].addr : UINT64_MAX) >
				    key;
		     j--)
			map[j] = map[j - 1];
		map[j] = e;
	}
}

uint64_t jt_check_memmap(const struct jt_mem_range *map, size_t n,
			 const struct jt_region *in_ram, size_t n_in_ram)
{
	uint64_t ram, mem;

	n = drop_trailing_empty(map, n);
	ram = check_layout(map, n);

	if (!ram_covers(map, n, 0, 1))
		jt_fail("the memory map has no RAM at address 0");
	if (!ram_covers(map, n, MIB, 1))
		jt_fail("the memory map has no RAM at 1 MiB");
	if (jt_arg_u64("mem", &mem) && (ram > mem || ram + JT_MEM_SLACK < mem))
		jt_fail("the memory map has %llu KiB of RAM; jt.mem=%llu allows %llu to %llu KiB",
			(unsigned long long)(ram >> 10),
			(unsigned long long)mem,
			(unsigned long long)(mem > JT_MEM_SLACK
						     ? (mem - JT_MEM_SLACK) >>
							       10
						     : 0),
			(unsigned long long)(mem >> 10));
	for (size_t i = 0; i < n_in_ram; i++) {
		const struct jt_region *g = &in_ram[i];

		if (g->size && !ram_covers(map, n, g->addr, g->size))
			jt_fail("%s [0x%llx, 0x%llx) is not inside RAM in the memory map",
				g->what, (unsigned long long)g->addr,
				(unsigned long long)(g->addr + g->size));
	}
	return ram;
}

size_t jt_ranges_from_e820(const struct e820_entry *e, size_t n,
			   struct jt_mem_range *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (struct jt_mem_range){ e[i].addr, e[i].size,
						e[i].type };
	return n;
}
