/* access.c: splitting a register access the way QEMU's memory core does, for both windows. */
#include <string.h>

#include "fw_cfg/dev_impl.h"

/*
 * QEMU delivers a port or MMIO access to the region holding its first
 * byte, in pieces: no wider than the region's maximum (4 unless it says
 * otherwise), no wider than the alignment of the offset inside the
 * region, a power of two, and never past the end of the access. A piece
 * the region refuses reads as 0; bytes outside every region go to the
 * unassigned handler (0xff for ports, 0 for memory). Reproducing this is
 * what makes odd accesses (inw 0x511 = 0xff51, inl 0x511 = 0x51ffff51,
 * a 32-bit write at MMIO +7 that selects key 0) match QEMU 7.2.
 */
static unsigned fw_cfg_piece(unsigned max, uint64_t off, unsigned left)
{
	uint64_t align = off & -off;
	unsigned l;

	if (align && align < max)
		max = (unsigned)align;
	l = left < max ? left : max;
	while (l & (l - 1)) /* round down to a power of two */
		l &= l - 1;
	return l;
}

static const struct fw_cfg_region *
fw_cfg_region_at(const struct fw_cfg_dev *d, const struct fw_cfg_window *w,
		 uint64_t off)
{
	unsigned i, n = w->nregions - !d->dma;

	for (i = 0; i < n; i++)
		if (off >= w->regions[i].start && off < w->regions[i].end)
			return &w->regions[i];
	return NULL;
}

void fw_cfg_dev_access(struct fw_cfg_dev *d, const struct fw_cfg_window *w,
		       uint64_t off, unsigned size, uint8_t *buf, bool write)
{
	while (size) {
		const struct fw_cfg_region *r = fw_cfg_region_at(d, w, off);
		/* The unassigned space is aligned like the window's base. */
		uint64_t roff = r ? off - r->start : off;
		unsigned l = fw_cfg_piece(r ? r->max_size : 4, roff, size);

		if (!r) {
			if (!write)
				memset(buf, w->unassigned, l);
		} else if (!r->accepts(roff, l, write)) {
			if (!write)
				memset(buf, 0, l);
		} else if (write) {
			r->write(d, roff, l, buf);
		} else {
			r->read(d, roff, l, buf);
		}
		buf += l;
		off += l;
		size -= l;
	}
}
