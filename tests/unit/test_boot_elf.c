/* test_boot_elf.c: ELF32/ELF64 program-header parsing, good and malformed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <elf.h>
#include <errno.h>

#include "boot/boot_error.h"
#include "boot/e820.h"
#include "boot/elf.h"
#include "image_builder.h"

/* Builders are large: one per test program, reset by each test. */
static struct test_elf te;

/* Parse e's image; the error text ends up in err. */
static int parse(const struct test_elf *e, struct elf_image *img,
		 struct boot_error *err)
{
	size_t size;
	uint8_t *f = telf_build(e, &size);
	int ret = elf_parse(img, f, size, err);

	free(f);
	return ret;
}

/* Parse e's image cut to its first size bytes (or patched by poke). */
static int parse_cut(const struct test_elf *e, size_t cut,
		     struct boot_error *err)
{
	struct elf_image img;
	size_t size;
	uint8_t *f = telf_build(e, &size), *g = malloc(cut);
	int ret;

	memcpy(g, f, cut);
	ret = elf_parse(&img, g, cut, err);
	free(g);
	free(f);
	return ret;
}

/* Parse e's image after writing byte value at offset off. */
static int parse_poked(const struct test_elf *e, size_t off, uint8_t value,
		       struct boot_error *err)
{
	struct elf_image img;
	size_t size;
	uint8_t *f = telf_build(e, &size);
	int ret;

	f[off] = value;
	ret = elf_parse(&img, f, size, err);
	free(f);
	return ret;
}

static void good_elf64(void **state)
{
	struct elf_image img;
	struct boot_error err = { "" };

	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	te.entry = 0x1000123;
	assert_int_equal(parse(&te, &img, &err), 0);
	assert_string_equal(err.msg, "");
	assert_true(img.is64);
	assert_int_equal(img.machine, EM_X86_64);
	assert_int_equal(img.entry, 0x1000123);
	assert_int_equal(img.nsegs, 3);
	assert_int_equal(img.seg[0].type, PT_LOAD);
	assert_int_equal(img.seg[0].flags, PF_R | PF_X);
	assert_int_equal(img.seg[0].offset, TELF_BODY_OFF);
	assert_int_equal(img.seg[0].paddr, TPVH_CODE);
	assert_int_equal(img.seg[0].filesz, 0x80);
	assert_int_equal(img.seg[0].memsz, 0x2000);
	assert_int_equal(img.seg[0].align, 0x1000);
	assert_int_equal(img.seg[1].paddr, TPVH_DATA);
	assert_int_equal(img.seg[1].offset, TELF_BODY_OFF + 0x1000);
	assert_int_equal(img.seg[2].type, PT_NOTE);
}

static void good_elf32(void **state)
{
	struct elf_image img;

	telf_pvh_kernel(&te, false, TPVH_ENTRY, 4);
	te.entry = 0x100040;
	assert_int_equal(parse(&te, &img, NULL), 0);
	assert_false(img.is64);
	assert_int_equal(img.machine, EM_386);
	assert_int_equal(img.entry, 0x100040);
	assert_int_equal(img.nsegs, 3);
	assert_int_equal(img.seg[1].type, PT_LOAD);
	assert_int_equal(img.seg[1].flags, PF_R | PF_W);
	assert_int_equal(img.seg[1].paddr, TPVH_DATA);
	assert_int_equal(img.seg[1].vaddr, TPVH_DATA);
	assert_int_equal(img.seg[1].filesz, 0x40);
	assert_int_equal(img.seg[1].memsz, 0x1000);
}

static void magic(void **state)
{
	assert_true(elf_is_elf("\177ELF", 4));
	assert_false(elf_is_elf("\177EL", 3));
	assert_false(elf_is_elf("\177ELG", 4));
	assert_false(elf_is_elf("", 0));
}

