/* test_boot_multiboot.c: multiboot header search, load plans (a.out, ELF),
 * placement checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <elf.h>
#include <errno.h>

#include "boot/detect.h"
#include "boot/multiboot.h"
#include "mb_image.h"

#define MiB (1ull << 20)
#define GiB (1ull << 30)

#define AOUT  (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_AOUT_KLUDGE)
#define PLAIN (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO)

static struct test_elf te;
static struct mb_kernel k;
static struct boot_error err;

/* mb_parse on an image, which is freed. */
static int parse(uint8_t *f, size_t size)
{
	int ret;

	memset(&err, 0, sizeof(err));
	ret = mb_parse(&k, f, size, &err);
	free(f);
	return ret;
}

static int parse_elf(const struct test_elf *e)
{
	size_t size;
	uint8_t *f = telf_build(e, &size);

	return parse(f, size);
}

/* A good a.out kludge layout: the header 0x40 into a file loaded at
 * 1 MiB, 0x1000 bytes of it, BSS to 1 MiB + 0x3000. */
static struct multiboot_header aout_fields(void)
{
	return (struct multiboot_header){ .header_addr = 0x100040,
					  .load_addr = 0x100000,
					  .load_end_addr = 0x101000,
					  .bss_end_addr = 0x103000,
					  .entry_addr = 0x100080 };
}

static int parse_aout(size_t size, size_t hdr_off, uint32_t flags,
		      const struct multiboot_header *h)
{
	return parse(tmb_aout(size, hdr_off, flags, h), size);
}

/* --- header search ---------------------------------------------------- */

static void header_found(void **state)
{
	struct multiboot_header h;
	uint32_t off = 0xdead;
	uint8_t *f = tmb_aout(8192, 0x1ff4, PLAIN, NULL);

	/* The last place a 12-byte header fits in the first 8 KiB. */
	assert_int_equal(mb_find_header(f, 8192, &off, &h, &err), 0);
	assert_int_equal(off, 0x1ff4);
	assert_int_equal(h.flags, PLAIN);
	assert_int_equal(h.entry_addr, 0); /* absent fields read as 0 */
	assert_true(mb_is_multiboot(f, 8192));
	free(f);
	/* A bad checksum first, a good header later: the good one wins. */
	f = tmb_aout(4096, 0x100, PLAIN, NULL);
	tmb_header(f + 0x20, PLAIN, NULL);
	f[0x28] ^= 1;
	assert_int_equal(mb_find_header(f, 4096, &off, &h, &err), 0);
	assert_int_equal(off, 0x100);
	free(f);
}

static void header_missing(void **state)
{
	struct multiboot_header h;
	uint32_t off;
	uint8_t *f = tmb_aout(16384, 16384, 0, NULL); /* no header */

	assert_int_equal(mb_find_header(f, 16384, &off, &h, &err), -ENOENT);
	assert_msg_has(
		err,
		"no multiboot header (magic 0x1badb002) in the first 8 KiB");
	assert_false(mb_is_multiboot(f, 16384));
	/* The magic 2 bytes off alignment is no header. */
	tmb_header(f + 0x102, PLAIN, NULL);
	assert_int_equal(mb_find_header(f, 16384, &off, &h, &err), -ENOENT);
	/* Files too short for any header. */
	assert_int_equal(mb_find_header(f, 11, &off, &h, &err), -ENOENT);
	assert_int_equal(mb_find_header(f, 0, &off, &h, &err), -ENOENT);
	free(f);
}

static void header_bad_checksum(void **state)
{
	uint8_t *f = tmb_aout(4096, 0x10, PLAIN, NULL);

	f[0x18] ^= 0x80;
	assert_int_equal(parse(f, 4096), -ENOEXEC);
	assert_msg_has(
		err,
		"multiboot header at file offset 0x10 has checksum 0xe4524f7b, but magic + flags + checksum must be 0 (flags 0x00000003 need checksum 0xe4524ffb)");
}

