/* test_fw_cfg_client.c: the fw_cfg client against the device over port, MMIO and DMA paths. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "../fw_cfg/fake.h"

#define RAM_BASE 0x200000ull
#define RAM_SIZE (4ull << 20)
#define BIG_SIZE (300u * 1024 + 7)

struct t {
	struct fake_ram ram;
	struct fw_cfg_dev *d;
	struct fake_bus bus;
	struct fw_cfg_client *c; /* in guest RAM, so DMA reaches it */
	uint8_t *big;
};

/* Sizes around the interesting boundaries: empty, one entry, pages. */
static const uint32_t file_sizes[] = { 0, 1, 63, 64, 65, 4096, 100000 };

static void fill(uint8_t *p, size_t n, unsigned seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 131 + seed * 7 + (i >> 8));
}

static void populate(struct fw_cfg_dev *d, uint8_t *big)
{
	uint8_t buf[100000];
	char name[32];
	unsigned i;

	assert_int_equal(fw_cfg_dev_add_u16(d, FW_CFG_NB_CPUS, 2), 0);
	assert_int_equal(fw_cfg_dev_add_u32(d, FW_CFG_KERNEL_ADDR, 0x100000), 0);
	assert_int_equal(fw_cfg_dev_add_u64(d, FW_CFG_RAM_SIZE, 0x123456789ull), 0);
	assert_int_equal(fw_cfg_dev_add_u32(d, FW_CFG_IRQ0_OVERRIDE, 1), 0);
	assert_int_equal(fw_cfg_dev_add(d, FW_CFG_INITRD_DATA, NULL, 0, 0), 0);
	fill(big, BIG_SIZE, 99);
	assert_int_equal(fw_cfg_dev_add(d, FW_CFG_KERNEL_DATA, big, BIG_SIZE, FW_CFG_DEV_BORROW), 0);
	for (i = 0; i < sizeof(file_sizes) / sizeof(file_sizes[0]); i++) {
		snprintf(name, sizeof(name), "opt/test/%u-bytes", file_sizes[i]);
		fill(buf, file_sizes[i], i);
		assert_int_equal(fw_cfg_dev_add_file(d, name, buf, file_sizes[i], 0), 0);
	}
	memset(buf, 0, 16);
	assert_int_equal(fw_cfg_dev_add_file(d, "etc/vmcoreinfo", buf, 16, FW_CFG_DEV_WRITABLE), 0);
}

static struct t *make(bool dma, const struct fw_cfg_client_ops *ops,
		      uint64_t base)
{
	struct t *t = calloc(1, sizeof(*t));

	fake_ram_init(&t->ram, base, RAM_SIZE);
	t->d = fake_dev(&t->ram, dma, 0);
	t->big = malloc(BIG_SIZE);
	populate(t->d, t->big);
	t->bus.dev = t->d;
	t->bus.ram = &t->ram;
	t->c = fake_ram_alloc(&t->ram, sizeof(*t->c), 16);
	fw_cfg_client_init(t->c, ops, &t->bus);
	assert_int_equal(fw_cfg_client_probe(t->c), 0);
	return t;
}

static void destroy(struct t *t)
{
	fw_cfg_dev_destroy(t->d);
	fake_ram_free(&t->ram);
	free(t->big);
	free(t);
}

static void probe(void **state)
{
	struct t *t = make(true, &fake_pio_ops, RAM_BASE);
	struct fw_cfg_client outside;
	struct fw_cfg_client_ops no_dma = fake_pio_ops;

	assert_int_equal(t->c->id, 3);
	assert_true(fw_cfg_client_has_dma(t->c));
	fw_cfg_client_use_dma(t->c, false);
	assert_false(t->c->use_dma);
	fw_cfg_client_use_dma(t->c, true);
	assert_true(t->c->use_dma);
	/* A descriptor the device cannot reach: byte I/O only. */
	fw_cfg_client_init(&outside, &fake_pio_ops, &t->bus);
	assert_int_equal(fw_cfg_client_probe(&outside), 0);
	assert_false(fw_cfg_client_has_dma(&outside));
	fw_cfg_client_use_dma(&outside, true);
	assert_false(outside.use_dma);
	/* A transport without a DMA register. */
	no_dma.dma = NULL;
	fw_cfg_client_init(t->c, &no_dma, &t->bus);
	assert_int_equal(fw_cfg_client_probe(t->c), 0);
	assert_false(fw_cfg_client_has_dma(t->c));
	destroy(t);

	/* A device without DMA: ID 1. */
	t = make(false, &fake_pio_ops, RAM_BASE);
	assert_int_equal(t->c->id, 1);
	assert_false(fw_cfg_client_has_dma(t->c));
	destroy(t);
}

