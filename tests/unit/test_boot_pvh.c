/* test_boot_pvh.c: the Xen PHYS32_ENTRY note search and hvm_start_info. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <elf.h>
#include <errno.h>

#include "boot/pvh.h"
#include "image_builder.h"

static struct test_elf te;

/* pvh_parse on e's image; k->entry is left at 0xdeadbeef when not found. */
static int parse(const struct test_elf *e, struct pvh_kernel *k,
		 struct boot_error *err)
{
	size_t size;
	uint8_t *f = telf_build(e, &size);
	int ret;

	memset(k, 0, sizeof(*k));
	k->entry = 0xdeadbeef;
	ret = pvh_parse(k, f, size, err);
	free(f);
	return ret;
}

/* Replace PT_NOTE 2 of the standard kernel with the given note bytes. */
static void set_notes(struct test_elf *e, const uint8_t *notes, size_t len,
		      uint64_t align)
{
	e->nseg = 2;
	e->body_len = 0x1040;
	telf_add(e, PT_NOTE, PF_R, 0, notes, len, 0, align);
}

static void entry_elf64_desc8(void **state)
{
	struct pvh_kernel k;

	/* Linux up to 6.11: _ASM_PTR, an 8-byte descriptor. */
	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	assert_int_equal(parse(&te, &k, NULL), 0);
	assert_int_equal(k.entry, TPVH_ENTRY);
	assert_int_equal(k.lo, TPVH_CODE);
	assert_int_equal(k.hi, TPVH_DATA + 0x1000);
	assert_true(k.elf.is64);
}

static void entry_elf64_desc4(void **state)
{
	struct pvh_kernel k;

	telf_pvh_kernel(&te, true, TPVH_ENTRY + 4, 4);
	assert_int_equal(parse(&te, &k, NULL), 0);
	assert_int_equal(k.entry, TPVH_ENTRY + 4);
}

static void entry_elf32(void **state)
{
	struct pvh_kernel k;

	telf_pvh_kernel(&te, false, TPVH_ENTRY + 8, 4);
	assert_int_equal(parse(&te, &k, NULL), 0);
	assert_int_equal(k.entry, TPVH_ENTRY + 8);
	assert_false(k.elf.is64);
	telf_pvh_kernel(&te, false, TPVH_ENTRY + 12, 8);
	assert_int_equal(parse(&te, &k, NULL), 0);
	assert_int_equal(k.entry, TPVH_ENTRY + 12);
}

static void note_in_second_pt_note(void **state)
{
	uint8_t a[64], b[128], c[32], id[20];
	size_t na, nb = 0, nc, at;
	struct pvh_kernel k;

	memset(id, 0xab, sizeof(id));
	na = note_put(a, "GNU", NT_GNU_BUILD_ID, id, sizeof(id), 4);
	/* Other Xen notes first, and a type-18 note of another owner. */
	nb += note_put(b + nb, "Xen", 6 /* GUEST_OS */, "linux", 6, 4);
	nb += note_put(b + nb, "Xem", XEN_ELFNOTE_PHYS32_ENTRY, "\x10\0\x10\0",
		       4, 4);
	/* namesz 5 with "Xen\0\0": not the owner either. */
	at = nb;
	nb += note_put(b + nb, "XenX", XEN_ELFNOTE_PHYS32_ENTRY, "\x20\0\x10\0",
		       4, 4);
	b[at + 12 + 3] = '\0';
	nb += note_put_xen_entry(b + nb, TPVH_ENTRY + 0x10, 4, 4);
	nc = note_put(c, "Linux", 1, "\0\0\0\0", 4, 4);
	telf_pvh_kernel(&te, true, 0, 4);
	set_notes(&te, a, na, 4);
	telf_add(&te, PT_NOTE, PF_R, 0, b, nb, 0, 4);
	telf_add(&te, PT_NOTE, PF_R, 0, c, nc, 0, 4);
	assert_int_equal(parse(&te, &k, NULL), 0);
	assert_int_equal(k.entry, TPVH_ENTRY + 0x10);
}

/*
 * binutils >= 2.36 style: an 8-aligned note segment whose notes are laid
 * out for 8-byte alignment. The build ID's 20-byte descriptor then takes
 * 24 bytes, so a 4-byte walk lands in its padding and misreads the rest.
 */
