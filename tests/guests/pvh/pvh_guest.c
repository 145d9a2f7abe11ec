/* pvh_guest.c: checks what a PVH loader hands over: CPU state, start_info,
 * initrd, memory map. */
#include "abi/e820.h"
#include "abi/pvh.h"
#include "jt.h"
#include "pvh_entry.h"
#include "rt/console.h"
#include "rt/x86io.h"

#include <string.h>

#include "abi/debug_ports.h"

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
	jt_sort_memmap(pvh_map, n);
	return jt_check_memmap(pvh_map, n, in_ram, n_in_ram);
}

/*
 * "jt.quick=SIZE,FIRST,LAST" (hex, first on the command line): for
 * benchmarks, the least work that still proves the initrd arrived: its
 * size and its first and last 32-bit words (one read in its first page,
 * one in its last). Parsing and printing avoid the formatter: every
 * instruction counts where the CPU is emulated.
 */
static void quick_check(const struct hvm_start_info *si)
{
	const char *p = jt_cmdline();
	const struct hvm_modlist_entry *m;
	uint32_t want[3];

	if (memcmp(p, "jt.quick=", 9))
		return;
	p += 9;
	for (int i = 0; i < 3; i++)
		if (!jt_hex32(&p, &want[i]))
			jt_fail("jt.quick= needs SIZE,FIRST,LAST in lower-case hex");
	if (si->nr_modules != 1 || want[0] < 4)
		jt_fail("quick: %u modules, expected one initrd of at least 4 bytes",
			si->nr_modules);
	m = jt_phys(si->modlist_paddr, sizeof(*m), "the module list");
	if (m->size != want[0])
		jt_fail("quick: initrd is %llu bytes, expected %u",
			(unsigned long long)m->size, want[0]);
	if (*(const uint32_t *)jt_phys(m->paddr, 4, "the initrd") != want[1] ||
	    *(const uint32_t *)jt_phys(m->paddr + m->size - 4, 4,
				       "the initrd") != want[2])
		jt_fail("quick: the initrd's first or last word is not 0x%x / 0x%x",
			want[1], want[2]);
	console_write("PASS pvh-guest quick\n", 21);
	post_code(JT_POST_EXIT);
	debug_exit(DEBUG_EXIT_PASS);
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
	quick_check(si);
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