static void nothing_read(void *ctx, void *buf, uint32_t n)
{
	memset(buf, 0xff, n); /* an empty bus */
}

static void nothing_select(void *ctx, uint16_t key)
{
}

static void probe_no_device(void **state)
{
	const struct fw_cfg_client_ops ops = { .select = nothing_select,
					       .read = nothing_read };
	struct fw_cfg_client c;

	fw_cfg_client_init(&c, &ops, NULL);
	assert_int_equal(fw_cfg_client_probe(&c), -ENODEV);
	assert_false(fw_cfg_client_has_dma(&c));
}

/* What the device holds under key, for comparison. */
static const uint8_t *expected(struct t *t, uint16_t key, uint32_t *len)
{
	static uint8_t tmp[8];

	switch (key) {
	case FW_CFG_SIGNATURE:
		*len = 4;
		return (const uint8_t *)"QEMU";
	case FW_CFG_ID:
		*len = 4;
		fw_cfg_put_le32(tmp, t->c->id);
		return tmp;
	case FW_CFG_NB_CPUS:
		*len = 2;
		return (const uint8_t *)"\2\0";
	case FW_CFG_KERNEL_ADDR:
		*len = 4;
		return (const uint8_t *)"\0\0\x10\0";
	case FW_CFG_RAM_SIZE:
		*len = 8;
		return (const uint8_t *)"\x89\x67\x45\x23\x01\0\0\0";
	case FW_CFG_IRQ0_OVERRIDE:
		*len = 4;
		return (const uint8_t *)"\1\0\0\0";
	case FW_CFG_KERNEL_DATA:
		*len = BIG_SIZE;
		return t->big;
	}
	*len = 0;
	return NULL;
}

/* Read key whole (plus a tail of zeros) by byte I/O and by DMA. */
static void check_key(struct t *t, uint16_t key, const uint8_t *want,
		      uint32_t len)
{
	uint32_t n = len + 16;
	uint8_t *pio = fake_ram_alloc(&t->ram, n, 1);
	uint8_t *dma = fake_ram_alloc(&t->ram, n, 1);
	unsigned kicks = t->bus.dma_kicks;

	memset(pio, 0xaa, n);
	memset(dma, 0x55, n);
	fw_cfg_client_use_dma(t->c, false);
	assert_int_equal(fw_cfg_client_read(t->c, key, 0, pio, n), 0);
	assert_int_equal(t->bus.dma_kicks, kicks);
	fw_cfg_client_use_dma(t->c, true);
	assert_int_equal(fw_cfg_client_read(t->c, key, 0, dma, n), 0);
	if (t->c->dma_ok)
		assert_int_equal(t->bus.dma_kicks, kicks + 1);
	assert_memory_equal(pio, dma, n);
	if (len)
		assert_memory_equal(pio, want, len);
	while (n > len)
		assert_int_equal(pio[--n], 0);
	t->ram.next = (uint64_t)(pio - t->ram.mem);
}

