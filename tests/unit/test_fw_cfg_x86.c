/* test_fw_cfg_x86.c: QEMU pc's fw_cfg items: machine, bzImage split and patches, PVH, errors. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../fw_cfg/fake.h"
#include "../fw_cfg/images.h"
#include "fw_cfg/x86.h"

#define MiB (1ull << 20)

struct t {
	struct fake_ram ram;
	struct fw_cfg_dev *d;
	struct fw_cfg_x86_config cfg;
	struct fw_cfg_x86_boot boot;
	struct e820_entry e820[3];
	uint8_t item[400000];
	uint8_t *kernel, *initrd;
};

static int setup(void **state)
{
	struct t *t = calloc(1, sizeof(*t));

	fake_ram_init(&t->ram, 0, 4096);
	t->d = fake_dev(&t->ram, true, 0);
	/* What QEMU 7.2 pc has with -m 512: the HT hole first, then RAM. */
	t->e820[0] = (struct e820_entry){ 0xfd00000000ull, 0x300000000ull, E820_RESERVED };
	t->e820[1] = (struct e820_entry){ 0, 512 * MiB, E820_RAM };
	t->cfg.ram_below_4g = 512 * MiB;
	t->cfg.boot_cpus = 1;
	t->cfg.e820 = t->e820;
	t->cfg.e820_entries = 2;
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct t *t = *state;

	fw_cfg_dev_destroy(t->d);
	fake_ram_free(&t->ram);
	free(t->kernel);
	free(t->initrd);
	free(t);
	return 0;
}

/* Read up to n bytes of key by byte I/O into t->item; n = how many. */
static const uint8_t *item(struct t *t, uint16_t key, uint32_t n)
{
	fake_out(t->d, FW_CFG_PORT_SEL, 2, key);
	fw_cfg_dev_io_read_rep(t->d, 1, 1, n, t->item);
	return t->item;
}

static uint32_t u32(struct t *t, uint16_t key)
{
	return fw_cfg_get_le32(item(t, key, 4));
}

static void machine_items(void **state)
{
	struct t *t = *state;
	uint8_t uuid[16] = { 0x46, 0x00, 0xcb, 0x32 };
	const uint8_t *p;

	t->cfg.ram_above_4g = 1024 * MiB;
	t->cfg.boot_cpus = 2;
	t->cfg.apic_id_limit = 4;
	t->cfg.uuid = uuid;
	t->cfg.nographic = true;
	assert_int_equal(fw_cfg_x86_populate(t->d, &t->cfg, &t->boot), 0);
	assert_memory_equal(item(t, FW_CFG_UUID, 17), uuid, 16);
	assert_int_equal(t->item[16], 0);
	assert_int_equal(fw_cfg_get_le64(item(t, FW_CFG_RAM_SIZE, 8)), 1536 * MiB);
	assert_int_equal(u32(t, FW_CFG_NOGRAPHIC), 1);
	assert_int_equal(u32(t, FW_CFG_NB_CPUS), 2);
	assert_int_equal(u32(t, FW_CFG_MAX_CPUS), 4);
	assert_int_equal(u32(t, FW_CFG_BOOT_MENU), 0);
	assert_int_equal(u32(t, FW_CFG_IRQ0_OVERRIDE), 1);
	/* NUMA without nodes: (1 + APIC ID limit) zero LE64s. */
	p = item(t, FW_CFG_NUMA, 48);
	assert_memory_equal(p, (uint8_t[48]){ 0 }, 48);
	/* Files: etc/boot-fail-wait (never), etc/e820 in the given order. */
	assert_int_equal(fw_cfg_dev_file_count(t->d), 2);
	assert_memory_equal(fw_cfg_dev_file_data(t->d, "etc/boot-fail-wait", NULL), "\xff\xff\xff\xff", 4);
	p = fw_cfg_dev_file_data(t->d, "etc/e820", NULL);
	assert_int_equal(fw_cfg_get_le64(p), 0xfd00000000ull);
	assert_int_equal(fw_cfg_get_le64(p + 8), 0x300000000ull);
	assert_int_equal(fw_cfg_get_le32(p + 16), E820_RESERVED);
	assert_int_equal(fw_cfg_get_le64(p + 28), 512 * MiB);
	assert_int_equal(fw_cfg_get_le32(p + 36), E820_RAM);
	/* No kernel: no kernel items. */
	assert_int_equal(u32(t, FW_CFG_KERNEL_SIZE), 0);
	assert_int_equal(u32(t, FW_CFG_CMDLINE_SIZE), 0);
	/* Populating twice collides with the first. */
	assert_int_equal(fw_cfg_x86_populate(t->d, &t->cfg, &t->boot), -EEXIST);
	assert_non_null(t->boot.error);
}

