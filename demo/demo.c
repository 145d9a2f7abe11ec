/* demo.c: jiffy's guest when there is no --kernel: hello, RAM, command line, reset. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "abi/debug_ports.h"
#include "abi/e820.h"
#include "abi/pvh.h"
#include "rt/console.h"
#include "rt/x86io.h"

void pvh_main(const struct hvm_start_info *si);

/*
 * Every guest instruction is emulated on some hosts (about a million a
 * second on the development machines), and so is every byte sent to the
 * UART, so the demo is frugal: two short lines, gathered in a buffer
 * (memcpy is a rep movs) and sent with one console_write, and only the
 * RAM size formatted.
 */
struct msg {
	char buf[512];
	size_t len;
};

#define SAY(m, lit) say(m, lit, sizeof(lit) - 1)

static void say(struct msg *m, const char *s, size_t n)
{
	if (n > sizeof(m->buf) - m->len) {
		/* A long command line: send what we have, then it. */
		console_write(m->buf, m->len);
		m->len = 0;
		if (n > sizeof(m->buf)) {
			console_write(s, n);
			return;
		}
	}
	memcpy(m->buf + m->len, s, n);
	m->len += n;
}

/* MiB of RAM in the PVH memory map. */
static uint32_t ram_mib(const struct hvm_start_info *si)
{
	const struct hvm_memmap_table_entry *e =
		(const void *)(uintptr_t)si->memmap_paddr;
	uint64_t ram = 0;

	for (uint32_t i = 0; i < si->memmap_entries; i++)
		if (e[i].type == E820_RAM)
			ram += e[i].size;
	return (uint32_t)(ram >> 20);
}

static void say_number(struct msg *m, uint32_t v)
{
	char digits[10];
	unsigned n = sizeof(digits);

	do {
		digits[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	say(m, digits + n, sizeof(digits) - n);
}

void pvh_main(const struct hvm_start_info *si)
{
	const char *cmdline = (const char *)(uintptr_t)si->cmdline_paddr;
	/* On the stack, whose page is in use already: the first touch of a
	 * fresh BSS page took ~0.27 ms here, more than sending the text. */
	struct msg m;
	size_t len = 0;

	m.len = 0;
	post_code(0x40);
	SAY(&m, "Hello from the jiffy demo guest: ");
	say_number(&m, ram_mib(si));
	SAY(&m, " MiB of RAM, ");
	while (cmdline && cmdline[len])
		len++;
	if (len) {
		SAY(&m, "command line \"");
		say(&m, cmdline, len);
		SAY(&m, "\".\n");
	} else {
		SAY(&m, "no command line (try --append).\n");
	}
	SAY(&m, "Booted through PVH; a reset now ends jiffy. "
		"Yours: jiffy --kernel FILE\n");
	console_write(m.buf, m.len);
	post_code(0x4f);
	outb(KBC_STATUS_PORT, KBC_CMD_RESET);

	/* Still here: this machine has no reset through the controller. */
	console_puts(
		"demo: the reset was ignored; leaving through the exit port\n");
	debug_exit(DEBUG_EXIT_FAIL);
}
