/* reset.S: reset vector, five real-mode instructions, 32-bit flat mode, fw_main; exceptions; the kernel jump. */
#include "abi/bootparam.h"
#include "layout.h"

#define CR0_PE 0x00000001
#define CR0_NW 0x20000000
#define CR0_CD 0x40000000

/*
 * Exception stubs, first in the ROM (the linker script checks that they
 * start at FW_ROM_BASE), 16 bytes apart: the IDT below is then a
 * constant table in ROM. Each pushes a zero where the CPU pushes no
 * error code, then its vector.
 */
	.section .text.exc, "ax"
	.code32
	.globl fw_exc_stubs
fw_exc_stubs:
	.irp vec, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.balign 16
	.if (\vec == 8) || (\vec >= 10 && \vec <= 14) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30)
	.else
	pushl $0
	.endif
	pushl $\vec
	jmp fw_exc_common
	.endr

fw_exc_common:
	/* Stack: vector, error code, EIP, CS, EFLAGS. */
	movl (%esp), %eax
	movl 4(%esp), %edx
	movl 8(%esp), %ecx
	pushl %ecx
	pushl %edx
	pushl %eax
	call fw_exception

/*
 * Descriptor tables live in ROM. Accessed bits are preset so the CPU
 * never writes to them. Selectors are the Linux boot protocol's
 * (__BOOT_CS 0x10, __BOOT_DS 0x18), which every entry accepts.
 */
	.section .rodata.tables, "a"
	.balign 16
fw_gdt:
	.quad 0
	.quad 0
	.quad 0x00cf9b000000ffff	/* BOOT_CS: flat 32-bit code */
	.quad 0x00cf93000000ffff	/* BOOT_DS: flat data */
fw_gdt_end:

	.balign 16
fw_idt:
	.irp vec, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.word (FW_ROM_BASE & 0xffff) + 16 * \vec	/* offset 15..0 */
	.word BOOT_CS
	.word 0x8e00				/* present 32-bit interrupt gate */
	.word FW_ROM_BASE >> 16			/* offset 31..16 */
	.endr
fw_idt_end:
	.balign 4
	.word 0
fw_idt_desc:
	.word fw_idt_end - fw_idt - 1
	.long fw_idt

/* 32-bit code from here on: segments, stack, IDT, C. */
	.section .text.start32, "ax"
	.code32
fw_start32:
	movl $BOOT_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs
	movl $FW_STACK_TOP, %esp
	lidt fw_idt_desc
	call fw_main
	ud2

/* void fw_enter32(entry, eax, ebx, esi): never returns. */
	.globl fw_enter32
fw_enter32:
	movl 4(%esp), %ecx
	movl 8(%esp), %eax
	movl 12(%esp), %ebx
	movl 16(%esp), %esi
	xorl %edx, %edx
	xorl %edi, %edi
	xorl %ebp, %ebp
	jmp *%ecx

/*
 * Real mode: CS base 0xffff0000, so CS-relative offsets reach the ROM.
 * Load the GDT, turn on protection (and caching: CD and NW are set at
 * reset), far-jump to 32-bit code. No stack, no data segment needed.
 */
	.section .rom.reset16, "ax"
	.code16
	.globl fw_reset16
fw_reset16:
	/* The linker script puts this at FW_RESET16_ADDR. */
	lgdtl %cs:((FW_RESET16_ADDR & 0xffff) + fw_gdt_desc - fw_reset16)
	movl %cr0, %eax
	andl $~(CR0_CD | CR0_NW), %eax
	orb $CR0_PE, %al
	movl %eax, %cr0
	ljmpl $BOOT_CS, $fw_start32
	.balign 4
	.word 0
fw_gdt_desc:
	.word fw_gdt_end - fw_gdt - 1
	.long fw_gdt

/* The CPU's first instruction, at 0xfffffff0. */
	.section .reset, "ax"
	.code16
	.globl fw_reset
fw_reset:
	jmp fw_reset16
	.section .note.GNU-stack, "", @progbits
