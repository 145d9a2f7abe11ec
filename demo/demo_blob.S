/* demo_blob.S: the demo guest ELF, built into jiffy as jiffy_demo_elf[] .. jiffy_demo_elf_end[]. */

/* DEMO_ELF: the file's path, from demo/build.mk. */
	.section .rodata
	.balign 16
	.globl jiffy_demo_elf, jiffy_demo_elf_end
	.type jiffy_demo_elf, @object
jiffy_demo_elf:
	.incbin DEMO_ELF
jiffy_demo_elf_end:
	.size jiffy_demo_elf, jiffy_demo_elf_end - jiffy_demo_elf
	.section .note.GNU-stack, "", @progbits
