/* bzload.c: a PVH test guest that boots a bzImage (module 0) through its 32- or 64-bit entry, to test bzImage guests under QEMU. */
#include <string.h>

#include "abi/bootparam.h"
#include "abi/pvh.h"
#include "jt.h"
#include "rt/console.h"

/*
 * QEMU starts bzImages only through their 16-bit entry; this guest lets
 * the bzImage test guest's 32- and 64-bit entries (and its relocation)
 * run under QEMU before jiffy and its firmware can run them:
 *   qemu -kernel bzimage-loader.elf -initrd bzimage-guest.bin -append
 *        "jt.via=64 jt.via-load=0x2000000 <keys for the bzImage guest>"
 * jt.via=32|64 picks the entry (default 32), jt.via-load= the load address
 * (default 0x2000000: neither jiffy's nor the firmware's). QEMU gives a PVH
 * guest one module only, so jt.via-initrd=1 hands the bzImage file itself
 * over as the initrd too. The command line is passed on whole.
 */
#define DEFAULT_LOAD 0x2000000u

void pvh_main(const struct hvm_start_info *si);
__attribute__((noreturn)) void bzload_enter32(uint32_t entry,
					      uint32_t zero_page,
					      const void *gdtr);
__attribute__((noreturn)) void bzload_enter64(uint32_t entry,
					      uint32_t zero_page,
					      const void *gdtr, uint32_t cr3);

struct gdtr {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

/* null, null, __BOOT_CS (0x10), __BOOT_DS (0x18) */
static const uint64_t gdt32[] = { 0, 0, 0x00cf9a000000ffffull,
				  0x00cf92000000ffffull };
static const uint64_t gdt64[] = { 0, 0, 0x00af9a000000ffffull,
				  0x00cf92000000ffffull };

static struct boot_params zero_page __attribute__((aligned(4096)));
/* Identity map of the first 1 GiB in 2 MiB pages, as Firecracker does. */
static uint64_t pml4[512] __attribute__((aligned(4096)));
static uint64_t pdpt[512] __attribute__((aligned(4096)));
static uint64_t pd[512] __attribute__((aligned(4096)));

/* Check the header, copy the protected-mode part, start the zero page. */
static void load_bzimage(const uint8_t *file, uint64_t size, uint32_t load)
{
	const struct setup_header *h = (const void *)(file + BP_HDR);
	uint32_t setup, pm;

	if (size < 0x300 || h->header != SETUP_HDRS_MAGIC ||
	    h->boot_flag != SETUP_BOOT_FLAG)
		jt_fail("module 0 (%llu bytes) is not a bzImage",
			(unsigned long long)size);
	if (h->version < 0x020c || !(h->xloadflags & XLF_KERNEL_64) ||
	    !h->relocatable_kernel)
		jt_fail("bzImage protocol 0x%x, xloadflags 0x%x, relocatable %u: need 2.12+, a 64-bit entry, relocatable",
			h->version, h->xloadflags, h->relocatable_kernel);
	if (load % h->kernel_alignment) /* on purpose, to test the guest */
		cprintf("bzimage-loader: note: jt.via-load=0x%x is not a multiple of kernel_alignment 0x%x\n",
			load, h->kernel_alignment);
	if (load + (uint64_t)h->init_size > (1u << 30))
		jt_fail("jt.via-load=0x%x + init_size 0x%x ends beyond the 1 GiB this loader maps",
			load, h->init_size);
	setup = ((h->setup_sects ? h->setup_sects : SETUP_SECTS_DEFAULT) + 1) *
		SETUP_SECT_SIZE;
	pm = h->syssize * 16;
	if (setup + (uint64_t)pm > size)
		jt_fail("bzImage of %llu bytes is shorter than its setup (%u) and syssize (%u) say",
			(unsigned long long)size, setup, pm);
	memmove((void *)(uintptr_t)load, file + setup, pm);

	memset(&zero_page, 0, sizeof(zero_page));
	memcpy(&zero_page.hdr, h, 0x202 + file[0x201] - BP_HDR);
	zero_page.hdr.type_of_loader = LOADER_TYPE_UNDEFINED;
	zero_page.hdr.code32_start = load;
}

static void fill_e820(const struct hvm_start_info *si)
{
	const struct hvm_memmap_table_entry *m =
		jt_phys(si->memmap_paddr, 0, "the memory map");
	unsigned n = si->memmap_entries;

	if (n > E820_MAX_ZEROPAGE)
		jt_fail("memory map of %u entries does not fit the zero page",
			n);
	for (unsigned i = 0; i < n; i++)
		zero_page.e820_table[i] =
			(struct e820_entry){ m[i].addr, m[i].size, m[i].type };
	zero_page.e820_entries = n;
}

void pvh_main(const struct hvm_start_info *si)
{
	const struct hvm_modlist_entry *mod;
	uint64_t via = 32, load = DEFAULT_LOAD, initrd = 0;
	struct gdtr gdtr;

	jt_init("bzimage-loader", jt_phys(si->cmdline_paddr, 1, "cmdline"));
	jt_arg_u64("via", &via);
	jt_arg_u64("via-load", &load);
	jt_arg_u64("via-initrd", &initrd);
	if ((via != 32 && via != 64) || load >= (1u << 30))
		jt_fail("jt.via=%llu jt.via-load=0x%llx: want 32 or 64, below 1 GiB",
			(unsigned long long)via, (unsigned long long)load);
	if (si->magic != HVM_START_MAGIC || !si->nr_modules)
		jt_fail("no bzImage: start_info magic 0x%x, %u modules",
			si->magic, si->nr_modules);
	mod = jt_phys(si->modlist_paddr, sizeof(*mod), "the module list");
	load_bzimage(jt_phys(mod->paddr, mod->size, "module 0"), mod->size,
		     load);
	fill_e820(si);
	zero_page.hdr.cmd_line_ptr = si->cmdline_paddr;
	if (initrd) {
		zero_page.hdr.ramdisk_image = mod->paddr;
		zero_page.hdr.ramdisk_size = mod->size;
	}

	if (via == 32) {
		gdtr = (struct gdtr){ sizeof(gdt32) - 1, (uintptr_t)gdt32 };
		bzload_enter32(load, (uintptr_t)&zero_page, &gdtr);
	}
	for (unsigned i = 0; i < 512; i++)
		pd[i] = (uint64_t)i << 21 | 0x83;
	pdpt[0] = (uintptr_t)pd | 3;
	pml4[0] = (uintptr_t)pdpt | 3;
	gdtr = (struct gdtr){ sizeof(gdt64) - 1, (uintptr_t)gdt64 };
	bzload_enter64(load + PM_ENTRY64_OFFSET, (uintptr_t)&zero_page, &gdtr,
		       (uintptr_t)pml4);
}
