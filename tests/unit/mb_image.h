/* mb_image.h: multiboot test images (a.out kludge files, ELF kernels) for the
 * unit tests. */
#ifndef TESTS_UNIT_MB_IMAGE_H
#define TESTS_UNIT_MB_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "abi/multiboot.h"
#include "image_builder.h"

/*
 * Write a multiboot header at p: magic, flags, the checksum that makes
 * them sum to 0, and (for MULTIBOOT_AOUT_KLUDGE / MULTIBOOT_VIDEO_MODE)
 * the fields in h. Returns the bytes the flags call for (12, 32 or 48).
 */
size_t tmb_header(uint8_t *p, uint32_t flags, const struct multiboot_header *h);

/*
 * An a.out kludge kernel: size bytes, byte i = (i * 7) & 0xff, with a
 * header at file offset hdr_off whose address fields are h's. The image
 * is malloc'd at exactly its size; free() it.
 */
uint8_t *tmb_aout(size_t size, size_t hdr_off, uint32_t flags,
		  const struct multiboot_header *h);

/*
 * A 32-bit (or 64-bit) ELF multiboot kernel: telf_pvh_kernel's segments
 * without its note: PT_LOAD 0, code (R+X) at TMB_CODE, 0x80 bytes in the
 * file with the header (flags) first, 0x2000 in memory; PT_LOAD 1, data
 * (R+W) at TMB_DATA with 0x1000 bytes of BSS. The entry is TMB_ENTRY.
 * Tests edit e before telf_build().
 */
#define TMB_CODE  TPVH_CODE
#define TMB_DATA  TPVH_DATA
#define TMB_ENTRY (TMB_CODE + 0x40)
void tmb_elf(struct test_elf *e, bool is64, uint32_t flags);

#endif
