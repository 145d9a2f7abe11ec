/* e820.h: the PC memory-map entry (BIOS E820, zero page). */
#ifndef ABI_E820_H
#define ABI_E820_H

#include "abi/abi.h"

#define E820_RAM      1
#define E820_RESERVED 2
#define E820_ACPI     3 /* ACPI tables, reclaimable once read */
#define E820_NVS      4
#define E820_UNUSABLE 5
#define E820_PMEM     7

#define E820_MAX_ZEROPAGE 128 /* entries that fit in boot_params */

#ifndef __ASSEMBLY__
struct e820_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
} ABI_PACKED;
ABI_CHECK_SIZE(struct e820_entry, 20);
#endif

#endif
