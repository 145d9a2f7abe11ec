/* bootparam.h: the Linux x86 boot protocol: setup header and zero page. */
#ifndef ABI_BOOTPARAM_H
#define ABI_BOOTPARAM_H

#include "abi/abi.h"
#include "abi/e820.h"

#define SETUP_HEADER_OFFSET 0x1f1 /* in the file and in the zero page */
#define SETUP_BOOT_FLAG	    0xaa55
#define SETUP_HDRS_MAGIC    0x53726448u /* "HdrS" */
#define SETUP_SECT_SIZE	    512
#define SETUP_SECTS_DEFAULT 4	  /* setup_sects == 0 means 4 */
#define PM_ENTRY64_OFFSET   0x200 /* startup_64 from the start of PM code */

/* loadflags */
#define LOADED_HIGH   (1u << 0)
#define KASLR_FLAG    (1u << 1)
#define QUIET_FLAG    (1u << 5)
#define KEEP_SEGMENTS (1u << 6)
#define CAN_USE_HEAP  (1u << 7)

/* xloadflags (protocol 2.12+) */
#define XLF_KERNEL_64		   (1u << 0)
#define XLF_CAN_BE_LOADED_ABOVE_4G (1u << 1)
#define XLF_EFI_HANDOVER_32	   (1u << 2)
#define XLF_EFI_HANDOVER_64	   (1u << 3)
#define XLF_EFI_KEXEC		   (1u << 4)

#define LOADER_TYPE_UNDEFINED 0xff
#define LOADER_TYPE_QEMU      0xb0

/* Selectors the 32- and 64-bit boot protocols require. */
#define BOOT_CS 0x10
#define BOOT_DS 0x18

/* Zero-page offsets, for assembly and for checks. */
#define BP_ACPI_RSDP_ADDR    0x070
#define BP_EXT_RAMDISK_IMAGE 0x0c0
#define BP_EXT_RAMDISK_SIZE  0x0c4
#define BP_EXT_CMD_LINE_PTR  0x0c8
#define BP_SCRATCH	     0x1e4
#define BP_E820_ENTRIES	     0x1e8
#define BP_SENTINEL	     0x1ef
#define BP_HDR		     0x1f1
#define BP_E820_TABLE	     0x2d0
#define BP_SIZE		     0x1000

#ifndef __ASSEMBLY__
struct setup_header {
	uint8_t setup_sects;
	uint16_t root_flags;
	uint32_t syssize; /* PM code size in 16-byte paragraphs */
	uint16_t ram_size;
	uint16_t vid_mode;
	uint16_t root_dev;
	uint16_t boot_flag; /* 0xaa55 */
	uint16_t jump;	    /* end of header = 0x202 + (jump >> 8) */
	uint32_t header;    /* "HdrS" */
	uint16_t version;   /* (major << 8) | minor */
	uint32_t realmode_swtch;
	uint16_t start_sys_seg;
	uint16_t kernel_version;
	uint8_t type_of_loader;
	uint8_t loadflags;
	uint16_t setup_move_size;
	uint32_t code32_start;
	uint32_t ramdisk_image;
	uint32_t ramdisk_size;
	uint32_t bootsect_kludge;
	uint16_t heap_end_ptr;
	uint8_t ext_loader_ver;
	uint8_t ext_loader_type;
	uint32_t cmd_line_ptr;
	uint32_t initrd_addr_max;
	uint32_t kernel_alignment;
	uint8_t relocatable_kernel;
	uint8_t min_alignment;
	uint16_t xloadflags;
	uint32_t cmdline_size;
	uint32_t hardware_subarch;
	uint64_t hardware_subarch_data;
	uint32_t payload_offset;
	uint32_t payload_length;
	uint64_t setup_data;
	uint64_t pref_address;
	uint32_t init_size;
	uint32_t handover_offset;
	uint32_t kernel_info_offset;
} ABI_PACKED;
ABI_CHECK_SIZE(struct setup_header, 0x26c - 0x1f1);
ABI_CHECK_OFFSET(struct setup_header, header, 0x202 - 0x1f1);
ABI_CHECK_OFFSET(struct setup_header, xloadflags, 0x236 - 0x1f1);
ABI_CHECK_OFFSET(struct setup_header, pref_address, 0x258 - 0x1f1);

/* The zero page: 4 KiB handed to the kernel in ESI/RSI. */
struct boot_params {
	uint8_t screen_info[0x40];
	uint8_t apm_bios_info[0x14];
	uint8_t pad_054[4];
	uint64_t tboot_addr;
	uint8_t ist_info[0x10];
	uint64_t acpi_rsdp_addr;
	uint8_t pad_078[8];
	uint8_t hd0_info[16];
	uint8_t hd1_info[16];
	uint8_t sys_desc_table[0x10];
	uint8_t olpc_ofw_header[0x10];
	uint32_t ext_ramdisk_image;
	uint32_t ext_ramdisk_size;
	uint32_t ext_cmd_line_ptr;
	uint8_t pad_0cc[0x13c - 0xcc];
	uint32_t cc_blob_address;
	uint8_t edid_info[0x80];
	uint8_t efi_info[0x20];
	uint32_t alt_mem_k;
	uint32_t scratch; /* the kernel's first 4-byte stack */
	uint8_t e820_entries;
	uint8_t eddbuf_entries;
	uint8_t edd_mbr_sig_buf_entries;
	uint8_t kbd_status;
	uint8_t secure_boot;
	uint8_t pad_1ed[2];
	uint8_t sentinel; /* must stay 0 */
	uint8_t pad_1f0;
	struct setup_header hdr;
	uint8_t pad_26c[0x290 - 0x26c];
	uint32_t edd_mbr_sig_buffer[16];
	struct e820_entry e820_table[E820_MAX_ZEROPAGE];
	uint8_t pad_cd0[0xd00 - 0xcd0];
	uint8_t eddbuf[0x1ec];
	uint8_t pad_eec[0x1000 - 0xeec];
} ABI_PACKED;
ABI_CHECK_SIZE(struct boot_params, BP_SIZE);
ABI_CHECK_OFFSET(struct boot_params, acpi_rsdp_addr, BP_ACPI_RSDP_ADDR);
ABI_CHECK_OFFSET(struct boot_params, ext_ramdisk_image, BP_EXT_RAMDISK_IMAGE);
ABI_CHECK_OFFSET(struct boot_params, scratch, BP_SCRATCH);
ABI_CHECK_OFFSET(struct boot_params, e820_entries, BP_E820_ENTRIES);
ABI_CHECK_OFFSET(struct boot_params, sentinel, BP_SENTINEL);
ABI_CHECK_OFFSET(struct boot_params, hdr, BP_HDR);
ABI_CHECK_OFFSET(struct boot_params, e820_table, BP_E820_TABLE);
#endif

#endif
