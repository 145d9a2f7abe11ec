/* test_fw_cfg_dev.c: the fw_cfg device's items, directory, port and MMIO registers (fw_cfg.md §1-4, §7). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "../fw_cfg/fake.h"

struct t {
	struct fake_ram ram;
	struct fw_cfg_dev *d;
};

static int setup(void **state)
{
	struct t *t = calloc(1, sizeof(*t));

	fake_ram_init(&t->ram, 0, 1 << 20);
	t->d = fake_dev(&t->ram, true, 0);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct t *t = *state;

	fw_cfg_dev_destroy(t->d);
	fake_ram_free(&t->ram);
	free(t);
	return 0;
}

static uint8_t inb(struct t *t, uint16_t port)
{
	return (uint8_t)fake_in(t->d, port, 1);
}

static void sel(struct t *t, uint16_t key)
{
	fake_out(t->d, FW_CFG_PORT_SEL, 2, key);
}

static void create_config(void **state)
{
	struct fw_cfg_dev_config cfg = { 0 };
	struct fw_cfg_dev *d = (void *)1;

	/* DMA needs a memory accessor; slots within QEMU's limits. */
	assert_int_equal(fw_cfg_dev_create(&d, &cfg), -EINVAL);
	assert_null(d);
	cfg.no_dma = true;
	cfg.file_slots = FW_CFG_FILE_SLOTS_MIN - 1;
	assert_int_equal(fw_cfg_dev_create(&d, &cfg), -EINVAL);
	cfg.file_slots = FW_CFG_FILE_SLOTS_MAX + 1;
	assert_int_equal(fw_cfg_dev_create(&d, &cfg), -EINVAL);
	cfg.file_slots = FW_CFG_FILE_SLOTS_MAX;
	assert_int_equal(fw_cfg_dev_create(&d, &cfg), 0);
	/* With every slot, 0xffff is still "nothing": reads give zeros. */
	fake_out(d, FW_CFG_PORT_SEL, 2, 0xffff);
	assert_int_equal(fake_in(d, FW_CFG_PORT_DATA, 1), 0);
	fw_cfg_dev_destroy(d);
	fw_cfg_dev_destroy(NULL);
}

static void signature_and_reset(void **state)
{
	struct t *t = *state;

	/* Reset state is key 0 at offset 0: "QEMU" then zeros. */
	assert_int_equal(inb(t, 0x511), 'Q');
	assert_int_equal(inb(t, 0x511), 'E');
	assert_int_equal(inb(t, 0x511), 'M');
	assert_int_equal(inb(t, 0x511), 'U');
	assert_int_equal(inb(t, 0x511), 0);
	assert_int_equal(inb(t, 0x511), 0);
	sel(t, FW_CFG_ID);
	fw_cfg_dev_reset(t->d);
	assert_int_equal(inb(t, 0x511), 'Q');
	sel(t, FW_CFG_ID);
	assert_int_equal(inb(t, 0x511), 3);
	assert_int_equal(inb(t, 0x511), 0);
}

static void legacy_port_accesses(void **state)
{
	struct t *t = *state;

	/* Byte writes to 0x510/0x511 are data writes: ignored, no select. */
	sel(t, FW_CFG_SIGNATURE);
	fake_out(t->d, 0x510, 1, FW_CFG_ID);
	fake_out(t->d, 0x511, 1, FW_CFG_ID);
	assert_int_equal(inb(t, 0x511), 'Q');
	/* A 32-bit write to the selector is refused. */
	fake_out(t->d, 0x510, 4, FW_CFG_ID);
	assert_int_equal(inb(t, 0x511), 'E');
	/* 16-bit at 0x511 is split: a byte write there, one at 0x512. */
	fake_out(t->d, 0x511, 2, FW_CFG_ID);
	assert_int_equal(inb(t, 0x511), 'M');
	/* 0x510 reads data too: the handler ignores the offset. */
	assert_int_equal(inb(t, 0x510), 'U');
}