static void every_item(struct t *t)
{
	struct fw_cfg_client_file f;
	uint32_t count, i, len;
	const uint8_t *want;
	unsigned key;
	uint8_t dir[64 * 32 + 4];

	for (key = 0; key < FW_CFG_FILE_FIRST; key++) {
		uint16_t k[2] = { (uint16_t)key, (uint16_t)(key | FW_CFG_ARCH_LOCAL) };

		for (i = 0; i < 2; i++) {
			if (k[i] == FW_CFG_FILE_DIR)
				continue;
			want = expected(t, k[i], &len);
			check_key(t, k[i], want, len);
		}
	}
	/* The directory, then every file it lists. */
	assert_int_equal(fw_cfg_client_read(t->c, FW_CFG_FILE_DIR, 0, dir, sizeof(dir)), 0);
	check_key(t, FW_CFG_FILE_DIR, dir, sizeof(dir));
	assert_int_equal(fw_cfg_client_dir_first(t->c, &count), 0);
	assert_int_equal(count, fw_cfg_dev_file_count(t->d));
	for (i = 0; i < count; i++) {
		char name[FW_CFG_MAX_FILE_PATH];

		assert_int_equal(fw_cfg_client_read(t->c, FW_CFG_FILE_DIR, 4 + 64 * i, dir, 64), 0);
		memcpy(name, dir + 8, sizeof(name));
		assert_int_equal(fw_cfg_client_find(t->c, name, &f), 0);
		assert_int_equal(f.key, FW_CFG_FILE_FIRST + i);
		want = fw_cfg_dev_file_data(t->d, name, &len);
		assert_int_equal(f.size, len);
		check_key(t, f.key, want, len);
	}
}

static void items_pio_transport(void **state)
{
	struct t *t = make(true, &fake_pio_ops, RAM_BASE);

	every_item(t);
	destroy(t);
}

static void items_mmio_transport(void **state)
{
	struct t *t = make(true, &fake_mmio_ops, RAM_BASE);

	every_item(t);
	t->bus.dma_pairs = true;
	every_item(t);
	destroy(t);
}

static void items_without_dma(void **state)
{
	struct t *t = make(false, &fake_pio_ops, RAM_BASE);

	every_item(t);
	destroy(t);
}

static void items_above_4g(void **state)
{
	struct t *t = make(true, &fake_pio_ops, 0x100000000ull);

	every_item(t);
	destroy(t);
}

static void offsets_and_streaming(void **state)
{
	struct t *t = make(true, &fake_pio_ops, RAM_BASE);
	uint8_t *a = fake_ram_alloc(&t->ram, 4096, 1);
	uint8_t *b = fake_ram_alloc(&t->ram, 4096, 1);
	int pass;

	for (pass = 0; pass < 2; pass++) {
		bool dma = pass == 1;
		unsigned kicks = t->bus.dma_kicks;

		fw_cfg_client_use_dma(t->c, dma);
		assert_int_equal(fw_cfg_client_read(t->c, FW_CFG_KERNEL_DATA, 5000, a, 4096), 0);
		assert_memory_equal(a, t->big + 5000, 4096);
		/* At an offset, DMA takes two transfers: SKIP, then READ. */
		assert_int_equal(t->bus.dma_kicks, kicks + (dma ? 2 : 0));
		/* Near the end: the tail, then zeros. */
		assert_int_equal(fw_cfg_client_read(t->c, FW_CFG_KERNEL_DATA, BIG_SIZE - 3, a, 8), 0);
		assert_memory_equal(a, t->big + BIG_SIZE - 3, 3);
		assert_memory_equal(a + 3, "\0\0\0\0\0", 5);
		/* Beyond the end: zeros. */
		memset(a, 1, 8);
		assert_int_equal(fw_cfg_client_read(t->c, FW_CFG_KERNEL_DATA, BIG_SIZE + 100, a, 8), 0);
		assert_memory_equal(a, "\0\0\0\0\0\0\0\0", 8);
		/* Streaming: select, skip, read, skip, read. */
		fw_cfg_client_select(t->c, FW_CFG_KERNEL_DATA);
		assert_int_equal(fw_cfg_client_skip_cur(t->c, 1000), 0);
		assert_int_equal(fw_cfg_client_read_cur(t->c, a, 10), 0);
		assert_int_equal(fw_cfg_client_skip_cur(t->c, 70000), 0);
		assert_int_equal(fw_cfg_client_read_cur(t->c, b, 10), 0);
		assert_memory_equal(a, t->big + 1000, 10);
		assert_memory_equal(b, t->big + 71010, 10);
		assert_int_equal(fw_cfg_client_read_cur(t->c, a, 0), 0);
		assert_int_equal(fw_cfg_client_skip_cur(t->c, 0), 0);
		/* Integers. */
		assert_int_equal(fw_cfg_client_get_u16(t->c, FW_CFG_NB_CPUS), 2);
		assert_int_equal(fw_cfg_client_get_u32(t->c, FW_CFG_KERNEL_ADDR), 0x100000);
		assert_int_equal(fw_cfg_client_get_u64(t->c, FW_CFG_RAM_SIZE), 0x123456789ull);
		assert_int_equal(fw_cfg_client_get_u32(t->c, FW_CFG_INITRD_SIZE), 0);
	}
	destroy(t);
}

