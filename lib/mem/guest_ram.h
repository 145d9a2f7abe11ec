/* guest_ram.h: guest-physical to host translation, always bounds-checked. */
#ifndef MEM_GUEST_RAM_H
#define MEM_GUEST_RAM_H

#include <stdint.h>

#define GUEST_RAM_MAX_REGIONS 4

struct guest_ram_region {
	uint64_t gpa;
	uint64_t size;
	uint8_t *host;
};

/* RAM as the host sees it: a few contiguous regions (below and above the
 * 32-bit MMIO hole). Filled by the VMM; read by everything else. */
struct guest_ram {
	unsigned n;
	struct guest_ram_region r[GUEST_RAM_MAX_REGIONS];
};

/*
 * Host pointer for [gpa, gpa + len) when the whole range lies in one
 * region, else NULL. Overflow-safe for any gpa and len. len 0 asks about
 * the single address gpa. This is the only way code reaches guest memory.
 */
void *guest_ram_ptr(const struct guest_ram *ram, uint64_t gpa, uint64_t len);

#endif
