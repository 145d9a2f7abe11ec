/* fmt.c: a small printf engine: no floating point, no allocation. */
#include "rt/fmt.h"

#include <stdint.h>

struct spec {
	int width;
	int precision; /* -1: none */
	int left;
	char pad;
	int size; /* 0 int, 1 long, 2 long long, 3 size_t, -1 short, -2 char */
};

static int emit_padded(rt_putc_fn *putc, void *ctx, const struct spec *sp,
		       const char *s, int len, const char *prefix)
{
	int plen = 0, n = 0, fill;

	while (prefix && prefix[plen])
		plen++;
	fill = sp->width > len + plen ? sp->width - len - plen : 0;
	if (!sp->left && sp->pad == ' ')
		for (; fill > 0; fill--, n++)
			putc(' ', ctx);
	for (int i = 0; i < plen; i++, n++)
		putc(prefix[i], ctx);
	if (!sp->left)
		for (; fill > 0; fill--, n++)
			putc(sp->pad, ctx);
	for (int i = 0; i < len; i++, n++)
		putc(s[i], ctx);
	for (; fill > 0; fill--, n++)
		putc(' ', ctx);
	return n;
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

/* Digits of v in the given base, written backwards into the end of buf. */
static int to_digits(uint64_t v, unsigned base, int upper, char *end)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	do {
		*--end = digits[v % base];
		v /= base;
		n++;
	} while (v);
	return n;
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
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		f++;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		sp->width = sp->width * 10 + (*f - '0');
	if (*f == '.') {
		sp->precision = 0;
		for (f++; *f >= '0' && *f <= '9'; f++)
			sp->precision = sp->precision * 10 + (*f - '0');
	}
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

int rt_vformat(rt_putc_fn *putc, void *ctx, const char *fmt, va_list ap_in)
{
	va_list ap;
	int n = 0;

	va_copy(ap, ap_in);
	while (*fmt) {
		const char *start = fmt;
		struct spec sp;
		char buf[24], *end = buf + sizeof(buf);
		const char *s;
		int len;

		if (*fmt != '%') {
			putc(*fmt++, ctx);
			n++;
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &ap);
		switch (*fmt) {
		case 'c':
			buf[0] = (char)va_arg(ap, int);
			n += emit_padded(putc, ctx, &sp, buf, 1, NULL);
			break;
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			for (len = 0;
			     s[len] && (sp.precision < 0 || len < sp.precision);
			     len++)
				;
			sp.pad = ' ';
			n += emit_padded(putc, ctx, &sp, s, len, NULL);
			break;
		case 'd':
		case 'i': {
			int64_t v = take_signed(&sp, &ap);
			uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;

			len = to_digits(mag, 10, 0, end);
			n += emit_padded(putc, ctx, &sp, end - len, len,
					 v < 0 ? "-" : NULL);
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			unsigned base = *fmt == 'u' ? 10 : 16;

			len = to_digits(take_unsigned(&sp, &ap), base,
					*fmt == 'X', end);
			n += emit_padded(putc, ctx, &sp, end - len, len, NULL);
			break;
		}
		case 'p':
			len = to_digits((uintptr_t)va_arg(ap, void *), 16, 0,
					end);
			n += emit_padded(putc, ctx, &sp, end - len, len, "0x");
			break;
		case '%':
			putc('%', ctx);
			n++;
			break;
		default:
			/* Unknown conversion: show it rather than guess. */
			for (; start <= fmt && *start; start++, n++)
				putc(*start, ctx);
			if (!*fmt)
				goto out;
			break;
		}
		fmt++;
	}
out:
	va_end(ap);
	return n;
}

struct buf_ctx {
	char *buf;
	size_t size;
	size_t pos;
};

static void buf_putc(char c, void *ctx)
{
	struct buf_ctx *b = ctx;

	if (b->pos + 1 < b->size)
		b->buf[b->pos] = c;
	b->pos++;
}

int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_ctx b = { buf, size, 0 };
	int n = rt_vformat(buf_putc, &b, fmt, ap);

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
