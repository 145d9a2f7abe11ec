/* demo.c: jiffy's guest when there is no --kernel: hello, RAM, command line, reset. */
#include <stddef.h>
#include <stdint.h>

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
 * (rt console_buf) and sent with one console_write, and only the RAM
 * size formatted.
 */
#define SAY(b, lit) console_buf_put(b, lit, sizeof(lit) - 1)

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

static void say_number(struct console_buf *b, uint32_t v)
{
	char digits[10];
	unsigned n = sizeof(digits);

	do {
		digits[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	console_buf_put(b, digits + n, sizeof(digits) - n);
}

void pvh_main(const struct hvm_start_info *si)
{
	const char *cmdline = (const char *)(uintptr_t)si->cmdline_paddr;
	/* On the stack, whose page is in use already: the first touch of a
	 * fresh BSS page took ~0.27 ms here, more than sending the text. */
	char text[512];
	struct console_buf b = { text, sizeof(text), 0 };
	size_t len = 0;

	post_code(0x40);
	SAY(&b, "Hello from the jiffy demo guest: ");
	say_number(&b, ram_mib(si));
	SAY(&b, " MiB of RAM, ");
	while (cmdline && cmdline[len])
		len++;
	if (len) {
		SAY(&b, "command line \"");
		console_buf_put(&b, cmdline, len);
		SAY(&b, "\".\n");
	} else {
		SAY(&b, "no command line (try --append).\n");
	}
	SAY(&b, "Booted through PVH; a reset now ends jiffy. "
		"Yours: jiffy --kernel FILE\n");
	console_buf_flush(&b);
	post_code(0x4f);
	outb(KBC_STATUS_PORT, KBC_CMD_RESET);

	/* Still here: this machine has no reset through the controller. */
	console_puts(
		"demo: the reset was ignored; leaving through the exit port\n");
	debug_exit(DEBUG_EXIT_FAIL);
}
