/* fake.h: a fake guest RAM and direct-call client transports for fw_cfg tests and fuzzing. */
#ifndef TESTS_FW_CFG_FAKE_H
#define TESTS_FW_CFG_FAKE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fw_cfg/bytes.h"
#include "fw_cfg/client.h"
#include "fw_cfg/dev.h"
#include "mem/guest_ram.h"

/*
 * Header-only so every test program (unit tests, the differential test,
 * fuzz targets) takes it without build plumbing.
 *
 * RAM is one host buffer at guest-physical [base, base + size), optionally
 * with more regions above holes (fake_ram_add): the device reaches it
 * through lib/mem's guest_ram_run, the accessor jiffy itself uses.
 */
struct fake_ram {
	uint8_t *mem;
	uint64_t base, size;
	uint64_t next; /* bump allocator: offset of the next free byte */
	struct guest_ram layout; /* every region, mem first */
};

static inline void fake_ram_init(struct fake_ram *r, uint64_t base,
				 uint64_t size)
{
	r->mem = calloc(1, size);
	r->base = base;
	r->size = size;
	r->next = 0;
	r->layout.n = 1;
	r->layout.r[0] = (struct guest_ram_region){ base, size, r->mem };
}

/* Another region, a separate allocation (ASan sees a run overshoot). */
static inline uint8_t *fake_ram_add(struct fake_ram *r, uint64_t base,
				    uint64_t size)
{
	uint8_t *m = calloc(1, size);

	if (!m || r->layout.n == GUEST_RAM_MAX_REGIONS)
		abort();
	r->layout.r[r->layout.n++] = (struct guest_ram_region){ base, size, m };
	return m;
}

static inline void fake_ram_free(struct fake_ram *r)
{
	for (unsigned i = 0; i < r->layout.n; i++)
		free(r->layout.r[i].host);
	r->layout.n = 0;
	r->mem = NULL;
}

/* The device's accessor (fw_cfg_dev_map_fn). */
static inline void *fake_ram_map(void *opaque, uint64_t gpa, uint64_t len,
				 bool write, uint64_t *run)
{
	struct fake_ram *r = opaque;

	(void)write;
	return guest_ram_run(&r->layout, gpa, len, run);
}

/* Host pointer of [gpa, gpa + len) when it is all in one region. */
static inline void *fake_ram_ptr(struct fake_ram *r, uint64_t gpa,
				 uint64_t len)
{
	return guest_ram_ptr(&r->layout, gpa, len);
}

/* Guest-physical address of a host pointer into the RAM. */
static inline uint64_t fake_ram_gpa(const struct fake_ram *r, const void *p)
{
	return r->base + (uint64_t)((const uint8_t *)p - r->mem);
}

/* size bytes of zeroed RAM, aligned; aborts when the RAM is full. */
static inline void *fake_ram_alloc(struct fake_ram *r, uint64_t size,
				   uint64_t align)
{
	uint64_t off = (r->next + align - 1) & ~(align - 1);

	if (off > r->size || size > r->size - off)
		abort();
	r->next = off + size;
	memset(r->mem + off, 0, size);
	return r->mem + off;
}

/* A device whose DMA reaches r. */
static inline struct fw_cfg_dev *fake_dev(struct fake_ram *r, bool dma,
					  unsigned slots)
{
	struct fw_cfg_dev_config cfg = {
		.map = fake_ram_map,
		.map_opaque = r,
		.no_dma = !dma,
		.file_slots = slots,
	};
	struct fw_cfg_dev *d;

	if (fw_cfg_dev_create(&d, &cfg))
		abort();
	return d;
}

/* Raw register accesses, as a guest's port and MMIO instructions do. */
static inline uint32_t fake_in(struct fw_cfg_dev *d, uint16_t port,
			       unsigned size)
{
	uint8_t b[8] = { 0 };

	fw_cfg_dev_io_read(d, port - FW_CFG_PORT_BASE, size, b);
	return fw_cfg_get_le32(b);
}

static inline void fake_out(struct fw_cfg_dev *d, uint16_t port,
			    unsigned size, uint32_t v)
{
	uint8_t b[4];

	fw_cfg_put_le32(b, v);
	fw_cfg_dev_io_write(d, port - FW_CFG_PORT_BASE, size, b);
}

