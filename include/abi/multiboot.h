/* multiboot.h: Multiboot v1 (spec 0.6.96): header, info, modules, mmap. */
#ifndef ABI_MULTIBOOT_H
#define ABI_MULTIBOOT_H

#include "abi/abi.h"

/* The OS image header: 4-byte aligned, wholly inside the first 8 KiB. */
#define MULTIBOOT_HEADER_MAGIC	   0x1badb002u
#define MULTIBOOT_SEARCH	   8192u
#define MULTIBOOT_HEADER_ALIGN	   4u
#define MULTIBOOT_BOOTLOADER_MAGIC 0x2badb002u /* EAX at the kernel's entry */

/*
 * Header flags. Bits 0-15 are requirements: a loader that does not know
 * one must refuse the image. Bits 16-31 are optional features.
 */
#define MULTIBOOT_PAGE_ALIGN	(1u << 0)  /* modules on 4 KiB boundaries */
#define MULTIBOOT_MEMORY_INFO	(1u << 1)  /* mem_* (and mmap) wanted */
#define MULTIBOOT_VIDEO_MODE	(1u << 2)  /* video mode fields valid */
#define MULTIBOOT_AOUT_KLUDGE	(1u << 16) /* address fields valid */
#define MULTIBOOT_REQUIRED_MASK 0x0000ffffu

/* Header sizes: the fields present depend on the flags. */
#define MULTIBOOT_HEADER_MIN_SIZE   12 /* magic, flags, checksum */
#define MULTIBOOT_HEADER_ADDR_SIZE  32 /* ... + the a.out kludge fields */
#define MULTIBOOT_HEADER_VIDEO_SIZE 48 /* ... + the video mode fields */

/* Boot information flags: which fields of struct multiboot_info are valid. */
#define MULTIBOOT_INFO_MEMORY		(1u << 0)
#define MULTIBOOT_INFO_BOOTDEV		(1u << 1)
#define MULTIBOOT_INFO_CMDLINE		(1u << 2)
#define MULTIBOOT_INFO_MODS		(1u << 3)
#define MULTIBOOT_INFO_AOUT_SYMS	(1u << 4)
#define MULTIBOOT_INFO_ELF_SHDR		(1u << 5)
#define MULTIBOOT_INFO_MEM_MAP		(1u << 6)
#define MULTIBOOT_INFO_DRIVE_INFO	(1u << 7)
#define MULTIBOOT_INFO_CONFIG_TABLE	(1u << 8)
#define MULTIBOOT_INFO_BOOT_LOADER_NAME (1u << 9)
#define MULTIBOOT_INFO_APM_TABLE	(1u << 10)
#define MULTIBOOT_INFO_VBE_INFO		(1u << 11)
#define MULTIBOOT_INFO_FRAMEBUFFER_INFO (1u << 12)

/* Memory map entry types (the E820 / ACPI address-range types). */
#define MULTIBOOT_MEMORY_AVAILABLE 1
#define MULTIBOOT_MEMORY_RESERVED  2

/* Offsets of struct multiboot_info fields, for assembly. */
#define MBI_FLAGS	     0
#define MBI_MEM_LOWER	     4
#define MBI_MEM_UPPER	     8
#define MBI_CMDLINE	     16
#define MBI_MODS_COUNT	     20
#define MBI_MODS_ADDR	     24
#define MBI_MMAP_LENGTH	     44
#define MBI_MMAP_ADDR	     48
#define MBI_BOOT_LOADER_NAME 64

#ifndef __ASSEMBLY__
struct multiboot_header {
	uint32_t magic;
	uint32_t flags;
	uint32_t checksum; /* magic + flags + checksum == 0 (mod 2^32) */
	/* MULTIBOOT_AOUT_KLUDGE: where the file goes (physical addresses) */
	uint32_t header_addr;	/* where this header itself is loaded */
	uint32_t load_addr;	/* where the text starts (<= header_addr) */
	uint32_t load_end_addr; /* end of the loaded bytes; 0: end of file */
	uint32_t bss_end_addr;	/* end of zeroed memory; 0: no BSS */
	uint32_t entry_addr;
	/* MULTIBOOT_VIDEO_MODE */
	uint32_t mode_type; /* 0 linear graphics, 1 EGA text */
	uint32_t width;
	uint32_t height;
	uint32_t depth;
};
ABI_CHECK_SIZE(struct multiboot_header, MULTIBOOT_HEADER_VIDEO_SIZE);
ABI_CHECK_OFFSET(struct multiboot_header, entry_addr, 28);

/*
 * Boot information, pointed to by EBX at entry. Every address is
 * physical and 32-bit. Loaders such as QEMU hand over the first 88 bytes
 * (up to vbe_*); the framebuffer part is valid only with its flag.
 */
struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower; /* KiB of RAM from 0 (at most 640) */
	uint32_t mem_upper; /* KiB of RAM from 1 MiB to the first hole */
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count;
	uint32_t mods_addr;
	uint32_t syms[4];     /* a.out symbol table or ELF section headers */
	uint32_t mmap_length; /* bytes, including every size field */
	uint32_t mmap_addr;
	uint32_t drives_length;
	uint32_t drives_addr;
	uint32_t config_table;
	uint32_t boot_loader_name;
	uint32_t apm_table;
	uint32_t vbe_control_info;
	uint32_t vbe_mode_info;
	uint16_t vbe_mode;
	uint16_t vbe_interface_seg;
	uint16_t vbe_interface_off;
	uint16_t vbe_interface_len;
	uint64_t framebuffer_addr;
	uint32_t framebuffer_pitch;
	uint32_t framebuffer_width;
	uint32_t framebuffer_height;
	uint8_t framebuffer_bpp;
	uint8_t framebuffer_type;
	uint8_t color_info[6];
} ABI_PACKED;
ABI_CHECK_SIZE(struct multiboot_info, 116);
ABI_CHECK_OFFSET(struct multiboot_info, mmap_length, MBI_MMAP_LENGTH);
ABI_CHECK_OFFSET(struct multiboot_info, boot_loader_name, MBI_BOOT_LOADER_NAME);
ABI_CHECK_OFFSET(struct multiboot_info, framebuffer_addr, 88);

/* A module: bytes [mod_start, mod_end), and its string (0: none). */
struct multiboot_module {
	uint32_t mod_start;
	uint32_t mod_end;
	uint32_t string;
	uint32_t reserved; /* 0 */
};
ABI_CHECK_SIZE(struct multiboot_module, 16);

/*
 * A memory map entry. The quirk: size counts the bytes after itself (20
 * here, possibly more from other loaders), so the next entry starts at
 * (char *)entry + size + 4, and the fields the spec documents begin at
 * the entry's offset 4. mmap_length covers every entry with its size.
 */
struct multiboot_mmap_entry {
	uint32_t size;
	uint64_t addr;
	uint64_t len;
	uint32_t type; /* MULTIBOOT_MEMORY_* (E820 types) */
} ABI_PACKED;
ABI_CHECK_SIZE(struct multiboot_mmap_entry, 24);
#define MULTIBOOT_MMAP_ENTRY_SIZE 20 /* the value of size for this layout */
#endif

#endif
