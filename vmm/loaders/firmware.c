/* firmware.c: booting through firmware: the ROM mapped as on a PC, the kernel left for fw_cfg as QEMU's -kernel leaves it. */
#include <stdio.h>

#include "boot/pvh.h"
#include "core/layout.h"
#include "core/memory.h"
#include "loaders/loader.h"
#include "status.h"
#include "trace.h"

#define ROM_UNIT (64 * KiB)

int firmware_check_image(const struct input *rom)
{
	if (!rom->size || rom->size % ROM_UNIT || rom->size > ROM_MAX) {
		fprintf(stderr,
			"jiffy: --bios %s: %zu bytes; a PC firmware image is a non-zero multiple of 64 KiB, at most %llu MiB\n",
			rom->name, rom->size, ROM_MAX >> 20);
		return STATUS_USAGE;
	}
	/* KVM maps the pages themselves: a file read from a pipe sits in
	 * heap memory, not on a page boundary. */
	if ((uintptr_t)rom->data % 4096) {
		fprintf(stderr,
			"jiffy: --bios %s: cannot be mapped (a pipe?); give a regular file\n",
			rom->name);
		return STATUS_USAGE;
	}
	return 0;
}

int firmware_load(struct vm *vm, const struct load_request *req,
		  const uint8_t *rom, uint64_t size, bool own)
{
	bool shadow = !own;
	enum kernel_format f = req->format;
	struct pvh_kernel k;
	int ret;

	ret = memory_add_rom(vm, rom, size, shadow);
	if (ret)
		return ret;
	vm->entry = (struct boot_entry){ .mode = ENTRY_RESET };
	if (req->nmodules && f != KERNEL_MULTIBOOT) {
		fprintf(stderr,
			"jiffy: --module %s: modules are for multiboot kernels%s\n",
			req->modules[0],
			req->kernel ? ", and --kernel is not one"
				    : ", and there is no --kernel");
		return STATUS_USAGE;
	}
	switch (f) {
	case KERNEL_ELF:
		/* QEMU loads a PVH ELF itself and tells firmware where. */
		ret = pvh_load_kernel(vm, req, &k);
		break;
	case KERNEL_MULTIBOOT:
		ret = multiboot_describe(vm, req);
		break;
	default:
		/* A bzImage, or what QEMU would hand over as an old zImage:
		 * fw_cfg gets it split, the firmware decides. */
		if (req->kernel)
			req->loaded->kind = LOADED_BZIMAGE;
		break;
	}
	trace_phasef("firmware ROM mapped (%llu KiB%s)",
		     (unsigned long long)(size >> 10),
		     shadow ? ", shadowed below 1 MiB" : "");
	/* jiffy's MP table at 0x9fc00, which the firmware keeps reserved. */
	if (!ret)
		ret = loader_put_mptable(vm);
	/* Its own firmware finds the ACPI tables where a direct boot's are
	 * (and reserves that area): built here, no guest work at all. */
	return ret || !own ? ret : loader_put_acpi(vm);
}
