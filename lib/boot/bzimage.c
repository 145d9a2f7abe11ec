/* bzimage.c: setup-header checks, load placement and zero-page building. */
#include "boot/bzimage.h"

#include <errno.h>
#include <string.h>

#define SETUP_MIN_FILE (0x202 + 4 + 2) /* up to "HdrS" and version */
#define MIB	       (1ull << 20)
#define GIB	       (1ull << 30)

bool bzimage_is_bzimage(const void *data, size_t size)
{
	uint32_t magic;

	if (size < 0x206)
		return false;
	memcpy(&magic, (const uint8_t *)data + 0x202, 4);
	return magic == SETUP_HDRS_MAGIC;
}

static int check_header(struct bzimage *bz, struct boot_error *err)
{
	struct setup_header *h = &bz->hdr;
	unsigned major = h->version >> 8, minor = h->version & 0xff;

	if (h->boot_flag != SETUP_BOOT_FLAG)
		return boot_fail(err, -ENOEXEC,
				 "boot_flag at 0x1fe is 0x%04x, not 0xaa55",
				 h->boot_flag);
	if (h->header != SETUP_HDRS_MAGIC)
		return boot_fail(
			err, -ENOEXEC,
			"setup header magic at 0x202 is 0x%08x, not \"HdrS\"",
			h->header);
	if (h->version < BZIMAGE_MIN_VERSION)
		return boot_fail(
			err, -ENOEXEC,
			"boot protocol %u.%02u is too old: direct boot needs 2.12 or later (the 64-bit entry)",
			major, minor);
	/* A 2.12 header reaches 0x268; we read up to init_size (2.10). */
	if (bz->hdr_len < offsetof(struct setup_header, init_size) + 4)
		return boot_fail(
			err, -ENOEXEC,
			"setup header ends at 0x%zx (jump byte 0x%02x), before the protocol 2.12 fields (init_size ends at 0x264)",
			SETUP_HEADER_OFFSET + bz->hdr_len, bz->data[0x201]);
	/* Bytes past the header's own length are code, not fields. */
	memset((uint8_t *)h + bz->hdr_len, 0, sizeof(*h) - bz->hdr_len);
	if (!(h->xloadflags & XLF_KERNEL_64))
		return boot_fail(
			err, -ENOEXEC,
			"xloadflags 0x%04x has no XLF_KERNEL_64: the kernel has no 64-bit entry",
			h->xloadflags);
	if (!(h->loadflags & LOADED_HIGH))
		return boot_fail(
			err, -ENOEXEC,
			"loadflags 0x%02x lacks LOADED_HIGH: a zImage, not a bzImage",
			h->loadflags);
	if (h->kernel_alignment & (h->kernel_alignment - 1))
		return boot_fail(err, -ENOEXEC,
				 "kernel_alignment 0x%x is not a power of two",
				 h->kernel_alignment);
	return 0;
}

int bzimage_parse(struct bzimage *bz, const void *data, size_t size,
		  struct boot_error *err)
{
	unsigned sects;
	size_t hdr_end;
	int ret;

	memset(bz, 0, sizeof(*bz));
	bz->data = data;
	bz->size = size;
	if (size < SETUP_MIN_FILE)
		return boot_fail(
			err, -ENOEXEC,
			"file is %zu bytes, too short for a Linux setup header",
			size);
	/* The header's own jump byte says how long it is (0x202 + rel8). */
	hdr_end = 0x202 + bz->data[0x201];
	if (hdr_end > size)
		hdr_end = size;
	bz->hdr_len = hdr_end - SETUP_HEADER_OFFSET;
	if (bz->hdr_len > sizeof(bz->hdr))
		bz->hdr_len = sizeof(bz->hdr);
	memcpy(&bz->hdr, bz->data + SETUP_HEADER_OFFSET,
	       size - SETUP_HEADER_OFFSET < sizeof(bz->hdr)
		       ? size - SETUP_HEADER_OFFSET
		       : sizeof(bz->hdr));
	ret = check_header(bz, err);
	if (ret)
		return ret;
	sects = bz->hdr.setup_sects ? bz->hdr.setup_sects : SETUP_SECTS_DEFAULT;
	bz->pm_offset = (size_t)(sects + 1) * SETUP_SECT_SIZE;
	if (bz->pm_offset + PM_ENTRY64_OFFSET >= size)
		return boot_fail(
			err, -ENOEXEC,
			"truncated: setup_sects %u puts the kernel at 0x%zx, but the file is only 0x%zx bytes",
			sects, bz->pm_offset, size);
	bz->pm_size = size - bz->pm_offset;
	if ((uint64_t)bz->hdr.syssize * 16 > bz->pm_size + 15)
		return boot_fail(
			err, -ENOEXEC,
			"truncated: syssize says 0x%llx bytes of kernel, the file has 0x%zx",
			(unsigned long long)bz->hdr.syssize * 16, bz->pm_size);
	bz->mem_size = bz->hdr.init_size > bz->pm_size ? bz->hdr.init_size
						       : bz->pm_size;
	bz->align =
		bz->hdr.kernel_alignment ? bz->hdr.kernel_alignment : 2 * MIB;
	return 0;
}

