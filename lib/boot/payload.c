/* payload.c: locating and identifying a bzImage's compressed kernel. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "abi/bootparam.h"
#include "boot/payload.h"
#include "boot/payload_codecs.h"

/* Payload fields (payload_offset, payload_length) exist from 2.08 on. */
#define PAYLOAD_MIN_PROTOCOL 0x0208
#define PAYLOAD_TRAILER	     4

struct payload_magic {
	enum payload_format format;
	unsigned int len;
	const char *bytes;
};

/*
 * Full signatures, longer than the two bytes the kernel's own table
 * matches, so a stray match on garbage is unlikely.
 */
static const struct payload_magic payload_magics[] = {
	{ PAYLOAD_NONE, 4, "\177ELF" },
	{ PAYLOAD_GZIP, 3, "\x1f\x8b\x08" },
	{ PAYLOAD_XZ, 6, "\3757zXZ\0" },
	{ PAYLOAD_LZMA, 3, "\x5d\x00\x00" },
	{ PAYLOAD_LZ4, 4, "\x02\x21\x4c\x18" },
	{ PAYLOAD_ZSTD, 4, "\x28\xb5\x2f\xfd" },
	{ PAYLOAD_BZIP2, 3, "BZh" },
	{ PAYLOAD_LZO, 9, "\x89LZO\0\r\n\x1a\n" },
};

const char *payload_format_name(enum payload_format format)
{
	static const char *const names[] = {
		[PAYLOAD_UNKNOWN] = "unknown", [PAYLOAD_NONE] = "uncompressed",
		[PAYLOAD_GZIP] = "gzip",       [PAYLOAD_XZ] = "xz",
		[PAYLOAD_LZMA] = "lzma",       [PAYLOAD_LZ4] = "lz4",
		[PAYLOAD_ZSTD] = "zstd",       [PAYLOAD_BZIP2] = "bzip2",
		[PAYLOAD_LZO] = "lzo",
	};

	if ((unsigned int)format >= sizeof(names) / sizeof(names[0]))
		return "unknown";
	return names[format];
}

enum payload_format payload_detect(const void *data, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(payload_magics) / sizeof(payload_magics[0]);
	     i++) {
		const struct payload_magic *m = &payload_magics[i];

		if (len >= m->len && memcmp(data, m->bytes, m->len) == 0)
			return m->format;
	}
	return PAYLOAD_UNKNOWN;
}

bool payload_is_elf(const void *buf, size_t len)
{
	const uint8_t *e = buf;

	/* e_ident: magic, class (1 = 32-bit, 2 = 64-bit), data 1 = LE. */
	if (len < 52 || memcmp(e, "\177ELF", 4) != 0)
		return false;
	if (e[4] == 2 && len < 64)
		return false;
	return (e[4] == 1 || e[4] == 2) && e[5] == 1;
}

int payload_find(const void *image, size_t len, struct payload *p)
{
	const uint8_t *img = image;
	struct setup_header hdr;
	uint64_t pm_offset, start;

	if (len < SETUP_HEADER_OFFSET + sizeof(hdr))
		return -ENOEXEC;
	memcpy(&hdr, img + SETUP_HEADER_OFFSET, sizeof(hdr));
	if (hdr.boot_flag != SETUP_BOOT_FLAG || hdr.header != SETUP_HDRS_MAGIC)
		return -ENOEXEC;
	if (hdr.version < PAYLOAD_MIN_PROTOCOL)
		return -EPROTO;

	pm_offset = (uint64_t)((hdr.setup_sects ? hdr.setup_sects
						: SETUP_SECTS_DEFAULT) +
			       1) *
		    SETUP_SECT_SIZE;
	start = pm_offset + hdr.payload_offset;
	if (hdr.payload_length < PAYLOAD_TRAILER + 4 || start > len ||
	    hdr.payload_length > len - start)
		return -ERANGE;

	p->data = img + start;
	p->len = hdr.payload_length;
	p->offset = start;
	p->unpacked_size = (uint32_t)p->data[p->len - 4] |
			   (uint32_t)p->data[p->len - 3] << 8 |
			   (uint32_t)p->data[p->len - 2] << 16 |
			   (uint32_t)p->data[p->len - 1] << 24;
	p->format = payload_detect(p->data, p->len - PAYLOAD_TRAILER);
	if (p->format == PAYLOAD_UNKNOWN)
		return -EBADMSG;
	if (p->format == PAYLOAD_BZIP2 || p->format == PAYLOAD_LZO)
		return -ENOTSUP;
	return 0;
}

static int payload_unpack(const struct payload *p, uint8_t *out)
{
	/* gzip's own ISIZE is the trailer; the others append it. */
	size_t in_len =
		p->format == PAYLOAD_GZIP ? p->len : p->len - PAYLOAD_TRAILER;
	size_t want = p->unpacked_size;

	switch (p->format) {
	case PAYLOAD_NONE:
		if (in_len != want)
			return -EBADMSG;
		memcpy(out, p->data, want);
		return 0;
	case PAYLOAD_GZIP:
		return payload_gunzip(p->data, in_len, out, want);
	case PAYLOAD_XZ:
		return payload_unxz(p->data, in_len, out, want);
	case PAYLOAD_LZMA:
		return payload_unlzma(p->data, in_len, out, want);
	case PAYLOAD_LZ4:
		return payload_unlz4_legacy(p->data, in_len, out, want);
	case PAYLOAD_ZSTD:
		return payload_unzstd(p->data, in_len, out, want);
	default:
		return -ENOTSUP;
	}
}

int payload_decompress(const struct payload *p, void *out, size_t cap,
		       size_t *out_len)
{
	int ret;

	if (p->unpacked_size == 0)
		return -EBADMSG;
	if (cap < p->unpacked_size)
		return -ENOSPC;
	ret = payload_unpack(p, out);
	if (ret)
		return ret;
	if (!payload_is_elf(out, p->unpacked_size))
		return -ENOEXEC;
	*out_len = p->unpacked_size;
	return 0;
}

int payload_extract(const struct payload *p, size_t max_size, void **out,
		    size_t *out_len)
{
	void *buf;
	int ret;

	if (p->unpacked_size > max_size)
		return -EFBIG;
	buf = malloc(p->unpacked_size ? p->unpacked_size : 1);
	if (!buf)
		return -ENOMEM;
	ret = payload_decompress(p, buf, p->unpacked_size, out_len);
	if (ret) {
		free(buf);
		return ret;
	}
	*out = buf;
	return 0;
}