static void port_read_widths(void **state)
{
	struct t *t = *state;

	/* QEMU 7.2's values: wide reads at 0x510 are refused (0), wide
	 * reads at 0x511 take one data byte and the unassigned 0x512... */
	sel(t, 0);
	assert_int_equal(fake_in(t->d, 0x510, 2), 0);
	assert_int_equal(fake_in(t->d, 0x510, 4), 0);
	assert_int_equal(inb(t, 0x511), 'Q');
	assert_int_equal(fake_in(t->d, 0x511, 2), 0xff45);
	assert_int_equal(fake_in(t->d, 0x511, 4), 0x51ffff4d);
	assert_int_equal(inb(t, 0x511), 'U');
	assert_int_equal(fake_in(t->d, 0x512, 1), 0xff);
	assert_int_equal(fake_in(t->d, 0x512, 4), 0x4551ffff);
	assert_int_equal(fake_in(t->d, 0x513, 2), 0x51ff);
	assert_int_equal(fake_in(t->d, 0x51c, 4), 0xffffffff);
}

static void dma_signature(void **state)
{
	struct t *t = *state;
	const char *sig = "QEMU CFG";
	unsigned i;

	for (i = 0; i < 8; i++)
		assert_int_equal(inb(t, 0x514 + i), (uint8_t)sig[i]);
	assert_int_equal(fake_in(t->d, 0x514, 4), 0x554d4551);
	assert_int_equal(fake_in(t->d, 0x518, 4), 0x47464320);
	assert_int_equal(fake_in(t->d, 0x515, 4), 0x20554d45);
	assert_int_equal(fake_in(t->d, 0x516, 2), 0x554d);
	/* Crossing the end of the window: unassigned 0xff bytes. */
	assert_int_equal(fake_in(t->d, 0x519, 4), 0xff474643);
	assert_int_equal(fake_in(t->d, 0x51b, 2), 0xff47);
	/* Still the signature after a written (half) address. */
	fake_out(t->d, 0x514, 4, 0x12345678);
	assert_int_equal(fake_in(t->d, 0x514, 4), 0x554d4551);
}

static void no_dma_device(void **state)
{
	struct t *t = *state;
	struct fw_cfg_dev *d = fake_dev(&t->ram, false, 0);
	struct fw_cfg_dma_access *desc;

	fake_out(d, FW_CFG_PORT_SEL, 2, FW_CFG_ID);
	assert_int_equal(fake_in(d, 0x511, 1), 1);
	/* No DMA register: unassigned ports, and nothing happens. */
	assert_int_equal(fake_in(d, 0x514, 4), 0xffffffff);
	assert_int_equal(fake_in(d, 0x518, 1), 0xff);
	desc = fake_ram_alloc(&t->ram, sizeof(*desc), 16);
	fw_cfg_put_be32(&desc->control, FW_CFG_DMA_CTL_READ);
	fake_out(d, 0x518, 4, __builtin_bswap32((uint32_t)fake_ram_gpa(&t->ram, desc)));
	assert_int_equal(fw_cfg_get_be32(&desc->control), FW_CFG_DMA_CTL_READ);
	/* MMIO too: the DMA window is a hole. */
	assert_int_equal(fake_mmio_rd(d, FW_CFG_MMIO_DMA, 8), 0);
	fw_cfg_dev_destroy(d);
}

