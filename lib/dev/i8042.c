/* i8042.c: keyboard controller commands, keyboard and mouse command replies. */
#include "dev/i8042.h"

#include <string.h>

#define ST_OBF	    0x01
#define ST_SYS	    0x04
#define ST_CMD	    0x08 /* last write went to the command port */
#define ST_UNLOCKED 0x10
#define ST_AUXB	    0x20

#define CTR_KBD_INT 0x01
#define CTR_AUX_INT 0x02
#define CTR_SYS	    0x04
#define CTR_KBD_DIS 0x10
#define CTR_AUX_DIS 0x20
#define CTR_XLATE   0x40

#define ACK    0xfa
#define RESEND 0xfe

void i8042_init(struct i8042 *k)
{
	memset(k, 0, sizeof(*k));
	/* The state a BIOS leaves after POST: self-test passed. */
	k->status = ST_SYS | ST_UNLOCKED;
	k->ctr = CTR_KBD_INT | CTR_AUX_INT | CTR_SYS | CTR_XLATE;
	k->outport = 0x03; /* not in reset, A20 on */
}

static void queue(struct i8042 *k, uint8_t byte, bool aux)
{
	unsigned tail;

	if (k->q_count == I8042_QUEUE)
		return;
	tail = (k->q_head + k->q_count) % I8042_QUEUE;
	k->queue[tail] = byte;
	k->queue_aux[tail] = aux;
	k->q_count++;
}

bool i8042_service(struct i8042 *k)
{
	if ((k->status & ST_OBF) || !k->q_count)
		return false;
	k->obuf = k->queue[k->q_head];
	k->status |= ST_OBF;
	if (k->queue_aux[k->q_head])
		k->status |= ST_AUXB;
	else
		k->status &= ~ST_AUXB;
	k->q_head = (k->q_head + 1) % I8042_QUEUE;
	k->q_count--;
	return true;
}

/* Controller replies go straight to the output buffer. */
static void reply(struct i8042 *k, uint8_t byte, bool aux)
{
	queue(k, byte, aux);
	i8042_service(k);
}

static void write_outport(struct i8042 *k, uint8_t value)
{
	k->outport = value;
	if (!(value & 0x01))
		k->reset_requested = true;
}

static void kbd_command(struct i8042 *k, uint8_t cmd)
{
	if (k->kbd_cmd) { /* a parameter byte */
		if (k->kbd_cmd == 0xf0 && cmd == 0) {
			queue(k, ACK, false);
			queue(k, 0x02, false); /* scan code set 2 */
		} else {
			queue(k, ACK, false);
		}
		k->kbd_cmd = 0;
		return;
	}
	switch (cmd) {
	case 0xed: /* set LEDs */
	case 0xf0: /* scan code set */
	case 0xf3: /* typematic rate */
		k->kbd_cmd = cmd;
		queue(k, ACK, false);
		break;
	case 0xee: /* echo */
		queue(k, 0xee, false);
		break;
	case 0xf2: /* identify: an MF2 keyboard */
		queue(k, ACK, false);
		queue(k, 0xab, false);
		queue(k, (k->ctr & CTR_XLATE) ? 0x41 : 0x83, false);
		break;
	case 0xff: /* reset: ACK, then self-test passed */
		queue(k, ACK, false);
		queue(k, 0xaa, false);
		break;
	case 0xf4:
	case 0xf5:
	case 0xf6:
	case 0xf7:
	case 0xf8:
	case 0xf9:
	case 0xfa:
	case 0xfb:
	case 0xfc:
	case 0xfd:
		queue(k, ACK, false);
		break;
	default:
		queue(k, RESEND, false);
		break;
	}
}