static void bad_config(void **state)
{
	struct t *t = *state;
	struct fw_cfg_x86_config c;

	c = t->cfg, c.boot_cpus = 0;
	assert_int_equal(fw_cfg_x86_populate(t->d, &c, &t->boot), -EINVAL);
	assert_non_null(t->boot.error);
	c = t->cfg, c.apic_id_limit = 1, c.boot_cpus = 2;
	assert_int_equal(fw_cfg_x86_populate(t->d, &c, &t->boot), -EINVAL);
	c = t->cfg, c.ram_below_4g = (4096 + 1) * MiB;
	assert_int_equal(fw_cfg_x86_populate(t->d, &c, &t->boot), -EINVAL);
	c = t->cfg, c.ram_below_4g = FW_CFG_X86_ACPI_DATA_SIZE;
	assert_int_equal(fw_cfg_x86_populate(t->d, &c, &t->boot), -EINVAL);
	c = t->cfg, c.e820 = NULL;
	assert_int_equal(fw_cfg_x86_populate(t->d, &c, &t->boot), -EINVAL);
	c = t->cfg, c.kernel_kind = FW_CFG_X86_LINUX, c.kernel_size = 10;
	assert_int_equal(fw_cfg_x86_populate(t->d, &c, &t->boot), -EINVAL);
	c = t->cfg, c.initrd_size = 10;
	assert_int_equal(fw_cfg_x86_populate(t->d, &c, &t->boot), -EINVAL);
	/* Nothing was added by the refused calls. */
	assert_int_equal(fw_cfg_dev_file_count(t->d), 0);
}

/* Make a bzImage the kernel of t's config. */
static void use_bzimage(struct t *t, const struct fake_bz *bz)
{
	free(t->kernel);
	t->kernel = fake_bzimage(bz);
	t->cfg.kernel_kind = FW_CFG_X86_LINUX;
	t->cfg.kernel = t->kernel;
	t->cfg.kernel_size = bz->size;
}

