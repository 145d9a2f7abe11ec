/* test_rt_fmt.c: the freestanding printf engine against libc's snprintf. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "rt/fmt.h"

#define SAME(...)                                                    \
	do {                                                         \
		char want[128], got[128];                            \
		int nw = snprintf(want, sizeof(want), __VA_ARGS__);  \
		int ng = rt_snprintf(got, sizeof(got), __VA_ARGS__); \
		assert_string_equal(got, want);                      \
		assert_int_equal(ng, nw);                            \
	} while (0)

static void integers(void **state)
{
	SAME("%d %i %u", -42, 7, 4000000000u);
	SAME("%x %X %08x", 0xbeefu, 0xbeefu, 0x12u);
	SAME("%llx %llu %lld", 0xfedcba9876543210ull, 18446744073709551615ull,
	     -9223372036854775807ll - 1);
	SAME("%lu %zu %hhu %hd", 123ul, (size_t)456, (unsigned char)300,
	     (short)-5);
	SAME("[%5d] [%-5d] [%05d] [%-5x]", 42, 42, -42, 0xa);
	SAME("%d", 0);
}

static void strings(void **state)
{
	SAME("%s|%10s|%-10s|%.3s|%c", "abc", "right", "left", "truncate", 'z');
	SAME("%*d|%-*d|%*d", 6, 99, 5, 7, -4, 3);
	SAME("[%.*s] [%10.3s] [%-8.2s]", 4, "abcdefgh", "xyzzy", "qrst");
	SAME("%40s|%-33d|%020llx", "wide", -12345, 0xabcdefull);
	SAME("100%%");
	SAME("%p", (void *)0x1234);
}

static void truncation(void **state)
{
	char buf[8];
	int n = rt_snprintf(buf, sizeof(buf), "%s", "0123456789");

	assert_int_equal(n, 10);
	assert_string_equal(buf, "0123456");
	assert_int_equal(rt_snprintf(NULL, 0, "%d", 12345), 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(integers),
		cmocka_unit_test(strings),
		cmocka_unit_test(truncation),
	};
	return cmocka_run_group_tests_name("rt_fmt", tests, NULL, NULL);
}
