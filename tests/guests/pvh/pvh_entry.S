/* pvh_entry.S: the PVH test guest's entry: record the CPU state as handed over, then C. */
#include "abi/debug_ports.h"
#include "abi/pvh.h"
#include "jt.h"
#include "pvh_entry.h"

/*
 * Not lib/rt/pvh_start.S: that stub starts with cli, and this guest must
 * see EFLAGS (and CR0, CR4, segments) exactly as the loader set them.
 */
	.section .note.Xen, "a", @note
	.balign 4
	.long 4, 4, XEN_ELFNOTE_PHYS32_ENTRY	/* namesz, descsz, type */
	.asciz "Xen"
	.long pvh_guest_start

	/* .text.start: first in the image, so the image starts here. */
	.section .text.start, "ax"
	.code32
	.globl pvh_guest_start
pvh_guest_start:
	movb $JT_POST_ENTRY, %al	/* EAX is not part of the ABI */
	outb %al, $POST_PORT
	movl $pvh_stack_top, %esp	/* a mov leaves EFLAGS alone */
	pushfl
	popl pvh_entry + PE_EFLAGS
	movl %ebx, pvh_entry + PE_EBX
	movl %cr0, %eax
	movl %eax, pvh_entry + PE_CR0
	movl %cr4, %eax
	movl %eax, pvh_entry + PE_CR4
	movw %cs, pvh_entry + PE_CS
	movw %ds, pvh_entry + PE_DS
	movw %es, pvh_entry + PE_ES
	movw %ss, pvh_entry + PE_SS
	cli
	cld
	pushl $pvh_entry
	pushl %ebx			/* struct hvm_start_info * */
	call pvh_guest_main		/* does not return */
1:	hlt
	jmp 1b

	.section .bss
	.balign 16
	.globl pvh_entry
pvh_entry:
	.skip PE_SIZE
	.balign 16
	.skip 8192
pvh_stack_top:
	.section .note.GNU-stack, "", @progbits
