/* boot.c: which kind of kernel QEMU's fw_cfg items describe, and the initrd all kinds share. */
#include <string.h>

#include "fw.h"

/*
 * QEMU's -kernel leaves three shapes in fw_cfg (fw_cfg.md §6.2, boot-abi
 * §3.4):
 *   PVH        KERNEL_ENTRY (the note's entry) and SETUP_SIZE (QEMU hands
 *              over the file's first 8 KiB); QEMU loaded the ELF itself;
 *   multiboot  KERNEL_ENTRY and no SETUP_* at all; the image pre-loaded
 *              into KERNEL_DATA, the boot information in INITRD_DATA;
 *   bzImage    no KERNEL_ENTRY; SETUP_DATA, the setup code, has "HdrS"
 *              at 0x202.
 * qboot tells PVH by the ELF magic in SETUP_DATA, but QEMU 7.2 serves
 * that item from a stack buffer gone stale (docs/fw_cfg.md, "Where jiffy
 * differs"):
 * the sizes are what can be trusted. A bzImage's head goes straight into
 * the zero page, where its setup header belongs anyway.
 */
void fw_boot(struct fw_state *st)
{
	struct boot_params *zp = &st->boot.zp;
	uint32_t entry = fw_item_u32(st, FW_CFG_KERNEL_ENTRY), head;

	if (entry) {
		if (fw_item_u32(st, FW_CFG_SETUP_SIZE))
			fw_boot_pvh(st, entry);
		fw_boot_multiboot(st, entry);
	}
	fw_item_read(st, FW_CFG_SETUP_DATA, 0, zp, sizeof(*zp),
		     "the kernel's setup data");
	if (zp->hdr.header == SETUP_HDRS_MAGIC)
		fw_boot_linux(st);
	if (!fw_item_u32(st, FW_CFG_KERNEL_SIZE) &&
	    !fw_item_u32(st, FW_CFG_SETUP_SIZE))
		fw_panic("no kernel: fw_cfg has no KERNEL_* or SETUP_* items (start QEMU with -kernel, jiffy with --kernel)");
	memcpy(&head, zp, sizeof(head));
	fw_panic("unknown kernel format: no Linux setup header (\"HdrS\" at 0x202), no PVH or multiboot entry (first bytes %02x %02x %02x %02x)",
		 head & 0xff, (head >> 8) & 0xff, (head >> 16) & 0xff,
		 head >> 24);
}

void fw_load_initrd(struct fw_state *st, uint32_t addr, uint32_t size)
{
	if (size)
		fw_item_read(st, FW_CFG_INITRD_DATA, 0, FW_PHYS(addr), size,
			     "the initrd");
}

/*
 * The command line is read without asking its size first (an exit
 * saved): its first page holds any usual one, and ends in a NUL if that
 * is all (the device pads an item with zeros); only a longer one needs
 * the rest, up to 64 KiB, where it must end. Reading all 64 KiB at once
 * had the VMM copy 60 KiB of zeros into RAM not touched before.
 */
#define FW_CMDLINE_FIRST 4096u

void fw_load_cmdline(struct fw_state *st, uint32_t addr)
{
	char *cmdline = FW_PHYS(addr);

	fw_item_read(st, FW_CFG_CMDLINE_DATA, 0, cmdline, FW_CMDLINE_FIRST,
		     "the command line");
	if (!cmdline[FW_CMDLINE_FIRST - 1])
		return;
	fw_item_read(st, FW_CFG_CMDLINE_DATA, FW_CMDLINE_FIRST,
		     cmdline + FW_CMDLINE_FIRST,
		     FW_CMDLINE_MAX - FW_CMDLINE_FIRST, "the command line");
	if (cmdline[FW_CMDLINE_MAX - 1])
		fw_panic("the command line is longer than the %u bytes the firmware passes on",
			 FW_CMDLINE_MAX - 1);
}
