/* test_fw_cfg_x86_multiboot.c: QEMU's multiboot hand-over: the packed image, the information, the items. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../fw_cfg/fake.h"
#include "fw_cfg/bytes.h"
#include "fw_cfg/x86.h"
#include "mb_image.h"

#define MiB  (1ull << 20)
#define PAGE 4096u

/* An a.out kludge kernel at 1 MiB: 0x3000 bytes of file, BSS to 0x5800. */
static void aout_kernel(struct mb_kernel *k, uint8_t **file, size_t *size)
{
	struct multiboot_header h = { .header_addr = 0x100000,
				      .load_addr = 0x100000,
				      .bss_end_addr = 0x105800,
				      .entry_addr = 0x100020 };

	*size = 0x3000;
	*file = tmb_aout(*size, 0, MULTIBOOT_AOUT_KLUDGE, &h);
	assert_int_equal(mb_parse(k, *file, *size, NULL), 0);
}

static uint32_t le32(const uint8_t *p)
{
	return fw_cfg_get_le32(p);
}

static void packed_like_qemu(void **state)
{
	uint8_t mod0[5000], mod1[PAGE + 1];
	struct fw_cfg_x86_mb_module mods[] = {
		{ mod0, sizeof(mod0), "m0 a b" },
		{ mod1, sizeof(mod1), NULL },
	};
	struct fw_cfg_x86_mb_input in = { .kernel_path = "kernel",
					  .append = "x=1",
					  .loader_name = "qemu",
					  .mods = mods,
					  .nmods = 2 };
	struct fw_cfg_x86_multiboot mb;
	struct mb_kernel k;
	uint8_t *file, *img, *list;
	uint64_t size;
	size_t fsize;

	aout_kernel(&k, &file, &fsize);
	in.file = file, in.file_size = fsize, in.k = &k;
	memset(mod0, 0xa0, sizeof(mod0));
	memset(mod1, 0xa1, sizeof(mod1));
	/* Kernel span 0x5800 -> 0x6000; list and strings one page; then the
	 * modules, each page-aligned: 0x2000 and 0x2000. */
	size = fw_cfg_x86_mb_size(&in);
	assert_int_equal(size, 0x6000 + PAGE + 0x2000 + 0x2000);
	img = calloc(1, size);
	fw_cfg_x86_mb_pack(img, &in, &mb);
	assert_int_equal(mb.entry, 0x100020);
	assert_int_equal(mb.addr, 0x100000);
	assert_int_equal(mb.size, size);
	assert_ptr_equal(mb.image, img);
	/* The kernel as it lies in memory, BSS zero. */
	assert_memory_equal(img, file, fsize);
	assert_memory_equal(img + fsize, (uint8_t[0x2800]){ 0 }, 0x2800);
	/* The information QEMU gives, memory fields left to firmware. */
	assert_int_equal(le32(mb.info + MBI_FLAGS), 0x24f);
	assert_int_equal(le32(mb.info + MBI_MEM_LOWER), 0);
	assert_int_equal(le32(mb.info + MBI_MEM_UPPER), 0);
	assert_int_equal(le32(mb.info + 12), 0x8000ffff);
	assert_int_equal(le32(mb.info + MBI_MMAP_ADDR),
			 FW_CFG_X86_MB_MMAP_ADDR);
	assert_int_equal(le32(mb.info + MBI_MMAP_LENGTH), 0);
	assert_int_equal(le32(mb.info + MBI_MODS_COUNT), 2);
	assert_int_equal(le32(mb.info + MBI_MODS_ADDR), 0x106000);
	assert_string_equal(img + le32(mb.info + MBI_CMDLINE) - 0x100000,
			    "kernel x=1");
	assert_string_equal(img + le32(mb.info + MBI_BOOT_LOADER_NAME) -
				    0x100000,
			    "qemu");
	/* The module list: page-aligned modules after the strings. */
	list = img + 0x6000;
	assert_int_equal(le32(list), 0x107000);
	assert_int_equal(le32(list + 4), 0x107000 + sizeof(mod0));
	assert_string_equal(img + le32(list + 8) - 0x100000, "m0 a b");
	assert_int_equal(le32(list + 16), 0x109000);
	assert_int_equal(le32(list + 20), 0x109000 + sizeof(mod1));
	assert_int_equal(le32(list + 24), 0);
	assert_memory_equal(img + 0x7000, mod0, sizeof(mod0));
	assert_memory_equal(img + 0x9000, mod1, sizeof(mod1));
	assert_int_equal(fw_cfg_x86_mb_module_offset(&in, 0), 0x7000);
	assert_int_equal(fw_cfg_x86_mb_module_offset(&in, 1), 0x9000);
	/* A module already in place (a VMM's file mapping) is not copied:
	 * here its bytes differ from what pack would have written. */
	memset(img, 0, size);
	memset(img + 0x9000, 0x77, sizeof(mod1));
	mods[1].data = img + 0x9000;
	fw_cfg_x86_mb_pack(img, &in, &mb);
	assert_memory_equal(img + 0x7000, mod0, sizeof(mod0));
	assert_int_equal(img[0x9000], 0x77);
	assert_int_equal(img[0x9000 + sizeof(mod1) - 1], 0x77);
	free(img);
	free(file);
}

