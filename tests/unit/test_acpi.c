/* test_acpi.c: the ACPI tables, found and read back as an OS does. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "abi/acpi.h"
#include "abi/sum8.h"
#include "dev/acpi_pm.h"
#include "platform/acpi.h"

/* A guest's first MiB, the tables where jiffy puts them. */
#define LOW_MEM	  0x100000u
#define TABLE_GPA 0xe0000u
#define PM_PORT	  0x600

static uint8_t mem[LOW_MEM];

static const void *at(uint64_t gpa, size_t len)
{
	assert_true(gpa + len <= LOW_MEM);
	return mem + gpa;
}

/* A table by address: its signature, length bounds and checksum. */
static const struct acpi_sdt_header *table(uint64_t gpa, const char *sig)
{
	const struct acpi_sdt_header *h = at(gpa, sizeof(*h));

	assert_memory_equal(h->signature, sig, 4);
	assert_true(h->length >= sizeof(*h));
	at(gpa, h->length);
	assert_int_equal(abi_sum8(h, h->length), 0);
	assert_memory_equal(h->oem_id, "JIFFY ", 6);
	return h;
}

/*
 * The legacy search: 16-byte boundaries from 0xe0000 to 0xfffff, the
 * signature, then the ACPI 1.0 checksum and, for revision 2, the extended
 * one over the structure's length.
 */
static const struct acpi_rsdp *scan_rsdp(void)
{
	uint32_t off;

	for (off = 0xe0000; off < LOW_MEM; off += 16) {
		const struct acpi_rsdp *r = (const void *)(mem + off);

		if (memcmp(r->signature, ACPI_RSDP_SIGNATURE, 8) ||
		    abi_sum8(r, 20) != 0)
			continue;
		if (r->revision >= 2 && abi_sum8(r, r->length) != 0)
			continue;
		return r;
	}
	return NULL;
}

static struct acpi_config config(unsigned int ncpus)
{
	return (struct acpi_config){ .ncpus = ncpus,
				     .pm_port = PM_PORT,
				     .fw_cfg = true };
}

static struct acpi_layout build(const struct acpi_config *cfg)
{
	size_t need = acpi_tables_size(cfg);
	struct acpi_layout l;

	memset(mem, 0, sizeof(mem));
	assert_true(need > 0 && need <= 0x10000);
	assert_int_equal(
		acpi_tables_write(mem + TABLE_GPA, need, TABLE_GPA, cfg, &l),
		0);
	assert_int_equal(l.size, need);
	return l;
}

static void rsdp_is_found_and_checks_out(void **state)
{
	struct acpi_config cfg = config(4);
	struct acpi_layout l = build(&cfg);
	const struct acpi_rsdp *r = scan_rsdp();

	assert_non_null(r);
	assert_ptr_equal(r, mem + TABLE_GPA);
	assert_int_equal(l.rsdp, TABLE_GPA);
	assert_int_equal(r->revision, 2);
	assert_int_equal(r->length, sizeof(*r));
	assert_memory_equal(r->oem_id, "JIFFY ", 6);
	assert_int_equal(r->rsdt_addr, l.rsdt);
	assert_int_equal(r->xsdt_addr, l.xsdt);
	assert_int_equal(abi_sum8(r, 20), 0);
	assert_int_equal(abi_sum8(r, 36), 0);
}

/* The RSDT (32-bit) and XSDT (64-bit) list the FADT and the MADT. */
static void rsdt_and_xsdt_list_fadt_and_madt(void **state)
{
	struct acpi_config cfg = config(1);
	struct acpi_layout l = build(&cfg);
	const struct acpi_sdt_header *rsdt = table(l.rsdt, "RSDT");
	const struct acpi_sdt_header *xsdt = table(l.xsdt, "XSDT");
	uint32_t r[2];
	uint64_t x[2];

	assert_int_equal(rsdt->length, 36 + 2 * 4);
	assert_int_equal(xsdt->length, 36 + 2 * 8);
	assert_int_equal(rsdt->revision, 1);
	assert_int_equal(xsdt->revision, 1);
	memcpy(r, (const uint8_t *)rsdt + 36, sizeof(r));
	memcpy(x, (const uint8_t *)xsdt + 36, sizeof(x));
	assert_int_equal(r[0], l.fadt);
	assert_int_equal(r[1], l.madt);
	assert_int_equal(x[0], l.fadt);
	assert_int_equal(x[1], l.madt);
	table(l.fadt, "FACP");
	table(l.madt, "APIC");
}