static void truncated_in_ident(void **state)
{
	struct boot_error err;

	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	assert_int_equal(parse_cut(&te, 10, &err), -ENOEXEC);
	assert_msg_has(err, "only 10 bytes");
}

static void truncated_in_header(void **state)
{
	struct boot_error err;

	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	assert_int_equal(parse_cut(&te, 40, &err), -ENOEXEC);
	assert_msg_has(err, "truncated ELF: 40 bytes");
	assert_msg_has(err, "ELF64 header alone needs 64");
	telf_pvh_kernel(&te, false, TPVH_ENTRY, 4);
	assert_int_equal(parse_cut(&te, 51, &err), -ENOEXEC);
	assert_msg_has(err, "ELF32 header alone needs 52");
}

static void truncated_in_phdrs(void **state)
{
	struct boot_error err;

	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	/* Three 56-byte headers from 0x40: cut inside the third. */
	assert_int_equal(parse_cut(&te, 0x40 + 2 * 56 + 20, &err), -ENOEXEC);
	assert_msg_has(err, "program headers at 0x40 (3 x 56 bytes)");
	assert_msg_has(err, "(0xc4 bytes)");
	/* The table itself starting past the end. */
	te.nseg = 1;
	assert_int_equal(parse_cut(&te, 0x40, &err), -ENOEXEC);
	assert_msg_has(err, "program headers at 0x40 (1 x 56 bytes)");
}

static void load_past_end(void **state)
{
	struct boot_error err;
	struct elf_image img;

	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	te.seg[1].filesz = 0x10000;
	assert_int_equal(parse(&te, &img, &err), -ENOEXEC);
	assert_msg_has(err, "PT_LOAD 1: file bytes [0x1200, 0x11200)");
	assert_msg_has(err, "past the end of the file (0x");
	/* An offset alone past the end, with a size that would wrap. */
	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	te.seg[0].offset = 0x100000;
	assert_int_equal(parse(&te, &img, &err), -ENOEXEC);
	assert_msg_has(err, "PT_LOAD 0: file bytes [0x100000,");
	te.seg[0].offset = 0x300;
	te.seg[0].filesz = UINT64_MAX - 0x100;
	te.seg[0].memsz = UINT64_MAX;
	assert_int_equal(parse(&te, &img, &err), -ENOEXEC);
	assert_msg_has(err, "PT_LOAD 0: file bytes [0x300,");
}

static void filesz_above_memsz(void **state)
{
	struct boot_error err;
	struct elf_image img;

	telf_pvh_kernel(&te, false, TPVH_ENTRY, 4);
	te.seg[1].memsz = 0x20;
	assert_int_equal(parse(&te, &img, &err), -ENOEXEC);
	assert_msg_has(err,
		       "PT_LOAD 1: p_filesz 0x40 is larger than p_memsz 0x20");
	te.seg[1].memsz = 0x3f;
	assert_int_equal(parse(&te, &img, &err), -ENOEXEC);
	te.seg[1].memsz = 0x40; /* no BSS at all is fine */
	assert_int_equal(parse(&te, &img, &err), 0);
}

static void overlapping_loads(void **state)
{
	struct boot_error err;
	struct elf_image img;

	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	te.seg[1].paddr = TPVH_CODE + 0x1fff; /* last byte of the code */
	assert_int_equal(parse(&te, &img, &err), -ENOEXEC);
	assert_msg_has(
		err,
		"PT_LOAD 1 [0x101fff, 0x102fff) overlaps PT_LOAD 0 [0x100000, 0x102000)");
	/* One containing the other, the bigger one second. */
	te.seg[1].paddr = TPVH_CODE - 0x1000;
	te.seg[1].memsz = 0x10000;
	assert_int_equal(parse(&te, &img, &err), -ENOEXEC);
	assert_msg_has(err, "overlaps PT_LOAD 0");
	/* Ending on the first byte of the other one. */
	te.seg[1].paddr = TPVH_CODE - 0xfff;
	te.seg[1].memsz = 0x1000;
	assert_int_equal(parse(&te, &img, &err), -ENOEXEC);
	assert_msg_has(err, "PT_LOAD 1 [0xff001, 0x100001) overlaps PT_LOAD 0");
	/* Touching is fine, on either side. */
	te.seg[1].paddr = TPVH_CODE - 0x1000;
	assert_int_equal(parse(&te, &img, &err), 0);
	te.seg[1].paddr = TPVH_CODE + 0x2000;
	te.seg[1].memsz = 0x1000;
	assert_int_equal(parse(&te, &img, &err), 0);
}