static inline uint64_t fake_mmio_rd(struct fw_cfg_dev *d, uint64_t off,
				    unsigned size)
{
	uint8_t b[8] = { 0 };

	fw_cfg_dev_mmio_read(d, off, size, b);
	return fw_cfg_get_le64(b);
}

static inline void fake_mmio_wr(struct fw_cfg_dev *d, uint64_t off,
				unsigned size, uint64_t v)
{
	uint8_t b[8];

	fw_cfg_put_le64(b, v);
	fw_cfg_dev_mmio_write(d, off, size, b);
}

/* The client's transports, calling the device directly. */
struct fake_bus {
	struct fw_cfg_dev *dev;
	struct fake_ram *ram;
	bool dma_pairs; /* MMIO: trigger with two BE32 halves, not a BE64 */
	unsigned dma_kicks;
};

static inline bool fake_virt_to_phys(void *ctx, const void *p, uint32_t len,
				     uint64_t *gpa)
{
	struct fake_bus *b = ctx;
	const uint8_t *q = p, *m = b->ram->mem;

	if (q < m || (uint64_t)(q - m) > b->ram->size ||
	    len > b->ram->size - (uint64_t)(q - m))
		return false;
	*gpa = fake_ram_gpa(b->ram, p);
	return true;
}

static inline void fake_pio_select(void *ctx, uint16_t key)
{
	fake_out(((struct fake_bus *)ctx)->dev, FW_CFG_PORT_SEL, 2, key);
}

static inline void fake_pio_read(void *ctx, void *buf, uint32_t n)
{
	fw_cfg_dev_io_read_rep(((struct fake_bus *)ctx)->dev,
			       FW_CFG_PORT_DATA - FW_CFG_PORT_BASE, 1, n, buf);
}

static inline void fake_pio_dma(void *ctx, uint64_t desc)
{
	struct fake_bus *b = ctx;
	uint8_t v[4];

	b->dma_kicks++;
	if (desc >> 32) {
		fw_cfg_put_be32(v, (uint32_t)(desc >> 32));
		fw_cfg_dev_io_write(b->dev, 4, 4, v);
	}
	fw_cfg_put_be32(v, (uint32_t)desc);
	fw_cfg_dev_io_write(b->dev, 8, 4, v);
}

static inline void fake_mmio_select(void *ctx, uint16_t key)
{
	uint8_t v[2];

	fw_cfg_put_be16(v, key);
	fw_cfg_dev_mmio_write(((struct fake_bus *)ctx)->dev, FW_CFG_MMIO_SEL, 2,
			      v);
}

static inline void fake_mmio_read(void *ctx, void *buf, uint32_t n)
{
	uint8_t *p = buf;

	/* The widest load that does not consume more than asked for. */
	while (n) {
		unsigned w = n >= 8 ? 8 : n >= 4 ? 4 : n >= 2 ? 2 : 1;

		fw_cfg_dev_mmio_read(((struct fake_bus *)ctx)->dev,
				     FW_CFG_MMIO_DATA, w, p);
		p += w;
		n -= w;
	}
}

static inline void fake_mmio_dma(void *ctx, uint64_t desc)
{
	struct fake_bus *b = ctx;
	uint8_t v[8];

	b->dma_kicks++;
	if (b->dma_pairs) {
		fw_cfg_put_be32(v, (uint32_t)(desc >> 32));
		fw_cfg_dev_mmio_write(b->dev, FW_CFG_MMIO_DMA, 4, v);
		fw_cfg_put_be32(v, (uint32_t)desc);
		fw_cfg_dev_mmio_write(b->dev, FW_CFG_MMIO_DMA + 4, 4, v);
	} else {
		fw_cfg_put_be64(v, desc);
		fw_cfg_dev_mmio_write(b->dev, FW_CFG_MMIO_DMA, 8, v);
	}
}

static const struct fw_cfg_client_ops fake_pio_ops = {
	.select = fake_pio_select,
	.read = fake_pio_read,
	.dma = fake_pio_dma,
	.virt_to_phys = fake_virt_to_phys,
};

static const struct fw_cfg_client_ops fake_mmio_ops = {
	.select = fake_mmio_select,
	.read = fake_mmio_read,
	.dma = fake_mmio_dma,
	.virt_to_phys = fake_virt_to_phys,
};

#endif