static void header_beyond_8k(void **state)
{
	struct multiboot_header h = aout_fields();

	uint8_t *f;

	assert_int_equal(parse_aout(12000, 8192, PLAIN, NULL), -ENOEXEC);
	assert_msg_has(
		err,
		"multiboot header at file offset 0x2000 lies beyond the first 8 KiB, where boot loaders look for it");
	f = tmb_aout(12000, 8192, PLAIN, NULL);
	assert_false(mb_is_multiboot(f, 12000));
	free(f);
	/* Starts inside, but its address fields end past 8 KiB. */
	assert_int_equal(parse_aout(12000, 0x1ff0, AOUT, &h), -ENOEXEC);
	assert_msg_has(
		err,
		"multiboot header at file offset 0x1ff0: its 32 bytes (flags 0x00010001) end at 0x2010, beyond the first 8 KiB");
	f = tmb_aout(12000, 0x1ff0, AOUT, &h);
	assert_false(mb_is_multiboot(f, 12000));
	free(f);
	/* Far beyond the diagnostic search: just missing. */
	assert_int_equal(
		parse_aout(MB_DIAG_SEARCH + 64, MB_DIAG_SEARCH, PLAIN, NULL),
		-ENOENT);
}

static void header_truncated(void **state)
{
	struct multiboot_header h = aout_fields();

	uint8_t *f = tmb_aout(32, 0, AOUT, &h);

	/* A 32-byte a.out header in a 20-byte file. */
	assert_false(mb_is_multiboot(f, 20));
	assert_true(mb_is_multiboot(f, 32));
	assert_int_equal(parse(f, 20), -ENOEXEC);
	assert_msg_has(
		err,
		"truncated file: the multiboot header at file offset 0x0 needs 32 bytes (flags 0x00010001) but the file ends at 0x14");
	/* Video mode fields need 48 bytes. */
	assert_int_equal(
		parse(tmb_aout(48, 0, PLAIN | MULTIBOOT_VIDEO_MODE, NULL), 40),
		-ENOEXEC);
	assert_msg_has(err, "needs 48 bytes");
}

static void required_flags(void **state)
{
	struct multiboot_header h = aout_fields();

	assert_int_equal(parse_aout(0x1000, 0x40, AOUT | (1u << 3), &h),
			 -ENOEXEC);
	assert_msg_has(
		err,
		"multiboot header flags 0x00010009 require bit 3, which multiboot v1 does not define (only bits 0-2 are)");
	assert_int_equal(parse_aout(0x1000, 0x40, AOUT | (1u << 15), &h),
			 -ENOEXEC);
	assert_msg_has(err, "require bit 15");
	/* Optional bits (16-31) beyond the a.out kludge are ignored. */
	assert_int_equal(parse_aout(0x1000, 0x40, AOUT | (1u << 20), &h), 0);
	/* Video mode is accepted, as QEMU does (no mode is set). */
	assert_int_equal(
		parse_aout(0x1000, 0x40,
			   AOUT | MULTIBOOT_VIDEO_MODE | MULTIBOOT_MEMORY_INFO,
			   &h),
		0);
	assert_int_equal(k.hdr.flags & MULTIBOOT_VIDEO_MODE,
			 MULTIBOOT_VIDEO_MODE);
}

/* --- a.out kludge ----------------------------------------------------- */

static void aout_good(void **state)
{
	struct multiboot_header h = aout_fields();

	assert_int_equal(parse_aout(0x1800, 0x40, AOUT, &h), 0);
	assert_true(k.aout);
	assert_int_equal(k.header_offset, 0x40);
	assert_int_equal(k.entry, 0x100080);
	assert_int_equal(k.nsegs, 1);
	assert_int_equal(k.seg[0].gpa, 0x100000);
	assert_int_equal(k.seg[0].offset, 0);
	assert_int_equal(k.seg[0].filesz, 0x1000); /* not the whole file */
	assert_int_equal(k.seg[0].memsz, 0x3000);
	assert_int_equal(k.lo, 0x100000);
	assert_int_equal(k.hi, 0x103000);
	/* The text may start inside the file: header_addr - load_addr is
	 * less than the header's offset. */
	h.load_addr = 0x100020;
	h.load_end_addr = 0x101020;
	h.bss_end_addr = 0;
	assert_int_equal(parse_aout(0x1800, 0x40, AOUT, &h), 0);
	assert_int_equal(k.seg[0].offset, 0x20);
	assert_int_equal(k.seg[0].memsz, 0x1000); /* no BSS */
}

static void aout_to_end_of_file(void **state)
{
	struct multiboot_header h = aout_fields();

	h.load_end_addr = 0; /* load the whole rest of the file */
	h.bss_end_addr = 0;
	assert_int_equal(parse_aout(0x1234, 0x40, AOUT, &h), 0);
	assert_int_equal(k.seg[0].filesz, 0x1234);
	assert_int_equal(k.seg[0].memsz, 0x1234);
	assert_int_equal(k.hi, 0x101234);
}