/* Populate with a bzImage; check the split and every patched byte. */
static void linux_boot(struct t *t, const struct fake_bz *bz,
		       const char *cmdline, size_t initrd_size)
{
	uint32_t setup_size, i;
	const uint8_t *s;

	use_bzimage(t, bz);
	t->cfg.cmdline = cmdline;
	if (initrd_size) {
		t->initrd = malloc(initrd_size);
		fake_pattern(t->initrd, initrd_size, 9);
		t->cfg.initrd = t->initrd;
		t->cfg.initrd_size = initrd_size;
	}
	assert_int_equal(fw_cfg_x86_populate(t->d, &t->cfg, &t->boot), 0);
	assert_null(t->boot.error);
	setup_size = ((bz->setup_sects ? bz->setup_sects : 4) + 1) * 512;
	assert_int_equal(t->boot.setup_size, setup_size);
	assert_int_equal(u32(t, FW_CFG_SETUP_SIZE), setup_size);
	assert_int_equal(u32(t, FW_CFG_SETUP_ADDR), t->boot.setup_addr);
	assert_int_equal(u32(t, FW_CFG_KERNEL_ADDR), t->boot.kernel_addr);
	assert_int_equal(u32(t, FW_CFG_KERNEL_SIZE), bz->size - setup_size);
	assert_int_equal(u32(t, FW_CFG_CMDLINE_ADDR), t->boot.cmdline_addr);
	assert_int_equal(u32(t, FW_CFG_CMDLINE_SIZE), strlen(cmdline ? cmdline : "") + 1);
	assert_memory_equal(item(t, FW_CFG_CMDLINE_DATA, 200), cmdline ? cmdline : "", strlen(cmdline ? cmdline : "") + 1);
	assert_memory_equal(item(t, FW_CFG_KERNEL_DATA, bz->size - setup_size), t->kernel + setup_size, bz->size - setup_size);
	assert_int_equal(u32(t, FW_CFG_INITRD_SIZE), initrd_size);
	if (initrd_size) {
		assert_int_equal(u32(t, FW_CFG_INITRD_ADDR), t->boot.initrd_addr);
		assert_memory_equal(item(t, FW_CFG_INITRD_DATA, initrd_size), t->initrd, initrd_size);
	}
	/* Outside the patched fields, SETUP_DATA is the file's head. */
	s = item(t, FW_CFG_SETUP_DATA, setup_size);
	for (i = 0; i < setup_size; i++) {
		if ((i >= 0x210 && i < 0x212) || (i >= 0x218 && i < 0x220) ||
		    (i >= 0x224 && i < 0x226) || (i >= 0x228 && i < 0x22c) ||
		    (i >= 0x20 && i < 0x24) || (i >= 0x1fa && i < 0x1fc))
			continue;
		assert_int_equal(s[i], t->kernel[i]);
	}
}

static void bzimage_modern(void **state)
{
	struct t *t = *state;
	struct fake_bz bz = FAKE_BZ_MODERN;
	const uint8_t *s;

	linux_boot(t, &bz, "console=ttyS0 foo=bar", 100000);
	assert_int_equal(t->boot.protocol, 0x020f);
	assert_int_equal(t->boot.setup_addr, 0x10000);
	assert_int_equal(t->boot.cmdline_addr, 0x20000);
	assert_int_equal(t->boot.kernel_addr, 0x100000);
	/* fw_cfg.md's measurement: 100000 bytes on 512 MiB. */
	assert_int_equal(t->boot.initrd_addr, 0x1ffbf000);
	assert_int_equal(u32(t, FW_CFG_CMDLINE_SIZE), 0x16);
	s = item(t, FW_CFG_SETUP_DATA, 0x300);
	assert_int_equal(s[0x210], 0xb0);
	assert_int_equal(s[0x211], 0x81);
	assert_int_equal(fw_cfg_get_le16(s + 0x224), 0xfe00);
	assert_int_equal(fw_cfg_get_le32(s + 0x228), 0x20000);
	assert_int_equal(fw_cfg_get_le32(s + 0x218), 0x1ffbf000);
	assert_int_equal(fw_cfg_get_le32(s + 0x21c), 100000);
	assert_memory_equal(s + 0x20, t->kernel + 0x20, 4);
}

static void bzimage_initrd_limits(void **state)
{
	struct t *t = *state;
	struct fake_bz bz = FAKE_BZ_MODERN;

	/* 2.03+ without "above 4G": the header's initrd_addr_max rules. */
	bz.protocol = 0x0203;
	bz.initrd_addr_max = 0x0fffffff;
	linux_boot(t, &bz, NULL, 5000);
	assert_int_equal(t->boot.initrd_max, 0x0fffffff);
	assert_int_equal(t->boot.initrd_addr, (0x0fffffff - 5000) & ~0xfffu);
	assert_int_equal(u32(t, FW_CFG_CMDLINE_SIZE), 1);
}

