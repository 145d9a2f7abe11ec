/* bytes.h: unaligned little- and big-endian loads and stores for fw_cfg code. */
#ifndef FW_CFG_BYTES_H
#define FW_CFG_BYTES_H

#include <stdint.h>

/*
 * fw_cfg mixes byte orders (BE registers, descriptor and directory; LE item
 * integers) and its structures sit at any alignment in guest memory. These
 * work byte by byte, so they are correct on any host and in freestanding
 * guest code alike; on a little-endian CPU the 32-bit big-endian ones are
 * one load or store and a bswap instead, which counts in guest code where
 * each instruction is emulated (gcc does not always merge the bytes).
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define FW_CFG_BYTES_LE 1
#else
#define FW_CFG_BYTES_LE 0
#endif

typedef uint32_t __attribute__((aligned(1), may_alias)) fw_cfg_u32_unaligned;
static inline uint16_t fw_cfg_get_be16(const void *p)
{
	const uint8_t *b = p;

	return (uint16_t)(b[0] << 8 | b[1]);
}

static inline uint32_t fw_cfg_get_be32(const void *p)
{
	const uint8_t *b = p;

	if (FW_CFG_BYTES_LE)
		return __builtin_bswap32(*(const fw_cfg_u32_unaligned *)p);
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	       (uint32_t)b[2] << 8 | b[3];
}

static inline uint64_t fw_cfg_get_be64(const void *p)
{
	const uint8_t *b = p;

	return (uint64_t)fw_cfg_get_be32(b) << 32 | fw_cfg_get_be32(b + 4);
}

static inline uint16_t fw_cfg_get_le16(const void *p)
{
	const uint8_t *b = p;

	return (uint16_t)(b[0] | b[1] << 8);
}

static inline uint32_t fw_cfg_get_le32(const void *p)
{
	const uint8_t *b = p;

	return b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

static inline uint64_t fw_cfg_get_le64(const void *p)
{
	const uint8_t *b = p;

	return fw_cfg_get_le32(b) | (uint64_t)fw_cfg_get_le32(b + 4) << 32;
}

static inline void fw_cfg_put_be16(void *p, uint16_t v)
{
	uint8_t *b = p;

	b[0] = (uint8_t)(v >> 8);
	b[1] = (uint8_t)v;
}

static inline void fw_cfg_put_be32(void *p, uint32_t v)
{
	uint8_t *b = p;

	if (FW_CFG_BYTES_LE) {
		*(fw_cfg_u32_unaligned *)p = __builtin_bswap32(v);
		return;
	}
	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

static inline void fw_cfg_put_be64(void *p, uint64_t v)
{
	uint8_t *b = p;

	fw_cfg_put_be32(b, (uint32_t)(v >> 32));
	fw_cfg_put_be32(b + 4, (uint32_t)v);
}

/* A DMA descriptor (abi/fw_cfg.h's struct fw_cfg_dma_access) at p. */
static inline void fw_cfg_put_dma_access(void *p, uint32_t control,
					 uint32_t length, uint64_t address)
{
	uint8_t *b = p;

	fw_cfg_put_be32(b, control);
	fw_cfg_put_be32(b + 4, length);
	fw_cfg_put_be64(b + 8, address);
}

static inline void fw_cfg_put_le16(void *p, uint16_t v)
{
	uint8_t *b = p;

	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
}

static inline void fw_cfg_put_le32(void *p, uint32_t v)
{
	uint8_t *b = p;

	fw_cfg_put_le16(b, (uint16_t)v);
	fw_cfg_put_le16(b + 2, (uint16_t)(v >> 16));
}

static inline void fw_cfg_put_le64(void *p, uint64_t v)
{
	uint8_t *b = p;

	fw_cfg_put_le32(b, (uint32_t)v);
	fw_cfg_put_le32(b + 4, (uint32_t)(v >> 32));
}

#endif
