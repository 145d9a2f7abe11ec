/* i8042.h: PC keyboard controller, keyboard and mouse that answer probes. */
#ifndef DEV_I8042_H
#define DEV_I8042_H

#include <stdbool.h>
#include <stdint.h>

#define I8042_QUEUE 16

/*
 * Enough of the 8042 and its two devices for firmware and Linux to probe
 * quickly and find what they expect (self-tests pass, commands are
 * acknowledged, identify returns IDs), so no driver waits for a timeout.
 * No key or mouse events are ever generated: the console is the UART.
 * The machine-reset line is reported through reset_requested.
 */
struct i8042 {
	uint8_t status;
	uint8_t ctr;	 /* controller command byte */
	uint8_t outport; /* bit 0: reset (active low), bit 1: A20 */
	uint8_t obuf;	 /* output buffer, valid when status has OBF */
	uint8_t pending; /* controller command waiting for its data byte */
	uint8_t kbd_cmd; /* keyboard command waiting for its parameter */
	uint8_t aux_cmd; /* mouse command waiting for its parameter */
	uint8_t queue[I8042_QUEUE];
	bool queue_aux[I8042_QUEUE];
	unsigned q_head, q_count;
	bool reset_requested;
};

enum { I8042_DATA = 0, I8042_CMD = 4 }; /* offsets from port 0x60 */

void i8042_init(struct i8042 *k);
uint8_t i8042_read(struct i8042 *k, unsigned offset);
void i8042_write(struct i8042 *k, unsigned offset, uint8_t value);

/* Move the next queued byte into the empty output buffer. Call after
 * sampling the IRQ lines, so each byte raises a fresh edge. */
bool i8042_service(struct i8042 *k);

bool i8042_irq1(const struct i8042 *k);	 /* keyboard */
bool i8042_irq12(const struct i8042 *k); /* mouse */

#endif
