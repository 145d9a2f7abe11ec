/* debug_ports.h: the I/O ports guests use to talk to jiffy (and to QEMU). */
#ifndef ABI_DEBUG_PORTS_H
#define ABI_DEBUG_PORTS_H

/*
 * Exit device with QEMU isa-debug-exit semantics: a 1-, 2- or 4-byte write
 * of v ends the VMM with status (v << 1) | 1. Under QEMU, add
 * -device isa-debug-exit,iobase=0xf4,iosize=0x04 for the same behaviour.
 */
#define DEBUG_EXIT_PORT 0xf4

/*
 * Status conventions of jiffy's own guests (test guests, firmware panics).
 * The values follow the common osdev practice, so they are unlikely to be
 * confused with a status jiffy produces itself (0, 2, 4, 8).
 */
#define DEBUG_EXIT_PASS	     0x10 /* process status 33 */
#define DEBUG_EXIT_FAIL	     0x11 /* process status 35 */
#define DEBUG_EXIT_PANIC     0x12 /* process status 37: firmware panic */
#define DEBUG_EXIT_STATUS(v) ((((v) << 1) | 1) & 0xff)

/*
 * POST code port: each byte written is timestamped by `jiffy --trace`.
 * Ranges (Cloud Hypervisor's): 0x00-0x1f firmware, 0x20-0x3f boot loader,
 * 0x40-0x5f kernel, 0x60-0x7f user space.
 */
#define POST_PORT 0x80

/* jiffy firmware's progress codes (the firmware range). */
#define POST_FW_START	      0x01 /* first instruction in 32-bit mode */
#define POST_FW_CFG_READY     0x02 /* fw_cfg probed, directory read */
#define POST_FW_KERNEL_LOADED 0x03 /* kernel, initrd, command line in RAM */
#define POST_FW_JUMP	      0x04 /* the next instruction is the kernel's */
#define POST_FW_PANIC	      0x1f /* panic() (then DEBUG_EXIT_PANIC) */

/* Firecracker's boot-timer convention: a byte 123 written here. */
#define BOOT_TIMER_MMIO	 0xc0000000u
#define BOOT_TIMER_VALUE 123

/* Legacy PC ports jiffy answers. */
#define COM1_PORT	0x3f8
#define COM1_IRQ	4
#define KBC_DATA_PORT	0x60
#define KBC_STATUS_PORT 0x64 /* writing 0xfe here resets the machine */
#define KBC_CMD_RESET	0xfe

#endif
