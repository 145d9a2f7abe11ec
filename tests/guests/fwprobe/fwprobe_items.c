/* fwprobe_items.c: the fw_cfg probe's reading part: legacy keys, the directory,
 * every item both ways. */
#include <string.h>

#include "abi/e820.h"
#include "fw_cfg/bytes.h"
#include "fwprobe.h"
#include "jt.h"
#include "rt/console.h"
#include "rt/fmt.h"

/* Where an item's bytes are worth more than a sum. */
enum legacy_kind {
	LE16,
	LE32,
	LE64,
	RAW,  /* bytes in hex: the UUID */
	BLOB, /* sums, its size from the key in arg */
	TEXT, /* a NUL-terminated string, its size from the key in arg */
	NUMA, /* node count, then sums of the whole LE64 array */
	HPET, /* fw_cfg's packed HPET table: 1 + 8 * 15 bytes */
};

struct legacy_key {
	uint16_t key;
	uint8_t kind;
	uint16_t arg; /* BLOB, TEXT: the key holding the size; RAW: bytes */
	const char *name;
};

static const struct legacy_key legacy[] = {
	{ FW_CFG_UUID, RAW, 16, "uuid" },
	{ FW_CFG_RAM_SIZE, LE64, 0, "ram-size" },
	{ FW_CFG_NOGRAPHIC, LE16, 0, "nographic" },
	{ FW_CFG_NB_CPUS, LE16, 0, "nb-cpus" },
	{ FW_CFG_KERNEL_ADDR, LE32, 0, "kernel-addr" },
	{ FW_CFG_KERNEL_SIZE, LE32, 0, "kernel-size" },
	{ FW_CFG_INITRD_ADDR, LE32, 0, "initrd-addr" },
	{ FW_CFG_INITRD_SIZE, LE32, 0, "initrd-size" },
	{ FW_CFG_NUMA, NUMA, 0, "numa" },
	{ FW_CFG_BOOT_MENU, LE16, 0, "boot-menu" },
	{ FW_CFG_MAX_CPUS, LE16, 0, "max-cpus" },
	{ FW_CFG_KERNEL_ENTRY, LE32, 0, "kernel-entry" },
	{ FW_CFG_KERNEL_DATA, BLOB, FW_CFG_KERNEL_SIZE, "kernel-data" },
	{ FW_CFG_INITRD_DATA, BLOB, FW_CFG_INITRD_SIZE, "initrd-data" },
	{ FW_CFG_CMDLINE_ADDR, LE32, 0, "cmdline-addr" },
	{ FW_CFG_CMDLINE_SIZE, LE32, 0, "cmdline-size" },
	{ FW_CFG_CMDLINE_DATA, TEXT, FW_CFG_CMDLINE_SIZE, "cmdline-data" },
	{ FW_CFG_SETUP_ADDR, LE32, 0, "setup-addr" },
	{ FW_CFG_SETUP_SIZE, LE32, 0, "setup-size" },
	{ FW_CFG_SETUP_DATA, BLOB, FW_CFG_SETUP_SIZE, "setup-data" },
	{ FW_CFG_ACPI_TABLES, LE16, 0, "acpi-tables-count" },
	{ FW_CFG_SMBIOS_ENTRIES, LE16, 0, "smbios-entries-count" },
	{ FW_CFG_IRQ0_OVERRIDE, LE32, 0, "irq0-override" },
	{ FW_CFG_E820_TABLE, LE32, 0, "e820-table-count" },
	{ FW_CFG_HPET, HPET, 0, "hpet" },
};

#define HPET_TABLE_SIZE 121

static uint64_t get_le(struct fwprobe *p, uint16_t key, unsigned n)
{
	uint8_t b[8] = { 0 };

	if (fw_cfg_client_read(p->c, key, 0, b, n))
		jt_fail("key 0x%04x: a DMA read of %u bytes failed", key, n);
	return fw_cfg_get_le64(b);
}

/* Poison the sample windows so a DMA that stores nothing shows. */
static void poison(uint8_t *p, uint32_t n)
{
	uint32_t k = n < 4096 ? n : 4096;

	memset(p, 0xa5, k);
	memset(p + n - k, 0xa5, k);
}

void fwprobe_item(struct fwprobe *p, const char *tag, const char *prefix,
		  uint16_t key, uint32_t size)
{
	uint32_t io[2], dma[2];
	int ret;

	if (size > p->scratch_size) {
		cprintf("%s: %ssize %u, more than the %u bytes of scratch RAM\n",
			tag, prefix, size, p->scratch_size);
		return;
	}
	/* Byte I/O: one select, one `rep insb` over the whole item. */
	fw_cfg_client_use_dma(p->c, false);
	fw_cfg_client_read(p->c, key, 0, p->scratch, size);
	fwprobe_sums(p->scratch, size, io);
	/* DMA: SELECT | READ of the whole item, one descriptor. */
	poison(p->scratch, size);
	fw_cfg_client_use_dma(p->c, true);
	ret = fw_cfg_client_read(p->c, key, 0, p->scratch, size);
	fwprobe_sums(p->scratch, size, dma);
	cprintf("%s: %ssize %u io %08x %08x dma %08x %08x%s\n", tag, prefix,
		size, io[0], io[1], dma[0], dma[1], ret ? " dma-error" : "");
}