static size_t notes_8_aligned(uint8_t *p, uint32_t entry, unsigned descsz)
{
	uint8_t id[20];
	size_t n;

	memset(id, 0x5c, sizeof(id));
	n = note_put(p, "GNU", 5 /* NT_GNU_PROPERTY_TYPE_0 */,
		     "\x02\0\0\xc0\x04\0\0\0\x03\0\0\0\0\0\0\0", 16, 8);
	n += note_put(p + n, "GNU", NT_GNU_BUILD_ID, id, sizeof(id), 8);
	/* A 4-byte descriptor padded to 8 between them, as well. */
	n += note_put(p + n, "Xen", 12 /* HYPERCALL_PAGE */, "\0\0\0\0", 4, 8);
	return n + note_put_xen_entry(p + n, entry, descsz, 8);
}

static void note_8_byte_padding(void **state)
{
	struct boot_error err;
	struct pvh_kernel k;
	uint8_t notes[160];
	size_t n = notes_8_aligned(notes, TPVH_ENTRY + 0x20, 4);

	telf_pvh_kernel(&te, true, 0, 4);
	set_notes(&te, notes, n, 8);
	assert_int_equal(parse(&te, &k, &err), 0);
	assert_int_equal(k.entry, TPVH_ENTRY + 0x20);
	/* The same bytes in a 4-aligned segment are read 4-padded: lost. */
	telf_pvh_kernel(&te, true, 0, 4);
	set_notes(&te, notes, n, 4);
	assert_int_equal(parse(&te, &k, &err), -ENOENT);
	/* An 8-byte descriptor, the same way. */
	n = notes_8_aligned(notes, TPVH_ENTRY + 0x24, 8);
	telf_pvh_kernel(&te, true, 0, 4);
	set_notes(&te, notes, n, 8);
	assert_int_equal(parse(&te, &k, &err), 0);
	assert_int_equal(k.entry, TPVH_ENTRY + 0x24);
}

/* Linux's own layout: 4-padded notes in a segment that is 8-aligned. */
static void note_4_byte_padding_in_8_aligned(void **state)
{
	struct pvh_kernel k;
	uint8_t notes[64];
	size_t n = note_put(notes, "Xen", 12, "\0\0\0\0", 4, 4);

	n += note_put_xen_entry(notes + n, TPVH_ENTRY + 0x30, 4, 4);
	telf_pvh_kernel(&te, true, 0, 4);
	set_notes(&te, notes, n, 8);
	assert_int_equal(parse(&te, &k, NULL), 0);
	assert_int_equal(k.entry, TPVH_ENTRY + 0x30);
}

static void note_missing(void **state)
{
	struct boot_error err;
	struct pvh_kernel k;
	uint8_t notes[32];
	size_t n = note_put(notes, "Xen", 6, "linux", 6, 4);

	telf_pvh_kernel(&te, true, 0, 4);
	set_notes(&te, notes, n, 4);
	assert_int_equal(parse(&te, &k, &err), -ENOENT);
	assert_msg_has(err, "no Xen PHYS32_ENTRY note (type 18)");
	/* No PT_NOTE at all. */
	te.nseg = 2;
	assert_int_equal(parse(&te, &k, &err), -ENOENT);
	assert_msg_has(err, "no Xen PHYS32_ENTRY note");
	/* An empty PT_NOTE. */
	set_notes(&te, notes, 0, 4);
	assert_int_equal(parse(&te, &k, &err), -ENOENT);
}

static void bad_descriptor_size(void **state)
{
	struct boot_error err;
	struct pvh_kernel k;
	uint8_t notes[64], desc[16] = { 0x40, 0, 0x10 };
	size_t n;

	n = note_put(notes, "Xen", XEN_ELFNOTE_PHYS32_ENTRY, desc, 2, 4);
	telf_pvh_kernel(&te, true, 0, 4);
	set_notes(&te, notes, n, 4);
	assert_int_equal(parse(&te, &k, &err), -ENOEXEC);
	assert_msg_has(err, "has a 2-byte descriptor (expected 4 or 8)");
	n = note_put(notes, "Xen", XEN_ELFNOTE_PHYS32_ENTRY, desc, 16, 4);
	set_notes(&te, notes, n, 4);
	assert_int_equal(parse(&te, &k, &err), -ENOEXEC);
	assert_msg_has(err, "has a 16-byte descriptor");
}

