/* x86_multiboot.c: QEMU's multiboot -kernel items: one packed image and the boot information. */
#include <errno.h>
#include <string.h>

#include "abi/multiboot.h"
#include "fw_cfg/bytes.h"
#include "fw_cfg/x86_impl.h"

#define PAGE 4096ull
#define GIB4 (1ull << 32)
/* Flags QEMU sets: memory, boot device, command line, modules, memory
 * map, loader name (0x24f). */
#define QEMU_MBI_FLAGS                                                  \
	(MULTIBOOT_INFO_MEMORY | MULTIBOOT_INFO_BOOTDEV |               \
	 MULTIBOOT_INFO_CMDLINE | MULTIBOOT_INFO_MODS |                 \
	 MULTIBOOT_INFO_MEM_MAP | MULTIBOOT_INFO_BOOT_LOADER_NAME)
#define QEMU_BOOT_DEVICE 0x8000ffffu /* first hard disk, no partition */

static uint64_t page_up(uint64_t v)
{
	return (v + PAGE - 1) & ~(PAGE - 1);
}

/* Where the parts go, as offsets in the image. */
struct mb_layout {
	uint64_t list, strings, mods, size;
};

static uint64_t strings_size(const struct fw_cfg_x86_mb_input *in)
{
	uint64_t n = mb_string_size(in->kernel_path, in->append) +
		     mb_string_size(in->loader_name, NULL);

	for (unsigned i = 0; i < in->nmods; i++)
		if (in->mods[i].string)
			n += mb_string_size(in->mods[i].string, NULL);
	return n;
}

static void layout(const struct fw_cfg_x86_mb_input *in, struct mb_layout *l)
{
	l->list = page_up(in->k->hi - in->k->lo);
	l->strings = l->list + in->nmods * sizeof(struct multiboot_module);
	l->mods = page_up(l->strings + strings_size(in));
	l->size = l->mods;
	for (unsigned i = 0; i < in->nmods; i++)
		l->size = page_up(l->size + in->mods[i].size);
}

uint64_t fw_cfg_x86_mb_size(const struct fw_cfg_x86_mb_input *in)
{
	struct mb_layout l;

	if (in->k->hi < in->k->lo || in->k->hi > GIB4)
		return 0;
	for (unsigned i = 0; i < in->nmods; i++)
		if (in->mods[i].size >= GIB4)
			return 0;
	layout(in, &l);
	return l.size <= GIB4 - in->k->lo ? l.size : 0;
}

uint64_t fw_cfg_x86_mb_module_offset(const struct fw_cfg_x86_mb_input *in,
				     unsigned i)
{
	struct mb_layout l;
	uint64_t at;

	layout(in, &l);
	at = l.mods;
	for (unsigned j = 0; j < i; j++)
		at = page_up(at + in->mods[j].size);
	return at;
}

void fw_cfg_x86_mb_pack(void *image, const struct fw_cfg_x86_mb_input *in,
			struct fw_cfg_x86_multiboot *mb)
{
	const struct mb_kernel *k = in->k;
	const uint8_t *file = in->file;
	uint8_t *img = image, *info = mb->info;
	uint32_t base = (uint32_t)k->lo;
	struct mb_layout l;
	size_t str;
	uint64_t mod;

	layout(in, &l);
	/* The kernel as it lies in memory: file bytes, BSS left zero. */
	for (unsigned i = 0; i < k->nsegs; i++)
		memcpy(img + (k->seg[i].gpa - k->lo), file + k->seg[i].offset,
		       k->seg[i].filesz);
	str = l.strings;
	mod = l.mods;
	for (unsigned i = 0; i < in->nmods; i++) {
		uint8_t *e = img + l.list + i * sizeof(struct multiboot_module);
		const struct fw_cfg_x86_mb_module *m = &in->mods[i];

		/* Unless the VMM mapped the module's file there already. */
		if (m->data != img + mod)
			memcpy(img + mod, m->data, m->size);
		fw_cfg_put_le32(e, (uint32_t)(base + mod));
		fw_cfg_put_le32(e + 4, (uint32_t)(base + mod + m->size));
		fw_cfg_put_le32(e + 8, m->string
					       ? mb_put_string(img, base, &str,
							       m->string, NULL)
					       : 0);
		mod = page_up(mod + m->size);
	}
	memset(info, 0, FW_CFG_X86_MBI_SIZE);
	fw_cfg_put_le32(info + MBI_FLAGS, QEMU_MBI_FLAGS);
	fw_cfg_put_le32(info + 12, QEMU_BOOT_DEVICE);
	/* QEMU's "%s %s": the space stays even with nothing after it. */
	fw_cfg_put_le32(
		info + MBI_CMDLINE,
		mb_put_string(img, base, &str, in->kernel_path, in->append));
	fw_cfg_put_le32(info + MBI_MODS_COUNT, in->nmods);
	fw_cfg_put_le32(info + MBI_MODS_ADDR, (uint32_t)(base + l.list));
	fw_cfg_put_le32(info + MBI_MMAP_ADDR, FW_CFG_X86_MB_MMAP_ADDR);
	fw_cfg_put_le32(info + MBI_BOOT_LOADER_NAME,
			mb_put_string(img, base, &str, in->loader_name, NULL));
	mb->entry = k->entry;
	mb->addr = base;
	mb->image = image;
	mb->size = l.size;
}

int fw_cfg_x86_add_multiboot(struct fw_cfg_dev *d,
			     const struct fw_cfg_x86_config *cfg,
			     struct fw_cfg_x86_boot *out)
{
	const struct fw_cfg_x86_multiboot *mb = cfg->multiboot;
	int ret;

	if (mb->size > UINT32_MAX) {
		out->error = "the multiboot image is 4 GiB or larger";
		return -EFBIG;
	}
	out->kernel_addr = mb->addr;
	out->kernel_size = (uint32_t)mb->size;
	out->initrd_addr = FW_CFG_X86_MBI_ADDR;
	ret = fw_cfg_dev_add_u32(d, FW_CFG_KERNEL_ENTRY, mb->entry);
	if (!ret)
		ret = fw_cfg_dev_add_u32(d, FW_CFG_KERNEL_ADDR, mb->addr);
	if (!ret)
		ret = fw_cfg_dev_add_u32(d, FW_CFG_KERNEL_SIZE,
					 (uint32_t)mb->size);
	if (!ret)
		ret = fw_cfg_dev_add(d, FW_CFG_KERNEL_DATA, mb->image, mb->size,
				     FW_CFG_DEV_BORROW);
	if (!ret)
		ret = fw_cfg_dev_add_u32(d, FW_CFG_INITRD_ADDR,
					 FW_CFG_X86_MBI_ADDR);
	if (!ret)
		ret = fw_cfg_dev_add_u32(d, FW_CFG_INITRD_SIZE,
					 FW_CFG_X86_MBI_SIZE);
	if (!ret)
		ret = fw_cfg_dev_add(d, FW_CFG_INITRD_DATA, mb->info,
				     FW_CFG_X86_MBI_SIZE, 0);
	return ret;
}
