/* x86.h: filling a fw_cfg device the way QEMU 7.2's x86 `pc` machine does. */
#ifndef FW_CFG_X86_H
#define FW_CFG_X86_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/e820.h"
#include "boot/multiboot.h"
#include "fw_cfg/dev.h"

/* QEMU pc's acpi_data_size: room kept below the top of low RAM. */
#define FW_CFG_X86_ACPI_DATA_SIZE 0x28000u
/* What QEMU hands over of a PVH kernel's head in SETUP_DATA. */
#define FW_CFG_X86_PVH_HEAD 8192u

/* QEMU's multiboot hand-over (hw/i386/multiboot.c): fixed low places. */
#define FW_CFG_X86_MBI_ADDR	0x9500u /* INITRD_ADDR: the information */
#define FW_CFG_X86_MBI_SIZE	88u	/* up to the vbe_* fields */
#define FW_CFG_X86_MB_MMAP_ADDR 0x9000u /* where firmware puts the map */

enum fw_cfg_x86_kernel_kind {
	FW_CFG_X86_NO_KERNEL,
	FW_CFG_X86_LINUX,     /* bzImage (or an old zImage: no "HdrS") */
	FW_CFG_X86_PVH,	      /* ELF with a Xen PVH note, loaded by the VMM */
	FW_CFG_X86_MULTIBOOT, /* multiboot, packed (fw_cfg_x86_mb_pack) */
};

/* A PVH kernel as the VMM's ELF loader found it. */
struct fw_cfg_x86_pvh {
	uint32_t entry; /* XEN_ELFNOTE_PHYS32_ENTRY */
	uint64_t lo;    /* lowest PT_LOAD physical address */
	uint64_t hi;    /* highest PT_LOAD physical address + memsz */
};

/*
 * A multiboot kernel as QEMU hands it over: KERNEL_DATA is one image for
 * [addr, addr + size) holding the kernel, the module list, the strings
 * and the modules (borrowed, not copied); INITRD_DATA the information,
 * INITRD_ADDR FW_CFG_X86_MBI_ADDR; KERNEL_ENTRY the entry.
 */
struct fw_cfg_x86_multiboot {
	uint32_t entry, addr;
	const void *image;
	size_t size;
	uint8_t info[FW_CFG_X86_MBI_SIZE];
};

struct fw_cfg_x86_config {
	uint64_t ram_below_4g; /* bytes of RAM from 0 */
	uint64_t ram_above_4g; /* bytes of RAM from 4 GiB */
	uint16_t boot_cpus;
	uint16_t apic_id_limit; /* FW_CFG_MAX_CPUS; 0: boot_cpus */
	/* etc/e820, entries in QEMU's order (insertion order, unsorted). */
	const struct e820_entry *e820;
	unsigned e820_entries;
	const uint8_t *uuid; /* 16 bytes; NULL: zeros, as without -uuid */
	bool nographic;
	uint32_t acpi_data_size; /* 0: FW_CFG_X86_ACPI_DATA_SIZE */

	enum fw_cfg_x86_kernel_kind kernel_kind;
	const void *kernel; /* the whole file */
	size_t kernel_size;
	struct fw_cfg_x86_pvh pvh;
	const struct fw_cfg_x86_multiboot *multiboot;
	const void *initrd; /* NULL: no initrd */
	size_t initrd_size;
	const char *cmdline; /* NULL: empty, as QEMU without -append */
	/* KERNEL_DATA and INITRD_DATA borrow kernel and initrd (for the
	 * VMM's read-only mmaps) instead of copying them. */
	bool borrow;
};

/* What was decided, for the VMM's loader and for tests. */
struct fw_cfg_x86_boot {
	uint16_t protocol; /* boot protocol, 0 for PVH and zImage */
	uint32_t setup_addr, setup_size;
	uint32_t kernel_addr, kernel_size;
	uint32_t cmdline_addr; /* 0 for PVH (QEMU sets no CMDLINE_ADDR) */
	uint32_t initrd_addr, initrd_max;
	const char *error; /* on failure: what is wrong, for the message */
};

/*
 * Add the items QEMU's pc machine has for these inputs: UUID, RAM_SIZE,
 * NOGRAPHIC, NB_CPUS, NUMA, BOOT_MENU, MAX_CPUS, IRQ0_OVERRIDE,
 * etc/boot-fail-wait, etc/e820, and with a kernel the KERNEL_*, SETUP_*,
 * CMDLINE_*, INITRD_* items (bzImage split and header patched, or PVH
 * entry and span). Returns 0, or -EINVAL (bad config), -ENOEXEC (a kernel
 * QEMU refuses), -E2BIG (initrd too large), -EFBIG, -ENOMEM, -EEXIST
 * (an item already there), with out->error saying why.
 *
 * Left out, and why: ACPI_TABLES (0x8000: empty without -acpitable, which
 * reads like an absent key); HPET (0x8004: jiffy has no HPET, and zeros
 * mean "count 0"); the files bootorder and bios-geometry (SeaBIOS boot
 * devices: jiffy has none), etc/acpi/... and etc/table-loader (jiffy
 * adds its own ACPI tables this way under firmware: vmm/devices/fw_cfg.c),
 * etc/smbios/..., etc/system-states and etc/tpm/log (QEMU-generated
 * firmware tables), genroms/... (option ROMs: jiffy's firmware boots
 * the kernel itself), etc/boot-menu-wait and bootsplash.* (only with -boot
 * options).
 */
int fw_cfg_x86_populate(struct fw_cfg_dev *d,
			const struct fw_cfg_x86_config *cfg,
			struct fw_cfg_x86_boot *out);

/* A multiboot module for packing: its bytes and its string. */
struct fw_cfg_x86_mb_module {
	const void *data;
	size_t size;
	const char *string; /* "FILE ARGS"; NULL: none */
};

/* What the packed image is made of (the kernel parsed by lib/boot). */
struct fw_cfg_x86_mb_input {
	const void *file;
	size_t file_size;
	const struct mb_kernel *k;
	const char *kernel_path; /* the command line is "PATH APPEND" */
	const char *append;
	const char *loader_name;
	const struct fw_cfg_x86_mb_module *mods;
	unsigned nmods;
};

/*
 * QEMU's layout: the kernel's span [k->lo, k->hi) page-aligned, then the
 * module list, the command lines and the loader name, page-aligned, then
 * each module page-aligned. fw_cfg_x86_mb_size says how many bytes that
 * is (0 if it does not fit below 4 GiB); fw_cfg_x86_mb_pack writes it into
 * image, which must be that large and zero-filled, and fills mb: entry,
 * addr, image and size, and the information (flags 0x24f, boot device
 * 0x8000ffff, command line, modules, loader name, memory map at
 * FW_CFG_X86_MB_MMAP_ADDR; the memory fields are the firmware's to fill).
 */
uint64_t fw_cfg_x86_mb_size(const struct fw_cfg_x86_mb_input *in);
void fw_cfg_x86_mb_pack(void *image, const struct fw_cfg_x86_mb_input *in,
			struct fw_cfg_x86_multiboot *mb);
/*
 * Where module i starts in the image (a page multiple). A VMM may map a
 * module's file there before packing and pass image + that offset as the
 * module's data: pack then leaves those bytes alone.
 */
uint64_t fw_cfg_x86_mb_module_offset(const struct fw_cfg_x86_mb_input *in,
				     unsigned i);

#endif
