/* bzload_enter.S: leave the loader guest for a bzImage's 32-bit or 64-bit entry, as the boot protocol says. */
#include "abi/bootparam.h"
#include "jt_longmode.h"

	.text
	.code32

/*
 * void bzload_enter32(uint32_t entry, uint32_t zero_page, const void *gdtr)
 * Protected mode, paging off, CS = __BOOT_CS, data segments __BOOT_DS,
 * ESI = zero page, EBX = EBP = EDI = 0, interrupts off (pvh_start did cli).
 */
	.globl bzload_enter32
bzload_enter32:
	movl 4(%esp), %eax
	movl 8(%esp), %esi
	movl 12(%esp), %edx
	lgdt (%edx)
	ljmp $BOOT_CS, $1f
1:	movl $BOOT_DS, %ecx
	movl %ecx, %ds
	movl %ecx, %es
	movl %ecx, %ss
	xorl %ebx, %ebx
	xorl %ebp, %ebp
	xorl %edi, %edi
	jmp *%eax

/*
 * void bzload_enter64(uint32_t entry, uint32_t zero_page, const void *gdtr,
 *                     uint32_t cr3)
 * Long mode with the caller's identity page tables, CS = __BOOT_CS (64-bit),
 * data segments __BOOT_DS, RSI = zero page, interrupts off.
 */
	.globl bzload_enter64
bzload_enter64:
	movl 4(%esp), %edi
	movl 8(%esp), %esi
	movl 12(%esp), %edx
	movl 16(%esp), %ecx
	lgdt (%edx)
	movl %ecx, %cr3
	JT_LONG_MODE_ON
	ljmp $BOOT_CS, $2f
	.code64
2:	movl $BOOT_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %edi, %eax			/* zero-extend entry and zero page */
	movl %esi, %esi
	jmp *%rax
	.section .note.GNU-stack, "", @progbits
