/* uart_irq.S: the UART guest's own GDT and IDT, and its interrupt stubs. */
#include "abi/debug_ports.h"

/*
 * Loaders hand over flat segments but their selectors differ (jiffy 0x10,
 * QEMU's option ROMs 0x08), so the guest installs its own GDT before it
 * points interrupt gates at a code selector.
 */
	.section .data
	.balign 8
gdt:
	.quad 0
	.quad 0x00cf9b000000ffff	/* 0x08: flat 32-bit code */
	.quad 0x00cf93000000ffff	/* 0x10: flat data */
gdt_ptr:
	.word 3 * 8 - 1
	.long gdt

	.balign 8
	.globl uart_idt
uart_idt:
	.fill 256 * 8, 1, 0
idt_ptr:
	.word 256 * 8 - 1
	.long uart_idt

	.text
	.code32
	.globl uart_load_tables
uart_load_tables:
	lgdt gdt_ptr
	ljmp $0x08, $1f
1:	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movw %ax, %fs
	movw %ax, %gs
	lidt idt_ptr
	ret

/* IRQ 4 (vector 0x24 after the PIC is remapped): COM1. */
	.globl uart_irq4_stub
uart_irq4_stub:
	pushal
	cld
	call uart_irq4
	popal
	jmp irq_return

/* Any other IRQ: counted and acknowledged, never expected. */
	.globl uart_irq_other_stub
uart_irq_other_stub:
	pushal
	cld
	call uart_irq_other
	popal
	jmp irq_return

/*
 * Return from an interrupt without IRET: the KVM of the development
 * machines emulates every instruction and cannot emulate a protected-mode
 * IRET (it stops with an emulation failure). Same privilege level, so the
 * frame is EIP, CS, EFLAGS: swap EIP and EFLAGS, pop the flags, skip CS
 * (lea leaves the flags alone), return.
 */
irq_return:
	pushl %eax
	pushl %ebx
	movl 8(%esp), %eax	/* EIP */
	movl 16(%esp), %ebx	/* EFLAGS */
	movl %ebx, 8(%esp)
	movl %eax, 16(%esp)
	popl %ebx
	popl %eax
	popfl
	leal 4(%esp), %esp
	ret

/* Exceptions: vector number pushed by the per-vector stubs below. */
	.balign 8
	.globl uart_exception_stubs
uart_exception_stubs:		/* one 8-byte slot per vector */
	.set vec, 0
	.rept 32
	.balign 8
	pushl $vec
	jmp exception_common
	.set vec, vec + 1
	.endr
exception_common:
	cld
	call uart_exception	/* does not return */
1:	hlt
	jmp 1b

	.section .note.GNU-stack, "", @progbits
