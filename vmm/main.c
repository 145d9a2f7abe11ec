/* main.c: jiffy: options, inputs, memory, loaders, KVM, vCPUs, run; exits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "boot/detect.h"
#include "core/eventloop.h"
#include "core/kvm.h"
#include "core/memory.h"
#include "core/vcpu.h"
#include "devices/acpi_pm.h"
#include "devices/debug_ports.h"
#include "devices/fw_cfg.h"
#include "devices/legacy.h"
#include "devices/serial.h"
#include "exit_fast.h"
#include "loaders/loader.h"
#include "options.h"
#include "status.h"
#include "terminal.h"
#include "trace.h"

/* The demo guest and the firmware linked into jiffy (demo/, firmware/). */
extern const unsigned char jiffy_demo_elf[];
extern const unsigned char jiffy_demo_elf_end[];
extern const unsigned char jiffy_firmware[];
extern const unsigned char jiffy_firmware_end[];

static int open_inputs(const struct config *cfg, struct input *kernel,
		       struct input *initrd, struct load_request *req)
{
	int ret;

	if (cfg->kernel) {
		ret = input_open(kernel, "--kernel", cfg->kernel);
		if (ret)
			return ret;
	} else if (cfg->bios) {
		/* Someone else's firmware: no kernel unless given one. */
		req->kernel = NULL;
		if (cfg->initrd || cfg->nmodules) {
			fprintf(stderr,
				"jiffy: --initrd and --module need a --kernel\n");
			return STATUS_USAGE;
		}
		return 0;
	} else {
		input_builtin(kernel, "demo guest", jiffy_demo_elf,
			      (size_t)(jiffy_demo_elf_end - jiffy_demo_elf));
	}
	req->format = kernel_detect(kernel->data, kernel->size);
	if (!cfg->initrd)
		return 0;
	/* A multiboot kernel's --initrd is a module list (QEMU's spelling),
	 * which its loader opens. */
	if (req->format == KERNEL_MULTIBOOT) {
		req->initrd_list = cfg->initrd;
		return 0;
	}
	req->initrd = initrd;
	return input_open(initrd, "--initrd", cfg->initrd);
}

/* The ROM: jiffy's own, or --bios FILE (kept mapped for the VM's life). */
static int open_firmware(const struct config *cfg, struct input *rom)
{
	int ret;

	if (!cfg->bios) {
		input_builtin(rom, "built-in firmware", jiffy_firmware,
			      (size_t)(jiffy_firmware_end - jiffy_firmware));
		return 0;
	}
	ret = input_open(rom, "--bios", cfg->bios);
	return ret ? ret : firmware_check_image(rom);
}

static int create_devices(struct vm *vm, struct event_loop *loop,
			  struct serial **com1,
			  const struct fw_cfg_request *fw_cfg)
{
	*com1 = serial_create(vm, loop, STDIN_FILENO, STDOUT_FILENO,
			      isatty(STDIN_FILENO));
	if (!*com1 || debug_ports_create(vm) || legacy_create(vm) ||
	    acpi_pm_create(vm)) {
		fprintf(stderr, "jiffy: cannot create the devices\n");
		return STATUS_HOST;
	}
	return fw_cfg_create(vm, fw_cfg);
}

/*
 * The order is chosen for start-up time: everything that is host work
 * (files, guest RAM, loading) happens before KVM is involved, and memory
 * slots are registered before the in-kernel irqchip exists (see
 * kvm_create_irqchip). Bad input is refused before KVM is even opened.
 */
static int build_vm(struct vm *vm, const struct config *cfg,
		    struct event_loop *loop, struct serial **com1)
{
	struct input kernel, initrd, rom;
	struct loaded_kernel loaded = { .kind = LOADED_NONE };
	bool firmware = cfg->firmware || cfg->bios;
	struct load_request req = {
		.kernel = &kernel,
		.cmdline = cfg->append ? cfg->append : "",
		.loaded = &loaded,
		.modules = cfg->modules,
		.nmodules = cfg->nmodules,
	};
	struct fw_cfg_request fw_cfg = {
		.kernel = cfg->kernel ? &kernel : NULL,
		.cmdline = req.cmdline,
		.loaded = &loaded,
		.items = cfg->fw_cfg,
		.nitems = cfg->nfw_cfg,
		/* QEMU's way, for someone else's firmware; jiffy's own
		 * finds the tables in RAM (firmware_load). */
		.acpi = cfg->bios != NULL,
	};
	int ret;

	vm->ncpus = cfg->cpus;
	vm->debug = cfg->debug;
	bus_init(&vm->pio);
	bus_init(&vm->mmio);
	vm->stop_fd = eventfd(0, EFD_CLOEXEC);
	if (vm->stop_fd < 0)
		return STATUS_HOST;

	kvm_prefetch(vm);
	ret = open_inputs(cfg, &kernel, &initrd, &req);
	fw_cfg.initrd = req.initrd; /* none for a multiboot kernel */
	if (!ret && firmware)
		ret = open_firmware(cfg, &rom);
	if (!ret)
		ret = memory_init(vm, cfg->memory);
	if (ret)
		return ret;
	trace_phase("memory ready");
	if (firmware) {
		/* The firmware reads the kernel from fw_cfg, as from QEMU. */
		fw_cfg.kernel = req.kernel;
		ret = firmware_load(vm, &req, rom.data, rom.size, !cfg->bios);
	} else {
		ret = load_guest(vm, &req);
	}
	if (ret)
		return ret;
	ret = kvm_create_vm(vm);
	if (!ret)
		ret = memory_register(vm);
	if (!ret)
		ret = kvm_create_irqchip(vm);
	if (ret)
		return ret;
	trace_phase("KVM ready");
	ret = create_devices(vm, loop, com1, &fw_cfg);
	if (!ret)
		ret = kvm_wait_cpuid(vm);
	if (!ret)
		ret = vcpus_create(vm);
	if (!ret)
		trace_phase("vCPUs ready");
	return ret;
}

static int run(const struct config *cfg)
{
	static struct vm vm;
	struct event_loop loop;
	struct serial *com1 = NULL;
	int ret;

	loop_init(&loop);
	ret = build_vm(&vm, cfg, &loop, &com1);
	if (ret)
		return ret;
	terminal_raw(STDIN_FILENO); /* only if it is a terminal */
	ret = vcpus_start(&vm);
	if (ret)
		return ret;
	ret = loop_run(&loop, &vm);
	serial_flush(com1);
	trace_phasef("guest exit: %s, status %d",
		     vm.stop_reason ? vm.stop_reason : "?", ret);
	return ret;
}

int main(int argc, char **argv)
{
	struct config cfg;
	int status;

	switch (options_parse(argc, argv, &cfg)) {
	case OPTIONS_EXIT_OK:
		return 0;
	case OPTIONS_EXIT_USAGE:
		return STATUS_USAGE;
	case OPTIONS_RUN:
		break;
	}
	if (cfg.trace)
		trace_enable();
	status = run(&cfg);
	terminal_restore();
	trace_print(stderr);
	fflush(stdout);
	fflush(stderr);
	exit_fast(status);
}
