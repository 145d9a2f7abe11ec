/* aml.c: AML encoding of names, data objects, scopes, devices, resources. */
#include "platform/aml.h"

#include <errno.h>
#include <string.h>

/* Opcodes and prefixes (ACPI 6.3, 20.2). */
#define AML_ZERO	   0x00
#define AML_ONE		   0x01
#define AML_NAME	   0x08
#define AML_BYTE_PREFIX	   0x0a
#define AML_WORD_PREFIX	   0x0b
#define AML_DWORD_PREFIX   0x0c
#define AML_STRING_PREFIX  0x0d
#define AML_QWORD_PREFIX   0x0e
#define AML_SCOPE	   0x10
#define AML_BUFFER	   0x11
#define AML_PACKAGE	   0x12
#define AML_DUAL_NAME	   0x2e
#define AML_MULTI_NAME	   0x2f
#define AML_EXT_PREFIX	   0x5b
#define AML_DEVICE	   0x82 /* after AML_EXT_PREFIX */
#define AML_ROOT_CHAR	   '\\'
#define AML_PARENT_CHAR	   '^'
#define AML_NULL_NAME	   0x00
#define AML_NAME_SEG_CHARS 4

/* Small resource descriptors (ACPI 6.3, 6.4.2): tag = type << 3 | length. */
#define AML_RES_IRQ_NOFLAGS 0x22 /* type 0x04, 2 bytes: IRQ mask */
#define AML_RES_IO	    0x47 /* type 0x08, 7 bytes */
#define AML_RES_END	    0x79 /* type 0x0f, 1 byte: checksum */
#define AML_RES_IO_DECODE16 0x01
#define AML_ISA_IRQS	    16

void aml_init(struct aml *a, void *buf, size_t size)
{
	a->buf = buf;
	a->size = buf ? size : 0;
	a->len = 0;
	a->err = 0;
}

/* A bad argument outranks running out of room: it is the real problem. */
static void aml_fail(struct aml *a, int err)
{
	if (!a->err || (a->err == -ENOSPC && err == -EINVAL))
		a->err = err;
}

/* Insert @n bytes at @pos, moving what follows; or only count them. */
static void aml_insert(struct aml *a, size_t pos, const void *src, size_t n)
{
	if (!n)
		return;
	if (!a->err && a->len + n > a->size)
		aml_fail(a, -ENOSPC);
	if (!a->err) {
		memmove(a->buf + pos + n, a->buf + pos, a->len - pos);
		memcpy(a->buf + pos, src, n);
	}
	a->len += n;
}

static void aml_emit(struct aml *a, const void *src, size_t n)
{
	aml_insert(a, a->len, src, n);
}

static void aml_byte(struct aml *a, uint8_t b)
{
	aml_emit(a, &b, 1);
}

static int aml_name_char(char c, int first)
{
	return (c >= 'A' && c <= 'Z') || c == '_' ||
	       (!first && c >= '0' && c <= '9');
}

/* One segment of @len (1-4) characters into 4 bytes, padded with '_'. */
static int aml_name_seg(uint8_t seg[4], const char *s, size_t len)
{
	size_t i;

	if (len < 1 || len > AML_NAME_SEG_CHARS)
		return -EINVAL;
	for (i = 0; i < AML_NAME_SEG_CHARS; i++) {
		if (i >= len) {
			seg[i] = '_';
			continue;
		}
		if (!aml_name_char(s[i], i == 0))
			return -EINVAL;
		seg[i] = (uint8_t)s[i];
	}
	return 0;
}

