/* pio.c: the fw_cfg x86 port-I/O transport (0x510 selector/data, 0x514 DMA address). */
#include <string.h>

#include "fw_cfg/bytes.h"
#include "fw_cfg/dev_impl.h"

/*
 * QEMU maps two regions: "fwcfg" at 0x510, 2 bytes, where the selector
 * and the data port overlap (one handler ignores the offset), and
 * "fwcfg.dma" at 0x514, 8 bytes. 0x512-0x513 and everything after 0x51b
 * are unassigned ports, which read as all-ones.
 */
static bool fw_cfg_comb_accepts(unsigned off, unsigned size, bool write)
{
	/* Byte reads and writes, and 16-bit writes (the selector). */
	return size == 1 || (write && size == 2);
}

static void fw_cfg_comb_read(struct fw_cfg_dev *d, unsigned off, unsigned size,
			     uint8_t *buf)
{
	fw_cfg_dev_data_read(d, buf, size);
}

static void fw_cfg_comb_write(struct fw_cfg_dev *d, unsigned off,
			      unsigned size, const uint8_t *buf)
{
	/* A byte write is the legacy data write, ignored since QEMU 2.4. */
	if (size == 2)
		fw_cfg_dev_select(d, fw_cfg_get_le16(buf));
}

static const struct fw_cfg_region fw_cfg_pio_regions[] = {
	{ 0, 2, 4, fw_cfg_comb_accepts, fw_cfg_comb_read, fw_cfg_comb_write },
	{ 4, 12, 8, fw_cfg_dev_dma_reg_accepts, fw_cfg_dev_dma_reg_read,
	  fw_cfg_dev_dma_reg_write },
};

/* Without DMA (QEMU <= 2.4) the DMA ports are unassigned too. */
static const struct fw_cfg_window fw_cfg_pio_window = {
	fw_cfg_pio_regions, 2, 0xff
};

void fw_cfg_dev_io_read(struct fw_cfg_dev *d, uint64_t off, unsigned size,
			void *data)
{
	fw_cfg_dev_access(d, &fw_cfg_pio_window, off, size, data, false);
}

void fw_cfg_dev_io_write(struct fw_cfg_dev *d, uint64_t off, unsigned size,
			 const void *data)
{
	/* Writes only read the buffer; the engine takes one pointer type. */
	fw_cfg_dev_access(d, &fw_cfg_pio_window, off, size, (uint8_t *)data,
			  true);
}

void fw_cfg_dev_io_read_rep(struct fw_cfg_dev *d, uint64_t off, unsigned size,
			    uint32_t count, void *data)
{
	uint8_t *p = data;
	uint32_t i;

	/* `rep insb` from the data port: the whole buffer in one copy. */
	if (size == 1 && off < 2) {
		fw_cfg_dev_data_read(d, p, count);
		return;
	}
	for (i = 0; i < count; i++, p += size)
		fw_cfg_dev_io_read(d, off, size, p);
}

void fw_cfg_dev_io_write_rep(struct fw_cfg_dev *d, uint64_t off,
			     unsigned size, uint32_t count, const void *data)
{
	const uint8_t *p = data;
	uint32_t i;

	for (i = 0; i < count; i++, p += size)
		fw_cfg_dev_io_write(d, off, size, p);
}
