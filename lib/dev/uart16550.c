/* uart16550.c: 16550A registers, FIFO, loopback, interrupt identification. */
#include "dev/uart16550.h"

#include <string.h>

#define IER_RDI	 0x01 /* received data available */
#define IER_THRI 0x02 /* transmitter holding register empty */
#define IER_RLSI 0x04 /* receiver line status */
#define IER_MSI	 0x08 /* modem status */

#define IIR_NO_INT 0x01
#define IIR_MSI	   0x00
#define IIR_THRI   0x02
#define IIR_RDI	   0x04
#define IIR_RLSI   0x06
#define IIR_CTI	   0x0c /* character timeout */
#define IIR_FIFO   0xc0

#define FCR_ENABLE   0x01
#define FCR_CLEAR_RX 0x02
#define FCR_CLEAR_TX 0x04

#define LCR_DLAB 0x80

#define MCR_DTR	 0x01
#define MCR_RTS	 0x02
#define MCR_OUT1 0x04
#define MCR_OUT2 0x08
#define MCR_LOOP 0x10

#define LSR_DR	 0x01
#define LSR_OE	 0x02
#define LSR_BI	 0x10
#define LSR_THRE 0x20
#define LSR_TEMT 0x40
#define LSR_ERRS 0x1e

#define MSR_DCTS   0x01
#define MSR_DDSR   0x02
#define MSR_TERI   0x04
#define MSR_DDCD   0x08
#define MSR_CTS	   0x10
#define MSR_DSR	   0x20
#define MSR_RI	   0x40
#define MSR_DCD	   0x80
#define MSR_DELTAS 0x0f

void uart_init(struct uart16550 *u, void (*tx)(void *ctx, uint8_t byte),
	       void *ctx)
{
	memset(u, 0, sizeof(*u));
	u->lsr = LSR_THRE | LSR_TEMT;
	/* A modem that is always there: carrier, DSR and CTS asserted, so
	 * getty and flow control never wait for it. */
	u->msr = MSR_DCD | MSR_DSR | MSR_CTS;
	u->mcr = MCR_OUT2;
	u->dll = 0x0c; /* 9600 baud, as a PC BIOS leaves it */
	u->tx = tx;
	u->ctx = ctx;
}

static unsigned rx_trigger(const struct uart16550 *u)
{
	static const unsigned levels[4] = { 1, 4, 8, 14 };

	return (u->fcr & FCR_ENABLE) ? levels[u->fcr >> 6] : 1;
}

/* Interrupt identification, highest priority first. */
static uint8_t pending_iir(const struct uart16550 *u)
{
	if ((u->ier & IER_RLSI) && (u->lsr & (LSR_OE | LSR_BI)))
		return IIR_RLSI;
	if ((u->ier & IER_RDI) && u->rx_count)
		/* No timer here: data below the trigger level is reported
		 * at once as a character timeout, which drivers treat the
		 * same way (read until LSR.DR clears). */
		return u->rx_count >= rx_trigger(u) ? IIR_RDI : IIR_CTI;
	if ((u->ier & IER_THRI) && u->thri)
		return IIR_THRI;
	if ((u->ier & IER_MSI) && (u->msr & MSR_DELTAS))
		return IIR_MSI;
	return IIR_NO_INT;
}

bool uart_irq_pending(const struct uart16550 *u)
{
	return pending_iir(u) != IIR_NO_INT;
}

/* Without FIFOs (16450 mode) only the receiver buffer register holds data. */
static unsigned rx_capacity(const struct uart16550 *u)
{
	return (u->fcr & FCR_ENABLE) ? UART_RX_FIFO : 1;
}

static void rx_put(struct uart16550 *u, uint8_t byte)
{
	if (u->rx_count >= rx_capacity(u)) {
		/* Overrun: a full FIFO loses the new byte; a lone receiver
		 * buffer register is overwritten by it. */
		u->lsr |= LSR_OE;
		if (!(u->fcr & FCR_ENABLE))
			u->rx[u->rx_head] = byte;
		return;
	}
	u->rx[(u->rx_head + u->rx_count) % UART_RX_FIFO] = byte;
	u->rx_count++;
	u->lsr |= LSR_DR;
}

static uint8_t rx_get(struct uart16550 *u)
{
	uint8_t byte;

	if (!u->rx_count)
		return 0;
	byte = u->rx[u->rx_head];
	u->rx_head = (u->rx_head + 1) % UART_RX_FIFO;
	if (--u->rx_count == 0)
		u->lsr &= ~LSR_DR;
	return byte;
}

/* A written byte waits in THR exactly while LSR's THRE bit is clear. */
static bool tx_pending(const struct uart16550 *u)
{
	return !(u->lsr & LSR_THRE);
}

