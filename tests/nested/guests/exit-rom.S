/* exit-rom.S: a 64 KiB BIOS image whose reset vector leaves through the exit port: VMM start-up timing. */
#include "abi/debug_ports.h"

/*
 * For QEMU the first guest instruction is the firmware's reset vector at
 * 0xfffffff0, the last 16 bytes of the -bios image. Run with
 *   -bios exit.rom -device isa-debug-exit,iobase=0xf4,iosize=4
 * the process lives from start to this exit: QEMU's own start-up.
 */
	.code16
	.text
	.org 0xfff0
reset:
	movb $DEBUG_EXIT_PASS, %al
	outb %al, $DEBUG_EXIT_PORT
	hlt
	jmp reset
	.org 0x10000
