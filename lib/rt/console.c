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

void console_buf_put(struct console_buf *b, const char *s, size_t n)
{
	if (n > b->size - b->len) {
		console_buf_flush(b);
		if (n >= b->size) {
			console_write(s, n);
			return;
		}
	}
	memcpy(b->buf + b->len, s, n);
	b->len += n;
}

void console_buf_flush(struct console_buf *b)
{
	console_write(b->buf, b->len);
	b->len = 0;
}

static void buf_put(void *ctx, const char *s, size_t n)
{
	console_buf_put(ctx, s, n);
}

int vcprintf(const char *fmt, va_list ap)
{
	char line[128];
	struct console_buf b = { line, sizeof(line), 0 };
	int n = rt_vformat(buf_put, &b, fmt, ap);

	console_buf_flush(&b);
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
