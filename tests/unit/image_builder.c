/* image_builder.c: builds the ELF, note and bzImage test images in memory. */
#include "image_builder.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "abi/pvh.h"

void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

void put_le32(uint8_t *p, uint32_t v)
{
	put_le16(p, (uint16_t)v);
	put_le16(p + 2, (uint16_t)(v >> 16));
}

void put_le64(uint8_t *p, uint64_t v)
{
	put_le32(p, (uint32_t)v);
	put_le32(p + 4, (uint32_t)(v >> 32));
}

static size_t align_up(size_t v, size_t a)
{
	return (v + a - 1) / a * a;
}

/* A copy of len bytes in a buffer of exactly that size. */
static uint8_t *exact_copy(const uint8_t *src, size_t len)
{
	uint8_t *p = malloc(len ? len : 1);

	if (p)
		memcpy(p, src, len);
	return p;
}

void telf_init(struct test_elf *e, bool is64)
{
	memset(e, 0, sizeof(*e));
	e->is64 = is64;
	e->machine = is64 ? EM_X86_64 : EM_386;
}

unsigned telf_add(struct test_elf *e, uint32_t type, uint32_t flags,
		  uint64_t paddr, const void *bytes, size_t len, uint64_t memsz,
		  uint64_t align)
{
	size_t at = align_up(e->body_len, align > 8 ? align : 8);
	struct elf_seg *s = &e->seg[e->nseg];

	if (e->nseg == TELF_MAX_SEGS || at + len > TELF_BODY_MAX)
		abort(); /* a test asked for more than the builder holds */
	memcpy(e->body + at, bytes, len);
	e->body_len = at + len;
	*s = (struct elf_seg){ .type = type,
			       .flags = flags,
			       .offset = TELF_BODY_OFF + at,
			       .vaddr = paddr,
			       .paddr = paddr,
			       .filesz = len,
			       .memsz = memsz,
			       .align = align };
	return e->nseg++;
}

static void put_ehdr(const struct test_elf *e, uint8_t *f)
{
	memcpy(f, ELFMAG, SELFMAG);
	f[EI_CLASS] = e->is64 ? ELFCLASS64 : ELFCLASS32;
	f[EI_DATA] = ELFDATA2LSB;
	f[EI_VERSION] = EV_CURRENT;
	if (e->is64) {
		put_le16(f + offsetof(Elf64_Ehdr, e_type), ET_EXEC);
		put_le16(f + offsetof(Elf64_Ehdr, e_machine), e->machine);
		put_le32(f + offsetof(Elf64_Ehdr, e_version), EV_CURRENT);
		put_le64(f + offsetof(Elf64_Ehdr, e_entry), e->entry);
		put_le64(f + offsetof(Elf64_Ehdr, e_phoff), sizeof(Elf64_Ehdr));
		put_le16(f + offsetof(Elf64_Ehdr, e_ehsize),
			 sizeof(Elf64_Ehdr));
		put_le16(f + offsetof(Elf64_Ehdr, e_phentsize),
			 sizeof(Elf64_Phdr));
		put_le16(f + offsetof(Elf64_Ehdr, e_phnum), e->nseg);
	} else {
		put_le16(f + offsetof(Elf32_Ehdr, e_type), ET_EXEC);
		put_le16(f + offsetof(Elf32_Ehdr, e_machine), e->machine);
		put_le32(f + offsetof(Elf32_Ehdr, e_version), EV_CURRENT);
		put_le32(f + offsetof(Elf32_Ehdr, e_entry), (uint32_t)e->entry);
		put_le32(f + offsetof(Elf32_Ehdr, e_phoff), sizeof(Elf32_Ehdr));
		put_le16(f + offsetof(Elf32_Ehdr, e_ehsize),
			 sizeof(Elf32_Ehdr));
		put_le16(f + offsetof(Elf32_Ehdr, e_phentsize),
			 sizeof(Elf32_Phdr));
		put_le16(f + offsetof(Elf32_Ehdr, e_phnum), e->nseg);
	}
}

static void put_phdr(bool is64, uint8_t *p, const struct elf_seg *s)
{
	if (is64) {
		put_le32(p + offsetof(Elf64_Phdr, p_type), s->type);
		put_le32(p + offsetof(Elf64_Phdr, p_flags), s->flags);
		put_le64(p + offsetof(Elf64_Phdr, p_offset), s->offset);
		put_le64(p + offsetof(Elf64_Phdr, p_vaddr), s->vaddr);
		put_le64(p + offsetof(Elf64_Phdr, p_paddr), s->paddr);
		put_le64(p + offsetof(Elf64_Phdr, p_filesz), s->filesz);
		put_le64(p + offsetof(Elf64_Phdr, p_memsz), s->memsz);
		put_le64(p + offsetof(Elf64_Phdr, p_align), s->align);
	} else {
		put_le32(p + offsetof(Elf32_Phdr, p_type), s->type);
		put_le32(p + offsetof(Elf32_Phdr, p_flags), s->flags);
		put_le32(p + offsetof(Elf32_Phdr, p_offset),
			 (uint32_t)s->offset);
		put_le32(p + offsetof(Elf32_Phdr, p_vaddr), (uint32_t)s->vaddr);
		put_le32(p + offsetof(Elf32_Phdr, p_paddr), (uint32_t)s->paddr);
		put_le32(p + offsetof(Elf32_Phdr, p_filesz),
			 (uint32_t)s->filesz);
		put_le32(p + offsetof(Elf32_Phdr, p_memsz), (uint32_t)s->memsz);
		put_le32(p + offsetof(Elf32_Phdr, p_align), (uint32_t)s->align);
	}
}