static void key_space(void **state)
{
	struct t *t = *state;

	assert_int_equal(fw_cfg_dev_add_u32(t->d, FW_CFG_IRQ0_OVERRIDE, 1), 0);
	/* Bit 14 is masked off: 0x4000 is the signature, 0xc002 arch 2. */
	sel(t, FW_CFG_WRITE_CHANNEL);
	assert_int_equal(inb(t, 0x511), 'Q');
	sel(t, 0xc002);
	assert_int_equal(inb(t, 0x511), 1);
	sel(t, FW_CFG_IRQ0_OVERRIDE);
	assert_int_equal(inb(t, 0x511), 1);
	/* Empty, unpopulated and out-of-range keys all read zeros. */
	sel(t, FW_CFG_MACHINE_ID);
	assert_int_equal(inb(t, 0x511), 0);
	sel(t, FW_CFG_FILE_FIRST);
	assert_int_equal(inb(t, 0x511), 0);
	sel(t, FW_CFG_FILE_FIRST + FW_CFG_FILE_SLOTS_DFLT);
	assert_int_equal(inb(t, 0x511), 0);
	sel(t, 0x3fff);
	assert_int_equal(inb(t, 0x511), 0);
	sel(t, 0xffff);
	assert_int_equal(inb(t, 0x511), 0);
	/* The arch table has no files. */
	assert_int_equal(fw_cfg_dev_add_file(t->d, "a", "x", 1, 0), 0);
	sel(t, FW_CFG_ARCH_LOCAL | FW_CFG_FILE_FIRST);
	assert_int_equal(inb(t, 0x511), 0);
	sel(t, FW_CFG_FILE_FIRST);
	assert_int_equal(inb(t, 0x511), 'x');
}

static void add_errors(void **state)
{
	struct t *t = *state;
	char name[FW_CFG_MAX_FILE_PATH + 1];
	uint8_t b = 7;

	assert_int_equal(fw_cfg_dev_add(t->d, FW_CFG_SIGNATURE, "x", 1, 0), -EEXIST);
	assert_int_equal(fw_cfg_dev_add(t->d, FW_CFG_ID, "x", 1, 0), -EEXIST);
	assert_int_equal(fw_cfg_dev_add(t->d, FW_CFG_FILE_DIR, "x", 1, 0), -EEXIST);
	assert_int_equal(fw_cfg_dev_add(t->d, FW_CFG_FILE_FIRST, "x", 1, 0), -EINVAL);
	assert_int_equal(fw_cfg_dev_add(t->d, 0x4005, "x", 1, 0), -EINVAL);
	assert_int_equal(fw_cfg_dev_add(t->d, 5, "x", 1, FW_CFG_DEV_WRITABLE | FW_CFG_DEV_BORROW), -EINVAL);
	assert_int_equal(fw_cfg_dev_add(t->d, 5, "x", 1, 0x80), -EINVAL);
	assert_int_equal(fw_cfg_dev_add(t->d, 5, NULL, 1, 0), -EINVAL);
	assert_int_equal(fw_cfg_dev_add(t->d, 5, &b, (size_t)UINT32_MAX + 1, FW_CFG_DEV_BORROW), -EFBIG);
	/* An empty item takes its key too. */
	assert_int_equal(fw_cfg_dev_add(t->d, 5, NULL, 0, 0), 0);
	assert_int_equal(fw_cfg_dev_add(t->d, 5, "x", 1, 0), -EEXIST);

	memset(name, 'n', sizeof(name));
	name[FW_CFG_MAX_FILE_PATH] = '\0';
	assert_int_equal(fw_cfg_dev_add_file(t->d, name, "x", 1, 0), -ENAMETOOLONG);
	name[FW_CFG_MAX_FILE_PATH - 1] = '\0'; /* 55 bytes: fine */
	assert_int_equal(fw_cfg_dev_add_file(t->d, name, "x", 1, 0), 0);
	assert_int_equal(fw_cfg_dev_add_file(t->d, name, "y", 1, 0), -EEXIST);
	assert_int_equal(fw_cfg_dev_add_file(t->d, "", "x", 1, 0), -EINVAL);
	assert_int_equal(fw_cfg_dev_add_file(t->d, NULL, "x", 1, 0), -EINVAL);
	assert_int_equal(fw_cfg_dev_file_key(t->d, "nope"), -ENOENT);
	assert_null(fw_cfg_dev_file_data(t->d, "nope", NULL));
	assert_int_equal(fw_cfg_dev_on_write(t->d, "nope", NULL, NULL), -ENOENT);
	assert_int_equal(fw_cfg_dev_on_write(t->d, name, NULL, NULL), -EPERM);
}