static void host_buffer_falls_back(void **state)
{
	struct t *t = make(true, &fake_pio_ops, RAM_BASE);
	uint8_t outside[64];
	unsigned kicks = t->bus.dma_kicks;

	/* Not in guest RAM: read by byte I/O, no DMA attempted. */
	assert_int_equal(fw_cfg_client_read(t->c, FW_CFG_KERNEL_DATA, 0, outside, sizeof(outside)), 0);
	assert_memory_equal(outside, t->big, sizeof(outside));
	assert_int_equal(t->bus.dma_kicks, kicks);
	destroy(t);
}

static void directory_lookup(void **state)
{
	struct t *t = make(true, &fake_pio_ops, RAM_BASE);
	struct fw_cfg_client_file f, prev = { 0 };
	uint8_t *buf = fake_ram_alloc(&t->ram, 200000, 1);
	uint32_t count, size, i;

	assert_int_equal(fw_cfg_client_dir_first(t->c, &count), 0);
	assert_int_equal(count, 8);
	for (i = 0; i < count; i++) {
		assert_int_equal(fw_cfg_client_dir_next(t->c, &f), 0);
		assert_int_equal(f.key, FW_CFG_FILE_FIRST + i);
		if (i)
			assert_true(strcmp(prev.name, f.name) < 0);
		prev = f;
	}
	assert_int_equal(fw_cfg_client_find(t->c, "opt/test/63-bytes", &f), 0);
	assert_int_equal(f.size, 63);
	assert_int_equal(fw_cfg_client_find(t->c, "opt/test/63", &f), -ENOENT);
	assert_int_equal(fw_cfg_client_find(t->c, "", &f), -ENOENT);
	/* read_file: capped at cap, full size reported. */
	memset(buf, 0xaa, 200);
	assert_int_equal(fw_cfg_client_read_file(t->c, "opt/test/100000-bytes", buf, 100, &size), 0);
	assert_int_equal(size, 100000);
	assert_memory_equal(buf, fw_cfg_dev_file_data(t->d, "opt/test/100000-bytes", NULL), 100);
	assert_int_equal(buf[100], 0xaa);
	memset(buf, 0xaa, 200);
	assert_int_equal(fw_cfg_client_read_file(t->c, "opt/test/64-bytes", buf, 200000, &size), 0);
	assert_int_equal(size, 64);
	assert_int_equal(buf[64], 0xaa);
	assert_int_equal(fw_cfg_client_read_file(t->c, "nope", buf, 1, &size), -ENOENT);
	destroy(t);
}

