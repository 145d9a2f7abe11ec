/* acpi-dump.c: jiffy's ACPI tables as files: for iasl -d, or as firmware gets them. */
/*
 * acpi-dump OUTDIR NCPUS writes OUTDIR/{rsdp,rsdt,xsdt,facp,apic,dsdt}.dat,
 * the tables jiffy builds for NCPUS vCPUs at 0xe0000, and prints where each
 * one is ("facp 0xe00a0"), for tests/e2e/acpi-iasl.sh to check against the
 * disassembly; and OUTDIR/all.dat, all of them as jiffy writes them at
 * 0xe0000 (direct boot, --firmware), for bench/fw-insns.sh to have QEMU
 * load there.
 *
 * acpi-dump --loader OUTDIR NCPUS writes OUTDIR/{tables,rsdp,table-loader},
 * what jiffy's fw_cfg holds under --bios (etc/acpi/tables, etc/acpi/rsdp,
 * etc/table-loader), for bench/fw-insns.sh to hand QEMU.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/acpi.h"
#include "platform/acpi.h"
#include "platform/acpi_loader.h"

#define TABLE_ADDR 0xe0000u /* where jiffy puts them */
#define PM_PORT	   0x600

static int write_file(const char *dir, const char *name, const void *data,
		      size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		fprintf(stderr, "acpi-dump: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

/* One table, its length from its header (the RSDP's from its own field). */
static int dump(const char *dir, const char *name, const uint8_t *base,
		uint64_t gpa, size_t len)
{
	char file[64];

	snprintf(file, sizeof(file), "%s.dat", name);
	return write_file(dir, file, base + (gpa - TABLE_ADDR), len);
}

static size_t sdt_len(const uint8_t *base, uint64_t gpa)
{
	struct acpi_sdt_header h;

	memcpy(&h, base + (gpa - TABLE_ADDR), sizeof(h));
	return h.length;
}

static int dump_loader(const char *dir, const struct acpi_config *cfg,
		       uint8_t *buf, size_t size)
{
	struct acpi_loader l;
	int ret = acpi_loader_build(buf, size, cfg, &l);

	if (ret) {
		fprintf(stderr, "acpi-dump: %s\n", strerror(-ret));
		return 1;
	}
	return write_file(dir, "tables", buf, l.tables_size) |
	       write_file(dir, "rsdp", &l.rsdp, sizeof(l.rsdp)) |
	       write_file(dir, "table-loader", l.cmds,
			  l.ncmds * sizeof(l.cmds[0]));
}

int main(int argc, char **argv)
{
	struct acpi_config cfg = { .pm_port = PM_PORT, .fw_cfg = true };
	int loader = argc > 1 && !strcmp(argv[1], "--loader");
	struct acpi_layout l;
	uint8_t *buf;
	size_t size;
	int ret;

	argv += loader;
	argc -= loader;
	if (argc != 3 || !(cfg.ncpus = (unsigned)atoi(argv[2]))) {
		fprintf(stderr, "usage: acpi-dump [--loader] OUTDIR NCPUS\n");
		return 2;
	}
	size = acpi_tables_size(&cfg);
	buf = size ? malloc(size) : NULL;
	if (!buf) {
		fprintf(stderr, "acpi-dump: no tables for %u CPUs\n",
			cfg.ncpus);
		return 1;
	}
	if (loader)
		return dump_loader(argv[1], &cfg, buf, size);
	ret = acpi_tables_write(buf, size, TABLE_ADDR, &cfg, &l);
	if (ret) {
		fprintf(stderr, "acpi-dump: %s\n", strerror(-ret));
		return 1;
	}
	printf("rsdp 0x%llx\nrsdt 0x%llx\nxsdt 0x%llx\nfacp 0x%llx\n"
	       "apic 0x%llx\ndsdt 0x%llx\n",
	       (unsigned long long)l.rsdp, (unsigned long long)l.rsdt,
	       (unsigned long long)l.xsdt, (unsigned long long)l.fadt,
	       (unsigned long long)l.madt, (unsigned long long)l.dsdt);
	return write_file(argv[1], "all.dat", buf, size) |
	       dump(argv[1], "rsdp", buf, l.rsdp, sizeof(struct acpi_rsdp)) |
	       dump(argv[1], "rsdt", buf, l.rsdt, sdt_len(buf, l.rsdt)) |
	       dump(argv[1], "xsdt", buf, l.xsdt, sdt_len(buf, l.xsdt)) |
	       dump(argv[1], "facp", buf, l.fadt, sdt_len(buf, l.fadt)) |
	       dump(argv[1], "apic", buf, l.madt, sdt_len(buf, l.madt)) |
	       dump(argv[1], "dsdt", buf, l.dsdt, sdt_len(buf, l.dsdt));
}
