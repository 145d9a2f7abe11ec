/* elf.h: bounds-checked reading of ELF32/ELF64 x86 images for the loaders. */
#ifndef BOOT_ELF_H
#define BOOT_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boot/boot_error.h"
#include "boot/e820.h"

#define ELF_MAX_PHDRS 64

/* A program header in one shape for both classes. */
struct elf_seg {
	uint32_t type;
	uint32_t flags;
	uint64_t offset;
	uint64_t vaddr;
	uint64_t paddr;
	uint64_t filesz;
	uint64_t memsz;
	uint64_t align;
};

struct elf_image {
	const uint8_t *data;
	size_t size;
	bool is64;
	uint16_t machine;
	uint64_t entry;
	unsigned nsegs;
	struct elf_seg seg[ELF_MAX_PHDRS];
};

/* True if the bytes start with the ELF magic. */
bool elf_is_elf(const void *data, size_t size);

/*
 * Parse the ELF header and every program header. Checks: class, little
 * endian, version, an x86 machine (EM_386 or EM_X86_64), header and
 * program-header table inside the file, and for every PT_LOAD: file bytes
 * inside the file, filesz <= memsz, no address wrap, no overlap with
 * another PT_LOAD's physical range. Returns 0 or -ENOEXEC with err set.
 */
int elf_parse(struct elf_image *img, const void *data, size_t size,
	      struct boot_error *err);

/* Every PT_LOAD's [paddr, paddr + memsz) inside RAM? -ENOSPC with err. */
int elf_check_in_ram(const struct elf_image *img, const struct e820_map *m,
		     struct boot_error *err);

/* Lowest paddr and highest paddr + memsz over the PT_LOAD segments. */
void elf_load_span(const struct elf_image *img, uint64_t *lo, uint64_t *hi);

#endif