uint8_t *telf_build(const struct test_elf *e, size_t *size)
{
	static uint8_t file[TELF_BODY_OFF + TELF_BODY_MAX];
	size_t ehsize = e->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	size_t phsize = e->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);

	_Static_assert(sizeof(Elf64_Ehdr) +
				       TELF_MAX_SEGS * sizeof(Elf64_Phdr) <=
			       TELF_BODY_OFF,
		       "program headers must fit before the contents");
	memset(file, 0, sizeof(file));
	put_ehdr(e, file);
	for (unsigned i = 0; i < e->nseg; i++)
		put_phdr(e->is64, file + ehsize + i * phsize, &e->seg[i]);
	memcpy(file + TELF_BODY_OFF, e->body, e->body_len);
	*size = TELF_BODY_OFF + e->body_len;
	return exact_copy(file, *size);
}

size_t note_put(uint8_t *p, const char *name, uint32_t type, const void *desc,
		uint32_t descsz, unsigned pad)
{
	uint32_t namesz = (uint32_t)strlen(name) + 1;
	/* gABI / glibc ELF_NOTE_DESC_OFFSET: the descriptor and the next
	 * note start at multiples of pad from the note's own start. */
	size_t desc_off = align_up(12 + namesz, pad);
	size_t end = desc_off + align_up(descsz, pad);

	memset(p, 0, end);
	put_le32(p, namesz);
	put_le32(p + 4, descsz);
	put_le32(p + 8, type);
	memcpy(p + 12, name, namesz);
	memcpy(p + desc_off, desc, descsz);
	return end;
}

size_t note_put_xen_entry(uint8_t *p, uint64_t entry, unsigned descsz,
			  unsigned pad)
{
	uint8_t desc[8];

	put_le64(desc, entry);
	return note_put(p, "Xen", XEN_ELFNOTE_PHYS32_ENTRY, desc, descsz, pad);
}

void telf_pvh_kernel(struct test_elf *e, bool is64, uint64_t entry,
		     unsigned descsz)
{
	uint8_t code[0x80], data[0x40], notes[64];
	size_t n;

	memset(code, 0x90, sizeof(code)); /* nop: any recognisable bytes */
	memset(data, 0x11, sizeof(data));
	telf_init(e, is64);
	e->entry = TPVH_CODE;
	telf_add(e, PT_LOAD, PF_R | PF_X, TPVH_CODE, code, sizeof(code), 0x2000,
		 0x1000);
	telf_add(e, PT_LOAD, PF_R | PF_W, TPVH_DATA, data, sizeof(data), 0x1000,
		 0x1000);
	n = note_put_xen_entry(notes, entry, descsz, 4);
	telf_add(e, PT_NOTE, PF_R, 0, notes, n, 0, 4);
}

void tbz_default_header(struct setup_header *h, size_t pm_size)
{
	memset(h, 0, sizeof(*h));
	h->setup_sects = 4;
	h->syssize = (uint32_t)((pm_size + 15) / 16);
	h->vid_mode = 0xffff;
	h->boot_flag = SETUP_BOOT_FLAG;
	/* A short jump over the header: it ends at 0x202 + 0x6a = 0x26c. */
	h->jump = 0xeb | (0x6a << 8);
	h->header = SETUP_HDRS_MAGIC;
	h->version = 0x020f;
	h->start_sys_seg = 0x1000;
	h->kernel_version = 0x3a00;
	h->loadflags = LOADED_HIGH;
	h->code32_start = 0x100000;
	h->initrd_addr_max = 0x7fffffff;
	h->kernel_alignment = TBZ_ALIGN;
	h->relocatable_kernel = 1;
	h->min_alignment = 21;
	h->xloadflags = XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G;
	h->cmdline_size = TBZ_CMDLINE_SIZE;
	h->payload_offset = 0x3a0;
	h->payload_length = 0x100;
	h->pref_address = TBZ_PREF_ADDRESS;
	h->init_size = TBZ_INIT_SIZE;
	h->handover_offset = 0x190;
	h->kernel_info_offset = 0x1234;
}

uint8_t *tbz_build(const struct setup_header *h, size_t pm_size, size_t *size)
{
	unsigned sects = h->setup_sects ? h->setup_sects : SETUP_SECTS_DEFAULT;
	size_t pm_off = (size_t)(sects + 1) * SETUP_SECT_SIZE;
	uint8_t *f;

	*size = pm_off + pm_size;
	f = malloc(*size);
	if (!f)
		abort();
	memset(f, 0xcc, pm_off);
	memcpy(f + SETUP_HEADER_OFFSET, h, sizeof(*h));
	for (size_t i = 0; i < pm_size; i++)
		f[pm_off + i] = (uint8_t)(i ^ 0x5a);
	return f;
}

uint8_t *tbz_default(size_t pm_size, size_t *size)
{
	struct setup_header h;

	tbz_default_header(&h, pm_size);
	return tbz_build(&h, pm_size, size);
}

void test_pc_map(struct e820_map *m, uint64_t ram)
{
	e820_init(m);
	assert_int_equal(e820_add(m, 0, 0x9fc00, E820_RAM), 0);
	assert_int_equal(e820_add(m, 0x9fc00, 0x400, E820_RESERVED), 0);
	assert_int_equal(e820_add(m, 0xf0000, 0x10000, E820_RESERVED), 0);
	assert_int_equal(e820_add(m, 1 << 20, ram - (1 << 20), E820_RAM), 0);
}