static void assert_io_reg(const struct acpi_gas *g, uint64_t port)
{
	assert_int_equal(g->space_id, ACPI_GAS_IO);
	assert_int_equal(g->bit_width, 8);
	assert_int_equal(g->bit_offset, 0);
	assert_int_equal(g->access_size, ACPI_GAS_ACCESS_BYTE);
	assert_int_equal(g->address, port);
}

static bool gas_empty(const struct acpi_gas *g)
{
	static const struct acpi_gas zero;

	return !memcmp(g, &zero, sizeof(zero));
}

static void fadt_is_hardware_reduced(void **state)
{
	struct acpi_config cfg = config(2);
	struct acpi_layout l = build(&cfg);
	const struct acpi_fadt *f = (const void *)table(l.fadt, "FACP");
	static const uint8_t zero[108 - 48];

	assert_int_equal(f->header.length, 276);
	assert_int_equal(f->header.revision, 6);
	assert_int_equal(f->minor_version, 3);
	assert_int_equal(f->flags,
			 ACPI_FADT_HW_REDUCED_ACPI | ACPI_FADT_RESET_REG_SUP |
				 ACPI_FADT_PWR_BUTTON | ACPI_FADT_SLP_BUTTON);
	/* Linux probes the i8042 and the CMOS RTC only if told so. */
	assert_int_equal(f->iapc_boot_arch, ACPI_IAPC_LEGACY_DEVICES |
						    ACPI_IAPC_8042 |
						    ACPI_IAPC_NO_VGA);
	assert_int_equal(f->century, 0x32);
	assert_int_equal(f->dsdt, l.dsdt);
	assert_int_equal(f->x_dsdt, l.dsdt);
	assert_int_equal(f->firmware_ctrl, 0);
	assert_int_equal(f->x_firmware_ctrl, 0);
	/* No SCI; nothing from the SMI command to the alarm fields. */
	assert_int_equal(f->sci_int, 0);
	assert_memory_equal((const uint8_t *)f + 48, zero, sizeof(zero));
	assert_true(gas_empty(&f->x_pm1a_evt_blk));
	assert_true(gas_empty(&f->x_pm1a_cnt_blk));
	assert_true(gas_empty(&f->x_pm_tmr_blk));
	assert_true(gas_empty(&f->x_gpe0_blk));
	assert_io_reg(&f->reset_reg, PM_PORT + ACPI_PM_RESET);
	assert_int_equal(f->reset_value, ACPI_PM_RESET_VALUE);
	assert_io_reg(&f->sleep_control_reg, PM_PORT + ACPI_PM_SLEEP_CONTROL);
	assert_io_reg(&f->sleep_status_reg, PM_PORT + ACPI_PM_SLEEP_STATUS);
	assert_memory_equal(f->hypervisor_vendor_id, "JIFFYKVM", 8);
}

/* What a MADT walk finds. */
struct madt_seen {
	unsigned int lapics, ioapics, isos, nmis, others;
	struct acpi_madt_lapic lapic[ACPI_MAX_CPUS];
	struct acpi_madt_ioapic ioapic;
	struct acpi_madt_iso iso[ACPI_MAX_OVERRIDES];
	struct acpi_madt_lapic_nmi nmi;
};

static void walk_madt(const struct acpi_madt *m, struct madt_seen *s)
{
	const uint8_t *p = (const uint8_t *)m + sizeof(*m);
	const uint8_t *end = (const uint8_t *)m + m->header.length;

	memset(s, 0, sizeof(*s));
	while (p < end) {
		assert_true(p + 2 <= end && p[1] >= 2 && p + p[1] <= end);
		switch (p[0]) {
		case ACPI_MADT_LAPIC:
			assert_int_equal(p[1], sizeof(struct acpi_madt_lapic));
			memcpy(&s->lapic[s->lapics++], p, p[1]);
			break;
		case ACPI_MADT_IOAPIC:
			assert_int_equal(p[1], sizeof(struct acpi_madt_ioapic));
			memcpy(&s->ioapic, p, p[1]);
			s->ioapics++;
			break;
		case ACPI_MADT_ISO:
			assert_int_equal(p[1], sizeof(struct acpi_madt_iso));
			memcpy(&s->iso[s->isos++], p, p[1]);
			break;
		case ACPI_MADT_LAPIC_NMI:
			assert_int_equal(p[1],
					 sizeof(struct acpi_madt_lapic_nmi));
			memcpy(&s->nmi, p, p[1]);
			s->nmis++;
			break;
		default:
			s->others++;
		}
		p += p[1];
	}
	assert_ptr_equal(p, end);
}

