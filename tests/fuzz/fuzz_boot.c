/* fuzz_boot.c: libFuzzer target: lib/boot's kernel parsers on a hostile
 * --kernel file. */
#include <elf.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boot/bzimage.h"
#include "boot/detect.h"
#include "boot/multiboot.h"
#include "boot/pvh.h"

/*
 * The input is a kernel file. Every parser the loaders run on --kernel
 * reads it, and what one accepts goes on to placement in a PC memory map
 * (256 MiB), as in jiffy. Besides a clean run under ASan and UBSan, the
 * results must hold what the parsers promise: a refusal explains itself,
 * an accepted load plan reads only bytes of the file and places only
 * RAM, and mb_is_multiboot, which kernel_detect asks, agrees with
 * mb_find_header. The seeds (corpus/fuzz_boot/) are one good file of
 * each kind, written byte by byte for this target with Python's struct:
 * a 2 KiB bzImage (protocol 2.15, one setup sector), a PVH ELF64 and a
 * multiboot ELF32 shaped like tests/unit/image_builder.c's, and an 8 KiB
 * a.out kludge kernel.
 */
#define MIB (1ull << 20)
#define GIB (1ull << 30)

static void check(int ok)
{
	if (!ok)
		abort();
}

/* 0 with nothing said, or a refusal with its message. */
static int said(int ret, const struct boot_error *err)
{
	check(!ret || err->msg[0]);
	return ret;
}

static void bzimage(const uint8_t *data, size_t size, const struct e820_map *m)
{
	static struct boot_params zp;
	struct bzimage_boot_args a = { .map = m };
	struct boot_error err = { "" };
	struct bzimage bz;

	if (said(bzimage_parse(&bz, data, size, &err), &err))
		return;
	check(bz.pm_offset + PM_ENTRY64_OFFSET < size);
	check(bz.pm_offset + bz.pm_size == size);
	check(bz.mem_size >= bz.pm_size);
	check(bz.align && !(bz.align & (bz.align - 1)));
	err.msg[0] = '\0';
	if (said(bzimage_place(&bz, m, &a.load_addr, &err), &err))
		return;
	check(a.load_addr + bz.mem_size <= 4 * GIB);
	check(e820_is_ram(m, a.load_addr, bz.mem_size));
	bzimage_fill_zero_page(&zp, &bz, &a);
	check(zp.hdr.code32_start == (uint32_t)a.load_addr);
	check(zp.hdr.header == SETUP_HDRS_MAGIC);
}

static void pvh(const uint8_t *data, size_t size, const struct e820_map *m)
{
	static struct pvh_kernel k;
	struct boot_error err = { "" };

	if (said(pvh_parse(&k, data, size, &err), &err))
		return;
	check(k.lo <= k.entry && k.entry < k.hi);
	for (unsigned i = 0; i < k.elf.nsegs; i++) {
		const struct elf_seg *s = &k.elf.seg[i];

		if (s->type == PT_LOAD)
			check(s->offset <= size &&
			      s->filesz <= size - s->offset &&
			      s->filesz <= s->memsz);
	}
	err.msg[0] = '\0';
	said(elf_check_in_ram(&k.elf, m, &err), &err);
}

static void multiboot(const uint8_t *data, size_t size,
		      const struct e820_map *m)
{
	static struct mb_kernel k;
	struct multiboot_header h;
	struct boot_error err = { "" };
	uint32_t off;
	int found = said(mb_find_header(data, size, &off, &h, &err), &err);

	check((found == 0) == mb_is_multiboot(data, size));
	check(found || off + MULTIBOOT_HEADER_MIN_SIZE <= MULTIBOOT_SEARCH);
	err.msg[0] = '\0';
	if (said(mb_parse(&k, data, size, &err), &err))
		return;
	check(k.nsegs && k.lo <= k.entry && k.entry < k.hi);
	for (unsigned i = 0; i < k.nsegs; i++) {
		const struct mb_segment *s = &k.seg[i];

		check(s->offset <= size && s->filesz <= size - s->offset &&
		      s->filesz <= s->memsz);
	}
	err.msg[0] = '\0';
	if (said(mb_check_placement(&k, m, MIB, &err), &err))
		return;
	for (unsigned i = 0; i < k.nsegs; i++)
		check(e820_is_ram(m, k.seg[i].gpa, k.seg[i].memsz) &&
		      k.seg[i].gpa + k.seg[i].memsz <= 4 * GIB);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct e820_map m;
	char what[64];
	enum kernel_format f = kernel_detect(data, size);

	if (!m.n) {
		e820_add(&m, 0, 0x9fc00, E820_RAM);
		e820_add(&m, 0x9fc00, 0x400, E820_RESERVED);
		e820_add(&m, 0xf0000, 0x10000, E820_RESERVED);
		e820_add(&m, MIB, 255 * MIB, E820_RAM);
	}
	if (f == KERNEL_UNKNOWN) {
		memset(what, 'x', sizeof(what));
		kernel_describe(data, size, what, sizeof(what) - 1);
		check(memchr(what, '\0', sizeof(what) - 1) != NULL &&
		      what[sizeof(what) - 1] == 'x');
	}
	bzimage(data, size, &m);
	pvh(data, size, &m);
	multiboot(data, size, &m);
	return 0;
}
