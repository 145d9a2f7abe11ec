/* bzimage.h: bzImage kernels, 64-bit boot protocol: parse, place, zero page. */
#ifndef BOOT_BZIMAGE_H
#define BOOT_BZIMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/bootparam.h"
#include "boot/boot_error.h"
#include "boot/e820.h"

#define BZIMAGE_MIN_VERSION 0x020c /* 2.12: xloadflags, the 64-bit entry */

struct bzimage {
	const uint8_t *data;
	size_t size;
	struct setup_header hdr; /* copy of the file's header (0x1f1..) */
	size_t hdr_len;	   /* header bytes present in the file from 0x1f1 */
	size_t pm_offset;  /* file offset of the protected-mode code */
	size_t pm_size;	   /* its size: the rest of the file */
	uint64_t mem_size; /* bytes the kernel needs from its load address */
	uint64_t align;	   /* load alignment (kernel_alignment) */
};

/* True if the file carries a Linux setup header ("HdrS" at 0x202). */
bool bzimage_is_bzimage(const void *data, size_t size);

/*
 * Check a bzImage for direct 64-bit entry: boot flag, "HdrS", protocol
 * >= 2.12, XLF_KERNEL_64, LOADED_HIGH, setup and PM code inside the file,
 * a sane kernel_alignment. -ENOEXEC with err naming field and value.
 */
int bzimage_parse(struct bzimage *bz, const void *data, size_t size,
		  struct boot_error *err);

/*
 * Choose where the PM code goes: its preferred address (aligned) when
 * [load, load + mem_size) is RAM, else the lowest aligned RAM address at or
 * above 1 MiB that fits (relocatable kernels only). -ENOSPC with err.
 */
int bzimage_place(const struct bzimage *bz, const struct e820_map *m,
		  uint64_t *load, struct boot_error *err);

/* Highest byte + 1 an initrd may reach for this kernel. */
uint64_t bzimage_initrd_limit(const struct bzimage *bz);

/* Command line of len bytes (no NUL) acceptable? -E2BIG with err. */
int bzimage_check_cmdline(const struct bzimage *bz, size_t len,
			  struct boot_error *err);

struct bzimage_boot_args {
	uint64_t load_addr;
	uint64_t cmdline_addr;
	uint64_t initrd_addr;
	uint64_t initrd_size; /* 0: none */
	uint64_t rsdp_addr;   /* 0: none */
	uint8_t loader_type;  /* type_of_loader; 0: LOADER_TYPE_UNDEFINED */
	const struct e820_map *map;
};

/*
 * Build the zero page: all zero, the file's own setup header copied in,
 * then the loader's fields (type_of_loader, cmd_line_ptr, ramdisk, e820,
 * code32_start for the chosen load address). Maps with more than 128
 * entries are truncated (the caller keeps maps small).
 */
void bzimage_fill_zero_page(struct boot_params *bp, const struct bzimage *bz,
			    const struct bzimage_boot_args *args);

/*
 * Only the loader's fields of a zero page that already holds the setup
 * header and zeros elsewhere (what firmware gets from QEMU's SETUP_DATA):
 * type_of_loader, code32_start, cmd_line_ptr, ramdisk, hardware_subarch,
 * acpi_rsdp_addr and the e820 table, with their ext_ halves.
 */
void bzimage_set_boot_args(struct boot_params *bp,
			   const struct bzimage_boot_args *args);

#endif
