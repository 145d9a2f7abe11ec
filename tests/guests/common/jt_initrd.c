/* jt_initrd.c: physical ranges as pointers, initrd and module sample checks. */
#include "jt.h"

#include "abi/checksum.h"

void *jt_phys(uint64_t addr, uint64_t len, const char *what)
{
	uint64_t last = addr + (len ? len - 1 : 0);

	if (last < addr)
		jt_fail("%s at 0x%llx, %llu bytes, wraps around the address space",
			what, (unsigned long long)addr,
			(unsigned long long)len);
	if (last > UINTPTR_MAX)
		jt_fail("%s at 0x%llx, %llu bytes, lies beyond what a %u-bit guest can address",
			what, (unsigned long long)addr, (unsigned long long)len,
			(unsigned)sizeof(void *) * 8);
	return (void *)(uintptr_t)addr;
}

static void check_sample(const char *what, const char *which,
			 const unsigned char *p, size_t n, uint64_t want)
{
	uint32_t got = jsum32(p, n);

	if (got != want)
		jt_fail("%s %s 4 KiB sum 0x%08x expected 0x%08llx", what, which,
			got, (unsigned long long)want);
}

bool jt_check_sums(const char *key, const char *what, uint64_t addr,
		   uint64_t size)
{
	uint64_t want[3]; /* size, first, last */
	const unsigned char *p;
	size_t n;

	if (!jt_arg_u64_list(key, want, 3))
		return false;
	if (size != want[0])
		jt_fail("%s size %llu expected %llu", what,
			(unsigned long long)size, (unsigned long long)want[0]);
	if (!addr)
		jt_fail("%s address is 0", what);
	p = jt_phys(addr, size, what);
	n = size < JSUM_SAMPLE ? (size_t)size : JSUM_SAMPLE;
	check_sample(what, "first", p, n, want[1]);
	check_sample(what, "last", p + size - n, n, want[2]);
	return true;
}

void jt_check_initrd(bool present, uint64_t addr, uint64_t size)
{
	uint64_t want[3]; /* size, first, last */

	if (!jt_arg_u64_list("initrd", want, 3)) {
		if (present)
			jt_fail("an initrd was handed over (0x%llx, %llu bytes) but jt.initrd= expects none",
				(unsigned long long)addr,
				(unsigned long long)size);
		return;
	}
	if (!present)
		jt_fail("no initrd was handed over but jt.initrd= expects %llu bytes",
			(unsigned long long)want[0]);
	jt_check_sums("initrd", "initrd", addr, size);
}
