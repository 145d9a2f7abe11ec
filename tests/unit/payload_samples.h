/* payload_samples.h: payload test samples, compressed by each library. */
#ifndef TESTS_UNIT_PAYLOAD_SAMPLES_H
#define TESTS_UNIT_PAYLOAD_SAMPLES_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lz4.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "abi/bootparam.h"
#include "boot/payload.h"
#include "image_builder.h" /* put_le32 */

/*
 * Every sample is compressed here by the format's own library, wrapped in
 * a minimal bzImage (setup header, protected-mode part with filler before
 * and after the payload) and read back through the public API. Included
 * after cmocka.h by the payload tests; functions are static inline so a
 * test that uses only some of them still builds with -Werror.
 */
#define SAMPLE_SIZE    (96u << 10)
#define SETUP_SECTS    2
#define PAYLOAD_OFFSET 0x300 /* from the start of protected-mode code */
#define TAIL_FILLER    777   /* code after the payload in a real bzImage */

struct buf {
	uint8_t *p;
	size_t len;
};

/* A compressible, non-trivial ELF-looking sample. */
static inline struct buf make_elf(size_t len)
{
	struct buf b = { malloc(len), len };
	uint32_t x = 12345;
	size_t i;

	assert_non_null(b.p);
	for (i = 0; i < len; i++) {
		x = x * 1103515245u + 12345u;
		b.p[i] = (i / 64) % 3 ? (uint8_t)(x >> 28) : (uint8_t)i;
	}
	memcpy(b.p, "\177ELF\x02\x01\x01", 7);
	return b;
}

static inline struct buf gzip_stream(const struct buf *in)
{
	z_stream s = { 0 };
	struct buf out;

	assert_int_equal(deflateInit2(&s, 9, Z_DEFLATED, 16 + MAX_WBITS, 8,
				      Z_DEFAULT_STRATEGY),
			 Z_OK);
	out.len = deflateBound(&s, in->len) + 32;
	out.p = malloc(out.len);
	assert_non_null(out.p);
	s.next_in = in->p;
	s.avail_in = (uInt)in->len;
	s.next_out = out.p;
	s.avail_out = (uInt)out.len;
	assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
	out.len = s.total_out;
	deflateEnd(&s);
	return out;
}

static inline struct buf xz_stream(const struct buf *in)
{
	struct buf out = { NULL, 0 };
	size_t cap = lzma_stream_buffer_bound(in->len);

	out.p = malloc(cap);
	assert_non_null(out.p);
	assert_int_equal(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC32, NULL,
						 in->p, in->len, out.p,
						 &out.len, cap),
			 LZMA_OK);
	return out;
}

static inline struct buf lzma_alone_stream(const struct buf *in)
{
	lzma_stream s = LZMA_STREAM_INIT;
	lzma_options_lzma opt;
	struct buf out;
	lzma_ret ret;

	assert_false(lzma_lzma_preset(&opt, 6));
	assert_int_equal(lzma_alone_encoder(&s, &opt), LZMA_OK);
	out.len = in->len + in->len / 2 + 4096;
	out.p = malloc(out.len);
	assert_non_null(out.p);
	s.next_in = in->p;
	s.avail_in = in->len;
	s.next_out = out.p;
	s.avail_out = out.len;
	do
		ret = lzma_code(&s, LZMA_FINISH);
	while (ret == LZMA_OK);
	assert_int_equal(ret, LZMA_STREAM_END);
	out.len = s.total_out;
	lzma_end(&s);
	return out;
}

/* Append one legacy LZ4 frame (magic, then 8 MiB blocks) at out->len. */
static inline void lz4_legacy_frame(struct buf *out, const uint8_t *in,
				    size_t len)
{
	const size_t block = 8u << 20;
	size_t pos;

	put_le32(out->p + out->len, 0x184c2102u);
	out->len += 4;
	for (pos = 0; pos < len; pos += block) {
		int n = (int)(len - pos < block ? len - pos : block);
		int c = LZ4_compress_default((const char *)in + pos,
					     (char *)out->p + out->len + 4, n,
					     LZ4_compressBound(n));

		assert_true(c > 0);
		put_le32(out->p + out->len, (uint32_t)c);
		out->len += 4 + (size_t)c;
	}
}

