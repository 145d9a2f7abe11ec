/* string.c: memory and string functions for freestanding guest code. */
#include <string.h>

/*
 * Guest instructions are expensive on emulating hypervisors, and so is
 * each iteration of a string instruction (about a microsecond here, the
 * same as an instruction), so the bulk operations move whole words: a
 * quarter (an eighth in 64-bit code) of the iterations of a byte loop.
 */
#ifdef __x86_64__
#define REP_WORD(op) "rep " op "q"
#else
#define REP_WORD(op) "rep " op "l"
#endif

void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	size_t tail = n & (sizeof(long) - 1);

	n /= sizeof(long);
	__asm__ volatile(REP_WORD("movs")
			 : "+D"(d), "+S"(src), "+c"(n)
			 :
			 : "memory");
	__asm__ volatile("rep movsb"
			 : "+D"(d), "+S"(src), "+c"(tail)
			 :
			 : "memory");
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	d += n - 1;
	s += n - 1;
	__asm__ volatile("std; rep movsb; cld"
			 : "+D"(d), "+S"(s), "+c"(n)
			 :
			 : "memory");
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	void *d = dst;
	unsigned long v = (unsigned char)c * (~0ul / 0xff);
	size_t tail = n & (sizeof(long) - 1);

	n /= sizeof(long);
	__asm__ volatile(REP_WORD("stos")
			 : "+D"(d), "+c"(n)
			 : "a"(v)
			 : "memory");
	__asm__ volatile("rep stosb" : "+D"(d), "+c"(tail) : "a"(v) : "memory");
	return dst;
}

/* repe cmpsb: the emulator runs the loop itself, not one exit per byte. */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	if (!n)
		return 0;
	__asm__ volatile("repe cmpsb"
			 : "+S"(x), "+D"(y), "+c"(n)
			 :
			 : "memory", "cc");
	/* Both stop one past the last bytes compared: equal, or the first
	 * pair that differs. */
	return x[-1] - y[-1];
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (!strncmp(haystack, needle, n))
			return (char *)haystack;
	return n ? NULL : (char *)haystack;
}
