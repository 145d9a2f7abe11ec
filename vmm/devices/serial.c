/* serial.c: COM1 glue: ports, IRQ line, buffered output, input. */
#include "devices/serial.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "abi/debug_ports.h"
#include "core/coalesced.h"
#include "dev/uart16550.h"
#include "status.h"

#define OUT_BUF	     4096
#define IN_BUF	     4096
#define CTRL_A	     0x01
#define TICK_FAST_MS 1
#define TICK_SLOW_MS 50

struct serial {
	struct uart16550 uart;
	pthread_mutex_t lock;
	struct vm *vm;
	bool irq_level;

	int out_fd;
	char out[OUT_BUF];
	size_t out_len;
	bool flush_scheduled;
	int wake_fd; /* vCPU -> main loop: flush output, or read input again */

	/* Transmit writes are coalesced (core/coalesced.h): the main loop
	 * drains them every TICK_FAST_MS while output flows, otherwise every
	 * TICK_SLOW_MS in case a guest writes without ever exiting. */
	bool coalesced;
	atomic_bool fast;

	struct event_loop *loop;
	int in_fd, in_handle;
	uint8_t in[IN_BUF]; /* read from in_fd, not yet in the UART FIFO */
	size_t in_pos, in_len;
	bool in_eof, escape, saw_ctrl_a;
};

static void write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return; /* stdout gone: the guest keeps running */
		p += w;
		n -= (size_t)w;
	}
}

static void flush_locked(struct serial *s)
{
	write_all(s->out_fd, s->out, s->out_len);
	s->out_len = 0;
}

static void wake_main(struct serial *s)
{
	uint64_t one = 1;

	if (write(s->wake_fd, &one, sizeof(one)) < 0) {
		/* cannot overflow in practice; output then waits for '\n' */
	}
}

/* UART transmit callback, called with the lock held. */
static void tx_byte(void *ctx, uint8_t byte)
{
	struct serial *s = ctx;

	s->out[s->out_len++] = (char)byte;
	if (byte == '\n' || s->out_len == OUT_BUF) {
		flush_locked(s);
	} else if (!s->flush_scheduled) {
		/* A partial line (a prompt, an echo): let the main thread
		 * flush it, batching whatever follows in the meantime. */
		s->flush_scheduled = true;
		wake_main(s);
	}
}

static void update_irq(struct serial *s)
{
	bool level = uart_irq_pending(&s->uart);

	if (level != s->irq_level) {
		s->irq_level = level;
		vm_set_irq(s->vm, COM1_IRQ, level);
	}
}

/* Move pending console input into the FIFO; lock held. */
static void feed_locked(struct serial *s)
{
	size_t n = uart_rx_push(&s->uart, s->in + s->in_pos,
				s->in_len - s->in_pos);

	s->in_pos += n;
	if (n)
		update_irq(s);
	if (s->in_pos == s->in_len && s->in_len) {
		s->in_pos = s->in_len = 0;
		wake_main(s); /* main may read the console again */
	}
}

static void serial_io(void *dev, struct bus_access *a)
{
	struct serial *s = dev;

	pthread_mutex_lock(&s->lock);
	for (uint32_t i = 0; i < a->count; i++) {
		uint8_t *d = bus_byte_item(a, i);

		if (a->write)
			uart_write(&s->uart, (unsigned)a->offset, *d);
		else
			*d = uart_read(&s->uart, (unsigned)a->offset);
		update_irq(s);
		if (uart_tx_drain(&s->uart))
			update_irq(s);
	}
	if (!a->write && a->offset == UART_RBR_THR && s->in_len)
		feed_locked(s);
	/* Polling for THRE (LSR) or enabling its interrupt means output is
	 * about to flow through the ring: have the main loop tick fast. */
	if (s->coalesced && !atomic_load(&s->fast) &&
	    ((!a->write && a->offset == UART_LSR) ||
	     (a->write && a->offset == UART_IER))) {
		atomic_store(&s->fast, true);
		wake_main(s);
	}
	pthread_mutex_unlock(&s->lock);
}

