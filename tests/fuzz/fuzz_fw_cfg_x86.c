/* fuzz_fw_cfg_x86.c: libFuzzer target: x86 population with hostile kernel files and --fw-cfg strings. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../fw_cfg/fake.h"
#include "fw_cfg/opt.h"
#include "fw_cfg/x86.h"

/*
 * Input: one control byte, a NUL-terminated --fw-cfg string, a
 * NUL-terminated command line, then the kernel file. The control byte
 * picks the kernel kind, the initrd size and the RAM size, so the
 * header parsing, the placement arithmetic and the option parser all
 * see hostile values. Whatever comes back, the device must hold
 * consistent items: KERNEL_SIZE matches what KERNEL_DATA serves.
 */
static const char *take_str(const uint8_t **p, size_t *n)
{
	const uint8_t *nul = memchr(*p, 0, *n);
	const char *s = (const char *)*p;

	if (!nul)
		return NULL;
	*n -= (size_t)(nul + 1 - *p);
	*p = nul + 1;
	return s;
}

static void check_kernel(struct fw_cfg_dev *d, const struct fw_cfg_x86_boot *b)
{
	uint8_t v[4], x;

	fw_cfg_dev_io_write(d, 0, 2, (uint8_t[]){ FW_CFG_KERNEL_SIZE, 0 });
	fw_cfg_dev_io_read_rep(d, 1, 1, 4, v);
	if (fw_cfg_get_le32(v) != b->kernel_size)
		abort();
	/* The last byte of KERNEL_DATA exists, the one after reads 0. */
	fw_cfg_dev_io_write(d, 0, 2, (uint8_t[]){ FW_CFG_KERNEL_DATA, 0 });
	if (b->kernel_size) {
		uint8_t *tmp = malloc(b->kernel_size);

		fw_cfg_dev_io_read_rep(d, 1, 1, b->kernel_size, tmp);
		free(tmp);
	}
	fw_cfg_dev_io_read_rep(d, 1, 1, 1, &x);
	if (x)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct e820_entry e820[] = { { 0, 64 << 20, E820_RAM } };
	static uint8_t initrd[1 << 20];
	struct fw_cfg_x86_config cfg = { 0 };
	struct fw_cfg_x86_boot boot;
	struct fake_ram ram;
	struct fw_cfg_opt o;
	struct fw_cfg_dev *d;
	const char *opt, *cmdline;
	uint8_t ctl;
	int ret;

	if (size < 1)
		return 0;
	ctl = data[0];
	data++;
	size--;
	opt = take_str(&data, &size);
	cmdline = take_str(&data, &size);
	if (!opt || !cmdline)
		return 0;

	fake_ram_init(&ram, 0, 4096);
	d = fake_dev(&ram, true, 0);
	if (!fw_cfg_opt_parse(&o, opt) && o.string)
		fw_cfg_dev_add_file(d, o.name, o.string, strlen(o.string), 0);
	fw_cfg_opt_release(&o);

	/* Low RAM from just above the ACPI reserve (so initrds do not
	 * fit) to 3 GiB. */
	cfg.ram_below_4g = (ctl & 0x80) ? 3ull << 30
					: FW_CFG_X86_ACPI_DATA_SIZE + 0x1000 * (1 + (ctl & 7) * 64);
	cfg.ram_above_4g = (ctl & 0x40) ? 1ull << 30 : 0;
	cfg.boot_cpus = 1 + (ctl & 3);
	cfg.e820 = e820;
	cfg.e820_entries = 1;
	cfg.kernel_kind = (ctl >> 3) % 3;
	cfg.kernel = size ? data : NULL;
	cfg.kernel_size = size;
	cfg.pvh = (struct fw_cfg_x86_pvh){ (uint32_t)size, 0x100000,
					   0x100000 + size * (ctl & 0x20 ? 1 : 4096) };
	if (ctl & 0x10) {
		cfg.initrd = initrd;
		cfg.initrd_size = (ctl & 0x04) ? sizeof(initrd) : size % sizeof(initrd);
	}
	cfg.cmdline = cmdline;
	cfg.borrow = ctl & 0x08;
	ret = fw_cfg_x86_populate(d, &cfg, &boot);
	if (ret && !boot.error)
		abort();
	if (!ret && cfg.kernel_kind == FW_CFG_X86_LINUX)
		check_kernel(d, &boot);
	fw_cfg_dev_destroy(d);
	fake_ram_free(&ram);
	return 0;
}
