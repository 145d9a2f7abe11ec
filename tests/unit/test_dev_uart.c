/* test_dev_uart.c: the 16550A model: registers, FIFO, loopback, IRQ edges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "dev/uart16550.h"

/*
 * The model plus what its owner (vmm/devices/serial.c) does around each
 * access: sample the interrupt line, transmit the pending byte, sample
 * again. Line changes are recorded as '+' (rise) and '-' (fall), the
 * edges an edge-triggered interrupt controller would see.
 */
static struct {
	struct uart16550 u;
	bool line;
	char edges[80];
	unsigned nedges;
	uint8_t out[64];
	unsigned nout;
} t;

static void tx(void *ctx, uint8_t byte)
{
	assert_ptr_equal(ctx, &t);
	assert_in_range(t.nout, 0, sizeof(t.out) - 1);
	t.out[t.nout++] = byte;
}

static int setup(void **state)
{
	memset(&t, 0, sizeof(t));
	uart_init(&t.u, tx, &t);
	return 0;
}

static void sample(void)
{
	bool level = uart_irq_pending(&t.u);

	if (level != t.line && t.nedges < sizeof(t.edges) - 1)
		t.edges[t.nedges++] = level ? '+' : '-';
	t.line = level;
}

static void out(unsigned reg, uint8_t v)
{
	uart_write(&t.u, reg, v);
	sample();
	if (uart_tx_drain(&t.u))
		sample();
}

static uint8_t in(unsigned reg)
{
	uint8_t v = uart_read(&t.u, reg);

	sample();
	if (uart_tx_drain(&t.u))
		sample();
	return v;
}

static void push(const char *s)
{
	assert_int_equal(uart_rx_push(&t.u, (const uint8_t *)s, strlen(s)),
			 strlen(s));
	sample();
}

static void reset_state(void **state)
{
	assert_int_equal(in(UART_LSR), 0x60); /* THRE | TEMT */
	assert_int_equal(in(UART_IIR_FCR), 0x01);
	assert_int_equal(in(UART_IER), 0);
	assert_int_equal(in(UART_LCR), 0);
	assert_int_equal(in(UART_MCR), 0x08);
	assert_int_equal(in(UART_MSR), 0xb0); /* DCD, DSR, CTS */
	assert_int_equal(in(UART_SCR), 0);
	assert_int_equal(uart_rx_space(&t.u), 1); /* FIFOs off: RBR only */
	out(UART_LCR, 0x80);
	assert_int_equal(in(UART_RBR_THR), 0x0c); /* 9600 baud */
	assert_int_equal(in(UART_IER), 0);
	assert_false(t.line);
	assert_int_equal(t.nedges, 0);
}

static void divisor_latch(void **state)
{
	out(UART_IER, 0x05);
	out(UART_LCR, 0x83);
	out(UART_RBR_THR, 0x01);
	out(UART_IER, 0x02);
	assert_int_equal(in(UART_RBR_THR), 0x01);
	assert_int_equal(in(UART_IER), 0x02);
	/* Neither a transmission nor an IER write. */
	assert_int_equal(t.nout, 0);
	assert_int_equal(in(UART_LSR), 0x60);
	out(UART_LCR, 0x03);
	assert_int_equal(in(UART_LCR), 0x03);
	assert_int_equal(in(UART_IER), 0x05);
	/* Only the four defined IER bits stick. */
	out(UART_IER, 0xff);
	assert_int_equal(in(UART_IER), 0x0f);
	/* Registers repeat every 8 ports. */
	out(8 + UART_SCR, 0x77);
	assert_int_equal(in(UART_SCR), 0x77);
}

static void scratch_and_read_only(void **state)
{
	out(UART_SCR, 0x5a);
	assert_int_equal(in(UART_SCR), 0x5a);
	out(UART_LSR, 0x00);
	out(UART_MSR, 0x00);
	assert_int_equal(in(UART_LSR), 0x60);
	assert_int_equal(in(UART_MSR), 0xb0);
}

