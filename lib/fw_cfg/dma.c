/* dma.c: the fw_cfg DMA register and transfer engine, with QEMU 7.2's semantics. */
#include <string.h>

#include "fw_cfg/bytes.h"
#include "fw_cfg/dev_impl.h"

static const uint8_t fw_cfg_dma_sig[8] = { 'Q', 'E', 'M', 'U',
					   ' ', 'C', 'F', 'G' };

bool fw_cfg_dev_dma_reg_accepts(unsigned off, unsigned size, bool write)
{
	/* Reads of any width; writes as BE32 halves or one BE64. */
	return !write || (size == 4 && (off == 0 || off == 4)) ||
	       (size == 8 && off == 0);
}

void fw_cfg_dev_dma_reg_read(struct fw_cfg_dev *d, unsigned off, unsigned size,
			     uint8_t *buf)
{
	/* The stored address is write-only: reads give the signature.
	 * (Pieces never pass the register's end; clamp all the same.) */
	unsigned n = off < sizeof(fw_cfg_dma_sig) ?
			     sizeof(fw_cfg_dma_sig) - off : 0;

	if (n > size)
		n = size;
	memcpy(buf, fw_cfg_dma_sig + off, n);
	memset(buf + n, 0, size - n);
}

/* Guest RAM for [gpa, gpa + len), len > 0, or NULL (also on wrap). */
static uint8_t *fw_cfg_dma_map(struct fw_cfg_dev *d, uint64_t gpa,
			       uint64_t len, bool write)
{
	if (len - 1 > UINT64_MAX - gpa)
		return NULL;
	return d->map(d->map_opaque, gpa, len, write);
}

enum fw_cfg_dma_op { FW_CFG_DMA_NONE, FW_CFG_DMA_READ, FW_CFG_DMA_WRITE,
		     FW_CFG_DMA_SKIP };

/*
 * One step of a transfer at the cursor: copy, zero-fill, store or skip up
 * to length bytes. Returns the bytes consumed, *err set on failure.
 */
static uint32_t fw_cfg_dma_step(struct fw_cfg_dev *d, enum fw_cfg_dma_op op,
				uint64_t addr, uint32_t length, bool *err)
{
	struct fw_cfg_item *it = fw_cfg_dev_cur(d);
	uint32_t len;
	uint8_t *mem;

	if (!it) {
		/* Nothing (left) to transfer: reads give zeros, not errors. */
		if (op == FW_CFG_DMA_READ) {
			mem = fw_cfg_dma_map(d, addr, length, true);
			if (mem)
				memset(mem, 0, length);
			else
				*err = true;
		} else if (op == FW_CFG_DMA_WRITE) {
			*err = true;
		}
		return length;
	}

	len = it->len - d->cur_off;
	if (len > length)
		len = length;
	if (op == FW_CFG_DMA_READ) {
		mem = fw_cfg_dma_map(d, addr, len, true);
		if (!mem)
			*err = true;
		else if (d->copy)
			d->copy(d->map_opaque, addr, mem, it->data + d->cur_off,
				len);
		else
			memmove(mem, it->data + d->cur_off, len);
	} else if (op == FW_CFG_DMA_WRITE) {
		/* Only whole writes into writable items, never partial. */
		mem = NULL;
		if (it->writable && len == length)
			mem = fw_cfg_dma_map(d, addr, len, false);
		if (mem) {
			memmove(it->owned + d->cur_off, mem, len);
			if (it->on_write)
				it->on_write(it->opaque, d->cur_off, len);
		} else {
			*err = true;
		}
	}
	/* The cursor moves even when a write was refused (QEMU does). */
	d->cur_off += len;
	return len;
}

static void fw_cfg_dma_transfer(struct fw_cfg_dev *d)
{
	uint64_t desc = d->dma_addr, addr;
	enum fw_cfg_dma_op op = FW_CFG_DMA_NONE;
	uint32_t control, length;
	const uint8_t *p;
	uint8_t *status;
	bool err = false;

	/* The register is cleared first, so a low-half-only write gets 0. */
	d->dma_addr = 0;
	p = fw_cfg_dma_map(d, desc, sizeof(struct fw_cfg_dma_access), false);
	if (!p) {
		err = true;
		goto out;
	}
	control = fw_cfg_get_be32(p);
	length = fw_cfg_get_be32(p + 4);
	addr = fw_cfg_get_be64(p + 8);

	if (control & FW_CFG_DMA_CTL_SELECT)
		fw_cfg_dev_select(d, (uint16_t)(control >> 16));
	/* READ wins over WRITE, which wins over SKIP; none: nothing to do. */
	if (control & FW_CFG_DMA_CTL_READ)
		op = FW_CFG_DMA_READ;
	else if (control & FW_CFG_DMA_CTL_WRITE)
		op = FW_CFG_DMA_WRITE;
	else if (control & FW_CFG_DMA_CTL_SKIP)
		op = FW_CFG_DMA_SKIP;
	else
		length = 0;

	while (length && !err) {
		uint32_t done = fw_cfg_dma_step(d, op, addr, length, &err);

		addr += done;
		length -= done;
	}
out:
	/* The result: BE32 0 or ERROR, lost if the descriptor is not RAM. */
	status = fw_cfg_dma_map(d, desc, 4, true);
	if (status)
		fw_cfg_put_be32(status, err ? FW_CFG_DMA_CTL_ERROR : 0);
}

void fw_cfg_dev_dma_reg_write(struct fw_cfg_dev *d, unsigned off,
			      unsigned size, const uint8_t *buf)
{
	if (size == 8) {
		d->dma_addr = fw_cfg_get_be64(buf);
		fw_cfg_dma_transfer(d);
	} else if (off == 0) {
		/* The high half clears the low half. */
		d->dma_addr = (uint64_t)fw_cfg_get_be32(buf) << 32;
	} else {
		d->dma_addr |= fw_cfg_get_be32(buf);
		fw_cfg_dma_transfer(d);
	}
}
