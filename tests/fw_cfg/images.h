/* images.h: tiny synthetic kernel files (bzImage headers, PVH ELF) for fw_cfg tests. */
#ifndef TESTS_FW_CFG_IMAGES_H
#define TESTS_FW_CFG_IMAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fw_cfg/bytes.h"

/*
 * QEMU's x86 loader reads only a few header fields and splits the file,
 * so a file of patterned bytes with a crafted setup header exercises all
 * of it. The pattern never forms the multiboot magic at an aligned
 * offset, so QEMU does not take these for multiboot kernels.
 */
struct fake_bz {
	bool hdrs; /* carries "HdrS" (else QEMU treats it as protocol 0) */
	uint16_t protocol;
	uint8_t setup_sects;
	uint8_t loadflags;
	uint16_t xloadflags;
	uint32_t initrd_addr_max;
	size_t size;
};

static inline void fake_pattern(uint8_t *p, size_t n, unsigned seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 7 + seed + (i >> 12));
}

static inline uint8_t *fake_bzimage(const struct fake_bz *bz)
{
	uint8_t *k = malloc(bz->size);

	fake_pattern(k, bz->size, 3);
	k[0x1f1] = bz->setup_sects;
	fw_cfg_put_le16(k + 0x1fe, 0xaa55);
	if (bz->hdrs)
		memcpy(k + 0x202, "HdrS", 4);
	else
		memset(k + 0x202, 0, 4);
	fw_cfg_put_le16(k + 0x206, bz->protocol);
	k[0x211] = bz->loadflags;
	fw_cfg_put_le32(k + 0x22c, bz->initrd_addr_max);
	fw_cfg_put_le16(k + 0x236, bz->xloadflags);
	return k;
}

/* A modern bzImage: protocol 2.15, 64-bit, initrd anywhere. */
#define FAKE_BZ_MODERN                                                  \
	{ .hdrs = true, .protocol = 0x020f, .setup_sects = 39,         \
	  .loadflags = 0x01, .xloadflags = 0x7f,                       \
	  .initrd_addr_max = 0x7fffffff, .size = 300000 }

/*
 * A PVH ELF64: one PT_LOAD of filesz bytes at paddr (memsz adds a BSS),
 * one PT_NOTE holding the Xen PHYS32_ENTRY note. At least 8 KiB long,
 * so QEMU's SETUP_DATA (the first 8 KiB) is all file bytes.
 */
struct fake_pvh {
	uint64_t paddr;
	uint32_t filesz, memsz;
	uint32_t entry;
	size_t size; /* out */
};

#define FAKE_PVH_LOAD_OFF 0x1000

static inline uint8_t *fake_pvh_elf(struct fake_pvh *pv)
{
	size_t size = FAKE_PVH_LOAD_OFF + pv->filesz;
	uint8_t *e, *ph, *note;

	if (size < 8192 + 100)
		size = 8192 + 100;
	e = malloc(size);
	fake_pattern(e, size, 5);
	memset(e, 0, FAKE_PVH_LOAD_OFF);
	memcpy(e, "\x7f" "ELF\2\1\1", 7); /* ELF64, LE, version 1 */
	fw_cfg_put_le16(e + 16, 2);       /* ET_EXEC */
	fw_cfg_put_le16(e + 18, 62);      /* EM_X86_64 */
	fw_cfg_put_le32(e + 20, 1);
	fw_cfg_put_le64(e + 24, pv->paddr); /* e_entry */
	fw_cfg_put_le64(e + 32, 64);        /* e_phoff */
	fw_cfg_put_le16(e + 52, 64);        /* e_ehsize */
	fw_cfg_put_le16(e + 54, 56);        /* e_phentsize */
	fw_cfg_put_le16(e + 56, 2);         /* e_phnum */

	ph = e + 64; /* PT_LOAD, R+X */
	fw_cfg_put_le32(ph, 1);
	fw_cfg_put_le32(ph + 4, 5);
	fw_cfg_put_le64(ph + 8, FAKE_PVH_LOAD_OFF);
	fw_cfg_put_le64(ph + 16, pv->paddr);
	fw_cfg_put_le64(ph + 24, pv->paddr);
	fw_cfg_put_le64(ph + 32, pv->filesz);
	fw_cfg_put_le64(ph + 40, pv->memsz);
	fw_cfg_put_le64(ph + 48, 0x1000);

	note = e + 64 + 2 * 56;
	ph += 56; /* PT_NOTE */
	fw_cfg_put_le32(ph, 4);
	fw_cfg_put_le32(ph + 4, 4);
	fw_cfg_put_le64(ph + 8, (uint64_t)(note - e));
	fw_cfg_put_le64(ph + 32, 20);
	fw_cfg_put_le64(ph + 40, 20);
	fw_cfg_put_le64(ph + 48, 4);
	fw_cfg_put_le32(note, 4);      /* namesz */
	fw_cfg_put_le32(note + 4, 4);  /* descsz */
	fw_cfg_put_le32(note + 8, 18); /* XEN_ELFNOTE_PHYS32_ENTRY */
	memcpy(note + 12, "Xen", 4);
	fw_cfg_put_le32(note + 16, pv->entry);
	pv->size = size;
	return e;
}

#endif
