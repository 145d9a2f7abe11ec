/* diff_main.c: jiffy's fw_cfg device against QEMU 7.2 over qtest, same inputs, same accesses; TAP out. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diff.h"
#include "fw_cfg/bytes.h"
#include "fw_cfg/opt.h"
#include "fw_cfg/x86.h"
#include "images.h"

#define MiB (1ull << 20)
#define GiB (1ull << 30)

static char dir[] = "/tmp/fw_cfg_diff.XXXXXX";

/* Every file QEMU's pc machine has that jiffy does not, one by one. */
#define PC_ONLY                                                             \
	"bios-geometry", "bootorder", "etc/acpi/rsdp", "etc/acpi/tables",   \
	"etc/smbios/smbios-anchor", "etc/smbios/smbios-tables",             \
	"etc/system-states", "etc/table-loader", "etc/tpm/log",             \
	"genroms/kvmvapic.bin"
static const char *const pc_only[] = { PC_ONLY, NULL };
static const char *const pc_linux_only[] = { PC_ONLY, "genroms/linuxboot_dma.bin", NULL };
static const char *const pc_pvh_only[] = { PC_ONLY, "genroms/pvh.bin", NULL };
/* arm virt: jiffy's ARM device in this test holds only the user files. */
static const char *const virt_only[] = {
	"bios-geometry", "bootorder", "etc/acpi/rsdp", "etc/acpi/tables",
	"etc/boot-fail-wait", "etc/smbios/smbios-anchor",
	"etc/smbios/smbios-tables", "etc/table-loader", "etc/tpm/log", NULL
};
/* HPET: QEMU pc has one and describes it; jiffy has none. */
static const uint16_t pc_keys_differ[] = { FW_CFG_HPET, 0 };
/*
 * And for PVH, SETUP_DATA: QEMU 7.2 registers its loader's on-stack
 * 8 KiB header buffer without copying it, so it serves whatever the
 * stack holds later (it changes between reads). jiffy serves the file's
 * first 8 KiB, as QEMU means to (checked by test_fw_cfg_x86).
 */
static const uint16_t pvh_keys_differ[] = { FW_CFG_HPET, FW_CFG_SETUP_DATA, 0 };

/* The user items, as -fw_cfg/--fw-cfg strings (%s: the temp dir). */
static const char *const user_opts[] = {
	"name=" "opt/jiffy/blob,file=%s/blob",
	"opt/jiffy/implied,string=implied name=",
	"name=opt/jiffy/comma,string=a,,b,,,,c",
	"name=opt/jiffy/one,file=%s/one",
	"name=opt/jiffy/empty,file=%s/empty",
	"name=opt/A-sorts-first,string=upper case sorts before lower",
	"name=opt/a-name-of-exactly-fifty-five-bytes-0123456789abcdef,string=55",
	"name=etc/jiffy-outside-opt,string=QEMU warns,, still adds",
};
#define N_USER (sizeof(user_opts) / sizeof(user_opts[0]))
static char user_args[N_USER][256];

static void write_file(const char *name, const void *p, size_t n)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f))
		abort();
}

static void *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	void *p;
	long len;

	if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0)
		abort();
	rewind(f);
	p = malloc((size_t)len + 1);
	if (fread(p, 1, (size_t)len, f) != (size_t)len)
		abort();
	fclose(f);
	*n = (size_t)len;
	return p;
}

/* Add the user items to jiffy's device the way jiffy's option will. */
static void add_user_items(struct fw_cfg_dev *d)
{
	unsigned i;

	for (i = 0; i < N_USER; i++) {
		struct fw_cfg_opt o;
		size_t n;
		void *data;

		if (fw_cfg_opt_parse(&o, user_args[i]))
			abort();
		if (o.file) {
			data = slurp(o.file, &n);
			if (fw_cfg_dev_add_file(d, o.name, data, n, 0))
				abort();
			free(data);
		} else if (fw_cfg_dev_add_file(d, o.name, o.string,
					       strlen(o.string), 0)) {
			abort();
		}
		fw_cfg_opt_release(&o);
	}
}

struct x86_run {
	const char *name;
	uint64_t ram;    /* -m */
	uint16_t cpus;   /* -smp */
	bool dma;
	enum fw_cfg_x86_kernel_kind kind;
	struct fake_bz bz;
	const char *cmdline; /* NULL: no -append */
	size_t initrd;       /* 0: no -initrd */
};

