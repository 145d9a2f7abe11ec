/* acpi_guest.c: finds ACPI tables as an OS does; uses their FADT registers. */
#include <stdint.h>
#include <string.h>

#include "abi/acpi.h"
#include "abi/pvh.h"
#include "abi/sum8.h"
#include "jt.h"
#include "rt/console.h"
#include "rt/x86io.h"

/*
 * Checks, in the order an OS meets them: the RSDP the PVH start info
 * names is also what a scan finds (as Linux scans: the EBDA's first KiB,
 * where jiffy's firmware puts it, then 0xe0000-0xfffff); its checksums;
 * the XSDT and every table it lists (signature, checksum); the FADT
 * (revision 6, hardware-reduced, sleep and reset registers) and the DSDT
 * it names; the MADT's LAPIC count against jt.cpus=N. Then jt.acpi= says
 * what to do:
 *
 *   check     PASS
 *   poweroff  write \_S5's SLP_TYP with SLP_EN to the sleep control
 *             register: the machine must be gone (else FAIL)
 *   reset     write RESET_VALUE to the reset register: gone, or FAIL
 *   vector    jump to the reset vector 0xffff0, as a "BIOS reboot" does
 *   sleep     ask for S1, which is not offered: WAK_STS must come up at
 *             once and clear when written; PASS
 *
 * A few thousand instructions in all: cheap where the CPU is emulated.
 */

#define SCAN_START 0xe0000u
#define SCAN_END   0x100000u
#define BDA_EBDA   0x40eu /* the EBDA's segment, in the BIOS data area */
#define MAX_TABLES 16
#define LEAVE_SPIN 100000 /* a departed machine never gets this far */

void pvh_main(const struct hvm_start_info *si);

static const struct acpi_sdt_header *table_at(uint64_t addr, const char *sig)
{
	const struct acpi_sdt_header *h = jt_phys(addr, sizeof(*h), sig);

	if (memcmp(h->signature, sig, 4))
		jt_fail("table at 0x%llx has signature \"%.4s\", expected %s",
			(unsigned long long)addr, h->signature, sig);
	if (h->length < sizeof(*h) || h->length > 0x10000)
		jt_fail("%s at 0x%llx has length %u", sig,
			(unsigned long long)addr, h->length);
	jt_phys(addr, h->length, sig);
	if (abi_sum8(h, h->length))
		jt_fail("%s at 0x%llx: checksum does not sum to 0", sig,
			(unsigned long long)addr);
	return h;
}

/* The RSDP as a legacy OS finds it: 16-byte steps, signature, checksums. */
static const struct acpi_rsdp *scan_range(uint32_t start, uint32_t end)
{
	for (uint32_t a = start; a < end; a += 16) {
		const struct acpi_rsdp *r = (const void *)(uintptr_t)a;

		if (!memcmp(r->signature, ACPI_RSDP_SIGNATURE, 8) &&
		    !abi_sum8(r, 20) &&
		    (r->revision < 2 || !abi_sum8(r, r->length)))
			return r;
	}
	return NULL;
}

/* Linux's order: the EBDA's first KiB when the BDA names one, then the
 * BIOS area. */
static const struct acpi_rsdp *scan_rsdp(void)
{
	const uint16_t *seg = jt_phys(BDA_EBDA, 2, "the BDA's EBDA pointer");
	uint32_t ebda = (uint32_t)*seg << 4;
	const struct acpi_rsdp *r = NULL;

	if (ebda > 0x400 && ebda < SCAN_START)
		r = scan_range(ebda, ebda + 1024);
	return r ? r : scan_range(SCAN_START, SCAN_END);
}

static const struct acpi_rsdp *find_rsdp(const struct hvm_start_info *si)
{
	const struct acpi_rsdp *scanned = scan_rsdp();

	if (!si->rsdp_paddr)
		jt_fail("start_info rsdp_paddr is 0: the RSDP is not handed over");
	if (!scanned)
		jt_fail("no RSDP in the EBDA or 0xe0000-0xfffff");
	if ((uintptr_t)scanned != si->rsdp_paddr)
		jt_fail("start_info names the RSDP at 0x%llx, the scan finds it at 0x%lx",
			(unsigned long long)si->rsdp_paddr,
			(unsigned long)(uintptr_t)scanned);
	if (scanned->revision != ACPI_RSDP_REVISION ||
	    scanned->length != sizeof(*scanned))
		jt_fail("RSDP revision %u length %u, expected 2 and 36",
			scanned->revision, scanned->length);
	return scanned;
}

struct found {
	const struct acpi_fadt *fadt;
	const struct acpi_madt *madt;
	const struct acpi_sdt_header *dsdt;
};

static void walk_xsdt(const struct acpi_rsdp *r, struct found *f)
{
	const struct acpi_sdt_header *x = table_at(r->xsdt_addr, "XSDT");
	uint32_t n = (x->length - sizeof(*x)) / 8;

	if (n > MAX_TABLES)
		jt_fail("XSDT lists %u tables", n);
	for (uint32_t i = 0; i < n; i++) {
		uint64_t a;
		const struct acpi_sdt_header *t;

		memcpy(&a, (const uint8_t *)x + sizeof(*x) + 8 * i, 8);
		t = jt_phys(a, sizeof(*t), "an XSDT entry");
		table_at(a, t->signature);
		if (!memcmp(t->signature, ACPI_FADT_SIGNATURE, 4))
			f->fadt = (const void *)t;
		else if (!memcmp(t->signature, ACPI_MADT_SIGNATURE, 4))
			f->madt = (const void *)t;
	}
	if (!f->fadt || !f->madt)
		jt_fail("the XSDT lists no %s", f->fadt ? "MADT" : "FADT");
	table_at(r->rsdt_addr, "RSDT");
	if (f->fadt->header.length != sizeof(struct acpi_fadt) ||
	    f->fadt->header.revision != ACPI_FADT_REVISION)
		jt_fail("FADT revision %u length %u, expected 6 and 276",
			f->fadt->header.revision, f->fadt->header.length);
	if (!(f->fadt->flags & ACPI_FADT_HW_REDUCED_ACPI))
		jt_fail("FADT flags 0x%x: not hardware-reduced",
			f->fadt->flags);
	f->dsdt = table_at(f->fadt->x_dsdt, "DSDT");
}