static void aout_bad_addresses(void **state)
{
	struct multiboot_header h = aout_fields();

	h.load_addr = 0x100050;
	assert_int_equal(parse_aout(0x1800, 0x40, AOUT, &h), -ENOEXEC);
	assert_msg_has(
		err,
		"multiboot load_addr 0x100050 is above header_addr 0x100040");

	h = aout_fields();
	h.header_addr = 0x100080; /* 0x80 before the header: before byte 0 */
	assert_int_equal(parse_aout(0x1800, 0x40, AOUT, &h), -ENOEXEC);
	assert_msg_has(
		err,
		"multiboot header_addr 0x100080 - load_addr 0x100000 = 0x80, more than the header's file offset 0x40");

	h = aout_fields();
	h.load_end_addr = 0xfff00;
	assert_int_equal(parse_aout(0x1800, 0x40, AOUT, &h), -ENOEXEC);
	assert_msg_has(
		err,
		"multiboot load_end_addr 0xfff00 is below load_addr 0x100000");

	h = aout_fields();
	h.bss_end_addr = 0x100800;
	assert_int_equal(parse_aout(0x1800, 0x40, AOUT, &h), -ENOEXEC);
	assert_msg_has(
		err,
		"multiboot bss_end_addr 0x100800 is below the end of the loaded bytes 0x101000");

	h = aout_fields();
	h.entry_addr = 0x103000; /* one past the BSS */
	assert_int_equal(parse_aout(0x1800, 0x40, AOUT, &h), -ENOEXEC);
	assert_msg_has(
		err,
		"multiboot entry_addr 0x103000 is outside the loaded image [0x100000, 0x103000)");
	h.entry_addr = 0xfffff;
	assert_int_equal(parse_aout(0x1800, 0x40, AOUT, &h), -ENOEXEC);
}

static void aout_truncated(void **state)
{
	struct multiboot_header h = aout_fields();

	/* load_end_addr asks for 0x1000 bytes; the file has 0xfff. */
	assert_int_equal(parse_aout(0xfff, 0x40, AOUT, &h), -ENOEXEC);
	assert_msg_has(
		err,
		"truncated file: multiboot load_end_addr 0x101000 asks for 0x1000 bytes from file offset 0x0, but the file ends at 0xfff");
	assert_int_equal(parse_aout(0x1000, 0x40, AOUT, &h), 0);
}

static void aout_wins_over_elf(void **state)
{
	struct multiboot_header h = aout_fields();
	size_t size;
	uint8_t *f;

	/* An ELF whose header has the address fields: they are used, the
	 * program headers are not (the spec's rule; QEMU's too). */
	tmb_elf(&te, false, PLAIN);
	f = telf_build(&te, &size);
	h.header_addr = 0x100200; /* the header is at file offset 0x200 */
	h.load_end_addr = 0x100000 + size;
	h.bss_end_addr = 0;
	tmb_header(f + TELF_BODY_OFF, AOUT, &h);
	assert_int_equal(parse(f, size), 0);
	assert_true(k.aout);
	assert_int_equal(k.seg[0].offset, 0);
	assert_int_equal(k.seg[0].filesz, size);
}

static void not_elf_without_addresses(void **state)
{
	assert_int_equal(parse_aout(0x1000, 0x40, PLAIN, NULL), -ENOEXEC);
	assert_msg_has(
		err,
		"multiboot header flags 0x00000003 lack the address fields (bit 16) and the file is not ELF: nothing says where to load it");
}

/* --- ELF -------------------------------------------------------------- */

static void elf32_good(void **state)
{
	tmb_elf(&te, false, PLAIN);
	assert_int_equal(parse_elf(&te), 0);
	assert_false(k.aout);
	assert_false(k.elf64);
	assert_int_equal(k.header_offset, TELF_BODY_OFF);
	assert_int_equal(k.entry, TMB_ENTRY);
	assert_int_equal(k.nsegs, 2);
	assert_int_equal(k.seg[0].gpa, TMB_CODE);
	assert_int_equal(k.seg[0].offset, TELF_BODY_OFF);
	assert_int_equal(k.seg[0].filesz, 0x80);
	assert_int_equal(k.seg[0].memsz, 0x2000);
	assert_int_equal(k.seg[1].gpa, TMB_DATA);
	assert_int_equal(k.seg[1].memsz, 0x1000);
	assert_int_equal(k.seg[1].phdr, 1);
	assert_int_equal(k.lo, TMB_CODE);
	assert_int_equal(k.hi, TMB_DATA + 0x1000);
}

