/* acpi.c: RSDP, RSDT, XSDT, FADT and MADT around the DSDT, with checksums. */
#include "platform/acpi.h"

#include <errno.h>
#include <string.h>

#include "abi/acpi.h"
#include "abi/sum8.h"
#include "dev/acpi_pm.h"

#define ACPI_OEM_ID	      "JIFFY "
#define ACPI_OEM_TABLE_ID     "JIFFYVM "
#define ACPI_OEM_REVISION     1
#define ACPI_CREATOR_ID	      "JIFY"
#define ACPI_CREATOR_REVISION 1
#define ACPI_HYPERVISOR_ID    "JIFFYKVM"

#define ACPI_LAPIC_ADDR	 0xfee00000u
#define ACPI_IOAPIC_ADDR 0xfec00000u
/* KVM's in-kernel IOAPIC resets its id register to 0. */
#define ACPI_IOAPIC_ID 0
/* The CMOS index of the century byte (dev/cmos.c keeps it there). */
#define ACPI_CMOS_CENTURY 0x32

/* Tables start 16-byte aligned: easy to find in a hex dump, never split. */
#define ACPI_ALIGN   16
#define ACPI_NTABLES 2 /* listed in the RSDT and XSDT: FADT, MADT */

static size_t acpi_align(size_t n)
{
	return (n + ACPI_ALIGN - 1) & ~(size_t)(ACPI_ALIGN - 1);
}

static bool acpi_config_ok(const struct acpi_config *cfg)
{
	unsigned int i;

	if (!cfg || cfg->ncpus < 1 || cfg->ncpus > ACPI_MAX_CPUS ||
	    !cfg->pm_port || cfg->pm_port > 0xffff - (ACPI_PM_SIZE - 1) ||
	    cfg->noverrides > ACPI_MAX_OVERRIDES ||
	    (cfg->noverrides && !cfg->overrides))
		return false;
	for (i = 0; i < cfg->noverrides; i++)
		if (cfg->overrides[i].isa_irq >= 16)
			return false;
	return true;
}

static size_t acpi_madt_size(const struct acpi_config *cfg)
{
	return sizeof(struct acpi_madt) +
	       cfg->ncpus * sizeof(struct acpi_madt_lapic) +
	       sizeof(struct acpi_madt_ioapic) +
	       cfg->noverrides * sizeof(struct acpi_madt_iso) +
	       sizeof(struct acpi_madt_lapic_nmi);
}

/* The DSDT's size: its header and the body measured by a dry run. */
static size_t acpi_dsdt_size(const struct acpi_config *cfg)
{
	struct aml a;

	aml_init(&a, NULL, 0);
	acpi_dsdt_body(&a, cfg);
	if (a.err == -EINVAL)
		return 0;
	return sizeof(struct acpi_sdt_header) + a.len;
}

/* Offsets of each table from the RSDP, in the order they are written. */
struct acpi_offsets {
	size_t rsdt, xsdt, fadt, madt, dsdt, end;
};

static bool acpi_offsets(const struct acpi_config *cfg, struct acpi_offsets *o)
{
	size_t dsdt = acpi_config_ok(cfg) ? acpi_dsdt_size(cfg) : 0;

	if (!dsdt)
		return false;
	o->rsdt = acpi_align(sizeof(struct acpi_rsdp));
	o->xsdt = acpi_align(o->rsdt + sizeof(struct acpi_sdt_header) +
			     ACPI_NTABLES * sizeof(uint32_t));
	o->fadt = acpi_align(o->xsdt + sizeof(struct acpi_sdt_header) +
			     ACPI_NTABLES * sizeof(uint64_t));
	o->madt = acpi_align(o->fadt + sizeof(struct acpi_fadt));
	o->dsdt = acpi_align(o->madt + acpi_madt_size(cfg));
	o->end = o->dsdt + dsdt;
	return true;
}

size_t acpi_tables_size(const struct acpi_config *cfg)
{
	struct acpi_offsets o;

	return acpi_offsets(cfg, &o) ? o.end : 0;
}

static void acpi_header(void *table, const char *sig, uint32_t length,
			uint8_t revision)
{
	struct acpi_sdt_header h = {
		.length = length,
		.revision = revision,
		.oem_revision = ACPI_OEM_REVISION,
		.creator_revision = ACPI_CREATOR_REVISION,
	};

	memcpy(h.signature, sig, sizeof(h.signature));
	memcpy(h.oem_id, ACPI_OEM_ID, sizeof(h.oem_id));
	memcpy(h.oem_table_id, ACPI_OEM_TABLE_ID, sizeof(h.oem_table_id));
	memcpy(h.creator_id, ACPI_CREATOR_ID, sizeof(h.creator_id));
	memcpy(table, &h, sizeof(h));
}

