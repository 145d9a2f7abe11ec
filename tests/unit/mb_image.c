/* mb_image.c: builds multiboot test images and memory maps for the unit tests.
 */
#include "mb_image.h"

#include <stdlib.h>
#include <string.h>

size_t tmb_header(uint8_t *p, uint32_t flags, const struct multiboot_header *h)
{
	struct multiboot_header all = h ? *h : (struct multiboot_header){ 0 };
	size_t n = flags & MULTIBOOT_VIDEO_MODE	   ? MULTIBOOT_HEADER_VIDEO_SIZE
		   : flags & MULTIBOOT_AOUT_KLUDGE ? MULTIBOOT_HEADER_ADDR_SIZE
						   : MULTIBOOT_HEADER_MIN_SIZE;

	all.magic = MULTIBOOT_HEADER_MAGIC;
	all.flags = flags;
	all.checksum = 0u - MULTIBOOT_HEADER_MAGIC - flags;
	memcpy(p, &all, n);
	return n;
}

uint8_t *tmb_aout(size_t size, size_t hdr_off, uint32_t flags,
		  const struct multiboot_header *h)
{
	uint8_t *f = malloc(size ? size : 1);

	if (!f)
		abort();
	for (size_t i = 0; i < size; i++)
		f[i] = (uint8_t)(i * 7);
	if (hdr_off < size)
		tmb_header(f + hdr_off, flags, h);
	return f;
}

void tmb_elf(struct test_elf *e, bool is64, uint32_t flags)
{
	/* The PVH test kernel without its note: the header goes first in
	 * its code segment's bytes. */
	telf_pvh_kernel(e, is64, 0, 4);
	e->nseg = 2;
	e->body_len = 0x1040;
	e->entry = TMB_ENTRY;
	tmb_header(e->body, flags, NULL);
}
