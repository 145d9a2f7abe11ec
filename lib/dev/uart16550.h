/* uart16550.h: a 16550A UART model that knows nothing of buses or IRQs. */
#ifndef DEV_UART16550_H
#define DEV_UART16550_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UART_RX_FIFO 16

/* Register offsets from the base port. */
enum {
	UART_RBR_THR = 0, /* DLL with DLAB */
	UART_IER = 1,	  /* DLM with DLAB */
	UART_IIR_FCR = 2,
	UART_LCR = 3,
	UART_MCR = 4,
	UART_LSR = 5,
	UART_MSR = 6,
	UART_SCR = 7,
};

/*
 * Transmission is instantaneous but happens in a second step: a THR write
 * leaves the byte pending (THRE clear, its interrupt dropped) until the
 * owner calls uart_tx_drain(), after sampling the interrupt line. The line
 * therefore falls and rises again on every byte, as on real hardware, so
 * edge-triggered interrupt controllers see each "transmitter empty".
 */
struct uart16550 {
	uint8_t ier, lcr, mcr, lsr, msr, scr, fcr, dll, dlm;
	uint8_t thr; /* the byte written; pending while THRE is clear */
	bool thri;   /* "THR empty" interrupt pending */
	uint8_t rx[UART_RX_FIFO];
	unsigned rx_head, rx_count;
	/* Transmitted bytes go here (not called in loopback mode). */
	void (*tx)(void *ctx, uint8_t byte);
	void *ctx;
};

void uart_init(struct uart16550 *u, void (*tx)(void *ctx, uint8_t byte),
	       void *ctx);
uint8_t uart_read(struct uart16550 *u, unsigned offset);
void uart_write(struct uart16550 *u, unsigned offset, uint8_t value);

/* Transmit the pending byte, if any. Returns true if there was one. */
bool uart_tx_drain(struct uart16550 *u);

/* Is the "transmitter empty" interrupt enabled (interrupt-driven output)? */
bool uart_thri_enabled(const struct uart16550 *u);

/* The interrupt output (level). */
bool uart_irq_pending(const struct uart16550 *u);

/* Received bytes from the outside: returns how many fit in the FIFO. */
size_t uart_rx_push(struct uart16550 *u, const uint8_t *data, size_t n);
size_t uart_rx_space(const struct uart16550 *u);

#endif