static void elf64_good(void **state)
{
	/* QEMU refuses ELF64 multiboot kernels; the spec does not. */
	tmb_elf(&te, true, PLAIN);
	assert_int_equal(parse_elf(&te), 0);
	assert_true(k.elf64);
	assert_int_equal(k.entry, TMB_ENTRY);
	/* Empty and non-PT_LOAD segments are no part of the plan. */
	telf_add(&te, PT_NOTE, PF_R, 0, "abcd", 4, 4, 4);
	telf_add(&te, PT_LOAD, PF_R, 0x300000, "", 0, 0, 0x1000);
	assert_int_equal(parse_elf(&te), 0);
	assert_int_equal(k.nsegs, 2);
}

static void elf_virtual_entry(void **state)
{
	/* A higher-half kernel: linked at 0xc0100000, loaded at 1 MiB. */
	tmb_elf(&te, false, PLAIN);
	te.seg[0].vaddr = 0xc0100000;
	te.seg[1].vaddr = 0xc0200000;
	te.entry = 0xc0100040;
	assert_int_equal(parse_elf(&te), 0);
	assert_int_equal(k.entry, TMB_ENTRY);
	assert_int_equal(k.seg[0].gpa, TMB_CODE); /* physical addresses */
	/* e_entry may also be given physical. */
	te.entry = TMB_ENTRY + 4;
	assert_int_equal(parse_elf(&te), 0);
	assert_int_equal(k.entry, TMB_ENTRY + 4);
	/* A virtual entry in a data segment is not translated. */
	te.entry = 0xc0200010;
	assert_int_equal(parse_elf(&te), -ENOEXEC);
	assert_msg_has(
		err,
		"ELF entry 0xc0200010 lies in no PT_LOAD segment, by virtual or physical address");
}

static void elf_entry_above_4g(void **state)
{
	tmb_elf(&te, true, PLAIN);
	te.seg[1].paddr = te.seg[1].vaddr = 0x100000000ull;
	te.seg[1].flags |= PF_X;
	te.entry = 0x100000010ull;
	assert_int_equal(parse_elf(&te), -ENOEXEC);
	assert_msg_has(
		err,
		"ELF entry 0x100000010 (physical 0x100000010) is above 4 GiB");
}

static void elf_malformed(void **state)
{
	size_t size;
	uint8_t *f;

	/* Overlapping segments. */
	tmb_elf(&te, false, PLAIN);
	te.seg[1].paddr = TMB_CODE + 0x800;
	assert_int_equal(parse_elf(&te), -ENOEXEC);
	assert_msg_has(
		err,
		"PT_LOAD 1 [0x100800, 0x101800) overlaps PT_LOAD 0 [0x100000, 0x102000)");
	/* A segment's bytes past the end of the file. */
	tmb_elf(&te, false, PLAIN);
	te.seg[1].filesz = 0x1000;
	assert_int_equal(parse_elf(&te), -ENOEXEC);
	assert_msg_has(
		err,
		"PT_LOAD 1: file bytes [0x1200, 0x2200) reach past the end of the file");
	/* Truncated: the program headers cut off (the header survives). */
	tmb_elf(&te, false, PLAIN);
	f = telf_build(&te, &size);
	memmove(f + 0x60, f + TELF_BODY_OFF, 12);
	assert_int_equal(parse(f, 0x70), -ENOEXEC);
	assert_msg_has(err, "truncated ELF: program headers");
}

/* --- placement -------------------------------------------------------- */

