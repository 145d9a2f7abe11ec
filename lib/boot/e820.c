/* e820.c: sorted, non-overlapping memory map with placement queries. */
#include "boot/e820.h"

#include <errno.h>
#include <string.h>

void e820_init(struct e820_map *m)
{
	m->n = 0;
}

static uint64_t entry_end(const struct e820_entry *e)
{
	return e->addr + e->size;
}

int e820_add(struct e820_map *m, uint64_t addr, uint64_t size, uint32_t type)
{
	unsigned i;

	if (!size || addr + size < addr)
		return -EINVAL;
	for (i = 0; i < m->n && m->e[i].addr < addr; i++)
		;
	/* i is the first entry at or above addr: check both neighbours. */
	if (i > 0 && entry_end(&m->e[i - 1]) > addr)
		return -EEXIST;
	if (i < m->n && m->e[i].addr < addr + size)
		return -EEXIST;
	if (i > 0 && m->e[i - 1].type == type &&
	    entry_end(&m->e[i - 1]) == addr) {
		m->e[i - 1].size += size;
		if (i < m->n && m->e[i].type == type &&
		    m->e[i].addr == addr + size) {
			m->e[i - 1].size += m->e[i].size;
			memmove(&m->e[i], &m->e[i + 1],
				(m->n - i - 1) * sizeof(m->e[0]));
			m->n--;
		}
		return 0;
	}
	if (i < m->n && m->e[i].type == type && m->e[i].addr == addr + size) {
		m->e[i].addr = addr;
		m->e[i].size += size;
		return 0;
	}
	if (m->n == E820_MAP_MAX)
		return -ENOSPC;
	memmove(&m->e[i + 1], &m->e[i], (m->n - i) * sizeof(m->e[0]));
	m->e[i] =
		(struct e820_entry){ .addr = addr, .size = size, .type = type };
	m->n++;
	return 0;
}

bool e820_is_ram(const struct e820_map *m, uint64_t addr, uint64_t len)
{
	if (addr + len < addr)
		return false;
	for (unsigned i = 0; i < m->n; i++) {
		const struct e820_entry *e = &m->e[i];

		if (e->type == E820_RAM && addr >= e->addr &&
		    (addr + len <= entry_end(e)) &&
		    (len || addr < entry_end(e)))
			return true;
	}
	return false;
}

uint64_t e820_ram_total(const struct e820_map *m)
{
	uint64_t total = 0;

	for (unsigned i = 0; i < m->n; i++)
		if (m->e[i].type == E820_RAM)
			total += m->e[i].size;
	return total;
}

uint64_t e820_ram_end(const struct e820_map *m, uint64_t addr)
{
	for (unsigned i = 0; i < m->n; i++) {
		const struct e820_entry *e = &m->e[i];

		if (e->type == E820_RAM && addr >= e->addr &&
		    addr < entry_end(e))
			return entry_end(e);
	}
	return 0;
}

int e820_find_top(const struct e820_map *m, uint64_t size, uint64_t align,
		  uint64_t lo, uint64_t hi, uint64_t *out)
{
	if (!size || !align || (align & (align - 1)))
		return -EINVAL;
	for (unsigned i = m->n; i-- > 0;) {
		const struct e820_entry *e = &m->e[i];
		uint64_t end = entry_end(e), addr;

		if (e->type != E820_RAM)
			continue;
		if (end > hi)
			end = hi;
		if (end < size)
			continue;
		addr = (end - size) & ~(align - 1);
		if (addr < e->addr || addr < lo)
			continue;
		*out = addr;
		return 0;
	}
	return -ENOSPC;
}
