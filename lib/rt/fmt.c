/* fmt.c: a small printf engine: no floating point, no allocation. */
#include "rt/fmt.h"

#include <stdint.h>
#include <string.h>

struct spec {
	int width;
	int precision; /* -1: none */
	int left;
	char pad;
	int size; /* 0 int, 1 long, 2 long long, 3 size_t, -1 short, -2 char */
};

static void fill(rt_write_fn *write, void *ctx, char c, int n)
{
	static const char spaces[16] = "                ";
	static const char zeros[16] = "0000000000000000";
	const char *run = c == '0' ? zeros : spaces;

	for (; n > 0; n -= 16)
		write(ctx, run, n < 16 ? (size_t)n : 16);
}

static int emit_padded(rt_write_fn *write, void *ctx, const struct spec *sp,
		       const char *s, int len, const char *prefix)
{
	int plen = prefix ? (int)strlen(prefix) : 0;
	int gap = sp->width > len + plen ? sp->width - len - plen : 0;

	if (!sp->left && sp->pad == ' ')
		fill(write, ctx, ' ', gap);
	if (plen)
		write(ctx, prefix, (size_t)plen);
	if (!sp->left && sp->pad == '0')
		fill(write, ctx, '0', gap);
	write(ctx, s, (size_t)len);
	if (sp->left)
		fill(write, ctx, ' ', gap);
	return gap + plen + len;
}

static uint64_t take_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->size) {
	case 1:
		return va_arg(*ap, unsigned long);
	case 2:
		return va_arg(*ap, unsigned long long);
	case 3:
		return va_arg(*ap, size_t);
	case -1:
		return (unsigned short)va_arg(*ap, unsigned int);
	case -2:
		return (unsigned char)va_arg(*ap, unsigned int);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static int64_t take_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->size) {
	case 1:
		return va_arg(*ap, long);
	case 2:
		return va_arg(*ap, long long);
	case 3:
		return (int64_t)va_arg(*ap, size_t);
	case -1:
		return (short)va_arg(*ap, int);
	case -2:
		return (signed char)va_arg(*ap, int);
	default:
		return va_arg(*ap, int);
	}
}

/*
 * Digits of v, written backwards into the end of buf. A 64-bit division
 * in 32-bit code is a libgcc loop, so hex uses shifts and decimal divides
 * in 64 bits only while the value needs them.
 */
static int to_digits(uint64_t v, unsigned base, int upper, char *end)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned long w;
	int n = 0;

	if (base == 16) {
		do {
			*--end = digits[v & 15];
			v >>= 4;
			n++;
		} while (v);
		return n;
	}
	while (v > (unsigned long)-1) {
		*--end = digits[v % 10];
		v /= 10;
		n++;
	}
	w = (unsigned long)v;
	do {
		*--end = digits[w % 10];
		w /= 10;
		n++;
	} while (w);
	return n;
}

static const char *parse_number(const char *f, int *out, va_list *ap)
{
	if (*f == '*') {
		*out = va_arg(*ap, int);
		return f + 1;
	}
	for (*out = 0; *f >= '0' && *f <= '9'; f++)
		*out = *out * 10 + (*f - '0');
	return f;
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .precision = -1, .pad = ' ' };
	for (;; f++) {
		if (*f == '-')
			sp->left = 1;
		else if (*f == '0')
			sp->pad = '0';
		else
			break;
	}
	f = parse_number(f, &sp->width, ap);
	if (sp->width < 0) { /* a negative '*' width means left-justified */
		sp->left = 1;
		sp->width = -sp->width;
	}
	if (*f == '.')
		f = parse_number(f + 1, &sp->precision, ap);
	if (f[0] == 'h' && f[1] == 'h')
		sp->size = -2, f += 2;
	else if (f[0] == 'h')
		sp->size = -1, f++;
	else if (f[0] == 'l' && f[1] == 'l')
		sp->size = 2, f += 2;
	else if (f[0] == 'l')
		sp->size = 1, f++;
	else if (f[0] == 'z')
		sp->size = 3, f++;
	return f;
}

/* One conversion at *fmt (just past its spec); returns bytes produced. */
static int convert(rt_write_fn *write, void *ctx, const char *start,
		   const char *fmt, struct spec *sp, va_list *ap)
{
	char buf[24], *end = buf + sizeof(buf);
	const char *s;
	int64_t v;
	int len;

	switch (*fmt) {
	case 'c':
		buf[0] = (char)va_arg(*ap, int);
		return emit_padded(write, ctx, sp, buf, 1, NULL);
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		len = sp->precision < 0
			      ? (int)strlen(s)
			      : (int)strnlen(s, (size_t)sp->precision);
		sp->pad = ' ';
		return emit_padded(write, ctx, sp, s, len, NULL);
	case 'd':
	case 'i':
		v = take_signed(sp, ap);
		len = to_digits(v < 0 ? -(uint64_t)v : (uint64_t)v, 10, 0, end);
		return emit_padded(write, ctx, sp, end - len, len,
				   v < 0 ? "-" : NULL);
	case 'u':
	case 'x':
	case 'X':
		len = to_digits(take_unsigned(sp, ap), *fmt == 'u' ? 10 : 16,
				*fmt == 'X', end);
		return emit_padded(write, ctx, sp, end - len, len, NULL);
	case 'p':
		len = to_digits((uintptr_t)va_arg(*ap, void *), 16, 0, end);
		return emit_padded(write, ctx, sp, end - len, len, "0x");
	case '%':
		write(ctx, "%", 1);
		return 1;
	default:
		/* Unknown conversion: show it rather than guess. */
		len = (int)(fmt - start) + (*fmt ? 1 : 0);
		write(ctx, start, (size_t)len);
		return len;
	}
}

int rt_vformat(rt_write_fn *write, void *ctx, const char *fmt, va_list ap_in)
{
	va_list ap;
	int n = 0;

	va_copy(ap, ap_in);
	while (*fmt) {
		const char *start = fmt;
		struct spec sp;

		while (*fmt && *fmt != '%')
			fmt++;
		if (fmt > start) {
			write(ctx, start, (size_t)(fmt - start));
			n += (int)(fmt - start);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &ap);
		n += convert(write, ctx, start, fmt, &sp, &ap);
		if (!*fmt)
			break;
		fmt++;
	}
	va_end(ap);
	return n;
}

struct buf_ctx {
	char *buf;
	size_t size;
	size_t pos;
};

static void buf_write(void *ctx, const char *s, size_t n)
{
	struct buf_ctx *b = ctx;

	if (b->pos + 1 < b->size) {
		size_t room = b->size - 1 - b->pos;

		memcpy(b->buf + b->pos, s, n < room ? n : room);
	}
	b->pos += n;
}

int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_ctx b = { buf, size, 0 };
	int n = rt_vformat(buf_write, &b, fmt, ap);

	if (size)
		buf[b.pos < size ? b.pos : size - 1] = '\0';
	return n;
}

int rt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = rt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