static void slots_fill_up(void **state)
{
	struct t *t = *state;
	struct fw_cfg_dev *d = fake_dev(&t->ram, true, FW_CFG_FILE_SLOTS_MIN);
	char name[16];
	unsigned i;

	for (i = 0; i < FW_CFG_FILE_SLOTS_MIN; i++) {
		snprintf(name, sizeof(name), "f%02u", i);
		assert_int_equal(fw_cfg_dev_add_file(d, name, name, 3, 0), 0);
	}
	assert_int_equal(fw_cfg_dev_add_file(d, "zz", "x", 1, 0), -ENOSPC);
	assert_int_equal(fw_cfg_dev_file_count(d), FW_CFG_FILE_SLOTS_MIN);
	/* The last slot's key works; the next key is out of range. */
	fake_out(d, FW_CFG_PORT_SEL, 2, FW_CFG_FILE_FIRST + FW_CFG_FILE_SLOTS_MIN - 1);
	assert_int_equal(fake_in(d, 0x511, 1), 'f');
	fake_out(d, FW_CFG_PORT_SEL, 2, FW_CFG_FILE_FIRST + FW_CFG_FILE_SLOTS_MIN);
	assert_int_equal(fake_in(d, 0x511, 1), 0);
	fw_cfg_dev_destroy(d);
}

static void read_dir(struct t *t, uint8_t *buf, size_t n)
{
	sel(t, FW_CFG_FILE_DIR);
	fw_cfg_dev_io_read_rep(t->d, 1, 1, (uint32_t)n, buf);
}

static void directory_format(void **state)
{
	struct t *t = *state;
	size_t dlen = 4 + 64 * FW_CFG_FILE_SLOTS_DFLT;
	uint8_t dir[4 + 64 * FW_CFG_FILE_SLOTS_DFLT + 8];
	const char *names[] = { "opt/b", "etc/e820", "opt/a", "bootorder", "opt/a/x" };
	const char *sorted[] = { "bootorder", "etc/e820", "opt/a", "opt/a/x", "opt/b" };
	char data[16];
	unsigned i;

	read_dir(t, dir, sizeof(dir));
	assert_int_equal(fw_cfg_get_be32(dir), 0);
	/* Each file holds its name, with a size telling them apart. */
	for (i = 0; i < 5; i++) {
		memset(data, 0, sizeof(data));
		memcpy(data, names[i], strlen(names[i]));
		assert_int_equal(fw_cfg_dev_add_file(t->d, names[i], data,
						     8 + i, 0), 0);
	}
	read_dir(t, dir, sizeof(dir));
	assert_int_equal(fw_cfg_get_be32(dir), 5);
	for (i = 0; i < 5; i++) {
		const uint8_t *e = dir + 4 + 64 * i;
		unsigned orig = 0;

		while (strcmp(names[orig], sorted[i]))
			orig++;
		assert_int_equal(fw_cfg_get_be32(e), 8 + orig);
		assert_int_equal(fw_cfg_get_be16(e + 4), FW_CFG_FILE_FIRST + i);
		assert_int_equal(fw_cfg_get_be16(e + 6), 0);
		assert_string_equal((const char *)e + 8, sorted[i]);
		assert_int_equal(fw_cfg_dev_file_key(t->d, sorted[i]), FW_CFG_FILE_FIRST + i);
	}
	/* The item is 4 + 64 * slots long, zero after the last entry. */
	for (i = 4 + 64 * 5; i < dlen; i++)
		assert_int_equal(dir[i], 0);
	for (; i < sizeof(dir); i++)
		assert_int_equal(dir[i], 0);
	/* The keys are the sorted order: "opt/a" reads its own bytes. */
	sel(t, FW_CFG_FILE_FIRST + 2);
	assert_int_equal(inb(t, 0x511), 'o');
	assert_int_equal(inb(t, 0x511), 'p');
	/* Inserting renumbers the files after it. */
	assert_int_equal(fw_cfg_dev_add_file(t->d, "etc/a", "E", 1, 0), 0);
	assert_int_equal(fw_cfg_dev_file_key(t->d, "opt/b"), FW_CFG_FILE_FIRST + 5);
	sel(t, FW_CFG_FILE_FIRST + 1);
	assert_int_equal(inb(t, 0x511), 'E');
}