static void transmit(void **state)
{
	/* Without the owner's drain: the byte waits, THRE and TEMT clear. */
	uart_write(&t.u, UART_RBR_THR, 'A');
	assert_int_equal(uart_read(&t.u, UART_LSR), 0x00);
	assert_int_equal(t.nout, 0);
	assert_true(uart_tx_drain(&t.u));
	assert_int_equal(t.nout, 1);
	assert_int_equal(t.out[0], 'A');
	assert_int_equal(uart_read(&t.u, UART_LSR), 0x60);
	assert_false(uart_tx_drain(&t.u));
	/* A second write before the drain sends the first one, in order. */
	uart_write(&t.u, UART_RBR_THR, 'B');
	uart_write(&t.u, UART_RBR_THR, 'C');
	assert_int_equal(t.nout, 2);
	assert_true(uart_tx_drain(&t.u));
	assert_memory_equal(t.out, "ABC", 3);
	out(UART_RBR_THR, '!');
	assert_int_equal(t.nout, 4);
	assert_int_equal(t.out[3], '!');
}

static void thre_on_enable(void **state)
{
	/* Enabling THRI with the transmitter empty raises the line; reading
	 * IIR, which reports it, clears it (Linux's start-up test does it
	 * twice and expects the second enable to raise it again). */
	out(UART_IER, 0x02);
	assert_true(t.line);
	assert_int_equal(in(UART_IIR_FCR), 0x02);
	assert_false(t.line);
	assert_int_equal(in(UART_IIR_FCR), 0x01);
	out(UART_IER, 0x00);
	out(UART_IER, 0x02);
	assert_int_equal(in(UART_IIR_FCR), 0x02);
	out(UART_IER, 0x00);
	assert_string_equal(t.edges, "+-+-");
}

static void thre_waits_for_pending_byte(void **state)
{
	uart_write(&t.u, UART_RBR_THR, 'x');
	uart_write(&t.u, UART_IER, 0x02);
	/* THR is full: nothing to report until it empties. */
	assert_false(uart_irq_pending(&t.u));
	assert_true(uart_tx_drain(&t.u));
	assert_true(uart_irq_pending(&t.u));
	/* A THR write takes it back. */
	uart_write(&t.u, UART_RBR_THR, 'y');
	assert_false(uart_irq_pending(&t.u));
}

static void thre_rearmed_per_byte(void **state)
{
	const char *msg = "abcd";

	/* A driver's interrupt handler: ack, then one byte per interrupt;
	 * each transmitted byte must give a fresh rising edge. */
	out(UART_IER, 0x02);
	for (const char *p = msg; *p; p++) {
		assert_int_equal(in(UART_IIR_FCR), 0x02);
		out(UART_RBR_THR, (uint8_t)*p);
	}
	assert_int_equal(in(UART_IIR_FCR), 0x02);
	out(UART_IER, 0x00); /* nothing left to send: stop */
	assert_string_equal(t.edges, "+-+-+-+-+-");
	assert_memory_equal(t.out, msg, 4);
	/* Writing a burst without acking: each byte drops the line and its
	 * transmission raises it again. */
	t.nedges = 0;
	memset(t.edges, 0, sizeof(t.edges));
	out(UART_IER, 0x02);
	out(UART_RBR_THR, '1');
	out(UART_RBR_THR, '2');
	out(UART_RBR_THR, '3');
	assert_string_equal(t.edges, "+-+-+-+");
}

static void receive(void **state)
{
	out(UART_IIR_FCR, 0x01); /* FIFOs on */
	out(UART_IER, 0x01);
	push("abc");
	assert_true(t.line);
	assert_int_equal(in(UART_LSR), 0x61);
	assert_int_equal(in(UART_IIR_FCR), 0xc4); /* FIFO bits, data */
	assert_int_equal(uart_rx_space(&t.u), UART_RX_FIFO - 3);
	assert_int_equal(in(UART_RBR_THR), 'a');
	assert_int_equal(in(UART_RBR_THR), 'b');
	assert_true(t.line);
	assert_int_equal(in(UART_RBR_THR), 'c');
	assert_false(t.line);
	assert_int_equal(in(UART_LSR), 0x60);
	assert_int_equal(in(UART_IIR_FCR), 0xc1);
	/* Enabling RDI with data waiting raises the line; disabling drops. */
	out(UART_IER, 0x00);
	push("d");
	assert_false(t.line);
	out(UART_IER, 0x01);
	assert_true(t.line);
	out(UART_IER, 0x00);
	assert_string_equal(t.edges, "+-+-");
}

