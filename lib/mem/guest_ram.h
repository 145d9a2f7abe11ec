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

/*
 * How [gpa, gpa + len) begins, for devices that transfer the RAM parts of
 * a range that is not all RAM (fw_cfg DMA, as QEMU's memory core does):
 * when gpa is RAM, its host address, with *run the bytes up to the end of
 * its region; else NULL, with *run the bytes up to the next region. *run
 * is capped at len; it is 0 only when len is.
 */
void *guest_ram_run(const struct guest_ram *ram, uint64_t gpa, uint64_t len,
		    uint64_t *run);

#endif
