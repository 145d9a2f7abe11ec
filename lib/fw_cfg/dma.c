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

/*
 * The first run of [gpa, gpa + n), n > 0 and not wrapping: its host
 * address if it is RAM, else NULL; *run its length, 1..n. An accessor
 * that breaks its contract gets its answer narrowed, never widened.
 */
static uint8_t *fw_cfg_dma_run(struct fw_cfg_dev *d, uint64_t gpa, uint64_t n,
			       bool write, uint64_t *run)
{
	uint64_t got = 0;
	uint8_t *p = d->map(d->map_opaque, gpa, n, write, &got);

	if (!got) {
		p = NULL;
		got = n;
	}
	*run = got < n ? got : n;
	return p;
}

/*
 * How much of [gpa, gpa + n) lies past the top of the address space,
 * where nothing is RAM (QEMU does not wrap around to 0 either); *n is cut
 * to the part below.
 */
static uint64_t fw_cfg_dma_cut_top(uint64_t gpa, uint64_t *n)
{
	uint64_t below = UINT64_MAX - gpa + 1; /* 0 means all of 2^64 */
	uint64_t beyond;

	if (!below || *n <= below)
		return 0;
	beyond = *n - below;
	*n = below;
	return beyond;
}

/*
 * Guest memory as QEMU's dma_memory_write/_set/_read see it: run by run,
 * RAM runs transferred, the others skipped with an error. Store n bytes
 * of src (zeros when src is NULL) at gpa; false if any was not RAM. When
 * src is item data, each RAM run goes to the VMM's copy hook if it has
 * one, so the hook only ever sees ranges that are RAM.
 */
static bool fw_cfg_dma_store(struct fw_cfg_dev *d, uint64_t gpa,
			     const uint8_t *src, uint64_t n, bool item)
{
	bool ok = !fw_cfg_dma_cut_top(gpa, &n);

	while (n) {
		uint64_t run;
		uint8_t *p = fw_cfg_dma_run(d, gpa, n, true, &run);

		if (p && src && item && d->copy)
			d->copy(d->map_opaque, gpa, p, src, run);
		else if (p && src)
			memmove(p, src, run);
		else if (p)
			memset(p, 0, run);
		else
			ok = false;
		if (src)
			src += run;
		gpa += run;
		n -= run;
	}
	return ok;
}

/* Load n bytes at gpa into dst; what is not RAM reads as zeros (false). */
static bool fw_cfg_dma_load(struct fw_cfg_dev *d, uint64_t gpa, uint8_t *dst,
			    uint64_t n)
{
	uint64_t beyond = fw_cfg_dma_cut_top(gpa, &n);
	bool ok = !beyond;

	memset(dst + n, 0, beyond);
	while (n) {
		uint64_t run;
		const uint8_t *p = fw_cfg_dma_run(d, gpa, n, false, &run);

		if (p) {
			memmove(dst, p, run);
		} else {
			memset(dst, 0, run);
			ok = false;
		}
		dst += run;
		gpa += run;
		n -= run;
	}
	return ok;
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

	if (!it) {
		/* Nothing (left) to transfer: reads give zeros, not errors. */
		if (op == FW_CFG_DMA_READ)
			*err = !fw_cfg_dma_store(d, addr, NULL, length, false);
		else if (op == FW_CFG_DMA_WRITE)
			*err = true;
		return length;
	}

	len = it->len - d->cur_off;
	if (len > length)
		len = length;
	if (op == FW_CFG_DMA_READ) {
		*err = !fw_cfg_dma_store(d, addr, it->data + d->cur_off, len,
					 true);
	} else if (op == FW_CFG_DMA_WRITE) {
		/*
		 * Only whole writes into writable items. A source partly
		 * outside RAM still lands, its missing bytes as zeros, but
		 * fails and is not reported as written: QEMU does the same.
		 */
		if (!it->writable || len != length ||
		    !fw_cfg_dma_load(d, addr, it->owned + d->cur_off, len))
			*err = true;
		else if (it->on_write)
			it->on_write(it->opaque, d->cur_off, len);
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
	uint8_t raw[sizeof(struct fw_cfg_dma_access)], status[4];
	bool err = false;

	/* The register is cleared first, so a low-half-only write gets 0. */
	d->dma_addr = 0;
	if (!fw_cfg_dma_load(d, desc, raw, sizeof(raw))) {
		err = true;
		goto out;
	}
	control = fw_cfg_get_be32(raw);
	length = fw_cfg_get_be32(raw + 4);
	addr = fw_cfg_get_be64(raw + 8);

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
	/* The result, BE32 0 or ERROR; only its bytes in RAM land. */
	fw_cfg_put_be32(status, err ? FW_CFG_DMA_CTL_ERROR : 0);
	fw_cfg_dma_store(d, desc, status, sizeof(status), false);
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
