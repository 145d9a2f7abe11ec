/* test_firmware_panic.c: every way jiffy's firmware refuses to boot says why on COM1 and leaves with DEBUG_EXIT_PANIC. */
#include "fw_harness.h"

#include "../fw_cfg/images.h"
#include "abi/table_loader.h"
#include "image_builder.h"

#define MiB (1ull << 20)

static uint8_t *file;

static int setup(void **state)
{
	fwh_setup(true);
	file = NULL;
	return 0;
}

static int teardown(void **state)
{
	fwh_teardown();
	free(file);
	return 0;
}

static void u32_item(uint16_t key, uint32_t v)
{
	assert_int_equal(fw_cfg_dev_add_u32(fwh->d, key, v), 0);
}

/* A PVH kernel as QEMU leaves it, items added one by one. */
static void pvh_items(uint32_t initrd_addr, uint32_t initrd_size)
{
	static const uint8_t head[8] = "\x7f" "ELF";

	u32_item(FW_CFG_KERNEL_ENTRY, 0x100000);
	u32_item(FW_CFG_KERNEL_ADDR, 0x100000);
	u32_item(FW_CFG_KERNEL_SIZE, 0x1000);
	u32_item(FW_CFG_SETUP_SIZE, sizeof(head));
	assert_int_equal(fw_cfg_dev_add(fwh->d, FW_CFG_SETUP_DATA, head,
					sizeof(head), 0),
			 0);
	assert_int_equal(fw_cfg_dev_add(fwh->d, FW_CFG_CMDLINE_DATA, "", 1, 0),
			 0);
	u32_item(FW_CFG_INITRD_ADDR, initrd_addr);
	u32_item(FW_CFG_INITRD_SIZE, initrd_size);
}

static void empty_read(void *ctx, void *buf, uint32_t n)
{
	memset(buf, 0xff, n); /* nothing answers on the ports */
}

static void empty_select(void *ctx, uint16_t key)
{
}

static void no_fw_cfg(void **state)
{
	fwh->ops = (struct fw_cfg_client_ops){ .select = empty_select,
					       .read = empty_read };
	fwh_run();
	fwh_assert_panic("no fw_cfg device: port 0x510 does not answer");
	assert_int_equal(fwh->nposts, 2);
	assert_int_equal(fwh->posts[0], POST_FW_START);
}

static void no_kernel(void **state)
{
	fwh_populate();
	fwh_run();
	fwh_assert_panic("no kernel: fw_cfg has no KERNEL_* or SETUP_* items");
}

static void no_e820(void **state)
{
	pvh_items(0, 0);
	fwh_run();
	fwh_assert_panic("fw_cfg has no etc/e820 file");
}

/* A file as QEMU's Linux loader hands it over, split, and a boot. */
static void linux_run(struct fake_bz *bz)
{
	file = fake_bzimage(bz);
	fwh->cfg.kernel_kind = FW_CFG_X86_LINUX;
	fwh->cfg.kernel = file;
	fwh->cfg.kernel_size = bz->size;
	fwh_populate();
	fwh_run();
}

/* What QEMU hands over for a file it knows nothing about: a "zImage". */
static void unknown_format(void **state)
{
	struct fake_bz bz = { .hdrs = false, .setup_sects = 4, .size = 9000 };

	linux_run(&bz);
	fwh_assert_panic("unknown kernel format: no Linux setup header");
}

static void modern_run(uint16_t protocol, uint8_t loadflags)
{
	struct fake_bz bz = FAKE_BZ_MODERN;

	bz.protocol = protocol;
	bz.loadflags = loadflags;
	linux_run(&bz);
}

static void protocol_too_old(void **state)
{
	modern_run(0x0201, LOADED_HIGH);
	fwh_assert_panic("boot protocol 2.01, loadflags 0x81: the 32-bit entry needs a bzImage");
}

static void zimage(void **state)
{
	modern_run(0x020f, 0);
	fwh_assert_panic("loadflags 0x80: the 32-bit entry needs a bzImage");
}

/* Room to decompress into: 64 MiB, all of RAM. */
static void bzimage_too_big(void **state)
{
	static uint8_t initrd[4096];
	struct setup_header h;
	size_t size;

	tbz_default_header(&h, 0x3000);
	h.init_size = 64 * MiB;
	file = tbz_build(&h, 0x3000, &size);
	fwh->cfg.kernel_kind = FW_CFG_X86_LINUX;
	fwh->cfg.kernel = file;
	fwh->cfg.kernel_size = size;
	fwh->cfg.initrd = initrd;
	fwh->cfg.initrd_size = sizeof(initrd);
	fwh_populate();
	fwh_run();
	fwh_assert_panic("kernel does not fit in RAM below the initrd: kernel needs 0x4000000 bytes");
}

/* A PVH kernel spanning [1 MiB, hi), populated as jiffy does. */
static void pvh_populate(uint64_t hi, const char *cmdline,
			 const uint8_t *initrd, size_t initrd_size)
{
	struct fake_pvh pv = { .paddr = 0x100000, .filesz = 4096,
			       .memsz = 4096, .entry = 0x100000 };

	file = fake_pvh_elf(&pv);
	fwh->cfg.kernel_kind = FW_CFG_X86_PVH;
	fwh->cfg.kernel = file;
	fwh->cfg.kernel_size = pv.size;
	fwh->cfg.pvh = (struct fw_cfg_x86_pvh){ 0x100000, 0x100000, hi };
	fwh->cfg.cmdline = cmdline;
	fwh->cfg.initrd = initrd;
	fwh->cfg.initrd_size = initrd_size;
	fwh_populate();
	fwh_run();
}

