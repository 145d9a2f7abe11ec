/* multiboot_info.c: module placement and the boot information area. */
#include "boot/multiboot.h"

#include <errno.h>
#include <string.h>

#define PAGE 4096ull
#define GIB4 (1ull << 32)

/* Offsets inside the boot information area. */
#define AREA_MMAP 128 /* after struct multiboot_info (116 bytes) */

static uint64_t page_up(uint64_t v)
{
	return (v + PAGE - 1) & ~(PAGE - 1);
}

static uint64_t ram_below_4g(const struct e820_map *m)
{
	uint64_t total = 0;

	for (unsigned i = 0; i < m->n; i++) {
		const struct e820_entry *e = &m->e[i];
		uint64_t end = e->addr + e->size;

		if (e->type != E820_RAM || e->addr >= GIB4)
			continue;
		total += (end < GIB4 ? end : GIB4) - e->addr;
	}
	return total;
}

/* Lowest page-aligned addr >= from with [addr, addr + size) in RAM below
 * 4 GiB. The map is sorted, so the first RAM entry that fits is it. */
static int fit_from(const struct e820_map *m, uint64_t from, uint64_t size,
		    uint64_t *addr)
{
	for (unsigned i = 0; i < m->n; i++) {
		const struct e820_entry *e = &m->e[i];
		uint64_t lo = page_up(e->addr), end = e->addr + e->size;

		if (e->type != E820_RAM)
			continue;
		if (lo < from)
			lo = from;
		if (end > GIB4)
			end = GIB4;
		if (lo < end && end - lo >= size) {
			*addr = lo;
			return 0;
		}
	}
	return -ENOSPC;
}

int mb_place_modules(const struct e820_map *m, uint64_t start,
		     struct mb_module *mods, unsigned n, unsigned *bad,
		     struct boot_error *err)
{
	uint64_t cur = page_up(start), ram = ram_below_4g(m);

	for (unsigned i = 0; i < n; i++) {
		uint64_t size = mods[i].size;

		if (!size) {
			/* Nothing to hold: it sits where the next one starts.
			 */
			mods[i].addr = cur;
			continue;
		}
		if (cur < GIB4 && !fit_from(m, cur, size, &mods[i].addr)) {
			cur = page_up(mods[i].addr + size);
			continue;
		}
		*bad = i;
		if (size > ram)
			return boot_fail(
				err, -ENOSPC,
				"%llu KiB, more than the %llu MiB of guest RAM below 4 GiB, where multiboot modules must lie",
				(unsigned long long)(size >> 10),
				(unsigned long long)(ram >> 20));
		return boot_fail(
			err, -ENOSPC,
			"%llu KiB do not fit in guest RAM between 0x%llx (after the kernel and the modules before it) and 4 GiB",
			(unsigned long long)(size >> 10),
			(unsigned long long)cur);
	}
	return 0;
}

size_t mb_string_size(const char *s, const char *s2)
{
	return strlen(s) + (s2 ? 1 + strlen(s2) : 0) + 1;
}

uint32_t mb_put_string(void *area, uint64_t base, size_t *pos, const char *s,
		       const char *s2)
{
	char *p = (char *)area + *pos;
	size_t n = strlen(s);
	uint32_t gpa = (uint32_t)(base + *pos);

	memcpy(p, s, n);
	if (s2) {
		p[n++] = ' ';
		memcpy(p + n, s2, strlen(s2));
		n += strlen(s2);
	}
	p[n] = '\0';
	*pos += n + 1;
	return gpa;
}

static size_t strings_size(const struct mb_info_args *a)
{
	size_t n = mb_string_size(a->kernel_path, a->append) +
		   mb_string_size(a->loader_name, NULL);

	for (unsigned i = 0; i < a->nmods; i++)
		if (a->mods[i].string)
			n += mb_string_size(a->mods[i].string, NULL);
	return n;
}