static unsigned count_lapics(const struct acpi_madt *m)
{
	const uint8_t *p = (const uint8_t *)m + sizeof(*m);
	const uint8_t *end = (const uint8_t *)m + m->header.length;
	unsigned n = 0;

	while (p + 2 <= end && p[1] >= 2 && p + p[1] <= end) {
		struct acpi_madt_lapic l;

		if (p[0] == ACPI_MADT_LAPIC && p[1] == sizeof(l)) {
			memcpy(&l, p, sizeof(l));
			n += !!(l.flags & ACPI_MADT_LAPIC_ENABLED);
		}
		p += p[1];
	}
	if (p != end)
		jt_fail("MADT entry at offset %u runs past the table",
			(unsigned)(p - (const uint8_t *)m));
	return n;
}

/*
 * \_S5's SLP_TYPa without an AML interpreter: the name "_S5_", a Package
 * opcode, its length and count, then the first element as a byte constant
 * (BytePrefix n, Zero or One).
 */
static uint8_t s5_type(const struct acpi_sdt_header *dsdt)
{
	const uint8_t *p = (const uint8_t *)dsdt + sizeof(*dsdt);
	const uint8_t *end = (const uint8_t *)dsdt + dsdt->length;

	for (; p + 9 <= end; p++) {
		if (memcmp(p, "_S5_", 4) || p[4] != 0x12)
			continue;
		p += 7; /* name, PackageOp, 1-byte PkgLength, NumElements */
		if (p[0] == 0x0a)
			return p[1];
		if (p[0] <= 1)
			return p[0];
		break;
	}
	jt_fail("no \\_S5 package with a byte SLP_TYPa in the DSDT");
}

static uint16_t io_port(const struct acpi_gas *g, const char *what)
{
	if (g->space_id != ACPI_GAS_IO || g->bit_width != 8 ||
	    g->address > 0xffff)
		jt_fail("%s: space %u width %u address 0x%llx, expected an 8-bit I/O port",
			what, g->space_id, g->bit_width,
			(unsigned long long)g->address);
	return (uint16_t)g->address;
}

static void __attribute__((noreturn)) expect_gone(const char *what)
{
	for (volatile int i = 0; i < LEAVE_SPIN; i++)
		;
	jt_fail("still running after %s", what);
}

static void sleep_s1(const struct acpi_fadt *f)
{
	uint16_t ctl = io_port(&f->sleep_control_reg, "SLEEP_CONTROL_REG");
	uint16_t sts = io_port(&f->sleep_status_reg, "SLEEP_STATUS_REG");
	uint8_t v;

	if (inb(sts) & ACPI_SLEEP_WAK_STS)
		jt_fail("WAK_STS is set before any sleep");
	outb(ctl, 1 << ACPI_SLEEP_TYP_SHIFT | ACPI_SLEEP_EN);
	v = inb(sts);
	if (!(v & ACPI_SLEEP_WAK_STS))
		jt_fail("after an S1 request the sleep status is 0x%x: no wake-up",
			v);
	outb(sts, ACPI_SLEEP_WAK_STS);
	v = inb(sts);
	if (v & ACPI_SLEEP_WAK_STS)
		jt_fail("WAK_STS did not clear when written (0x%x)", v);
}

static bool action_is(const char *name)
{
	size_t len;
	const char *v = jt_arg("acpi", &len);

	return v && len == strlen(name) && !memcmp(v, name, len);
}

void pvh_main(const struct hvm_start_info *si)
{
	struct found f = { 0 };
	const struct acpi_rsdp *r;
	uint64_t cpus;
	unsigned lapics;

	post_code(JT_POST_ENTRY);
	jt_init("acpi-guest", si->cmdline_paddr ? jt_phys(si->cmdline_paddr, 1,
							  "the command line")
						: NULL);
	r = find_rsdp(si);
	walk_xsdt(r, &f);
	lapics = count_lapics(f.madt);
	if (jt_arg_u64("cpus", &cpus) && cpus != lapics)
		jt_fail("the MADT lists %u enabled LAPICs, expected %llu",
			lapics, (unsigned long long)cpus);

	if (action_is("poweroff")) {
		outb(io_port(&f.fadt->sleep_control_reg, "SLEEP_CONTROL_REG"),
		     (uint8_t)(s5_type(f.dsdt) << ACPI_SLEEP_TYP_SHIFT |
			       ACPI_SLEEP_EN));
		expect_gone("S5");
	}
	if (action_is("reset")) {
		if (!(f.fadt->flags & ACPI_FADT_RESET_REG_SUP))
			jt_fail("FADT flags 0x%x: no reset register",
				f.fadt->flags);
		outb(io_port(&f.fadt->reset_reg, "RESET_REG"),
		     f.fadt->reset_value);
		expect_gone("the reset register");
	}
	if (action_is("vector")) {
		__asm__ volatile("jmp *%0" : : "r"(0xffff0u));
		expect_gone("the reset vector");
	}
	if (action_is("sleep"))
		sleep_s1(f.fadt);
	jt_pass("RSDP at 0x%lx, %u LAPICs, DSDT %u bytes",
		(unsigned long)(uintptr_t)r, lapics, f.dsdt->length);
}