static void client_writes(void **state)
{
	struct t *t = make(true, &fake_pio_ops, RAM_BASE);
	uint8_t *buf = fake_ram_alloc(&t->ram, 32, 1);
	uint8_t host[16] = { 0 };
	struct fw_cfg_client_file f;
	const uint8_t *v = fw_cfg_dev_file_data(t->d, "etc/vmcoreinfo", NULL);

	assert_int_equal(fw_cfg_client_find(t->c, "etc/vmcoreinfo", &f), 0);
	fill(buf, 32, 5);
	assert_int_equal(fw_cfg_client_write(t->c, f.key, 0, buf, 16), 0);
	assert_memory_equal(v, buf, 16);
	assert_int_equal(fw_cfg_client_write(t->c, f.key, 8, buf + 16, 8), 0);
	assert_memory_equal(v + 8, buf + 16, 8);
	/* Past the end, read-only items, unreachable buffers, no DMA. */
	assert_int_equal(fw_cfg_client_write(t->c, f.key, 12, buf, 8), -EIO);
	assert_int_equal(fw_cfg_client_write(t->c, FW_CFG_SIGNATURE, 0, buf, 4), -EIO);
	assert_int_equal(fw_cfg_client_write(t->c, f.key, 0, host, 16), -EFAULT);
	fw_cfg_client_use_dma(t->c, false);
	assert_int_equal(fw_cfg_client_write(t->c, f.key, 0, buf, 16), -EOPNOTSUPP);
	destroy(t);
}

static void stuck_dma(void *ctx, uint64_t desc)
{
	/* A device that never completes: the control word stays set. */
}

static void dma_never_completes(void **state)
{
	struct t *t = make(true, &fake_pio_ops, RAM_BASE);
	struct fw_cfg_client_ops ops = fake_pio_ops;
	uint8_t *buf = fake_ram_alloc(&t->ram, 16, 1);

	ops.dma = stuck_dma;
	t->c->ops = &ops;
	assert_int_equal(fw_cfg_client_read(t->c, 0, 0, buf, 4), -EBUSY);
	destroy(t);
}

static bool never_asked(void *ctx, const void *p, uint32_t len, uint64_t *gpa)
{
	fail_msg("virt_to_phys asked although the transport is identity");
	return false;
}

/* Guest code with paging off: pointers are addresses, nothing to ask. */
static void identity_transport(void **state)
{
	struct fw_cfg_client_ops ops = fake_pio_ops;
	struct t *t;
	uint8_t *buf;
	uint32_t len;
	unsigned kicks;

	ops.virt_to_phys = never_asked;
	ops.identity = true;
	t = calloc(1, sizeof(*t));
	/* RAM whose guest-physical addresses are its host addresses. */
	fake_ram_init(&t->ram, 0, RAM_SIZE);
	t->ram.base = (uintptr_t)t->ram.mem;
	t->ram.layout.r[0].gpa = t->ram.base; /* where the device looks */
	t->d = fake_dev(&t->ram, true, 0);
	t->big = malloc(BIG_SIZE);
	populate(t->d, t->big);
	t->bus.dev = t->d;
	t->bus.ram = &t->ram;
	t->c = fake_ram_alloc(&t->ram, sizeof(*t->c), 16);
	fw_cfg_client_init(t->c, &ops, &t->bus);
	assert_int_equal(fw_cfg_client_probe(t->c), 0);
	assert_true(fw_cfg_client_has_dma(t->c));
	assert_int_equal(t->c->desc_pa, (uintptr_t)&t->c->desc);
	buf = fake_ram_alloc(&t->ram, BIG_SIZE, 1);
	kicks = t->bus.dma_kicks;
	assert_int_equal(fw_cfg_client_read(t->c, FW_CFG_KERNEL_DATA, 0, buf,
					    BIG_SIZE),
			 0);
	assert_int_equal(t->bus.dma_kicks, kicks + 1);
	assert_memory_equal(buf, expected(t, FW_CFG_KERNEL_DATA, &len),
			    BIG_SIZE);
	destroy(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(probe),
		cmocka_unit_test(probe_no_device),
		cmocka_unit_test(items_pio_transport),
		cmocka_unit_test(items_mmio_transport),
		cmocka_unit_test(items_without_dma),
		cmocka_unit_test(items_above_4g),
		cmocka_unit_test(offsets_and_streaming),
		cmocka_unit_test(host_buffer_falls_back),
		cmocka_unit_test(directory_lookup),
		cmocka_unit_test(client_writes),
		cmocka_unit_test(dma_never_completes),
		cmocka_unit_test(identity_transport),
	};
	return cmocka_run_group_tests_name("fw_cfg_client", tests, NULL, NULL);
}
