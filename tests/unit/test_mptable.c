/* test_mptable.c: the MP table, read back as Linux's MP parser accepts one. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "abi/mptable.h"
#include "abi/sum8.h"
#include "platform/mptable.h"

/* A guest's first MiB: where the floating pointer must be found. */
#define LOW_MEM	  0x100000u
#define TABLE_GPA 0x9fc00u

/* What the reader saw, entry by entry, in table order. */
struct parsed {
	const struct mp_floating *fp;
	const struct mp_config *cfg;
	unsigned int entries;
	unsigned int ncpus, nbus, nioapic, nioint, nlocalint;
	struct mp_cpu_entry cpu[MPTABLE_MAX_CPUS];
	struct mp_bus_entry bus;
	struct mp_ioapic_entry ioapic;
	struct mp_irq_entry ioint[32], localint[4];
	/* Order of entry types as they appear. */
	uint8_t order[MPTABLE_MAX_CPUS + 64];
};

/*
 * The checks Linux applies to a floating pointer candidate: signature on a
 * 16-byte boundary, length 1 (16 bytes), checksum 0, spec 1.1 or 1.4.
 */
static const struct mp_floating *scan_window(const uint8_t *mem, uint32_t start,
					     uint32_t len)
{
	uint32_t off;

	for (off = start; off + 16 <= start + len; off += 16) {
		const struct mp_floating *fp = (const void *)(mem + off);

		if (memcmp(fp->signature, MP_FLOATING_SIGNATURE, 4) == 0 &&
		    fp->length == 1 && abi_sum8(fp, 16) == 0 &&
		    (fp->spec_rev == MP_SPEC_REV_1_1 ||
		     fp->spec_rev == MP_SPEC_REV_1_4))
			return fp;
	}
	return NULL;
}

/* Linux's windows, in its order: first KiB, last KiB below 640K, BIOS. */
static const struct mp_floating *scan_low_memory(const uint8_t *mem)
{
	const struct mp_floating *fp = scan_window(mem, 0, 0x400);

	if (!fp)
		fp = scan_window(mem, 0x9fc00, 0x400);
	if (!fp)
		fp = scan_window(mem, 0xf0000, 0x10000);
	return fp;
}

static bool walk_entry(struct parsed *p, const uint8_t *e, size_t left,
		       size_t *len)
{
	uint8_t type = e[0];

	*len = type == MP_ENTRY_CPU ? sizeof(struct mp_cpu_entry) : 8;
	if (*len > left)
		return false;
	p->order[p->entries++] = type;
	switch (type) {
	case MP_ENTRY_CPU:
		memcpy(&p->cpu[p->ncpus++], e, *len);
		return true;
	case MP_ENTRY_BUS:
		memcpy(&p->bus, e, *len);
		p->nbus++;
		return true;
	case MP_ENTRY_IOAPIC:
		memcpy(&p->ioapic, e, *len);
		p->nioapic++;
		return true;
	case MP_ENTRY_IOINT:
		if (p->nioint == 32)
			return false;
		memcpy(&p->ioint[p->nioint++], e, *len);
		return true;
	case MP_ENTRY_LOCALINT:
		if (p->nlocalint == 4)
			return false;
		memcpy(&p->localint[p->nlocalint++], e, *len);
		return true;
	default:
		/* Linux gives up on the whole table at an unknown type. */
		return false;
	}
}

/*
 * Accept the config table as Linux does ("PCMP", checksum over length,
 * spec 1.1/1.4, a LAPIC address) and walk its entries by their sizes until
 * exactly `length` bytes are consumed.
 */
static bool parse(const uint8_t *mem, size_t memlen, struct parsed *p)
{
	const uint8_t *e, *end;
	size_t len;

	memset(p, 0, sizeof(*p));
	p->fp = scan_low_memory(mem);
	if (!p->fp || p->fp->feature1 != 0 ||
	    p->fp->config_addr + sizeof(struct mp_config) > memlen)
		return false;
	p->cfg = (const void *)(mem + p->fp->config_addr);
	if (memcmp(p->cfg->signature, MP_CONFIG_SIGNATURE, 4) ||
	    p->fp->config_addr + p->cfg->length > memlen ||
	    abi_sum8(p->cfg, p->cfg->length) != 0 ||
	    (p->cfg->spec_rev != MP_SPEC_REV_1_1 &&
	     p->cfg->spec_rev != MP_SPEC_REV_1_4) ||
	    p->cfg->lapic_addr == 0)
		return false;
	e = (const uint8_t *)(p->cfg + 1);
	end = (const uint8_t *)p->cfg + p->cfg->length;
	while (e < end) {
		if (!walk_entry(p, e, (size_t)(end - e), &len))
			return false;
		e += len;
	}
	return e == end;
}

