/* elf.c: ELF header and program-header parsing with every offset checked. */
#include "boot/elf.h"

#include <elf.h>
#include <errno.h>
#include <string.h>

bool elf_is_elf(const void *data, size_t size)
{
	return size >= SELFMAG && !memcmp(data, ELFMAG, SELFMAG);
}

/* Both classes' program headers have the same fields in different widths
 * and orders; one macro copies either into the common shape. */
#define SEG_FROM(s, p)                                     \
	(*(s) = (struct elf_seg){ .type = (p)->p_type,     \
				  .flags = (p)->p_flags,   \
				  .offset = (p)->p_offset, \
				  .vaddr = (p)->p_vaddr,   \
				  .paddr = (p)->p_paddr,   \
				  .filesz = (p)->p_filesz, \
				  .memsz = (p)->p_memsz,   \
				  .align = (p)->p_align })

static int parse_header(struct elf_image *img, uint64_t *phoff,
			unsigned *phentsize, unsigned *phnum,
			struct boot_error *err)
{
	const uint8_t *d = img->data;
	unsigned type;
	size_t need;

	if (img->size < EI_NIDENT)
		return boot_fail(err, -ENOEXEC,
				 "ELF file is only %zu bytes long", img->size);
	if (d[EI_CLASS] != ELFCLASS32 && d[EI_CLASS] != ELFCLASS64)
		return boot_fail(err, -ENOEXEC,
				 "ELF class %u is neither 32 nor 64-bit",
				 d[EI_CLASS]);
	img->is64 = d[EI_CLASS] == ELFCLASS64;
	need = img->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	if (img->size < need)
		return boot_fail(
			err, -ENOEXEC,
			"truncated ELF: %zu bytes, the ELF%d header alone needs %zu",
			img->size, img->is64 ? 64 : 32, need);
	if (d[EI_DATA] != ELFDATA2LSB)
		return boot_fail(err, -ENOEXEC,
				 "ELF data encoding %u is not little-endian",
				 d[EI_DATA]);
	if (d[EI_VERSION] != EV_CURRENT)
		return boot_fail(err, -ENOEXEC, "ELF version %u is not 1",
				 d[EI_VERSION]);
	if (img->is64) {
		Elf64_Ehdr h;

		memcpy(&h, d, sizeof(h));
		img->machine = h.e_machine;
		type = h.e_type;
		img->entry = h.e_entry;
		*phoff = h.e_phoff;
		*phentsize = h.e_phentsize;
		*phnum = h.e_phnum;
	} else {
		Elf32_Ehdr h;

		memcpy(&h, d, sizeof(h));
		img->machine = h.e_machine;
		type = h.e_type;
		img->entry = h.e_entry;
		*phoff = h.e_phoff;
		*phentsize = h.e_phentsize;
		*phnum = h.e_phnum;
	}
	if (type != ET_EXEC && type != ET_DYN)
		return boot_fail(err, -ENOEXEC,
				 "ELF type %u is not an executable (%s)", type,
				 type == ET_REL	   ? "an object file"
				 : type == ET_CORE ? "a core dump"
						   : "unknown type");
	if (img->machine != EM_386 && img->machine != EM_X86_64)
		return boot_fail(
			err, -ENOEXEC,
			"ELF machine %u is not x86 (EM_386 3 or EM_X86_64 62)",
			img->machine);
	return 0;
}

static int check_load(const struct elf_image *img, unsigned i,
		      struct boot_error *err)
{
	const struct elf_seg *s = &img->seg[i];