/* NameString: prefix, then NullName, a NameSeg, or a dual/multi path. */
static void aml_name_string(struct aml *a, const char *name)
{
	uint8_t out[2 + 255 * AML_NAME_SEG_CHARS + 64];
	size_t n = 0, segs = 0, seg_at;
	const char *p = name;

	if (!name) {
		aml_fail(a, -EINVAL);
		return;
	}
	if (*p == AML_ROOT_CHAR)
		out[n++] = (uint8_t)*p++;
	else
		while (*p == AML_PARENT_CHAR && n < 64)
			out[n++] = (uint8_t)*p++;
	seg_at = n + 2; /* room for a dual or multi prefix and its count */
	while (*p) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);

		if (segs == 255 || *p == AML_PARENT_CHAR ||
		    aml_name_seg(out + seg_at + segs * 4, p, len)) {
			aml_fail(a, -EINVAL);
			return;
		}
		segs++;
		p += len;
		if (dot && !*++p) { /* a trailing dot */
			aml_fail(a, -EINVAL);
			return;
		}
	}
	switch (segs) {
	case 0:
		/* Only a prefix may stand alone ("\\" is the root scope). */
		if (!n) {
			aml_fail(a, -EINVAL);
			return;
		}
		out[n++] = AML_NULL_NAME;
		break;
	case 1:
		break;
	case 2:
		out[n++] = AML_DUAL_NAME;
		break;
	default:
		out[n++] = AML_MULTI_NAME;
		out[n++] = (uint8_t)segs;
		break;
	}
	if (segs)
		memmove(out + n, out + seg_at, segs * 4);
	aml_emit(a, out, n + segs * 4);
}

/*
 * PkgLength for @content bytes after it (its own bytes count too): one
 * byte up to 63, else 2-4 bytes holding 12, 20 or 28 bits; 0 if too long.
 */
static size_t aml_pkglength(uint8_t out[4], size_t content)
{
	size_t n, v, i;

	if (content + 1 <= 0x3f) {
		out[0] = (uint8_t)(content + 1);
		return 1;
	}
	for (n = 2; n <= 4; n++) {
		v = content + n;
		if (v >> (4 + 8 * (n - 1)))
			continue;
		out[0] = (uint8_t)((n - 1) << 6 | (v & 0x0f));
		for (i = 1; i < n; i++)
			out[i] = (uint8_t)(v >> (4 + 8 * (i - 1)));
		return n;
	}
	return 0;
}

void aml_end(struct aml *a, size_t mark)
{
	uint8_t pkg[4];
	size_t n = mark <= a->len ? aml_pkglength(pkg, a->len - mark) : 0;

	if (!n) {
		aml_fail(a, -EINVAL);
		return;
	}
	aml_insert(a, mark, pkg, n);
}

/* Integer encoding into @out (at most 9 bytes); returns its size. */
static size_t aml_integer_bytes(uint8_t out[9], uint64_t v)
{
	size_t n, i;

	if (v == 0 || v == 1) {
		out[0] = v ? AML_ONE : AML_ZERO;
		return 1;
	}
	if (v <= 0xff) {
		out[0] = AML_BYTE_PREFIX;
		n = 1;
	} else if (v <= 0xffff) {
		out[0] = AML_WORD_PREFIX;
		n = 2;
	} else if (v <= 0xffffffffu) {
		out[0] = AML_DWORD_PREFIX;
		n = 4;
	} else {
		out[0] = AML_QWORD_PREFIX;
		n = 8;
	}
	for (i = 0; i < n; i++)
		out[1 + i] = (uint8_t)(v >> (8 * i));
	return 1 + n;
}

void aml_integer(struct aml *a, uint64_t value)
{
	uint8_t out[9];

	aml_emit(a, out, aml_integer_bytes(out, value));
}

void aml_string(struct aml *a, const char *s)
{
	const char *p;

	if (!s) {
		aml_fail(a, -EINVAL);
		return;
	}
	for (p = s; *p; p++) {
		if (*p < 0x20 || *p > 0x7e) {
			aml_fail(a, -EINVAL);
			return;
		}
	}
	aml_byte(a, AML_STRING_PREFIX);
	aml_emit(a, s, (size_t)(p - s) + 1); /* with its NUL */
}

static int aml_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * A compressed EISA id: each letter as 5 bits (A = 1), big-endian in the
 * first two bytes, then the four hex digits as two bytes. Always a DWord,
 * as iASL encodes it.
 */
