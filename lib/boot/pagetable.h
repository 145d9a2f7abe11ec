/* pagetable.h: identity-mapped long-mode page tables for the 64-bit entry. */
#ifndef BOOT_PAGETABLE_H
#define BOOT_PAGETABLE_H

#include <stdint.h>

/* PML4 + PDPT + 4 page directories of 2 MiB pages: the first 4 GiB. */
#define PAGETABLE_IDENTITY_PAGES 6

/*
 * Fill PAGETABLE_IDENTITY_PAGES contiguous 4 KiB pages at host address
 * tables, which the guest sees at gpa, so that CR3 = gpa identity-maps
 * [0, 4 GiB). The Linux 64-bit boot protocol needs the kernel, zero page
 * and command line mapped; mapping all 4 GiB also covers an initrd, the
 * MMIO hole and whatever older kernels touch before their own tables.
 */
void pagetable_identity_4g(void *tables, uint64_t gpa);

#endif
