/* mb_entry.S: the multiboot entry: record the CPU state, enter long mode, call mb_main. */
#include "abi/debug_ports.h"
#include "jt.h"
#include "jt_longmode.h"
#include "mb.h"

#define PDE_2M 0x83 /* present, writable, 2 MiB page */

/*
 * Entered in 32-bit protected mode, paging off, EAX = the multiboot magic,
 * EBX = the boot information. The spec promises flat CS and data segments
 * but not a valid GDTR: no segment register is loaded before our own GDT.
 * QEMU boots only 32-bit multiboot images, so this one is an ELF32 (or a
 * flat a.out binary) whose 32-bit entry enters long mode itself, through
 * identity page tables for the first 4 GiB built by the assembler: a
 * guest whose instructions are emulated should not spend 2,000 loop
 * iterations on them.
 */
	.section .text.start, "ax"
	.code32
	.globl mb_start
mb_start:
	movl %eax, mb_state + ES_EAX	/* before anything touches EAX */
	movl %ebx, mb_state + ES_EBX
	movb $JT_POST_ENTRY, %al
	outb %al, $POST_PORT
	movl $mb_stack_top, %esp	/* a mov leaves EFLAGS alone */
	pushfl
	popl mb_state + ES_EFLAGS
	cli
	cld
	movl %cr0, %eax
	movl %eax, mb_state + ES_CR0
	movl %cr4, %eax
	movl %eax, mb_state + ES_CR4
	movw %cs, mb_state + ES_CS
	movw %ds, mb_state + ES_DS
	movw %es, mb_state + ES_ES
	movw %ss, mb_state + ES_SS
	/* Flat segments: a word written through DS (above 1 MiB) must read
	 * back the same through ES and SS. */
	movl $MB_PROBE_VALUE, mb_probe
	movl %es:mb_probe, %eax
	movl %eax, mb_state + ES_ES_RD
	movl %ss:mb_probe, %eax
	movl %eax, mb_state + ES_SS_RD

	lgdt mb_gdt_desc
	movl $mb_pml4, %eax
	movl %eax, %cr3
	JT_LONG_MODE_ON
	ljmp $MB_CS64, $mb_start64

	.code64
mb_start64:
	movl $MB_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs
	movq $mb_stack_top, %rsp
	movq $mb_state, %rdi
	call mb_main			/* does not return */
1:	hlt
	jmp 1b

/*
 * The APs: INIT/SIPI starts them in real mode at MB_TRAMPOLINE, where
 * mb_smp.c copied [mb_ap_tramp, mb_ap_tramp_end). CS is the trampoline's
 * page, so DS = CS makes offsets from mb_ap_tramp work. They count
 * themselves in and halt.
 */
	.code16
	.globl mb_ap_tramp, mb_ap_tramp_end
mb_ap_tramp:
	cli
	movw %cs, %ax
	movw %ax, %ds
	lgdtl mb_ap_gdtr - mb_ap_tramp
	movl %cr0, %eax
	orl $1, %eax
	movl %eax, %cr0
	ljmpl $MB_CS32, $mb_ap32
	.balign 4
mb_ap_gdtr:
	.word mb_gdt_end - mb_gdt - 1
	.long mb_gdt
mb_ap_tramp_end:

	.code32
mb_ap32:
	movl $MB_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	lock incl mb_ap_count
1:	cli
	hlt
	jmp 1b

	.section .rodata
	.balign 8
mb_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* MB_CS64: 64-bit code */
	.quad 0x00cf92000000ffff	/* MB_DS: flat data */
	.quad 0x00cf9a000000ffff	/* MB_CS32: 32-bit code, for the APs */
mb_gdt_end:
	.balign 8
	.word 0
mb_gdt_desc:
	.word mb_gdt_end - mb_gdt - 1
	.long mb_gdt

	/* PML4 -> PDPT -> 4 page directories of 2 MiB pages: 0 - 4 GiB. */
	.section .mbpgt, "aw"
	.balign 4096
mb_pml4:
	.quad mb_pdpt + 3
	.fill 511, 8, 0
mb_pdpt:
	.quad mb_pd + 3, mb_pd + 0x1003, mb_pd + 0x2003, mb_pd + 0x3003
	.fill 508, 8, 0
mb_pd:
	.set page, 0
	.rept 2048
	.quad (page << 21) | PDE_2M
	.set page, page + 1
	.endr

	/* The last bytes of the file: a loader that stops short misses them. */
	.section .mbtail, "aw"
	.balign 4
	.globl mb_tail_marker
mb_tail_marker:
	.long MB_TAIL_VALUE

	.section .bss
	.balign 16
	.globl mb_ap_count
mb_state:
	.skip ES_SIZE
	.balign 4
mb_probe:
	.long 0
mb_ap_count:
	.long 0
	.balign 16
	.skip MB_STACK_SIZE
mb_stack_top:

	/* Last in the image (mb.lds): the loader must have zeroed it. */
	.section .mbbss, "aw", @nobits
	.balign 4096
	.globl mb_bss_probe
mb_bss_probe:
	.skip 4096
	.section .note.GNU-stack, "", @progbits
