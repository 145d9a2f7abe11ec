/* main.c: jiffy firmware: fw_cfg, memory map, ACPI tables, then the kernel. */
#include "abi/debug_ports.h"
#include "fw.h"
#include "rt/console.h"

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
	fw_cfg_start(st);
	post_code(POST_FW_CFG_READY);
	fw_memmap_read(st);
	fw_acpi_load(st);
	fw_memmap_build(st);
	fw_boot(st);
}
