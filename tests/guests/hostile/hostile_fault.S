/* hostile_fault.S: a triple fault, and an instruction KVM cannot emulate on MMIO. */
#include "abi/debug_ports.h"
#include "jt_longmode.h"

#define UNASSIGNED_MMIO 0xd0000000 /* in the MMIO hole, no device there */

	.text
	.code32

/* An exception with an empty IDT: #UD, then #DF, then shutdown. */
	.globl hostile_triple
hostile_triple:
	lidt empty_idt
	ud2

/*
 * lock cmpxchg16b exists only in 64-bit mode, and KVM's instruction
 * emulator refuses its 16-byte form: aimed at MMIO (which KVM must
 * emulate), it ends in KVM_EXIT_INTERNAL_ERROR on any host.
 */
	.globl hostile_fault
hostile_fault:
	cli
	/* Identity map of the first 4 GiB in 2 MiB pages. */
	movl $pdpt + 3, pml4
	movl $pd + 3, %eax
	xorl %ecx, %ecx
1:	movl %eax, pdpt(,%ecx,8)
	addl $4096, %eax
	incl %ecx
	cmpl $4, %ecx
	jne 1b
	movl $0x83, %eax	/* present, writable, 2 MiB */
	xorl %edx, %edx		/* high half of the address */
	xorl %ecx, %ecx
2:	movl %eax, pd(,%ecx,8)
	movl %edx, pd + 4(,%ecx,8)
	addl $0x200000, %eax
	adcl $0, %edx
	incl %ecx
	cmpl $2048, %ecx
	jne 2b
	movl $pml4, %eax
	movl %eax, %cr3
	lgdt gdt_ptr
	JT_LONG_MODE_ON
	ljmp $0x08, $long_mode

	.code64
long_mode:
	movl $UNASSIGNED_MMIO, %edi
	xorl %eax, %eax
	xorl %edx, %edx
	xorl %ebx, %ebx
	xorl %ecx, %ecx
	lock cmpxchg16b (%rdi)
	/* Still here: the VMM emulated it after all. */
	movb $DEBUG_EXIT_FAIL, %al
	outb %al, $DEBUG_EXIT_PORT
3:	hlt
	jmp 3b

	.section .rodata
	.balign 8
gdt:
	.quad 0
	.quad 0x00af9b000000ffff	/* 0x08: 64-bit code */
	.quad 0x00cf93000000ffff	/* 0x10: data */
gdt_ptr:
	.word 3 * 8 - 1
	.long gdt
empty_idt:
	.word 0
	.long 0

	.section .bss
	.balign 4096
pml4:	.skip 4096
pdpt:	.skip 4096
pd:	.skip 4 * 4096

	.section .note.GNU-stack, "", @progbits
