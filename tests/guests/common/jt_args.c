/* jt_args.c: "jt.KEY=VALUE" tokens on the kernel command line. */
#include "jt.h"

#include <string.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *jt_arg(const char *key, size_t *len)
{
	const char *p = jt_cmdline();
	size_t klen = strlen(key);

	while (*p) {
		const char *tok;

		while (is_blank(*p))
			p++;
		for (tok = p; *p && !is_blank(*p); p++)
			;
		if ((size_t)(p - tok) > 3 + klen && !strncmp(tok, "jt.", 3) &&
		    !strncmp(tok + 3, key, klen) && tok[3 + klen] == '=') {
			*len = p - (tok + 4 + klen);
			return tok + 4 + klen;
		}
	}
	return NULL;
}

/* Decimal or 0x hex, the whole of [s, s + len), no overflow. The limits
 * are constants: a division per digit is a libgcc loop in 32-bit guests. */
static bool parse_u64(const char *s, size_t len, uint64_t *out)
{
	unsigned base = 10;
	uint64_t v = 0, limit = UINT64_MAX / 10;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		limit = UINT64_MAX >> 4;
		s += 2;
		len -= 2;
	}
	if (!len)
		return false;
	for (; len; len--, s++) {
		unsigned d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return false;
		if (v > limit)
			return false;
		v = base == 16 ? v << 4 : v * 10;
		if (v > UINT64_MAX - d)
			return false;
		v += d;
	}
	*out = v;
	return true;
}

/* The value as a C string, cut at 63 bytes (rt_vformat has no %.*s). */
static __attribute__((noreturn)) void fail_value(const char *key,
						 const char *val, size_t len,
						 size_t n)
{
	char v[64];
	size_t k = len < sizeof(v) - 1 ? len : sizeof(v) - 1;

	memcpy(v, val, k);
	v[k] = '\0';
	jt_fail("jt.%s=%s%s: expected %u number%s (decimal or 0x hex%s)", key,
		v, len > k ? "..." : "", (unsigned)n, n > 1 ? "s" : "",
		n > 1 ? ", comma-separated" : "");
}

bool jt_arg_u64_list(const char *key, uint64_t *v, size_t n)
{
	size_t len, i = 0;
	const char *val = jt_arg(key, &len), *p, *end;

	if (!val)
		return false;
	end = val + len;
	for (p = val; i < n; i++) {
		const char *comma = p;

		while (comma < end && *comma != ',')
			comma++;
		if (!parse_u64(p, comma - p, &v[i]) ||
		    (i + 1 < n) != (comma < end))
			break;
		p = comma + 1;
	}
	if (i < n)
		fail_value(key, val, len, n);
	return true;
}

bool jt_arg_u64(const char *key, uint64_t *v)
{
	return jt_arg_u64_list(key, v, 1);
}

/* Lower-case hex up to ',', ' ' or the end; a digit costs ~10 instructions. */
bool jt_hex32(const char **p, uint32_t *out)
{
	uint32_t v = 0;
	const char *s = *p;

	for (;; s++) {
		unsigned d = (unsigned char)*s - '0';

		if (d > 9) {
			d = (unsigned char)*s - 'a';
			if (d > 5)
				break;
			d += 10;
		}
		if (v >> 28)
			return false;
		v = v << 4 | d;
	}
	if (s == *p || (*s && *s != ',' && *s != ' '))
		return false; /* empty, or not hex */
	*out = v;
	*p = *s == ',' ? s + 1 : s;
	return true;
}
