/* cmos.c: RTC registers in BCD from host time; CMOS memory-size bytes. */
#include "dev/cmos.h"

#include <string.h>

#define REG_SEC	    0x00
#define REG_MIN	    0x02
#define REG_HOUR    0x04
#define REG_WDAY    0x06
#define REG_MDAY    0x07
#define REG_MONTH   0x08
#define REG_YEAR    0x09
#define REG_A	    0x0a
#define REG_B	    0x0b
#define REG_C	    0x0c
#define REG_D	    0x0d
#define REG_CENTURY 0x32

#define B_24H 0x02
#define B_BIN 0x04 /* binary rather than BCD */

static void put16(struct cmos *c, unsigned reg, uint64_t v)
{
	if (v > 0xffff)
		v = 0xffff;
	c->ram[reg] = (uint8_t)v;
	c->ram[reg + 1] = (uint8_t)(v >> 8);
}

void cmos_init(struct cmos *c, uint64_t low_ram, uint64_t high_ram,
	       unsigned ncpus)
{
	uint64_t kib_above_1m =
		low_ram > (1 << 20) ? (low_ram - (1 << 20)) >> 10 : 0;
	uint64_t above_16m =
		low_ram > (16 << 20) ? (low_ram - (16 << 20)) >> 16 : 0;
	uint64_t above_4g = high_ram >> 16;

	memset(c, 0, sizeof(*c));
	c->ram[REG_A] = 0x26; /* 32.768 kHz divider, 1024 Hz rate, no UIP */
	c->ram[REG_B] = B_24H;
	c->ram[REG_D] = 0x80; /* battery good: the time is valid */
	put16(c, 0x15, 640);  /* base memory, KiB */
	put16(c, 0x17, kib_above_1m);
	put16(c, 0x30, kib_above_1m);
	put16(c, 0x34, above_16m); /* 64 KiB units above 16 MiB */
	c->ram[0x5b] = (uint8_t)above_4g;
	c->ram[0x5c] = (uint8_t)(above_4g >> 8);
	c->ram[0x5d] = (uint8_t)(above_4g >> 16);
	c->ram[0x5f] = (uint8_t)(ncpus ? ncpus - 1 : 0);
}

static uint8_t encode(const struct cmos *c, unsigned v)
{
	return (c->ram[REG_B] & B_BIN) ? (uint8_t)v
				       : (uint8_t)(((v / 10) << 4) | (v % 10));
}

/* Days since 1970-01-01 to a civil date (proleptic Gregorian). */
static void civil(int64_t days, int *y, unsigned *m, unsigned *d)
{
	int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yoe + era * 400) + (*m <= 2);
}

static uint8_t clock_reg(const struct cmos *c, unsigned reg, int64_t now)
{
	int64_t days = now >= 0 ? now / 86400 : (now - 86399) / 86400;
	unsigned secs = (unsigned)(now - days * 86400), month, mday;
	int year;

	civil(days, &year, &month, &mday);
	switch (reg) {
	case REG_SEC:
		return encode(c, secs % 60);
	case REG_MIN:
		return encode(c, secs / 60 % 60);
	case REG_HOUR:
		if (c->ram[REG_B] & B_24H)
			return encode(c, secs / 3600);
		/* 12-hour mode: 12, 1 .. 11, and bit 7 set after noon. */
		return encode(c, (secs / 3600 + 11) % 12 + 1) |
		       (secs >= 12 * 3600 ? 0x80 : 0);
	case REG_WDAY:
		return encode(c, (unsigned)((days % 7 + 11) % 7) +
					 1); /* 1 = Sunday */
	case REG_MDAY:
		return encode(c, mday);
	case REG_MONTH:
		return encode(c, month);
	case REG_YEAR:
		return encode(c, (unsigned)year % 100);
	default: /* REG_CENTURY */
		return encode(c, (unsigned)year / 100);
	}
}

/* Time and date registers: they read the host's clock. */
static bool is_clock_reg(unsigned reg)
{
	return reg == REG_SEC || reg == REG_MIN || reg == REG_HOUR ||
	       (reg >= REG_WDAY && reg <= REG_YEAR) || reg == REG_CENTURY;
}

uint8_t cmos_read(struct cmos *c, unsigned offset, int64_t now)
{
	unsigned reg = c->index & 0x7f;
	uint8_t v;

	if (offset == CMOS_INDEX)
		return 0xff; /* the index port is write-only */
	if (is_clock_reg(reg))
		return clock_reg(c, reg, now);
	switch (reg) {
	case REG_C:
		v = c->ram[REG_C];
		c->ram[REG_C] = 0; /* reading acknowledges the flags */
		return v;
	default:
		return c->ram[reg];
	}
}

void cmos_write(struct cmos *c, unsigned offset, uint8_t value)
{
	unsigned reg;

	if (offset == CMOS_INDEX) {
		c->index = value; /* bit 7 is the NMI mask: nothing to mask */
		return;
	}
	reg = c->index & 0x7f;
	if (is_clock_reg(reg))
		return; /* the clock stays the host's */
	switch (reg) {
	case REG_C:
	case REG_D:
		break; /* status flags are the chip's */
	case REG_A:
		c->ram[REG_A] = value & 0x7f; /* UIP is read-only */
		break;
	default: /* register B (the guest picks BCD or binary) and RAM */
		c->ram[reg] = value;
		break;
	}
}
