/* pvh_start.S: 32-bit PVH entry for freestanding guests: stack, then pvh_main(start_info). */
#include "abi/pvh.h"
#include "abi/debug_ports.h"

/*
 * The Xen PHYS32_ENTRY note makes the ELF bootable by jiffy, QEMU -kernel
 * and any PVH loader. Entry state (PVH ABI): 32-bit protected mode, paging
 * off, flat CS/DS/ES (and SS in practice), EBX = &hvm_start_info.
 */
	.section .note.Xen, "a", @note
	.balign 4
	.long 4			/* namesz: "Xen\0" */
	.long 4			/* descsz: 32-bit entry address */
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.balign 4
	.long pvh_start
	.balign 4

	.text
	.code32
	.globl pvh_start
pvh_start:
	cli
	cld
	movl $rt_stack_top, %esp
	pushl %ebx		/* struct hvm_start_info * */
	call pvh_main
	/* pvh_main must not return; treat it as a failure if it does. */
	movb $DEBUG_EXIT_FAIL, %al
	outb %al, $DEBUG_EXIT_PORT
1:	hlt
	jmp 1b

	.section .bss
	.balign 16
	.globl rt_stack_top
rt_stack:
	.skip 16384
rt_stack_top:
	.section .note.GNU-stack, "", @progbits
