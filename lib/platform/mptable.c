/* mptable.c: the MPS 1.4 floating pointer and config table for a KVM guest. */
#include <errno.h>
#include <string.h>

#include "abi/mptable.h"
#include "abi/sum8.h"
#include "platform/mptable.h"

#define MP_ISA_BUS_ID 0

/*
 * What the processor entries claim: family 6 with FPU and APIC. Linux reads
 * only the LAPIC id, version and flags; the guest's real CPUID is what
 * counts, so a constant keeps the table independent of the host.
 */
#define MP_CPU_SIGNATURE 0x600
#define MP_CPU_FEATURES	 ((1u << 0) | (1u << 9)) /* CPUID.1:EDX FPU, APIC */

/* Two local interrupt entries: LINT0 and LINT1. */
#define MP_LOCAL_IRQS 2

static unsigned int mp_entry_count(unsigned int ncpus)
{
	return ncpus + 1 /* bus */ + 1 /* I/O APIC */ + MPTABLE_ISA_IRQS +
	       MP_LOCAL_IRQS;
}

static size_t mp_config_length(unsigned int ncpus)
{
	return sizeof(struct mp_config) + ncpus * sizeof(struct mp_cpu_entry) +
	       sizeof(struct mp_bus_entry) + sizeof(struct mp_ioapic_entry) +
	       (MPTABLE_ISA_IRQS + MP_LOCAL_IRQS) * sizeof(struct mp_irq_entry);
}

size_t mptable_size(unsigned int ncpus)
{
	if (ncpus == 0 || ncpus > MPTABLE_MAX_CPUS)
		return 0;
	return sizeof(struct mp_floating) + mp_config_length(ncpus);
}

/* Copy one entry to *@pos and advance it; entries are packed, unaligned. */
static void mp_put(uint8_t **pos, const void *entry, size_t len)
{
	memcpy(*pos, entry, len);
	*pos += len;
}

static void mp_put_irq(uint8_t **pos, uint8_t type, uint8_t irq_type,
		       uint8_t src_irq, uint8_t dst_apic_id, uint8_t dst_pin)
{
	struct mp_irq_entry e = {
		.type = type,
		.irq_type = irq_type,
		.flags = MP_IRQ_POLARITY_BUS | MP_IRQ_TRIGGER_BUS,
		.src_bus_id = MP_ISA_BUS_ID,
		.src_bus_irq = src_irq,
		.dst_apic_id = dst_apic_id,
		.dst_pin = dst_pin,
	};

	mp_put(pos, &e, sizeof(e));
}

static void mp_put_cpus(uint8_t **pos, unsigned int ncpus)
{
	unsigned int i;

	for (i = 0; i < ncpus; i++) {
		struct mp_cpu_entry cpu = {
			.type = MP_ENTRY_CPU,
			.lapic_id = (uint8_t)i,
			.lapic_version = MP_APIC_VERSION,
			.flags = MP_CPU_ENABLED | (i == 0 ? MP_CPU_BSP : 0),
			.signature = MP_CPU_SIGNATURE,
			.feature_flags = MP_CPU_FEATURES,
		};
		mp_put(pos, &cpu, sizeof(cpu));
	}
}

static void mp_put_isa(uint8_t **pos, uint8_t ioapic_id)
{
	struct mp_bus_entry bus = { .type = MP_ENTRY_BUS,
				    .bus_id = MP_ISA_BUS_ID };
	struct mp_ioapic_entry ioapic = {
		.type = MP_ENTRY_IOAPIC,
		.ioapic_id = ioapic_id,
		.ioapic_version = MP_APIC_VERSION,
		.flags = MP_IOAPIC_USABLE,
		.addr = MP_IOAPIC_DEFAULT_ADDR,
	};
	unsigned int i;

	memcpy(bus.bus_type, MP_BUS_TYPE_ISA, sizeof(bus.bus_type));
	mp_put(pos, &bus, sizeof(bus));
	mp_put(pos, &ioapic, sizeof(ioapic));
	for (i = 0; i < MPTABLE_ISA_IRQS; i++)
		mp_put_irq(pos, MP_ENTRY_IOINT, MP_IRQ_INT, (uint8_t)i,
			   ioapic_id, (uint8_t)i);
	/*
	 * Virtual wire mode: the PIC's output reaches the LAPICs on LINT0 and
	 * NMIs on LINT1, as in the MP specification's default configurations.
	 */
	mp_put_irq(pos, MP_ENTRY_LOCALINT, MP_IRQ_EXTINT, 0, MP_APIC_ID_ALL, 0);
	mp_put_irq(pos, MP_ENTRY_LOCALINT, MP_IRQ_NMI, 0, MP_APIC_ID_ALL, 1);
}

/* The configuration table header, its checksum covering the entries. */
static void mp_put_config(uint8_t *config, unsigned int ncpus)
{
	struct mp_config hdr = {
		.length = (uint16_t)mp_config_length(ncpus),
		.spec_rev = MP_SPEC_REV_1_4,
		.entry_count = (uint16_t)mp_entry_count(ncpus),
		.lapic_addr = MP_LAPIC_DEFAULT_ADDR,
	};

	memcpy(hdr.signature, MP_CONFIG_SIGNATURE, sizeof(hdr.signature));
	memcpy(hdr.oem_id, "JIFFY   ", sizeof(hdr.oem_id));
	memcpy(hdr.product_id, "KVM GUEST   ", sizeof(hdr.product_id));
	memcpy(config, &hdr, sizeof(hdr));
	config[offsetof(struct mp_config, checksum)] =
		abi_checksum8(config, hdr.length);
}

int mptable_write(void *buf, size_t size, uint32_t addr, unsigned int ncpus)
{
	size_t need = mptable_size(ncpus);
	struct mp_floating fp = {
		.config_addr = addr + (uint32_t)sizeof(struct mp_floating),
		.length = 1,
		.spec_rev = MP_SPEC_REV_1_4,
		.feature2 = 0, /* no IMCR: virtual wire mode from reset */
	};
	uint8_t *config = (uint8_t *)buf + sizeof(fp);
	uint8_t *pos = config + sizeof(struct mp_config);

	if (need == 0 || (addr & 15) || (uint64_t)addr + need > (1ull << 32))
		return -EINVAL;
	if (size < need)
		return -ENOSPC;

	mp_put_cpus(&pos, ncpus);
	mp_put_isa(&pos, (uint8_t)ncpus);
	mp_put_config(config, ncpus);

	memcpy(fp.signature, MP_FLOATING_SIGNATURE, sizeof(fp.signature));
	fp.checksum = abi_checksum8((const uint8_t *)&fp, sizeof(fp));
	memcpy(buf, &fp, sizeof(fp));
	return 0;
}
