/* test_dev_cmos.c: MC146818 clock registers, status registers, memory bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "dev/cmos.h"

#define MiB (1ull << 20)
#define GiB (1ull << 30)

static struct cmos c;

/* Register reg through the ports, as a guest reads it, at time now. */
static uint8_t rd(uint8_t reg, int64_t now)
{
	cmos_write(&c, CMOS_INDEX, reg);
	return cmos_read(&c, CMOS_DATA, now);
}

static void wr(uint8_t reg, uint8_t v)
{
	cmos_write(&c, CMOS_INDEX, reg);
	cmos_write(&c, CMOS_DATA, v);
}

/*
 * The clock at now must read as the given date (binary values; the check
 * encodes them as BCD unless register B says binary). wday: 1 = Sunday.
 */
static void assert_clock(int64_t now, unsigned year, unsigned month,
			 unsigned mday, unsigned hour, unsigned min,
			 unsigned sec, unsigned wday)
{
	const unsigned want[] = { sec,	min,   hour,	   wday,
				  mday, month, year % 100, year / 100 };
	static const uint8_t regs[] = { 0x00, 0x02, 0x04, 0x06,
					0x07, 0x08, 0x09, 0x32 };
	bool bin = rd(0x0b, now) & 0x04;

	for (unsigned i = 0; i < 8; i++) {
		unsigned w = bin ? want[i] : (want[i] / 10) << 4 | want[i] % 10;
		uint8_t got = rd(regs[i], now);

		if (got != w)
			fail_msg("register 0x%02x at %lld: 0x%02x, want 0x%02x",
				 regs[i], (long long)now, got, w);
	}
}

static int setup(void **state)
{
	cmos_init(&c, 256 * MiB, 0, 1);
	return 0;
}

static void known_dates(void **state)
{
	assert_clock(0, 1970, 1, 1, 0, 0, 0, 5); /* a Thursday */
	assert_clock(946684799, 1999, 12, 31, 23, 59, 59, 6);
	assert_clock(946684800, 2000, 1, 1, 0, 0, 0, 7);
	assert_clock(1704067200, 2024, 1, 1, 0, 0, 0, 2);
	assert_clock(2147483648, 2038, 1, 19, 3, 14, 8, 3); /* past 2^31 */
}

static void leap_years(void **state)
{
	/* 2000 is a leap year (divisible by 400), 2100 is not (by 100). */
	assert_clock(951827696, 2000, 2, 29, 12, 34, 56, 3);
	assert_clock(951827696 + 86400, 2000, 3, 1, 12, 34, 56, 4);
	assert_clock(1709251199, 2024, 2, 29, 23, 59, 59, 5);
	assert_clock(1709251200, 2024, 3, 1, 0, 0, 0, 6);
	assert_clock(4107542399, 2100, 2, 28, 23, 59, 59, 1);
	assert_clock(4107542400, 2100, 3, 1, 0, 0, 0, 2);
}

static void before_epoch(void **state)
{
	assert_clock(-1, 1969, 12, 31, 23, 59, 59, 4); /* a Wednesday */
	assert_clock(-86400, 1969, 12, 31, 0, 0, 0, 4);
	assert_clock(-86401, 1969, 12, 30, 23, 59, 59, 3);
}

static void binary_mode(void **state)
{
	wr(0x0b, 0x06); /* 24-hour, binary */
	assert_int_equal(rd(0x0b, 0), 0x06);
	assert_clock(1709251199, 2024, 2, 29, 23, 59, 59, 5);
	assert_int_equal(rd(0x04, 1709251199), 23);
	assert_int_equal(rd(0x32, 1709251199), 20);
	wr(0x0b, 0x02);
	assert_int_equal(rd(0x04, 1709251199), 0x23);
}

static void twelve_hour_mode(void **state)
{
	/* With register B's 24/12 bit clear, hours run 12, 1 .. 11 and
	 * bit 7 marks PM (MC146818 data sheet). Linux honours the mode. */
	static const struct {
		int64_t now;
		uint8_t bcd, bin;
	} hours[] = {
		{ 0, 0x12, 12 },		       /* midnight: 12 AM */
		{ 3600 + 59, 0x01, 1 },		       /* 01:00:59 */
		{ 11 * 3600, 0x11, 11 },	       /* 11 AM */
		{ 12 * 3600, 0x92, 0x80 | 12 },	       /* noon: 12 PM */
		{ 13 * 3600, 0x81, 0x80 | 1 },	       /* 1 PM */
		{ 23 * 3600 + 3599, 0x91, 0x80 | 11 }, /* 11:59:59 PM */
	};

	for (unsigned i = 0; i < sizeof(hours) / sizeof(hours[0]); i++) {
		wr(0x0b, 0x00);
		assert_int_equal(rd(0x04, hours[i].now), hours[i].bcd);
		wr(0x0b, 0x04);
		assert_int_equal(rd(0x04, hours[i].now), hours[i].bin);
	}
	/* Minutes and seconds are the same in both modes. */
	wr(0x0b, 0x00);
	assert_int_equal(rd(0x02, 23 * 3600 + 3599), 0x59);
	assert_int_equal(rd(0x00, 23 * 3600 + 3599), 0x59);
}

