/* fmt.h: printf-style formatting without libc, for firmware and guests. */
#ifndef RT_FMT_H
#define RT_FMT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Conversions: %c %s %d %i %u %x %X %p %%, with the flags '-' and '0', a
 * field width and a precision (number or '*'; precision applies to %s),
 * and the length modifiers hh, h, l, ll, z. Anything else is copied
 * through verbatim.
 *
 * Output goes to a sink in runs (literal text, a whole string, a number),
 * not byte by byte: guest code runs on CPUs that may be emulated.
 */
typedef void rt_write_fn(void *ctx, const char *s, size_t n);

int rt_vformat(rt_write_fn *write, void *ctx, const char *fmt, va_list ap);
int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int rt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
