/* tables.c: what a directly booted guest looks for: MP, ACPI, reset vector. */
#include <stdio.h>
#include <string.h>

#include "core/layout.h"
#include "core/memory.h"
#include "dev/acpi_pm.h"
#include "loaders/loader.h"
#include "platform/acpi.h"
#include "platform/mptable.h"
#include "status.h"
#include "trace.h"

/*
 * The MP table tells a kernel without ACPI (acpi=off, or built without
 * it) how many CPUs there are and how ISA interrupts reach the IOAPIC. It
 * goes in the last KiB below 640 KiB (reserved in e820), where Linux scans
 * first, or in the BIOS area when it is too big for that.
 */
int loader_put_mptable(struct vm *vm)
{
	size_t need = mptable_size(vm->ncpus);
	uint64_t addr = need <= EBDA_END - MPTABLE_ADDR ? MPTABLE_ADDR
							: BIOS_AREA_START;
	void *p = gpa_ptr(vm, addr, need);

	if (!need || !p || mptable_write(p, need, (uint32_t)addr, vm->ncpus)) {
		fprintf(stderr,
			"jiffy: cannot write the MP table for %u vCPUs\n",
			vm->ncpus);
		return STATUS_HOST;
	}
	return 0;
}

struct acpi_config loader_acpi_config(const struct vm *vm)
{
	/* QEMU's fw_cfg device is part of every jiffy VM (vmm/devices/). */
	return (struct acpi_config){ .ncpus = vm->ncpus,
				     .pm_port = ACPI_PM_PORT,
				     .fw_cfg = true };
}

/*
 * ACPI is what kernels with ACPI prefer, and the only way some find their
 * CPUs (Debian's cloud kernel reads no MP table). The RSDP sits at the
 * start of the reserved 0xe0000 area, where OSes (and jiffy's firmware)
 * scan, and its address is also handed over in the zero page and the PVH
 * start info; the tables follow it (about 3 KiB at most, far below the
 * BIOS area at 0xf0000, where jiffy's firmware sees its ROM).
 */
int loader_put_acpi(struct vm *vm)
{
	struct acpi_config cfg = loader_acpi_config(vm);
	bool tracing = trace_enabled();
	double t0 = tracing ? trace_now_ms() : 0;
	size_t need = acpi_tables_size(&cfg);
	void *p = need && need <= BIOS_AREA_START - ACPI_RSDP_ADDR
			  ? gpa_ptr(vm, ACPI_RSDP_ADDR, need)
			  : NULL;

	if (!p || acpi_tables_write(p, need, ACPI_RSDP_ADDR, &cfg, NULL)) {
		fprintf(stderr,
			"jiffy: cannot write the ACPI tables for %u vCPUs\n",
			vm->ncpus);
		return STATUS_HOST;
	}
	if (tracing)
		trace_phasef(
			"ACPI tables at 0x%llx (%zu bytes, built in %.1f us)",
			ACPI_RSDP_ADDR, need, (trace_now_ms() - t0) * 1000);
	return 0;
}

/*
 * Code at the reset vector, for kernels that "reboot through the BIOS":
 * Linux does so by default on hardware-reduced ACPI machines (it prefers
 * EFI there, and without EFI falls back to a real-mode jump to F000:FFF0).
 * A PC would run its firmware from the start; jiffy has none, so the code
 * there asks for the reset a firmware would end in, through the ACPI reset
 * register. The bytes mean the same in 16-, 32- and 64-bit mode:
 *
 *	cli; mov dh, hi(port); mov dl, lo(port); mov al, value; out dx, al
 *	1: hlt; jmp 1b
 */
static int put_reset_vector(struct vm *vm)
{
	const uint16_t port = ACPI_PM_PORT + ACPI_PM_RESET;
	uint8_t code[] = { 0xfa, 0xb6, 0,    0xb2, 0,	0xb0,
			   0,	 0xee, 0xf4, 0xeb, 0xfd };
	uint8_t *p = gpa_ptr(vm, RESET_VECTOR_ADDR, sizeof(code));

	code[2] = (uint8_t)(port >> 8);
	code[4] = (uint8_t)port;
	code[6] = ACPI_PM_RESET_VALUE;

	_Static_assert(sizeof(code) <= HIMEM_START - RESET_VECTOR_ADDR,
		       "the reset vector has 16 bytes");
	if (!p) {
		fprintf(stderr, "jiffy: cannot write the reset vector\n");
		return STATUS_HOST;
	}
	memcpy(p, code, sizeof(code));
	return 0;
}

int loader_put_tables(struct vm *vm)
{
	int ret = loader_put_mptable(vm);

	if (!ret)
		ret = loader_put_acpi(vm);
	return ret ? ret : put_reset_vector(vm);
}
