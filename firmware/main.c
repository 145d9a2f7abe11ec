/* main.c: jiffy firmware: fw_cfg, memory map, ACPI tables, then the kernel. */
#include "abi/debug_ports.h"
#include "fw.h"
#include "rt/console.h"

#define FW_BOOTED 0x544f4f42u /* "BOOT" */

/*
 * A kernel that "reboots through the BIOS" (Linux does by default on a
 * hardware-reduced ACPI machine without EFI) jumps back to the reset
 * vector with memory as it left it: not a reset. Booting again over that
 * memory would hang or start a damaged kernel, so the firmware tells the
 * two apart, as SeaBIOS does with a flag in its shadowed data, by a flag
 * in its state (low memory Linux never allocates: it keeps its first
 * 64 KiB). Seen set, it is cleared and a real reset asked of the keyboard
 * controller: jiffy then exits with status 0, and QEMU resets the machine
 * with RAM kept, flag cleared, so the next pass boots.
 */
static void reset_if_rerun(struct fw_state *st)
{
	if (st->booted == FW_BOOTED) {
		st->booted = 0;
		fw_outb(KBC_STATUS_PORT, KBC_CMD_RESET);
		fw_panic("the keyboard controller did not reset the machine");
	}
	st->booted = FW_BOOTED;
}

/*
 * Reached from reset.S in 32-bit flat mode, seven real-mode instructions
 * after reset. Each step either finishes or panics with a reason; the
 * last one jumps into the kernel. Progress codes on port 0x80 let
 * `jiffy --trace` time each phase.
 */
void fw_main(void)
{
	struct fw_state *st = fw_state();

	post_code(POST_FW_START);
	reset_if_rerun(st);
	fw_cfg_start(st);
	post_code(POST_FW_CFG_READY);
	fw_memmap_read(st);
	fw_acpi_load(st);
	fw_memmap_build(st);
	fw_boot(st);
}