	if (s->offset > img->size || s->filesz > img->size - s->offset)
		return boot_fail(
			err, -ENOEXEC,
			"PT_LOAD %u: file bytes [0x%llx, 0x%llx) reach past the end of the file (0x%zx bytes)",
			i, (unsigned long long)s->offset,
			(unsigned long long)(s->offset + s->filesz), img->size);
	if (s->filesz > s->memsz)
		return boot_fail(
			err, -ENOEXEC,
			"PT_LOAD %u: p_filesz 0x%llx is larger than p_memsz 0x%llx",
			i, (unsigned long long)s->filesz,
			(unsigned long long)s->memsz);
	if (s->paddr + s->memsz < s->paddr)
		return boot_fail(
			err, -ENOEXEC,
			"PT_LOAD %u: p_paddr 0x%llx + p_memsz 0x%llx wraps around",
			i, (unsigned long long)s->paddr,
			(unsigned long long)s->memsz);
	for (unsigned j = 0; j < i; j++) {
		const struct elf_seg *o = &img->seg[j];

		if (o->type != PT_LOAD || !o->memsz || !s->memsz)
			continue;
		if (s->paddr < o->paddr + o->memsz &&
		    o->paddr < s->paddr + s->memsz)
			return boot_fail(
				err, -ENOEXEC,
				"PT_LOAD %u [0x%llx, 0x%llx) overlaps PT_LOAD %u [0x%llx, 0x%llx)",
				i, (unsigned long long)s->paddr,
				(unsigned long long)(s->paddr + s->memsz), j,
				(unsigned long long)o->paddr,
				(unsigned long long)(o->paddr + o->memsz));
	}
	return 0;
}

int elf_parse(struct elf_image *img, const void *data, size_t size,
	      struct boot_error *err)
{
	unsigned phentsize = 0, phnum = 0, nload = 0;
	uint64_t phoff = 0;
	int ret;

	memset(img, 0, sizeof(*img));
	img->data = data;
	img->size = size;
	if (!elf_is_elf(data, size))
		return boot_fail(err, -ENOEXEC, "no ELF magic");
	ret = parse_header(img, &phoff, &phentsize, &phnum, err);
	if (ret)
		return ret;
	if (phentsize != (img->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)))
		return boot_fail(
			err, -ENOEXEC,
			"e_phentsize %u is not the size of a program header",
			phentsize);
	if (phnum == 0)
		return boot_fail(err, -ENOEXEC,
				 "no program headers (e_phnum 0)");
	if (phnum > ELF_MAX_PHDRS)
		return boot_fail(err, -ENOEXEC,
				 "e_phnum %u is more than %u program headers",
				 phnum, ELF_MAX_PHDRS);
	if (phoff > size || (uint64_t)phnum * phentsize > size - phoff)
		return boot_fail(
			err, -ENOEXEC,
			"truncated ELF: program headers at 0x%llx (%u x %u bytes) end past the file (0x%zx bytes)",
			(unsigned long long)phoff, phnum, phentsize, size);
	img->nsegs = phnum;
	for (unsigned i = 0; i < phnum; i++) {
		const uint8_t *p = img->data + phoff + (uint64_t)i * phentsize;

		if (img->is64) {
			Elf64_Phdr ph;

			memcpy(&ph, p, sizeof(ph));
			SEG_FROM(&img->seg[i], &ph);
		} else {
			Elf32_Phdr ph;

			memcpy(&ph, p, sizeof(ph));
			SEG_FROM(&img->seg[i], &ph);
		}
		if (img->seg[i].type != PT_LOAD)
			continue;
		nload++;
		ret = check_load(img, i, err);
		if (ret)
			return ret;
	}
	if (!nload)
		return boot_fail(err, -ENOEXEC, "no PT_LOAD segment");
	return 0;
}

int elf_check_in_ram(const struct elf_image *img, const struct e820_map *m,
		     struct boot_error *err)
{
	for (unsigned i = 0; i < img->nsegs; i++) {
		const struct elf_seg *s = &img->seg[i];

		if (s->type != PT_LOAD || !s->memsz)
			continue;
		if (!e820_is_ram(m, s->paddr, s->memsz))
			return boot_fail(
				err, -ENOSPC,
				"PT_LOAD %u [0x%llx, 0x%llx) is not inside guest RAM (%llu MiB)",
				i, (unsigned long long)s->paddr,
				(unsigned long long)(s->paddr + s->memsz),
				(unsigned long long)(e820_ram_total(m) >> 20));
	}
	return 0;
}

void elf_load_span(const struct elf_image *img, uint64_t *lo, uint64_t *hi)
{
	*lo = UINT64_MAX;
	*hi = 0;
	for (unsigned i = 0; i < img->nsegs; i++) {
		const struct elf_seg *s = &img->seg[i];

		if (s->type != PT_LOAD || !s->memsz)
			continue;
		if (s->paddr < *lo)
			*lo = s->paddr;
		if (s->paddr + s->memsz > *hi)
			*hi = s->paddr + s->memsz;
	}
	if (*lo > *hi)
		*lo = *hi = 0;
}
