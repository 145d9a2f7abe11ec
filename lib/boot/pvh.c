/* pvh.c: the Xen PVH entry note and the start-of-day structures. */
#include "boot/pvh.h"

#include <elf.h>
#include <errno.h>
#include <string.h>

#define NOTE_HDR 12 /* namesz, descsz, type */

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

/*
 * Walk one note segment with the given alignment. 1: found, 0: not, <0: bad.
 * As in the gABI (and glibc's ELF_NOTE_DESC_OFFSET), the descriptor and the
 * next note start at multiples of pad from the note's start: the descriptor
 * at align(12 + namesz). Rounding namesz alone up to 8, as QEMU does, puts
 * an 8-aligned "Xen" note's descriptor 4 bytes too far.
 */
static int scan_notes(const struct elf_image *img, unsigned seg, uint64_t pad,
		      uint32_t *entry, struct boot_error *err)
{
	const struct elf_seg *s = &img->seg[seg];
	uint64_t off = s->offset, end;

	if (s->offset > img->size || s->filesz > img->size - s->offset)
		return boot_fail(
			err, -ENOEXEC,
			"PT_NOTE %u [0x%llx, +0x%llx) reaches past the end of the file (0x%zx bytes)",
			seg, (unsigned long long)s->offset,
			(unsigned long long)s->filesz, img->size);
	end = s->offset + s->filesz;
	while (end - off >= NOTE_HDR) {
		uint32_t namesz, descsz, type;
		uint64_t name_off = off + NOTE_HDR, desc_off, next;

		memcpy(&namesz, img->data + off, 4);
		memcpy(&descsz, img->data + off + 4, 4);
		memcpy(&type, img->data + off + 8, 4);
		desc_off = off + align_up(NOTE_HDR + (uint64_t)namesz, pad);
		next = desc_off + align_up(descsz, pad);
		if (next > end || desc_off > end) {
			/* A Xen entry note cut short is an error; anything
			 * else may just be the wrong padding guess. */
			if (type == XEN_ELFNOTE_PHYS32_ENTRY && namesz == 4 &&
			    name_off + 4 <= end &&
			    !memcmp(img->data + name_off, "Xen", 4))
				return boot_fail(
					err, -ENOEXEC,
					"Xen PHYS32_ENTRY note at file offset 0x%llx runs past the end of PT_NOTE %u",
					(unsigned long long)off, seg);
			return 0;
		}
		if (type == XEN_ELFNOTE_PHYS32_ENTRY && namesz == 4 &&
		    !memcmp(img->data + name_off, "Xen", 4)) {
			uint32_t lo, hi = 0;

			if (descsz != 4 && descsz != 8)
				return boot_fail(
					err, -ENOEXEC,
					"Xen PHYS32_ENTRY note has a %u-byte descriptor (expected 4 or 8)",
					descsz);
			memcpy(&lo, img->data + desc_off, 4);
			if (descsz == 8)
				memcpy(&hi, img->data + desc_off + 4, 4);
			if (hi)
				return boot_fail(
					err, -ENOEXEC,
					"Xen PHYS32_ENTRY note gives entry 0x%08x%08x, above 4 GiB",
					hi, lo);
			*entry = lo;
			return 1;
		}
		off = next;
	}
	return 0;
}

int pvh_find_entry(const struct elf_image *img, uint32_t *entry,
		   struct boot_error *err)
{
	for (unsigned i = 0; i < img->nsegs; i++) {
		int found;

		if (img->seg[i].type != PT_NOTE)
			continue;
		found = scan_notes(img, i, 4, entry, err);
		if (!found && img->seg[i].align == 8)
			found = scan_notes(img, i, 8, entry, err);
		if (found)
			return found < 0 ? found : 0;
	}
	return boot_fail(
		err, -ENOENT,
		"no Xen PHYS32_ENTRY note (type 18) in any PT_NOTE segment");
}

int pvh_parse(struct pvh_kernel *k, const void *data, size_t size,
	      struct boot_error *err)
{
	int ret = elf_parse(&k->elf, data, size, err);

	if (ret)
		return ret;
	ret = pvh_find_entry(&k->elf, &k->entry, err);
	if (ret)
		return ret;
	elf_load_span(&k->elf, &k->lo, &k->hi);
	for (unsigned i = 0; i < k->elf.nsegs; i++) {
		const struct elf_seg *s = &k->elf.seg[i];

		if (s->type == PT_LOAD && (s->flags & PF_X) &&
		    k->entry >= s->paddr && k->entry < s->paddr + s->memsz)
			return 0;
	}
	return boot_fail(
		err, -ENOEXEC,
		"PVH entry 0x%x is not inside an executable PT_LOAD segment (loaded span [0x%llx, 0x%llx))",
		k->entry, (unsigned long long)k->lo, (unsigned long long)k->hi);
}
