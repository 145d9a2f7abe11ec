/* fmt.h: printf-style formatting without libc, for firmware and guests. */
#ifndef RT_FMT_H
#define RT_FMT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Conversions: %c %s %d %i %u %x %X %p %%, with the flags '-' and '0', a
 * field width (number or '*'), a precision for %s, and the length
 * modifiers hh, h, l, ll, z. Anything else is copied through verbatim.
 */
typedef void rt_putc_fn(char c, void *ctx);

int rt_vformat(rt_putc_fn *putc, void *ctx, const char *fmt, va_list ap);
int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int rt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
