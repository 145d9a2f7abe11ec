/* client.c: the guest-side fw_cfg driver: probe, directory, read/skip/write by DMA or byte I/O. */
#include <errno.h>
#include <string.h>

#include "fw_cfg/bytes.h"
#include "fw_cfg/client.h"

/* QEMU completes DMA before the trigger returns; this only bounds a
 * broken device's hold on the guest. */
#define FW_CFG_CLIENT_DMA_POLLS 1000000u

/* The device writes the descriptor behind the compiler's back. */
#define fw_cfg_client_barrier() __asm__ volatile("" ::: "memory")

void fw_cfg_client_init(struct fw_cfg_client *c,
			const struct fw_cfg_client_ops *ops, void *ctx)
{
	memset(c, 0, sizeof(*c));
	c->ops = ops;
	c->ctx = ctx;
}

static bool fw_cfg_client_phys(struct fw_cfg_client *c, const void *p,
			       uint32_t len, uint64_t *gpa)
{
	if (c->ops->identity) {
		*gpa = (uintptr_t)p;
		return true;
	}
	return c->ops->virt_to_phys &&
	       c->ops->virt_to_phys(c->ctx, p, len, gpa);
}

int fw_cfg_client_probe(struct fw_cfg_client *c)
{
	uint8_t b[4];

	c->id = 0;
	c->dma_ok = c->use_dma = false;
	c->ops->select(c->ctx, FW_CFG_SIGNATURE);
	c->ops->read(c->ctx, b, sizeof(b));
	if (memcmp(b, FW_CFG_SIG, FW_CFG_SIG_SIZE))
		return -ENODEV;
	c->ops->select(c->ctx, FW_CFG_ID);
	c->ops->read(c->ctx, b, sizeof(b));
	fw_cfg_client_set_id(c, fw_cfg_get_le32(b));
	return 0;
}

void fw_cfg_client_set_id(struct fw_cfg_client *c, uint32_t id)
{
	c->id = id;
	c->dma_ok =
		(id & FW_CFG_VERSION_DMA) && c->ops->dma &&
		fw_cfg_client_phys(c, &c->desc, sizeof(c->desc), &c->desc_pa);
	c->use_dma = c->dma_ok;
}

bool fw_cfg_client_has_dma(const struct fw_cfg_client *c)
{
	return c->dma_ok;
}

void fw_cfg_client_use_dma(struct fw_cfg_client *c, bool on)
{
	c->use_dma = on && c->dma_ok;
}

/*
 * One DMA transfer; buf_pa is ignored by SKIP and select-only commands.
 * Inlined: in guest code each call and return is an emulated instruction
 * or two, and firmware makes a transfer per item.
 */
static inline __attribute__((always_inline)) int fw_cfg_client_dma(
	struct fw_cfg_client *c, uint32_t control, uint64_t buf_pa,
	uint32_t len)
{
	uint32_t ctl, polls = 0;

	fw_cfg_put_dma_access(&c->desc, control, len, buf_pa);
	fw_cfg_client_barrier();
	c->ops->dma(c->ctx, c->desc_pa);
	/* Done when the device has cleared every bit but ERROR. */
	for (;;) {
		fw_cfg_client_barrier();
		ctl = fw_cfg_get_be32(&c->desc.control);
		if (!(ctl & ~(uint32_t)FW_CFG_DMA_CTL_ERROR))
			break;
		if (++polls == FW_CFG_CLIENT_DMA_POLLS)
			return -EBUSY;
	}
	return ctl & FW_CFG_DMA_CTL_ERROR ? -EIO : 0;
}

/* Where buf can be reached by DMA, if DMA is in use. */
static bool fw_cfg_client_dma_buf(struct fw_cfg_client *c, const void *buf,
				  uint32_t len, uint64_t *pa)
{
	return c->use_dma && fw_cfg_client_phys(c, buf, len, pa);
}

void fw_cfg_client_select(struct fw_cfg_client *c, uint16_t key)
{
	c->ops->select(c->ctx, key);
}

int fw_cfg_client_read_cur(struct fw_cfg_client *c, void *buf, uint32_t len)
{
	uint64_t pa;

	if (!len)
		return 0;
	if (fw_cfg_client_dma_buf(c, buf, len, &pa))
		return fw_cfg_client_dma(c, FW_CFG_DMA_CTL_READ, pa, len);
	c->ops->read(c->ctx, buf, len);
	return 0;
}