static uint8_t *low_memory_with_table(unsigned int ncpus)
{
	uint8_t *mem = calloc(1, LOW_MEM);

	assert_non_null(mem);
	assert_int_equal(mptable_write(mem + TABLE_GPA, LOW_MEM - TABLE_GPA,
				       TABLE_GPA, ncpus),
			 0);
	return mem;
}

static void check_header(const struct parsed *p, unsigned int ncpus)
{
	assert_int_equal(p->fp->config_addr, TABLE_GPA + 16);
	assert_int_equal(p->fp->spec_rev, MP_SPEC_REV_1_4);
	assert_int_equal(p->fp->feature2, 0); /* virtual wire, no IMCR */
	assert_memory_equal(p->fp->feature3, "\0\0\0", 3);
	assert_int_equal(p->cfg->spec_rev, MP_SPEC_REV_1_4);
	assert_int_equal(p->cfg->length, 204 + 20 * ncpus);
	assert_int_equal(p->cfg->entry_count, p->entries);
	assert_int_equal(p->cfg->entry_count, ncpus + 2 + 16 + 2);
	assert_int_equal(p->cfg->lapic_addr, MP_LAPIC_DEFAULT_ADDR);
	assert_memory_equal(p->cfg->oem_id, "JIFFY   ", 8);
	assert_int_equal(p->cfg->oem_table_addr, 0);
	assert_int_equal(p->cfg->oem_table_size, 0);
	assert_int_equal(p->cfg->ext_length, 0);
	assert_int_equal(p->cfg->ext_checksum, 0);
	assert_int_equal(mptable_size(ncpus), 16 + p->cfg->length);
}

static void check_cpus(const struct parsed *p, unsigned int ncpus)
{
	unsigned int i;

	assert_int_equal(p->ncpus, ncpus);
	for (i = 0; i < ncpus; i++) {
		const struct mp_cpu_entry *c = &p->cpu[i];

		assert_int_equal(p->order[i], MP_ENTRY_CPU);
		assert_int_equal(c->lapic_id, i);
		assert_int_equal(c->lapic_version, MP_APIC_VERSION);
		assert_int_equal(c->flags,
				 MP_CPU_ENABLED | (i == 0 ? MP_CPU_BSP : 0));
		assert_int_equal(c->signature, 0x600);
		assert_int_equal(c->feature_flags, 0x201);
		assert_int_equal(c->reserved[0] | c->reserved[1], 0);
	}
}

static void check_isa(const struct parsed *p, unsigned int ncpus)
{
	unsigned int i;

	assert_int_equal(p->nbus, 1);
	assert_int_equal(p->bus.bus_id, 0);
	assert_memory_equal(p->bus.bus_type, "ISA   ", 6);
	assert_int_equal(p->nioapic, 1);
	assert_int_equal(p->ioapic.ioapic_id, ncpus);
	assert_int_equal(p->ioapic.ioapic_version, MP_APIC_VERSION);
	assert_int_equal(p->ioapic.flags, MP_IOAPIC_USABLE);
	assert_int_equal(p->ioapic.addr, 0xfec00000u);

	/* Identity ISA routing: IRQ 0 stays on pin 0 (KVM's PIT on GSI 0). */
	assert_int_equal(p->nioint, 16);
	for (i = 0; i < 16; i++) {
		const struct mp_irq_entry *e = &p->ioint[i];

		assert_int_equal(e->irq_type, MP_IRQ_INT);
		assert_int_equal(e->flags, 0);
		assert_int_equal(e->src_bus_id, p->bus.bus_id);
		assert_int_equal(e->src_bus_irq, i);
		assert_int_equal(e->dst_apic_id, p->ioapic.ioapic_id);
		assert_int_equal(e->dst_pin, i);
	}

	assert_int_equal(p->nlocalint, 2);
	assert_int_equal(p->localint[0].irq_type, MP_IRQ_EXTINT);
	assert_int_equal(p->localint[0].dst_apic_id, MP_APIC_ID_ALL);
	assert_int_equal(p->localint[0].dst_pin, 0);
	assert_int_equal(p->localint[1].irq_type, MP_IRQ_NMI);
	assert_int_equal(p->localint[1].dst_apic_id, MP_APIC_ID_ALL);
	assert_int_equal(p->localint[1].dst_pin, 1);
	assert_int_equal(p->localint[0].flags | p->localint[1].flags, 0);
}

/* Entry order: CPUs, bus, I/O APIC (before the entries naming them). */
static void check_order(const struct parsed *p, unsigned int ncpus)
{
	assert_int_equal(p->order[ncpus], MP_ENTRY_BUS);
	assert_int_equal(p->order[ncpus + 1], MP_ENTRY_IOAPIC);
	assert_int_equal(p->order[ncpus + 2], MP_ENTRY_IOINT);
	assert_int_equal(p->order[p->entries - 1], MP_ENTRY_LOCALINT);
}

