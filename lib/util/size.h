/* size.h: parsing of sizes and counts given on the command line. */
#ifndef UTIL_SIZE_H
#define UTIL_SIZE_H

#include <stdint.h>

/*
 * Parse "512", "512M", "2G", "64k", "1T" into bytes. A bare number is in
 * MiB, as with QEMU's -m. Suffixes K, M, G, T (either case, optional
 * trailing "B" or "iB") are binary. Returns 0, or -EINVAL for text that is
 * not a size (why: a static string), -ERANGE when it overflows 64 bits.
 */
int parse_size(const char *text, uint64_t *bytes, const char **why);

/* Parse a decimal count in [min, max]. Returns 0, -EINVAL or -ERANGE. */
int parse_count(const char *text, long min, long max, long *out);

#endif