static void legacy_one(struct fwprobe *p, const struct legacy_key *k)
{
	char tag[48], hex[2 * 16 + 1];
	uint8_t b[16];
	uint32_t size, sum[2];
	uint64_t v;

	rt_snprintf(tag, sizeof(tag), "key 0x%04x %s", k->key, k->name);
	switch (k->kind) {
	case LE16:
	case LE32:
	case LE64:
		v = get_le(p, k->key,
			   k->kind == LE16   ? 2
			   : k->kind == LE32 ? 4
					     : 8);
		cprintf("%s: 0x%llx\n", tag, (unsigned long long)v);
		break;
	case RAW:
		fw_cfg_client_read(p->c, k->key, 0, b, k->arg);
		fwprobe_hex(b, k->arg, hex);
		cprintf("%s: %s\n", tag, hex);
		break;
	case BLOB:
		size = (uint32_t)get_le(p, k->arg, 4);
		fwprobe_item(p, tag, "", k->key, size);
		break;
	case TEXT:
		size = (uint32_t)get_le(p, k->arg, 4);
		if (size > p->scratch_size || size > 4096) {
			cprintf("%s: size %u, too long to print\n", tag, size);
			break;
		}
		fw_cfg_client_read(p->c, k->key, 0, p->scratch, size);
		p->scratch[size ? size - 1 : 0] = '\0';
		cprintf("%s: \"%s\"\n", tag, (const char *)p->scratch);
		break;
	case NUMA:
		/* [nodes][node of each APIC ID up to the limit][node sizes] */
		v = get_le(p, k->key, 8);
		size = 8 * (1 + (uint32_t)get_le(p, FW_CFG_MAX_CPUS, 2) +
			    (uint32_t)(v < 64 ? v : 64));
		fw_cfg_client_read(p->c, k->key, 0, p->scratch, size);
		fwprobe_sums(p->scratch, size, sum);
		cprintf("%s: nodes %llu, %u bytes sum %08x\n", tag,
			(unsigned long long)v, size, sum[0]);
		break;
	case HPET:
		fw_cfg_client_read(p->c, k->key, 0, p->scratch,
				   HPET_TABLE_SIZE);
		fwprobe_sums(p->scratch, HPET_TABLE_SIZE, sum);
		cprintf("%s: count %u, %u bytes sum %08x\n", tag, p->scratch[0],
			HPET_TABLE_SIZE, sum[0]);
		break;
	}
}

void fwprobe_legacy(struct fwprobe *p)
{
	for (unsigned i = 0; i < sizeof(legacy) / sizeof(legacy[0]); i++)
		legacy_one(p, &legacy[i]);
}

/*
 * The directory: its count, then whether names come in strcmp order with
 * keys 0x20 + index (QEMU since 2.6), which makes the keys of files both
 * sides have differ only by the files one side lacks.
 */
void fwprobe_directory(struct fwprobe *p)
{
	uint32_t count, i;
	const char *order = "strcmp order, keys 0x0020 + index";

	if (fw_cfg_client_dir_first(p->c, &count))
		jt_fail("the file directory (key 0x19) cannot be read by DMA");
	cprintf("key 0x0019 file-dir: count %u\n", count);
	if (count > FWPROBE_MAX_FILES)
		jt_fail("the directory lists %u files, more than the probe's %u",
			count, FWPROBE_MAX_FILES);
	for (i = 0; i < count; i++) {
		struct fw_cfg_client_file *f = &p->files[i];

		if (fw_cfg_client_dir_next(p->c, f))
			jt_fail("directory entry %u cannot be read by DMA", i);
		if (f->key != FW_CFG_FILE_FIRST + i)
			order = "keys not 0x0020 + index";
		else if (i && strcmp(p->files[i - 1].name, f->name) >= 0)
			order = "names not in strcmp order";
	}
	p->nfiles = count;
	cprintf("dir order: %s\n", order);
}

const struct fw_cfg_client_file *fwprobe_find(const struct fwprobe *p,
					      const char *name)
{
	for (unsigned i = 0; i < p->nfiles; i++)
		if (!strcmp(p->files[i].name, name))
			return &p->files[i];
	return NULL;
}

/* etc/e820 entry by entry, and the RAM from 0 that the edges need. */
static void e820_entries(struct fwprobe *p, const struct fw_cfg_client_file *f)
{
	const struct e820_entry *e = (const struct e820_entry *)p->scratch;
	unsigned n = f->size / sizeof(*e);

	fw_cfg_client_read(p->c, f->key, 0, p->scratch, f->size);
	for (unsigned i = 0; i < n && i < 32; i++) {
		cprintf("file etc/e820 entry %u: 0x%llx size 0x%llx type %u\n",
			i, (unsigned long long)e[i].addr,
			(unsigned long long)e[i].size, e[i].type);
		if (e[i].type == E820_RAM && !e[i].addr)
			p->ram_end = e[i].size;
	}
}

void fwprobe_files(struct fwprobe *p)
{
	char tag[8 + FW_CFG_MAX_FILE_PATH], prefix[16];

	for (unsigned i = 0; i < p->nfiles; i++) {
		const struct fw_cfg_client_file *f = &p->files[i];

		rt_snprintf(tag, sizeof(tag), "file %s", f->name);
		rt_snprintf(prefix, sizeof(prefix), "key 0x%04x ", f->key);
		fwprobe_item(p, tag, prefix, f->key, f->size);
		if (!strcmp(f->name, "etc/e820"))
			e820_entries(p, f);
	}
}
