/* memmap.c: the memory map: QEMU's etc/e820 in, the firmware's areas carved out, claims checked. */
#include "fw.h"

/*
 * QEMU's etc/e820 lists RAM as whole ranges ([0, top of low RAM), ...)
 * in insertion order, and reserved ranges such as KVM's pages at
 * 0xfeffc000. It leaves the PC's holes to the firmware: the EBDA, the
 * legacy area 640 KiB - 1 MiB (absent, except the BIOS at 0xf0000,
 * reserved), and the ACPI tables the table loader placed at the top of
 * low RAM (reserved).
 */
static const char e820_name[FW_CFG_MAX_FILE_PATH] = "etc/e820";

void fw_memmap_read(struct fw_state *st)
{
	const struct fw_cfg_file *f = fw_file_find(st, e820_name);
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

static void add(struct e820_map *m, uint64_t addr, uint64_t end, uint32_t type)
{
	if (end > addr && e820_add(m, addr, end - addr, type))
		fw_panic("the memory map is full or inconsistent at [0x%llx, 0x%llx) type %u",
			 (unsigned long long)addr, (unsigned long long)end,
			 type);
}

void fw_memmap_build(struct fw_state *st)
{
	struct e820_map *m = &st->map;

	e820_init(m);
	/* Overlapping entries in etc/e820 would be QEMU's bug: first wins. */
	for (unsigned i = 0; i < st->nraw; i++)
		if (st->raw[i].size)
			e820_add(m, st->raw[i].addr, st->raw[i].size,
				 st->raw[i].type);
	if (e820_remove(m, FW_LOW_RAM_END, FW_HIMEM - FW_LOW_RAM_END) ||
	    (st->acpi.high < st->low_top &&
	     e820_remove(m, st->acpi.high, st->low_top - st->acpi.high)))
		fw_panic("the memory map is full");
	add(m, FW_LOW_RAM_END, 0xa0000, E820_RESERVED);
	add(m, FW_BIOS_ADDR, FW_HIMEM, E820_RESERVED);
	add(m, st->acpi.high, st->low_top, E820_RESERVED);

	/* What the firmware itself still uses until the jump. */
	st->nclaims = 0;
	st->claims[st->nclaims++] = (struct fw_claim){
		"the firmware's own memory", FW_STATE_ADDR, FW_RAM_END
	};
}

static const char *overlap(const struct fw_state *st, uint64_t addr,
			   uint64_t end)
{
	for (unsigned i = 0; i < st->nclaims; i++)
		if (addr < st->claims[i].end && st->claims[i].addr < end)
			return st->claims[i].what;
	return NULL;
}

void fw_claim(struct fw_state *st, const char *what, uint64_t addr,
	      uint64_t len)
{
	uint64_t end = addr + len;
	const char *other;

	if (!len)
		return;
	if (end < addr || !e820_is_ram(&st->map, addr, len))
		fw_panic("%s (%llu bytes at 0x%llx) does not fit in RAM: [0x%llx, 0x%llx) is not all RAM in the memory map (%llu MiB below 4 GiB)",
			 what, (unsigned long long)len,
			 (unsigned long long)addr, (unsigned long long)addr,
			 (unsigned long long)end,
			 (unsigned long long)(st->low_top >> 20));
	other = overlap(st, addr, end);
	if (other)
		fw_panic("%s [0x%llx, 0x%llx) overlaps %s", what,
			 (unsigned long long)addr, (unsigned long long)end,
			 other);
	if (st->nclaims < FW_CLAIMS)
		st->claims[st->nclaims++] =
			(struct fw_claim){ what, addr, end };
}
