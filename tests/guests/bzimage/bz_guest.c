/* bz_guest.c: checks what a Linux-boot-protocol loader hands the bzImage guest: entry, zero page, initrd, e820. */
#include "abi/bootparam.h"
#include "abi/checksum.h"
#include "bz.h"
#include "jt.h"
#include "rt/x86io.h"

#define TAIL_MARKER 0x6c696174 /* bz_head.S: the file's last word */

extern const uint32_t bz_tail_marker;
extern const char bz_stack_top[];

static struct jt_mem_range bz_map[E820_MAX_ZEROPAGE];

/* The mode each entry must be entered in (boot.rst, 32- and 64-bit). */
static void check_cpu_mode(uint32_t entry, uint64_t flags, uint64_t cr0,
			   uint32_t segs)
{
	if (flags & EFLAGS_IF)
		jt_fail("%u-bit entry with interrupts enabled (FLAGS 0x%llx): the boot protocol requires IF=0",
			entry, (unsigned long long)flags);
	if (entry == 32) {
		/* Paging on at the 32-bit entry fails in bz_head.S already. */
		if (segs >> 16 != BOOT_CS || (segs & 0xffff) != BOOT_DS)
			jt_fail("32-bit entry with CS 0x%x, DS 0x%x: the boot protocol requires __BOOT_CS 0x%x, __BOOT_DS 0x%x",
				segs >> 16, segs & 0xffff, BOOT_CS, BOOT_DS);
		return;
	}
	if (!(rdmsr(MSR_EFER) & EFER_LMA) || !(cr0 & CR0_PG) ||
	    !(read_cr4() & CR4_PAE))
		jt_fail("64-bit entry without long mode (EFER 0x%llx, CR0 0x%llx, CR4 0x%lx): LMA, PG and PAE must be set",
			(unsigned long long)rdmsr(MSR_EFER),
			(unsigned long long)cr0, read_cr4());
}

/*
 * Before the guest switches to its own page tables: the 64-bit protocol
 * promises an identity map of the zero page and the command line (and of
 * the image through init_size: the stack at its end is in use already).
 */
static void touch_through_loader_map(const volatile uint8_t *zp)
{
	uint64_t cmd;

	bz_doing = "reading the zero page through the loader's page tables";
	(void)zp[0];
	(void)zp[BP_SIZE - 1];
	cmd = ((const struct boot_params *)zp)->hdr.cmd_line_ptr |
	      (uint64_t)((const struct boot_params *)zp)->ext_cmd_line_ptr
		      << 32;
	bz_doing = "reading the command line through the loader's page tables";
	if (cmd)
		(void)*(const volatile char *)(uintptr_t)cmd;
	bz_doing = NULL;
}

static const struct boot_params *check_zero_page(uint64_t zp)
{
	const struct boot_params *bp;
	const struct setup_header *h;

	if (!zp)
		jt_fail("the zero page pointer (RSI/ESI) is 0");
	bp = jt_phys(zp, BP_SIZE, "the zero page");
	h = &bp->hdr;
	if (h->boot_flag != SETUP_BOOT_FLAG || h->header != SETUP_HDRS_MAGIC)
		jt_fail("zero page at 0x%llx: boot_flag 0x%x, header 0x%x: expected 0xaa55 and \"HdrS\" copied from the image",
			(unsigned long long)zp, h->boot_flag, h->header);
	if (h->version != BZ_VERSION)
		jt_fail("zero page setup header version 0x%x, the image says 0x%x",
			h->version, BZ_VERSION);
	if (!h->type_of_loader)
		jt_fail("type_of_loader is 0: a loader must set it (0xff: no assigned ID)");
	if (bp->sentinel)
		jt_fail("sentinel at 0x1ef is 0x%x: must be 0 (the header was copied carelessly)",
			bp->sentinel);
	return bp;
}

static const char *find_cmdline(const struct boot_params *bp)
{
	uint64_t cmd = bp->hdr.cmd_line_ptr | (uint64_t)bp->ext_cmd_line_ptr
						      << 32;

	if (!cmd)
		jt_fail("cmd_line_ptr is 0: the kernel would assume a pre-2.02 loader");
	bz_pt_map(cmd, BZ_CMDLINE_SIZE + 1, "the command line");
	return jt_phys(cmd, 1, "the command line");
}

