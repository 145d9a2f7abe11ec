/* boot_pvh.c: PVH kernels as QEMU loads them: hvm_start_info, memory map, command line, initrd. */
#include "boot/pvh.h"
#include "fw.h"

/*
 * QEMU has loaded the ELF's segments ([KERNEL_ADDR, + KERNEL_SIZE)); we
 * add what the PVH ABI hands over in EBX: hvm_start_info version 1 (Linux
 * needs a memory map under KVM), the command line and the initrd as
 * module 0, all below 1 MiB where Linux's early mapping reaches them.
 */
void fw_boot_pvh(struct fw_state *st, uint32_t entry)
{
	uint32_t initrd_size, initrd_addr = 0;
	struct pvh_boot_args a = {
		.start_info_addr = FW_ADDR(&st->boot.pvh.si),
		.modlist_addr = FW_ADDR(&st->boot.pvh.mod),
		.memmap_addr = FW_ADDR(st->boot.pvh.mm),
		.cmdline_addr = FW_CMDLINE_ADDR,
		.rsdp_addr = st->acpi.rsdp,
		.map = &st->map,
	};

	fw_claim(st, "the command line", FW_CMDLINE_ADDR, FW_CMDLINE_MAX);
	/* Only an initrd can collide with what QEMU loaded: look then. */
	initrd_size = fw_item_u32(st, FW_CFG_INITRD_SIZE);
	if (initrd_size) {
		fw_claim(st, "the kernel", fw_item_u32(st, FW_CFG_KERNEL_ADDR),
			 fw_item_u32(st, FW_CFG_KERNEL_SIZE));
		initrd_addr = fw_item_u32(st, FW_CFG_INITRD_ADDR);
		fw_claim(st, "the initrd", initrd_addr, initrd_size);
	}
	fw_claims_check(st);
	fw_load_cmdline(st, FW_CMDLINE_ADDR);
	fw_load_initrd(st, initrd_addr, initrd_size);
	a.initrd_addr = initrd_addr;
	a.initrd_size = initrd_size;
	post_code(POST_FW_KERNEL_LOADED);
	pvh_fill_start_info(&st->boot.pvh.si, &st->boot.pvh.mod,
			    st->boot.pvh.mm, &a);
	post_code(POST_FW_JUMP);
	fw_enter32(entry, 0, a.start_info_addr, 0);
}