static void check_madt(unsigned int ncpus)
{
	struct acpi_config cfg = config(ncpus);
	struct acpi_layout l = build(&cfg);
	const struct acpi_madt *m = (const void *)table(l.madt, "APIC");
	static struct madt_seen s;
	unsigned int i;

	assert_int_equal(m->header.revision, 5);
	assert_int_equal(m->header.length, 44 + 8 * ncpus + 12 + 6);
	assert_int_equal(m->lapic_addr, 0xfee00000u);
	assert_int_equal(m->flags, ACPI_MADT_PCAT_COMPAT);
	walk_madt(m, &s);
	assert_int_equal(s.lapics, ncpus);
	for (i = 0; i < ncpus; i++) {
		assert_int_equal(s.lapic[i].processor_uid, i);
		assert_int_equal(s.lapic[i].apic_id, i);
		assert_int_equal(s.lapic[i].flags, ACPI_MADT_LAPIC_ENABLED);
	}
	assert_int_equal(s.ioapics, 1);
	assert_int_equal(s.ioapic.ioapic_id, 0);
	assert_int_equal(s.ioapic.addr, 0xfec00000u);
	assert_int_equal(s.ioapic.gsi_base, 0);
	/* KVM's default routing: GSI i is IOAPIC pin i, nothing to undo. */
	assert_int_equal(s.isos, 0);
	assert_int_equal(s.nmis, 1);
	assert_int_equal(s.nmi.processor_uid, ACPI_MADT_UID_ALL);
	assert_int_equal(s.nmi.flags, 0);
	assert_int_equal(s.nmi.lint, 1);
	assert_int_equal(s.others, 0);
}

static void madt_lists_every_cpu(void **state)
{
	static const unsigned int counts[] = { 1, 2, 4, 8, 64, 254, 255 };
	size_t i;

	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		check_madt(counts[i]);
}

static void madt_carries_overrides_in_order(void **state)
{
	static const struct acpi_irq_override ov[] = {
		{ 0, 2, ACPI_MADT_POLARITY_BUS | ACPI_MADT_TRIGGER_BUS },
		{ 9, 9, ACPI_MADT_POLARITY_HIGH | ACPI_MADT_TRIGGER_LEVEL },
	};
	struct acpi_config cfg = config(3);
	static struct madt_seen s;
	struct acpi_layout l;
	const struct acpi_madt *m;

	cfg.overrides = ov;
	cfg.noverrides = 2;
	l = build(&cfg);
	m = (const void *)table(l.madt, "APIC");
	assert_int_equal(m->header.length, 44 + 3 * 8 + 12 + 2 * 10 + 6);
	walk_madt(m, &s);
	assert_int_equal(s.isos, 2);
	assert_int_equal(s.iso[0].bus, 0);
	assert_int_equal(s.iso[0].source, 0);
	assert_int_equal(s.iso[0].gsi, 2);
	assert_int_equal(s.iso[0].flags, 0);
	assert_int_equal(s.iso[1].source, 9);
	assert_int_equal(s.iso[1].gsi, 9);
	assert_int_equal(s.iso[1].flags, 0x0d);
	/* The DSDT follows, intact. */
	table(l.dsdt, "DSDT");
}

/*
 * The whole DSDT body, as iasl -d shows it (tests/acpi/iasl.sh checks the
 * disassembly): \_S5, then \_SB with COM1, KBD, MOU, RTC and FWCF.
 */
