/* test_payload.c: bzImage payload lookup and decoding, on images built here. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <lz4.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "abi/bootparam.h"
#include "boot/payload.h"

/*
 * Every sample is compressed here by the format's own library, wrapped in
 * a minimal bzImage (setup header, protected-mode part with filler before
 * and after the payload) and read back through the public API.
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
static struct buf make_elf(size_t len)
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

static void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static struct buf gzip_stream(const struct buf *in)
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

static struct buf xz_stream(const struct buf *in)
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

static struct buf lzma_alone_stream(const struct buf *in)
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
static void lz4_legacy_frame(struct buf *out, const uint8_t *in, size_t len)
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

static size_t lz4_cap(size_t len)
{
	return 16 + (len / (8u << 20) + 2) * 4 +
	       (size_t)LZ4_compressBound((int)len) + 64;
}

static struct buf lz4_stream(const struct buf *in)
{
	struct buf out = { malloc(lz4_cap(in->len)), 0 };

	assert_non_null(out.p);
	lz4_legacy_frame(&out, in->p, in->len);
	return out;
}

/* The kernel's zstd payload carries a content checksum (zstd's default). */
static struct buf zstd_stream(const struct buf *in)
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

static struct buf copy_stream(const struct buf *in)
{
	struct buf out = { malloc(in->len), in->len };

	assert_non_null(out.p);
	memcpy(out.p, in->p, in->len);
	return out;
}