static void too_big(void **state)
{
	struct fw_cfg_x86_mb_module big = { "", 3ull << 30, NULL };
	struct fw_cfg_x86_mb_input in = { .kernel_path = "k",
					  .append = "",
					  .loader_name = "",
					  .mods = &big,
					  .nmods = 1 };
	struct mb_kernel k;
	uint8_t *file;
	size_t fsize;

	aout_kernel(&k, &file, &fsize);
	in.file = file, in.file_size = fsize, in.k = &k;
	/* 3 GiB of module from 1 MiB fits below 4 GiB... */
	assert_int_not_equal(fw_cfg_x86_mb_size(&in), 0);
	/* ...two do not. */
	struct fw_cfg_x86_mb_module two[] = { big, big };
	in.mods = two, in.nmods = 2;
	assert_int_equal(fw_cfg_x86_mb_size(&in), 0);
	big.size = 1ull << 32;
	in.mods = &big, in.nmods = 1;
	assert_int_equal(fw_cfg_x86_mb_size(&in), 0);
	free(file);
}

/* The items: what firmware (and QEMU's option ROM) reads. */
static void items(void **state)
{
	struct fake_ram ram;
	struct fw_cfg_dev *d;
	struct e820_entry e820 = { 0, 128 * MiB, E820_RAM };
	static const uint8_t image[3 * PAGE] = { 1, 2, 3 };
	struct fw_cfg_x86_multiboot mb = { .entry = 0x100020,
					   .addr = 0x100000,
					   .image = image,
					   .size = sizeof(image) };
	struct fw_cfg_x86_config cfg = { .ram_below_4g = 128 * MiB,
					 .boot_cpus = 1,
					 .e820 = &e820,
					 .e820_entries = 1,
					 .kernel_kind = FW_CFG_X86_MULTIBOOT,
					 .multiboot = &mb };
	struct fw_cfg_x86_boot boot;
	uint8_t b[FW_CFG_X86_MBI_SIZE + 1];

	fake_ram_init(&ram, 0, 4096);
	d = fake_dev(&ram, true, 0);
	memset(mb.info, 0x5c, sizeof(mb.info));
	assert_int_equal(fw_cfg_x86_populate(d, &cfg, &boot), 0);
#define U32(key)                                                 \
	(fake_out(d, FW_CFG_PORT_SEL, 2, (key)),                 \
	 fw_cfg_dev_io_read_rep(d, 1, 1, 4, b), fw_cfg_get_le32(b))
	assert_int_equal(U32(FW_CFG_KERNEL_ENTRY), 0x100020);
	assert_int_equal(U32(FW_CFG_KERNEL_ADDR), 0x100000);
	assert_int_equal(U32(FW_CFG_KERNEL_SIZE), sizeof(image));
	assert_int_equal(U32(FW_CFG_INITRD_ADDR), 0x9500);
	assert_int_equal(U32(FW_CFG_INITRD_SIZE), 88);
	/* No setup items: that is how firmware tells multiboot apart. */
	assert_int_equal(U32(FW_CFG_SETUP_SIZE), 0);
	assert_int_equal(U32(FW_CFG_CMDLINE_SIZE), 0);
	fake_out(d, FW_CFG_PORT_SEL, 2, FW_CFG_INITRD_DATA);
	fw_cfg_dev_io_read_rep(d, 1, 1, sizeof(b), b);
	assert_memory_equal(b, mb.info, 88);
	assert_int_equal(b[88], 0);
	fake_out(d, FW_CFG_PORT_SEL, 2, FW_CFG_KERNEL_DATA);
	fw_cfg_dev_io_read_rep(d, 1, 1, 3, b);
	assert_memory_equal(b, image, 3);
#undef U32
	fw_cfg_dev_destroy(d);
	/* A multiboot kind without its hand-over is a bad config. */
	d = fake_dev(&ram, true, 0);
	cfg.multiboot = NULL;
	assert_int_equal(fw_cfg_x86_populate(d, &cfg, &boot), -EINVAL);
	fw_cfg_dev_destroy(d);
	fake_ram_free(&ram);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(packed_like_qemu),
		cmocka_unit_test(too_big),
		cmocka_unit_test(items),
	};
	return cmocka_run_group_tests_name("fw_cfg_x86_multiboot", tests, NULL,
					   NULL);
}
