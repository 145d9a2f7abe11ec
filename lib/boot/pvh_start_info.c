/* pvh_start_info.c: filling hvm_start_info, its module list and memory map. */
#include "boot/pvh.h"

#include <string.h>

/*
 * Apart from the ELF parsing in pvh.c, so that firmware built without a
 * C library (no <elf.h>) can use it too.
 */
void pvh_fill_start_info(struct hvm_start_info *si,
			 struct hvm_modlist_entry *mod,
			 struct hvm_memmap_table_entry *memmap,
			 const struct pvh_boot_args *a)
{
	memset(si, 0, sizeof(*si));
	si->magic = HVM_START_MAGIC;
	/* Version 1 with a memory map: Linux BUGs on version 0 under KVM. */
	si->version = HVM_START_VERSION;
	si->cmdline_paddr = a->cmdline_addr;
	si->rsdp_paddr = a->rsdp_addr;
	if (a->initrd_size) {
		memset(mod, 0, sizeof(*mod));
		mod->paddr = a->initrd_addr;
		mod->size = a->initrd_size;
		si->nr_modules = 1;
		si->modlist_paddr = a->modlist_addr;
	}
	/* Field by field: a compound literal has compilers clear each
	 * entry first, a loop that firmware (which builds this too) pays
	 * for in emulated instructions. */
	for (const struct e820_entry *e = a->map->e; e < a->map->e + a->map->n;
	     e++, memmap++) {
		memmap->addr = e->addr;
		memmap->size = e->size;
		memmap->type = e->type;
		memmap->reserved = 0;
	}
	si->memmap_paddr = a->memmap_addr;
	si->memmap_entries = a->map->n;
}