int fw_cfg_client_skip_cur(struct fw_cfg_client *c, uint32_t len)
{
	uint8_t scratch[256];

	if (!len)
		return 0;
	if (c->use_dma)
		return fw_cfg_client_dma(c, FW_CFG_DMA_CTL_SKIP, 0, len);
	/* Byte I/O has no skip: read and drop, a buffer per exit. */
	while (len) {
		uint32_t n = len < sizeof(scratch) ? len : sizeof(scratch);

		c->ops->read(c->ctx, scratch, n);
		len -= n;
	}
	return 0;
}

int fw_cfg_client_read(struct fw_cfg_client *c, uint16_t key, uint32_t off,
		       void *buf, uint32_t len)
{
	uint32_t sel = FW_CFG_DMA_CTL_KEY(key) | FW_CFG_DMA_CTL_SELECT;
	uint64_t pa;
	int ret;

	if (!len || !fw_cfg_client_dma_buf(c, buf, len, &pa)) {
		c->ops->select(c->ctx, key);
		ret = fw_cfg_client_skip_cur(c, off);
		return ret ? ret : fw_cfg_client_read_cur(c, buf, len);
	}
	/* SELECT rides along with the first command: one exit saved. */
	if (!off)
		return fw_cfg_client_dma(c, sel | FW_CFG_DMA_CTL_READ, pa, len);
	ret = fw_cfg_client_dma(c, sel | FW_CFG_DMA_CTL_SKIP, 0, off);
	return ret ? ret : fw_cfg_client_dma(c, FW_CFG_DMA_CTL_READ, pa, len);
}

int fw_cfg_client_write(struct fw_cfg_client *c, uint16_t key, uint32_t off,
			const void *buf, uint32_t len)
{
	uint32_t sel = FW_CFG_DMA_CTL_KEY(key) | FW_CFG_DMA_CTL_SELECT;
	uint64_t pa = 0;
	int ret;

	if (!c->use_dma)
		return -EOPNOTSUPP;
	if (len && !fw_cfg_client_phys(c, buf, len, &pa))
		return -EFAULT;
	if (off) {
		ret = fw_cfg_client_dma(c, sel | FW_CFG_DMA_CTL_SKIP, 0, off);
		if (ret)
			return ret;
		sel = 0;
	}
	return fw_cfg_client_dma(c, sel | FW_CFG_DMA_CTL_WRITE, pa, len);
}

static uint64_t fw_cfg_client_get(struct fw_cfg_client *c, uint16_t key,
				  uint32_t size)
{
	uint8_t b[8] = { 0 };

	if (fw_cfg_client_read(c, key, 0, b, size))
		return 0;
	return fw_cfg_get_le64(b);
}

uint16_t fw_cfg_client_get_u16(struct fw_cfg_client *c, uint16_t key)
{
	return (uint16_t)fw_cfg_client_get(c, key, 2);
}

uint32_t fw_cfg_client_get_u32(struct fw_cfg_client *c, uint16_t key)
{
	return (uint32_t)fw_cfg_client_get(c, key, 4);
}

uint64_t fw_cfg_client_get_u64(struct fw_cfg_client *c, uint16_t key)
{
	return fw_cfg_client_get(c, key, 8);
}

int fw_cfg_client_dir_first(struct fw_cfg_client *c, uint32_t *count)
{
	uint8_t b[4];
	int ret = fw_cfg_client_read(c, FW_CFG_FILE_DIR, 0, b, sizeof(b));

	*count = ret ? 0 : fw_cfg_get_be32(b);
	return ret;
}

int fw_cfg_client_dir_next(struct fw_cfg_client *c,
			   struct fw_cfg_client_file *f)
{
	struct fw_cfg_file e;
	int ret = fw_cfg_client_read_cur(c, &e, sizeof(e));

	if (ret)
		return ret;
	f->size = fw_cfg_get_be32(&e.size);
	f->key = fw_cfg_get_be16(&e.select);
	memcpy(f->name, e.name, sizeof(f->name));
	f->name[sizeof(f->name) - 1] = '\0';
	return 0;
}

int fw_cfg_client_find(struct fw_cfg_client *c, const char *name,
		       struct fw_cfg_client_file *f)
{
	uint32_t n, i;
	int ret = fw_cfg_client_dir_first(c, &n);

	for (i = 0; !ret && i < n; i++) {
		ret = fw_cfg_client_dir_next(c, f);
		if (!ret && !strcmp(f->name, name))
			return 0;
	}
	return ret ? ret : -ENOENT;
}

int fw_cfg_client_read_file(struct fw_cfg_client *c, const char *name,
			    void *buf, uint32_t cap, uint32_t *size)
{
	struct fw_cfg_client_file f;
	int ret = fw_cfg_client_find(c, name, &f);

	if (ret)
		return ret;
	if (size)
		*size = f.size;
	return fw_cfg_client_read(c, f.key, 0, buf,
				  f.size < cap ? f.size : cap);
}
