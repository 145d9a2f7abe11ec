/* bz_header.S: the bzImage guest's real-mode part: boot sector, setup header, 16-bit entry. */
#include "abi/bootparam.h"
#include "abi/debug_ports.h"
#include "bz.h"
#include "jt.h"

/*
 * File offset 0, one sector of boot sector and setup_sects sectors of
 * setup. Loaders read the header at 0x1f1; the protected-mode part
 * (bz_head.S) follows at (setup_sects + 1) * 512. BZ_SETUP_SECTS,
 * BZ_SYSSIZE, BZ_INIT_SIZE and BZ_KERNEL_INFO_OFFSET come from bzimage.lds.
 */
	.section .bzsetup, "ax"
	.code16
bz_boot_sector:
	/* Not bootable from a disk: only the header matters. */
	.org SETUP_HEADER_OFFSET
	.byte BZ_SETUP_SECTS		/* setup_sects */
	.word 0				/* root_flags */
	.long BZ_SYSSIZE		/* syssize, 16-byte units */
	.word 0				/* ram_size (obsolete) */
	.word 0xffff			/* vid_mode: normal */
	.word 0				/* root_dev */
	.word SETUP_BOOT_FLAG		/* boot_flag at 0x1fe */

	/* 0x200: the real-mode entry; the jump's length ends the header. */
	.byte 0xeb, bz_rm_entry - 1f	/* jump */
1:	.long SETUP_HDRS_MAGIC		/* header "HdrS" */
	.word BZ_VERSION		/* version */
	.long 0				/* realmode_swtch */
	.word 0x1000			/* start_sys_seg (obsolete) */
	.word bz_version_string - 0x200	/* kernel_version */
	.byte 0				/* type_of_loader: the loader's */
	.byte LOADED_HIGH		/* loadflags */
	.word 0x8000			/* setup_move_size */
	.long BZ_CODE32_START		/* code32_start */
	.long 0, 0			/* ramdisk_image, ramdisk_size */
	.long 0				/* bootsect_kludge */
	.word 0				/* heap_end_ptr */
	.byte 0, 0			/* ext_loader_ver, ext_loader_type */
	.long 0				/* cmd_line_ptr */
	.long BZ_INITRD_ADDR_MAX	/* initrd_addr_max */
	.long BZ_KERNEL_ALIGN		/* kernel_alignment */
	.byte 1				/* relocatable_kernel */
	.byte BZ_MIN_ALIGN_LG2		/* min_alignment */
	.word XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G /* xloadflags */
	.long BZ_CMDLINE_SIZE		/* cmdline_size */
	.long 0				/* hardware_subarch: PC */
	.quad 0				/* hardware_subarch_data */
	.long 0, 0			/* payload_offset, _length: none */
	.quad 0				/* setup_data */
	.quad BZ_PREF_ADDRESS		/* pref_address */
	.long BZ_INIT_SIZE		/* init_size */
	.long 0				/* handover_offset: no EFI */
	.long BZ_KERNEL_INFO_OFFSET	/* kernel_info_offset */

/*
 * 16-bit entry (setup + 0x200, jumped over the header), what QEMU's and
 * qboot's firmware use. This guest tests the 32- and 64-bit entries only,
 * so it says so and fails rather than hang. CS:IP may be X+0x20:0 or X:0x200,
 * so the text is found relative to IP.
 */
	.globl bz_rm_entry
bz_rm_entry:
	movb $JT_POST_ENTRY, %al
	outb %al, $POST_PORT
	cli
	cld
	movw %cs, %ax
	movw %ax, %ds
	call 1f
1:	popw %si
	addw $(bz_rm_text - 1b), %si
	movw $(bz_rm_text_end - bz_rm_text), %cx
	BZ_EARLY_FAIL

bz_rm_text:
	.ascii "FAIL bzimage-guest: entered through the 16-bit real-mode entry, which this guest does not support\n"
bz_rm_text_end:
bz_version_string:
	.asciz "jiffy bzimage-guest (a test guest, not a kernel)"
	.section .note.GNU-stack, "", @progbits