static void past_the_end_and_rep(void **state)
{
	struct t *t = *state;
	uint8_t buf[16], want[16] = "hello";

	assert_int_equal(fw_cfg_dev_add_file(t->d, "opt/h", "hello", 5, 0), 0);
	/* rep insb: bytes, then zeros; the cursor stays at the end. */
	sel(t, FW_CFG_FILE_FIRST);
	memset(buf, 0xaa, sizeof(buf));
	fw_cfg_dev_io_read_rep(t->d, 1, 1, sizeof(buf), buf);
	assert_memory_equal(buf, want, sizeof(buf));
	assert_int_equal(inb(t, 0x511), 0);
	/* rep at 0x510 reads data too; rep at the DMA ports repeats. */
	sel(t, FW_CFG_FILE_FIRST);
	fw_cfg_dev_io_read_rep(t->d, 0, 1, 2, buf);
	assert_memory_equal(buf, "he", 2);
	fw_cfg_dev_io_read_rep(t->d, 4, 1, 3, buf);
	assert_memory_equal(buf, "QQQ", 3);
	fw_cfg_dev_io_read_rep(t->d, 4, 2, 2, buf);
	assert_memory_equal(buf, "QEQE", 4);
	/* rep outsw to the selector selects each time. */
	fw_cfg_dev_io_write_rep(t->d, 0, 2, 2, (uint8_t[]){ 0x20, 0, 0x20, 0 });
	assert_int_equal(inb(t, 0x511), 'h');
}

static void borrowed_and_owned(void **state)
{
	struct t *t = *state;
	char big[4096], small[4] = "abc";
	const void *p;
	uint32_t len;

	memset(big, 'B', sizeof(big));
	assert_int_equal(fw_cfg_dev_add_file(t->d, "big", big, sizeof(big), FW_CFG_DEV_BORROW), 0);
	assert_int_equal(fw_cfg_dev_add_file(t->d, "small", small, 3, 0), 0);
	/* Borrowed items read the caller's memory; owned ones a copy. */
	p = fw_cfg_dev_file_data(t->d, "big", &len);
	assert_ptr_equal(p, big);
	assert_int_equal(len, sizeof(big));
	p = fw_cfg_dev_file_data(t->d, "small", &len);
	assert_ptr_not_equal(p, small);
	small[0] = 'X';
	sel(t, FW_CFG_FILE_FIRST + 1);
	assert_int_equal(inb(t, 0x511), 'a');
	big[0] = 'C';
	sel(t, FW_CFG_FILE_FIRST);
	assert_int_equal(inb(t, 0x511), 'C');
	/* An empty file exists, with a valid pointer and length 0. */
	assert_int_equal(fw_cfg_dev_add_file(t->d, "empty", NULL, 0, 0), 0);
	assert_non_null(fw_cfg_dev_file_data(t->d, "empty", &len));
	assert_int_equal(len, 0);
}