static const struct x86_run runs[] = {
	{ "pc", 512 * MiB, 1, true, FW_CFG_X86_NO_KERNEL, { 0 }, NULL, 0 },
	{ "pc-4g-smp2", 4 * GiB, 2, true, FW_CFG_X86_NO_KERNEL, { 0 }, NULL, 0 },
	{ "pc-nodma", 512 * MiB, 1, false, FW_CFG_X86_NO_KERNEL, { 0 }, NULL, 0 },
	{ "pc-bzimage-2.15", 512 * MiB, 1, true, FW_CFG_X86_LINUX, FAKE_BZ_MODERN,
	  "console=ttyS0 foo=bar vga=0x317", 100000 },
	{ "pc-bzimage-2.03", 512 * MiB, 1, true, FW_CFG_X86_LINUX,
	  { true, 0x0203, 0, 0x01, 0, 0x0fffffff, 150000 }, NULL, 5000 },
	{ "pc-bzimage-2.01", 512 * MiB, 1, true, FW_CFG_X86_LINUX,
	  { true, 0x0201, 4, 0x01, 0, 0, 60000 }, "root=/dev/sda vga=ask", 3000 },
	{ "pc-bzimage-2.00-low", 512 * MiB, 1, true, FW_CFG_X86_LINUX,
	  { true, 0x0200, 2, 0x00, 0, 0, 40000 }, "vga=normal", 0 },
	{ "pc-zimage-no-hdrs", 512 * MiB, 1, true, FW_CFG_X86_LINUX,
	  { false, 0, 1, 0x00, 0, 0, 30000 }, "x", 0 },
	{ "pc-pvh", 512 * MiB, 1, true, FW_CFG_X86_PVH, { 0 }, "console=ttyS0", 70000 },
};

/* Build both sides of one x86 run; false (with a TAP failure) if QEMU fails. */
static bool x86_open(const struct x86_run *run, struct diff_case *c,
		     uint8_t **kernel, uint8_t **initrd)
{
	static char mem[32], smp[8], kpath[300], ipath[300];
	const char *args[64] = { "-M", "pc", "-m", mem, "-smp", smp };
	struct fw_cfg_x86_config cfg = { 0 };
	struct fw_cfg_x86_boot boot;
	struct e820_entry e820[3];
	struct fake_pvh pv = { 0x100000, 16384, 20000, 0x100040, 0 };
	uint8_t vmci[16] = { 1 };
	char err[600];
	size_t ksize = 0;
	int n = 6;
	unsigned i;

	snprintf(mem, sizeof(mem), "%llu", (unsigned long long)(run->ram / MiB));
	snprintf(smp, sizeof(smp), "%u", run->cpus);
	/* A writable item (QEMU's vmcoreinfo device needs DMA). */
	if (run->dma) {
		args[n++] = "-device";
		args[n++] = "vmcoreinfo";
	} else {
		args[n++] = "-global";
		args[n++] = "fw_cfg_io.dma_enabled=off";
	}
	*kernel = *initrd = NULL;
	if (run->kind == FW_CFG_X86_LINUX) {
		*kernel = fake_bzimage(&run->bz);
		ksize = run->bz.size;
	} else if (run->kind == FW_CFG_X86_PVH) {
		*kernel = fake_pvh_elf(&pv);
		ksize = pv.size;
	}
	if (*kernel) {
		write_file("kernel", *kernel, ksize);
		snprintf(kpath, sizeof(kpath), "%s/kernel", dir);
		args[n++] = "-kernel";
		args[n++] = kpath;
	}
	if (run->initrd) {
		*initrd = malloc(run->initrd);
		fake_pattern(*initrd, run->initrd, 11);
		write_file("initrd", *initrd, run->initrd);
		snprintf(ipath, sizeof(ipath), "%s/initrd", dir);
		args[n++] = "-initrd";
		args[n++] = ipath;
	}
	if (run->cmdline) {
		args[n++] = "-append";
		args[n++] = run->cmdline;
	}
	for (i = 0; i < N_USER; i++) {
		args[n++] = "-fw_cfg";
		args[n++] = user_args[i];
	}
	args[n] = NULL;
	c->q = qtest_start("qemu-system-x86_64", args, err, sizeof(err));
	if (!c->q) {
		tap_ok(false, "%s: QEMU starts", c->name);
		tap_diag("%s", err);
		return false;
	}

	/* QEMU pc: below 4 GiB up to 3 GiB once RAM reaches 3.5 GiB. */
	cfg.ram_below_4g = run->ram >= 0xe0000000ull ? 3 * GiB : run->ram;
	cfg.ram_above_4g = run->ram - cfg.ram_below_4g;
	cfg.boot_cpus = run->cpus;
	/* Its e820: the AMD HyperTransport hole first (qemu64 is AMD). */
	e820[0] = (struct e820_entry){ 0xfd00000000ull, 0x300000000ull, E820_RESERVED };
	e820[1] = (struct e820_entry){ 0, cfg.ram_below_4g, E820_RAM };
	e820[2] = (struct e820_entry){ 4 * GiB, cfg.ram_above_4g, E820_RAM };
	cfg.e820 = e820;
	cfg.e820_entries = cfg.ram_above_4g ? 3 : 2;
	cfg.kernel_kind = run->kind;
	cfg.kernel = *kernel;
	cfg.kernel_size = ksize;
	cfg.pvh = (struct fw_cfg_x86_pvh){ pv.entry, pv.paddr, pv.paddr + pv.memsz };
	cfg.initrd = *initrd;
	cfg.initrd_size = run->initrd;
	cfg.cmdline = run->cmdline;
	cfg.borrow = true;
	c->j = devtarget_new(0, cfg.ram_below_4g, 0, run->dma);
	if (fw_cfg_x86_populate(devtarget_dev(c->j), &cfg, &boot) ||
	    (run->dma && fw_cfg_dev_add_file(devtarget_dev(c->j), "etc/vmcoreinfo",
					     vmci, 16, FW_CFG_DEV_WRITABLE)))
		abort();
	add_user_items(devtarget_dev(c->j));

	c->ram_base = 0;
	c->ram_end = cfg.ram_below_4g;
	c->work = 0x300000;
	c->shadow = 0x400000;
	c->unassigned = 0xf0000000ull;
	c->dma = run->dma;
	c->vmcoreinfo = run->dma;
	c->legacy_keys = true;
	c->qemu_only = run->kind == FW_CFG_X86_LINUX ? pc_linux_only
		       : run->kind == FW_CFG_X86_PVH ? pc_pvh_only : pc_only;
	c->keys_differ = run->kind == FW_CFG_X86_PVH ? pvh_keys_differ
						     : pc_keys_differ;
	return true;
}