static void bzimage_old_protocols(void **state)
{
	struct t *t = *state;
	struct fake_bz bz = FAKE_BZ_MODERN;
	const char *cl = "root=/dev/sda";
	uint32_t clsize = (uint32_t)(strlen(cl) + 16) & ~15u;
	const uint8_t *s;

	/* 2.01: high kernel, low setup, command line at 0x9a000 - size,
	 * the old 0xa33f magic instead of cmd_line_ptr, a heap. */
	bz.protocol = 0x0201;
	bz.setup_sects = 0; /* means 4 */
	t->cfg.ram_below_4g = 1024 * MiB; /* above the old 0x37ffffff limit */
	linux_boot(t, &bz, cl, 1000);
	assert_int_equal(t->boot.setup_addr, 0x90000);
	assert_int_equal(t->boot.cmdline_addr, 0x9a000 - clsize);
	assert_int_equal(t->boot.kernel_addr, 0x100000);
	assert_int_equal(t->boot.initrd_max, 0x37ffffff);
	s = item(t, FW_CFG_SETUP_DATA, 0x300);
	assert_int_equal(fw_cfg_get_le16(s + 0x20), 0xa33f);
	assert_int_equal(fw_cfg_get_le16(s + 0x22), 0xa000 - clsize);
	assert_memory_equal(s + 0x228, t->kernel + 0x228, 4);
	assert_int_equal(fw_cfg_get_le16(s + 0x224), 0xa000 - clsize - 0x200);
	assert_int_equal(s[0x210], 0xb0);
}

static void bzimage_low_and_ancient(void **state)
{
	struct t *t = *state;
	struct fake_bz bz = FAKE_BZ_MODERN;
	const uint8_t *s;

	/* 2.00, not LOADED_HIGH: a low kernel at 0x10000, no heap. */
	bz.protocol = 0x0200;
	bz.loadflags = 0;
	linux_boot(t, &bz, "", 0);
	assert_int_equal(t->boot.kernel_addr, 0x10000);
	s = item(t, FW_CFG_SETUP_DATA, 0x300);
	assert_int_equal(s[0x210], 0xb0);
	assert_int_equal(s[0x211], 0);
	assert_memory_equal(s + 0x224, t->kernel + 0x224, 2);
}

static void zimage_without_hdrs(void **state)
{
	struct t *t = *state;
	struct fake_bz bz = FAKE_BZ_MODERN;
	const uint8_t *s;

	/* No "HdrS": protocol 0, a low kernel, and the setup sectors go
	 * out exactly as in the file (QEMU 7.2 stable patches nothing). */
	bz.hdrs = false;
	linux_boot(t, &bz, "x vga=ask", 0);
	assert_int_equal(t->boot.protocol, 0);
	assert_int_equal(t->boot.kernel_addr, 0x10000);
	assert_int_equal(t->boot.cmdline_addr, 0x9a000 - 16);
	s = item(t, FW_CFG_SETUP_DATA, t->boot.setup_size);
	assert_memory_equal(s, t->kernel, t->boot.setup_size);
}

static void vga_modes(void **state)
{
	static const struct {
		const char *cl;
		int ret;
		uint16_t mode;
	} cases[] = {
		{ "vga=normal", 0, 0xffff }, { "quiet vga=ext", 0, 0xfffe },
		{ "vga=ask x", 0, 0xfffd },  { "vga=0x317", 0, 0x317 },
		{ "vga=791", 0, 791 },       { "xvga=1", 0, 1 },
		{ "vga=-1", 0, 0xffff },     { "vga=foo", -EINVAL, 0 },
		{ "vga=0x", -EINVAL, 0 },    { "vga=1x", -EINVAL, 0 },
		{ "vga=99999999999", -EINVAL, 0 },
	};
	struct fake_bz bz = FAKE_BZ_MODERN;
	unsigned i;

	bz.size = 30000;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct t *t;

		setup((void **)&t);
		use_bzimage(t, &bz);
		t->cfg.cmdline = cases[i].cl;
		assert_int_equal(fw_cfg_x86_populate(t->d, &t->cfg, &t->boot), cases[i].ret);
		if (!cases[i].ret)
			assert_int_equal(fw_cfg_get_le16(item(t, FW_CFG_SETUP_DATA, 0x1fc) + 0x1fa), cases[i].mode);
		else
			assert_non_null(t->boot.error);
		teardown((void **)&t);
	}
}