/* One line per AML term reads better than one byte per line. */
/* clang-format off */
static const uint8_t dsdt_body[] = {
	/* Name (_S5, Package (0x04) { 0x05, Zero, Zero, Zero }) */
	0x08, '_', 'S', '5', '_', 0x12, 0x07, 0x04, 0x0a, 0x05, 0x00, 0x00,
	0x00,
	/* Scope (\_SB), PkgLength 0xd0 */
	0x10, 0x40, 0x0d, '\\', '_', 'S', 'B', '_',
	/* Device (COM1): _HID PNP0501, IO 0x3f8/8, IRQNoFlags {4} */
	0x5b, 0x82, 0x25, 'C', 'O', 'M', '1', 0x08, '_', 'H', 'I', 'D', 0x0c,
	0x41, 0xd0, 0x05, 0x01, 0x08, '_', 'C', 'R', 'S', 0x11, 0x10, 0x0a,
	0x0d, 0x47, 0x01, 0xf8, 0x03, 0xf8, 0x03, 0x01, 0x08, 0x22, 0x10,
	0x00, 0x79, 0x00,
	/* Device (KBD): _HID PNP0303, IO 0x60/1, IO 0x64/1, IRQNoFlags {1} */
	0x5b, 0x82, 0x2d, 'K', 'B', 'D', '_', 0x08, '_', 'H', 'I', 'D', 0x0c,
	0x41, 0xd0, 0x03, 0x03, 0x08, '_', 'C', 'R', 'S', 0x11, 0x18, 0x0a,
	0x15, 0x47, 0x01, 0x60, 0x00, 0x60, 0x00, 0x01, 0x01, 0x47, 0x01,
	0x64, 0x00, 0x64, 0x00, 0x01, 0x01, 0x22, 0x02, 0x00, 0x79, 0x00,
	/* Device (MOU): _HID PNP0F13, IRQNoFlags {12} */
	0x5b, 0x82, 0x1d, 'M', 'O', 'U', '_', 0x08, '_', 'H', 'I', 'D', 0x0c,
	0x41, 0xd0, 0x0f, 0x13, 0x08, '_', 'C', 'R', 'S', 0x11, 0x08, 0x0a,
	0x05, 0x22, 0x00, 0x10, 0x79, 0x00,
	/* Device (RTC): _HID PNP0B00, IO 0x70/2, no IRQ */
	0x5b, 0x82, 0x22, 'R', 'T', 'C', '_', 0x08, '_', 'H', 'I', 'D', 0x0c,
	0x41, 0xd0, 0x0b, 0x00, 0x08, '_', 'C', 'R', 'S', 0x11, 0x0d, 0x0a,
	0x0a, 0x47, 0x01, 0x70, 0x00, 0x70, 0x00, 0x01, 0x02, 0x79, 0x00,
	/* Device (FWCF): QEMU 7.2's bytes (docs: fw_cfg.md, 10.1) */
	0x5b, 0x82, 0x2e, 'F', 'W', 'C', 'F', 0x08, '_', 'H', 'I', 'D', 0x0d,
	'Q', 'E', 'M', 'U', '0', '0', '0', '2', 0x00, 0x08, '_', 'S', 'T',
	'A', 0x0a, 0x0b, 0x08, '_', 'C', 'R', 'S', 0x11, 0x0d, 0x0a, 0x0a,
	0x47, 0x01, 0x10, 0x05, 0x10, 0x05, 0x01, 0x0c, 0x79, 0x00,
};
/* clang-format on */

static void dsdt_is_the_expected_aml(void **state)
{
	struct acpi_config cfg = config(4);
	struct acpi_layout l = build(&cfg);
	const struct acpi_sdt_header *d = table(l.dsdt, "DSDT");

	assert_int_equal(d->revision, 2);
	assert_int_equal(d->length, 36 + sizeof(dsdt_body));
	assert_memory_equal((const uint8_t *)d + 36, dsdt_body,
			    sizeof(dsdt_body));
	assert_int_equal(l.dsdt + d->length, TABLE_GPA + l.size);
}

/* Without fw_cfg the DSDT is the same but for FWCF, and \_SB shrinks. */
static void dsdt_without_fw_cfg(void **state)
{
	struct acpi_config cfg = config(1);
	const size_t fwcf = 48, scope_at = 13;
	struct acpi_layout l;
	const uint8_t *body;
	const struct acpi_sdt_header *d;

	cfg.fw_cfg = false;
	l = build(&cfg);
	d = table(l.dsdt, "DSDT");
	body = (const uint8_t *)d + 36;
	assert_int_equal(d->length, 36 + sizeof(dsdt_body) - fwcf);
	/* PkgLength 0xd0 - 48 = 0xa0: 40 0a */
	assert_int_equal(body[scope_at + 1], 0x40);
	assert_int_equal(body[scope_at + 2], 0x0a);
	assert_memory_equal(body, dsdt_body, scope_at + 1);
	assert_memory_equal(body + scope_at + 3, dsdt_body + scope_at + 3,
			    sizeof(dsdt_body) - fwcf - scope_at - 3);
	assert_null(memmem(d, d->length, "FWCF", 4));
}

