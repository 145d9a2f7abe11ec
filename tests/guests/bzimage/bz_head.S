/* bz_head.S: the bzImage guest's protected-mode entries: 32-bit at +0, 64-bit at +0x200. */
#include "abi/bootparam.h"
#include "abi/debug_ports.h"
#include "bz.h"
#include "jt.h"

/*
 * The protected-mode part runs wherever a loader puts it (any multiple of
 * kernel_alignment): every address is computed from where we run, never
 * linked in. 32-bit code has no RIP-relative addressing, so it works from
 * EBP = startup_32 with offsets bzimage.lds computes (BZ_OFF_*). Both entries record the CPU state as handed over, switch to
 * this image's GDT and stack, and call
 *   bz_main(zero_page, entry, entry_flags, entry_cr0, entry_cs << 16 | ds).
 */
	.section .head, "ax"
	.code32
	.globl startup_32
startup_32:
	movb $JT_POST_ENTRY, %al	/* EAX is not part of the protocol */
	outb %al, $POST_PORT
	/* No stack yet: borrow the zero page's scratch word, as Linux does. */
	leal (BP_SCRATCH + 4)(%esi), %esp
	pushfl
	popl %edx			/* EFLAGS at entry */
	cli
	cld
	movl %cr0, %ecx			/* CR0 at entry */
	movw %cs, %bx
	shll $16, %ebx
	movw %ds, %bx			/* CS << 16 | DS at entry */
	call 1f
1:	popl %ebp
	subl $(1b - startup_32), %ebp	/* EBP: where we were loaded */
	leal BZ_OFF_STACK_TOP(%ebp), %esp
	pushl %esi			/* zero page */
	pushl %edx
	pushl %ecx
	pushl %ebx

	testl $BZ_CR0_PG, %ecx
	jz 2f
	leal (bz_text_paging - startup_32)(%ebp), %esi
	movl $(bz_text_paging_end - bz_text_paging), %ecx
	jmp bz_fail32
2:	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb 3f
	movl $0x80000001, %eax
	cpuid
	testl $(1 << 29), %edx		/* long mode */
	jnz 4f
3:	leal (bz_text_no_lm - startup_32)(%ebp), %esi
	movl $(bz_text_no_lm_end - bz_text_no_lm), %ecx
	jmp bz_fail32
4:
	/*
	 * Long mode needs paging: identity-map the 2 MiB page holding this
	 * image (and the next, in case a loader ignored the alignment). The
	 * C code builds complete tables for whatever else it touches.
	 */
	leal BZ_OFF_PGT32(%ebp), %edi
	xorl %eax, %eax
	movl $(BZ_PGT32_PAGES * 4096 / 4), %ecx
	rep stosl
	subl $(BZ_PGT32_PAGES * 4096), %edi
	leal 0x1003(%edi), %eax
	movl %eax, (%edi)		/* PML4[0] -> PDPT */
	movl %ebp, %ecx
	shrl $30, %ecx
	leal 0x2003(%edi), %eax
	movl %eax, 0x1000(%edi, %ecx, 8) /* PDPT[load >> 30] -> PD */
	movl %ebp, %ecx
	shrl $21, %ecx
	andl $511, %ecx
	movl %ebp, %eax
	andl $~(BZ_KERNEL_ALIGN - 1), %eax
	orl $BZ_PDE_2M, %eax
	movl %eax, 0x2000(%edi, %ecx, 8)
	cmpl $511, %ecx
	je 5f
	addl $BZ_KERNEL_ALIGN, %eax
	movl %eax, 0x2008(%edi, %ecx, 8)
5:
	leal BZ_OFF_GDT(%ebp), %eax
	movl %eax, (BZ_OFF_GDT_DESC + 2)(%ebp)
	lgdt BZ_OFF_GDT_DESC(%ebp)
	movl %cr4, %eax
	orl $BZ_CR4_PAE, %eax
	movl %eax, %cr4
	movl %edi, %cr3
	movl $BZ_MSR_EFER, %ecx
	rdmsr
	orl $BZ_EFER_LME, %eax
	wrmsr
	movl %cr0, %eax
	orl $(BZ_CR0_PG | BZ_CR0_PE), %eax
	movl %eax, %cr0
	popl %ebx
	popl %ecx
	popl %edx
	popl %esi
	leal (bz_from32 - startup_32)(%ebp), %eax
	pushl $BOOT_CS
	pushl %eax
	lret				/* into 64-bit mode */

bz_fail32:
	BZ_EARLY_FAIL

	/* The 64-bit boot protocol's entry point: ABI, never moves. */
	.org PM_ENTRY64_OFFSET
	.code64
	.globl startup_64
