/* devtarget.c: jiffy's fw_cfg device over a fake RAM, as a differential-test target; and the client bridge. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "fake.h"
#include "target.h"

struct devtarget {
	struct target t;
	struct fw_cfg_dev *dev;
	uint8_t *ram;
	uint64_t base, size, mmio;
	struct guest_ram layout;
};

/* The device's accessor: lib/mem's, as in jiffy, over one region. */
static void *dt_map(void *opaque, uint64_t gpa, uint64_t len, bool write,
		    uint64_t *run)
{
	return guest_ram_run(&((struct devtarget *)opaque)->layout, gpa, len,
			     run);
}

static void dt_out(struct target *t, uint16_t port, unsigned size, uint32_t v)
{
	fake_out(((struct devtarget *)t)->dev, port, size, v);
}

static uint32_t dt_in(struct target *t, uint16_t port, unsigned size)
{
	/* Ports outside the window are nobody's: all ones, like QEMU. */
	if (port < FW_CFG_PORT_BASE)
		return 0xffffffffu >> (32 - 8 * size);
	return fake_in(((struct devtarget *)t)->dev, port, size);
}

static void dt_in_rep(struct target *t, uint16_t port, uint8_t *buf, uint32_t n)
{
	fw_cfg_dev_io_read_rep(((struct devtarget *)t)->dev,
			       port - FW_CFG_PORT_BASE, 1, n, buf);
}

static void dt_mmio_wr(struct target *t, uint64_t addr, unsigned size,
		       uint64_t v)
{
	struct devtarget *d = (struct devtarget *)t;

	fake_mmio_wr(d->dev, addr - d->mmio, size, v);
}

static uint64_t dt_mmio_rd(struct target *t, uint64_t addr, unsigned size)
{
	struct devtarget *d = (struct devtarget *)t;

	return fake_mmio_rd(d->dev, addr - d->mmio, size);
}

static void dt_mem_wr(struct target *t, uint64_t gpa, const void *buf, size_t n)
{
	void *p = guest_ram_ptr(&((struct devtarget *)t)->layout, gpa, n);

	if (p)
		memcpy(p, buf, n);
}

static void dt_mem_rd(struct target *t, uint64_t gpa, void *buf, size_t n)
{
	void *p = guest_ram_ptr(&((struct devtarget *)t)->layout, gpa, n);

	if (p)
		memcpy(buf, p, n);
	else
		memset(buf, 0, n);
}

static void dt_close(struct target *t)
{
	struct devtarget *d = (struct devtarget *)t;

	fw_cfg_dev_destroy(d->dev);
	munmap(d->ram, d->size);
	free(d);
}

static const struct target_ops dt_ops = {
	dt_out, dt_in, dt_in_rep, dt_mmio_wr, dt_mmio_rd, dt_mem_wr, dt_mem_rd,
	dt_close,
};