static void mmio_registers(void **state)
{
	struct t *t = *state;

	/* Reset: the signature, zero padded to the load width. */
	assert_int_equal(fake_mmio_rd(t->d, 0, 8), 0x554d4551);
	assert_int_equal(fake_mmio_rd(t->d, 0, 8), 0);
	/* The selector is big-endian: an un-swapped 1 selects 0x0100. */
	fake_mmio_wr(t->d, FW_CFG_MMIO_SEL, 2, 0x0001);
	assert_int_equal(fake_mmio_rd(t->d, 0, 4), 0);
	fake_mmio_wr(t->d, FW_CFG_MMIO_SEL, 2, 0x0100);
	assert_int_equal(fake_mmio_rd(t->d, 0, 4), 3);
	/* 8- and 32-bit selector writes and 16-bit reads do nothing. */
	fake_mmio_wr(t->d, FW_CFG_MMIO_SEL, 2, 0);
	fake_mmio_wr(t->d, FW_CFG_MMIO_SEL, 1, 1);
	fake_mmio_wr(t->d, FW_CFG_MMIO_SEL, 4, 0x0100);
	assert_int_equal(fake_mmio_rd(t->d, FW_CFG_MMIO_SEL, 2), 0);
	assert_int_equal(fake_mmio_rd(t->d, 0, 1), 'Q');
	/* Data reads only at +0: +1 and +4 read 0 and consume nothing. */
	assert_int_equal(fake_mmio_rd(t->d, 1, 1), 0);
	assert_int_equal(fake_mmio_rd(t->d, 4, 4), 0);
	/* Data writes are ignored. */
	fake_mmio_wr(t->d, 0, 8, ~0ull);
	assert_int_equal(fake_mmio_rd(t->d, 0, 2), 0x4d45);
	/* A 32-bit write at +7 reaches the selector as a 16-bit piece. */
	fake_mmio_wr(t->d, 7, 4, 0x01000000);
	assert_int_equal(fake_mmio_rd(t->d, 0, 4), 0x554d4551);
	/* The DMA register reads "QEMU CFG" at any width and offset. */
	assert_int_equal(fake_mmio_rd(t->d, 0x10, 8), 0x47464320554d4551ull);
	assert_int_equal(fake_mmio_rd(t->d, 0x13, 2), 0x2055);
	assert_int_equal(fake_mmio_rd(t->d, 0x14, 8), 0x47464320);
	/* Holes read 0; a piece beyond reaches the next register. */
	assert_int_equal(fake_mmio_rd(t->d, 0x0a, 4), 0);
	assert_int_equal(fake_mmio_rd(t->d, 0x09, 8), 0x5100000000000000ull);
	assert_int_equal(fake_mmio_rd(t->d, 0x18, 8), 0);
}

static void write_callback_rules(void **state)
{
	struct t *t = *state;

	assert_int_equal(fw_cfg_dev_add_file(t->d, "w", "0123", 4, FW_CFG_DEV_WRITABLE), 0);
	assert_int_equal(fw_cfg_dev_on_write(t->d, "w", NULL, NULL), 0);
	/* Port writes never store into an item. */
	sel(t, FW_CFG_FILE_FIRST);
	fake_out(t->d, 0x511, 1, 'x');
	assert_memory_equal(fw_cfg_dev_file_data(t->d, "w", NULL), "0123", 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(create_config),
		cmocka_unit_test_setup_teardown(signature_and_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(legacy_port_accesses, setup, teardown),
		cmocka_unit_test_setup_teardown(port_read_widths, setup, teardown),
		cmocka_unit_test_setup_teardown(dma_signature, setup, teardown),
		cmocka_unit_test_setup_teardown(no_dma_device, setup, teardown),
		cmocka_unit_test_setup_teardown(key_space, setup, teardown),
		cmocka_unit_test_setup_teardown(add_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(slots_fill_up, setup, teardown),
		cmocka_unit_test_setup_teardown(directory_format, setup, teardown),
		cmocka_unit_test_setup_teardown(past_the_end_and_rep, setup, teardown),
		cmocka_unit_test_setup_teardown(borrowed_and_owned, setup, teardown),
		cmocka_unit_test_setup_teardown(mmio_registers, setup, teardown),
		cmocka_unit_test_setup_teardown(write_callback_rules, setup, teardown),
	};
	return cmocka_run_group_tests_name("fw_cfg_dev", tests, NULL, NULL);
}
