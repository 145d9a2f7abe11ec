/* divdi3.c: 64-bit division helpers that 32-bit guest code calls implicitly. */
#include <stdint.h>

/*
 * gcc turns a uint64_t '/' or '%' in -m32 code into calls to these libgcc
 * routines. Guests link without libgcc, so we supply them: divl for 32-bit
 * divisors, plain binary long division otherwise.
 */
uint64_t __udivmoddi4(uint64_t num, uint64_t den, uint64_t *rem);
uint64_t __udivdi3(uint64_t num, uint64_t den);
uint64_t __umoddi3(uint64_t num, uint64_t den);
int64_t __divdi3(int64_t num, int64_t den);
int64_t __moddi3(int64_t num, int64_t den);

/* (hi:lo) / den for hi < den: one divl, which cannot overflow then. */
static uint32_t div64_32(uint32_t hi, uint32_t lo, uint32_t den, uint32_t *rem)
{
	uint32_t q;

	__asm__("divl %4" : "=a"(q), "=d"(*rem) : "a"(lo), "d"(hi), "rm"(den));
	return q;
}

uint64_t __udivmoddi4(uint64_t num, uint64_t den, uint64_t *rem)
{
	uint64_t q = 0, r = 0;

	if (!den) {
		/* Division by zero: trap like the hardware would. */
		__asm__ volatile("ud2");
	}
	/*
	 * A 32-bit divisor (printing in base 10 or 16, nearly every call)
	 * takes two divl instead of 64 rounds of the loop below: guests run
	 * on hypervisors that emulate every instruction.
	 */
	if (!(den >> 32)) {
		uint32_t d = den, hi = num >> 32, r32, qhi = hi / d;
		uint32_t qlo = div64_32(hi % d, (uint32_t)num, d, &r32);

		if (rem)
			*rem = r32;
		return (uint64_t)qhi << 32 | qlo;
	}
	for (int i = 63; i >= 0; i--) {
		r = (r << 1) | ((num >> i) & 1);
		if (r >= den) {
			r -= den;
			q |= 1ull << i;
		}
	}
	if (rem)
		*rem = r;
	return q;
}

uint64_t __udivdi3(uint64_t num, uint64_t den)
{
	return __udivmoddi4(num, den, 0);
}

uint64_t __umoddi3(uint64_t num, uint64_t den)
{
	uint64_t r;

	__udivmoddi4(num, den, &r);
	return r;
}

int64_t __divdi3(int64_t num, int64_t den)
{
	int neg = (num < 0) != (den < 0);
	uint64_t q = __udivdi3(num < 0 ? -(uint64_t)num : (uint64_t)num,
			       den < 0 ? -(uint64_t)den : (uint64_t)den);

	return neg ? -(int64_t)q : (int64_t)q;
}

int64_t __moddi3(int64_t num, int64_t den)
{
	uint64_t r = __umoddi3(num < 0 ? -(uint64_t)num : (uint64_t)num,
			       den < 0 ? -(uint64_t)den : (uint64_t)den);

	return num < 0 ? -(int64_t)r : (int64_t)r;
}
