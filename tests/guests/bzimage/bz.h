/* bz.h: the bzImage test guest's header values, shared by its assembly and C. */
#ifndef BZ_H
#define BZ_H

/*
 * What the setup header promises (bz_header.S). Field values a linker can
 * compute (setup_sects, syssize, init_size) come from bzimage.lds instead.
 */
#define BZ_VERSION	   0x020f /* boot protocol 2.15 */
#define BZ_KERNEL_ALIGN	   0x200000
#define BZ_MIN_ALIGN_LG2   21 /* as strict as kernel_alignment: 2 MiB */
#define BZ_PREF_ADDRESS	   0x1000000
#define BZ_CODE32_START	   0x100000
#define BZ_CMDLINE_SIZE	   2047
#define BZ_INITRD_ADDR_MAX 0x7fffffff

#define BZ_STACK_SIZE	 16384
#define BZ_PGT32_PAGES	 3  /* the 32-bit entry's PML4, PDPT, PD */
#define BZ_PT_POOL_PAGES 12 /* page tables the C code builds */

/* Control-register bits for assembly (rt/x86io.h has the C ones). */
#define BZ_CR0_PE   0x00000001
#define BZ_CR0_PG   0x80000000
#define BZ_CR4_PAE  0x00000020
#define BZ_MSR_EFER 0xc0000080
#define BZ_EFER_LME 0x00000100
#define BZ_PDE_2M   0x83 /* present, writable, 2 MiB page */

#ifdef __ASSEMBLY__
#include "abi/debug_ports.h"
#include "jt.h"

/*
 * Before long mode there is no C: print a fixed FAIL line on COM1 and
 * leave through the exit port. Works in 16- and 32-bit code alike;
 * (E)SI = text, (E)CX = length, DS addresses the text. Waits for the
 * transmitter, boundedly, before each byte.
 */
/* clang-format off */
.macro BZ_EARLY_FAIL
1:	movw $(COM1_PORT + 5), %dx
	movw $0xffff, %bx
2:	inb %dx, %al
	testb $0x20, %al
	jnz 3f
	decw %bx
	jnz 2b
3:	movw $COM1_PORT, %dx
	lodsb
	outb %al, %dx
	loop 1b
	movb $JT_POST_EXIT, %al
	outb %al, $POST_PORT
	movb $DEBUG_EXIT_FAIL, %al
	outb %al, $DEBUG_EXIT_PORT
4:	hlt
	jmp 4b
.endm
/* clang-format on */
#else
#include <stdint.h>

/* bz_head.S */
extern const char startup_32[], bz_vectors[];
void bz_main(uint64_t zero_page, uint32_t entry, uint64_t entry_flags,
	     uint64_t entry_cr0, uint32_t entry_segs);

/* bz_paging.c: identity mappings of what the guest touches. */
void bz_pt_init(void);
void bz_pt_map(uint64_t addr, uint64_t len, const char *what);
void bz_pt_activate(void);

/* bz_idt.c: any CPU exception becomes a FAIL line saying what we did. */
extern const char *bz_doing;
void bz_idt_install(void);
void bz_exception(uint64_t vector, uint64_t error, uint64_t rip, uint64_t cr2);
#endif

#endif
