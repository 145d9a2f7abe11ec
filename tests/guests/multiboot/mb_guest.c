/* mb_guest.c: checks what a multiboot loader hands over. */
#include <string.h>

#include "abi/debug_ports.h"
#include "abi/multiboot.h"
#include "jt.h"
#include "mb.h"
#include "rt/console.h"
#include "rt/fmt.h"
#include "rt/x86io.h"

#define EFLAGS_VM (1ul << 17)
#define MIB	  (1ull << 20)
#define PAGE	  4096u

#define MB_MAX_MODS    32
#define MB_MAX_REGIONS (8 + 2 * MB_MAX_MODS)
#define MBI_QEMU_SIZE  88 /* what every loader fills: up to vbe_* */

/* What the loader handed over, to check that none of it overlaps. */
static struct jt_region handed[MB_MAX_REGIONS];
static unsigned n_handed;
static char mod_names[MB_MAX_MODS][2][24];
static struct jt_mem_range mb_map[JT_MAX_RANGES];

static const char *guest_name(void)
{
	return mb_header.flags & MULTIBOOT_AOUT_KLUDGE ? "multiboot-aout-guest"
						       : "multiboot-guest";
}

static void hand(const char *what, uint64_t addr, uint64_t size)
{
	if (n_handed == MB_MAX_REGIONS)
		jt_fail("more than %u regions handed over", MB_MAX_REGIONS);
	handed[n_handed++] = (struct jt_region){ what, addr, size };
}

static const char *c_string(uint32_t addr, const char *what)
{
	const char *s = jt_phys(addr, 1, what);

	hand(what, addr, strlen(s) + 1);
	return s;
}

void mb_check_free(uint64_t addr, uint64_t len, const char *why)
{
	for (unsigned i = 0; i < n_handed; i++) {
		const struct jt_region *r = &handed[i];

		if (r->size && len && addr < r->addr + r->size &&
		    r->addr < addr + len)
			jt_fail("%s [0x%llx, 0x%llx) overlaps %s [0x%llx, 0x%llx)",
				why, (unsigned long long)addr,
				(unsigned long long)(addr + len), r->what,
				(unsigned long long)r->addr,
				(unsigned long long)(r->addr + r->size));
	}
}

static void check_entry(const struct mb_entry_state *st)
{
	if (st->eax != MULTIBOOT_BOOTLOADER_MAGIC)
		jt_fail("EAX 0x%x at entry, expected the multiboot magic 0x%x",
			st->eax, MULTIBOOT_BOOTLOADER_MAGIC);
	if (!(st->cr0 & CR0_PE) || (st->cr0 & CR0_PG))
		jt_fail("CR0 0x%x at entry: multiboot requires protected mode (PE=1) with paging off (PG=0)",
			st->cr0);
	if (st->eflags & (EFLAGS_IF | EFLAGS_VM))
		jt_fail("EFLAGS 0x%x at entry: multiboot requires IF and VM clear",
			st->eflags);
	if (st->es_read != MB_PROBE_VALUE || st->ss_read != MB_PROBE_VALUE)
		jt_fail("ES or SS does not address memory like DS (read 0x%x, 0x%x, expected 0x%x): multiboot promises flat 4 GiB segments",
			st->es_read, st->ss_read, MB_PROBE_VALUE);
	if (!st->ebx)
		jt_fail("EBX is 0 at entry: multiboot passes the boot information there");
}

static const struct multiboot_info *check_info(const struct mb_entry_state *st)
{
	const struct multiboot_info *mbi =
		jt_phys(st->ebx, MBI_QEMU_SIZE, "the multiboot information");
	uint32_t need = MULTIBOOT_INFO_MEMORY | MULTIBOOT_INFO_CMDLINE |
			MULTIBOOT_INFO_MEM_MAP;

	hand("the multiboot information", st->ebx, MBI_QEMU_SIZE);
	if ((mbi->flags & need) != need)
		jt_fail("multiboot information flags 0x%x lack 0x%x: the header asks for memory information, and the checks need the command line and memory map",
			mbi->flags, need & ~mbi->flags);
	if ((mbi->flags & MULTIBOOT_INFO_AOUT_SYMS) &&
	    (mbi->flags & MULTIBOOT_INFO_ELF_SHDR))
		jt_fail("multiboot information flags 0x%x: a.out symbols (bit 4) and ELF sections (bit 5) exclude each other",
			mbi->flags);
	return mbi;
}

