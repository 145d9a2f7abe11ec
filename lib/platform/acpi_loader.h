/* acpi_loader.h: jiffy's ACPI tables as QEMU hands tables to firmware. */
#ifndef PLATFORM_ACPI_LOADER_H
#define PLATFORM_ACPI_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "abi/acpi.h"
#include "abi/table_loader.h"
#include "platform/acpi.h"

/* The fw_cfg files, named as QEMU names them. */
#define ACPI_LOADER_RSDP_FILE	"etc/acpi/rsdp"
#define ACPI_LOADER_TABLES_FILE "etc/acpi/tables"
/* Enough for the script acpi_loader_build writes (15 commands). */
#define ACPI_LOADER_MAX_CMDS 16

/*
 * Under firmware the guest's memory is the firmware's to lay out, so the
 * tables cannot sit at an address jiffy picks. QEMU's answer, which
 * SeaBIOS, qboot, OVMF and jiffy's firmware all follow: the tables travel
 * as fw_cfg files whose pointers are offsets inside the files, with a
 * script (etc/table-loader) telling the firmware where to put each file
 * (the RSDP where legacy scans look, the rest anywhere below 4 GiB), which
 * pointers to turn into addresses and which checksums to redo after.
 */
struct acpi_loader {
	struct acpi_rsdp rsdp; /* etc/acpi/rsdp */
	size_t tables_size;    /* bytes of etc/acpi/tables */
	struct table_loader_cmd cmds[ACPI_LOADER_MAX_CMDS];
	unsigned int ncmds; /* etc/table-loader is ncmds * 128 bytes */
};

/*
 * Write the tables acpi_tables_write() describes for @cfg into @tables
 * (at least acpi_tables_size(@cfg) bytes: etc/acpi/tables), and the RSDP
 * and the loader script into *@out. Returns 0, or acpi_tables_write's
 * -EINVAL or -ENOSPC.
 */
int acpi_loader_build(void *tables, size_t size, const struct acpi_config *cfg,
		      struct acpi_loader *out);

#endif
