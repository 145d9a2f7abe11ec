/* fw_cfg.c: glue between the fw_cfg device model, guest RAM, the port bus and
 * the options. */
#include "devices/fw_cfg.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/layout.h"
#include "core/memory.h"
#include "fw_cfg/dev.h"
#include "fw_cfg/x86.h"
#include "platform/acpi_loader.h"
#include "status.h"
#include "trace.h"

struct fw_cfg_glue {
	struct fw_cfg_dev *dev;
	pthread_mutex_t lock; /* the model is not thread-safe */
	struct vm *vm;
	/* Files whose mappings items borrow: kernel, initrd, the modules
	 * mapped into a multiboot image, and --fw-cfg files. */
	struct input *files;
	unsigned nfiles;
	/* Mappings DMA may still make (see copy_dma). */
	unsigned maps_left;
};

/*
 * Each mapped DMA can split guest RAM's mapping in three, and a process
 * has vm.max_map_count (65530) mappings in all: a guest repeating small
 * DMAs could use them up, and then jiffy's own allocations would fail.
 * Real firmware reads each file once; past this budget DMA copies.
 */
#define FW_CFG_DMA_MAPS_MAX 4096

/*
 * DMA reaches guest RAM run by run; the rest of the address space fails
 * it (jiffy has no MMIO a DMA could hit). So does firmware ROM: QEMU
 * refuses a DMA store into ROM too, though it would let one read it.
 */
static void *map_guest(void *opaque, uint64_t gpa, uint64_t len, bool write,
		       uint64_t *run)
{
	struct fw_cfg_glue *g = opaque;

	(void)write; /* no dirty logging: jiffy does not migrate */
	return guest_ram_run(&g->vm->ram, gpa, len, run);
}

/*
 * --trace: how long the large DMA copies take (kernel, initrd, modules),
 * so that a firmware's own work can be told from the VMM's copying. The
 * descriptor is read before the transfer overwrites its control word.
 */
#define TRACE_DMA_MIN (64 * 1024)

static void fw_cfg_dma_traced(struct fw_cfg_glue *g, struct bus_access *a)
{
	uint32_t be, gpa;
	const struct fw_cfg_dma_access *desc;
	uint32_t control = 0, len = 0;
	double t0;

	memcpy(&be, a->data, sizeof(be));
	gpa = __builtin_bswap32(be);
	desc = guest_ram_ptr(&g->vm->ram, gpa, sizeof(*desc));
	if (desc) {
		control = __builtin_bswap32(desc->control);
		len = __builtin_bswap32(desc->length);
	}
	t0 = trace_now_ms();
	fw_cfg_dev_io_write_rep(g->dev, a->offset, a->size, a->count, a->data);
	if (len < TRACE_DMA_MIN || !(control & FW_CFG_DMA_CTL_READ))
		return;
	if (control & FW_CFG_DMA_CTL_SELECT)
		trace_phasef("fw_cfg DMA copy: %u KiB of key 0x%x in %.3f ms",
			     len >> 10, control >> 16, trace_now_ms() - t0);
	else
		trace_phasef("fw_cfg DMA copy: %u KiB in %.3f ms", len >> 10,
			     trace_now_ms() - t0);
}

/*
 * DMA out of a borrowed file mapping (kernel, initrd, modules, --fw-cfg
 * files) lands the way the direct boot loads files: whole pages mapped
 * copy-on-write from the file where file offset and guest address agree
 * modulo the page size, only the edges copied. A firmware reading a 128
 * MiB initrd then costs a few system calls, not a page fault per page on
 * each side. The device calls this once per RAM run, so [gpa, gpa + len)
 * is always RAM; memory_load checks it all the same and, if it cannot
 * map, the bytes are copied.
 */
/* The file mapping holding p, or NULL; *next: the nearest one above p. */
static const struct input *file_at(const struct fw_cfg_glue *g,
				   const uint8_t *p, const uint8_t **next)
{
	*next = NULL;
	for (unsigned i = 0; i < g->nfiles; i++) {
		const struct input *in = &g->files[i];

		if (in->fd < 0)
			continue;
		if (p >= in->data && p < in->data + in->size)
			return in;
		if (in->data > p && (!*next || in->data < *next))
			*next = in->data;
	}
	return NULL;
}

