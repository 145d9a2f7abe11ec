/* mb_header.S: the multiboot header; built with MB_AOUT for the a.out kludge image. */
#include "abi/multiboot.h"

#ifdef MB_AOUT
#define MB_FLAGS \
	(MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO | MULTIBOOT_AOUT_KLUDGE)
#else
#define MB_FLAGS (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO)
#endif

/*
 * First in the image (mb.lds), so within the first 8 KiB of the file in
 * both shapes: the ELF (after its headers) and the flat a.out binary
 * (at offset 0). The address fields describe the flat binary: the file
 * is [mb_image_start, mb_data_end), zeros follow up to mb_image_end.
 */
	.section .multiboot, "a"
	.balign 4
	.globl mb_header
mb_header:
	.long MULTIBOOT_HEADER_MAGIC
	.long MB_FLAGS
	.long -(MULTIBOOT_HEADER_MAGIC + MB_FLAGS)
#ifdef MB_AOUT
	.long mb_header		/* header_addr */
	.long mb_image_start	/* load_addr */
	.long mb_data_end	/* load_end_addr */
	.long mb_image_end	/* bss_end_addr */
	.long mb_start		/* entry_addr */
#endif
	.section .note.GNU-stack, "", @progbits
