/* console.c: COM1 output, one burst per write, and the exit port. */
#include "rt/console.h"

#include "abi/debug_ports.h"
#include "rt/fmt.h"
#include "rt/x86io.h"

#include <string.h>

#define UART_LSR      5
#define UART_LSR_THRE 0x20

/*
 * Every port access is a VM exit and every byte of a rep outsb an
 * emulated step on some hosts, so a write costs one wait for an empty
 * transmitter (one LSR read) and one rep outsb of the whole buffer. That
 * relies on the UART taking bytes as fast as they come, as virtual ones
 * do (jiffy's, QEMU's); a real one would keep what its FIFO holds, 16
 * bytes if the FIFO is on, else one. The wait is bounded: a missing UART
 * must not hang us.
 */
static void wait_thre(void)
{
	for (int i = 0; i < 100000; i++)
		if (inb(COM1_PORT + UART_LSR) & UART_LSR_THRE)
			return;
}

void console_write(const char *s, size_t n)
{
	if (!n)
		return;
	wait_thre();
	__asm__ volatile("rep outsb"
			 : "+S"(s), "+c"(n)
			 : "d"((uint16_t)COM1_PORT)
			 : "memory");
}

void console_puts(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	console_write(s, n);
}

struct line {
	char buf[128];
	size_t len;
};

/* Collect formatted runs into few writes: each costs an LSR read. */
static void line_write(void *ctx, const char *s, size_t n)
{
	struct line *l = ctx;

	if (l->len + n > sizeof(l->buf)) {
		console_write(l->buf, l->len);
		l->len = 0;
		if (n >= sizeof(l->buf)) {
			console_write(s, n);
			return;
		}
	}
	memcpy(l->buf + l->len, s, n);
	l->len += n;
}

int vcprintf(const char *fmt, va_list ap)
{
	struct line l = { .len = 0 };
	int n = rt_vformat(line_write, &l, fmt, ap);

	console_write(l.buf, l.len);
	return n;
}

int cprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vcprintf(fmt, ap);
	va_end(ap);
	return n;
}

void debug_exit(uint8_t v)
{
	outb(DEBUG_EXIT_PORT, v);
	halt_forever();
}

void post_code(uint8_t code)
{
	outb(POST_PORT, code);
}