/* The memory map, size quirk and all: each entry's size field counts
 * the bytes after itself, so the next entry is at entry + size + 4. */
static size_t walk_mmap(const struct multiboot_info *mbi)
{
	uint64_t p = mbi->mmap_addr, end = p + mbi->mmap_length;
	size_t n = 0;

	if (!mbi->mmap_length)
		jt_fail("the memory map is empty (mmap_length 0)");
	jt_phys(p, mbi->mmap_length, "the memory map");
	hand("the memory map", p, mbi->mmap_length);
	while (p < end) {
		const struct multiboot_mmap_entry *e = (const void *)p;

		if (end - p < sizeof(*e))
			jt_fail("memory map entry %u at 0x%llx: %llu bytes left of mmap_length, an entry needs %u",
				(unsigned)n, (unsigned long long)p,
				(unsigned long long)(end - p),
				(unsigned)sizeof(*e));
		if (e->size < MULTIBOOT_MMAP_ENTRY_SIZE)
			jt_fail("memory map entry %u: size field %u, less than the %u bytes of base, length and type",
				(unsigned)n, e->size,
				MULTIBOOT_MMAP_ENTRY_SIZE);
		if (n == JT_MAX_RANGES)
			jt_fail("the memory map has more than %u entries",
				JT_MAX_RANGES);
		mb_map[n++] = (struct jt_mem_range){ e->addr, e->len, e->type };
		p += e->size + 4ull;
	}
	if (p != end)
		jt_fail("the memory map's last entry ends at 0x%llx, past mmap_addr 0x%x + mmap_length 0x%x",
			(unsigned long long)p, mbi->mmap_addr,
			mbi->mmap_length);
	return n;
}

/* mem_upper: the RAM contiguous from 1 MiB, in KiB, as the map has it. */
static void check_mem_upper(const struct multiboot_info *mbi, size_t n)
{
	uint64_t end = MIB;

	for (size_t i = 0; i < n; i++)
		if (mb_map[i].type == MULTIBOOT_MEMORY_AVAILABLE &&
		    mb_map[i].addr <= end &&
		    mb_map[i].addr + mb_map[i].size > end)
			end = mb_map[i].addr + mb_map[i].size;
	if (mbi->mem_upper != (end - MIB) >> 10)
		jt_fail("mem_upper %u KiB, but the memory map has %llu KiB of RAM contiguous from 1 MiB",
			mbi->mem_upper,
			(unsigned long long)((end - MIB) >> 10));
	if (mbi->mem_lower > 640)
		jt_fail("mem_lower %u KiB: at most 640 KiB lie below the legacy hole",
			mbi->mem_lower);
}

static void check_loader_name(const struct multiboot_info *mbi)
{
	const char *name, *want;
	size_t len;

	if (!(mbi->flags & MULTIBOOT_INFO_BOOT_LOADER_NAME)) {
		if (jt_arg("loader", &len))
			jt_fail("no boot loader name (flag bit 9 clear) but jt.loader= expects one");
		return;
	}
	name = c_string(mbi->boot_loader_name, "the boot loader name");
	cprintf("boot loader: %s\n", name);
	want = jt_arg("loader", &len);
	if (want && (strlen(name) != len || strncmp(name, want, len)))
		jt_fail("boot loader name \"%s\" is not the one jt.loader= gives",
			name);
}

/* Modules: as many as jt.mods= says, each printed with its string,
 * page-aligned as the header asks, sampled against jt.modN=. */
