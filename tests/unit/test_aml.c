/* test_aml.c: the AML encoder, byte for byte (ACPI grammar, iASL output). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "platform/aml.h"

static uint8_t out[8192];

static struct aml *fresh(void)
{
	static struct aml a;

	memset(out, 0xcc, sizeof(out));
	aml_init(&a, out, sizeof(out));
	return &a;
}

#define EXPECT_BYTES(a, ...)                                    \
	do {                                                    \
		static const uint8_t want_[] = { __VA_ARGS__ }; \
		assert_int_equal((a)->err, 0);                  \
		assert_int_equal((a)->len, sizeof(want_));      \
		assert_memory_equal(out, want_, sizeof(want_)); \
	} while (0)

static void integers_take_the_shortest_encoding(void **state)
{
	struct aml *a = fresh();

	aml_integer(a, 0); /* ZeroOp */
	aml_integer(a, 1); /* OneOp */
	aml_integer(a, 2);
	aml_integer(a, 0xff);
	aml_integer(a, 0x100);
	aml_integer(a, 0xffff);
	aml_integer(a, 0x10000);
	aml_integer(a, 0xffffffffu);
	aml_integer(a, 0x100000000ull);
	EXPECT_BYTES(a, 0x00, 0x01, 0x0a, 0x02, 0x0a, 0xff, 0x0b, 0x00, 0x01,
		     0x0b, 0xff, 0xff, 0x0c, 0x00, 0x00, 0x01, 0x00, 0x0c, 0xff,
		     0xff, 0xff, 0xff, 0x0e, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
		     0x00, 0x00);
}

static void strings_end_in_nul(void **state)
{
	struct aml *a = fresh();

	aml_string(a, "QEMU0002");
	aml_string(a, "");
	EXPECT_BYTES(a, 0x0d, 'Q', 'E', 'M', 'U', '0', '0', '0', '2', 0x00,
		     0x0d, 0x00);
}

static void strings_refuse_control_characters(void **state)
{
	struct aml *a = fresh();

	aml_string(a, "bad\n");
	assert_int_equal(a->err, -EINVAL);
	a = fresh();
	aml_string(a, NULL);
	assert_int_equal(a->err, -EINVAL);
}

/* iASL's encodings of the ids the DSDT uses. */
static void eisa_ids_compress_like_iasl(void **state)
{
	struct aml *a = fresh();

	aml_eisa_id(a, "PNP0501");
	aml_eisa_id(a, "PNP0303");
	aml_eisa_id(a, "PNP0F13");
	aml_eisa_id(a, "PNP0B00");
	aml_eisa_id(a, "ZZZ0000"); /* small value: still a DWord */
	EXPECT_BYTES(a, 0x0c, 0x41, 0xd0, 0x05, 0x01, 0x0c, 0x41, 0xd0, 0x03,
		     0x03, 0x0c, 0x41, 0xd0, 0x0f, 0x13, 0x0c, 0x41, 0xd0, 0x0b,
		     0x00, 0x0c, 0x6b, 0x5a, 0x00, 0x00);
}

static void eisa_ids_refuse_malformed(void **state)
{
	static const char *const bad[] = { "pnp0501", "PNP050",	 "PNP05011",
					   "PNP05G1", "PN10501", "PNP0a01",
					   "" };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct aml *a = fresh();

		aml_eisa_id(a, bad[i]);
		assert_int_equal(a->err, -EINVAL);
	}
}

static void names_pad_and_prefix(void **state)
{
	struct aml *a = fresh();

	aml_name(a, "_HID");
	aml_name(a, "_S5");	   /* padded with '_' */
	aml_name(a, "\\_SB");	   /* root prefix */
	aml_name(a, "^FOO");	   /* parent prefix */
	aml_name(a, "\\_SB.COM1"); /* dual name path */
	aml_name(a, "A.B.C");	   /* multi name path */
	aml_name(a, "\\");	   /* the root alone: NullName */
	EXPECT_BYTES(a, 0x08, '_', 'H', 'I', 'D', 0x08, '_', 'S', '5', '_',
		     0x08, '\\', '_', 'S', 'B', '_', 0x08, '^', 'F', 'O', 'O',
		     '_', 0x08, '\\', 0x2e, '_', 'S', 'B', '_', 'C', 'O', 'M',
		     '1', 0x08, 0x2f, 0x03, 'A', '_', '_', '_', 'B', '_', '_',
		     '_', 'C', '_', '_', '_', 0x08, '\\', 0x00);
}

static void names_refuse_malformed(void **state)
{
	static const char *const bad[] = { "",	   "1ABC", "ABCDE", "abcd",
					   "A..B", "A.",   ".A",    "A-B",
					   "\\^A", "A^B" };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct aml *a = fresh();

		aml_name(a, bad[i]);
		assert_int_equal(a->err, -EINVAL);
	}
	{
		struct aml *a = fresh();

		aml_name(a, NULL);
		assert_int_equal(a->err, -EINVAL);
	}
}

