/* acpi.h: builds hardware-reduced ACPI tables, RSDP to DSDT, for a KVM VM. */
#ifndef PLATFORM_ACPI_H
#define PLATFORM_ACPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "platform/aml.h"

/*
 * Processors are described by xAPIC entries, whose 8-bit APIC id cannot
 * be 0xff: 255 CPUs (ids 0-254) is the most without x2APIC entries.
 */
#define ACPI_MAX_CPUS	   255
#define ACPI_MAX_OVERRIDES 16

/* An interrupt source override: ISA IRQ @isa_irq is wired to GSI @gsi. */
struct acpi_irq_override {
	uint8_t isa_irq;
	uint32_t gsi;
	uint16_t flags; /* ACPI_MADT_POLARITY_* | ACPI_MADT_TRIGGER_* */
};

struct acpi_config {
	unsigned int ncpus; /* 1..ACPI_MAX_CPUS: APIC ids 0..ncpus-1 */
	/*
	 * First port of the sleep control, sleep status and reset registers
	 * (dev/acpi_pm.h): the FADT points there and \_S5 says what soft-off
	 * is. Must not be 0.
	 */
	uint16_t pm_port;
	/* Describe QEMU's fw_cfg device (ports 0x510-0x51b, with DMA). */
	bool fw_cfg;
	/* ISA IRQs not wired to the IOAPIC pin of their number. */
	const struct acpi_irq_override *overrides;
	unsigned int noverrides; /* at most ACPI_MAX_OVERRIDES */
};

/* Where each table went: guest-physical addresses. */
struct acpi_layout {
	uint64_t rsdp, rsdt, xsdt, fadt, madt, dsdt;
	size_t size; /* bytes used from the start of the buffer */
};

/*
 * Bytes acpi_tables_write() needs for @cfg (about 0.5 KiB + 8 per CPU);
 * 0 if @cfg is invalid.
 */
size_t acpi_tables_size(const struct acpi_config *cfg);

/*
 * Write the RSDP and, after it, the RSDT, XSDT, FADT, MADT and DSDT into
 * @buf, which the guest sees at physical address @addr (16-byte aligned,
 * everything below 4 GiB, so the RSDT can point too). The RSDP is at
 * @addr itself: put it where OSes scan (0xe0000-0xfffff) or hand @addr
 * over in the boot protocol. The tables describe:
 *   - FADT: hardware-reduced ACPI 6.3; reset, sleep control and sleep
 *     status registers at cfg->pm_port; the i8042 and legacy ISA devices
 *     present, no VGA; the CMOS century byte at 0x32;
 *   - MADT: a LAPIC per CPU (APIC id = processor UID = index, enabled),
 *     the IOAPIC at 0xfec00000 (id 0, GSI base 0), cfg->overrides, NMI on
 *     LINT1 of every LAPIC;
 *   - DSDT: \_S5, and under \_SB COM1, the i8042 keyboard and mouse
 *     ports, the RTC and, with cfg->fw_cfg, fw_cfg as QEMU describes it.
 * Returns 0 and fills *@out if not NULL; -EINVAL for a bad @cfg or
 * address, -ENOSPC if @size is smaller than acpi_tables_size(). Nothing
 * is promised about @buf's contents on error.
 */
int acpi_tables_write(void *buf, size_t size, uint64_t addr,
		      const struct acpi_config *cfg, struct acpi_layout *out);

/*
 * The DSDT's AML (the definition block's body, without the header) into
 * the writer @a. Exposed for tests; acpi_tables_write() calls it.
 */
void acpi_dsdt_body(struct aml *a, const struct acpi_config *cfg);

#endif