static struct buf pack(enum payload_format f, const struct buf *in)
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
static struct buf with_trailer(enum payload_format f, struct buf s,
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

static size_t pm_offset(uint8_t setup_sects)
{
	return ((size_t)(setup_sects ? setup_sects : 4) + 1) * 512;
}

/* A bzImage around @payload, protocol @version. */
static struct buf bzimage(const struct buf *payload, uint16_t version,
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

static struct buf sample_image(enum payload_format f, const struct buf *elf)
{
	struct buf s = with_trailer(f, pack(f, elf), elf->len);
	struct buf img = bzimage(&s, 0x020f, SETUP_SECTS);

	free(s.p);
	return img;
}

static const enum payload_format all_formats[] = {
	PAYLOAD_NONE, PAYLOAD_GZIP, PAYLOAD_XZ,
	PAYLOAD_LZMA, PAYLOAD_LZ4,  PAYLOAD_ZSTD,
};
#define NFORMATS (sizeof(all_formats) / sizeof(all_formats[0]))

static void roundtrip(enum payload_format f, const struct buf *elf)
{
	struct buf img = sample_image(f, elf);
	struct payload p;
	size_t n = 0;
	uint8_t *out = malloc(elf->len);
	void *ext = NULL;

	assert_non_null(out);
	assert_int_equal(payload_find(img.p, img.len, &p), 0);
	assert_int_equal(p.format, f);
	assert_int_equal(p.unpacked_size, elf->len);
	assert_int_equal(p.offset, pm_offset(SETUP_SECTS) + PAYLOAD_OFFSET);
	assert_ptr_equal(p.data, img.p + p.offset);

	/* Caller's buffer, exactly the size needed. */
	assert_int_equal(payload_decompress(&p, out, elf->len, &n), 0);
	assert_int_equal(n, elf->len);
	assert_memory_equal(out, elf->p, elf->len);

	/* Library-allocated, with a limit it respects. */
	assert_int_equal(payload_extract(&p, elf->len, &ext, &n), 0);
	assert_int_equal(n, elf->len);
	assert_memory_equal(ext, elf->p, elf->len);
	free(ext);
	free(out);
	free(img.p);
}

static void every_format_roundtrips(void **state)
{
	struct buf elf = make_elf(SAMPLE_SIZE);
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		roundtrip(all_formats[i], &elf);
	free(elf.p);
}

/* Two 8 MiB blocks and a second concatenated frame, as Linux accepts. */
static void lz4_blocks_and_frames(void **state)
{
	struct buf elf = make_elf((8u << 20) + (200u << 10));
	size_t split = (8u << 20) + (100u << 10);
	struct buf s = { malloc(lz4_cap(elf.len) * 2), 0 };
	struct buf img;
	struct payload p;
	void *out;
	size_t n;

	assert_non_null(s.p);
	lz4_legacy_frame(&s, elf.p, split);
	lz4_legacy_frame(&s, elf.p + split, elf.len - split);
	s = with_trailer(PAYLOAD_LZ4, s, elf.len);
	img = bzimage(&s, 0x020f, SETUP_SECTS);
	assert_int_equal(payload_find(img.p, img.len, &p), 0);
	assert_int_equal(payload_extract(&p, elf.len, &out, &n), 0);
	assert_memory_equal(out, elf.p, elf.len);
	free(out);
	free(img.p);
	free(s.p);
	free(elf.p);
}

/* setup_sects == 0 means 4 sectors of setup code. */
static void zero_setup_sects(void **state)
{
	struct buf elf = make_elf(4096);
	struct buf s = with_trailer(PAYLOAD_NONE, copy_stream(&elf), elf.len);
	struct buf img = bzimage(&s, 0x0208, 0);
	struct payload p;

	assert_int_equal(payload_find(img.p, img.len, &p), 0);
	assert_int_equal(p.offset, 5 * 512 + PAYLOAD_OFFSET);
	free(img.p);
	free(s.p);
	free(elf.p);
}

static int decode(struct buf *img, size_t cap)
{
	struct payload p;
	uint8_t *out = malloc(cap ? cap : 1);
	size_t n;
	int ret;

	assert_non_null(out);
	ret = payload_find(img->p, img->len, &p);
	if (ret == 0)
		ret = payload_decompress(&p, out, cap, &n);
	free(out);
	return ret;
}

/* Cut the stream in half but keep a trailer with the full size. */
static void truncated_streams(void **state)
{
	struct buf elf = make_elf(SAMPLE_SIZE);
	size_t i;

	for (i = 0; i < NFORMATS; i++) {
		enum payload_format f = all_formats[i];
		struct buf s = pack(f, &elf);
		struct buf img;

		s.len /= 2;
		if (f == PAYLOAD_GZIP) { /* keep a plausible ISIZE at the end */
			put_le32(s.p + s.len - 4, (uint32_t)elf.len);
		} else {
			s = with_trailer(f, s, elf.len);
		}
		img = bzimage(&s, 0x020f, SETUP_SECTS);
		assert_int_equal(decode(&img, elf.len), -EBADMSG);
		free(img.p);
		free(s.p);
	}
	free(elf.p);
}

/* A trailer one byte off either way is a stream of the wrong length. */
static void wrong_size_trailer(void **state)
{
	struct buf elf = make_elf(SAMPLE_SIZE);
	size_t i;
	int delta;

	for (i = 0; i < NFORMATS; i++) {
		for (delta = -1; delta <= 1; delta += 2) {
			enum payload_format f = all_formats[i];
			struct buf s = with_trailer(f, pack(f, &elf), elf.len);
			struct buf img;

			put_le32(s.p + s.len - 4, (uint32_t)(elf.len + delta));
			img = bzimage(&s, 0x020f, SETUP_SECTS);
			assert_int_equal(decode(&img, elf.len + 1), -EBADMSG);
			free(img.p);
			free(s.p);
		}
	}
	free(elf.p);
}

/* Formats with a checksum (gzip CRC32, xz CRC32, zstd XXH64) catch a flip. */
static void garbled_streams(void **state)
{
	static const enum payload_format checked[] = {
		PAYLOAD_GZIP,
		PAYLOAD_XZ,
		PAYLOAD_ZSTD,
	};
	struct buf elf = make_elf(SAMPLE_SIZE);
	size_t i;

	for (i = 0; i < sizeof(checked) / sizeof(checked[0]); i++) {
		struct buf img = sample_image(checked[i], &elf);
		struct setup_header *h = hdr_of(&img);
		size_t mid = pm_offset(SETUP_SECTS) + PAYLOAD_OFFSET +
			     h->payload_length / 2;

		img.p[mid] ^= 0x5a;
		assert_int_equal(decode(&img, elf.len), -EBADMSG);
		free(img.p);
	}
	free(elf.p);
}

/* LZ4 legacy has no checksum: a block size past the end must be caught. */
static void lz4_bad_block_size(void **state)
{
	struct buf elf = make_elf(SAMPLE_SIZE);
	struct buf img = sample_image(PAYLOAD_LZ4, &elf);
	uint8_t *block = img.p + pm_offset(SETUP_SECTS) + PAYLOAD_OFFSET + 4;

	put_le32(block, hdr_of(&img)->payload_length);
	assert_int_equal(decode(&img, elf.len), -EBADMSG);
	put_le32(block, 0);
	assert_int_equal(decode(&img, elf.len), -EBADMSG);
	free(img.p);
	free(elf.p);
}

static void result_must_be_elf(void **state)
{
	struct buf elf = make_elf(SAMPLE_SIZE);
	size_t i;

	memcpy(elf.p, "#!/bin/sh\n", 10);
	for (i = 0; i < NFORMATS; i++) {
		struct buf img = sample_image(all_formats[i], &elf);

		/* An uncompressed non-ELF has no signature at all. */
		assert_int_equal(decode(&img, elf.len),
				 all_formats[i] == PAYLOAD_NONE ? -EBADMSG
								: -ENOEXEC);
		free(img.p);
	}
	free(elf.p);
}

static void size_limits(void **state)
{
	struct buf elf = make_elf(SAMPLE_SIZE);
	struct buf img = sample_image(PAYLOAD_ZSTD, &elf);
	struct payload p;
	void *out = (void *)&p;
	size_t n;

	assert_int_equal(decode(&img, elf.len - 1), -ENOSPC);
	assert_int_equal(payload_find(img.p, img.len, &p), 0);
	assert_int_equal(payload_extract(&p, elf.len - 1, &out, &n), -EFBIG);
	assert_ptr_equal(out, &p); /* untouched */
	p.unpacked_size = 0;
	assert_int_equal(payload_extract(&p, elf.len, &out, &n), -EBADMSG);
	free(img.p);
	free(elf.p);
}

static void not_a_bzimage(void **state)
{
	static const char text[] = "console=ttyS0\nthis is a text file\n";
	struct buf elf = make_elf(4096);
	struct payload p;
	uint8_t big[4096];

	assert_int_equal(payload_find(text, sizeof(text), &p), -ENOEXEC);
	memset(big, 'x', sizeof(big));
	assert_int_equal(payload_find(big, sizeof(big), &p), -ENOEXEC);
	/* An ELF vmlinux is not a bzImage either. */
	assert_int_equal(payload_find(elf.p, elf.len, &p), -ENOEXEC);
	free(elf.p);
}

static void bad_headers(void **state)
{
	struct buf elf = make_elf(4096);
	struct buf s = with_trailer(PAYLOAD_NONE, copy_stream(&elf), elf.len);
	struct buf img = bzimage(&s, 0x020f, SETUP_SECTS);
	struct setup_header *h = hdr_of(&img);
	struct payload p;

	h->version = 0x0207;
	assert_int_equal(payload_find(img.p, img.len, &p), -EPROTO);
	h->version = 0x020f;
	h->payload_length = (uint32_t)s.len + TAIL_FILLER + 1;
	assert_int_equal(payload_find(img.p, img.len, &p), -ERANGE);
	h->payload_length = 0xffffffffu;
	assert_int_equal(payload_find(img.p, img.len, &p), -ERANGE);
	h->payload_length = 7;
	assert_int_equal(payload_find(img.p, img.len, &p), -ERANGE);
	h->payload_length = (uint32_t)s.len;
	h->payload_offset = 0xfffffff0u;
	assert_int_equal(payload_find(img.p, img.len, &p), -ERANGE);
	h->payload_offset = PAYLOAD_OFFSET;
	assert_int_equal(payload_find(img.p, img.len, &p), 0);
	/* A file cut short of its payload. */
	assert_int_equal(payload_find(img.p, img.len - TAIL_FILLER - 1, &p),
			 -ERANGE);
	h->boot_flag = 0;
	assert_int_equal(payload_find(img.p, img.len, &p), -ENOEXEC);
	free(img.p);
	free(s.p);
	free(elf.p);
}

static void unknown_and_unsupported(void **state)
{
	static const struct {
		const char *magic;
		size_t len;
		int err;
	} cases[] = {
		{ "BZh91AY&SY", 10, -ENOTSUP },
		{ "\x89LZO\0\r\n\x1a\n", 9, -ENOTSUP },
		{ "\x1f\x9e", 2, -EBADMSG },
		{ "\0\0\0\0", 4, -EBADMSG },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf s = { calloc(1, 64), 64 };
		struct buf img;
		struct payload p;

		assert_non_null(s.p);
		memcpy(s.p, cases[i].magic, cases[i].len);
		img = bzimage(&s, 0x020f, SETUP_SECTS);
		assert_int_equal(payload_find(img.p, img.len, &p),
				 cases[i].err);
		free(img.p);
		free(s.p);
	}
}

static void names_and_detection(void **state)
{
	assert_string_equal(payload_format_name(PAYLOAD_LZ4), "lz4");
	assert_string_equal(payload_format_name(PAYLOAD_GZIP), "gzip");
	assert_string_equal(payload_format_name((enum payload_format)99),
			    "unknown");
	assert_int_equal(payload_detect("\x02\x21\x4c\x18", 4), PAYLOAD_LZ4);
	assert_int_equal(payload_detect("\x02\x21\x4c", 3), PAYLOAD_UNKNOWN);
	assert_int_equal(payload_detect("\3757zXZ\0", 6), PAYLOAD_XZ);
	assert_false(payload_is_elf("\177ELF", 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_and_detection),
		cmocka_unit_test(every_format_roundtrips),
		cmocka_unit_test(lz4_blocks_and_frames),
		cmocka_unit_test(zero_setup_sects),
		cmocka_unit_test(truncated_streams),
		cmocka_unit_test(wrong_size_trailer),
		cmocka_unit_test(garbled_streams),
		cmocka_unit_test(lz4_bad_block_size),
		cmocka_unit_test(result_must_be_elf),
		cmocka_unit_test(size_limits),
		cmocka_unit_test(not_a_bzimage),
		cmocka_unit_test(bad_headers),
		cmocka_unit_test(unknown_and_unsupported),
	};
	return cmocka_run_group_tests_name("payload", tests, NULL, NULL);
}