/* Name (_S5, Package (0x04) { 0x05, Zero, Zero, Zero }) as iASL writes it. */
static void package_of_integers(void **state)
{
	struct aml *a = fresh();
	size_t pkg;

	aml_name(a, "_S5");
	pkg = aml_package_begin(a, 4);
	aml_integer(a, 5);
	aml_integer(a, 0);
	aml_integer(a, 0);
	aml_integer(a, 0);
	aml_end(a, pkg);
	EXPECT_BYTES(a, 0x08, '_', 'S', '5', '_', 0x12, 0x07, 0x04, 0x0a, 0x05,
		     0x00, 0x00, 0x00);
}

/* QEMU 7.2's fw_cfg device, bytes as measured (docs fw_cfg.md, 10.1). */
static void device_with_resources_matches_qemu(void **state)
{
	struct aml *a = fresh();
	size_t dev, crs;

	dev = aml_device_begin(a, "FWCF");
	aml_name(a, "_HID");
	aml_string(a, "QEMU0002");
	aml_name(a, "_STA");
	aml_integer(a, 0x0b);
	aml_name(a, "_CRS");
	crs = aml_resources_begin(a);
	aml_io(a, 0x510, 0x510, 1, 0x0c);
	aml_resources_end(a, crs);
	aml_end(a, dev);
	EXPECT_BYTES(a, 0x5b, 0x82, 0x2e, 'F', 'W', 'C', 'F', 0x08, '_', 'H',
		     'I', 'D', 0x0d, 'Q', 'E', 'M', 'U', '0', '0', '0', '2',
		     0x00, 0x08, '_', 'S', 'T', 'A', 0x0a, 0x0b, 0x08, '_', 'C',
		     'R', 'S', 0x11, 0x0d, 0x0a, 0x0a, 0x47, 0x01, 0x10, 0x05,
		     0x10, 0x05, 0x01, 0x0c, 0x79, 0x00);
}

/* IRQNoFlags () {4}: a 16-bit mask; IRQ 12 lands in the high byte. */
static void irq_descriptors(void **state)
{
	struct aml *a = fresh();
	size_t crs = aml_resources_begin(a);

	aml_irq(a, 4);
	aml_irq(a, 12);
	aml_io(a, 0x3f8, 0x3f8, 1, 8);
	aml_resources_end(a, crs);
	EXPECT_BYTES(a, 0x11, 0x13, 0x0a, 0x10, 0x22, 0x10, 0x00, 0x22, 0x00,
		     0x10, 0x47, 0x01, 0xf8, 0x03, 0xf8, 0x03, 0x01, 0x08, 0x79,
		     0x00);
}

static void resources_refuse_bad_values(void **state)
{
	struct aml *a = fresh();

	aml_irq(a, 16);
	assert_int_equal(a->err, -EINVAL);
	a = fresh();
	aml_io(a, 0x71, 0x70, 1, 2);
	assert_int_equal(a->err, -EINVAL);
}

/* Scope (\_SB) {} and an empty device: PkgLength counts itself. */
static void empty_scope_and_device(void **state)
{
	struct aml *a = fresh();
	size_t sb = aml_scope_begin(a, "\\_SB");
	size_t dev = aml_device_begin(a, "DEV0");

	aml_end(a, dev);
	aml_end(a, sb);
	EXPECT_BYTES(a, 0x10, 0x0d, '\\', '_', 'S', 'B', '_', 0x5b, 0x82, 0x05,
		     'D', 'E', 'V', '0');
}

/*
 * PkgLength grows from one byte to two when the package passes 63 bytes,
 * and to three past 4095: a buffer of n bytes is 11 PkgLength BufferSize
 * data, where PkgLength counts itself, BufferSize and the data.
 */
static void pkglength_boundaries(void **state)
{
	static uint8_t data[5000];
	struct aml *a;

	memset(data, 0x5a, sizeof(data));
	a = fresh(); /* 1 + 2 + 60 = 63: the most one byte holds */
	aml_buffer(a, data, 60);
	assert_int_equal(a->err, 0);
	assert_int_equal(a->len, 1 + 1 + 2 + 60);
	assert_memory_equal(out, ((uint8_t[]){ 0x11, 0x3f, 0x0a, 60 }), 4);

	a = fresh(); /* 2 + 2 + 61 = 65 = 0x41 */
	aml_buffer(a, data, 61);
	assert_int_equal(a->len, 1 + 2 + 2 + 61);
	assert_memory_equal(out, ((uint8_t[]){ 0x11, 0x41, 0x04, 0x0a, 61 }),
			    5);
	assert_int_equal(out[5], 0x5a);
	assert_int_equal(out[5 + 60], 0x5a);

	a = fresh(); /* 3 + 3 + 5000 = 5006 = 0x138e */
	aml_buffer(a, data, 5000);
	assert_int_equal(a->len, 1 + 3 + 3 + 5000);
	assert_memory_equal(
		out, ((uint8_t[]){ 0x11, 0x8e, 0x38, 0x01, 0x0b, 0x88, 0x13 }),
		7);
	assert_int_equal(out[7 + 4999], 0x5a);

	a = fresh(); /* Buffer (Zero) {} */
	aml_buffer(a, NULL, 0);
	EXPECT_BYTES(a, 0x11, 0x02, 0x00);
}