/* Fill in the checksum of the table at @table whose header is complete. */
static void acpi_seal(void *table)
{
	struct acpi_sdt_header *h = table;
	uint32_t len;

	memcpy(&len, &h->length, sizeof(len));
	h->checksum = 0;
	h->checksum = abi_checksum8(table, len);
}

static void acpi_put_rsdp(uint8_t *buf, uint64_t addr,
			  const struct acpi_offsets *o)
{
	struct acpi_rsdp r = {
		.revision = ACPI_RSDP_REVISION,
		.rsdt_addr = (uint32_t)(addr + o->rsdt),
		.length = sizeof(struct acpi_rsdp),
		.xsdt_addr = addr + o->xsdt,
	};

	memcpy(r.signature, ACPI_RSDP_SIGNATURE, sizeof(r.signature));
	memcpy(r.oem_id, ACPI_OEM_ID, sizeof(r.oem_id));
	/* ACPI 1.0 readers sum the first 20 bytes, later ones all 36. */
	r.checksum = abi_checksum8(&r, 20);
	r.ext_checksum = abi_checksum8(&r, sizeof(r));
	memcpy(buf, &r, sizeof(r));
}

/* The RSDT and the XSDT list the same tables: FADT, then MADT. */
static void acpi_put_sdts(uint8_t *buf, uint64_t addr,
			  const struct acpi_offsets *o)
{
	const uint64_t tables[ACPI_NTABLES] = { addr + o->fadt,
						addr + o->madt };
	uint8_t *rsdt = buf + o->rsdt, *xsdt = buf + o->xsdt;
	size_t hdr = sizeof(struct acpi_sdt_header), i;

	acpi_header(rsdt, ACPI_RSDT_SIGNATURE,
		    (uint32_t)(hdr + ACPI_NTABLES * sizeof(uint32_t)),
		    ACPI_RSDT_REVISION);
	acpi_header(xsdt, ACPI_XSDT_SIGNATURE,
		    (uint32_t)(hdr + ACPI_NTABLES * sizeof(uint64_t)),
		    ACPI_XSDT_REVISION);
	for (i = 0; i < ACPI_NTABLES; i++) {
		uint32_t a32 = (uint32_t)tables[i];

		memcpy(rsdt + hdr + i * sizeof(a32), &a32, sizeof(a32));
		memcpy(xsdt + hdr + i * sizeof(tables[i]), &tables[i],
		       sizeof(tables[i]));
	}
	acpi_seal(rsdt);
	acpi_seal(xsdt);
}

static struct acpi_gas acpi_io_reg(uint16_t port)
{
	return (struct acpi_gas){ .space_id = ACPI_GAS_IO,
				  .bit_width = 8,
				  .access_size = ACPI_GAS_ACCESS_BYTE,
				  .address = port };
}

/*
 * Hardware-reduced: no PM1 or GPE blocks, no SCI, no FACS; power-off and
 * reset go through the sleep control and reset registers. The boot flags
 * still announce the i8042 and legacy devices (else Linux skips probing the
 * keyboard controller) but no VGA. No fixed power or sleep button: Linux
 * would otherwise create button devices with nothing behind them.
 */
static void acpi_put_fadt(uint8_t *buf, uint64_t addr,
			  const struct acpi_offsets *o,
			  const struct acpi_config *cfg)
{
	struct acpi_fadt f = {
		.dsdt = (uint32_t)(addr + o->dsdt),
		.century = ACPI_CMOS_CENTURY,
		.iapc_boot_arch = ACPI_IAPC_LEGACY_DEVICES | ACPI_IAPC_8042 |
				  ACPI_IAPC_NO_VGA,
		.flags = ACPI_FADT_HW_REDUCED_ACPI | ACPI_FADT_RESET_REG_SUP |
			 ACPI_FADT_PWR_BUTTON | ACPI_FADT_SLP_BUTTON,
		.reset_reg = acpi_io_reg(cfg->pm_port + ACPI_PM_RESET),
		.reset_value = ACPI_PM_RESET_VALUE,
		.minor_version = ACPI_FADT_MINOR,
		/* The same DSDT in both fields: ACPICA warns if they differ. */
		.x_dsdt = addr + o->dsdt,
		.sleep_control_reg =
			acpi_io_reg(cfg->pm_port + ACPI_PM_SLEEP_CONTROL),
		.sleep_status_reg =
			acpi_io_reg(cfg->pm_port + ACPI_PM_SLEEP_STATUS),
	};
	uint8_t *t = buf + o->fadt;

	memcpy(f.hypervisor_vendor_id, ACPI_HYPERVISOR_ID,
	       sizeof(f.hypervisor_vendor_id));
	memcpy(t, &f, sizeof(f));
	acpi_header(t, ACPI_FADT_SIGNATURE, sizeof(f), ACPI_FADT_REVISION);
	acpi_seal(t);
}