struct target *devtarget_new(uint64_t ram_base, uint64_t ram_size,
			     uint64_t mmio_base, bool dma)
{
	struct devtarget *d = calloc(1, sizeof(*d));
	struct fw_cfg_dev_config cfg = { .map = dt_map,
					 .map_opaque = d,
					 .no_dma = !dma };

	/* Like a VMM's RAM: reserved, zero, paid for only when touched. */
	d->ram = mmap(NULL, ram_size, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (d->ram == MAP_FAILED || fw_cfg_dev_create(&d->dev, &cfg))
		abort();
	d->base = ram_base;
	d->size = ram_size;
	d->layout.n = 1;
	d->layout.r[0] = (struct guest_ram_region){ ram_base, ram_size, d->ram };
	d->mmio = mmio_base;
	d->t.name = "jiffy";
	d->t.ops = &dt_ops;
	return &d->t;
}

struct fw_cfg_dev *devtarget_dev(struct target *t)
{
	return ((struct devtarget *)t)->dev;
}

/* The client bridge: shadow RAM copied around each DMA kick. */
void bridge_init(struct bridge *b, struct target *t, uint64_t mmio_base,
		 uint64_t gpa, uint64_t size)
{
	memset(b, 0, sizeof(*b));
	b->t = t;
	b->mmio_base = mmio_base;
	b->gpa = gpa;
	b->size = size;
	b->shadow = calloc(1, size);
}

void bridge_free(struct bridge *b)
{
	free(b->shadow);
}

void *bridge_alloc(struct bridge *b, uint64_t size)
{
	uint64_t off = (b->next + 15) & ~15ull;

	if (size > b->size - off)
		abort();
	b->next = off + size;
	memset(b->shadow + off, 0, size);
	return b->shadow + off;
}

void bridge_reset_alloc(struct bridge *b, void *mark)
{
	b->next = (uint64_t)((uint8_t *)mark - b->shadow);
}

uint64_t bridge_gpa(const struct bridge *b, const void *p)
{
	return b->gpa + (uint64_t)((const uint8_t *)p - b->shadow);
}

static void br_select(void *ctx, uint16_t key)
{
	struct bridge *b = ctx;

	if (b->mmio_base)
		b->t->ops->mmio_wr(b->t, b->mmio_base + FW_CFG_MMIO_SEL, 2,
				   __builtin_bswap16(key));
	else
		b->t->ops->out(b->t, FW_CFG_PORT_SEL, 2, key);
}

static void br_read(void *ctx, void *buf, uint32_t n)
{
	struct bridge *b = ctx;
	uint8_t *p = buf;

	if (!b->mmio_base) {
		b->t->ops->in_rep(b->t, FW_CFG_PORT_DATA, p, n);
		return;
	}
	while (n) {
		unsigned w = n >= 8 ? 8 : n >= 4 ? 4 : n >= 2 ? 2 : 1;
		uint64_t v = b->t->ops->mmio_rd(b->t, b->mmio_base, w);
		uint8_t le[8];

		fw_cfg_put_le64(le, v);
		memcpy(p, le, w);
		p += w;
		n -= w;
	}
}

static uint8_t *br_shadow(struct bridge *b, uint64_t gpa, uint64_t len)
{
	if (gpa < b->gpa || gpa - b->gpa > b->size || len > b->size - (gpa - b->gpa))
		return NULL;
	return b->shadow + (gpa - b->gpa);
}

static void br_dma(void *ctx, uint64_t desc)
{
	struct bridge *b = ctx;
	uint8_t *d = br_shadow(b, desc, 16), *buf;
	uint32_t ctl = fw_cfg_get_be32(d), len = fw_cfg_get_be32(d + 4);
	uint64_t addr = fw_cfg_get_be64(d + 8);

	buf = br_shadow(b, addr, len);
	b->t->ops->mem_wr(b->t, desc, d, 16);
	if ((ctl & FW_CFG_DMA_CTL_WRITE) && buf && len)
		b->t->ops->mem_wr(b->t, addr, buf, len);
	if (b->mmio_base && b->dma_pairs) {
		b->t->ops->mmio_wr(b->t, b->mmio_base + FW_CFG_MMIO_DMA, 4,
				   __builtin_bswap32((uint32_t)(desc >> 32)));
		b->t->ops->mmio_wr(b->t, b->mmio_base + FW_CFG_MMIO_DMA + 4, 4,
				   __builtin_bswap32((uint32_t)desc));
	} else if (b->mmio_base) {
		b->t->ops->mmio_wr(b->t, b->mmio_base + FW_CFG_MMIO_DMA, 8,
				   __builtin_bswap64(desc));
	} else {
		if (desc >> 32)
			b->t->ops->out(b->t, FW_CFG_PORT_DMA_HI, 4,
				       __builtin_bswap32((uint32_t)(desc >> 32)));
		b->t->ops->out(b->t, FW_CFG_PORT_DMA_LO, 4,
			       __builtin_bswap32((uint32_t)desc));
	}
	b->t->ops->mem_rd(b->t, desc, d, 4);
	if ((ctl & FW_CFG_DMA_CTL_READ) && buf && len)
		b->t->ops->mem_rd(b->t, addr, buf, len);
}

static bool br_virt_to_phys(void *ctx, const void *p, uint32_t len,
			    uint64_t *gpa)
{
	struct bridge *b = ctx;
	const uint8_t *q = p;

	if (q < b->shadow || (uint64_t)(q - b->shadow) > b->size ||
	    len > b->size - (uint64_t)(q - b->shadow))
		return false;
	*gpa = bridge_gpa(b, p);
	return true;
}

const struct fw_cfg_client_ops bridge_ops = {
	.select = br_select,
	.read = br_read,
	.dma = br_dma,
	.virt_to_phys = br_virt_to_phys,
};
