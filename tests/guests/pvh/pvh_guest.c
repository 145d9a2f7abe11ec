/* pvh_guest.c: checks what a PVH loader hands over: CPU state, start_info, initrd, memory map. */
#include "abi/e820.h"
#include "abi/pvh.h"
#include "jt.h"
#include "pvh_entry.h"
#include "rt/x86io.h"

#define EFLAGS_TF (1ul << 8)
#define EFLAGS_VM (1ul << 17)

void pvh_guest_main(const struct hvm_start_info *si,
		    const struct pvh_entry_state *st);

extern char pvh_guest_start[], _end[];

static struct jt_mem_range pvh_map[JT_MAX_RANGES];

/*
 * The loader's segments are flat if a word written through DS reads back
 * the same through ES and SS. The word lies above 1 MiB (in .bss), so a
 * real-mode-sized limit or a non-zero base shows.
 */
static void check_flat_segments(void)
{
	static volatile uint32_t probe;
	uint32_t es, ss;

	probe = 0x5eb0f1a7;
	__asm__ volatile("movl %%es:%2, %0\n\tmovl %%ss:%2, %1"
			 : "=&r"(es), "=&r"(ss)
			 : "m"(probe));
	if (es != probe || ss != probe)
		jt_fail("ES or SS does not address 0x%lx like DS (read 0x%x, 0x%x, expected 0x%x): PVH needs flat 4 GiB segments",
			(unsigned long)(uintptr_t)&probe, es, ss, probe);
}

static void check_cpu_state(const struct pvh_entry_state *st)
{
	if (!(st->cr0 & CR0_PE) || (st->cr0 & CR0_PG))
		jt_fail("CR0 0x%x at entry: PVH requires protected mode (PE=1) with paging off (PG=0)",
			st->cr0);
	if (st->cr4)
		jt_fail("CR4 0x%x at entry: PVH requires 0", st->cr4);
	if (st->eflags & (EFLAGS_IF | EFLAGS_TF | EFLAGS_VM))
		jt_fail("EFLAGS 0x%x at entry: PVH requires IF, TF and VM clear",
			st->eflags);
	if (!st->ebx)
		jt_fail("EBX is 0 at entry: PVH passes the start_info address there");
	check_flat_segments();
}

static void check_start_info(const struct hvm_start_info *si)
{
	if (si->magic != HVM_START_MAGIC)
		jt_fail("start_info magic 0x%x at 0x%lx expected 0x%x",
			si->magic, (unsigned long)(uintptr_t)si,
			HVM_START_MAGIC);
	if (si->version < 1)
		jt_fail("start_info version %u: version 1 (with a memory map) is required",
			si->version);
	if (si->flags)
		jt_fail("start_info flags 0x%x expected 0 (no Xen privileges under KVM)",
			si->flags);
	if (si->reserved)
		jt_fail("start_info reserved field 0x%x expected 0",
			si->reserved);
	if (!si->cmdline_paddr)
		jt_fail("start_info has no command line (cmdline_paddr 0)");
}

/* Module 0 is the initrd: present exactly when jt.initrd= says so. */
static const struct hvm_modlist_entry *check_modules(
	const struct hvm_start_info *si)
{
	const struct hvm_modlist_entry *m = NULL;

	if (si->nr_modules) {
		if (!si->modlist_paddr)
			jt_fail("start_info has %u modules but modlist_paddr 0",
				si->nr_modules);
		m = jt_phys(si->modlist_paddr, sizeof(*m) * si->nr_modules,
			    "the module list");
	}
	jt_check_initrd(m != NULL, m ? m->paddr : 0, m ? m->size : 0);
	return m;
}

static uint64_t check_memmap(const struct hvm_start_info *si,
			     const struct jt_region *in_ram, size_t n_in_ram)
{
	const struct hvm_memmap_table_entry *e;
	unsigned n = si->memmap_entries;

	if (!n || !si->memmap_paddr)
		jt_fail("start_info has no memory map (memmap_paddr 0x%llx, %u entries)",
			(unsigned long long)si->memmap_paddr, n);
	if (n > JT_MAX_RANGES)
		jt_fail("start_info memory map has %u entries, more than %u", n,
			JT_MAX_RANGES);
	e = jt_phys(si->memmap_paddr, sizeof(*e) * n, "the memory map");
	for (unsigned i = 0; i < n; i++) {
		if (e[i].reserved)
			jt_fail("memory map entry %u: reserved field 0x%x expected 0",
				i, e[i].reserved);
		pvh_map[i] = (struct jt_mem_range){ e[i].addr, e[i].size,
						    e[i].type };
	}
	return jt_check_memmap(pvh_map, n, in_ram, n_in_ram);
}

void pvh_guest_main(const struct hvm_start_info *si,
		    const struct pvh_entry_state *st)
{
	const struct hvm_modlist_entry *initrd;
	uint64_t ram;

	jt_init("pvh-guest", NULL);
	check_cpu_state(st);
	check_start_info(si);
	jt_init("pvh-guest", jt_phys(si->cmdline_paddr, 1, "the command line"));
	jt_echo_cmdline();
	initrd = check_modules(si);

	struct jt_region in_ram[] = {
		{ "the guest image", (uintptr_t)pvh_guest_start,
		  _end - pvh_guest_start },
		{ "the initrd", initrd ? initrd->paddr : 0,
		  initrd ? initrd->size : 0 },
	};
	ram = check_memmap(si, in_ram, 2);
	jt_pass("start_info v%u, initrd %llu bytes at 0x%llx, %llu KiB RAM in %u memory-map entries",
		si->version, (unsigned long long)in_ram[1].size,
		(unsigned long long)in_ram[1].addr,
		(unsigned long long)(ram >> 10), si->memmap_entries);
}