static void copy_dma(void *opaque, uint64_t gpa, void *dst, const void *src,
		     size_t len)
{
	struct fw_cfg_glue *g = opaque;
	const uint8_t *p = src, *next;
	uint8_t *d = dst;

	/* A multiboot image is modules (files) between strings (memory):
	 * piece by piece. */
	while (len) {
		const struct input *in = file_at(g, p, &next);
		struct load_stats st = { 0 };
		size_t n = len;

		if (in) {
			if (n > in->size - (size_t)(p - in->data))
				n = in->size - (size_t)(p - in->data);
			/* fd -1: memory_load copies from the mapping. */
			if (memory_load(g->vm, gpa, g->maps_left ? in->fd : -1,
					in->data, (uint64_t)(p - in->data), n,
					&st))
				memmove(d, p, n);
			if (st.mapped)
				g->maps_left--;
		} else {
			if (next && (size_t)(next - p) < n)
				n = (size_t)(next - p);
			memmove(d, p, n);
		}
		p += n;
		d += n;
		gpa += n;
		len -= n;
	}
}

static void fw_cfg_io(void *dev, struct bus_access *a)
{
	struct fw_cfg_glue *g = dev;

	pthread_mutex_lock(&g->lock);
	if (a->write && a->offset == FW_CFG_PORT_DMA_LO - FW_CFG_PORT_BASE &&
	    a->size == 4 && a->count == 1 && trace_enabled())
		fw_cfg_dma_traced(g, a);
	else if (a->write)
		fw_cfg_dev_io_write_rep(g->dev, a->offset, a->size, a->count,
					a->data);
	else
		fw_cfg_dev_io_read_rep(g->dev, a->offset, a->size, a->count,
				       a->data);
	pthread_mutex_unlock(&g->lock);
}

/*
 * etc/e820 as QEMU with KVM builds it: KVM's identity-map and TSS pages
 * reserved (added first, at accelerator start), then RAM below and above
 * 4 GiB as whole ranges. Firmware carves its own areas out of them.
 */
static unsigned qemu_e820(const struct vm *vm, struct e820_entry *e)
{
	uint64_t low = vm->ram_size < LOW_RAM_MAX ? vm->ram_size : LOW_RAM_MAX;
	unsigned n = 0;

	e[n++] = (struct e820_entry){ KVM_IDENTITY_MAP_ADDR, 4 * 4096,
				      E820_RESERVED };
	e[n++] = (struct e820_entry){ 0, low, E820_RAM };
	if (vm->ram_size > low)
		e[n++] = (struct e820_entry){ HIGH_RAM_START,
					      vm->ram_size - low, E820_RAM };
	return n;
}

static int populate(struct fw_cfg_glue *g, const struct fw_cfg_request *req)
{
	struct vm *vm = g->vm;
	struct e820_entry e820[3];
	struct fw_cfg_x86_boot boot;
	struct fw_cfg_x86_config cfg = {
		.ram_below_4g =
			vm->ram_size < LOW_RAM_MAX ? vm->ram_size : LOW_RAM_MAX,
		.boot_cpus = (uint16_t)vm->ncpus,
		.e820 = e820,
		.nographic = true,
		.borrow = true,
		.cmdline = req->cmdline,
	};
	int ret;

	cfg.ram_above_4g = vm->ram_size - cfg.ram_below_4g;
	cfg.e820_entries = qemu_e820(vm, e820);
	if (req->kernel && req->loaded) {
		cfg.kernel = req->kernel->data;
		cfg.kernel_size = req->kernel->size;
		switch (req->loaded->kind) {
		case LOADED_BZIMAGE:
			cfg.kernel_kind = FW_CFG_X86_LINUX;
			break;
		case LOADED_MULTIBOOT:
			cfg.kernel_kind = FW_CFG_X86_MULTIBOOT;
			cfg.multiboot = req->loaded->multiboot;
			break;
		case LOADED_PVH:
			cfg.kernel_kind = FW_CFG_X86_PVH;
			cfg.pvh = (struct fw_cfg_x86_pvh){ req->loaded->entry,
							   req->loaded->lo,
							   req->loaded->hi };
			break;
		default:
			cfg.kernel_kind = FW_CFG_X86_NO_KERNEL;
			break;
		}
	}
	if (req->initrd && cfg.kernel_kind != FW_CFG_X86_NO_KERNEL) {
		cfg.initrd = req->initrd->data;
		cfg.initrd_size = req->initrd->size;
		g->files[g->nfiles++] = *req->initrd;
	}
	if (cfg.kernel_kind == FW_CFG_X86_LINUX)
		g->files[g->nfiles++] = *req->kernel;
	for (unsigned i = 0; req->loaded && i < req->loaded->nmapped; i++)
		g->files[g->nfiles++] = req->loaded->mapped[i];
	ret = fw_cfg_x86_populate(g->dev, &cfg, &boot);
	if (ret) {
		fprintf(stderr,
			"jiffy: cannot describe the machine in fw_cfg: %s\n",
			boot.error ? boot.error : strerror(-ret));
		return STATUS_USAGE;
	}
	return 0;
}

