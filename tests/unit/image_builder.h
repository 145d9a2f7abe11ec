/* image_builder.h: tiny ELF, note and bzImage images (and a PC memory map)
 * for the unit tests. */
#ifndef TESTS_UNIT_IMAGE_BUILDER_H
#define TESTS_UNIT_IMAGE_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "abi/bootparam.h"
#include "boot/e820.h"
#include "boot/elf.h"

/*
 * A parser's refusal (struct boot_error err) names text; on failure the
 * whole message is shown beside what it lacks. For tests (cmocka).
 */
#define assert_msg_has(err, text)                                          \
	do {                                                               \
		if (!strstr((err).msg, (text)))                            \
			fail_msg("refusal \"%s\" lacks \"%s\"", (err).msg, \
				 (text));                                  \
	} while (0)

/*
 * Images are built in memory by the tests themselves, so each test shows
 * exactly which bytes it feeds the parser. Every image is returned in a
 * malloc'd buffer of exactly its size: a parser reading one byte too far
 * trips AddressSanitizer in the san build. Free with free().
 */

#define TELF_MAX_SEGS 8
#define TELF_BODY_OFF 0x200 /* segment contents start here in the file */
#define TELF_BODY_MAX 0x4000

/* An ELF image being described: header fields, segments, their bytes. */
struct test_elf {
	bool is64;
	uint16_t machine;
	uint64_t entry;
	unsigned nseg;
	struct elf_seg seg[TELF_MAX_SEGS];
	uint8_t body[TELF_BODY_MAX];
	size_t body_len;
};

/* An empty ELF32 (EM_386) or ELF64 (EM_X86_64) executable. */
void telf_init(struct test_elf *e, bool is64);

/*
 * Append a program header whose file bytes are bytes[0..len) (filesz =
 * len), placed at the next file offset aligned to max(align, 8). Returns
 * the segment's index. Tests may edit e->seg[i] afterwards to break it.
 */
unsigned telf_add(struct test_elf *e, uint32_t type, uint32_t flags,
		  uint64_t paddr, const void *bytes, size_t len, uint64_t memsz,
		  uint64_t align);

/* The file: header, program headers at e_phoff = header size, contents. */
uint8_t *telf_build(const struct test_elf *e, size_t *size);

/*
 * Write one ELF note (namesz counts the NUL of name) laid out for pad-byte
 * alignment: the descriptor at align(12 + namesz, pad) from the note's
 * start, the note's end at align(that + descsz, pad). pad 4 is the usual
 * layout; pad 8 is what 8-aligned note sections (binutils >= 2.36
 * .note.gnu.property and its neighbours) use. Returns the bytes written.
 */
size_t note_put(uint8_t *p, const char *name, uint32_t type, const void *desc,
		uint32_t descsz, unsigned pad);

/* The Xen PHYS32_ENTRY note: a 4- or 8-byte little-endian descriptor. */
size_t note_put_xen_entry(uint8_t *p, uint64_t entry, unsigned descsz,
			  unsigned pad);

/*
 * A small PVH kernel: PT_LOAD 0 is code (R+X) at 1 MiB, 0x2000 bytes in
 * memory; PT_LOAD 1 is data (R+W) at 2 MiB with 0x1000 bytes of BSS;
 * PT_NOTE 2 holds the entry note (4-byte padding, descsz bytes).
 */
#define TPVH_CODE  0x100000u
#define TPVH_DATA  0x200000u
#define TPVH_ENTRY (TPVH_CODE + 0x40)
void telf_pvh_kernel(struct test_elf *e, bool is64, uint64_t entry,
		     unsigned descsz);

/* Little-endian stores for poking fields into built images. */
void put_le16(uint8_t *p, uint16_t v);
void put_le32(uint8_t *p, uint32_t v);
void put_le64(uint8_t *p, uint64_t v);

/*
 * bzImage: a header as a 2.15 kernel ships it (setup_sects 4, syssize for
 * pm_size, LOADED_HIGH, XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G,
 * relocatable, kernel_alignment 2 MiB, pref_address 16 MiB, init_size
 * 32 MiB, cmdline_size 2047, initrd_addr_max 0x7fffffff, a jump byte
 * ending the header at 0x26c).
 */
#define TBZ_PREF_ADDRESS 0x1000000u
#define TBZ_ALIGN	 0x200000u
#define TBZ_INIT_SIZE	 0x2000000u
#define TBZ_CMDLINE_SIZE 2047u
void tbz_default_header(struct setup_header *h, size_t pm_size);

/*
 * The file: (setup_sects + 1) sectors of setup with h at 0x1f1 (the jump
 * byte at 0x201 taken from h->jump), then pm_size bytes of protected-mode
 * code, each byte (offset & 0xff) ^ 0x5a. Bytes of setup past the header
 * are 0xcc, so a loader that copies too much of it shows.
 */
uint8_t *tbz_build(const struct setup_header *h, size_t pm_size, size_t *size);

/* A default bzImage in one call. */
uint8_t *tbz_default(size_t pm_size, size_t *size);

/*
 * A PC's memory map for ram bytes below 3 GiB, as the loaders see one:
 * RAM [0, 0x9fc00), the EBDA and the BIOS area reserved, RAM [1 MiB,
 * ram). Every e820_add is asserted to succeed.
 */
void test_pc_map(struct e820_map *m, uint64_t ram);

#endif