startup_64:
	movb $JT_POST_ENTRY, %al
	outb %al, $POST_PORT
	leaq bz_stack_top(%rip), %rsp	/* a lea leaves RFLAGS alone */
	pushfq
	popq %rdx			/* RFLAGS at entry */
	cli
	cld
	movq %cr0, %rcx
	movw %cs, %bx
	shll $16, %ebx
	movw %ds, %bx
	movq %rsi, %rdi			/* the zero page */
	movl $64, %esi
	/*
	 * Our own GDT: exceptions must find their code segment even after
	 * bz_pt_activate() unmaps the loader's tables.
	 */
	leaq bz_gdt(%rip), %rax
	movq %rax, (bz_gdt_desc + 2)(%rip)
	lgdt bz_gdt_desc(%rip)
	pushq $BOOT_CS
	leaq bz_join(%rip), %rax
	pushq %rax
	lretq

bz_from32:
	movl %esi, %edi			/* zero-extend what 32-bit code left */
	movl %edx, %edx
	movl %ecx, %ecx
	movl %ebx, %ebx
	movl $32, %esi
bz_join:
	movl $BOOT_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	leaq bz_stack_top(%rip), %rsp
	movq %rdi, %r8			/* rep stos needs RDI, RCX */
	movq %rcx, %r9
	leaq __bss_start(%rip), %rdi
	leaq __bss_end(%rip), %rcx
	subq %rdi, %rcx
	shrq $3, %rcx
	xorl %eax, %eax
	rep stosq			/* C statics start at zero */
	movq %r8, %rdi
	movq %r9, %rcx
	movl %ebx, %r8d
	call bz_main			/* does not return */
1:	hlt
	jmp 1b

	/* The 32-bit entry's FAIL texts, in .head: EBP-relative. */
bz_text_paging:
	.ascii "FAIL bzimage-guest: 32-bit entry with paging on (CR0.PG=1): the 32-bit boot protocol requires paging off\n"
bz_text_paging_end:
bz_text_no_lm:
	.ascii "FAIL bzimage-guest: the CPU has no long mode, which this 64-bit guest needs\n"
bz_text_no_lm_end:

/*
 * CPU exceptions 0-31: one 16-byte stub each (bz_vectors + 16 * n), with
 * a zero where the CPU pushes no error code, then C.
 */
	.text
	.balign 16
	.globl bz_vectors
bz_vectors:
	.set vec, 0
	.rept 32
	.balign 16
	.if vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21 || vec == 29 || vec == 30
	.else
	pushq $0
	.endif
	pushq $vec
	jmp bz_exception_common
	.set vec, vec + 1
	.endr

bz_exception_common:
	movq (%rsp), %rdi		/* vector */
	movq 8(%rsp), %rsi		/* error code */
	movq 16(%rsp), %rdx		/* RIP */
	movq %cr2, %rcx
	andq $~15, %rsp
	call bz_exception		/* does not return */
1:	hlt
	jmp 1b

	.section .rodata
	/* kernel_info (protocol 2.15): a header and nothing else. */
	.balign 4
	.globl bz_kernel_info
bz_kernel_info:
	.ascii "LToP"
	.long 16			/* size */
	.long 16			/* size_total */
	.long 0				/* setup_type_max: no setup_data read */

	.data
	.balign 16
	.globl bz_gdt, bz_gdt_desc
bz_gdt:
	.quad 0
	.quad 0
	.quad 0x00af9a000000ffff	/* 0x10: 64-bit code */
	.quad 0x00cf92000000ffff	/* 0x18: flat data */
bz_gdt_end:
bz_gdt_desc:
	.word bz_gdt_end - bz_gdt - 1
	.quad 0				/* base: set at run time */

	/*
	 * The file's last 16 bytes (syssize counts 16-byte units): a loader
	 * that copied less misses the marker.
	 */
	.section .bztail, "aw"
	.balign 16
	.long 0, 0, 0
	.globl bz_tail_marker
bz_tail_marker:
	.long 0x6c696174		/* "tail" */

	.section .pgt, "aw", @nobits
	.balign 4096
	.globl bz_pt_pool
	.globl bz_pgt32
bz_pgt32:
	.skip BZ_PGT32_PAGES * 4096
bz_pt_pool:
	.skip BZ_PT_POOL_PAGES * 4096

	/* Last in init_size: using it shows the loader mapped all of it. */
	.section .stack, "aw", @nobits
	.balign 16
	.skip BZ_STACK_SIZE
	.globl bz_stack_top
bz_stack_top:
	.section .note.GNU-stack, "", @progbits