static void run_checks(struct diff_case *c)
{
	check_power_on(c);
	check_probe(c);
	check_registers(c);
	check_directory(c);
	check_files(c);
	if (c->legacy_keys)
		check_legacy_keys(c);
	check_edges(c);
	c->q->ops->close(c->q);
	c->j->ops->close(c->j);
}

static void run_virt(void)
{
	struct diff_case c = { .name = "virt-mmio", .mmio = true,
			       .mmio_base = FW_CFG_ARM_VIRT_BASE };
	const char *args[64] = { "-M", "virt", "-m", "128" };
	char err[600];
	int n = 4;
	unsigned i;

	if (access("/usr/bin/qemu-system-aarch64", X_OK)) {
		tap_skip("qemu-system-aarch64 is not installed (Debian qemu-system-arm)",
			 "virt-mmio: MMIO transport against QEMU");
		return;
	}
	for (i = 0; i < N_USER; i++) {
		args[n++] = "-fw_cfg";
		args[n++] = user_args[i];
	}
	c.q = qtest_start("qemu-system-aarch64", args, err, sizeof(err));
	if (!c.q) {
		tap_ok(false, "virt-mmio: QEMU starts");
		tap_diag("%s", err);
		return;
	}
	c.j = devtarget_new(0x40000000, 128 * MiB, FW_CFG_ARM_VIRT_BASE, true);
	add_user_items(devtarget_dev(c.j));
	c.ram_base = 0x40000000;
	c.ram_end = 0x48000000;
	c.work = 0x40300000;
	c.shadow = 0x40400000;
	c.unassigned = 0x50000000;
	c.dma = true;
	c.qemu_only = virt_only;
	/* virt's own legacy keys (NB_CPUS...) are not jiffy's business. */
	c.legacy_keys = false;
	run_checks(&c);
}

int main(void)
{
	uint8_t *blob = malloc(70000), *kernel, *initrd;
	unsigned i;

	signal(SIGPIPE, SIG_IGN);
	if (!mkdtemp(dir))
		return 1;
	fake_pattern(blob, 70000, 17);
	write_file("blob", blob, 70000);
	write_file("one", "1", 1);
	write_file("empty", "", 0);
	for (i = 0; i < N_USER; i++)
		snprintf(user_args[i], sizeof(user_args[i]), user_opts[i], dir);

	for (i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		struct diff_case c = { .name = runs[i].name };

		if (x86_open(&runs[i], &c, &kernel, &initrd))
			run_checks(&c);
		free(kernel);
		free(initrd);
	}
	run_virt();

	for (i = 0; i < 5; i++) {
		static const char *const names[] = { "blob", "one", "empty", "kernel", "initrd" };
		char path[300];

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
	free(blob);
	tap_done();
	return 0;
}