/* Main loop tick: deliver queued transmit writes, flush, pick the pace. */
static int serial_tick(void *ctx)
{
	struct serial *s = ctx;
	bool drained = coalesced_drain(s->vm);
	bool thri;

	pthread_mutex_lock(&s->lock);
	flush_locked(s);
	thri = uart_thri_enabled(&s->uart); /* interrupt-driven output */
	pthread_mutex_unlock(&s->lock);
	if (drained || thri)
		return TICK_FAST_MS;
	atomic_store(&s->fast, false);
	return TICK_SLOW_MS;
}

/* Main loop: a vCPU asked for a flush, or input may flow again. */
static void on_wake(void *ctx)
{
	struct serial *s = ctx;
	uint64_t v;

	if (read(s->wake_fd, &v, sizeof(v)) < 0) {
		/* spurious wake: nothing to do */
	}
	pthread_mutex_lock(&s->lock);
	s->flush_scheduled = false;
	flush_locked(s);
	if (!s->in_len && !s->in_eof)
		loop_set_active(s->loop, s->in_handle, true);
	pthread_mutex_unlock(&s->lock);
}

/* Ctrl-A handling; returns bytes kept for the guest in buf. */
static size_t filter_escape(struct serial *s, uint8_t *buf, size_t n)
{
	size_t out = 0;

	for (size_t i = 0; i < n; i++) {
		uint8_t c = buf[i];

		if (s->saw_ctrl_a) {
			s->saw_ctrl_a = false;
			if (c == 'x' || c == 'X') {
				vm_request_stop(
					s->vm, STATUS_GUEST_OFF,
					"quit from the console (Ctrl-A x)");
				return out;
			}
			if (c != CTRL_A)
				buf[out++] = CTRL_A;
			buf[out++] = c;
		} else if (c == CTRL_A) {
			s->saw_ctrl_a = true;
		} else {
			buf[out++] = c;
		}
	}
	return out;
}

static void on_input(void *ctx)
{
	struct serial *s = ctx;
	uint8_t buf[IN_BUF];
	ssize_t n = read(s->in_fd, buf, sizeof(buf));

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		s->in_eof =
			true; /* end of input: the guest just hears nothing */
		loop_set_active(s->loop, s->in_handle, false);
		return;
	}
	if (s->escape)
		n = (ssize_t)filter_escape(s, buf, (size_t)n);
	if (!n)
		return; /* a lone Ctrl-A: keep reading for the key after it */
	pthread_mutex_lock(&s->lock);
	memcpy(s->in, buf, (size_t)n);
	s->in_pos = 0;
	s->in_len = (size_t)n;
	/* Until the guest drains what we hold, stop reading the console:
	 * input waits in the pipe or tty, not in an unbounded buffer. */
	loop_set_active(s->loop, s->in_handle, false);
	feed_locked(s);
	pthread_mutex_unlock(&s->lock);
}

struct serial *serial_create(struct vm *vm, struct event_loop *loop, int in_fd,
			     int out_fd, bool escape)
{
	struct serial *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	pthread_mutex_init(&s->lock, NULL);
	s->vm = vm;
	s->loop = loop;
	s->out_fd = out_fd;
	s->in_fd = in_fd;
	s->escape = escape;
	s->in_handle = -1;
	uart_init(&s->uart, tx_byte, s);
	s->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (s->wake_fd < 0 ||
	    bus_add(&vm->pio, COM1_PORT, 8, serial_io, s, "COM1") ||
	    loop_add(loop, s->wake_fd, on_wake, s) < 0) {
		free(s);
		return NULL;
	}
	if (in_fd >= 0)
		s->in_handle = loop_add(loop, in_fd, on_input, s);
	s->coalesced = coalesced_pio_add(vm, COM1_PORT + UART_RBR_THR, 1);
	if (s->coalesced)
		loop_set_tick(loop, serial_tick, s);
	return s;
}

void serial_flush(struct serial *s)
{
	coalesced_drain(s->vm);
	pthread_mutex_lock(&s->lock);
	flush_locked(s);
	pthread_mutex_unlock(&s->lock);
}