static void wrapping_load(void **state)
{
	struct boot_error err;
	struct elf_image img;

	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	te.seg[1].paddr = 0xfffffffffffff000ull;
	te.seg[1].memsz = 0x2000;
	assert_int_equal(parse(&te, &img, &err), -ENOEXEC);
	assert_msg_has(
		err,
		"PT_LOAD 1: p_paddr 0xfffffffffffff000 + p_memsz 0x2000 wraps around");
}

static void bad_ident(void **state)
{
	struct boot_error err;

	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	assert_int_equal(parse_poked(&te, EI_CLASS, 3, &err), -ENOEXEC);
	assert_msg_has(err, "ELF class 3 is neither 32 nor 64-bit");
	assert_int_equal(parse_poked(&te, EI_DATA, ELFDATA2MSB, &err),
			 -ENOEXEC);
	assert_msg_has(err, "ELF data encoding 2 is not little-endian");
	assert_int_equal(parse_poked(&te, EI_VERSION, 2, &err), -ENOEXEC);
	assert_msg_has(err, "ELF version 2 is not 1");
	assert_int_equal(parse_poked(&te, 1, 'e', &err), -ENOEXEC);
	assert_msg_has(err, "no ELF magic");
}

static void bad_machine(void **state)
{
	struct boot_error err;
	struct elf_image img;

	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	te.machine = EM_AARCH64;
	assert_int_equal(parse(&te, &img, &err), -ENOEXEC);
	assert_msg_has(err, "ELF machine 183 is not x86");
	telf_pvh_kernel(&te, false, TPVH_ENTRY, 4);
	te.machine = EM_ARM;
	assert_int_equal(parse(&te, &img, &err), -ENOEXEC);
	assert_msg_has(err, "ELF machine 40 is not x86");
}

static void bad_phentsize(void **state)
{
	struct boot_error err;

	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	/* An ELF32-sized program header in an ELF64 file. */
	assert_int_equal(
		parse_poked(&te, offsetof(Elf64_Ehdr, e_phentsize), 32, &err),
		-ENOEXEC);
	assert_msg_has(err, "e_phentsize 32 is not the size");
	telf_pvh_kernel(&te, false, TPVH_ENTRY, 4);
	assert_int_equal(
		parse_poked(&te, offsetof(Elf32_Ehdr, e_phentsize), 56, &err),
		-ENOEXEC);
	assert_msg_has(err, "e_phentsize 56 is not the size");
}

static void phnum_limits(void **state)
{
	struct boot_error err;
	struct elf_image img;

	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	te.nseg = 0;
	assert_int_equal(parse(&te, &img, &err), -ENOEXEC);
	assert_msg_has(err, "no program headers (e_phnum 0)");
	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	assert_int_equal(parse_poked(&te, offsetof(Elf64_Ehdr, e_phnum),
				     ELF_MAX_PHDRS + 1, &err),
			 -ENOEXEC);
	assert_msg_has(err, "e_phnum 65 is more than 64");
}

static void no_load(void **state)
{
	struct boot_error err;
	struct elf_image img;

	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	te.seg[0].type = PT_NOTE;
	te.seg[1].type = PT_GNU_STACK;
	assert_int_equal(parse(&te, &img, &err), -ENOEXEC);
	assert_msg_has(err, "no PT_LOAD segment");
}

