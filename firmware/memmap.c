/* memmap.c: the memory map: QEMU's etc/e820 in, the firmware's areas carved out, claims checked. */
#include "fw.h"

/*
 * QEMU's etc/e820 lists RAM as whole ranges ([0, top of low RAM), ...)
 * in insertion order, and reserved ranges such as KVM's pages at
 * 0xfeffc000. It leaves the PC's holes to the firmware: the EBDA, the
 * legacy area 640 KiB - 1 MiB (absent, but for the BIOS area from
 * 0xe0000, reserved as in jiffy's direct boot: ACPI tables a VMM placed
 * itself, then the ROM), and the ACPI tables the table loader placed at
 * the top of low RAM (reserved).
 */
void fw_memmap_read(struct fw_state *st)
{
	const struct fw_cfg_file *f = st->e820_file;
	uint32_t n;

	if (!f)
		fw_panic("fw_cfg has no etc/e820 file: the memory map is unknown");
	n = fw_file_size(f) / sizeof(struct e820_entry);
	if (n > FW_E820_MAX)
		n = FW_E820_MAX;
	fw_item_read(st, fw_file_key(f), 0, st->raw,
		     n * sizeof(struct e820_entry), "etc/e820");
	st->nraw = n;
	st->low_top = 0;
	for (unsigned i = 0; i < n; i++) {
		const struct e820_entry *e = &st->raw[i];

		if (e->type == E820_RAM && e->addr <= FW_HIMEM &&
		    e->addr + e->size > FW_HIMEM)
			st->low_top = e->addr + e->size;
	}
	if (!st->low_top)
		fw_panic("etc/e820 has no RAM at 1 MiB (%u entries)", n);
	if (st->low_top > 1ull << 32)
		st->low_top = 1ull << 32;
}

/* One entry of the kernel's map at e, unless the range is empty. */
static struct e820_entry *put(struct e820_entry *e, uint64_t addr,
			      uint64_t end, uint32_t type)
{
	if (end > addr)
		*e++ = (struct e820_entry){ addr, end - addr, type };
	return e;
}

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static uint64_t max64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

/* Each etc/e820 entry becomes at most six: room for all of them. */
_Static_assert(6 * FW_E820_MAX <= E820_MAP_MAX, "FW_E820_MAX too large");

/*
 * One pass over etc/e820 sorted by address, cutting the firmware's holes
 * out of RAM as it goes: cheaper than building the map with insertions
 * (QEMU's has two to four entries; each instruction costs here). RAM
 * below 4 GiB is also kept as 32-bit runs, all fw_claim looks at.
 */
void fw_memmap_build(struct fw_state *st)
{
	uint64_t acpi = st->acpi.high;
	struct e820_entry *e = st->map.e;

	for (unsigned i = 1; i < st->nraw; i++) {
		struct e820_entry r = st->raw[i];
		unsigned j = i;

		for (; j && st->raw[j - 1].addr > r.addr; j--)
			st->raw[j] = st->raw[j - 1];
		st->raw[j] = r;
	}
	for (unsigned i = 0; i < st->nraw; i++) {
		uint64_t a = st->raw[i].addr, b = a + st->raw[i].size, lo;

		if (st->raw[i].type != E820_RAM) {
			e = put(e, a, b, st->raw[i].type);
			continue;
		}
		/* Below 1 MiB: RAM up to the EBDA; the EBDA and the BIOS
		 * area reserved; VGA and option ROMs absent. QEMU's RAM from
		 * 0 past 1 MiB makes that three constant entries. */
		if (!a && b > FW_HIMEM) {
			e[0] = (struct e820_entry){ 0, FW_LOW_RAM_END, E820_RAM };
			e[1] = (struct e820_entry){ FW_LOW_RAM_END,
						    FW_EBDA_END - FW_LOW_RAM_END,
						    E820_RESERVED };
			e[2] = (struct e820_entry){ FW_BIOS_AREA,
						    FW_HIMEM - FW_BIOS_AREA,
						    E820_RESERVED };
			e += 3;
		} else {
			e = put(e, a, min64(b, FW_LOW_RAM_END), E820_RAM);
			e = put(e, max64(a, FW_LOW_RAM_END),
				min64(b, FW_EBDA_END), E820_RESERVED);
			e = put(e, max64(a, FW_BIOS_AREA), min64(b, FW_HIMEM),
				E820_RESERVED);
		}
		/* Above: the ACPI tables at the top of low RAM reserved. */
		lo = max64(a, FW_HIMEM);
		if (acpi < st->low_top && acpi >= lo && st->low_top <= b) {
			e = put(e, lo, acpi, E820_RAM);
			e = put(e, acpi, st->low_top, E820_RESERVED);
			lo = st->low_top;
		}
		e = put(e, lo, b, E820_RAM);
	}
	st->map.n = (unsigned)(e - st->map.e);
	st->nruns = 0;
	for (e = st->map.e; e < st->map.e + st->map.n; e++)
		if (e->type == E820_RAM && !(e->addr >> 32) &&
		    st->nruns < FW_RAM_RUNS)
			st->runs[st->nruns++] = (struct fw_run){
				(uint32_t)e->addr,
				e->addr + e->size < FW_4G
					? (uint32_t)(e->addr + e->size)
					: 0xffffffffu
			};

	/* What the firmware itself still uses until the jump. */
	st->nclaims = 0;
	st->claims[st->nclaims++] = (struct fw_claim){
		"the firmware's own memory", FW_STATE_ADDR, FW_RAM_END
	};
}

/*
 * Everything the firmware hands over lies below 4 GiB (fw_cfg gives 32-bit
 * addresses and sizes): the 32-bit RAM runs and claims suffice, and keep
 * this cheap where each instruction is emulated.
 */
void fw_claim(struct fw_state *st, const char *what, uint32_t addr,
	      uint32_t len)
{
	unsigned i;

	if (!len)
		return;
	/* All 32-bit: addr is inside the run, len fits after it. */
	for (i = 0; i < st->nruns; i++)
		if (addr - st->runs[i].addr < st->runs[i].end - st->runs[i].addr &&
		    len <= st->runs[i].end - addr)
			break;
	if (i == st->nruns)
		fw_panic("%s (%u bytes at 0x%x) does not fit in RAM: [0x%x, 0x%llx) is not all RAM in the memory map (%llu MiB below 4 GiB)",
			 what, len, addr, addr,
			 (unsigned long long)addr + len,
			 (unsigned long long)(st->low_top >> 20));
	/* addr + len cannot wrap now: it is at most a run's end. */
	for (i = 0; i < st->nclaims; i++)
		if (addr < st->claims[i].end && st->claims[i].addr < addr + len)
			fw_panic("%s [0x%x, 0x%x) overlaps %s", what, addr,
				 addr + len, st->claims[i].what);
	if (st->nclaims < FW_CLAIMS)
		st->claims[st->nclaims++] =
			(struct fw_claim){ what, addr, addr + len };
}
