/* divdi3.c: 64-bit division helpers that 32-bit guest code calls implicitly. */
#include <stdint.h>

/*
 * gcc turns a uint64_t '/' or '%' in -m32 code into calls to these libgcc
 * routines. Guests link without libgcc, so we supply them: plain binary
 * long division, which is all the few divisions in guest code need.
 */
uint64_t __udivmoddi4(uint64_t num, uint64_t den, uint64_t *rem);
uint64_t __udivdi3(uint64_t num, uint64_t den);
uint64_t __umoddi3(uint64_t num, uint64_t den);
int64_t __divdi3(int64_t num, int64_t den);
int64_t __moddi3(int64_t num, int64_t den);

uint64_t __udivmoddi4(uint64_t num, uint64_t den, uint64_t *rem)
{
	uint64_t q = 0, r = 0;

	if (!den) {
		/* Division by zero: trap like the hardware would. */
		__asm__ volatile("ud2");
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
