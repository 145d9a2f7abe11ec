/* boot.c: which kind of kernel QEMU's fw_cfg items describe, and the initrd all kinds share. */
#include <string.h>

#include "fw.h"

#define ELF_MAGIC 0x464c457fu /* "\x7fELF" */

/*
 * QEMU's -kernel leaves three shapes in fw_cfg (fw_cfg.md §6.2, boot-abi
 * §3.4), told apart as qboot and QEMU's option ROMs do:
 *   bzImage    SETUP_DATA holds the setup code: "HdrS" at 0x202;
 *   PVH        QEMU loaded the ELF itself; SETUP_DATA holds the file's
 *              first 8 KiB (ELF magic), KERNEL_ENTRY the PVH entry;
 *   multiboot  no SETUP_* at all; KERNEL_ENTRY, the image pre-loaded
 *              into KERNEL_DATA, the boot information in INITRD_DATA.
 * The head of SETUP_DATA goes straight into the zero page, where a bzImage
 * needs its setup header anyway.
 */
void fw_boot(struct fw_state *st)
{
	struct boot_params *zp = &st->boot.zp;
	uint32_t entry, head;

	fw_item_read(st, FW_CFG_SETUP_DATA, 0, zp, sizeof(*zp),
		     "the kernel's setup data");
	if (zp->hdr.header == SETUP_HDRS_MAGIC)
		fw_boot_linux(st);
	entry = fw_item_u32(st, FW_CFG_KERNEL_ENTRY);
	memcpy(&head, zp, sizeof(head));
	if (entry && head == ELF_MAGIC)
		fw_boot_pvh(st, entry);
	if (entry && !fw_item_u32(st, FW_CFG_SETUP_SIZE))
		fw_boot_multiboot(st, entry);
	if (!fw_item_u32(st, FW_CFG_KERNEL_SIZE) &&
	    !fw_item_u32(st, FW_CFG_SETUP_SIZE))
		fw_panic("no kernel: fw_cfg has no KERNEL_* or SETUP_* items (start QEMU with -kernel, jiffy with --kernel)");
	fw_panic("unknown kernel format: no Linux setup header (\"HdrS\" at 0x202), no ELF with a PVH entry, no multiboot image (first bytes %02x %02x %02x %02x)",
		 head & 0xff, (head >> 8) & 0xff, (head >> 16) & 0xff,
		 head >> 24);
}

uint32_t fw_load_initrd(struct fw_state *st, uint32_t addr, uint32_t size)
{
	if (!size)
		return 0;
	if (!addr)
		addr = fw_item_u32(st, FW_CFG_INITRD_ADDR);
	fw_claim(st, "the initrd", addr, size);
	fw_item_read(st, FW_CFG_INITRD_DATA, 0, FW_PHYS(addr), size,
		     "the initrd");
	return addr;
}

/*
 * The command line is read at its largest (the device pads an item with
 * zeros), which saves asking for its size first: it ends in a NUL unless
 * it is too long.
 */
void fw_load_cmdline(struct fw_state *st, uint32_t addr)
{
	char *cmdline = FW_PHYS(addr);

	fw_claim(st, "the command line", addr, FW_CMDLINE_MAX);
	fw_item_read(st, FW_CFG_CMDLINE_DATA, 0, cmdline, FW_CMDLINE_MAX,
		     "the command line");
	if (cmdline[FW_CMDLINE_MAX - 1])
		fw_panic("the command line is longer than the %u bytes the firmware passes on",
			 FW_CMDLINE_MAX - 1);
}
