/* checksum.h: the sample checksum test guests and test scripts agree on. */
#ifndef ABI_CHECKSUM_H
#define ABI_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/*
 * FNV-1a over little-endian 32-bit words, then over any tail bytes. Word
 * steps keep it cheap for guests whose instructions are emulated: 4 KiB is
 * about 5,000 instructions, a few milliseconds at 1 M instructions/s.
 * Test scripts compute it with build/host/tests/tools/jsum.
 *
 * Convention for a file of size S: "first" is the sum of bytes
 * [0, min(S, 4096)), "last" the sum of [S - min(S, 4096), S).
 */
#define JSUM_SAMPLE 4096u

static inline uint32_t jsum32(const void *data, size_t n)
{
	const unsigned char *p = (const unsigned char *)data;
	uint32_t h = 2166136261u;

	for (; n >= 4; n -= 4, p += 4) {
		uint32_t w = (uint32_t)p[0] | (uint32_t)p[1] << 8 |
			     (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
		h = (h ^ w) * 16777619u;
	}
	for (; n; n--, p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

#endif
