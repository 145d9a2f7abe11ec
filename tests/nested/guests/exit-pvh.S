/* exit-pvh.S: a PVH guest that leaves through the exit port at once: VMM start-up timing. */
#include "abi/debug_ports.h"

/*
 * Linked after lib/rt/pvh_start.S (the Xen note and five set-up
 * instructions, none of which exits to the VMM), so the first exit is this
 * port write. bench/linux-boot.sh times jiffy from process start to it.
 */
	.text
	.code32
	.globl pvh_main
pvh_main:
	movb $DEBUG_EXIT_PASS, %al
	outb %al, $DEBUG_EXIT_PORT
	hlt
	jmp pvh_main
	.section .note.GNU-stack, "", @progbits