static void check_modules(const struct multiboot_info *mbi)
{
	const struct multiboot_module *m;
	uint64_t want = 0;
	unsigned n = mbi->flags & MULTIBOOT_INFO_MODS ? mbi->mods_count : 0;

	jt_arg_u64("mods", &want);
	if (n != want)
		jt_fail("%u modules handed over, jt.mods=%llu expected", n,
			(unsigned long long)want);
	if (n > MB_MAX_MODS)
		jt_fail("%u modules: this guest checks at most %u", n,
			MB_MAX_MODS);
	if (!n)
		return;
	m = jt_phys(mbi->mods_addr, n * sizeof(*m), "the module list");
	hand("the module list", mbi->mods_addr, n * sizeof(*m));
	for (unsigned i = 0; i < n; i++) {
		char *what = mod_names[i][0], *key = mod_names[i][1];
		const char *str = "(none)";

		rt_snprintf(what, sizeof(mod_names[i][0]), "module %u", i);
		rt_snprintf(key, sizeof(mod_names[i][1]), "mod%u", i);
		if (m[i].mod_end < m[i].mod_start)
			jt_fail("%s ends at 0x%x, before its start 0x%x", what,
				m[i].mod_end, m[i].mod_start);
		if ((mb_header.flags & MULTIBOOT_PAGE_ALIGN) &&
		    (m[i].mod_start & (PAGE - 1)))
			jt_fail("%s starts at 0x%x, not on a page boundary as the header's MULTIBOOT_PAGE_ALIGN asks",
				what, m[i].mod_start);
		if (m[i].reserved)
			jt_fail("%s: reserved field 0x%x expected 0", what,
				m[i].reserved);
		if (m[i].string)
			str = c_string(m[i].string, "a module string");
		cprintf("module %u: %u bytes: %s\n", i,
			m[i].mod_end - m[i].mod_start, str);
		hand(what, m[i].mod_start, m[i].mod_end - m[i].mod_start);
		jt_check_sums(key, what, m[i].mod_start,
			      m[i].mod_end - m[i].mod_start);
	}
}

/* The image arrived whole: its last file word, and a zeroed BSS. */
static void check_image(void)
{
	if (mb_tail_marker != MB_TAIL_VALUE)
		jt_fail("the last word of the image's file bytes at 0x%lx is 0x%x, not 0x%x: the loader stopped short",
			(unsigned long)(uintptr_t)&mb_tail_marker,
			mb_tail_marker, MB_TAIL_VALUE);
	if (mb_bss_probe[0] || mb_bss_probe[511] || mb_bss_probe[1023])
		jt_fail("the BSS at 0x%lx is not zero: the loader must clear it",
			(unsigned long)(uintptr_t)mb_bss_probe);
}

/* No two things the loader handed over (and not the image) overlap. */
static void check_disjoint(void)
{
	for (unsigned i = 1; i < n_handed; i++) {
		unsigned saved = n_handed;

		n_handed = i;
		mb_check_free(handed[i].addr, handed[i].size, handed[i].what);
		n_handed = saved;
	}
}

/*
 * "jt.quick-mods=SIZE,FIRST,LAST,..." (one triple per module, lower-case
 * hex without 0x), the first argument after the kernel's path: for
 * benchmarks, the least work that proves every module arrived: its size
 * and its first and last 32-bit words (one read in its first page, one in
 * its last). Every instruction counts where the CPU is emulated: finding
 * the key with jt_arg and parsing with jt_arg_u64_list took ~2.5 of this
 * guest's ~3.5 ms here.
 */