static void placement(void **state)
{
	struct e820_map m;

	test_pc_map(&m, 64 * MiB);
	tmb_elf(&te, false, PLAIN);
	assert_int_equal(parse_elf(&te), 0);
	assert_int_equal(mb_check_placement(&k, &m, MiB, &err), 0);
	/* Below the floor: where the boot structures are. */
	assert_int_equal(mb_check_placement(&k, &m, 2 * MiB, &err), -ENOSPC);
	assert_msg_has(
		err,
		"PT_LOAD 0 [0x100000, 0x102000) starts below 0x200000, where the boot structures live");
	/* Outside RAM: past its end, and in the legacy hole. */
	tmb_elf(&te, false, PLAIN);
	te.seg[1].paddr = 64 * MiB - 0x800;
	assert_int_equal(parse_elf(&te), 0);
	assert_int_equal(mb_check_placement(&k, &m, MiB, &err), -ENOSPC);
	assert_msg_has(
		err,
		"PT_LOAD 1 [0x3fff800, 0x4000800) is not inside guest RAM (63 MiB)");
	tmb_elf(&te, false, PLAIN);
	te.seg[1].paddr = 0xa0000;
	assert_int_equal(parse_elf(&te), 0);
	assert_int_equal(mb_check_placement(&k, &m, 0, &err), -ENOSPC);
	assert_msg_has(err, "is not inside guest RAM");
}

static void placement_above_4g(void **state)
{
	struct e820_map m;
	struct multiboot_header h = aout_fields();

	test_pc_map(&m, 3 * GiB);
	e820_add(&m, 4 * GiB, 4 * GiB, E820_RAM);
	tmb_elf(&te, true, PLAIN);
	te.seg[1].paddr = 4 * GiB - 0x800;
	assert_int_equal(parse_elf(&te), 0);
	assert_int_equal(mb_check_placement(&k, &m, MiB, &err), -ENOSPC);
	assert_msg_has(
		err,
		"PT_LOAD 1 [0xfffff800, 0x100000800) reaches above 4 GiB, beyond a multiboot kernel's 32-bit addresses");
	/* The a.out image is named as such. */
	h.load_addr = h.header_addr - 0x40;
	assert_int_equal(parse_aout(0x1800, 0x40, AOUT, &h), 0);
	test_pc_map(&m, 16 * MiB);
	assert_int_equal(mb_check_placement(&k, &m, 2 * MiB, &err), -ENOSPC);
	assert_msg_has(
		err,
		"the a.out kludge image [0x100000, 0x103000) starts below");
}

/* --- format detection ------------------------------------------------- */

static void detect_precedence(void **state)
{
	uint8_t notes[32];
	struct multiboot_header h = aout_fields();
	size_t size, n;
	uint8_t *f;

	/* An ELF with a PVH note and a multiboot header is multiboot. */
	tmb_elf(&te, false, PLAIN);
	n = note_put_xen_entry(notes, TMB_ENTRY, 4, 4);
	telf_add(&te, PT_NOTE, PF_R, 0, notes, n, 0, 4);
	f = telf_build(&te, &size);
	assert_int_equal(kernel_detect(f, size), KERNEL_MULTIBOOT);
	/* ... but not with a bad checksum: then it is an ELF (PVH). */
	f[TELF_BODY_OFF + 8] ^= 1;
	assert_int_equal(kernel_detect(f, size), KERNEL_ELF);
	free(f);
	/* "HdrS" comes first, as in QEMU. */
	f = tbz_default(0x1000, &size);
	tmb_header(f + 0x400, AOUT, &h);
	assert_int_equal(kernel_detect(f, size), KERNEL_BZIMAGE);
	free(f);
	f = tmb_aout(0x1000, 0x40, AOUT, &h);
	assert_int_equal(kernel_detect(f, 0x1000), KERNEL_MULTIBOOT);
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_found),
		cmocka_unit_test(header_missing),
		cmocka_unit_test(header_bad_checksum),
		cmocka_unit_test(header_beyond_8k),
		cmocka_unit_test(header_truncated),
		cmocka_unit_test(required_flags),
		cmocka_unit_test(aout_good),
		cmocka_unit_test(aout_to_end_of_file),
		cmocka_unit_test(aout_bad_addresses),
		cmocka_unit_test(aout_truncated),
		cmocka_unit_test(aout_wins_over_elf),
		cmocka_unit_test(not_elf_without_addresses),
		cmocka_unit_test(elf32_good),
		cmocka_unit_test(elf64_good),
		cmocka_unit_test(elf_virtual_entry),
		cmocka_unit_test(elf_entry_above_4g),
		cmocka_unit_test(elf_malformed),
		cmocka_unit_test(placement),
		cmocka_unit_test(placement_above_4g),
		cmocka_unit_test(detect_precedence),
	};
	return cmocka_run_group_tests_name("boot_multiboot", tests, NULL, NULL);
}