static uint32_t kib(uint64_t bytes)
{
	bytes >>= 10;
	return bytes > UINT32_MAX ? UINT32_MAX : (uint32_t)bytes;
}

/*
 * Both in one pass over the map, and the map entry by entry: jiffy's
 * firmware runs these too, where every instruction is emulated.
 */
void mb_fill_memory(struct multiboot_info *mbi, const struct e820_map *m)
{
	const uint64_t mib = 1ull << 20;
	uint64_t upper_end = 0; /* of the RAM that holds 1 MiB */

	for (const struct e820_entry *e = m->e; e < m->e + m->n; e++) {
		if (e->type != E820_RAM)
			continue;
		if (!e->addr)
			mbi->mem_lower = kib(e->size < 640 * 1024 ? e->size
								  : 640 * 1024);
		if (!upper_end && e->addr <= mib && e->addr + e->size > mib)
			upper_end = e->addr + e->size;
	}
	mbi->mem_upper = upper_end ? kib(upper_end - mib) : 0;
}

size_t mb_write_mmap(void *mmap, const struct e820_map *m)
{
	struct multiboot_mmap_entry *out = mmap;

	for (const struct e820_entry *e = m->e; e < m->e + m->n; e++, out++) {
		out->size = MULTIBOOT_MMAP_ENTRY_SIZE;
		out->addr = e->addr;
		out->len = e->size;
		out->type = e->type;
	}
	return m->n * sizeof(*out);
}

int mb_build_info(void *buf, size_t cap, const struct mb_info_args *a,
		  size_t *used, struct boot_error *err)
{
	uint8_t *b = buf;
	struct multiboot_info mbi;
	size_t mods_at =
		(AREA_MMAP + a->map->n * sizeof(struct multiboot_mmap_entry) +
		 15) &
		~(size_t)15;
	size_t str_at = mods_at + a->nmods * sizeof(struct multiboot_module);
	size_t need = str_at + strings_size(a);

	if (need > cap || a->base + need > GIB4)
		return boot_fail(
			err, -ENOSPC,
			"the multiboot information (memory map, %u modules, command line and module strings) needs %zu bytes; %zu are set aside for it",
			a->nmods, need, cap);
	memset(&mbi, 0, sizeof(mbi));
	mbi.flags = MULTIBOOT_INFO_MEMORY | MULTIBOOT_INFO_CMDLINE |
		    MULTIBOOT_INFO_MODS | MULTIBOOT_INFO_MEM_MAP |
		    MULTIBOOT_INFO_BOOT_LOADER_NAME;
	mb_fill_memory(&mbi, a->map);

	mbi.mmap_addr = (uint32_t)(a->base + AREA_MMAP);
	mbi.mmap_length = (uint32_t)mb_write_mmap(b + AREA_MMAP, a->map);
	memset(b + AREA_MMAP + mbi.mmap_length, 0,
	       mods_at - AREA_MMAP - mbi.mmap_length);

	mbi.cmdline =
		mb_put_string(b, a->base, &str_at, a->kernel_path, a->append);
	for (unsigned i = 0; i < a->nmods; i++) {
		const struct mb_module *m = &a->mods[i];
		struct multiboot_module e = {
			.mod_start = (uint32_t)m->addr,
			.mod_end = (uint32_t)(m->addr + m->size),
			.string = m->string ? mb_put_string(b, a->base, &str_at,
							    m->string, NULL)
					    : 0,
		};

		memcpy(b + mods_at + i * sizeof(e), &e, sizeof(e));
	}
	mbi.mods_count = a->nmods;
	mbi.mods_addr = (uint32_t)(a->base + mods_at);
	mbi.boot_loader_name =
		mb_put_string(b, a->base, &str_at, a->loader_name, NULL);
	memcpy(b, &mbi, sizeof(mbi));
	memset(b + sizeof(mbi), 0, AREA_MMAP - sizeof(mbi));
	*used = str_at;
	return 0;
}