/* In loopback the modem inputs are wired to the modem outputs. */
static void update_msr(struct uart16550 *u)
{
	uint8_t old = u->msr, msr;

	if (u->mcr & MCR_LOOP)
		msr = ((u->mcr & MCR_RTS) ? MSR_CTS : 0) |
		      ((u->mcr & MCR_DTR) ? MSR_DSR : 0) |
		      ((u->mcr & MCR_OUT1) ? MSR_RI : 0) |
		      ((u->mcr & MCR_OUT2) ? MSR_DCD : 0);
	else
		msr = MSR_DCD | MSR_DSR | MSR_CTS;
	u->msr = (msr & 0xf0) | (old & MSR_DELTAS);
	if ((old ^ msr) & MSR_CTS)
		u->msr |= MSR_DCTS;
	if ((old ^ msr) & MSR_DSR)
		u->msr |= MSR_DDSR;
	if ((old ^ msr) & MSR_DCD)
		u->msr |= MSR_DDCD;
	if ((old & MSR_RI) && !(msr & MSR_RI))
		u->msr |= MSR_TERI;
}

uint8_t uart_read(struct uart16550 *u, unsigned offset)
{
	uint8_t v, iir;

	switch (offset & 7) {
	case UART_RBR_THR:
		return (u->lcr & LCR_DLAB) ? u->dll : rx_get(u);
	case UART_IER:
		return (u->lcr & LCR_DLAB) ? u->dlm : u->ier;
	case UART_IIR_FCR:
		iir = pending_iir(u);
		/* Reading IIR acknowledges a "THR empty" interrupt. */
		if (iir == IIR_THRI)
			u->thri = false;
		return iir | ((u->fcr & FCR_ENABLE) ? IIR_FIFO : 0);
	case UART_LCR:
		return u->lcr;
	case UART_MCR:
		return u->mcr;
	case UART_LSR:
		v = u->lsr;
		u->lsr &= ~LSR_ERRS;
		return v;
	case UART_MSR:
		v = u->msr;
		u->msr &= ~MSR_DELTAS;
		return v;
	default:
		return u->scr;
	}
}

void uart_write(struct uart16550 *u, unsigned offset, uint8_t value)
{
	switch (offset & 7) {
	case UART_RBR_THR:
		if (u->lcr & LCR_DLAB) {
			u->dll = value;
			break;
		}
		if (tx_pending(u)) /* overwritten before it left: lost */
			uart_tx_drain(u);
		u->thr = value;
		u->thri = false;
		u->lsr &= ~(LSR_THRE | LSR_TEMT);
		break;
	case UART_IER:
		if (u->lcr & LCR_DLAB) {
			u->dlm = value;
			break;
		}
		/* Enabling THRI while the transmitter is empty raises it. */
		if (!(u->ier & IER_THRI) && (value & IER_THRI) &&
		    (u->lsr & LSR_THRE))
			u->thri = true;
		u->ier = value & 0x0f;
		break;
	case UART_IIR_FCR:
		/* Turning the FIFOs off empties them; turning them on
		 * keeps what the receiver buffer holds. */
		if (((u->fcr & FCR_ENABLE) && !(value & FCR_ENABLE)) ||
		    (value & FCR_CLEAR_RX)) {
			u->rx_head = u->rx_count = 0;
			u->lsr &= ~LSR_DR;
		}
		u->fcr = value & 0xc9; /* enable, DMA mode, trigger level */
		break;
	case UART_LCR:
		u->lcr = value;
		break;
	case UART_MCR:
		u->mcr = value & 0x1f;
		update_msr(u);
		break;
	case UART_LSR:
	case UART_MSR:
		break; /* read-only (factory test registers) */
	default:
		u->scr = value;
		break;
	}
}

bool uart_tx_drain(struct uart16550 *u)
{
	if (!tx_pending(u))
		return false;
	if (u->mcr & MCR_LOOP)
		rx_put(u, u->thr);
	else if (u->tx)
		u->tx(u->ctx, u->thr);
	u->lsr |= LSR_THRE | LSR_TEMT;
	u->thri = true;
	return true;
}

size_t uart_rx_space(const struct uart16550 *u)
{
	/* In loopback the outside world is disconnected. */
	if (u->mcr & MCR_LOOP || u->rx_count >= rx_capacity(u))
		return 0;
	return rx_capacity(u) - u->rx_count;
}

size_t uart_rx_push(struct uart16550 *u, const uint8_t *data, size_t n)
{
	size_t room = uart_rx_space(u), i;

	for (i = 0; i < n && i < room; i++)
		rx_put(u, data[i]);
	return i;
}

bool uart_thri_enabled(const struct uart16550 *u)
{
	return u->ier & IER_THRI;
}
