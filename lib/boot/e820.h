/* e820.h: a guest memory map: building it and asking where things fit. */
#ifndef BOOT_E820_H
#define BOOT_E820_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/e820.h"

#define E820_MAP_MAX 128

/* Entries are kept sorted by address and never overlap. */
struct e820_map {
	unsigned n;
	struct e820_entry e[E820_MAP_MAX];
};

void e820_init(struct e820_map *m);

/* Add [addr, addr + size). -EINVAL for size 0 or wrap, -EEXIST if it
 * overlaps an entry, -ENOSPC when full. Adjacent entries of one type merge. */
int e820_add(struct e820_map *m, uint64_t addr, uint64_t size, uint32_t type);

/* True if [addr, addr + len) lies inside one RAM entry (len 0: addr does). */
bool e820_is_ram(const struct e820_map *m, uint64_t addr, uint64_t len);

/* Total bytes of RAM. */
uint64_t e820_ram_total(const struct e820_map *m);

/* End of the RAM entry containing addr, or 0 if addr is not RAM. */
uint64_t e820_ram_end(const struct e820_map *m, uint64_t addr);

/*
 * Highest addr, a multiple of align (a power of two), such that
 * [addr, addr + size) is RAM, addr >= lo and addr + size <= hi.
 * Returns 0 and sets *out, or -ENOSPC.
 */
int e820_find_top(const struct e820_map *m, uint64_t size, uint64_t align,
		  uint64_t lo, uint64_t hi, uint64_t *out);

#endif