/* Which entry, where, and whether the whole file arrived. */
static void check_placement(uint32_t entry, uint64_t load)
{
	uint64_t want;

	if (jt_arg_u64("entry", &want) && want != entry)
		jt_fail("entered through the %u-bit entry but jt.entry=%llu",
			entry, (unsigned long long)want);
	if (load & (BZ_KERNEL_ALIGN - 1))
		jt_fail("loaded at 0x%llx, not a multiple of kernel_alignment 0x%x",
			(unsigned long long)load, BZ_KERNEL_ALIGN);
	if (jt_arg_u64("load", &want) && want != load)
		jt_fail("loaded at 0x%llx but jt.load=0x%llx",
			(unsigned long long)load, (unsigned long long)want);
	if (bz_tail_marker != TAIL_MARKER)
		jt_fail("the file's last word (at 0x%llx) reads 0x%x: the protected-mode part was not loaded completely (syssize)",
			(unsigned long long)(uintptr_t)&bz_tail_marker,
			bz_tail_marker);
}

static void check_initrd(const struct boot_params *bp, uint64_t *addr,
			 uint64_t *size)
{
	uint64_t n;

	*addr = bp->hdr.ramdisk_image | (uint64_t)bp->ext_ramdisk_image << 32;
	*size = bp->hdr.ramdisk_size | (uint64_t)bp->ext_ramdisk_size << 32;
	n = *size < JSUM_SAMPLE ? *size : JSUM_SAMPLE;
	bz_pt_map(*addr, n, "the initrd's first 4 KiB");
	bz_pt_map(*addr + *size - n, n, "the initrd's last 4 KiB");
	bz_doing = "reading the initrd";
	jt_check_initrd(*addr || *size, *addr, *size);
	bz_doing = NULL;
}

static uint64_t check_e820(const struct boot_params *bp,
			   const struct jt_region *in_ram, size_t n_in_ram)
{
	unsigned n = bp->e820_entries;

	if (n < 1 || n > E820_MAX_ZEROPAGE)
		jt_fail("e820_entries is %u: expected 1 to %u", n,
			E820_MAX_ZEROPAGE);
	jt_ranges_from_e820(bp->e820_table, n, bz_map);
	jt_sort_memmap(bz_map, n);
	return jt_check_memmap(bz_map, n, in_ram, n_in_ram);
}

void bz_main(uint64_t zp, uint32_t entry, uint64_t entry_flags,
	     uint64_t entry_cr0, uint32_t entry_segs)
{
	uint64_t load = (uintptr_t)startup_32, initrd, initrd_size, ram;
	const struct boot_params *bp;

	jt_init("bzimage-guest", NULL);
	bz_idt_install();
	check_cpu_mode(entry, entry_flags, entry_cr0, entry_segs);
	if (entry == 64)
		touch_through_loader_map(
			(const volatile uint8_t *)(uintptr_t)zp);

	bz_pt_init();
	bz_pt_map(load, (uintptr_t)bz_stack_top - load, "the guest image");
	bz_pt_map(zp, BP_SIZE, "the zero page");
	bz_pt_activate();

	bp = check_zero_page(zp);
	jt_init("bzimage-guest", find_cmdline(bp));
	jt_echo_cmdline();
	check_placement(entry, load);
	check_initrd(bp, &initrd, &initrd_size);

	struct jt_region in_ram[] = {
		{ "the guest image (init_size)", load,
		  (uintptr_t)bz_stack_top - load },
		{ "the initrd", initrd, initrd_size },
	};
	ram = check_e820(bp, in_ram, 2);
	jt_pass("%u-bit entry at 0x%llx, initrd %llu bytes at 0x%llx, %llu KiB RAM in %u e820 entries",
		entry, (unsigned long long)load,
		(unsigned long long)initrd_size, (unsigned long long)initrd,
		(unsigned long long)(ram >> 10), bp->e820_entries);
}
