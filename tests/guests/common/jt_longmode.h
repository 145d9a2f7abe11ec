/* jt_longmode.h: 32-bit to long mode, for test guests (assembly only). */
#ifndef JT_LONGMODE_H
#define JT_LONGMODE_H

/*
 * From 32-bit code with paging off, CR3 loaded and a GDT holding 64-bit
 * code: CR4.PAE, EFER.LME, then CR0.PG (clobbers EAX, ECX, EDX). A far
 * jump to 64-bit code must follow.
 */
/* clang-format off */
.macro JT_LONG_MODE_ON
	movl %cr4, %eax
	orl $0x20, %eax		/* CR4.PAE */
	movl %eax, %cr4
	movl $0xc0000080, %ecx	/* MSR_EFER */
	rdmsr
	orl $0x100, %eax	/* EFER.LME */
	wrmsr
	movl %cr0, %eax
	orl $0x80000000, %eax	/* CR0.PG */
	movl %eax, %cr0
.endm
/* clang-format on */

#endif
