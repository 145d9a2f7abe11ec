/* demo.c: the guest jiffy boots when given no --kernel: says hello, shows its RAM and command line, resets. */
#include <stdint.h>

#include "abi/debug_ports.h"
#include "abi/e820.h"
#include "abi/pvh.h"
#include "rt/console.h"
#include "rt/x86io.h"

void pvh_main(const struct hvm_start_info *si);

/* RAM the memory map gives us, in KiB. */
static uint64_t ram_kib(const struct hvm_start_info *si, unsigned *entries)
{
	const struct hvm_memmap_table_entry *m =
		(const void *)(uintptr_t)si->memmap_paddr;
	uint64_t ram = 0;

	*entries =
		si->version >= 1 && si->memmap_paddr ? si->memmap_entries : 0;
	for (unsigned i = 0; i < *entries; i++)
		if (m[i].type == E820_RAM)
			ram += m[i].size;
	return ram >> 10;
}

void pvh_main(const struct hvm_start_info *si)
{
	const char *cmdline = (const char *)(uintptr_t)si->cmdline_paddr;
	unsigned entries;
	uint64_t kib;

	post_code(0x40);
	kib = ram_kib(si, &entries);
	cprintf("\nHello from the jiffy demo guest!\n");
	cprintf("  I was given %llu MiB of RAM (%llu KiB in %u memory-map entries)\n",
		(unsigned long long)(kib >> 10), (unsigned long long)kib,
		entries);
	if (cmdline && *cmdline)
		cprintf("  and the command line \"%s\".\n", cmdline);
	else
		cprintf("  and an empty command line (try --append).\n");
	cprintf("  I booted through PVH in 32-bit protected mode; now I reset the\n"
		"  machine (keyboard controller, port 0x64), which ends jiffy with status 0.\n"
		"  Boot your own kernel with: jiffy --kernel FILE [--initrd FILE] [--append TEXT]\n\n");
	post_code(0x4f);
	outb(KBC_STATUS_PORT, KBC_CMD_RESET);

	/* Still here: this machine has no reset through the controller. */
	cprintf("demo: the reset was ignored; leaving through the exit port\n");
	debug_exit(DEBUG_EXIT_FAIL);
}