static void note_past_segment(void **state)
{
	struct boot_error err;
	struct pvh_kernel k;
	uint8_t notes[64];
	size_t n = note_put(notes, "Xen", 6, "linux", 6, 4);

	n += note_put_xen_entry(notes + n, TPVH_ENTRY, 8, 4);
	telf_pvh_kernel(&te, true, 0, 4);
	/* The segment ends inside the entry's descriptor. */
	set_notes(&te, notes, n - 4, 4);
	assert_int_equal(parse(&te, &k, &err), -ENOEXEC);
	assert_msg_has(
		err,
		"Xen PHYS32_ENTRY note at file offset 0x1258 runs past the end of PT_NOTE 2");
	/* Ending inside the name: nothing to recognise, so just absent. */
	set_notes(&te, notes, 24 + 14, 4);
	assert_int_equal(parse(&te, &k, &err), -ENOENT);
}

static void pt_note_past_file(void **state)
{
	struct boot_error err;
	struct pvh_kernel k;

	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	te.seg[2].filesz = 0x1000;
	assert_int_equal(parse(&te, &k, &err), -ENOEXEC);
	assert_msg_has(
		err,
		"PT_NOTE 2 [0x1240, +0x1000) reaches past the end of the file (0x1258 bytes)");
	te.seg[2].offset = 0x7fffffffffffffffull;
	te.seg[2].filesz = 0x10;
	assert_int_equal(parse(&te, &k, &err), -ENOEXEC);
	assert_msg_has(err, "PT_NOTE 2 [0x7fffffffffffffff, +0x10)");
}

static void entry_outside_code(void **state)
{
	struct boot_error err;
	struct pvh_kernel k;

	/* In the data segment: loaded, but not executable. */
	telf_pvh_kernel(&te, true, TPVH_DATA + 0x10, 8);
	assert_int_equal(parse(&te, &k, &err), -ENOEXEC);
	assert_msg_has(
		err,
		"PVH entry 0x200010 is not inside an executable PT_LOAD segment (loaded span [0x100000, 0x201000))");
	/* One past the end of the code segment. */
	telf_pvh_kernel(&te, true, TPVH_CODE + 0x2000, 8);
	assert_int_equal(parse(&te, &k, &err), -ENOEXEC);
	assert_msg_has(err, "PVH entry 0x102000 is not inside");
	/* Its last byte is inside. */
	telf_pvh_kernel(&te, true, TPVH_CODE + 0x1fff, 8);
	assert_int_equal(parse(&te, &k, &err), 0);
	/* Below everything. */
	telf_pvh_kernel(&te, false, 0x1000, 4);
	assert_int_equal(parse(&te, &k, &err), -ENOEXEC);
	assert_msg_has(err, "PVH entry 0x1000 is not inside");
}

static void entry_above_4g(void **state)
{
	struct boot_error err;
	struct pvh_kernel k;

	telf_pvh_kernel(&te, true, 0x100300000ull, 8);
	assert_int_equal(parse(&te, &k, &err), -ENOEXEC);
	assert_msg_has(
		err,
		"Xen PHYS32_ENTRY note gives entry 0x0000000100300000, above 4 GiB");
	/* A 4-byte descriptor cannot say more than 32 bits. */
	telf_pvh_kernel(&te, true, 0x100300000ull, 4);
	assert_int_equal(parse(&te, &k, &err), -ENOEXEC);
	assert_msg_has(err, "PVH entry 0x300000 is not inside");
}

static void elf_errors_come_first(void **state)
{
	struct boot_error err;
	struct pvh_kernel k;

	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	te.seg[1].memsz = 1;
	assert_int_equal(parse(&te, &k, &err), -ENOEXEC);
	assert_msg_has(err, "p_filesz 0x40 is larger than p_memsz 0x1");
}

static const struct e820_entry map_entries[] = {
	{ 0, 0x9fc00, E820_RAM },
	{ 0x9fc00, 0x400, E820_RESERVED },
	{ 0x100000, 0xff00000, E820_RAM },
	{ 0x100000000ull, 0x40000000, E820_RAM },
};

