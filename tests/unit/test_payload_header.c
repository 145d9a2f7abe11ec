/* test_payload_header.c: finding a bzImage payload through its setup header. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "payload_samples.h"

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
		cmocka_unit_test(zero_setup_sects),
		cmocka_unit_test(not_a_bzimage),
		cmocka_unit_test(bad_headers),
		cmocka_unit_test(unknown_and_unsupported),
	};
	return cmocka_run_group_tests_name("payload_header", tests, NULL, NULL);
}