static void check_ncpus(unsigned int ncpus)
{
	uint8_t *mem = low_memory_with_table(ncpus);
	struct parsed *p = malloc(sizeof(*p));

	assert_non_null(p);
	assert_true(parse(mem, LOW_MEM, p));
	assert_ptr_equal(p->fp, mem + TABLE_GPA);
	check_header(p, ncpus);
	check_cpus(p, ncpus);
	check_isa(p, ncpus);
	check_order(p, ncpus);
	free(p);
	free(mem);
}

static void one_cpu(void **state)
{
	check_ncpus(1);
}

static void four_cpus(void **state)
{
	check_ncpus(4);
}

static void most_cpus(void **state)
{
	check_ncpus(MPTABLE_MAX_CPUS);
}

static void sizes(void **state)
{
	assert_int_equal(mptable_size(1), 240);
	assert_int_equal(mptable_size(4), 300);
	assert_int_equal(mptable_size(0), 0);
	assert_int_equal(mptable_size(MPTABLE_MAX_CPUS + 1), 0);
	/* The reserved KiB at 0x9fc00 fits 40 CPUs, not 41. */
	assert_true(mptable_size(40) <= 1024);
	assert_true(mptable_size(41) > 1024);
}

static void cpu_count_out_of_range(void **state)
{
	uint8_t buf[8192], zero[sizeof(buf)] = { 0 };

	memset(buf, 0, sizeof(buf));
	assert_int_equal(mptable_write(buf, sizeof(buf), TABLE_GPA, 0),
			 -EINVAL);
	assert_int_equal(mptable_write(buf, sizeof(buf), TABLE_GPA,
				       MPTABLE_MAX_CPUS + 1),
			 -EINVAL);
	assert_int_equal(mptable_write(buf, sizeof(buf), TABLE_GPA, 100000),
			 -EINVAL);
	assert_memory_equal(buf, zero, sizeof(buf));
}

static void buffer_too_small(void **state)
{
	size_t need = mptable_size(4);
	uint8_t *buf = malloc(need + 16);

	assert_non_null(buf);
	memset(buf, 0xa5, need + 16);
	assert_int_equal(mptable_write(buf, need - 1, TABLE_GPA, 4), -ENOSPC);
	assert_int_equal(mptable_write(buf, 0, TABLE_GPA, 4), -ENOSPC);
	assert_int_equal(buf[0], 0xa5);
	assert_int_equal(buf[need - 1], 0xa5);

	/* Exactly enough: written, and not one byte past the end. */
	assert_int_equal(mptable_write(buf, need, TABLE_GPA, 4), 0);
	assert_memory_equal(buf, "_MP_", 4);
	assert_int_equal(buf[need], 0xa5);
	free(buf);
}

static void bad_address(void **state)
{
	uint8_t buf[512];
	uint32_t top = (uint32_t)((1ull << 32) - 512);

	assert_int_equal(mptable_write(buf, sizeof(buf), TABLE_GPA + 8, 1),
			 -EINVAL);
	assert_int_equal(mptable_write(buf, sizeof(buf), 0xfffffff0u, 1),
			 -EINVAL);
	/* Ending exactly at 4 GiB is still addressable. */
	assert_int_equal(mptable_write(buf, sizeof(buf), top, 1), 0);
	assert_int_equal(((struct mp_floating *)buf)->config_addr, top + 16);
}

/* The reader above must reject what Linux rejects, or it proves nothing. */
static void reader_rejects_corruption(void **state)
{
	static const size_t flips[] = {
		0,		  /* floating pointer signature */
		10,		  /* floating pointer checksum */
		16,		  /* config signature */
		16 + 7,		  /* config checksum */
		16 + 44 + 20 + 5, /* inside the bus entry */
	};
	struct parsed *p = malloc(sizeof(*p));
	size_t i;

	assert_non_null(p);
	for (i = 0; i < sizeof(flips) / sizeof(flips[0]); i++) {
		uint8_t *mem = low_memory_with_table(1);

		assert_true(parse(mem, LOW_MEM, p));
		mem[TABLE_GPA + flips[i]] ^= 0x40;
		assert_false(parse(mem, LOW_MEM, p));
		free(mem);
	}
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sizes),
		cmocka_unit_test(one_cpu),
		cmocka_unit_test(four_cpus),
		cmocka_unit_test(most_cpus),
		cmocka_unit_test(cpu_count_out_of_range),
		cmocka_unit_test(buffer_too_small),
		cmocka_unit_test(bad_address),
		cmocka_unit_test(reader_rejects_corruption),
	};
	return cmocka_run_group_tests_name("mptable", tests, NULL, NULL);
}
