/* acpi-dump.c: writes jiffy's ACPI tables for N vCPUs as files, for iasl -d. */
/*
 * acpi-dump OUTDIR NCPUS writes OUTDIR/{rsdp,rsdt,xsdt,facp,apic,dsdt}.dat,
 * the tables jiffy builds for NCPUS vCPUs at 0xe0000, and prints where each
 * one is ("facp 0xe00a0"), for tests/e2e/acpi-iasl.sh to check against the
 * disassembly.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/acpi.h"
#include "platform/acpi.h"

#define TABLE_ADDR 0xe0000u /* where jiffy puts them */
#define PM_PORT	   0x600

/* One table, its length from its header (the RSDP's from its own field). */
static int dump(const char *dir, const char *name, const uint8_t *base,
		uint64_t gpa, size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.dat", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(base + (gpa - TABLE_ADDR), 1, len, f) != len ||
	    fclose(f)) {
		fprintf(stderr, "acpi-dump: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

static size_t sdt_len(const uint8_t *base, uint64_t gpa)
{
	struct acpi_sdt_header h;

	memcpy(&h, base + (gpa - TABLE_ADDR), sizeof(h));
	return h.length;
}

int main(int argc, char **argv)
{
	struct acpi_config cfg = { .pm_port = PM_PORT, .fw_cfg = true };
	struct acpi_layout l;
	uint8_t *buf;
	size_t size;
	int ret;

	if (argc != 3 || !(cfg.ncpus = (unsigned)atoi(argv[2]))) {
		fprintf(stderr, "usage: acpi-dump OUTDIR NCPUS\n");
		return 2;
	}
	size = acpi_tables_size(&cfg);
	buf = size ? malloc(size) : NULL;
	if (!buf) {
		fprintf(stderr, "acpi-dump: no tables for %u CPUs\n",
			cfg.ncpus);
		return 1;
	}
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
	return dump(argv[1], "rsdp", buf, l.rsdp, sizeof(struct acpi_rsdp)) |
	       dump(argv[1], "rsdt", buf, l.rsdt, sdt_len(buf, l.rsdt)) |
	       dump(argv[1], "xsdt", buf, l.xsdt, sdt_len(buf, l.xsdt)) |
	       dump(argv[1], "facp", buf, l.fadt, sdt_len(buf, l.fadt)) |
	       dump(argv[1], "apic", buf, l.madt, sdt_len(buf, l.madt)) |
	       dump(argv[1], "dsdt", buf, l.dsdt, sdt_len(buf, l.dsdt));
}
