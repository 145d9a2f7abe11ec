/* test_payload.c: payload decoding in every format, intact and damaged. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "payload_samples.h"

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

/* Find img's payload and unpack it into cap bytes: 0 or the first error. */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_format_roundtrips),
		cmocka_unit_test(lz4_blocks_and_frames),
		cmocka_unit_test(truncated_streams),
		cmocka_unit_test(wrong_size_trailer),
		cmocka_unit_test(garbled_streams),
		cmocka_unit_test(lz4_bad_block_size),
		cmocka_unit_test(result_must_be_elf),
		cmocka_unit_test(size_limits),
	};
	return cmocka_run_group_tests_name("payload", tests, NULL, NULL);
}
