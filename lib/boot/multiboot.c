/* multiboot.c: multiboot v1 header search and the kernel's load plan. */
#include "boot/multiboot.h"

#include <elf.h>
#include <errno.h>
#include <string.h>

#include "rt/fmt.h"

#define GIB4 (1ull << 32)

/* Requirements (flag bits 0-15) a direct loader can honour. Video mode
 * is accepted as QEMU accepts it: the kernel boots without a mode set and
 * without VBE or framebuffer information, which its MBI flags tell it. */
#define MB_KNOWN_REQUIRED \
	(MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO | MULTIBOOT_VIDEO_MODE)

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* Bytes of header the flags say are there. */
static uint32_t header_size(uint32_t flags)
{
	if (flags & MULTIBOOT_VIDEO_MODE)
		return MULTIBOOT_HEADER_VIDEO_SIZE;
	if (flags & MULTIBOOT_AOUT_KLUDGE)
		return MULTIBOOT_HEADER_ADDR_SIZE;
	return MULTIBOOT_HEADER_MIN_SIZE;
}

/* First offset in [from, to) with the magic and a valid checksum. */
static bool scan(const uint8_t *d, size_t from, size_t to, size_t *at)
{
	for (size_t off = from; off + MULTIBOOT_HEADER_MIN_SIZE <= to;
	     off += MULTIBOOT_HEADER_ALIGN) {
		if (get32(d + off) == MULTIBOOT_HEADER_MAGIC &&
		    get32(d + off) + get32(d + off + 4) + get32(d + off + 8) ==
			    0) {
			*at = off;
			return true;
		}
	}
	return false;
}

/* Why there is no usable header in the first 8 KiB. */
static int explain_missing(const uint8_t *d, size_t size,
			   struct boot_error *err)
{
	size_t limit = size < MULTIBOOT_SEARCH ? size : MULTIBOOT_SEARCH;
	size_t deep = size < MB_DIAG_SEARCH ? size : MB_DIAG_SEARCH, at;

	for (size_t off = 0; off + MULTIBOOT_HEADER_MIN_SIZE <= limit;
	     off += MULTIBOOT_HEADER_ALIGN) {
		uint32_t flags = get32(d + off + 4), sum = get32(d + off + 8);

		if (get32(d + off) != MULTIBOOT_HEADER_MAGIC)
			continue;
		return boot_fail(
			err, -ENOEXEC,
			"multiboot header at file offset 0x%zx has checksum 0x%08x, but magic + flags + checksum must be 0 (flags 0x%08x need checksum 0x%08x)",
			off, sum, flags, 0u - MULTIBOOT_HEADER_MAGIC - flags);
	}
	if (deep > limit && scan(d, limit, deep, &at))
		return boot_fail(
			err, -ENOEXEC,
			"multiboot header at file offset 0x%zx lies beyond the first 8 KiB, where boot loaders look for it",
			at);
	return boot_fail(
		err, -ENOENT,
		"no multiboot header (magic 0x%08x) in the first 8 KiB",
		MULTIBOOT_HEADER_MAGIC);
}

/* The first header with a valid checksum in the first 8 KiB: its offset
 * and the bytes its flags call for. */
static bool locate(const uint8_t *d, size_t size, size_t *at, uint32_t *need)
{
	size_t limit = size < MULTIBOOT_SEARCH ? size : MULTIBOOT_SEARCH;

	if (!scan(d, 0, limit, at))
		return false;
	*need = header_size(get32(d + *at + 4));
	return true;
}

int mb_find_header(const void *data, size_t size, uint32_t *offset,
		   struct multiboot_header *h, struct boot_error *err)
{
	const uint8_t *d = data;
	size_t at;
	uint32_t flags, need;

	if (!locate(d, size, &at, &need))
		return explain_missing(d, size, err);
	flags = get32(d + at + 4);
	if (at + need > MULTIBOOT_SEARCH)
		return boot_fail(
			err, -ENOEXEC,
			"multiboot header at file offset 0x%zx: its %u bytes (flags 0x%08x) end at 0x%zx, beyond the first 8 KiB",
			at, need, flags, at + need);
	if (at + need > size)
		return boot_fail(
			err, -ENOEXEC,
			"truncated file: the multiboot header at file offset 0x%zx needs %u bytes (flags 0x%08x) but the file ends at 0x%zx",
			at, need, flags, size);
	memset(h, 0, sizeof(*h));
	memcpy(h, d + at, need);
	*offset = (uint32_t)at;
	return 0;
}

