/* test_acpi_loader.c: ACPI tables as fw_cfg files, placed by their script. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "abi/sum8.h"
#include "platform/acpi_loader.h"

#define PM_PORT	   0x600
#define RSDP_GPA   0x9f000u   /* where jiffy's firmware puts the RSDP */
#define TABLES_GPA 0x3ffe000u /* and the rest, at the top of low RAM */
#define MAX_SIZE   8192

static uint8_t tables[MAX_SIZE], direct[MAX_SIZE];

/*
 * What a firmware does with the script, at fixed addresses: ADD_POINTER
 * adds the source file's address to a little-endian field, ADD_CHECKSUM
 * subtracts the range's sum from its byte. Each command is checked to
 * stay inside its file on the way.
 */
static uint8_t *file(const char *name, struct acpi_loader *l, size_t *size,
		     uint64_t *gpa)
{
	if (!strcmp(name, ACPI_LOADER_RSDP_FILE)) {
		*size = sizeof(l->rsdp);
		*gpa = RSDP_GPA;
		return (uint8_t *)&l->rsdp;
	}
	assert_string_equal(name, ACPI_LOADER_TABLES_FILE);
	*size = l->tables_size;
	*gpa = TABLES_GPA;
	return tables;
}

static void run_script(struct acpi_loader *l)
{
	unsigned allocated = 0;

	for (unsigned i = 0; i < l->ncmds; i++) {
		const struct table_loader_cmd *c = &l->cmds[i];
		size_t size, src_size;
		uint64_t gpa, src, v = 0;
		uint8_t *p;

		switch (c->command) {
		case TABLE_LOADER_ALLOCATE:
			file(c->alloc.file, l, &size, &gpa);
			assert_int_equal(gpa % c->alloc.align, 0);
			assert_int_equal(c->alloc.zone,
					 gpa == RSDP_GPA
						 ? TABLE_LOADER_ZONE_FSEG
						 : TABLE_LOADER_ZONE_HIGH);
			allocated++;
			break;
		case TABLE_LOADER_ADD_POINTER:
			assert_int_equal(allocated, 2);
			p = file(c->pointer.dest_file, l, &size, &gpa);
			file(c->pointer.src_file, l, &src_size, &src);
			assert_true(c->pointer.size == 4 ||
				    c->pointer.size == 8);
			assert_true(c->pointer.offset + c->pointer.size <=
				    size);
			memcpy(&v, p + c->pointer.offset, c->pointer.size);
			/* An offset in the source file, before patching. */
			assert_true(v < src_size);
			v += src;
			memcpy(p + c->pointer.offset, &v, c->pointer.size);
			break;
		case TABLE_LOADER_ADD_CHECKSUM:
			p = file(c->cksum.file, l, &size, &gpa);
			assert_true(c->cksum.start + c->cksum.length <= size);
			assert_true(c->cksum.offset >= c->cksum.start &&
				    c->cksum.offset <
					    c->cksum.start + c->cksum.length);
			p[c->cksum.offset] -=
				abi_sum8(p + c->cksum.start, c->cksum.length);
			break;
		default:
			fail_msg("command %u in the script", c->command);
		}
	}
}

/*
 * Placed by its script, the files are byte for byte the tables jiffy
 * writes for a direct boot at the same address: the RSDP in its file,
 * the rest where the tables file went (minus the RSDP's copy).
 */
static void placed_tables_equal_direct_ones(unsigned ncpus)
{
	struct acpi_config cfg = { .ncpus = ncpus,
				   .pm_port = PM_PORT,
				   .fw_cfg = true };
	size_t size = acpi_tables_size(&cfg);
	struct acpi_loader l;

	assert_true(size <= MAX_SIZE);
	memset(tables, 0xa5, sizeof(tables));
	assert_int_equal(acpi_loader_build(tables, size, &cfg, &l), 0);
	assert_int_equal(l.tables_size, size);
	assert_true(l.ncmds <= ACPI_LOADER_MAX_CMDS);
	/* No RSDP left in the tables file for a scan to find. */
	for (size_t i = 0; i < sizeof(l.rsdp); i++)
		assert_int_equal(tables[i], 0);
	run_script(&l);

	assert_int_equal(
		acpi_tables_write(direct, size, TABLES_GPA, &cfg, NULL), 0);
	assert_memory_equal(&l.rsdp, direct, sizeof(l.rsdp));
	assert_memory_equal(tables + sizeof(l.rsdp), direct + sizeof(l.rsdp),
			    size - sizeof(l.rsdp));
}

static void one_cpu(void **state)
{
	(void)state;
	placed_tables_equal_direct_ones(1);
}

static void many_cpus(void **state)
{
	(void)state;
	placed_tables_equal_direct_ones(8);
	placed_tables_equal_direct_ones(ACPI_MAX_CPUS);
}

/* Every pointer is patched once: RSDT 2, XSDT 2, FADT 2, RSDP 2. */
static void script_shape(void **state)
{
	struct acpi_config cfg = { .ncpus = 2, .pm_port = PM_PORT };
	struct acpi_loader l;
	unsigned n[5] = { 0 };

	(void)state;
	assert_int_equal(acpi_loader_build(tables, sizeof(tables), &cfg, &l),
			 0);
	for (unsigned i = 0; i < l.ncmds; i++) {
		assert_true(l.cmds[i].command < 5);
		n[l.cmds[i].command]++;
	}
	assert_int_equal(n[TABLE_LOADER_ALLOCATE], 2);
	assert_int_equal(n[TABLE_LOADER_ADD_POINTER], 8);
	assert_int_equal(n[TABLE_LOADER_ADD_CHECKSUM], 5);
	assert_int_equal(n[TABLE_LOADER_WRITE_POINTER], 0);
	/* The RSDP's file is placed before anything points into it. */
	assert_string_equal(l.cmds[0].alloc.file, ACPI_LOADER_RSDP_FILE);
}

static void errors_pass_through(void **state)
{
	struct acpi_config cfg = { .ncpus = 1, .pm_port = PM_PORT };
	struct acpi_loader l;

	(void)state;
	assert_int_equal(acpi_loader_build(tables, 64, &cfg, &l), -ENOSPC);
	cfg.ncpus = 0;
	assert_int_equal(acpi_loader_build(tables, sizeof(tables), &cfg, &l),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_cpu),
		cmocka_unit_test(many_cpus),
		cmocka_unit_test(script_shape),
		cmocka_unit_test(errors_pass_through),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
