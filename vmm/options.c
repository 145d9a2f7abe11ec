/* options.c: getopt_long over jiffy's options; one line per mistake. */
#include "options.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/layout.h"
#include "core/vm.h"
#include "fw_cfg/opt.h"
#include "util/size.h"
#include "version.h"

enum { OPT_MODULE = 0x100, OPT_FIRMWARE, OPT_BIOS }; /* long-only options */

static const struct option longopts[] = {
	{ "kernel", required_argument, NULL, 'k' },
	{ "initrd", required_argument, NULL, 'i' },
	{ "append", required_argument, NULL, 'a' },
	{ "module", required_argument, NULL, OPT_MODULE },
	{ "memory", required_argument, NULL, 'm' },
	{ "cpus", required_argument, NULL, 'c' },
	{ "fw-cfg", required_argument, NULL, 'f' },
	{ "firmware", no_argument, NULL, OPT_FIRMWARE },
	{ "bios", required_argument, NULL, OPT_BIOS },
	{ "trace", no_argument, NULL, 't' },
	{ "debug", no_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void usage(void)
{
	printf("Usage: jiffy [OPTION]...\n"
	       "Start a KVM virtual machine and boot a kernel in it, in milliseconds.\n"
	       "With no --kernel, jiffy boots a small demo guest built into it (with\n"
	       "--bios, no kernel at all: the firmware decides).\n"
	       "\n"
	       "  -k, --kernel FILE    kernel: a Linux bzImage, an ELF kernel with a PVH\n"
	       "                       (Xen PHYS32_ENTRY) note such as vmlinux, or a\n"
	       "                       multiboot kernel (tried before ELF, as QEMU does)\n"
	       "  -i, --initrd FILE    initial ramdisk; for a multiboot kernel, modules in\n"
	       "                       QEMU's spelling \"FILE ARGS,FILE,...\" (,, is a comma)\n"
	       "      --module FILE[,ARGS]\n"
	       "                       a multiboot module and its arguments; repeatable\n"
	       "  -a, --append TEXT    kernel command line\n"
	       "  -m, --memory SIZE    guest RAM, default %llu M; K, M, G or T suffix,\n"
	       "                       a plain number is in MiB (%llu M to %llu G)\n"
	       "  -c, --cpus N         vCPUs, default 1 (1 to %u)\n"
	       "  -f, --fw-cfg name=opt/NAME,file=PATH | name=opt/NAME,string=TEXT\n"
	       "                       add a named fw_cfg item, as QEMU's -fw_cfg;\n"
	       "                       repeatable; files are mapped, not read\n"
	       "      --firmware       boot through jiffy's built-in firmware, which reads\n"
	       "                       kernel, initrd and command line from fw_cfg as QEMU\n"
	       "                       -bios firmware does (slower than the direct boot)\n"
	       "      --bios FILE      boot a PC firmware image instead (such as QEMU's\n"
	       "                       qboot.rom): a multiple of 64 KiB, at most 16 MiB,\n"
	       "                       mapped below 4 GiB; --kernel etc. go to fw_cfg\n"
	       "  -t, --trace          at exit, print a timeline of start-up phases and\n"
	       "                       guest progress codes (port 0x80) to stderr\n"
	       "  -d, --debug          log unassigned ports and unusual exits to stderr\n"
	       "  -h, --help           show this help and exit\n"
	       "  -V, --version        show the version and exit\n"
	       "\n"
	       "The guest's first serial port (COM1) is connected to standard input and\n"
	       "output. In a terminal, input is raw: Ctrl-C goes to the guest, and\n"
	       "Ctrl-A x quits jiffy (Ctrl-A Ctrl-A sends Ctrl-A).\n"
	       "\n"
	       "Exit status: 0 when the guest resets or powers off; (v << 1) | 1 when it\n"
	       "writes v to port 0xf4 (QEMU's isa-debug-exit); 2 for a bad option or\n"
	       "input file; 4 when KVM or the host fails; 8 when the guest faults.\n",
	       GUEST_RAM_DEFAULT >> 20, GUEST_RAM_MIN >> 20,
	       GUEST_RAM_MAX >> 30, VM_MAX_CPUS);
}

static bool parse_memory(const char *arg, struct config *cfg)
{
	const char *why;
	uint64_t bytes;

	if (parse_size(arg, &bytes, &why)) {
		fprintf(stderr, "jiffy: --memory '%s': %s\n", arg, why);
		return false;
	}
	if (bytes < GUEST_RAM_MIN || bytes > GUEST_RAM_MAX) {
		fprintf(stderr,
			"jiffy: --memory '%s': guest RAM must be between %llu MiB and %llu GiB\n",
			arg, GUEST_RAM_MIN >> 20, GUEST_RAM_MAX >> 30);
		return false;
	}
	cfg->memory = (bytes + 4095) & ~4095ull; /* whole pages */
	return true;
}

/* --fw-cfg, in QEMU's -fw_cfg syntax (lib/fw_cfg/opt.c). */
static bool parse_fw_cfg(const char *arg, struct config *cfg)
{
	struct fw_cfg_opt o;
	struct fw_cfg_item *items;

	if (fw_cfg_opt_parse(&o, arg)) {
		fprintf(stderr, "jiffy: --fw-cfg '%s': %s%s%s\n", arg,
			fw_cfg_opt_strerror(o.err), o.key ? ": " : "",
			o.key ? o.key : "");
		fw_cfg_opt_release(&o);
		return false;
	}
	if (o.name_outside_opt)
		fprintf(stderr,
			"jiffy: warning: --fw-cfg '%s': names outside opt/ belong to the VMM and firmware\n",
			arg);
	items = realloc(cfg->fw_cfg, (cfg->nfw_cfg + 1) * sizeof(*items));
	if (!items)
		return false;
	cfg->fw_cfg = items;
	/* The strings live in o.buf, kept for the life of the process. */
	items[cfg->nfw_cfg++] = (struct fw_cfg_item){
		.arg = arg, .name = o.name, .file = o.file, .string = o.string
	};
	return true;
}

static bool parse_cpus(const char *arg, struct config *cfg)
{
	long n;

	if (parse_count(arg, 1, VM_MAX_CPUS, &n)) {
		fprintf(stderr,
			"jiffy: --cpus '%s': give a number from 1 to %u\n", arg,
			VM_MAX_CPUS);
		return false;
	}
	cfg->cpus = (unsigned)n;
	return true;
}

/* At most argc modules: the list is sized once, on the first one. */
static bool add_module(const char *arg, int argc, struct config *cfg)
{
	if (!cfg->modules)
		cfg->modules = calloc((size_t)argc, sizeof(*cfg->modules));
	if (!cfg->modules) {
		fprintf(stderr, "jiffy: --module %s: out of memory\n", arg);
		return false;
	}
	cfg->modules[cfg->nmodules++] = arg;
	return true;
}

enum options_result options_parse(int argc, char **argv, struct config *cfg)
{
	int c;

	*cfg = (struct config){ .memory = GUEST_RAM_DEFAULT, .cpus = 1 };
	opterr = 0; /* our own one-line messages */
	while ((c = getopt_long(argc, argv, ":k:i:a:m:c:f:tdhV", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'k':
			cfg->kernel = optarg;
			break;
		case 'i':
			cfg->initrd = optarg;
			break;
		case 'a':
			cfg->append = optarg;
			break;
		case OPT_MODULE:
			if (!add_module(optarg, argc, cfg))
				return OPTIONS_EXIT_USAGE;
			break;
		case 'm':
			if (!parse_memory(optarg, cfg))
				return OPTIONS_EXIT_USAGE;
			break;
		case 'c':
			if (!parse_cpus(optarg, cfg))
				return OPTIONS_EXIT_USAGE;
			break;
		case 'f':
			if (!parse_fw_cfg(optarg, cfg))
				return OPTIONS_EXIT_USAGE;
			break;
		case OPT_FIRMWARE:
			cfg->firmware = true;
			break;
		case OPT_BIOS:
			cfg->bios = optarg;
			break;
		case 't':
			cfg->trace = true;
			break;
		case 'd':
			cfg->debug = true;
			break;
		case 'h':
			usage();
			return OPTIONS_EXIT_OK;
		case 'V':
			printf("jiffy %s\n", JIFFY_VERSION);
			return OPTIONS_EXIT_OK;
		case ':':
			fprintf(stderr,
				"jiffy: %s needs an argument (see jiffy --help)\n",
				argv[optind - 1]);
			return OPTIONS_EXIT_USAGE;
		default:
			if (optopt)
				fprintf(stderr,
					"jiffy: unknown option '-%c' (see jiffy --help)\n",
					optopt);
			else
				fprintf(stderr,
					"jiffy: unknown option '%s' (see jiffy --help)\n",
					argv[optind - 1]);
			return OPTIONS_EXIT_USAGE;
		}
	}
	if (cfg->firmware && cfg->bios) {
		fprintf(stderr,
			"jiffy: --firmware and --bios both name the firmware; give one\n");
		return OPTIONS_EXIT_USAGE;
	}
	if (optind < argc) {
		fprintf(stderr,
			"jiffy: unexpected argument '%s' (options take the form --kernel FILE; see jiffy --help)\n",
			argv[optind]);
		return OPTIONS_EXIT_USAGE;
	}
	return OPTIONS_RUN;
}
