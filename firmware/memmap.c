/* memmap.c: the memory map: QEMU's etc/e820 in, the firmware's areas carved out, claims checked. */
#include "fw.h"

/*
 * QEMU's etc/e820 lists RAM as whole ranges ([0, top of low RAM), ...)
 * in insertion order, and reserved ranges such as KVM's pages at
 * 0xfeffc000 (first, under KVM). It leaves the PC's holes to the
 * firmware: the EBDA, the legacy area 640 KiB - 1 MiB (absent, but for
 * the BIOS area from 0xe0000, reserved: ACPI tables a VMM placed itself
 * and the ROM), and the ACPI tables the table loader placed at the top of
 * low RAM (reserved). It is sorted here, as it is read: insertion suits
 * two to four entries, and kernels get the map in order.
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
		const struct e820_entry *r = &st->raw[i];
		unsigned j = i;

		/* The RAM that holds 1 MiB (its start a 32-bit number). */
		if (r->type == E820_RAM && r->addr <= FW_HIMEM) {
			uint64_t end = (uint32_t)r->addr + r->size;

			if (end > FW_HIMEM)
				st->low_top = end;
		}
		/* Insertion, of pointers: entries are 20 bytes. */
		for (; j && st->sorted[j - 1]->addr > r->addr; j--)
			st->sorted[j] = st->sorted[j - 1];
		st->sorted[j] = r;
	}
	if (!st->low_top)
		fw_panic("etc/e820 has no RAM at 1 MiB (%u entries)", n);
	if (st->low_top > FW_4G)
		st->low_top = FW_4G;
}

/*
 * One entry of the kernel's map at e, unless the range is empty. RAM
 * below 4 GiB is also kept as a 32-bit run, all fw_claims_check looks at.
 */
static struct e820_entry *put(struct fw_state *st, struct e820_entry *e,
			      uint64_t addr, uint64_t end, uint32_t type)
{
	if (end <= addr)
		return e;
	*e = (struct e820_entry){ addr, end - addr, type };
	if (type == E820_RAM && addr < FW_4G && st->nruns < FW_RAM_RUNS)
		st->runs[st->nruns++] =
			(struct fw_run){ (uint32_t)addr,
					 end < FW_4G ? (uint32_t)end
						     : 0xffffffffu };
	return e + 1;
}

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static uint64_t max64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

/*
 * RAM that starts below 1 MiB: RAM up to the EBDA; the EBDA and the BIOS
 * area reserved; VGA and option ROMs absent. QEMU's RAM from 0 past 1 MiB
 * makes that three constant entries; anything else is cut to fit.
 */
static struct e820_entry *put_low(struct fw_state *st, struct e820_entry *e,
				  uint32_t a, uint64_t b)
{
	if (!a && b > FW_HIMEM) {
		e[0] = (struct e820_entry){ 0, FW_LOW_RAM_END, E820_RAM };
		e[1] = (struct e820_entry){ FW_LOW_RAM_END,
					    FW_EBDA_END - FW_LOW_RAM_END,
					    E820_RESERVED };
		e[2] = (struct e820_entry){ FW_BIOS_AREA,
					    FW_HIMEM - FW_BIOS_AREA,
					    E820_RESERVED };
		st->runs[st->nruns++] = (struct fw_run){ 0, FW_LOW_RAM_END };
		return e + 3;
	}
	e = put(st, e, a, min64(b, FW_LOW_RAM_END), E820_RAM);
	e = put(st, e, max64(a, FW_LOW_RAM_END), min64(b, FW_EBDA_END),
		E820_RESERVED);
	return put(st, e, max64(a, FW_BIOS_AREA), min64(b, FW_HIMEM),
		   E820_RESERVED);
}

/* Each etc/e820 entry becomes at most six: room for all of them. */
_Static_assert(6 * FW_E820_MAX <= E820_MAP_MAX, "FW_E820_MAX too large");

/*
 * One pass over the sorted etc/e820, cutting the firmware's holes out of
 * RAM as it goes: cheaper than building the map with insertions (each
 * instruction costs here). Only RAM below 1 MiB and the RAM the loader's
 * ACPI tables end are cut; every other entry is passed on as it is.
 */
void fw_memmap_build(struct fw_state *st)
{
	uint32_t acpi = st->acpi.high;
	struct e820_entry *e = st->map.e;

	st->nruns = 0;
	for (unsigned i = 0; i < st->nraw; i++) {
		const struct e820_entry *r = st->sorted[i];
		uint64_t a = r->addr, b = a + r->size;

		if (r->type != E820_RAM) {
			*e++ = *r;
			continue;
		}
		if (a < FW_HIMEM) {
			e = put_low(st, e, (uint32_t)a, b);
			a = FW_HIMEM;
		}
		/* The ACPI tables at the top of low RAM reserved. */
		if (acpi < st->low_top && acpi >= a && st->low_top <= b) {
			e = put(st, e, a, acpi, E820_RAM);
			e = put(st, e, acpi, st->low_top, E820_RESERVED);
			a = st->low_top;
		}
		e = put(st, e, a, b, E820_RAM);
	}
	st->map.n = (unsigned)(e - st->map.e);

	/* What the firmware itself still uses until the jump. */
	st->nclaims = st->nchecked = 1;
	st->claims[0] = (struct fw_claim){ "the firmware's own memory",
					   FW_STATE_ADDR, FW_RAM_END };
}

/* Claim c is not all RAM (o NULL), or it overlaps o. */
static __attribute__((noreturn, noinline, cold)) void claim_failed(
	struct fw_state *st, const struct fw_claim *c, const struct fw_claim *o)
{
	uint32_t len = c->end - c->addr;

	if (o)
		fw_panic("%s [0x%x, 0x%x) overlaps %s", c->what, c->addr,
			 c->end, o->what);
	fw_panic("%s (%u bytes at 0x%x) does not fit in RAM: [0x%x, 0x%llx) is not all RAM in the memory map (%llu MiB below 4 GiB)",
		 c->what, len, c->addr, c->addr,
		 (unsigned long long)c->addr + len,
		 (unsigned long long)(st->low_top >> 20));
}

/*
 * Everything the firmware hands over lies below 4 GiB (fw_cfg gives 32-bit
 * addresses and sizes): the 32-bit RAM runs and claims suffice, and keep
 * this cheap where each instruction is emulated.
 */
void fw_claims_check(struct fw_state *st)
{
	const struct fw_run *runs_end = st->runs + st->nruns;
	const struct fw_claim *end = st->claims + st->nclaims;

	for (const struct fw_claim *c = st->claims + st->nchecked; c < end;
	     c++) {
		const struct fw_run *run = st->runs;

		/* It does not wrap and lies in one run. */
		if (c->end < c->addr)
			claim_failed(st, c, NULL);
		for (;; run++) {
			if (run == runs_end)
				claim_failed(st, c, NULL);
			if (c->addr >= run->addr && c->end <= run->end)
				break;
		}
		for (const struct fw_claim *o = st->claims; o < c; o++)
			if (c->addr < o->end && o->addr < c->end)
				claim_failed(st, c, o);
	}
	st->nchecked = st->nclaims;
}