static void tables_fit_the_space_below_the_bios_area(void **state)
{
	struct acpi_config cfg = config(ACPI_MAX_CPUS);
	size_t big = acpi_tables_size(&cfg);

	cfg.ncpus = 1;
	assert_true(acpi_tables_size(&cfg) < 1024);
	assert_int_equal(big, acpi_tables_size(&cfg) + 8 * 254);
	assert_true(big < 0x10000 - 0x1000);
}

static void bad_configs_are_refused(void **state)
{
	static const struct acpi_irq_override bad_irq = { 16, 16, 0 };
	static struct acpi_irq_override many[ACPI_MAX_OVERRIDES + 1];
	struct acpi_config cfg;
	uint8_t buf[4096];

	cfg = config(0);
	assert_int_equal(acpi_tables_size(&cfg), 0);
	assert_int_equal(
		acpi_tables_write(buf, sizeof(buf), TABLE_GPA, &cfg, NULL),
		-EINVAL);
	cfg = config(ACPI_MAX_CPUS + 1);
	assert_int_equal(acpi_tables_size(&cfg), 0);
	cfg = config(1);
	cfg.pm_port = 0;
	assert_int_equal(acpi_tables_size(&cfg), 0);
	cfg = config(1);
	cfg.pm_port = 0xfffe; /* the block would wrap */
	assert_int_equal(acpi_tables_size(&cfg), 0);
	cfg = config(1);
	cfg.overrides = &bad_irq;
	cfg.noverrides = 1;
	assert_int_equal(acpi_tables_size(&cfg), 0);
	cfg = config(1);
	cfg.noverrides = 1; /* and no array */
	assert_int_equal(acpi_tables_size(&cfg), 0);
	cfg = config(1);
	cfg.overrides = many;
	cfg.noverrides = ACPI_MAX_OVERRIDES + 1;
	assert_int_equal(acpi_tables_size(&cfg), 0);
	assert_int_equal(acpi_tables_size(NULL), 0);
}

static void bad_addresses_and_small_buffers_are_refused(void **state)
{
	struct acpi_config cfg = config(4);
	size_t need = acpi_tables_size(&cfg);
	uint8_t *buf = malloc(need);
	struct acpi_layout l;

	assert_non_null(buf);
	assert_int_equal(acpi_tables_write(buf, need, TABLE_GPA + 8, &cfg, &l),
			 -EINVAL);
	assert_int_equal(
		acpi_tables_write(buf, need, (1ull << 32) - 16, &cfg, &l),
		-EINVAL);
	assert_int_equal(acpi_tables_write(buf, need, ~0ull - 15, &cfg, &l),
			 -EINVAL);
	assert_int_equal(acpi_tables_write(buf, need - 1, TABLE_GPA, &cfg, &l),
			 -ENOSPC);
	assert_int_equal(acpi_tables_write(NULL, need, TABLE_GPA, &cfg, &l),
			 -ENOSPC);
	/* The highest address that still keeps everything below 4 GiB. */
	assert_int_equal(acpi_tables_write(buf, need,
					   ((1ull << 32) - need) & ~15ull, &cfg,
					   NULL),
			 0);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rsdp_is_found_and_checks_out),
		cmocka_unit_test(rsdt_and_xsdt_list_fadt_and_madt),
		cmocka_unit_test(fadt_is_hardware_reduced),
		cmocka_unit_test(madt_lists_every_cpu),
		cmocka_unit_test(madt_carries_overrides_in_order),
		cmocka_unit_test(dsdt_is_the_expected_aml),
		cmocka_unit_test(dsdt_without_fw_cfg),
		cmocka_unit_test(tables_fit_the_space_below_the_bios_area),
		cmocka_unit_test(bad_configs_are_refused),
		cmocka_unit_test(bad_addresses_and_small_buffers_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
