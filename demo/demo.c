/* demo.c: the guest jiffy boots without --kernel: hello, RAM, command line, reset. */
#include <stdint.h>

#include "abi/debug_ports.h"
#include "abi/e820.h"
#include "abi/pvh.h"
#include "rt/console.h"
#include "rt/x86io.h"

void pvh_main(const struct hvm_start_info *si);

/*
 * Every guest instruction is emulated on some hosts (about a million a
 * second on the development machines), so the demo is frugal: constant
 * text goes to the UART as is (one rep outsb per FIFO's worth) and only
 * the RAM size is formatted.
 */
#define SAY(lit) console_write(lit, sizeof(lit) - 1)

/* MiB of RAM in the PVH memory map. */
static uint32_t ram_mib(const struct hvm_start_info *si)
{
	const struct hvm_memmap_table_entry *m =
		(const void *)(uintptr_t)si->memmap_paddr;
	uint64_t ram = 0;

	for (uint32_t i = 0; i < si->memmap_entries; i++)
		if (m[i].type == E820_RAM)
			ram += m[i].size;
	return (uint32_t)(ram >> 20);
}

static void say_number(uint32_t v)
{
	char digits[10];
	unsigned n = sizeof(digits);

	do {
		digits[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	console_write(digits + n, sizeof(digits) - n);
}

void pvh_main(const struct hvm_start_info *si)
{
	const char *cmdline = (const char *)(uintptr_t)si->cmdline_paddr;
	unsigned len = 0;

	post_code(0x40);
	SAY("\nHello from the jiffy demo guest! I have ");
	say_number(ram_mib(si));
	SAY(" MiB of RAM and ");
	while (cmdline && cmdline[len])
		len++;
	if (len) {
		SAY("the command line \"");
		console_write(cmdline, len);
		SAY("\".\n");
	} else {
		SAY("an empty command line (try --append).\n");
	}
	SAY("I booted through PVH; now I reset the machine, which ends jiffy.\n"
	    "Boot your own kernel: jiffy --kernel FILE [--initrd FILE] [--append TEXT]\n\n");
	post_code(0x4f);
	outb(KBC_STATUS_PORT, KBC_CMD_RESET);

	/* Still here: this machine has no reset through the controller. */
	SAY("demo: the reset was ignored; leaving through the exit port\n");
	debug_exit(DEBUG_EXIT_FAIL);
}
