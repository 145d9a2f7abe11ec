/* pvh.h: PVH kernels: the Xen entry note and hvm_start_info. */
#ifndef BOOT_PVH_H
#define BOOT_PVH_H

#include <stdint.h>

#include "abi/pvh.h"
#include "boot/boot_error.h"
#include "boot/e820.h"
#include "boot/elf.h"

struct pvh_kernel {
	struct elf_image elf;
	uint32_t entry;	 /* 32-bit physical entry from the Xen note */
	uint64_t lo, hi; /* physical span of the PT_LOAD segments */
};

/*
 * Look for the Xen PHYS32_ENTRY note in every PT_NOTE segment, laid out for
 * 4-byte alignment and, for 8-aligned note segments, for 8-byte alignment
 * as well (what binutils >= 2.36 can produce: descriptor and next note at
 * 8-byte multiples from the note's start). Returns 0 with *entry set,
 * -ENOENT when there is no such note, -ENOEXEC when a note is malformed
 * (err set).
 */
int pvh_find_entry(const struct elf_image *img, uint32_t *entry,
		   struct boot_error *err);

/*
 * Parse a PVH kernel: a valid ELF whose note gives an entry that lies in
 * an executable PT_LOAD segment. -ENOEXEC / -ENOENT with err set.
 */
int pvh_parse(struct pvh_kernel *k, const void *data, size_t size,
	      struct boot_error *err);

/* Where the boot structures go; every address is guest-physical. */
struct pvh_boot_args {
	uint64_t start_info_addr;
	uint64_t cmdline_addr; /* 0: no command line */
	uint64_t modlist_addr;
	uint64_t initrd_addr;
	uint64_t initrd_size; /* 0: no initrd, no module */
	uint64_t memmap_addr;
	uint64_t rsdp_addr; /* 0: guest scans for it */
	const struct e820_map *map;
};

/*
 * Fill the start info, module list (one entry, the initrd) and memory map
 * in host buffers the caller then places at the addresses in args. memmap
 * must have room for args->map->n entries.
 */
void pvh_fill_start_info(struct hvm_start_info *si,
			 struct hvm_modlist_entry *mod,
			 struct hvm_memmap_table_entry *memmap,
			 const struct pvh_boot_args *args);

#endif
