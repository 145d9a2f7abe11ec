/* pvh.h: the Xen x86/HVM direct boot ABI ("PVH") as KVM guests use it. */
#ifndef ABI_PVH_H
#define ABI_PVH_H

#include "abi/abi.h"

/* ELF note, owner "Xen", whose descriptor is the 32-bit physical entry. */
#define XEN_ELFNOTE_PHYS32_ENTRY 18
#define XEN_ELFNOTE_PHYS32_RELOC 19

#define HVM_START_MAGIC	  0x336ec578u /* "xEn3" with bit 7 of 'E' set */
#define HVM_START_VERSION 1	      /* v1 adds the memory map */

/* Memory-map entry types are the ACPI address-range types (E820_*). */

#ifndef __ASSEMBLY__
/*
 * Pointed to by EBX at entry, which is in 32-bit protected mode with paging
 * off. Every pointer is a guest-physical address; 0 means absent.
 */
struct hvm_start_info {
	uint32_t magic;
	uint32_t version;
	uint32_t flags; /* SIF_* (Xen privilege flags): 0 under KVM */
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr;	 /* version >= 1 */
	uint32_t memmap_entries; /* version >= 1 */
	uint32_t reserved;
};
ABI_CHECK_SIZE(struct hvm_start_info, 56);
ABI_CHECK_OFFSET(struct hvm_start_info, memmap_paddr, 40);

struct hvm_modlist_entry {
	uint64_t paddr;
	uint64_t size;
	uint64_t cmdline_paddr;
	uint64_t reserved;
};
ABI_CHECK_SIZE(struct hvm_modlist_entry, 32);

struct hvm_memmap_table_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
};
ABI_CHECK_SIZE(struct hvm_memmap_table_entry, 24);
#endif

#endif
