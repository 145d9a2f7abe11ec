/* fwprobe_util.c: raw DMA descriptors, byte I/O, hex and sample sums for the
 * fw_cfg probe. */
#include "abi/checksum.h"
#include "fw_cfg/bytes.h"
#include "fwprobe.h"
#include "rt/x86io.h"

uint32_t fwprobe_dma_at(uint32_t desc, uint32_t ctl, uint32_t len,
			uint64_t addr)
{
	volatile uint8_t *d = (volatile uint8_t *)(uintptr_t)desc;
	uint8_t raw[16];

	fw_cfg_put_dma_access(raw, ctl, len, addr);
	for (unsigned i = 0; i < sizeof(raw); i++)
		d[i] = raw[i];
	/* The device clears the address register at every transfer: the
	 * low half alone means a descriptor below 4 GiB. */
	outl(FW_CFG_PORT_DMA_LO, __builtin_bswap32(desc));
	for (unsigned i = 0; i < 4; i++)
		raw[i] = d[i];
	return fw_cfg_get_be32(raw);
}

void fwprobe_hex(const void *p, unsigned n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	const uint8_t *b = p;

	for (unsigned i = 0; i < n; i++) {
		*out++ = digits[b[i] >> 4];
		*out++ = digits[b[i] & 15];
	}
	*out = '\0';
}

void fwprobe_sums(const uint8_t *p, uint32_t n, uint32_t sum[2])
{
	uint32_t k = n < JSUM_SAMPLE ? n : JSUM_SAMPLE;

	sum[0] = jsum32(p, k);
	sum[1] = jsum32(p + n - k, k);
}

void fwprobe_select(uint16_t key)
{
	outw(FW_CFG_PORT_SEL, key);
}

void fwprobe_io_read(void *buf, uint32_t n)
{
	insb(FW_CFG_PORT_DATA, buf, n);
}