static void fifo_trigger_levels(void **state)
{
	static const struct {
		uint8_t fcr;
		unsigned level;
	} levels[] = { { 0x01, 1 }, { 0x41, 4 }, { 0x81, 8 }, { 0xc1, 14 } };

	out(UART_IER, 0x01);
	for (unsigned i = 0; i < 4; i++) {
		out(UART_IIR_FCR, levels[i].fcr | 0x02); /* and clear RX */
		assert_int_equal(in(UART_LSR), 0x60);
		for (unsigned n = 1; n < levels[i].level; n++)
			push("x");
		/* Below the trigger: reported as a character timeout. */
		if (levels[i].level > 1)
			assert_int_equal(in(UART_IIR_FCR), 0xcc);
		push("y");
		assert_int_equal(in(UART_IIR_FCR), 0xc4);
		assert_true(t.line);
	}
	/* A full FIFO takes no more from outside, so nothing is lost. */
	assert_int_equal(uart_rx_push(&t.u, (const uint8_t *)"0123456789", 10),
			 2);
	assert_int_equal(uart_rx_space(&t.u), 0);
	assert_int_equal(in(UART_LSR), 0x61);
	/* Turning the FIFO off empties it. */
	out(UART_IIR_FCR, 0x00);
	assert_int_equal(in(UART_LSR), 0x60);
	assert_int_equal(in(UART_IIR_FCR), 0x01);
	assert_false(t.line);
}

static void fifo_clear(void **state)
{
	out(UART_IIR_FCR, 0x01);
	push("abc");
	out(UART_IIR_FCR, 0x41); /* new trigger level only: data stays */
	assert_int_equal(in(UART_LSR), 0x61);
	out(UART_IIR_FCR, 0x43); /* clear RX */
	assert_int_equal(in(UART_LSR), 0x60);
	assert_int_equal(in(UART_IIR_FCR), 0xc1);
	assert_int_equal(uart_rx_space(&t.u), UART_RX_FIFO);
	push("z");
	assert_int_equal(in(UART_RBR_THR), 'z');
}

/* 16450 mode (FIFOs off): one byte; an overrun overwrites it. Enabling
 * the FIFOs keeps that byte. */
static void no_fifo(void **state)
{
	assert_int_equal(uart_rx_push(&t.u, (const uint8_t *)"ab", 2), 1);
	assert_int_equal(uart_rx_space(&t.u), 0);
	out(UART_IIR_FCR, 0x01);
	assert_int_equal(uart_rx_space(&t.u), UART_RX_FIFO - 1);
	assert_int_equal(in(UART_RBR_THR), 'a');
	out(UART_IIR_FCR, 0x00);
	out(UART_MCR, 0x18); /* loopback feeds the receiver directly */
	out(UART_RBR_THR, 'x');
	out(UART_RBR_THR, 'y');
	assert_int_equal(in(UART_LSR)&0x03, 0x03); /* data, overrun */
	assert_int_equal(in(UART_RBR_THR), 'y');
	assert_int_equal(in(UART_LSR)&0x01, 0);
}

