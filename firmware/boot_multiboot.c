/* boot_multiboot.c: multiboot kernels as QEMU pre-loads them: memory fields and map, then the entry. */
#include <stddef.h>

#include "abi/multiboot.h"
#include "boot/multiboot.h"
#include "fw.h"

/*
 * QEMU parses the image itself and packs kernel, module list, strings and
 * modules into KERNEL_DATA, to be copied to KERNEL_ADDR; the boot
 * information is INITRD_DATA (88 bytes for INITRD_ADDR, 0x9500), naming
 * the memory map's place (0x9000). The firmware adds what only it knows:
 * mem_lower, mem_upper and the memory map.
 */
void fw_boot_multiboot(struct fw_state *st, uint32_t entry)
{
	uint32_t kaddr = fw_item_u32(st, FW_CFG_KERNEL_ADDR);
	uint32_t ksize = fw_item_u32(st, FW_CFG_KERNEL_SIZE);
	uint32_t mbi_addr = fw_item_u32(st, FW_CFG_INITRD_ADDR);
	uint32_t mbi_size = fw_item_u32(st, FW_CFG_INITRD_SIZE);
	struct multiboot_info *mbi = FW_PHYS(mbi_addr);
	uint32_t mmap;

	if (mbi_size < offsetof(struct multiboot_info, drives_length) ||
	    mbi_size > sizeof(*mbi))
		fw_panic("multiboot: the boot information (INITRD_SIZE) is %u bytes; it must hold at least the memory map fields (%u) and at most %u",
			 mbi_size,
			 (unsigned)offsetof(struct multiboot_info,
					    drives_length),
			 (unsigned)sizeof(*mbi));
	fw_claim(st, "the multiboot image (kernel and modules)", kaddr, ksize);
	fw_claim(st, "the multiboot information", mbi_addr, mbi_size);
	fw_claims_check(st);
	fw_item_read(st, FW_CFG_KERNEL_DATA, 0, FW_PHYS(kaddr), ksize,
		     "the multiboot image (kernel and modules)");
	fw_item_read(st, FW_CFG_INITRD_DATA, 0, mbi, mbi_size,
		     "the multiboot information");
	post_code(POST_FW_KERNEL_LOADED);

	mmap = mbi->mmap_addr ? mbi->mmap_addr : FW_MB_MMAP_ADDR;
	fw_claim(st, "the multiboot memory map", mmap,
		 st->map.n * sizeof(struct multiboot_mmap_entry));
	fw_claims_check(st);
	mbi->mmap_addr = mmap;
	mbi->mmap_length = (uint32_t)mb_write_mmap(FW_PHYS(mmap), &st->map);
	mb_fill_memory(mbi, &st->map);
	mbi->flags |= MULTIBOOT_INFO_MEMORY | MULTIBOOT_INFO_MEM_MAP;
	post_code(POST_FW_JUMP);
	fw_enter32(entry, MULTIBOOT_BOOTLOADER_MAGIC, mbi_addr, 0);
}
