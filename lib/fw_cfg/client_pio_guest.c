/* client_pio_guest.c: the fw_cfg client's x86 port-I/O transport, for freestanding guest code. */
#include "fw_cfg/client.h"
#include "rt/x86io.h"

/*
 * Guest-only: port instructions fault in a host process, so the hosted
 * library leaves this file out (lib/build.mk leaves out every *_guest.c).
 * Guests run identity-mapped (paging off, or 1:1 page tables), so a
 * pointer is its physical address.
 */
static void fw_cfg_pio_select(void *ctx, uint16_t key)
{
	outw(FW_CFG_PORT_SEL, key);
}

static void fw_cfg_pio_read(void *ctx, void *buf, uint32_t n)
{
	/* One `rep insb`: a single VM exit for the whole buffer. */
	insb(FW_CFG_PORT_DATA, buf, n);
}

static void fw_cfg_pio_dma(void *ctx, uint64_t desc)
{
	/*
	 * The device clears the address register at every transfer, so a
	 * descriptor below 4 GiB needs only the low half, as SeaBIOS and
	 * qboot do. The high half, when needed, must come first: writing
	 * it clears the low half.
	 */
	if (desc >> 32)
		outl(FW_CFG_PORT_DMA_HI,
		     __builtin_bswap32((uint32_t)(desc >> 32)));
	outl(FW_CFG_PORT_DMA_LO, __builtin_bswap32((uint32_t)desc));
}

const struct fw_cfg_client_ops fw_cfg_client_pio_ops = {
	.select = fw_cfg_pio_select,
	.read = fw_cfg_pio_read,
	.dma = fw_cfg_pio_dma,
	.identity = true, /* virt_to_phys is never asked */
};