static void loopback_and_overrun(void **state)
{
	out(UART_MCR, 0x18); /* loop, OUT2 */
	out(UART_IIR_FCR, 0x01);
	out(UART_IER, 0x05); /* RDI, RLSI */
	/* The outside world is disconnected. */
	assert_int_equal(uart_rx_space(&t.u), 0);
	assert_int_equal(uart_rx_push(&t.u, (const uint8_t *)"q", 1), 0);
	for (unsigned i = 0; i < 17; i++)
		out(UART_RBR_THR, (uint8_t)('A' + i));
	assert_int_equal(t.nout, 0);
	/* The 17th byte overran: reported first (line status beats data),
	 * cleared by reading LSR. */
	assert_int_equal(in(UART_IIR_FCR), 0xc6);
	assert_int_equal(in(UART_LSR), 0x63);
	assert_int_equal(in(UART_LSR), 0x61);
	assert_int_equal(in(UART_IIR_FCR), 0xc4);
	for (unsigned i = 0; i < 16; i++)
		assert_int_equal(in(UART_RBR_THR), 'A' + i);
	assert_int_equal(in(UART_LSR), 0x60);
	assert_false(t.line);
	/* Out of loopback, the outside world is back. */
	out(UART_MCR, 0x08);
	assert_int_equal(uart_rx_space(&t.u), UART_RX_FIFO);
	out(UART_RBR_THR, 'Z');
	assert_int_equal(t.nout, 1);
	assert_int_equal(t.out[0], 'Z');
}

static void loopback_modem_lines(void **state)
{
	/* Entering loopback with no outputs set drops CTS, DSR and DCD. */
	out(UART_MCR, 0x10);
	assert_int_equal(in(UART_MSR), 0x0b);
	assert_int_equal(in(UART_MSR), 0x00);
	out(UART_MCR, 0x12); /* RTS -> CTS */
	assert_int_equal(in(UART_MSR), 0x11);
	out(UART_MCR, 0x14); /* RTS off, OUT1 -> RI: rising RI is no TERI */
	assert_int_equal(in(UART_MSR), 0x41);
	out(UART_MCR, 0x10); /* RI falls: TERI */
	assert_int_equal(in(UART_MSR), 0x04);
	out(UART_MCR, 0x19); /* DTR -> DSR, OUT2 -> DCD */
	assert_int_equal(in(UART_MSR), 0xaa);
	assert_int_equal(in(UART_MCR), 0x19);
	/* Back out: the always-present modem. */
	out(UART_MCR, 0x0b);
	assert_int_equal(in(UART_MSR), 0xb1);
}

static void modem_status_interrupt(void **state)
{
	out(UART_IER, 0x08);
	assert_false(t.line);
	out(UART_MCR, 0x10);
	assert_true(t.line);
	assert_int_equal(in(UART_IIR_FCR), 0x00);
	assert_true(t.line); /* IIR does not acknowledge modem status */
	assert_int_equal(in(UART_MSR), 0x0b);
	assert_false(t.line);
	assert_string_equal(t.edges, "+-");
}

static void priorities(void **state)
{
	/* Every source at once, in loopback: overrun, data, THRE, MSR. */
	out(UART_MCR, 0x10);
	out(UART_IIR_FCR, 0x01);
	for (unsigned i = 0; i < 17; i++)
		out(UART_RBR_THR, (uint8_t)i);
	out(UART_IER, 0x0f);
	assert_int_equal(in(UART_IIR_FCR), 0xc6);
	in(UART_LSR);
	assert_int_equal(in(UART_IIR_FCR), 0xc4);
	/* Reading IIR while data is reported leaves THRE pending. */
	assert_int_equal(in(UART_IIR_FCR), 0xc4);
	for (unsigned i = 0; i < 16; i++)
		in(UART_RBR_THR);
	assert_int_equal(in(UART_IIR_FCR), 0xc2);
	assert_int_equal(in(UART_IIR_FCR), 0xc0);
	in(UART_MSR);
	assert_int_equal(in(UART_IIR_FCR), 0xc1);
	assert_false(t.line);
}

#define T(f) cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(reset_state),
		T(divisor_latch),
		T(scratch_and_read_only),
		T(transmit),
		T(thre_on_enable),
		T(thre_waits_for_pending_byte),
		T(thre_rearmed_per_byte),
		T(receive),
		T(fifo_trigger_levels),
		T(fifo_clear),
		T(no_fifo),
		T(loopback_and_overrun),
		T(loopback_modem_lines),
		T(modem_status_interrupt),
		T(priorities),
	};
	return cmocka_run_group_tests_name("dev_uart", tests, NULL, NULL);
}