static void linux_errors(void **state)
{
	struct fake_bz bz = FAKE_BZ_MODERN;
	struct t *t;
	uint8_t one = 0;

	/* Empty file; setup_sects beyond the file; initrd too large;
	 * an initrd for a kernel without a boot protocol. */
	setup((void **)&t);
	t->cfg.kernel_kind = FW_CFG_X86_LINUX;
	t->cfg.kernel = &one;
	assert_int_equal(fw_cfg_x86_populate(t->d, &t->cfg, &t->boot), -ENOEXEC);
	teardown((void **)&t);

	setup((void **)&t);
	bz.size = 20 * 512;
	use_bzimage(t, &bz); /* 39 setup sectors do not fit */
	assert_int_equal(fw_cfg_x86_populate(t->d, &t->cfg, &t->boot), -ENOEXEC);
	assert_non_null(t->boot.error);
	teardown((void **)&t);

	/* Exactly the setup sectors: fine, an empty KERNEL_DATA. */
	setup((void **)&t);
	bz.size = 40 * 512;
	use_bzimage(t, &bz);
	assert_int_equal(fw_cfg_x86_populate(t->d, &t->cfg, &t->boot), 0);
	assert_int_equal(u32(t, FW_CFG_KERNEL_SIZE), 0);
	assert_int_equal(u32(t, FW_CFG_SETUP_SIZE), 40 * 512);
	teardown((void **)&t);

	setup((void **)&t);
	bz.size = 300000;
	use_bzimage(t, &bz);
	t->cfg.initrd = t->kernel;
	t->cfg.initrd_size = 512 * MiB - FW_CFG_X86_ACPI_DATA_SIZE - 1;
	assert_int_equal(fw_cfg_x86_populate(t->d, &t->cfg, &t->boot), -E2BIG);
	teardown((void **)&t);

	setup((void **)&t);
	bz.hdrs = false;
	use_bzimage(t, &bz);
	t->cfg.initrd = t->kernel;
	t->cfg.initrd_size = 10;
	assert_int_equal(fw_cfg_x86_populate(t->d, &t->cfg, &t->boot), -ENOEXEC);
	teardown((void **)&t);
}

static void borrowed_kernel(void **state)
{
	struct t *t = *state;
	struct fake_bz bz = FAKE_BZ_MODERN;

	t->cfg.borrow = true;
	linux_boot(t, &bz, "", 4096);
	/* KERNEL_DATA and INITRD_DATA read the caller's buffers. */
	t->kernel[t->boot.setup_size] ^= 0xff;
	t->initrd[0] ^= 0xff;
	assert_int_equal(item(t, FW_CFG_KERNEL_DATA, 1)[0], t->kernel[t->boot.setup_size]);
	assert_int_equal(item(t, FW_CFG_INITRD_DATA, 1)[0], t->initrd[0]);
	/* SETUP_DATA is the device's own patched copy. */
	t->kernel[0] ^= 0xff;
	assert_int_not_equal(item(t, FW_CFG_SETUP_DATA, 1)[0], t->kernel[0]);
}