static inline size_t lz4_cap(size_t len)
{
	return 16 + (len / (8u << 20) + 2) * 4 +
	       (size_t)LZ4_compressBound((int)len) + 64;
}

static inline struct buf lz4_stream(const struct buf *in)
{
	struct buf out = { malloc(lz4_cap(in->len)), 0 };

	assert_non_null(out.p);
	lz4_legacy_frame(&out, in->p, in->len);
	return out;
}

/* The kernel's zstd payload carries a content checksum (zstd's default). */
static inline struct buf zstd_stream(const struct buf *in)
{
	ZSTD_CCtx *c = ZSTD_createCCtx();
	struct buf out = { NULL, ZSTD_compressBound(in->len) };

	out.p = malloc(out.len);
	assert_non_null(c);
	assert_non_null(out.p);
	ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, 19);
	ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
	out.len = ZSTD_compress2(c, out.p, out.len, in->p, in->len);
	assert_false(ZSTD_isError(out.len));
	ZSTD_freeCCtx(c);
	return out;
}

static inline struct buf copy_stream(const struct buf *in)
{
	struct buf out = { malloc(in->len), in->len };

	assert_non_null(out.p);
	memcpy(out.p, in->p, in->len);
	return out;
}

static inline struct buf pack(enum payload_format f, const struct buf *in)
{
	switch (f) {
	case PAYLOAD_GZIP:
		return gzip_stream(in);
	case PAYLOAD_XZ:
		return xz_stream(in);
	case PAYLOAD_LZMA:
		return lzma_alone_stream(in);
	case PAYLOAD_LZ4:
		return lz4_stream(in);
	case PAYLOAD_ZSTD:
		return zstd_stream(in);
	default:
		return copy_stream(in);
	}
}

/*
 * Payload bytes as a bzImage carries them: the stream, then the unpacked
 * size as LE u32 (gzip's ISIZE already is that word).
 */
static inline struct buf with_trailer(enum payload_format f, struct buf s,
				      size_t unpacked)
{
	if (f == PAYLOAD_GZIP)
		return s;
	s.p = realloc(s.p, s.len + 4);
	assert_non_null(s.p);
	put_le32(s.p + s.len, (uint32_t)unpacked);
	s.len += 4;
	return s;
}

static inline size_t pm_offset(uint8_t setup_sects)
{
	return ((size_t)(setup_sects ? setup_sects : 4) + 1) * 512;
}

/* A bzImage around @payload, protocol @version. */
static inline struct buf bzimage(const struct buf *payload, uint16_t version,
				 uint8_t setup_sects)
{
	size_t pm = pm_offset(setup_sects);
	struct buf img;
	struct setup_header h = { 0 };

	img.len = pm + PAYLOAD_OFFSET + payload->len + TAIL_FILLER;
	img.p = malloc(img.len);
	assert_non_null(img.p);
	memset(img.p, 0xcc, img.len);
	h.setup_sects = setup_sects;
	h.boot_flag = SETUP_BOOT_FLAG;
	h.jump = 0x6aeb;
	h.header = SETUP_HDRS_MAGIC;
	h.version = version;
	h.loadflags = LOADED_HIGH;
	h.payload_offset = PAYLOAD_OFFSET;
	h.payload_length = (uint32_t)payload->len;
	memcpy(img.p + SETUP_HEADER_OFFSET, &h, sizeof(h));
	memcpy(img.p + pm + PAYLOAD_OFFSET, payload->p, payload->len);
	return img;
}

static struct setup_header *hdr_of(struct buf *img)
{
	return (struct setup_header *)(img->p + SETUP_HEADER_OFFSET);
}

static inline struct buf sample_image(enum payload_format f,
				      const struct buf *elf)
{
	struct buf s = with_trailer(f, pack(f, elf), elf->len);
	struct buf img = bzimage(&s, 0x020f, SETUP_SECTS);

	free(s.p);
	return img;
}

static const enum payload_format all_formats[] __attribute__((unused)) = {
	PAYLOAD_NONE, PAYLOAD_GZIP, PAYLOAD_XZ,
	PAYLOAD_LZMA, PAYLOAD_LZ4,  PAYLOAD_ZSTD,
};
#define NFORMATS (sizeof(all_formats) / sizeof(all_formats[0]))

#endif
