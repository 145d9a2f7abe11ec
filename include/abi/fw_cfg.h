/* fw_cfg.h: QEMU's fw_cfg interface: registers, keys, DMA descriptor, file directory. */
#ifndef ABI_FW_CFG_H
#define ABI_FW_CFG_H

#include "abi/abi.h"

/*
 * Shared by the device model (lib/fw_cfg), the guest-side client, the
 * firmware and the test guests. Values follow QEMU 7.2 (docs: fw_cfg.md).
 * Multi-byte registers and structures are big-endian unless noted; item
 * contents (the integers in legacy keys) are little-endian.
 */

/* x86 port I/O: a 12-byte window from 0x510 (the ACPI _CRS length with DMA). */
#define FW_CFG_PORT_BASE   0x510
#define FW_CFG_PORT_SEL    0x510 /* 16-bit OUT selects a key (LE) */
#define FW_CFG_PORT_DATA   0x511 /* 8-bit IN reads the next item byte */
#define FW_CFG_PORT_DMA_HI 0x514 /* 32-bit OUT: address bits 63..32 (BE) */
#define FW_CFG_PORT_DMA_LO 0x518 /* 32-bit OUT: 31..0 (BE), starts the DMA */
#define FW_CFG_PORT_SIZE   0x0c

/* MMIO window (ARM/RISC-V `virt`): offsets from the base. */
#define FW_CFG_MMIO_DATA 0x00 /* 1-8 byte reads, string-preserving */
#define FW_CFG_MMIO_SEL  0x08 /* 16-bit BE writes select */
#define FW_CFG_MMIO_DMA  0x10 /* BE64, or two BE32 (high first, low starts) */
#define FW_CFG_MMIO_SIZE 0x18
#define FW_CFG_ARM_VIRT_BASE 0x09020000u
#define FW_CFG_RISCV_VIRT_BASE 0x10100000u

/* Generic keys. */
#define FW_CFG_SIGNATURE      0x00 /* "QEMU" */
#define FW_CFG_ID             0x01 /* LE32 feature bitmap, FW_CFG_VERSION* */
#define FW_CFG_UUID           0x02 /* 16 bytes in textual order */
#define FW_CFG_RAM_SIZE       0x03 /* LE64 */
#define FW_CFG_NOGRAPHIC      0x04 /* LE16 */
#define FW_CFG_NB_CPUS        0x05 /* LE16 boot CPUs */
#define FW_CFG_MACHINE_ID     0x06
#define FW_CFG_KERNEL_ADDR    0x07 /* LE32 */
#define FW_CFG_KERNEL_SIZE    0x08 /* LE32 */
#define FW_CFG_KERNEL_CMDLINE 0x09
#define FW_CFG_INITRD_ADDR    0x0a /* LE32 */
#define FW_CFG_INITRD_SIZE    0x0b /* LE32 */
#define FW_CFG_BOOT_DEVICE    0x0c
#define FW_CFG_NUMA           0x0d /* LE64 array */
#define FW_CFG_BOOT_MENU      0x0e /* LE16 */
#define FW_CFG_MAX_CPUS       0x0f /* LE16; the APIC ID limit on x86 pc */
#define FW_CFG_KERNEL_ENTRY   0x10 /* LE32, PVH and multiboot */
#define FW_CFG_KERNEL_DATA    0x11
#define FW_CFG_INITRD_DATA    0x12
#define FW_CFG_CMDLINE_ADDR   0x13 /* LE32 */
#define FW_CFG_CMDLINE_SIZE   0x14 /* LE32, strlen + 1 */
#define FW_CFG_CMDLINE_DATA   0x15 /* NUL-terminated */
#define FW_CFG_SETUP_ADDR     0x16 /* LE32 */
#define FW_CFG_SETUP_SIZE     0x17 /* LE32 */
#define FW_CFG_SETUP_DATA     0x18
#define FW_CFG_FILE_DIR       0x19 /* struct fw_cfg_files */
#define FW_CFG_FILE_FIRST     0x20 /* first key of named items */
#define FW_CFG_FILE_SLOTS_MIN 0x10
#define FW_CFG_FILE_SLOTS_DFLT 0x20 /* QEMU's default x-file-slots */
#define FW_CFG_FILE_SLOTS_MAX 0x3fe0

/* Key bits. */
#define FW_CFG_WRITE_CHANNEL 0x4000 /* historical; QEMU ignores it */
#define FW_CFG_ARCH_LOCAL    0x8000 /* the architecture's own table */
#define FW_CFG_ENTRY_MASK    0x3fff
#define FW_CFG_INVALID       0xffff

/* x86 architecture-local keys. */
#define FW_CFG_ACPI_TABLES    (FW_CFG_ARCH_LOCAL + 0)
#define FW_CFG_SMBIOS_ENTRIES (FW_CFG_ARCH_LOCAL + 1)
#define FW_CFG_IRQ0_OVERRIDE  (FW_CFG_ARCH_LOCAL + 2) /* LE32 1 */
#define FW_CFG_E820_TABLE     (FW_CFG_ARCH_LOCAL + 3) /* removed in QEMU 7.x */
#define FW_CFG_HPET           (FW_CFG_ARCH_LOCAL + 4)

/* FW_CFG_ID bits. */
#define FW_CFG_VERSION     0x01 /* the traditional interface: always */
#define FW_CFG_VERSION_DMA 0x02 /* the DMA interface */

#define FW_CFG_SIG       "QEMU"
#define FW_CFG_SIG_SIZE  4
/* The DMA address register reads as these bytes ("QEMU CFG") at any width. */
#define FW_CFG_DMA_SIGNATURE 0x51454d5520434647ull /* as a big-endian u64 */

#define FW_CFG_MAX_FILE_PATH 56 /* name field, including the NUL */

/* DMA control word. */
#define FW_CFG_DMA_CTL_ERROR  0x01 /* set by the device on failure */
#define FW_CFG_DMA_CTL_READ   0x02
#define FW_CFG_DMA_CTL_SKIP   0x04
#define FW_CFG_DMA_CTL_SELECT 0x08 /* the key is in bits 31..16 */
#define FW_CFG_DMA_CTL_WRITE  0x10
#define FW_CFG_DMA_CTL_KEY(k) ((uint32_t)(k) << 16)

#ifndef __ASSEMBLY__
/* The DMA descriptor: every field big-endian, any alignment. */
struct fw_cfg_dma_access {
	uint32_t control;
	uint32_t length;
	uint64_t address; /* guest-physical; unused by SKIP */
} ABI_PACKED;
ABI_CHECK_SIZE(struct fw_cfg_dma_access, 16);
ABI_CHECK_OFFSET(struct fw_cfg_dma_access, address, 8);

/* One directory entry: every field big-endian. */
struct fw_cfg_file {
	uint32_t size;
	uint16_t select;
	uint16_t reserved;
	char name[FW_CFG_MAX_FILE_PATH];
} ABI_PACKED;
ABI_CHECK_SIZE(struct fw_cfg_file, 64);
ABI_CHECK_OFFSET(struct fw_cfg_file, name, 8);

/* Key FW_CFG_FILE_DIR: a BE32 count, then the entries sorted by name. */
struct fw_cfg_files {
	uint32_t count;
	struct fw_cfg_file f[];
} ABI_PACKED;
ABI_CHECK_SIZE(struct fw_cfg_files, 4);

/* One entry of the etc/e820 file is a struct e820_entry (abi/e820.h). */
#endif

#endif
