/* mptable.h: builds the MPS 1.4 table of a VM's CPUs, ISA bus and I/O APIC. */
#ifndef PLATFORM_MPTABLE_H
#define PLATFORM_MPTABLE_H

#include <stddef.h>
#include <stdint.h>

/*
 * LAPIC ids are 8 bits, 0xff means "every LAPIC", and the I/O APIC takes the
 * id after the last CPU: 254 CPUs is the most an MP table can describe.
 * Beyond that a guest needs ACPI (x2APIC entries in the MADT).
 */
#define MPTABLE_MAX_CPUS 254

/* ISA IRQs routed to the I/O APIC pin of the same number. */
#define MPTABLE_ISA_IRQS 16

/*
 * Bytes mptable_write() needs for @ncpus CPUs (220 + 20 * ncpus); 0 if
 * @ncpus is out of range. The KiB at 0x9fc00 holds the table for up to 40
 * CPUs; for more, put it in the BIOS segment (0xf0000-0xfffff).
 */
size_t mptable_size(unsigned int ncpus);

/*
 * Write the floating pointer and, right after it, the configuration table
 * for @ncpus CPUs into @buf, which the guest will see at physical address
 * @addr (16-byte aligned; the floating pointer must lie where the guest
 * scans, e.g. 0x9fc00). The table describes:
 *   - CPUs with LAPIC ids 0..ncpus-1, all enabled, the BSP flag on id 0;
 *   - one ISA bus, id 0;
 *   - one I/O APIC, id ncpus, at 0xfec00000;
 *   - ISA IRQ i -> I/O APIC pin i for i = 0..15, bus-default polarity and
 *     trigger (KVM's default routing maps GSI i to pin i, and its PIT fires
 *     on GSI 0, so there is no IRQ0 -> pin 2 override);
 *   - LINT0 ExtINT and LINT1 NMI on every LAPIC (virtual wire mode).
 * Returns 0, -EINVAL for a CPU count out of range or a misaligned or too
 * high address, -ENOSPC if @size is smaller than mptable_size(ncpus).
 * @buf is left untouched on error.
 */
int mptable_write(void *buf, size_t size, uint32_t addr, unsigned int ncpus);

#endif
