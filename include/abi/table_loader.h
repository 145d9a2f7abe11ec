/* table_loader.h: QEMU's etc/table-loader script (BIOS linker/loader) for ACPI tables. */
#ifndef ABI_TABLE_LOADER_H
#define ABI_TABLE_LOADER_H

#include "abi/abi.h"

/*
 * QEMU builds its ACPI tables in fw_cfg files (etc/acpi/tables,
 * etc/acpi/rsdp, ...) whose pointers are offsets inside those files. The
 * script tells firmware where to put each file and how to fix it up once
 * placed: an array of 128-byte commands, every field little-endian,
 * padded with zero commands that firmware skips.
 */
#define TABLE_LOADER_FILE	 "etc/table-loader"
#define TABLE_LOADER_FILESZ	 56 /* file names, NUL-padded */
#define TABLE_LOADER_CMD_SIZE	 128

#define TABLE_LOADER_ALLOCATE	   1 /* place a file and read it in */
#define TABLE_LOADER_ADD_POINTER   2 /* dest[offset] += address of src */
#define TABLE_LOADER_ADD_CHECKSUM  3 /* 8-bit checksum over a range */
#define TABLE_LOADER_WRITE_POINTER 4 /* tell QEMU where a file went */

#define TABLE_LOADER_ZONE_HIGH 1 /* anywhere in RAM below 4 GiB */
#define TABLE_LOADER_ZONE_FSEG 2 /* where legacy scans look (< 1 MiB) */

#ifndef __ASSEMBLY__
struct table_loader_cmd {
	uint32_t command;
	union {
		struct {
			char file[TABLE_LOADER_FILESZ];
			uint32_t align; /* a power of two */
			uint8_t zone;
		} ABI_PACKED alloc;
		struct {
			char dest_file[TABLE_LOADER_FILESZ];
			char src_file[TABLE_LOADER_FILESZ];
			uint32_t offset; /* in dest_file */
			uint8_t size;	 /* 1, 2, 4 or 8 bytes */
		} ABI_PACKED pointer;
		struct {
			char file[TABLE_LOADER_FILESZ];
			uint32_t offset; /* of the checksum byte */
			uint32_t start;
			uint32_t length;
		} ABI_PACKED cksum;
		struct {
			char dest_file[TABLE_LOADER_FILESZ]; /* fw_cfg file */
			char src_file[TABLE_LOADER_FILESZ];
			uint32_t dst_offset;
			uint32_t src_offset;
			uint8_t size;
		} ABI_PACKED wr_pointer;
		uint8_t pad[TABLE_LOADER_CMD_SIZE - 4];
	};
} ABI_PACKED;
ABI_CHECK_SIZE(struct table_loader_cmd, TABLE_LOADER_CMD_SIZE);
ABI_CHECK_OFFSET(struct table_loader_cmd, alloc.zone, 64);
ABI_CHECK_OFFSET(struct table_loader_cmd, pointer.size, 120);
ABI_CHECK_OFFSET(struct table_loader_cmd, cksum.length, 68);
ABI_CHECK_OFFSET(struct table_loader_cmd, wr_pointer.size, 124);
#endif

#endif
