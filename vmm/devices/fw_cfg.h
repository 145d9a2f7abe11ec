/* fw_cfg.h: the fw_cfg device on ports 0x510-0x51b, filled like QEMU's pc
 * machine. */
#ifndef DEVICES_FW_CFG_H
#define DEVICES_FW_CFG_H

#include "core/vm.h"
#include "loaders/input.h"
#include "loaders/loader.h"

/* One --fw-cfg item, already parsed (lib/fw_cfg/opt.h). */
struct fw_cfg_item {
	const char *arg;    /* as given, for messages */
	const char *name;   /* opt/... */
	const char *file;   /* NULL for string= */
	const char *string; /* NULL for file= */
};

struct fw_cfg_request {
	struct input *kernel; /* NULL: no kernel items */
	struct input *initrd;
	const char *cmdline;
	const struct loaded_kernel *loaded; /* what the loader found */
	const struct fw_cfg_item *items;
	unsigned nitems;
	/* Under --bios: the ACPI tables as files and a table-loader
	 * script, as QEMU offers them, for the firmware to place. (jiffy's
	 * own firmware finds them placed in RAM instead.) */
	bool acpi;
};

/*
 * Create the device, put it on the port bus and fill it: the machine items
 * QEMU's pc machine has (RAM, CPUs, etc/e820, ...), the kernel, initrd and
 * command line items for a given kernel (borrowing the input mappings, so
 * nothing is copied), the ACPI tables if asked, and the --fw-cfg items (files mapped, not read).
 * Prints one line per refusal and returns a STATUS_*.
 */
int fw_cfg_create(struct vm *vm, const struct fw_cfg_request *req);

#endif
