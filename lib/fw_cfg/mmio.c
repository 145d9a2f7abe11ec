/* mmio.c: the fw_cfg MMIO transport in the ARM `virt` layout (data +0, selector +8, DMA +0x10). */
#include "fw_cfg/bytes.h"
#include "fw_cfg/dev_impl.h"

/*
 * QEMU's fw_cfg_init_mem_wide(base + 8, base, 8, base + 16): an 8-byte
 * data register that takes 1-8 byte reads at offset 0 only, a 2-byte
 * big-endian selector that takes 16-bit writes only, a hole, then the
 * same DMA register as on x86. Holes read as 0, like unassigned memory.
 */
static bool fw_cfg_data_accepts(unsigned off, unsigned size, bool write)
{
	return off == 0;
}

static void fw_cfg_data_read(struct fw_cfg_dev *d, unsigned off, unsigned size,
			     uint8_t *buf)
{
	/* String-preserving: the next bytes in item order, zero padded. */
	fw_cfg_dev_data_read(d, buf, size);
}

static void fw_cfg_data_write(struct fw_cfg_dev *d, unsigned off,
			      unsigned size, const uint8_t *buf)
{
	/* Data writes have been ignored since QEMU 2.4. */
}

static bool fw_cfg_ctl_accepts(unsigned off, unsigned size, bool write)
{
	return write && size == 2;
}

static void fw_cfg_ctl_read(struct fw_cfg_dev *d, unsigned off, unsigned size,
			    uint8_t *buf)
{
	/* Never called: fw_cfg_ctl_accepts refuses reads. */
}

static void fw_cfg_ctl_write(struct fw_cfg_dev *d, unsigned off, unsigned size,
			     const uint8_t *buf)
{
	fw_cfg_dev_select(d, fw_cfg_get_be16(buf));
}

static const struct fw_cfg_region fw_cfg_mmio_regions[] = {
	{ 0, 8, 8, fw_cfg_data_accepts, fw_cfg_data_read, fw_cfg_data_write },
	{ 8, 10, 4, fw_cfg_ctl_accepts, fw_cfg_ctl_read, fw_cfg_ctl_write },
	{ 16, 24, 8, fw_cfg_dev_dma_reg_accepts, fw_cfg_dev_dma_reg_read,
	  fw_cfg_dev_dma_reg_write },
};

static const struct fw_cfg_window fw_cfg_mmio_window = {
	fw_cfg_mmio_regions, 3, 0
};

void fw_cfg_dev_mmio_read(struct fw_cfg_dev *d, uint64_t off, unsigned size,
			  void *data)
{
	fw_cfg_dev_access(d, &fw_cfg_mmio_window, off, size, data, false);
}

void fw_cfg_dev_mmio_write(struct fw_cfg_dev *d, uint64_t off, unsigned size,
			   const void *data)
{
	fw_cfg_dev_access(d, &fw_cfg_mmio_window, off, size, (uint8_t *)data,
			  true);
}
