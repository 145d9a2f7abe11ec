/* size.c: strict parsing of sizes and counts: no silent truncation or wrap. */
#include "util/size.h"

#include <errno.h>
#include <stddef.h>

int parse_size(const char *text, uint64_t *bytes, const char **why)
{
	const char *p = text;
	uint64_t v = 0;
	unsigned shift = 20; /* a bare number means MiB */

	*why = NULL;
	if (!*p) {
		*why = "empty size";
		return -EINVAL;
	}
	if (*p < '0' || *p > '9') {
		*why = "a size starts with a digit";
		return -EINVAL;
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10) {
			*why = "number too large";
			return -ERANGE;
		}
		v = v * 10 + (uint64_t)(*p - '0');
	}
	switch (*p) {
	case '\0':
		break;
	case 'k':
	case 'K':
		shift = 10;
		p++;
		break;
	case 'm':
	case 'M':
		shift = 20;
		p++;
		break;
	case 'g':
	case 'G':
		shift = 30;
		p++;
		break;
	case 't':
	case 'T':
		shift = 40;
		p++;
		break;
	default:
		*why = "unknown suffix (use K, M, G or T)";
		return -EINVAL;
	}
	if (*p == 'i' && p[1] == 'B')
		p += 2;
	else if (*p == 'B')
		p++;
	if (*p) {
		*why = "unexpected text after the size";
		return -EINVAL;
	}
	if (v > (UINT64_MAX >> shift)) {
		*why = "size too large";
		return -ERANGE;
	}
	*bytes = v << shift;
	return 0;
}

int parse_count(const char *text, long min, long max, long *out)
{
	long v = 0;
	const char *p = text;

	if (!*p)
		return -EINVAL;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		if (v > (max - (*p - '0')) / 10)
			return -ERANGE;
		v = v * 10 + (*p - '0');
	}
	if (v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}