static void clock_writes_ignored(void **state)
{
	wr(0x00, 0x42);
	wr(0x04, 0x11);
	wr(0x09, 0x99);
	wr(0x32, 0x20);
	assert_clock(951827696, 2000, 2, 29, 12, 34, 56, 3);
}

static void status_registers(void **state)
{
	/* A: 32.768 kHz time base, 1024 Hz rate, never updating. */
	assert_int_equal(rd(0x0a, 0), 0x26);
	wr(0x0a, 0xa6); /* UIP is read-only */
	assert_int_equal(rd(0x0a, 0), 0x26);
	wr(0x0a, 0x2f);
	assert_int_equal(rd(0x0a, 0), 0x2f);
	/* B: 24-hour BCD, as the guest sets it. */
	assert_int_equal(rd(0x0b, 0), 0x02);
	wr(0x0b, 0x12);
	assert_int_equal(rd(0x0b, 0), 0x12);
	/* C: no flags (no interrupts), D: valid RAM and time; read-only. */
	assert_int_equal(rd(0x0c, 0), 0x00);
	wr(0x0c, 0xf0);
	assert_int_equal(rd(0x0c, 0), 0x00);
	assert_int_equal(rd(0x0d, 0), 0x80);
	wr(0x0d, 0x00);
	assert_int_equal(rd(0x0d, 0), 0x80);
}

static void ports(void **state)
{
	/* The index port is write-only; bit 7 of the index masks NMI and
	 * is not part of the register number. */
	assert_int_equal(cmos_read(&c, CMOS_INDEX, 0), 0xff);
	assert_int_equal(rd(0x80 | 0x0d, 0), 0x80);
	assert_int_equal(rd(0x80 | 0x07, 0), 0x01);
	/* Plain CMOS RAM keeps what the guest stores. */
	wr(0x40, 0xa5);
	wr(0x7f, 0x5a);
	assert_int_equal(rd(0x40, 0), 0xa5);
	assert_int_equal(rd(0xff, 0), 0x5a);
}

static void memory_bytes(void **state)
{
	/* 32 MiB low, 6 GiB high, 4 vCPUs. */
	cmos_init(&c, 32 * MiB, 6 * GiB, 4);
	assert_int_equal(rd(0x15, 0) | rd(0x16, 0) << 8, 640);
	assert_int_equal(rd(0x17, 0) | rd(0x18, 0) << 8, 31 * 1024);
	assert_int_equal(rd(0x30, 0) | rd(0x31, 0) << 8, 31 * 1024);
	assert_int_equal(rd(0x34, 0) | rd(0x35, 0) << 8, 256);
	assert_int_equal(rd(0x5b, 0), 0x00);
	assert_int_equal(rd(0x5c, 0), 0x80);
	assert_int_equal(rd(0x5d, 0), 0x01);
	assert_int_equal(rd(0x5f, 0), 3);
	/* 3 GiB low: the KiB counts saturate, the 64 KiB count does not. */
	cmos_init(&c, 3 * GiB, 0, 1);
	assert_int_equal(rd(0x17, 0) | rd(0x18, 0) << 8, 0xffff);
	assert_int_equal(rd(0x30, 0) | rd(0x31, 0) << 8, 0xffff);
	assert_int_equal(rd(0x34, 0) | rd(0x35, 0) << 8, 0xbf00);
	assert_int_equal(rd(0x5b, 0) | rd(0x5c, 0) | rd(0x5d, 0), 0);
	assert_int_equal(rd(0x5f, 0), 0);
	/* Under 16 MiB and under 1 MiB. */
	cmos_init(&c, 8 * MiB, 0, 1);
	assert_int_equal(rd(0x17, 0) | rd(0x18, 0) << 8, 7 * 1024);
	assert_int_equal(rd(0x34, 0) | rd(0x35, 0) << 8, 0);
	cmos_init(&c, 512 * 1024, 0, 1);
	assert_int_equal(rd(0x17, 0) | rd(0x18, 0) << 8, 0);
	/* jiffy's largest guest: 1021 GiB above 4 GiB, in three bytes. */
	cmos_init(&c, 3 * GiB, 1021 * GiB, 255);
	assert_int_equal(rd(0x5b, 0), 0x00);
	assert_int_equal(rd(0x5c, 0), 0x40);
	assert_int_equal(rd(0x5d, 0), 0xff);
	assert_int_equal(rd(0x5f, 0), 254);
}

#define T(f) cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(known_dates),	     T(leap_years),
		T(before_epoch),     T(binary_mode),
		T(twelve_hour_mode), T(clock_writes_ignored),
		T(status_registers), T(ports),
		T(memory_bytes),
	};
	return cmocka_run_group_tests_name("dev_cmos", tests, NULL, NULL);
}
