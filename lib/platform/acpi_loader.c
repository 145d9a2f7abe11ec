/* acpi_loader.c: the ACPI tables as fw_cfg files and a table-loader script. */
#include "platform/acpi_loader.h"

#include <stddef.h>
#include <string.h>

static struct table_loader_cmd *cmd(struct acpi_loader *l, uint32_t command)
{
	struct table_loader_cmd *c = &l->cmds[l->ncmds++];

	memset(c, 0, sizeof(*c));
	c->command = command;
	return c;
}

static void allocate(struct acpi_loader *l, const char *file, uint32_t align,
		     uint8_t zone)
{
	struct table_loader_cmd *c = cmd(l, TABLE_LOADER_ALLOCATE);

	strcpy(c->alloc.file, file);
	c->alloc.align = align;
	c->alloc.zone = zone;
}

/* The @size-byte field at @offset in @dest holds an offset in the tables. */
static void add_pointer(struct acpi_loader *l, const char *dest,
			uint32_t offset, uint8_t size)
{
	struct table_loader_cmd *c = cmd(l, TABLE_LOADER_ADD_POINTER);

	strcpy(c->pointer.dest_file, dest);
	strcpy(c->pointer.src_file, ACPI_LOADER_TABLES_FILE);
	c->pointer.offset = offset;
	c->pointer.size = size;
}

/*
 * The byte at @offset makes [@start, @start + @length) sum to 0 again.
 * Firmware subtracts the range's sum from it, so a checksum that was
 * right before the pointers moved comes out right after.
 */
static void add_checksum(struct acpi_loader *l, const char *file,
			 uint32_t offset, uint32_t start, uint32_t length)
{
	struct table_loader_cmd *c = cmd(l, TABLE_LOADER_ADD_CHECKSUM);

	strcpy(c->cksum.file, file);
	c->cksum.offset = offset;
	c->cksum.start = start;
	c->cksum.length = length;
}

static uint32_t table_length(const uint8_t *tables, uint32_t at)
{
	uint32_t len;

	memcpy(&len, tables + at + offsetof(struct acpi_sdt_header, length),
	       sizeof(len));
	return len;
}

/* An RSDT's or XSDT's entries, each an offset in the tables, and its sum. */
static void sdt_pointers(struct acpi_loader *l, const uint8_t *tables,
			 uint32_t at, uint8_t entry_size)
{
	const char *f = ACPI_LOADER_TABLES_FILE;
	uint32_t len = table_length(tables, at), off;

	for (off = sizeof(struct acpi_sdt_header); off < len; off += entry_size)
		add_pointer(l, f, at + off, entry_size);
	add_checksum(l, f, at + offsetof(struct acpi_sdt_header, checksum), at,
		     len);
}

int acpi_loader_build(void *tables, size_t size, const struct acpi_config *cfg,
		      struct acpi_loader *out)
{
	const char *f = ACPI_LOADER_TABLES_FILE, *r = ACPI_LOADER_RSDP_FILE;
	struct acpi_layout at;
	/* Written at address 0, every pointer is an offset in @tables. */
	int ret = acpi_tables_write(tables, size, 0, cfg, &at);
	uint32_t fadt = (uint32_t)at.fadt;

	if (ret)
		return ret;
	memset(out, 0, sizeof(*out));
	memcpy(&out->rsdp, tables, sizeof(out->rsdp));
	/* The RSDP travels in its own file: none is left in the tables for
	 * a scan to find before the firmware's copy. */
	memset(tables, 0, sizeof(out->rsdp));
	out->tables_size = at.size;

	/* QEMU's zones and alignments for the same two files. */
	allocate(out, r, 16, TABLE_LOADER_ZONE_FSEG);
	allocate(out, f, 64, TABLE_LOADER_ZONE_HIGH);
	sdt_pointers(out, tables, (uint32_t)at.rsdt, sizeof(uint32_t));
	sdt_pointers(out, tables, (uint32_t)at.xsdt, sizeof(uint64_t));
	add_pointer(out, f, fadt + offsetof(struct acpi_fadt, dsdt), 4);
	add_pointer(out, f, fadt + offsetof(struct acpi_fadt, x_dsdt), 8);
	add_checksum(out, f, fadt + offsetof(struct acpi_sdt_header, checksum),
		     fadt, table_length(tables, fadt));
	add_pointer(out, r, offsetof(struct acpi_rsdp, rsdt_addr), 4);
	add_pointer(out, r, offsetof(struct acpi_rsdp, xsdt_addr), 8);
	/* The first 20 bytes first: the extended sum covers that checksum. */
	add_checksum(out, r, offsetof(struct acpi_rsdp, checksum), 0, 20);
	add_checksum(out, r, offsetof(struct acpi_rsdp, ext_checksum), 0,
		     sizeof(struct acpi_rsdp));
	return 0;
}