/*
 * Firmware places ACPI tables where it likes; QEMU's files and script say
 * how (lib/platform/acpi_loader.h). The tables are those of a direct boot,
 * with the same pm registers and fw_cfg described, so a kernel sees one
 * machine either way.
 */
static int add_acpi(struct fw_cfg_glue *g)
{
	struct acpi_config cfg = loader_acpi_config(g->vm);
	size_t size = acpi_tables_size(&cfg);
	void *tables = size ? malloc(size) : NULL;
	struct acpi_loader l;
	int ret = -ENOMEM;

	if (tables)
		ret = acpi_loader_build(tables, size, &cfg, &l);
	if (!ret)
		ret = fw_cfg_dev_add_file(g->dev, ACPI_LOADER_TABLES_FILE,
					  tables, l.tables_size, 0);
	if (!ret)
		ret = fw_cfg_dev_add_file(g->dev, ACPI_LOADER_RSDP_FILE,
					  &l.rsdp, sizeof(l.rsdp), 0);
	if (!ret)
		ret = fw_cfg_dev_add_file(g->dev, TABLE_LOADER_FILE, l.cmds,
					  l.ncmds * sizeof(l.cmds[0]), 0);
	free(tables);
	if (ret) {
		fprintf(stderr,
			"jiffy: cannot put the ACPI tables for %u vCPUs in fw_cfg: %s\n",
			g->vm->ncpus, strerror(-ret));
		return STATUS_HOST;
	}
	return 0;
}

static int add_item(struct fw_cfg_glue *g, const struct fw_cfg_item *it)
{
	struct input in;
	int ret;

	if (it->file) {
		ret = input_open(&in, "--fw-cfg", it->file);
		if (ret)
			return ret;
		/* Borrowed: the device reads the read-only mapping. */
		ret = fw_cfg_dev_add_file(g->dev, it->name, in.data, in.size,
					  FW_CFG_DEV_BORROW);
		/* Its DMA reads map pages too (g->files has room). */
		if (!ret)
			g->files[g->nfiles++] = in;
	} else {
		ret = fw_cfg_dev_add_file(g->dev, it->name, it->string,
					  strlen(it->string), 0);
	}
	switch (ret) {
	case 0:
		return 0;
	case -EEXIST:
		fprintf(stderr,
			"jiffy: --fw-cfg %s: an item named %s already exists\n",
			it->arg, it->name);
		return STATUS_USAGE;
	case -ENOSPC:
		fprintf(stderr,
			"jiffy: --fw-cfg %s: too many fw_cfg files (the device has %u slots)\n",
			it->arg, fw_cfg_dev_file_count(g->dev));
		return STATUS_USAGE;
	case -EFBIG:
		fprintf(stderr,
			"jiffy: --fw-cfg %s: the file is 4 GiB or larger, more than fw_cfg can describe\n",
			it->arg);
		return STATUS_USAGE;
	default:
		fprintf(stderr, "jiffy: --fw-cfg %s: %s\n", it->arg,
			strerror(-ret));
		return STATUS_USAGE;
	}
}

int fw_cfg_create(struct vm *vm, const struct fw_cfg_request *req)
{
	struct fw_cfg_glue *g = calloc(1, sizeof(*g));
	struct fw_cfg_dev_config cfg;
	int ret;

	if (!g)
		return STATUS_HOST;
	/* Room for every file the copy hook may map from. */
	g->files = calloc(2 + (req->loaded ? req->loaded->nmapped : 0) +
				  req->nitems,
			  sizeof(*g->files));
	if (!g->files)
		return STATUS_HOST;
	g->vm = vm;
	g->maps_left = FW_CFG_DMA_MAPS_MAX;
	pthread_mutex_init(&g->lock, NULL);
	cfg = (struct fw_cfg_dev_config){ .map = map_guest,
					  .map_opaque = g,
					  .copy = copy_dma };
	if (fw_cfg_dev_create(&g->dev, &cfg) ||
	    bus_add(&vm->pio, FW_CFG_PORT_BASE, FW_CFG_PORT_SIZE, fw_cfg_io, g,
		    "fw_cfg")) {
		fprintf(stderr, "jiffy: cannot create the fw_cfg device\n");
		return STATUS_HOST;
	}
	ret = populate(g, req);
	if (!ret && req->acpi)
		ret = add_acpi(g);
	for (unsigned i = 0; !ret && i < req->nitems; i++)
		ret = add_item(g, &req->items[i]);
	return ret;
}
