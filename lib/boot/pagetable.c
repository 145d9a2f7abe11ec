/* pagetable.c: builds the 4 GiB identity map with 2 MiB pages. */
#include "boot/pagetable.h"

#include <string.h>

#define PTE_P  (1ull << 0)
#define PTE_RW (1ull << 1)
#define PTE_PS (1ull << 7) /* 2 MiB page in a page directory */
#define PAGE   4096u

void pagetable_identity_4g(void *tables, uint64_t gpa)
{
	uint64_t *pml4 = tables;
	uint64_t *pdpt = pml4 + 512;
	uint64_t *pd = pdpt + 512;

	memset(tables, 0, PAGETABLE_IDENTITY_PAGES * PAGE);
	pml4[0] = (gpa + PAGE) | PTE_P | PTE_RW;
	for (unsigned i = 0; i < 4; i++)
		pdpt[i] = (gpa + (2 + i) * PAGE) | PTE_P | PTE_RW;
	for (unsigned i = 0; i < 4 * 512; i++)
		pd[i] = ((uint64_t)i << 21) | PTE_P | PTE_RW | PTE_PS;
}
