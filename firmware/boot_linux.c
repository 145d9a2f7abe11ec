/* boot_linux.c: bzImages through the 32-bit boot protocol: zero page from QEMU's setup header, no 16-bit code. */
#include "boot/bzimage.h"
#include "fw.h"

#define MIB (1u << 20)

/*
 * QEMU hands a bzImage over split: SETUP_DATA is the real-mode part with
 * the header already patched (loader type, command line at CMDLINE_ADDR,
 * initrd), KERNEL_DATA the protected-mode part. Instead of running the
 * 16-bit setup code (slow where real mode is emulated, and it needs BIOS
 * services) we enter the protected-mode part directly, as the boot
 * protocol allows: a zero page holding only the setup header, the memory
 * map and the loader's fields, ESI pointing at it.
 */
/*
 * QEMU put the initrd at the top of low RAM before anyone knew where the
 * kernel would go: the kernel goes below it, into RAM from 1 MiB up to
 * the initrd (one entry, so the small map costs nothing to fill).
 */
static const struct e820_map *below_initrd(struct fw_state *st,
					   const struct setup_header *h,
					   struct e820_map *room)
{
	if (!h->ramdisk_size || h->ramdisk_image <= FW_HIMEM)
		return &st->map;
	room->n = 1;
	room->e[0] = (struct e820_entry){ FW_HIMEM,
					  h->ramdisk_image - FW_HIMEM,
					  E820_RAM };
	return room;
}

void fw_boot_linux(struct fw_state *st)
{
	struct boot_params *zp = &st->boot.zp;
	struct setup_header *h = &zp->hdr;
	uint8_t *page = (uint8_t *)zp;
	uint32_t hdr_end = 0x202u + page[0x201]; /* the header's own jump */
	uint32_t ksize = fw_item_u32(st, FW_CFG_KERNEL_SIZE);
	struct bzimage_boot_args a = {
		/* QEMU patched these into the header: no need to ask. */
		.cmdline_addr = h->cmd_line_ptr ? h->cmd_line_ptr
						: FW_CMDLINE_ADDR,
		.initrd_size = h->ramdisk_size,
		.rsdp_addr = st->acpi.rsdp,
		.map = &st->map,
	};
	struct boot_error err;
	struct bzimage bz;

	if (h->boot_flag != SETUP_BOOT_FLAG || h->version < 0x0202 ||
	    !(h->loadflags & LOADED_HIGH))
		fw_panic("kernel: boot flag 0x%04x, boot protocol %u.%02u, loadflags 0x%02x: the 32-bit entry needs a bzImage (0xaa55, LOADED_HIGH) with protocol 2.02 or later",
			 h->boot_flag, h->version >> 8, h->version & 0xff,
			 h->loadflags);
	if (hdr_end > BP_HDR + sizeof(*h))
		hdr_end = BP_HDR + sizeof(*h);
	/* The zero page is the header and zeros: clear the setup code
	 * around the header (by DMA, not by a guest loop). */
	fw_zero(st, page, BP_HDR);
	fw_zero(st, page + hdr_end, sizeof(*zp) - hdr_end);

	/* Place it like jiffy's direct boot: at its preferred address when
	 * RAM is there, else the lowest aligned RAM (relocatable only). */
	bz.data = NULL;
	bz.size = 0;
	bz.hdr = *h; /* fields past the header are zero now */
	bz.hdr_len = hdr_end - BP_HDR;
	bz.pm_offset = 0;
	bz.pm_size = ksize;
	bz.mem_size = h->init_size > ksize ? h->init_size : ksize;
	bz.align = h->kernel_alignment ? h->kernel_alignment : 2 * MIB;
	if (!ksize)
		fw_panic("kernel: KERNEL_SIZE is 0: no protected-mode code");
	if (bzimage_place(&bz, below_initrd(st, h, &st->room), &a.load_addr,
			  &err))
		fw_panic("kernel does not fit in RAM%s: %s",
			 h->ramdisk_size ? " below the initrd" : "", err.msg);
	/* bzimage_place keeps it below 4 GiB. */
	fw_claim(st, "the kernel (with the room it decompresses into)",
		 (uint32_t)a.load_addr, (uint32_t)bz.mem_size);
	fw_claim(st, "the command line", (uint32_t)a.cmdline_addr,
		 FW_CMDLINE_MAX);
	a.initrd_addr = h->ramdisk_image;
	if (h->ramdisk_size && !a.initrd_addr)
		a.initrd_addr = fw_item_u32(st, FW_CFG_INITRD_ADDR);
	fw_claim(st, "the initrd", (uint32_t)a.initrd_addr, h->ramdisk_size);
	fw_claims_check(st);

	fw_load_cmdline(st, (uint32_t)a.cmdline_addr);
	fw_load_initrd(st, (uint32_t)a.initrd_addr, h->ramdisk_size);
	fw_item_read(st, FW_CFG_KERNEL_DATA, 0, FW_PHYS(a.load_addr), ksize,
		     "the kernel");
	post_code(POST_FW_KERNEL_LOADED);

	/* QEMU's loader type (0xb0) stays: it is QEMU's -kernel we serve. */
	a.loader_type = h->type_of_loader;
	bzimage_set_boot_args(zp, &a);
	post_code(POST_FW_JUMP);
	fw_enter32((uint32_t)a.load_addr, 0, 0, FW_ADDR(zp));
}
