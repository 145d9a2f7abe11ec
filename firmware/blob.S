/* blob.S: the firmware ROM, built into jiffy as jiffy_firmware[] .. jiffy_firmware_end[]. */

/*
 * FW_BIN: the image's path, from firmware/build.mk. Page-aligned: KVM
 * maps it into the guest as it is, a read-only memory slot.
 */
	.section .rodata
	.balign 4096
	.globl jiffy_firmware, jiffy_firmware_end
	.type jiffy_firmware, @object
jiffy_firmware:
	.incbin FW_BIN
jiffy_firmware_end:
	.size jiffy_firmware, jiffy_firmware_end - jiffy_firmware
	.section .note.GNU-stack, "", @progbits
