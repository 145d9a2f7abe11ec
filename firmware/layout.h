/* layout.h: jiffy firmware's memory map: the ROM, its own RAM, where it puts what. */
#ifndef FW_LAYOUT_H
#define FW_LAYOUT_H

/*
 * The image is one 64 KiB ROM at the top of 4 GiB (the CPU's reset
 * vector is its last 16 bytes), also seen below 1 MiB at 0xf0000 as on a
 * PC. The firmware never writes to it: it has no data or bss section;
 * everything it keeps is one struct fw_state at FW_STATE_ADDR, below its
 * stack. It never clears that memory (each iteration of a string
 * instruction costs as much as an instruction where guest code is
 * emulated): every field is written before it is read, but for the flag
 * main.c tells a power-on from a jump back to the reset vector with.
 *
 *  guest-physical         what                                   notes
 *  ---------------------  -------------------------------------  ------------
 *  0x0000_040e            BIOS data area: EBDA segment           set by the
 *                                                                ACPI loader
 *  0x0000_1000            struct fw_state (fw_cfg client and      RAM in e820;
 *                         directory, memory maps, zero page or    the kernel
 *                         hvm_start_info, ACPI loader state)      reads it first
 *  0x0000_7000-0x8000     stack
 *  0x0000_9000, 0x9500    multiboot memory map and information    QEMU's places
 *  0x0002_0000            command line (QEMU's CMDLINE_ADDR; ours
 *                         for PVH)
 *  0x0009_f000            EBDA: ACPI tables for the F-segment     reserved
 *                         zone (the RSDP), where scans look
 *  0x0009_fc00            left alone (jiffy's MP table)          reserved
 *  0x000e_0000            ACPI tables a VMM placed itself        reserved
 *                         (jiffy --firmware: RSDP first), where
 *                         the RSDP scan looks
 *  0x000f_0000            the ROM's low alias, never scanned     reserved
 *  0x0010_0000 and up     kernel, initrd (QEMU's places)
 *  top of low RAM         ACPI tables (the loader's high zone),  reserved
 *                         in the room QEMU keeps free (0x28000)
 *  0xffff_0000            the ROM
 */
#define FW_ROM_BASE 0xffff0000
#define FW_RESET16_ADDR 0xffffffc0 /* firmware.lds puts the real-mode code here */

#define FW_BDA_EBDA_SEG	  0x40e
#define FW_STATE_ADDR	  0x1000
#define FW_STACK_BOTTOM	  0x7000
#define FW_STACK_TOP	  0x8000
#define FW_RAM_END	  FW_STACK_TOP
#define FW_MB_MMAP_ADDR	  0x9000 /* when QEMU's information names none */
#define FW_CMDLINE_ADDR	  0x20000
#define FW_CMDLINE_MAX	  0x10000 /* with its NUL */
#define FW_EBDA_ADDR	  0x9f000
#define FW_EBDA_TABLES_END 0x9fc00
#define FW_LOW_RAM_END	  0x9f000 /* RAM below the EBDA */
#define FW_EBDA_END	   0xa0000
#define FW_BIOS_AREA	   0xe0000 /* reserved up to 1 MiB */
#define FW_BIOS_ADDR	   0xf0000 /* the ROM's alias */
#define FW_HIMEM	  0x100000

#endif
