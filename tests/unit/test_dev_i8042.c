/* test_dev_i8042.c: the keyboard controller, its keyboard and mouse, IRQs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "dev/i8042.h"

#define ST_OBF	0x01
#define ST_CMD	0x08
#define ST_AUXB 0x20

/*
 * The controller plus what its owner (vmm/devices/legacy.c) does around
 * each access: sample both IRQ lines, move the next queued byte into the
 * output buffer, sample again. Edges go to irq1/irq12 as '+' and '-'.
 */
static struct {
	struct i8042 k;
	bool l1, l12;
	char irq1[64], irq12[64];
	unsigned n1, n12;
} t;

static int setup(void **state)
{
	memset(&t, 0, sizeof(t));
	i8042_init(&t.k);
	return 0;
}

static void edge(bool now, bool *line, char *log, unsigned *n)
{
	if (now != *line && *n < 63)
		log[(*n)++] = now ? '+' : '-';
	*line = now;
}

static void sample(void)
{
	edge(i8042_irq1(&t.k), &t.l1, t.irq1, &t.n1);
	edge(i8042_irq12(&t.k), &t.l12, t.irq12, &t.n12);
}

static void after_access(void)
{
	sample();
	if (i8042_service(&t.k))
		sample();
}

static void cmd(uint8_t v)
{
	i8042_write(&t.k, I8042_CMD, v);
	after_access();
}

static void data(uint8_t v)
{
	i8042_write(&t.k, I8042_DATA, v);
	after_access();
}

static uint8_t status(void)
{
	uint8_t v = i8042_read(&t.k, I8042_CMD);

	after_access();
	return v;
}

/* The next byte from port 0x60, which must be there (OBF set) and come
 * from the keyboard or the mouse as aux says. */
static uint8_t next(bool aux)
{
	uint8_t st = i8042_read(&t.k, I8042_CMD), v;

	assert_true(st & ST_OBF);
	assert_int_equal(!!(st & ST_AUXB), aux);
	v = i8042_read(&t.k, I8042_DATA);
	after_access();
	return v;
}

/* The controller command byte, read back with command 0x20. */
static uint8_t ctr(void)
{
	cmd(0x20);
	return next(false);
}

/* The output port, read back with command 0xd0. */
static uint8_t outport(void)
{
	cmd(0xd0);
	return next(false);
}

/* A byte for the mouse: command 0xd4, then the byte. */
static void aux(uint8_t v)
{
	cmd(0xd4);
	data(v);
}

static void assert_empty(void)
{
	assert_int_equal(status() & ST_OBF, 0);
	assert_false(i8042_service(&t.k));
}

static void reset_state(void **state)
{
	assert_int_equal(status(), 0x14); /* SYS, not inhibited */
	assert_false(i8042_irq1(&t.k));
	assert_false(i8042_irq12(&t.k));
	assert_false(t.k.reset_requested);
	/* A controller reply is in the output buffer as the write returns,
	 * before the owner services the queue. */
	i8042_write(&t.k, I8042_CMD, 0x20);
	assert_int_equal(t.k.status & ST_OBF, ST_OBF);
	assert_true(i8042_irq1(&t.k));
	after_access();
	assert_int_equal(status(), 0x1d);    /* OBF, last write a command */
	assert_int_equal(next(false), 0x47); /* KBD/AUX IRQs, SYS, XLATE */
	assert_empty();
	assert_int_equal(outport(), 0x03); /* not in reset, A20 on */
	cmd(0xc0);
	assert_int_equal(next(false), 0x00);
}

static void self_tests(void **state)
{
	cmd(0xaa);
	assert_int_equal(next(false), 0x55);
	cmd(0xab);
	assert_int_equal(next(false), 0x00);
	cmd(0xa9);
	assert_int_equal(next(false), 0x00);
	assert_empty();
	assert_false(t.k.reset_requested);
}

static void command_byte(void **state)
{
	cmd(0x60);
	data(0x65);
	assert_int_equal(status() & ST_CMD, 0);
	assert_int_equal(ctr(), 0x65);
	/* Port enable and disable commands flip the CTR bits. */
	cmd(0xa7);
	cmd(0xad);
	assert_int_equal(ctr(), 0x75);
	cmd(0xa8);
	assert_int_equal(ctr(), 0x55);
	cmd(0xae);
	assert_int_equal(ctr(), 0x45);
	/* A command in place of the awaited data byte cancels it. */
	cmd(0x60);
	assert_int_equal(ctr(), 0x45);
	data(0xf4); /* goes to the keyboard, not the CTR */
	assert_int_equal(next(false), 0xfa);
	assert_int_equal(ctr(), 0x45);
}

static void reset_lines(void **state)
{
	cmd(0xff); /* pulse nothing */
	cmd(0xf1); /* pulse bits 1-3, not the reset line */
	assert_false(t.k.reset_requested);
	cmd(0xfe);
	assert_true(t.k.reset_requested);
	setup(state);
	cmd(0xf0); /* every line, reset included */
	assert_true(t.k.reset_requested);
	/* Through the output port: bit 0 low is reset. */
	setup(state);
	cmd(0xd1);
	data(0x03);
	assert_false(t.k.reset_requested);
	cmd(0xd1);
	data(0x01); /* A20 off, still running */
	assert_false(t.k.reset_requested);
	assert_int_equal(outport(), 0x01);
	cmd(0xd1);
	data(0x02);
	assert_true(t.k.reset_requested);
}

static void a20_commands(void **state)
{
	cmd(0xdd);
	assert_int_equal(outport(), 0x01);
	cmd(0xdf);
	assert_int_equal(outport(), 0x03);
}