/*
 * [addr, addr + size) is RAM below 4 GiB: the 64-bit entry wants everything
 * there unless told. Overflow-safe, as pref_address is the file's to choose.
 */
static bool fits_low(const struct e820_map *m, uint64_t addr, uint64_t size)
{
	return addr <= 4 * GIB && size <= 4 * GIB - addr &&
	       e820_is_ram(m, addr, size);
}

int bzimage_place(const struct bzimage *bz, const struct e820_map *m,
		  uint64_t *load, struct boot_error *err)
{
	uint64_t want = bz->hdr.pref_address ? bz->hdr.pref_address : MIB;
	uint64_t a = bz->align;

	/* Rounding up a preference near 2^64 would wrap it to 0. */
	if (bz->hdr.relocatable_kernel && want <= 4 * GIB)
		want = (want + a - 1) & ~(a - 1);
	if (fits_low(m, want, bz->mem_size)) {
		*load = want;
		return 0;
	}
	if (bz->hdr.relocatable_kernel) {
		for (unsigned i = 0; i < m->n; i++) {
			const struct e820_entry *e = &m->e[i];
			uint64_t addr = e->addr < MIB ? MIB : e->addr;

			if (e->type != E820_RAM || addr >= 4 * GIB)
				continue;
			addr = (addr + a - 1) & ~(a - 1);
			if (fits_low(m, addr, bz->mem_size)) {
				*load = addr;
				return 0;
			}
		}
	}
	return boot_fail(
		err, -ENOSPC,
		"kernel needs 0x%llx bytes of RAM at 0x%llx%s, more than guest RAM (%llu MiB) has",
		(unsigned long long)bz->mem_size, (unsigned long long)want,
		bz->hdr.relocatable_kernel ? " or any aligned address" : "",
		(unsigned long long)(e820_ram_total(m) >> 20));
}

uint64_t bzimage_initrd_limit(const struct bzimage *bz)
{
	if (bz->hdr.xloadflags & XLF_CAN_BE_LOADED_ABOVE_4G)
		return UINT64_MAX;
	/* initrd_addr_max is the highest byte address, hence + 1. */
	return (uint64_t)bz->hdr.initrd_addr_max + 1;
}

int bzimage_check_cmdline(const struct bzimage *bz, size_t len,
			  struct boot_error *err)
{
	/* Protocol 2.06+ states the limit; 2.12+ is all we accept. */
	if (len > bz->hdr.cmdline_size)
		return boot_fail(
			err, -E2BIG,
			"command line is %zu bytes; the kernel's cmdline_size allows %u",
			len, bz->hdr.cmdline_size);
	return 0;
}

void bzimage_set_boot_args(struct boot_params *bp,
			   const struct bzimage_boot_args *a)
{
	struct setup_header *h = &bp->hdr;
	unsigned n =
		a->map->n < E820_MAX_ZEROPAGE ? a->map->n : E820_MAX_ZEROPAGE;

	h->type_of_loader =
		a->loader_type ? a->loader_type : LOADER_TYPE_UNDEFINED;
	h->code32_start = (uint32_t)a->load_addr;
	h->cmd_line_ptr = (uint32_t)a->cmdline_addr;
	bp->ext_cmd_line_ptr = (uint32_t)(a->cmdline_addr >> 32);
	h->ramdisk_image = (uint32_t)a->initrd_addr;
	h->ramdisk_size = (uint32_t)a->initrd_size;
	bp->ext_ramdisk_image = (uint32_t)(a->initrd_addr >> 32);
	bp->ext_ramdisk_size = (uint32_t)(a->initrd_size >> 32);
	if (!a->initrd_size)
		h->ramdisk_image = bp->ext_ramdisk_image = 0;
	h->hardware_subarch = 0; /* a PC */
	bp->acpi_rsdp_addr = a->rsdp_addr;
	memcpy(bp->e820_table, a->map->e, n * sizeof(bp->e820_table[0]));
	bp->e820_entries = (uint8_t)n;
}

void bzimage_fill_zero_page(struct boot_params *bp, const struct bzimage *bz,
			    const struct bzimage_boot_args *a)
{
	memset(bp, 0, sizeof(*bp));
	memcpy(&bp->hdr, &bz->hdr, bz->hdr_len);
	bp->hdr.vid_mode = 0xffff; /* "normal": no video mode switch */
	bzimage_set_boot_args(bp, a);
}