static void quick_check(const struct multiboot_info *mbi)
{
	static const char key[] = "jt.quick-mods=";
	const struct multiboot_module *m;
	unsigned n = mbi->flags & MULTIBOOT_INFO_MODS ? mbi->mods_count : 0;
	const char *p = strchr(jt_cmdline(), ' ');

	if (!p || strncmp(p + 1, key, sizeof(key) - 1))
		return;
	p += sizeof(key);
	m = (const void *)(uintptr_t)mbi->mods_addr;
	for (unsigned i = 0; i < n; i++) {
		uint32_t size = m[i].mod_end - m[i].mod_start, want[3];

		for (int k = 0; k < 3; k++)
			if (!jt_hex32(&p, &want[k]))
				jt_fail("quick: jt.quick-mods= needs SIZE,FIRST,LAST in lower-case hex for each of %u modules",
					n);
		if (size != want[0] || size < 4 ||
		    *(const uint32_t *)(uintptr_t)m[i].mod_start != want[1] ||
		    *(const uint32_t *)(uintptr_t)(m[i].mod_end - 4) != want[2])
			jt_fail("quick: module %u (%u bytes) is not as jt.quick-mods= says",
				i, size);
	}
	if (!n || (*p && *p != ' '))
		jt_fail("quick: %u modules handed over, not as many as jt.quick-mods= lists",
			n);
	console_puts("PASS multiboot-guest quick\n");
	post_code(JT_POST_EXIT);
	debug_exit(DEBUG_EXIT_PASS);
}

/* Everything handed over, the RAM mem_lower counts and the APs' page
 * (when they are started) lie in RAM by the memory map; returns its RAM. */
static uint64_t check_memory(const struct multiboot_info *mbi, bool smp,
			     size_t *n)
{
	static struct jt_region in_ram[MB_MAX_REGIONS + 2];
	size_t k = n_handed;

	*n = walk_mmap(mbi);
	jt_sort_memmap(mb_map, *n);
	check_mem_upper(mbi, *n);
	memcpy(in_ram, handed, n_handed * sizeof(handed[0]));
	in_ram[k++] = (struct jt_region){ "the RAM mem_lower counts", 0,
					  mbi->mem_lower * 1024ull };
	if (smp)
		in_ram[k++] = (struct jt_region){ "the APs' start-up page",
						  MB_TRAMPOLINE, PAGE };
	return jt_check_memmap(mb_map, *n, in_ram, k);
}

/* fw_cfg's RAM size is all RAM; the map may keep a little for firmware. */
static void check_fw_cfg_ram(const struct mb_fw_cfg *fw, uint64_t map_ram)
{
	uint64_t mem;

	if (jt_arg_u64("mem", &mem) && fw->ram != mem)
		jt_fail("fw_cfg says %llu bytes of RAM but jt.mem=%llu",
			(unsigned long long)fw->ram, (unsigned long long)mem);
	if (fw->ram < map_ram || fw->ram - map_ram > 4 * MIB)
		jt_fail("fw_cfg says %llu bytes of RAM but the memory map has %llu",
			(unsigned long long)fw->ram,
			(unsigned long long)map_ram);
}

void mb_main(const struct mb_entry_state *st)
{
	const struct multiboot_info *mbi;
	struct mb_fw_cfg fw = { 0 };
	uint64_t ram;
	size_t n, len;
	unsigned cpus;
	bool smp;

	jt_init(guest_name(), NULL);
	check_entry(st);
	mbi = check_info(st);
	/* The quick check first: not even the command line's length. */
	jt_init(guest_name(), jt_phys(mbi->cmdline, 1, "the command line"));
	quick_check(mbi);
	c_string(mbi->cmdline, "the command line");
	jt_echo_cmdline();
	smp = jt_arg("cpus", &len) || jt_arg("fw-cfg", &len);
	check_loader_name(mbi);
	check_modules(mbi);
	ram = check_memory(mbi, smp, &n);
	check_image();
	hand("the guest image", (uintptr_t)mb_image_start,
	     mb_image_end - mb_image_start);
	check_disjoint();
	if (mb_fw_cfg_read(&fw))
		check_fw_cfg_ram(&fw, ram);
	cpus = mb_smp_check(fw.cpus);
	jt_pass("flags 0x%x, %u modules, mem_lower %u KiB, mem_upper %u KiB, %u memory-map entries, %u CPUs",
		mbi->flags,
		mbi->flags & MULTIBOOT_INFO_MODS ? mbi->mods_count : 0,
		mbi->mem_lower, mbi->mem_upper, (unsigned)n, cpus);
}
