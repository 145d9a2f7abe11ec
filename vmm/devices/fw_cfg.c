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
#include "status.h"

/* A file whose read-only mapping items borrow (kernel, initrd, --fw-cfg). */
struct fw_cfg_source {
	const uint8_t *data;
	uint64_t size;
	int fd;
};

/* Every --fw-cfg file, the kernel and the initrd. */
#define FW_CFG_MAX_SOURCES (FW_CFG_FILE_SLOTS_DFLT + 2)

/*
 * Below this a DMA copies: a copy of a few pages costs what a mapping
 * does, and every mapping is one more VMA in jiffy.
 */
#define FW_CFG_MAP_MIN (1u << 20)
#define PAGE_SIZE      4096u

struct fw_cfg_glue {
	struct fw_cfg_dev *dev;
	pthread_mutex_t lock; /* the model is not thread-safe */
	struct vm *vm;
	unsigned nsrc;
	struct fw_cfg_source src[FW_CFG_MAX_SOURCES];
};

static void add_source(struct fw_cfg_glue *g, const struct input *in)
{
	if (in->fd >= 0 && in->size && g->nsrc < FW_CFG_MAX_SOURCES)
		g->src[g->nsrc++] = (struct fw_cfg_source){ in->data, in->size,
							    in->fd };
}

/* DMA reaches guest RAM run by run; the rest of the address space is
 * unassigned for it (jiffy has no MMIO device a DMA could hit). */
static void *map_guest(void *opaque, uint64_t gpa, uint64_t len, bool write,
		       uint64_t *run)
{
	struct fw_cfg_glue *g = opaque;

	(void)write; /* no dirty logging: jiffy does not migrate */
	return guest_ram_run(&g->vm->ram, gpa, len, run);
}

/*
 * A DMA READ of a borrowed file's bytes: where guest pages and file pages
 * line up, map them into guest RAM copy-on-write, as the loaders do,
 * instead of copying. Fresh guest pages cost a host page fault each when
 * written, which makes a copy of 256 MiB take ~170 ms here; the mapping
 * takes well under a millisecond. Elsewhere a plain copy: its source
 * mapping stays populated for the next transfer (pread would not).
 */
static void store_guest(void *opaque, void *dst, const void *src, uint64_t len)
{
	struct fw_cfg_glue *g = opaque;
	const uint8_t *s = src;
	struct load_stats st = { 0 };

	for (unsigned i = 0; len >= FW_CFG_MAP_MIN && i < g->nsrc; i++) {
		const struct fw_cfg_source *f = &g->src[i];
		uint64_t off;

		if (s < f->data)
			continue;
		off = (uint64_t)(s - f->data);
		if (off > f->size || len > f->size - off)
			continue;
		if (!(((uintptr_t)dst ^ off) & (PAGE_SIZE - 1)))
			memory_fill(dst, f->fd, f->data, off, len, &st);
		else
			memcpy(dst, src, len);
		return;
	}
	memcpy(dst, src, len);
}

static void fw_cfg_io(void *dev, struct bus_access *a)
{
	struct fw_cfg_glue *g = dev;

	pthread_mutex_lock(&g->lock);
	if (a->write)
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
	}
	ret = fw_cfg_x86_populate(g->dev, &cfg, &boot);
	if (ret) {
		fprintf(stderr,
			"jiffy: cannot describe the machine in fw_cfg: %s\n",
			boot.error ? boot.error : strerror(-ret));
		return STATUS_USAGE;
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
		if (!ret)
			add_source(g, &in);
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
	g->vm = vm;
	pthread_mutex_init(&g->lock, NULL);
	cfg = (struct fw_cfg_dev_config){ .map = map_guest,
					  .store = store_guest,
					  .map_opaque = g };
	if (fw_cfg_dev_create(&g->dev, &cfg) ||
	    bus_add(&vm->pio, FW_CFG_PORT_BASE, FW_CFG_PORT_SIZE, fw_cfg_io, g,
		    "fw_cfg")) {
		fprintf(stderr, "jiffy: cannot create the fw_cfg device\n");
		return STATUS_HOST;
	}
	if (req->kernel)
		add_source(g, req->kernel);
	if (req->initrd)
		add_source(g, req->initrd);
	ret = populate(g, req);
	for (unsigned i = 0; !ret && i < req->nitems; i++)
		ret = add_item(g, &req->items[i]);
	return ret;
}
