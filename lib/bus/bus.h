/* bus.h: an address-range bus for port I/O and MMIO, with overlap checks. */
#ifndef BUS_BUS_H
#define BUS_BUS_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define BUS_MAX_RANGES 32

/*
 * One access as the CPU made it. For string I/O (rep ins/outs) count > 1
 * and data holds count items of size bytes each; a device may serve them
 * in one go (fw_cfg's rep insb) or loop.
 */
struct bus_access {
	uint64_t addr;	 /* absolute port or physical address */
	uint64_t offset; /* addr - range base */
	uint8_t *data;
	uint32_t size;
	uint32_t count;
	bool write;
};

typedef void bus_handler_fn(void *dev, struct bus_access *a);

/*
 * Byte-wide registers take a wider or repeated access as an ISA decoder
 * does: item i of it reaches the register with its first byte. Returns
 * that byte; for a read, the item's other bytes are zeroed first.
 */
static inline uint8_t *bus_byte_item(struct bus_access *a, uint32_t i)
{
	uint8_t *d = a->data + (size_t)i * a->size;

	if (!a->write)
		memset(d, 0, a->size);
	return d;
}

struct bus_range {
	uint64_t base;
	uint64_t len;
	bus_handler_fn *fn;
	void *dev;
	const char *name;
};

/* Ranges sorted by base, never overlapping. */
struct bus {
	unsigned n;
	struct bus_range r[BUS_MAX_RANGES];
};

void bus_init(struct bus *b);

/* -EINVAL (len 0 or wrap), -EEXIST (overlap), -ENOSPC (full). */
int bus_add(struct bus *b, uint64_t base, uint64_t len, bus_handler_fn *fn,
	    void *dev, const char *name);

/* The range containing addr, or NULL. */
const struct bus_range *bus_find(const struct bus *b, uint64_t addr);

/* Hand a to the range containing a->addr, with a->offset set from its
 * base; false, with a untouched, when no range has the address. */
bool bus_dispatch(const struct bus *b, struct bus_access *a);

#endif
