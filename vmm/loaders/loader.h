/* loader.h: kernel, initrd and command line into the guest; the entry. */
#ifndef LOADERS_LOADER_H
#define LOADERS_LOADER_H

#include "boot/detect.h"
#include "core/vm.h"
#include "loaders/input.h"
#include "platform/acpi.h"

struct fw_cfg_x86_multiboot;

/* What the loader found, for the devices that describe it (fw_cfg). */
struct loaded_kernel {
	enum {
		LOADED_NONE,
		LOADED_BZIMAGE,
		LOADED_PVH,
		LOADED_MULTIBOOT, /* only for firmware: packed, not loaded */
	} kind;
	uint32_t entry;	 /* PVH, multiboot: the entry */
	uint64_t lo, hi; /* PVH: physical span of the segments */
	const struct fw_cfg_x86_multiboot *multiboot; /* QEMU's hand-over */
	/* Files mapped into the multiboot image (its modules), for fw_cfg's
	 * DMA to map on into the guest. */
	const struct input *mapped;
	unsigned nmapped;
};

struct load_request {
	struct input *kernel;
	/* kernel_detect(kernel), done once by whoever opened it (the
	 * --initrd spelling depends on it); KERNEL_UNKNOWN without one. */
	enum kernel_format format;
	struct input *initrd;	      /* NULL: none (or a multiboot kernel's) */
	const char *cmdline;	      /* never NULL; "" for none */
	struct loaded_kernel *loaded; /* filled by the loader */
	/* Multiboot modules: --initrd as given (QEMU's list spelling; NULL:
	 * none), then each --module FILE[,ARGS]. */
	const char *initrd_list;
	const char *const *modules;
	unsigned nmodules;
};

/*
 * Load the kernel (by req->format), the initrd and the command line,
 * filling vm->entry. Every refusal prints one line naming the file, the
 * field and the value, and returns STATUS_USAGE; 0 on success.
 */
int load_guest(struct vm *vm, const struct load_request *req);

/*
 * Boot through firmware instead (--firmware, --bios): map the ROM (size a
 * multiple of 64 KiB, page-aligned memory that outlives the VM), start the
 * boot CPU at the reset vector, and leave the kernel as QEMU's -kernel
 * leaves it for firmware: a PVH ELF loaded by its segments, anything else
 * only described (fw_cfg_create then puts it in fw_cfg). req->kernel may
 * be NULL: no kernel. Refusals as load_guest.
 *
 * own: jiffy's built-in firmware (--firmware). Its ROM is seen read-only
 * below 1 MiB, and jiffy writes the ACPI tables into RAM at 0xe0000 as for
 * a direct boot: the host builds them at full speed, where the firmware's
 * table loader would cost thousands of emulated guest instructions.
 * Otherwise (--bios) the ROM gets a writable shadow copy below 1 MiB, as a
 * BIOS makes itself, and the tables are left to the firmware, which QEMU's
 * way gets them through fw_cfg (fw_cfg_request.acpi).
 */
int firmware_load(struct vm *vm, const struct load_request *req,
		  const uint8_t *rom, uint64_t size, bool own);
/* A --bios image jiffy can map: prints why not and returns STATUS_USAGE. */
int firmware_check_image(const struct input *rom);

/* Per-format loaders (kernel format already detected). */
int pvh_load(struct vm *vm, const struct load_request *req);
/* Only the kernel of a PVH ELF: its segments, and req->loaded. */
struct pvh_kernel;
int pvh_load_kernel(struct vm *vm, const struct load_request *req,
		    struct pvh_kernel *k);
int bzimage_load(struct vm *vm, const struct load_request *req);
int multiboot_load(struct vm *vm, const struct load_request *req);
/* For firmware: QEMU's packed multiboot hand-over into req->loaded. */
int multiboot_describe(struct vm *vm, const struct load_request *req);

/*
 * A kernel that is no multiboot kernel but carries a damaged multiboot
 * header (bad checksum, cut off, beyond 8 KiB): print why and return
 * STATUS_USAGE. 0 when there is nothing to say.
 */
int multiboot_explain(const struct input *kernel);

/* Shared steps. */
int loader_put_cmdline(struct vm *vm, const char *cmdline, uint64_t *addr);
/*
 * Place the initrd page-aligned as high as possible in RAM within
 * [lo, hi) and load it. *addr and *size are 0 when there is none.
 */
int loader_put_initrd(struct vm *vm, struct input *initrd, uint64_t lo,
		      uint64_t hi, uint64_t *addr, uint64_t *size);
/*
 * The MP table alone: what jiffy adds under any firmware (a BIOS owns the
 * BIOS area and the reset vector).
 */
int loader_put_mptable(struct vm *vm);
/* The ACPI tables at 0xe0000, RSDP first: for direct boots and jiffy's
 * own firmware, which finds them there by the legacy RSDP scan. */
int loader_put_acpi(struct vm *vm);
/* The MP table, the ACPI tables and the reset vector, for direct boots. */
int loader_put_tables(struct vm *vm);
/*
 * The machine the ACPI tables describe: the ones at 0xe0000 (direct boot,
 * --firmware) and the ones fw_cfg offers --bios firmware
 * (vmm/devices/fw_cfg.c) are the same.
 */
struct acpi_config loader_acpi_config(const struct vm *vm);
/* Report a lib/boot refusal: "jiffy: FILE: message". */
int loader_refuse(const struct input *in, const char *msg);

#endif