void aml_eisa_id(struct aml *a, const char *id)
{
	uint8_t out[5] = { AML_DWORD_PREFIX };
	int d[4], i;

	if (!id || strlen(id) != 7) {
		aml_fail(a, -EINVAL);
		return;
	}
	for (i = 0; i < 3; i++) {
		if (id[i] < 'A' || id[i] > 'Z') {
			aml_fail(a, -EINVAL);
			return;
		}
	}
	for (i = 0; i < 4; i++) {
		d[i] = aml_hex(id[3 + i]);
		if (d[i] < 0) {
			aml_fail(a, -EINVAL);
			return;
		}
	}
	out[1] = (uint8_t)((id[0] - '@') << 2 | (id[1] - '@') >> 3);
	out[2] = (uint8_t)(((id[1] - '@') & 7) << 5 | (id[2] - '@'));
	out[3] = (uint8_t)(d[0] << 4 | d[1]);
	out[4] = (uint8_t)(d[2] << 4 | d[3]);
	aml_emit(a, out, sizeof(out));
}

size_t aml_scope_begin(struct aml *a, const char *name)
{
	size_t mark;

	aml_byte(a, AML_SCOPE);
	mark = a->len;
	aml_name_string(a, name);
	return mark;
}

size_t aml_device_begin(struct aml *a, const char *name)
{
	static const uint8_t op[] = { AML_EXT_PREFIX, AML_DEVICE };
	size_t mark;

	aml_emit(a, op, sizeof(op));
	mark = a->len;
	aml_name_string(a, name);
	return mark;
}

void aml_name(struct aml *a, const char *name)
{
	aml_byte(a, AML_NAME);
	aml_name_string(a, name);
}

size_t aml_package_begin(struct aml *a, uint8_t count)
{
	size_t mark;

	aml_byte(a, AML_PACKAGE);
	mark = a->len;
	aml_byte(a, count); /* NumElements, inside the PkgLength */
	return mark;
}

/* Prefix the bytes since @mark with PkgLength and the BufferSize term. */
static void aml_buffer_close(struct aml *a, size_t mark)
{
	uint8_t pre[4 + 9];
	size_t bytes = a->len - mark, nsize, npkg;
	uint8_t size_term[9];

	if (mark > a->len) {
		aml_fail(a, -EINVAL);
		return;
	}
	nsize = aml_integer_bytes(size_term, bytes);
	npkg = aml_pkglength(pre, nsize + bytes);
	if (!npkg) {
		aml_fail(a, -EINVAL);
		return;
	}
	memcpy(pre + npkg, size_term, nsize);
	aml_insert(a, mark, pre, npkg + nsize);
}

void aml_buffer(struct aml *a, const void *data, size_t len)
{
	size_t mark;

	if (!data && len) {
		aml_fail(a, -EINVAL);
		return;
	}
	aml_byte(a, AML_BUFFER);
	mark = a->len;
	aml_emit(a, data, len);
	aml_buffer_close(a, mark);
}

size_t aml_resources_begin(struct aml *a)
{
	aml_byte(a, AML_BUFFER);
	return a->len;
}

void aml_resources_end(struct aml *a, size_t mark)
{
	/* A zero checksum means "treat as valid", as iASL writes it. */
	static const uint8_t end[] = { AML_RES_END, 0x00 };

	aml_emit(a, end, sizeof(end));
	aml_buffer_close(a, mark);
}

void aml_io(struct aml *a, uint16_t min, uint16_t max, uint8_t align,
	    uint8_t length)
{
	uint8_t d[8] = { AML_RES_IO,   AML_RES_IO_DECODE16,
			 (uint8_t)min, (uint8_t)(min >> 8),
			 (uint8_t)max, (uint8_t)(max >> 8),
			 align,	       length };

	if (min > max) {
		aml_fail(a, -EINVAL);
		return;
	}
	aml_emit(a, d, sizeof(d));
}

void aml_irq(struct aml *a, unsigned int irq)
{
	uint8_t d[3] = { AML_RES_IRQ_NOFLAGS };

	if (irq >= AML_ISA_IRQS) {
		aml_fail(a, -EINVAL);
		return;
	}
	d[1] = (uint8_t)(1u << irq);
	d[2] = (uint8_t)((1u << irq) >> 8);
	aml_emit(a, d, sizeof(d));
}
