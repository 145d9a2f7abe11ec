/* uart_guest.c: drives COM1 through interrupts: echo what arrives, or send by
 * THRE. */
#include <stdint.h>
#include <string.h>

#include "abi/debug_ports.h"
#include "abi/pvh.h"
#include "jt.h"
#include "rt/console.h"
#include "rt/x86io.h"

/*
 * jt.uart=echo: receive through IRQ 4 (IER.RDI, the 8259 PIC remapped to
 * vectors 0x20-0x2f) and echo each byte: printable as is, others as
 * "[0xNN]". 'q' ends with PASS. The line "uart-guest: ready" says input
 * can come.
 * jt.uart=tx: send a fixed text of TX_LINES lines through "transmitter
 * empty" interrupts (IER.THRI), at most 16 bytes per interrupt, then PASS
 * with the count of interrupts.
 * Both check that no other interrupt or exception arrives.
 */

#define COM1	 COM1_PORT
#define PIC1	 0x20
#define PIC2	 0xa0
#define IRQ_BASE 0x20
#define TX_LINES 64

void pvh_main(const struct hvm_start_info *si);
void uart_load_tables(void);
void uart_irq4(void);
void uart_irq_other(void);
void uart_exception(uint32_t vector);
extern uint64_t uart_idt[256];
extern char uart_irq4_stub[], uart_irq_other_stub[], uart_exception_stubs[];

static volatile uint8_t rx[256];
static volatile uint8_t rx_head, rx_tail;
static volatile unsigned irqs, other_irqs;

static char tx_text[TX_LINES * 32];
static volatile unsigned tx_pos, tx_len;
static volatile int tx_done;

static uint64_t gate(void *handler)
{
	uint32_t a = (uint32_t)(uintptr_t)handler;

	/* 32-bit interrupt gate, present, DPL 0, selector 0x08. */
	return (uint64_t)(a & 0xffff) | (uint64_t)0x08 << 16 |
	       (uint64_t)0x8e00 << 32 | (uint64_t)(a >> 16) << 48;
}

static void setup_idt(void)
{
	for (int v = 0; v < 32; v++)
		uart_idt[v] = gate(uart_exception_stubs + v * 8);
	for (int v = IRQ_BASE; v < IRQ_BASE + 16; v++)
		uart_idt[v] = gate(uart_irq_other_stub);
	uart_idt[IRQ_BASE + COM1_IRQ] = gate(uart_irq4_stub);
	uart_load_tables();
}

/* The 8259 pair remapped above the exceptions; only IRQ 4 unmasked. */
static void setup_pic(void)
{
	outb(PIC1, 0x11);
	outb(PIC2, 0x11);
	outb(PIC1 + 1, IRQ_BASE);
	outb(PIC2 + 1, IRQ_BASE + 8);
	outb(PIC1 + 1, 0x04);
	outb(PIC2 + 1, 0x02);
	outb(PIC1 + 1, 0x01);
	outb(PIC2 + 1, 0x01);
	outb(PIC1 + 1, (uint8_t) ~(1u << COM1_IRQ));
	outb(PIC2 + 1, 0xff);
}

void uart_exception(uint32_t vector)
{
	jt_fail("exception %u", vector);
}

void uart_irq_other(void)
{
	other_irqs++;
	outb(PIC2, 0x20);
	outb(PIC1, 0x20);
}

void uart_irq4(void)
{
	uint8_t iir;

	irqs++;
	/* Serve every pending cause, as a driver does, until IIR says none. */
	while (!((iir = inb(COM1 + 2)) & 0x01)) {
		switch (iir & 0x0e) {
		case 0x04: /* received data */
		case 0x0c: /* character timeout */
			while (inb(COM1 + 5) & 0x01)
				rx[rx_head++] = inb(COM1);
			break;
		case 0x02: /* transmitter empty */
			if (tx_pos == tx_len) {
				outb(COM1 + 1, inb(COM1 + 1) & ~0x02);
				tx_done = 1;
				break;
			}
			for (int n = 0; n < 16 && tx_pos < tx_len; n++)
				outb(COM1, (uint8_t)tx_text[tx_pos++]);
			break;
		default:
			inb(COM1 + 5); /* line status: read to clear */
			inb(COM1 + 6); /* modem status */
			break;
		}
	}
	outb(PIC1, 0x20);
}

static void echo(void)
{
	static const char hex[] = "0123456789abcdef";

	outb(COM1 + 1, 0x01); /* IER: received data */
	console_puts("uart-guest: ready\n");
	for (;;) {
		__asm__ volatile("cli");
		if (rx_tail == rx_head) {
			__asm__ volatile("sti; hlt"); /* woken by IRQ 4 */
			continue;
		}
		__asm__ volatile("sti");
		uint8_t c = rx[rx_tail++];

		if (c == 'q')
			break;
		if (c >= 0x20 && c < 0x7f) {
			console_write((const char *)&c, 1);
		} else {
			char s[6] = { '[',	   '0',		'x',
				      hex[c >> 4], hex[c & 15], ']' };

			console_write(s, 6);
		}
	}
	if (other_irqs)
		jt_fail("%u unexpected interrupts", other_irqs);
	jt_pass("echo: %u interrupts", irqs);
}

static void transmit(void)
{
	for (unsigned i = 0; i < TX_LINES; i++) {
		char *l = tx_text + i * 32;

		memcpy(l, "tx line 00: abcdefghijklmnopqrs\n", 32);
		l[8] = (char)('0' + i / 10);
		l[9] = (char)('0' + i % 10);
	}
	tx_len = TX_LINES * 32;
	/* Enabling THRI with the transmitter empty raises it at once. */
	outb(COM1 + 1, 0x02);
	while (!tx_done)
		__asm__ volatile("sti; hlt");
	__asm__ volatile("cli");
	if (other_irqs)
		jt_fail("%u unexpected interrupts", other_irqs);
	if (!irqs)
		jt_fail("tx: all sent, but no interrupt counted");
	jt_pass("tx: %u bytes in %u interrupts", tx_len, irqs);
}

void pvh_main(const struct hvm_start_info *si)
{
	size_t len;
	const char *mode;

	jt_init("uart-guest", (const char *)(uintptr_t)si->cmdline_paddr);
	setup_idt();
	setup_pic();
	/* FIFOs on, not cleared: input that came early is kept. */
	outb(COM1 + 2, 0x01);
	outb(COM1 + 4, 0x0b); /* DTR, RTS, OUT2 */
	mode = jt_arg("uart", &len);
	if (mode && len == 4 && !strncmp(mode, "echo", 4))
		echo();
	if (mode && len == 2 && !strncmp(mode, "tx", 2))
		transmit();
	jt_fail("give jt.uart=echo or jt.uart=tx");
}