/*
 * Not through mb_find_header: kernel_detect asks this of every kernel, and
 * a miss there goes on to search 64 KiB for a message nobody reads here.
 */
bool mb_is_multiboot(const void *data, size_t size)
{
	size_t at;
	uint32_t need;

	return locate(data, size, &at, &need) &&
	       at + need <= MULTIBOOT_SEARCH && at + need <= size;
}

/* The a.out kludge: one segment described by the header's addresses. */
static int parse_aout(struct mb_kernel *k, size_t size, struct boot_error *err)
{
	const struct multiboot_header *h = &k->hdr;
	uint64_t text_off, load_size, memsz;

	if (h->load_addr > h->header_addr)
		return boot_fail(
			err, -ENOEXEC,
			"multiboot load_addr 0x%x is above header_addr 0x%x",
			h->load_addr, h->header_addr);
	if (h->header_addr - h->load_addr > k->header_offset)
		return boot_fail(
			err, -ENOEXEC,
			"multiboot header_addr 0x%x - load_addr 0x%x = 0x%x, more than the header's file offset 0x%x: the text would start before the file",
			h->header_addr, h->load_addr,
			h->header_addr - h->load_addr, k->header_offset);
	text_off = k->header_offset - (h->header_addr - h->load_addr);
	if (!h->load_end_addr)
		load_size = size - text_off; /* to the end of the file */
	else if (h->load_end_addr < h->load_addr)
		return boot_fail(
			err, -ENOEXEC,
			"multiboot load_end_addr 0x%x is below load_addr 0x%x",
			h->load_end_addr, h->load_addr);
	else
		load_size = h->load_end_addr - h->load_addr;
	if (text_off + load_size > size)
		return boot_fail(
			err, -ENOEXEC,
			"truncated file: multiboot load_end_addr 0x%x asks for 0x%llx bytes from file offset 0x%llx, but the file ends at 0x%zx",
			h->load_end_addr, (unsigned long long)load_size,
			(unsigned long long)text_off, size);
	memsz = load_size;
	if (h->bss_end_addr) {
		if (h->bss_end_addr < h->load_addr + load_size)
			return boot_fail(
				err, -ENOEXEC,
				"multiboot bss_end_addr 0x%x is below the end of the loaded bytes 0x%llx",
				h->bss_end_addr,
				(unsigned long long)(h->load_addr + load_size));
		memsz = h->bss_end_addr - h->load_addr;
	}
	if (h->entry_addr < h->load_addr ||
	    h->entry_addr - h->load_addr >= memsz)
		return boot_fail(
			err, -ENOEXEC,
			"multiboot entry_addr 0x%x is outside the loaded image [0x%x, 0x%llx)",
			h->entry_addr, h->load_addr,
			(unsigned long long)(h->load_addr + memsz));
	k->aout = true;
	k->entry = h->entry_addr;
	k->seg[0] = (struct mb_segment){ .gpa = h->load_addr,
					 .offset = text_off,
					 .filesz = load_size,
					 .memsz = memsz };
	k->nsegs = 1;
	return 0;
}

/*
 * e_entry is often virtual (a higher-half kernel): translate it through
 * the executable segment whose virtual range holds it, as QEMU does;
 * else it must be a physical address inside a segment.
 */
static int elf_entry(const struct elf_image *img, uint32_t *entry,
		     struct boot_error *err)
{
	uint64_t e = img->entry;