static void in_ram(void **state)
{
	struct boot_error err;
	struct elf_image img;
	struct e820_map m;
	size_t size;
	uint8_t *f;

	e820_init(&m);
	assert_int_equal(e820_add(&m, 0, 0x9fc00, E820_RAM), 0);
	assert_int_equal(e820_add(&m, 0x100000, 0x100000, E820_RAM), 0);
	assert_int_equal(e820_add(&m, 0x200000, 0x800, E820_RESERVED), 0);
	assert_int_equal(e820_add(&m, 0x200800, 0x1ff800, E820_RAM), 0);
	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	te.seg[1].paddr = 0x200800;
	f = telf_build(&te, &size);
	assert_int_equal(elf_parse(&img, f, size, &err), 0);
	assert_int_equal(elf_check_in_ram(&img, &m, &err), 0);
	/* Moved onto the reserved page: refused, naming the range. */
	img.seg[1].paddr = 0x200000;
	assert_int_equal(elf_check_in_ram(&img, &m, &err), -ENOSPC);
	assert_msg_has(
		err,
		"PT_LOAD 1 [0x200000, 0x201000) is not inside guest RAM (3 MiB)");
	/* Past the end of RAM. */
	img.seg[1].paddr = 0x3ff800;
	assert_int_equal(elf_check_in_ram(&img, &m, &err), -ENOSPC);
	/* An empty PT_LOAD anywhere is nothing to place. */
	img.seg[1].memsz = 0;
	assert_int_equal(elf_check_in_ram(&img, &m, &err), 0);
	free(f);
}

static void load_span(void **state)
{
	struct elf_image img;
	uint64_t lo, hi;

	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	assert_int_equal(parse(&te, &img, NULL), 0);
	elf_load_span(&img, &lo, &hi);
	assert_int_equal(lo, TPVH_CODE);
	assert_int_equal(hi, TPVH_DATA + 0x1000);
	/* Empty loads do not count; none at all gives [0, 0). */
	img.seg[1].memsz = 0;
	elf_load_span(&img, &lo, &hi);
	assert_int_equal(hi, TPVH_CODE + 0x2000);
	img.seg[0].memsz = 0;
	elf_load_span(&img, &lo, &hi);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 0);
}

static void error_text(void **state)
{
	struct boot_error err;
	char want[sizeof(err.msg)];

	assert_int_equal(boot_fail(NULL, -E2BIG, "%s", "nobody listens"),
			 -E2BIG);
	assert_int_equal(
		boot_fail(&err, -ENOEXEC, "field %s is 0x%llx", "x", 0x123ull),
		-ENOEXEC);
	assert_string_equal(err.msg, "field x is 0x123");
	/* A message longer than the buffer is cut, still terminated. */
	memset(want, 'y', sizeof(want) - 1);
	want[sizeof(want) - 1] = '\0';
	boot_fail(&err, -EINVAL, "%s%s", want, "zzz");
	assert_string_equal(err.msg, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_elf64),
		cmocka_unit_test(good_elf32),
		cmocka_unit_test(magic),
		cmocka_unit_test(truncated_in_ident),
		cmocka_unit_test(truncated_in_header),
		cmocka_unit_test(truncated_in_phdrs),
		cmocka_unit_test(load_past_end),
		cmocka_unit_test(filesz_above_memsz),
		cmocka_unit_test(overlapping_loads),
		cmocka_unit_test(wrapping_load),
		cmocka_unit_test(bad_ident),
		cmocka_unit_test(bad_machine),
		cmocka_unit_test(bad_phentsize),
		cmocka_unit_test(phnum_limits),
		cmocka_unit_test(no_load),
		cmocka_unit_test(in_ram),
		cmocka_unit_test(load_span),
		cmocka_unit_test(error_text),
	};
	return cmocka_run_group_tests_name("boot_elf", tests, NULL, NULL);
}