static void keyboard_replies(void **state)
{
	data(0xff); /* reset */
	assert_int_equal(next(false), 0xfa);
	assert_int_equal(next(false), 0xaa);
	data(0xf2); /* identify: MF2, translated */
	assert_int_equal(next(false), 0xfa);
	assert_int_equal(next(false), 0xab);
	assert_int_equal(next(false), 0x41);
	data(0xee); /* echo: no ACK */
	assert_int_equal(next(false), 0xee);
	data(0xed); /* LEDs + parameter */
	assert_int_equal(next(false), 0xfa);
	data(0x07);
	assert_int_equal(next(false), 0xfa);
	data(0xf0); /* get scan code set */
	assert_int_equal(next(false), 0xfa);
	data(0x00);
	assert_int_equal(next(false), 0xfa);
	assert_int_equal(next(false), 0x02);
	data(0xf0); /* set scan code set 2 */
	data(0x02);
	assert_int_equal(next(false), 0xfa);
	assert_int_equal(next(false), 0xfa);
	data(0xf3); /* typematic */
	data(0x20);
	assert_int_equal(next(false), 0xfa);
	assert_int_equal(next(false), 0xfa);
	data(0xf4);
	assert_int_equal(next(false), 0xfa);
	data(0xf5);
	assert_int_equal(next(false), 0xfa);
	data(0x42); /* not a command: resend */
	assert_int_equal(next(false), 0xfe);
	assert_empty();
	/* Without translation the identify's second byte is raw. */
	cmd(0x60);
	data(0x07);
	data(0xf2);
	assert_int_equal(next(false), 0xfa);
	assert_int_equal(next(false), 0xab);
	assert_int_equal(next(false), 0x83);
}

static void mouse_replies(void **state)
{
	aux(0xff); /* reset: ACK, self-test passed, ID */
	assert_int_equal(next(true), 0xfa);
	assert_int_equal(next(true), 0xaa);
	assert_int_equal(next(true), 0x00);
	aux(0xf2); /* ID: a plain PS/2 mouse */
	assert_int_equal(next(true), 0xfa);
	assert_int_equal(next(true), 0x00);
	aux(0xf3); /* sample rate + parameter */
	assert_int_equal(next(true), 0xfa);
	aux(100);
	assert_int_equal(next(true), 0xfa);
	aux(0xe9); /* status: 3 bytes */
	assert_int_equal(next(true), 0xfa);
	assert_int_equal(next(true), 0x00);
	assert_int_equal(next(true), 0x02);
	assert_int_equal(next(true), 0x64);
	aux(0xf4);
	assert_int_equal(next(true), 0xfa);
	aux(0x01);
	assert_int_equal(next(true), 0xfe);
	assert_empty();
	assert_int_equal(t.n1, 0); /* never on the keyboard's line */
}

static void loopback_writes(void **state)
{
	/* 0xd3: as if from the mouse (Linux's AUX probe and IRQ test). */
	cmd(0xd3);
	data(0x5a);
	assert_true(i8042_irq12(&t.k));
	assert_false(i8042_irq1(&t.k));
	assert_int_equal(next(true), 0x5a);
	assert_false(i8042_irq12(&t.k));
	/* Reading it empties the buffer and forgets where it came from. */
	assert_int_equal(status(), 0x14);
	/* 0xd2: as if from the keyboard. */
	cmd(0xd2);
	data(0xa5);
	assert_true(i8042_irq1(&t.k));
	assert_int_equal(next(false), 0xa5);
	assert_string_equal(t.irq12, "+-");
	assert_string_equal(t.irq1, "+-");
}

static void irq_enables(void **state)
{
	/* With the CTR's interrupt bits clear, OBF raises no line. */
	cmd(0x60);
	data(0x44);
	cmd(0x20);
	assert_false(i8042_irq1(&t.k));
	assert_int_equal(next(false), 0x44);
	cmd(0xd3);
	data(0x11);
	assert_false(i8042_irq12(&t.k));
	assert_int_equal(next(true), 0x11);
	assert_int_equal(t.n1 + t.n12, 0);
	/* Enabling with a byte waiting raises the line at once. */
	cmd(0xd3);
	data(0x22);
	cmd(0x60);
	data(0x46); /* AUX_INT */
	assert_true(i8042_irq12(&t.k));
}

static void one_byte_per_edge(void **state)
{
	/* A keyboard reset queues two bytes; each must arrive on its own
	 * rising edge, and only after the previous one was read. */
	data(0xff);
	assert_string_equal(t.irq1, "+");
	assert_int_equal(i8042_read(&t.k, I8042_DATA), 0xfa);
	/* Read: the line falls before the next byte is loaded. */
	assert_false(i8042_irq1(&t.k));
	assert_int_equal(t.k.status & ST_OBF, 0);
	after_access();
	assert_string_equal(t.irq1, "+-+");
	/* Loaded once only, whatever the owner does meanwhile. */
	assert_false(i8042_service(&t.k));
	status();
	assert_int_equal(i8042_read(&t.k, I8042_DATA), 0xaa);
	after_access();
	assert_string_equal(t.irq1, "+-+-");
	/* Keyboard then mouse bytes each on their own line. */
	data(0xee);
	aux(0xf2);
	assert_int_equal(next(false), 0xee);
	assert_int_equal(next(true), 0xfa);
	assert_int_equal(next(true), 0x00);
	assert_string_equal(t.irq1, "+-+-+-");
	assert_string_equal(t.irq12, "+-+-");
}

#define T(f) cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(reset_state),	      T(self_tests),	  T(command_byte),
		T(reset_lines),	      T(a20_commands),	  T(keyboard_replies),
		T(mouse_replies),     T(loopback_writes), T(irq_enables),
		T(one_byte_per_edge),
	};
	return cmocka_run_group_tests_name("dev_i8042", tests, NULL, NULL);
}
