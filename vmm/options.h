/* options.h: jiffy's command line, parsed into a configuration. */
#ifndef VMM_OPTIONS_H
#define VMM_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/fw_cfg.h"

struct config {
	const char *kernel;   /* NULL: the built-in demo guest */
	const char *initrd;   /* a multiboot kernel's module list, QEMU-style */
	const char **modules; /* --module FILE[,ARGS], in order */
	unsigned nmodules;
	const char *append;
	uint64_t memory;
	unsigned cpus;
	bool firmware;	  /* --firmware: boot through the built-in firmware */
	const char *bios; /* --bios FILE: boot through this firmware image */
	bool trace;
	bool debug;
	struct fw_cfg_item *fw_cfg; /* --fw-cfg, in the order given */
	unsigned nfw_cfg;
};

enum options_result { OPTIONS_RUN, OPTIONS_EXIT_OK, OPTIONS_EXIT_USAGE };

/*
 * Parse argv. Prints --help/--version output, or one line per error, and
 * says whether to run, exit 0, or exit with STATUS_USAGE.
 */
enum options_result options_parse(int argc, char **argv, struct config *cfg);

#endif