static void start_info(void **state)
{
	struct e820_map map = { .n = 4 };
	struct pvh_boot_args a = { .start_info_addr = 0x6000,
				   .cmdline_addr = 0x20000,
				   .modlist_addr = 0x6040,
				   .initrd_addr = 0xbf00000,
				   .initrd_size = 0x123457,
				   .memmap_addr = 0x7000,
				   .rsdp_addr = 0xe0000,
				   .map = &map };
	struct hvm_start_info si;
	struct hvm_modlist_entry mod;
	struct hvm_memmap_table_entry mm[5];

	memcpy(map.e, map_entries, sizeof(map_entries));
	memset(&si, 0xa5, sizeof(si));
	memset(&mod, 0xa5, sizeof(mod));
	memset(mm, 0xa5, sizeof(mm));
	pvh_fill_start_info(&si, &mod, mm, &a);
	assert_int_equal(si.magic, 0x336ec578);
	assert_int_equal(si.version, 1);
	assert_int_equal(si.flags, 0);
	assert_int_equal(si.nr_modules, 1);
	assert_int_equal(si.modlist_paddr, 0x6040);
	assert_int_equal(si.cmdline_paddr, 0x20000);
	assert_int_equal(si.rsdp_paddr, 0xe0000);
	assert_int_equal(si.memmap_paddr, 0x7000);
	assert_int_equal(si.memmap_entries, 4);
	assert_int_equal(si.reserved, 0);
	assert_int_equal(mod.paddr, 0xbf00000);
	assert_int_equal(mod.size, 0x123457);
	assert_int_equal(mod.cmdline_paddr, 0);
	assert_int_equal(mod.reserved, 0);
	for (unsigned i = 0; i < 4; i++) {
		assert_int_equal(mm[i].addr, map_entries[i].addr);
		assert_int_equal(mm[i].size, map_entries[i].size);
		assert_int_equal(mm[i].type, map_entries[i].type);
		assert_int_equal(mm[i].reserved, 0);
	}
	/* Nothing written past the map's own entries. */
	assert_int_equal(mm[4].addr, 0xa5a5a5a5a5a5a5a5ull);
}

static void start_info_without_initrd(void **state)
{
	struct e820_map map = { .n = 1 };
	struct pvh_boot_args a = { .modlist_addr = 0x6040,
				   .initrd_addr = 0x1000000,
				   .memmap_addr = 0x7000,
				   .map = &map };
	struct hvm_start_info si;
	struct hvm_modlist_entry mod;
	struct hvm_memmap_table_entry mm[1];

	memcpy(map.e, map_entries, sizeof(map.e[0]));
	memset(&si, 0xa5, sizeof(si));
	memset(&mod, 0xa5, sizeof(mod));
	pvh_fill_start_info(&si, &mod, mm, &a);
	assert_int_equal(si.magic, HVM_START_MAGIC);
	assert_int_equal(si.nr_modules, 0);
	assert_int_equal(si.modlist_paddr, 0);
	assert_int_equal(si.cmdline_paddr, 0);
	assert_int_equal(si.rsdp_paddr, 0);
	assert_int_equal(si.memmap_entries, 1);
	assert_int_equal(mm[0].size, 0x9fc00);
	/* The module slot is the caller's to leave unused. */
	assert_int_equal(mod.paddr, 0xa5a5a5a5a5a5a5a5ull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entry_elf64_desc8),
		cmocka_unit_test(entry_elf64_desc4),
		cmocka_unit_test(entry_elf32),
		cmocka_unit_test(note_in_second_pt_note),
		cmocka_unit_test(note_8_byte_padding),
		cmocka_unit_test(note_4_byte_padding_in_8_aligned),
		cmocka_unit_test(note_missing),
		cmocka_unit_test(bad_descriptor_size),
		cmocka_unit_test(note_past_segment),
		cmocka_unit_test(pt_note_past_file),
		cmocka_unit_test(entry_outside_code),
		cmocka_unit_test(entry_above_4g),
		cmocka_unit_test(elf_errors_come_first),
		cmocka_unit_test(start_info),
		cmocka_unit_test(start_info_without_initrd),
	};
	return cmocka_run_group_tests_name("boot_pvh", tests, NULL, NULL);
}
