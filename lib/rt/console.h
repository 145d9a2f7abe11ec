/* console.h: polled COM1 output and the exit port, for guest code. */
#ifndef RT_CONSOLE_H
#define RT_CONSOLE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Write bytes to COM1: one wait for THRE, then one rep outsb (console.c). */
void console_write(const char *s, size_t n);
void console_puts(const char *s);

/*
 * Output gathered in a caller's buffer and sent in as few writes as it
 * allows (each costs an LSR read, and memcpy is a rep movs): put appends,
 * sending what the buffer holds first when s does not fit, and s at once
 * when it is larger than the buffer; flush sends the rest.
 */
struct console_buf {
	char *buf;
	size_t size, len;
};
void console_buf_put(struct console_buf *b, const char *s, size_t n);
void console_buf_flush(struct console_buf *b);
int cprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vcprintf(const char *fmt, va_list ap);

/* Leave through the debug-exit port (status (v << 1) | 1); halts if absent. */
__attribute__((noreturn)) void debug_exit(uint8_t v);

/* Write a progress code to port 0x80 (timestamped by jiffy --trace). */
void post_code(uint8_t code);

#endif