static void aux_command(struct i8042 *k, uint8_t cmd)
{
	if (k->aux_cmd) { /* a parameter byte */
		queue(k, ACK, true);
		k->aux_cmd = 0;
		return;
	}
	switch (cmd) {
	case 0xe8: /* resolution */
	case 0xf3: /* sample rate */
		k->aux_cmd = cmd;
		queue(k, ACK, true);
		break;
	case 0xe9: /* status request: ACK + 3 status bytes */
		queue(k, ACK, true);
		queue(k, 0x00, true);
		queue(k, 0x02, true);
		queue(k, 0x64, true);
		break;
	case 0xf2: /* get device ID: a standard PS/2 mouse */
		queue(k, ACK, true);
		queue(k, 0x00, true);
		break;
	case 0xff: /* reset */
		queue(k, ACK, true);
		queue(k, 0xaa, true);
		queue(k, 0x00, true);
		break;
	case 0xe6:
	case 0xe7:
	case 0xea:
	case 0xeb:
	case 0xec:
	case 0xee:
	case 0xf0:
	case 0xf4:
	case 0xf5:
	case 0xf6:
		queue(k, ACK, true);
		break;
	default:
		queue(k, RESEND, true);
		break;
	}
}

static void controller_command(struct i8042 *k, uint8_t cmd)
{
	switch (cmd) {
	case 0x20: /* read command byte */
		reply(k, k->ctr, false);
		break;
	case 0x60:
	case 0xd1:
	case 0xd2:
	case 0xd3:
	case 0xd4:
		k->pending = cmd; /* the data byte follows on port 0x60 */
		break;
	case 0xa7:
		k->ctr |= CTR_AUX_DIS;
		break;
	case 0xa8:
		k->ctr &= ~CTR_AUX_DIS;
		break;
	case 0xa9: /* aux interface test: passed */
	case 0xab: /* keyboard interface test: passed */
		reply(k, 0x00, false);
		break;
	case 0xaa: /* controller self-test */
		k->status |= ST_SYS;
		reply(k, 0x55, false);
		break;
	case 0xad:
		k->ctr |= CTR_KBD_DIS;
		break;
	case 0xae:
		k->ctr &= ~CTR_KBD_DIS;
		break;
	case 0xc0: /* read input port */
		reply(k, 0x00, false);
		break;
	case 0xd0: /* read output port */
		reply(k, k->outport, false);
		break;
	case 0xdd:
		k->outport &= ~0x02;
		break;
	case 0xdf:
		k->outport |= 0x02;
		break;
	default:
		/* 0xf0-0xff pulse output lines low for each clear bit of the
		 * low nibble; bit 0 is the CPU reset line (0xfe). */
		if (cmd >= 0xf0 && !(cmd & 0x01))
			k->reset_requested = true;
		break;
	}
}

uint8_t i8042_read(struct i8042 *k, unsigned offset)
{
	if (offset == I8042_CMD)
		return k->status;
	k->status &= ~(ST_OBF | ST_AUXB);
	return k->obuf;
}

void i8042_write(struct i8042 *k, unsigned offset, uint8_t value)
{
	uint8_t cmd;

	if (offset == I8042_CMD) {
		k->status |= ST_CMD;
		k->pending = 0;
		controller_command(k, value);
		return;
	}
	k->status &= ~ST_CMD;
	cmd = k->pending;
	k->pending = 0;
	switch (cmd) {
	case 0x60:
		k->ctr = value;
		break;
	case 0xd1:
		write_outport(k, value);
		break;
	case 0xd2:
		reply(k, value, false);
		break;
	case 0xd3:
		reply(k, value, true);
		break;
	case 0xd4:
		aux_command(k, value);
		i8042_service(k);
		break;
	default:
		kbd_command(k, value);
		i8042_service(k);
		break;
	}
}

bool i8042_irq1(const struct i8042 *k)
{
	return (k->status & ST_OBF) && !(k->status & ST_AUXB) &&
	       (k->ctr & CTR_KBD_INT);
}

bool i8042_irq12(const struct i8042 *k)
{
	return (k->status & ST_OBF) && (k->status & ST_AUXB) &&
	       (k->ctr & CTR_AUX_INT);
}