static void pvh_kernel(void **state)
{
	struct t *t = *state;
	struct fake_pvh pv = { .paddr = 0x100000, .filesz = 16384, .memsz = 20000, .entry = 0x100040 };

	t->kernel = fake_pvh_elf(&pv);
	t->cfg.kernel_kind = FW_CFG_X86_PVH;
	t->cfg.kernel = t->kernel;
	t->cfg.kernel_size = pv.size;
	t->cfg.pvh = (struct fw_cfg_x86_pvh){ 0x100040, 0x100000, 0x100000 + 20000 };
	t->cfg.cmdline = "console=ttyS0";
	t->initrd = malloc(70000);
	fake_pattern(t->initrd, 70000, 1);
	t->cfg.initrd = t->initrd;
	t->cfg.initrd_size = 70000;
	assert_int_equal(fw_cfg_x86_populate(t->d, &t->cfg, &t->boot), 0);
	assert_int_equal(u32(t, FW_CFG_KERNEL_ENTRY), 0x100040);
	assert_int_equal(u32(t, FW_CFG_KERNEL_ADDR), 0x100000);
	assert_int_equal(u32(t, FW_CFG_KERNEL_SIZE), 20000);
	/* QEMU loads the ELF itself: no KERNEL_DATA, no CMDLINE_ADDR. */
	assert_int_equal(u32(t, FW_CFG_KERNEL_DATA), 0);
	assert_int_equal(u32(t, FW_CFG_CMDLINE_ADDR), 0);
	assert_int_equal(u32(t, FW_CFG_CMDLINE_SIZE), 14);
	assert_string_equal((const char *)item(t, FW_CFG_CMDLINE_DATA, 14), "console=ttyS0");
	assert_int_equal(u32(t, FW_CFG_SETUP_SIZE), 8192);
	assert_memory_equal(item(t, FW_CFG_SETUP_DATA, 8192), t->kernel, 8192);
	assert_int_equal(u32(t, FW_CFG_INITRD_ADDR), (512 * MiB - FW_CFG_X86_ACPI_DATA_SIZE - 1 - 70000) & ~0xfffull);
	assert_memory_equal(item(t, FW_CFG_INITRD_DATA, 70000), t->initrd, 70000);
}

static void pvh_errors(void **state)
{
	struct t *t = *state;
	uint8_t head[100];
	struct fw_cfg_x86_config c;

	memset(head, 0x7f, sizeof(head));
	t->cfg.kernel_kind = FW_CFG_X86_PVH;
	t->cfg.kernel = head;
	t->cfg.kernel_size = sizeof(head);
	c = t->cfg, c.pvh = (struct fw_cfg_x86_pvh){ 0, 0x100000, 0x200000 };
	assert_int_equal(fw_cfg_x86_populate(t->d, &c, &t->boot), -ENOEXEC);
	fw_cfg_dev_destroy(t->d);
	t->d = fake_dev(&t->ram, true, 0);
	c = t->cfg, c.pvh = (struct fw_cfg_x86_pvh){ 1, 0x200000, 0x100000 };
	assert_int_equal(fw_cfg_x86_populate(t->d, &c, &t->boot), -EINVAL);
	fw_cfg_dev_destroy(t->d);
	t->d = fake_dev(&t->ram, true, 0);
	/* A short file: the 8 KiB head is zero padded. */
	c = t->cfg, c.pvh = (struct fw_cfg_x86_pvh){ 1, 0x100000, 0x200000 };
	assert_int_equal(fw_cfg_x86_populate(t->d, &c, &t->boot), 0);
	assert_memory_equal(item(t, FW_CFG_SETUP_DATA, 8192), head, sizeof(head));
	assert_int_equal(t->item[sizeof(head)], 0);
	assert_int_equal(t->item[8191], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(machine_items, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_config, setup, teardown),
		cmocka_unit_test_setup_teardown(bzimage_modern, setup, teardown),
		cmocka_unit_test_setup_teardown(bzimage_initrd_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(bzimage_old_protocols, setup, teardown),
		cmocka_unit_test_setup_teardown(bzimage_low_and_ancient, setup, teardown),
		cmocka_unit_test_setup_teardown(zimage_without_hdrs, setup, teardown),
		cmocka_unit_test(vga_modes),
		cmocka_unit_test(linux_errors),
		cmocka_unit_test_setup_teardown(borrowed_kernel, setup, teardown),
		cmocka_unit_test_setup_teardown(pvh_kernel, setup, teardown),
		cmocka_unit_test_setup_teardown(pvh_errors, setup, teardown),
	};
	return cmocka_run_group_tests_name("fw_cfg_x86", tests, NULL, NULL);
}
