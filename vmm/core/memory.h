/* memory.h: guest RAM: allocation, memory slots, loading files. */
#ifndef CORE_MEMORY_H
#define CORE_MEMORY_H

#include <stdint.h>

#include "core/vm.h"

/*
 * Reserve size bytes of guest RAM: [0, min(size, LOW_RAM_MAX)) and the rest
 * from 4 GiB, as anonymous memory that costs nothing until touched. Fills
 * vm->ram and vm->e820 (the PC map: low RAM with the EBDA and BIOS area
 * reserved, the legacy hole absent, high RAM). Returns a STATUS_*.
 */
int memory_init(struct vm *vm, uint64_t size);

/*
 * Map a firmware image (size a multiple of 64 KiB, page-aligned host
 * memory that outlives the VM) as a PC does: read-only just below 4 GiB,
 * and its last 128 KiB (or all of a smaller one) below 1 MiB. There it is
 * read-only too, the RAM underneath left out of the guest, or with shadow
 * a writable copy in RAM, as after a BIOS has shadowed itself. Call after
 * memory_init, before memory_register. Returns a STATUS_*.
 */
int memory_add_rom(struct vm *vm, const uint8_t *image, uint64_t size,
		   bool shadow);

/* Hand the RAM regions (and a ROM) to KVM. Returns a STATUS_*. */
int memory_register(struct vm *vm);

/* What a load did, for --trace and --debug. */
struct load_stats {
	uint64_t mapped; /* bytes mapped copy-on-write from the file */
	uint64_t copied; /* bytes copied */
};

/*
 * Put len bytes of a file (fd, starting at offset; data is the same file
 * mapped read-only, or an in-memory image with fd -1) at guest address
 * gpa. Whole pages whose file offset and guest address agree modulo the
 * page size are mapped copy-on-write from the file instead of copied.
 * The range must be RAM (callers place things with the e820 map first).
 * Returns 0 or -errno.
 */
int memory_load(struct vm *vm, uint64_t gpa, int fd, const uint8_t *data,
		uint64_t offset, uint64_t len, struct load_stats *st);

/* Host pointer for guest memory, checked; NULL if not all RAM. */
void *gpa_ptr(struct vm *vm, uint64_t gpa, uint64_t len);

#endif
