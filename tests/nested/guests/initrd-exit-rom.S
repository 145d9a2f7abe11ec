/* initrd-exit-rom.S: a 64 KiB BIOS image that reads the initrd by one fw_cfg DMA and leaves: QEMU's share of a firmware's boot. */
#include "abi/debug_ports.h"
#include "abi/fw_cfg.h"

/*
 * bench/firmware.sh times firmwares under QEMU with a 128 MiB initrd. Part
 * of every such boot is not the firmware's: QEMU starting, the DMA copy of
 * the initrd into fresh guest RAM (tens of milliseconds here, the same
 * for every firmware that reads it by DMA), QEMU exiting. This image does
 * that part and nothing else, from the reset vector in real mode: the
 * initrd's address and size by byte I/O, one DMA READ of INITRD_DATA to
 * that address, the exit port (the pass status only if the DMA
 * completed). A firmware's own share is its median less this one's.
 * Memory at 0x1000 (DS = ES = 0 after reset) holds the descriptor and
 * the two words read.
 */
#define DESC	0x1000
#define ADDR	0x1010
#define SIZE	0x1014
/* READ | SELECT of INITRD_DATA, big-endian as the device reads it. */
#define CONTROL ((FW_CFG_INITRD_DATA << 16) | FW_CFG_DMA_CTL_SELECT | \
		 FW_CFG_DMA_CTL_READ)

	.code16
	.text
	.org 0xff00
start:
	cld
	movw $FW_CFG_PORT_SEL, %dx
	movw $FW_CFG_INITRD_ADDR, %ax
	outw %ax, %dx
	movw $FW_CFG_PORT_DATA, %dx
	movw $ADDR, %di
	movw $4, %cx
	rep insb
	movw $FW_CFG_PORT_SEL, %dx
	movw $FW_CFG_INITRD_SIZE, %ax
	outw %ax, %dx
	movw $FW_CFG_PORT_DATA, %dx
	movw $SIZE, %di
	movw $4, %cx
	rep insb
	/* The descriptor: control, length, address (high word 0). */
	movl $CONTROL, %eax
	bswapl %eax
	movl %eax, DESC
	movl SIZE, %eax
	bswapl %eax
	movl %eax, DESC + 4
	movl $0, DESC + 8
	movl ADDR, %eax
	bswapl %eax
	movl %eax, DESC + 12
	/* Writing the address's low half starts the transfer. */
	movl $DESC, %eax
	bswapl %eax
	movw $FW_CFG_PORT_DMA_LO, %dx
	outl %eax, %dx
	/* Done and well when the device has cleared the control word: only
	 * then the pass status, so the benchmark never times a boot whose
	 * DMA did not happen. */
	movb $DEBUG_EXIT_PASS, %al
	cmpl $0, DESC
	je 1f
	movb $DEBUG_EXIT_FAIL, %al
1:	outb %al, $DEBUG_EXIT_PORT
2:	hlt
	jmp 2b

	.org 0xfff0
reset:
	jmp start
	.org 0x10000
	.section .note.GNU-stack, "", @progbits