/* An outer length grows after the inner one did: both prefixes right. */
static void nested_long_packages(void **state)
{
	static uint8_t data[100];
	struct aml *a = fresh();
	size_t sb = aml_scope_begin(a, "\\_SB"), dev;

	memset(data, 0xa5, sizeof(data));
	dev = aml_device_begin(a, "DEV0");
	aml_name(a, "BUF0");
	aml_buffer(a, data, sizeof(data));
	aml_end(a, dev);
	aml_end(a, sb);
	/*
	 * Buffer: 11, PkgLength(2 + 2 + 100 = 0x68: 48 06), 0a 64, data: 105
	 * bytes; with Name's 08 "BUF0": 110. Device: 5b 82, PkgLength(2 + 4
	 * + 110 = 0x74: 44 07), "DEV0": 118. Scope: 10, PkgLength(2 + 5 +
	 * 118 = 0x7d: 4d 07), "\_SB_": 126 in all.
	 */
	assert_int_equal(a->err, 0);
	assert_int_equal(a->len, 1 + 2 + 5 + 2 + 2 + 4 + 5 + 1 + 2 + 2 + 100);
	assert_memory_equal(
		out, ((uint8_t[]){ 0x10, 0x4d, 0x07, '\\', '_',	 'S', 'B',
				   '_',	 0x5b, 0x82, 0x44, 0x07, 'D', 'E',
				   'V',	 '0',  0x08, 'B',  'U',	 'F', '0',
				   0x11, 0x48, 0x06, 0x0a, 0x64 }),
		26);
	assert_int_equal(out[26], 0xa5);
	assert_int_equal(out[a->len - 1], 0xa5);
}

/* A writer over no buffer measures what the same calls would write. */
static void measuring_and_overflow(void **state)
{
	struct aml m, small;
	uint8_t tiny[10];
	struct aml *a = fresh();
	size_t d;

	aml_init(&m, NULL, 0);
	d = aml_device_begin(&m, "FWCF");
	aml_name(&m, "_HID");
	aml_string(&m, "QEMU0002");
	aml_end(&m, d);

	d = aml_device_begin(a, "FWCF");
	aml_name(a, "_HID");
	aml_string(a, "QEMU0002");
	aml_end(a, d);
	assert_int_equal(a->err, 0);
	assert_int_equal(m.err, -ENOSPC);
	assert_int_equal(m.len, a->len);

	memset(tiny, 0xee, sizeof(tiny));
	aml_init(&small, tiny, 8);
	d = aml_device_begin(&small, "FWCF");
	aml_name(&small, "_HID");
	aml_string(&small, "QEMU0002");
	aml_end(&small, d);
	assert_int_equal(small.err, -ENOSPC);
	assert_int_equal(small.len, a->len);
	assert_int_equal(tiny[8], 0xee); /* nothing past the given size */
	assert_int_equal(tiny[9], 0xee);
}

/* The first bad argument stays, and outranks running out of room. */
static void errors_are_sticky(void **state)
{
	struct aml m;
	struct aml *a = fresh();

	aml_name(a, "bad name");
	aml_integer(a, 5);
	assert_int_equal(a->err, -EINVAL);

	aml_init(&m, NULL, 0);
	aml_integer(&m, 5);
	assert_int_equal(m.err, -ENOSPC);
	aml_irq(&m, 99);
	assert_int_equal(m.err, -EINVAL);
	aml_integer(&m, 5);
	assert_int_equal(m.err, -EINVAL);
}

/* A mark from nowhere (past what was written) is a bad argument. */
static void bad_marks_are_refused(void **state)
{
	struct aml *a = fresh();

	aml_end(a, 100);
	assert_int_equal(a->err, -EINVAL);
	a = fresh();
	aml_resources_end(a, 100);
	assert_int_equal(a->err, -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(integers_take_the_shortest_encoding),
		cmocka_unit_test(strings_end_in_nul),
		cmocka_unit_test(strings_refuse_control_characters),
		cmocka_unit_test(eisa_ids_compress_like_iasl),
		cmocka_unit_test(eisa_ids_refuse_malformed),
		cmocka_unit_test(names_pad_and_prefix),
		cmocka_unit_test(names_refuse_malformed),
		cmocka_unit_test(package_of_integers),
		cmocka_unit_test(device_with_resources_matches_qemu),
		cmocka_unit_test(irq_descriptors),
		cmocka_unit_test(resources_refuse_bad_values),
		cmocka_unit_test(empty_scope_and_device),
		cmocka_unit_test(pkglength_boundaries),
		cmocka_unit_test(nested_long_packages),
		cmocka_unit_test(measuring_and_overflow),
		cmocka_unit_test(errors_are_sticky),
		cmocka_unit_test(bad_marks_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
