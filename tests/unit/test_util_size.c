/* test_util_size.c: --memory sizes and --cpus counts, good and garbled. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>

#include "util/size.h"

#define MiB (1ull << 20)

/* parse_size must give exactly want bytes and no reason. */
static void good(const char *text, uint64_t want)
{
	const char *why = "stale";
	uint64_t bytes = 0x5a5a;

	if (parse_size(text, &bytes, &why))
		fail_msg("\"%s\" refused: %s", text, why);
	assert_null(why);
	assert_int_equal(bytes, want);
}

/* parse_size must refuse with ret and a reason containing reason, and
 * leave the result alone. */
static void bad(const char *text, int ret, const char *reason)
{
	const char *why = NULL;
	uint64_t bytes = 0x5a5a;

	assert_int_equal(parse_size(text, &bytes, &why), ret);
	assert_non_null(why);
	if (!strstr(why, reason))
		fail_msg("\"%s\": reason \"%s\" lacks \"%s\"", text, why,
			 reason);
	assert_int_equal(bytes, 0x5a5a);
}

static void sizes(void **state)
{
	good("512", 512 * MiB); /* a bare number is MiB, like QEMU's -m */
	good("1", MiB);
	good("0", 0); /* a size; --memory itself refuses it (minimum) */
	good("007", 7 * MiB);
	good("64k", 64 << 10);
	good("64K", 64 << 10);
	good("3m", 3 * MiB);
	good("256M", 256 * MiB);
	good("2g", 2ull << 30);
	good("2G", 2ull << 30);
	good("1T", 1ull << 40);
	good("1t", 1ull << 40);
	good("1GiB", 1ull << 30);
	good("1GB", 1ull << 30);
	good("4KiB", 4096);
	good("16MB", 16 * MiB);
}

static void limits(void **state)
{
	/* The largest sizes that fit in 64 bits, in each unit. */
	good("16777215T", 16777215ull << 40);
	good("17592186044415", 17592186044415ull << 20);
	good("18014398509481983K", 18014398509481983ull << 10);
	/* One more overflows the shift. */
	bad("16777216T", -ERANGE, "size too large");
	bad("17592186044416", -ERANGE, "size too large");
	bad("17592186044416M", -ERANGE, "size too large");
	bad("18014398509481984K", -ERANGE, "size too large");
	/* The digits themselves overflow. */
	bad("18446744073709551616", -ERANGE, "number too large");
	bad("99999999999999999999999G", -ERANGE, "number too large");
	/* 2^64 - 1 parses as a number, but not as MiB. */
	bad("18446744073709551615", -ERANGE, "size too large");
}

static void garbled(void **state)
{
	bad("", -EINVAL, "empty");
	bad("-5", -EINVAL, "starts with a digit");
	bad("+5", -EINVAL, "starts with a digit");
	bad(" 5", -EINVAL, "starts with a digit");
	bad("M", -EINVAL, "starts with a digit");
	bad("G1", -EINVAL, "starts with a digit");
	bad("12X", -EINVAL, "unknown suffix (use K, M, G or T)");
	bad("1.5G", -EINVAL, "unknown suffix");
	bad("0x10", -EINVAL, "unknown suffix");
	bad("12 ", -EINVAL, "unknown suffix");
	bad("12iB", -EINVAL, "unknown suffix");
	bad("1e3", -EINVAL, "unknown suffix");
	bad("12GG", -EINVAL, "unexpected text after the size");
	bad("12Gi", -EINVAL, "unexpected text");
	bad("12Gb", -EINVAL, "unexpected text");
	bad("12GiBs", -EINVAL, "unexpected text");
	bad("12GiX", -EINVAL, "unexpected text");
	bad("12GBB", -EINVAL, "unexpected text");
	bad("12M ", -EINVAL, "unexpected text");
}

/* parse_count must give want, or refuse with ret and leave out alone. */
static void count(const char *text, long min, long max, int ret, long want)
{
	long out = -7;

	assert_int_equal(parse_count(text, min, max, &out), ret);
	assert_int_equal(out, ret ? -7 : want);
}

static void counts(void **state)
{
	count("1", 1, 64, 0, 1);
	count("64", 1, 64, 0, 64);
	count("08", 1, 64, 0, 8);
	count("0", 1, 64, -ERANGE, 0);
	count("65", 1, 64, -ERANGE, 0);
	count("640", 1, 64, -ERANGE, 0);
	count("99999999999999999999999", 1, 64, -ERANGE, 0);
	count("9223372036854775807", 0, LONG_MAX, 0, LONG_MAX);
	count("9223372036854775808", 0, LONG_MAX, -ERANGE, 0);
	count("", 1, 64, -EINVAL, 0);
	count("-1", 1, 64, -EINVAL, 0);
	count("+1", 1, 64, -EINVAL, 0);
	count(" 1", 1, 64, -EINVAL, 0);
	count("1 ", 1, 64, -EINVAL, 0);
	count("2x", 1, 64, -EINVAL, 0);
	count("0x2", 1, 64, -EINVAL, 0);
	count("1.0", 1, 64, -EINVAL, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sizes),
		cmocka_unit_test(limits),
		cmocka_unit_test(garbled),
		cmocka_unit_test(counts),
	};
	return cmocka_run_group_tests_name("util_size", tests, NULL, NULL);
}
