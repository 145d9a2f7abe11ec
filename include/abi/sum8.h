/* sum8.h: the byte sum MP and ACPI tables zero with their checksum bytes. */
#ifndef ABI_SUM8_H
#define ABI_SUM8_H

#include <stddef.h>
#include <stdint.h>

/* The sum of @len bytes modulo 256: 0 over a table that checks out. */
static inline uint8_t abi_sum8(const void *p, size_t len)
{
	const uint8_t *b = (const uint8_t *)p;
	uint8_t sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

/* The checksum byte for @len bytes in which it is still 0. */
static inline uint8_t abi_checksum8(const void *p, size_t len)
{
	return (uint8_t)-abi_sum8(p, len);
}

#endif