/* QEMU places the initrd without looking at the kernel. */
static void initrd_over_pvh_kernel(void **state)
{
	static uint8_t initrd[4096];

	pvh_populate(FWH_RAM - 0x10000, NULL, initrd, sizeof(initrd));
	fwh_assert_panic("the initrd [0x3fd6000, 0x3fd7000) overlaps the kernel");
}

static void initrd_beyond_ram(void **state)
{
	fwh->cfg.kernel_kind = FW_CFG_X86_NO_KERNEL;
	fwh_populate();
	pvh_items(128 * MiB, 1000);
	fwh_run();
	fwh_assert_panic("the initrd (1000 bytes at 0x8000000) does not fit in RAM");
}

static void cmdline_too_long(void **state)
{
	static char cmdline[70000];

	memset(cmdline, 'c', sizeof(cmdline) - 1);
	pvh_populate(0x101000, cmdline, NULL, 0);
	fwh_assert_panic("the command line is longer than the 65535 bytes");
}

static void multiboot_items(uint32_t addr, uint32_t size, uint32_t mbi_size)
{
	static uint8_t image[4096], mbi[120];

	fwh_populate();
	u32_item(FW_CFG_KERNEL_ENTRY, 0x100000);
	u32_item(FW_CFG_KERNEL_ADDR, addr);
	u32_item(FW_CFG_KERNEL_SIZE, size);
	assert_int_equal(fw_cfg_dev_add(fwh->d, FW_CFG_KERNEL_DATA, image,
					sizeof(image), 0),
			 0);
	u32_item(FW_CFG_INITRD_ADDR, 0x9500);
	u32_item(FW_CFG_INITRD_SIZE, mbi_size);
	assert_int_equal(fw_cfg_dev_add(fwh->d, FW_CFG_INITRD_DATA, mbi,
					mbi_size, 0),
			 0);
	fwh_run();
}

static void multiboot_too_big(void **state)
{
	multiboot_items(0x100000, 80 * MiB, 88);
	fwh_assert_panic("the multiboot image (kernel and modules) (83886080 bytes at 0x100000) does not fit in RAM");
}

static void multiboot_over_firmware(void **state)
{
	multiboot_items(0x2000, 0x1000, 88);
	fwh_assert_panic("the multiboot image (kernel and modules) [0x2000, 0x3000) overlaps the firmware's own memory");
}

static void multiboot_short_info(void **state)
{
	multiboot_items(0x100000, 0x1000, 20);
	fwh_assert_panic("the boot information (INITRD_SIZE) is 20 bytes");
}

static void acpi_script(const struct table_loader_cmd *c, unsigned n)
{
	static const uint8_t blob[64];

	assert_int_equal(fw_cfg_dev_add_file(fwh->d, "etc/acpi/tables", blob,
					     sizeof(blob), 0),
			 0);
	assert_int_equal(fw_cfg_dev_add_file(fwh->d, TABLE_LOADER_FILE, c,
					     n * sizeof(*c), 0),
			 0);
	fwh_populate();
	fwh_run();
}

static void acpi_missing_file(void **state)
{
	struct table_loader_cmd c = { .command = TABLE_LOADER_ALLOCATE };

	strcpy(c.alloc.file, "etc/acpi/nothing");
	c.alloc.zone = TABLE_LOADER_ZONE_HIGH;
	acpi_script(&c, 1);
	fwh_assert_panic("ACPI table loader: no fw_cfg file etc/acpi/nothing");
}

static void acpi_unallocated(void **state)
{
	struct table_loader_cmd c = { .command = TABLE_LOADER_ADD_CHECKSUM };

	strcpy(c.cksum.file, "etc/acpi/tables");
	c.cksum.length = 36;
	acpi_script(&c, 1);
	fwh_assert_panic("ACPI table loader: etc/acpi/tables is used before it is allocated");
}

static void acpi_bad_range(void **state)
{
	struct table_loader_cmd c[2] = { { .command = TABLE_LOADER_ALLOCATE },
					 { .command =
						   TABLE_LOADER_ADD_POINTER } };

	strcpy(c[0].alloc.file, "etc/acpi/tables");
	c[0].alloc.zone = TABLE_LOADER_ZONE_HIGH;
	strcpy(c[1].pointer.dest_file, "etc/acpi/tables");
	strcpy(c[1].pointer.src_file, "etc/acpi/tables");
	c[1].pointer.offset = 62;
	c[1].pointer.size = 4;
	acpi_script(c, 2);
	fwh_assert_panic("ACPI table loader: bad pointer (4 bytes at 62) in etc/acpi/tables");
}

int main(void)
{
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(no_fw_cfg),
		T(no_kernel),
		T(no_e820),
		T(unknown_format),
		T(protocol_too_old),
		T(zimage),
		T(bzimage_too_big),
		T(initrd_over_pvh_kernel),
		T(initrd_beyond_ram),
		T(cmdline_too_long),
		T(multiboot_too_big),
		T(multiboot_over_firmware),
		T(multiboot_short_info),
		T(acpi_missing_file),
		T(acpi_unallocated),
		T(acpi_bad_range),
	};
	return cmocka_run_group_tests_name("firmware_panic", tests, NULL, NULL);
}