static void acpi_put(uint8_t **pos, const void *entry, size_t len)
{
	memcpy(*pos, entry, len);
	*pos += len;
}

static void acpi_put_madt(uint8_t *buf, const struct acpi_offsets *o,
			  const struct acpi_config *cfg)
{
	uint8_t *t = buf + o->madt, *pos = t + sizeof(struct acpi_madt);
	struct acpi_madt m = { .lapic_addr = ACPI_LAPIC_ADDR,
			       /* KVM's irqchip has the two 8259s too. */
			       .flags = ACPI_MADT_PCAT_COMPAT };
	struct acpi_madt_ioapic io = { .type = ACPI_MADT_IOAPIC,
				       .length = sizeof(io),
				       .ioapic_id = ACPI_IOAPIC_ID,
				       .addr = ACPI_IOAPIC_ADDR,
				       .gsi_base = 0 };
	/* NMIs arrive on LINT1, as the MP table and virtual wire mode say. */
	struct acpi_madt_lapic_nmi nmi = { .type = ACPI_MADT_LAPIC_NMI,
					   .length = sizeof(nmi),
					   .processor_uid = ACPI_MADT_UID_ALL,
					   .flags = 0,
					   .lint = 1 };
	unsigned int i;

	memcpy(t, &m, sizeof(m));
	for (i = 0; i < cfg->ncpus; i++) {
		struct acpi_madt_lapic l = { .type = ACPI_MADT_LAPIC,
					     .length = sizeof(l),
					     .processor_uid = (uint8_t)i,
					     .apic_id = (uint8_t)i,
					     .flags = ACPI_MADT_LAPIC_ENABLED };

		acpi_put(&pos, &l, sizeof(l));
	}
	acpi_put(&pos, &io, sizeof(io));
	for (i = 0; i < cfg->noverrides; i++) {
		const struct acpi_irq_override *ov = &cfg->overrides[i];
		struct acpi_madt_iso iso = { .type = ACPI_MADT_ISO,
					     .length = sizeof(iso),
					     .bus = 0,
					     .source = ov->isa_irq,
					     .gsi = ov->gsi,
					     .flags = ov->flags };

		acpi_put(&pos, &iso, sizeof(iso));
	}
	acpi_put(&pos, &nmi, sizeof(nmi));
	acpi_header(t, ACPI_MADT_SIGNATURE, (uint32_t)(pos - t),
		    ACPI_MADT_REVISION);
	acpi_seal(t);
}

static int acpi_put_dsdt(uint8_t *buf, const struct acpi_offsets *o,
			 const struct acpi_config *cfg)
{
	uint8_t *t = buf + o->dsdt;
	size_t hdr = sizeof(struct acpi_sdt_header);
	struct aml a;

	aml_init(&a, t + hdr, o->end - o->dsdt - hdr);
	acpi_dsdt_body(&a, cfg);
	if (a.err)
		return a.err;
	acpi_header(t, ACPI_DSDT_SIGNATURE, (uint32_t)(hdr + a.len),
		    ACPI_DSDT_REVISION);
	acpi_seal(t);
	return 0;
}

int acpi_tables_write(void *buf, size_t size, uint64_t addr,
		      const struct acpi_config *cfg, struct acpi_layout *out)
{
	struct acpi_offsets o;
	int ret;

	if (!acpi_offsets(cfg, &o) || (addr & (ACPI_ALIGN - 1)) ||
	    addr > (1ull << 32) - o.end)
		return -EINVAL;
	if (!buf || size < o.end)
		return -ENOSPC;
	/* Padding between tables reads as zeros, not stale bytes. */
	memset(buf, 0, o.end);
	ret = acpi_put_dsdt(buf, &o, cfg);
	if (ret)
		return ret;
	acpi_put_madt(buf, &o, cfg);
	acpi_put_fadt(buf, addr, &o, cfg);
	acpi_put_sdts(buf, addr, &o);
	acpi_put_rsdp(buf, addr, &o);
	if (out)
		*out = (struct acpi_layout){ .rsdp = addr,
					     .rsdt = addr + o.rsdt,
					     .xsdt = addr + o.xsdt,
					     .fadt = addr + o.fadt,
					     .madt = addr + o.madt,
					     .dsdt = addr + o.dsdt,
					     .size = o.end };
	return 0;
}