	for (unsigned i = 0; i < img->nsegs; i++) {
		const struct elf_seg *s = &img->seg[i];

		if (s->type == PT_LOAD && (s->flags & PF_X) && e >= s->vaddr &&
		    e - s->vaddr < s->memsz) {
			e = e - s->vaddr + s->paddr;
			goto found;
		}
	}
	for (unsigned i = 0; i < img->nsegs; i++) {
		const struct elf_seg *s = &img->seg[i];

		if (s->type == PT_LOAD && e >= s->paddr &&
		    e - s->paddr < s->memsz)
			goto found;
	}
	return boot_fail(
		err, -ENOEXEC,
		"ELF entry 0x%llx lies in no PT_LOAD segment, by virtual or physical address",
		(unsigned long long)img->entry);
found:
	if (e >= GIB4)
		return boot_fail(
			err, -ENOEXEC,
			"ELF entry 0x%llx (physical 0x%llx) is above 4 GiB, out of reach of the 32-bit multiboot entry",
			(unsigned long long)img->entry, (unsigned long long)e);
	*entry = (uint32_t)e;
	return 0;
}

static int parse_elf(struct mb_kernel *k, const void *data, size_t size,
		     struct boot_error *err)
{
	struct elf_image img;
	int ret = elf_parse(&img, data, size, err);

	if (ret)
		return ret;
	ret = elf_entry(&img, &k->entry, err);
	if (ret)
		return ret;
	k->elf64 = img.is64;
	for (unsigned i = 0; i < img.nsegs; i++) {
		const struct elf_seg *s = &img.seg[i];

		if (s->type != PT_LOAD || !s->memsz)
			continue;
		k->seg[k->nsegs++] = (struct mb_segment){ .gpa = s->paddr,
							  .offset = s->offset,
							  .filesz = s->filesz,
							  .memsz = s->memsz,
							  .phdr = i };
	}
	return 0;
}

int mb_parse(struct mb_kernel *k, const void *data, size_t size,
	     struct boot_error *err)
{
	uint32_t unknown;
	int ret;

	memset(k, 0, sizeof(*k));
	ret = mb_find_header(data, size, &k->header_offset, &k->hdr, err);
	if (ret)
		return ret;
	unknown = k->hdr.flags & MULTIBOOT_REQUIRED_MASK & ~MB_KNOWN_REQUIRED;
	if (unknown)
		return boot_fail(
			err, -ENOEXEC,
			"multiboot header flags 0x%08x require bit %u, which multiboot v1 does not define (only bits 0-2 are)",
			k->hdr.flags, (unsigned)__builtin_ctz(unknown));
	if (k->hdr.flags & MULTIBOOT_AOUT_KLUDGE)
		ret = parse_aout(k, size, err);
	else if (elf_is_elf(data, size))
		ret = parse_elf(k, data, size, err);
	else
		return boot_fail(
			err, -ENOEXEC,
			"multiboot header flags 0x%08x lack the address fields (bit 16) and the file is not ELF: nothing says where to load it",
			k->hdr.flags);
	if (ret)
		return ret;
	k->lo = UINT64_MAX;
	for (unsigned i = 0; i < k->nsegs; i++) {
		const struct mb_segment *s = &k->seg[i];

		if (s->gpa < k->lo)
			k->lo = s->gpa;
		if (s->gpa + s->memsz > k->hi)
			k->hi = s->gpa + s->memsz;
	}
	return 0;
}

int mb_check_placement(const struct mb_kernel *k, const struct e820_map *m,
		       uint64_t floor, struct boot_error *err)
{
	for (unsigned i = 0; i < k->nsegs; i++) {
		const struct mb_segment *s = &k->seg[i];
		char what[32];
		unsigned long long lo = s->gpa, hi = s->gpa + s->memsz;

		if (k->aout)
			rt_snprintf(what, sizeof(what),
				    "the a.out kludge image");
		else
			rt_snprintf(what, sizeof(what), "PT_LOAD %u", s->phdr);
		if (lo < floor)
			return boot_fail(
				err, -ENOSPC,
				"%s [0x%llx, 0x%llx) starts below 0x%llx, where the boot structures live",
				what, lo, hi, (unsigned long long)floor);
		if (hi > GIB4)
			return boot_fail(
				err, -ENOSPC,
				"%s [0x%llx, 0x%llx) reaches above 4 GiB, beyond a multiboot kernel's 32-bit addresses",
				what, lo, hi);
		if (!e820_is_ram(m, lo, hi - lo))
			return boot_fail(
				err, -ENOSPC,
				"%s [0x%llx, 0x%llx) is not inside guest RAM (%llu MiB)",
				what, lo, hi,
				(unsigned long long)(e820_ram_total(m) >> 20));
	}
	return 0;
}
