/* loader.c: format dispatch, and the shared steps (cmdline, initrd). */
#include "loaders/loader.h"

#include <stdio.h>
#include <string.h>

#include "boot/detect.h"
#include "boot/e820.h"
#include "core/layout.h"
#include "core/memory.h"
#include "status.h"
#include "trace.h"

#define PAGE 4096ull

int loader_refuse(const struct input *in, const char *msg)
{
	fprintf(stderr, "jiffy: %s: %s\n", in->name, msg);
	return STATUS_USAGE;
}

int loader_put_cmdline(struct vm *vm, const char *cmdline, uint64_t *addr)
{
	size_t len = strlen(cmdline);
	char *dst;

	if (len + 1 > CMDLINE_MAX) {
		fprintf(stderr,
			"jiffy: --append: command line is %zu bytes; jiffy passes at most %llu\n",
			len, CMDLINE_MAX - 1);
		return STATUS_USAGE;
	}
	dst = gpa_ptr(vm, CMDLINE_ADDR, len + 1);
	if (!dst)
		return STATUS_HOST;
	memcpy(dst, cmdline, len + 1);
	*addr = CMDLINE_ADDR;
	return 0;
}

int loader_put_initrd(struct vm *vm, struct input *initrd, uint64_t lo,
		      uint64_t hi, uint64_t *addr, uint64_t *size)
{
	struct load_stats st = { 0 };
	uint64_t where;

	*addr = *size = 0;
	if (!initrd)
		return 0;
	if (!initrd->size) {
		fprintf(stderr, "jiffy: --initrd %s: the file is empty\n",
			initrd->name);
		return STATUS_USAGE;
	}
	if (e820_find_top(&vm->e820, initrd->size, PAGE, lo, hi, &where)) {
		fprintf(stderr,
			"jiffy: --initrd %s: %llu KiB do not fit in guest RAM above the kernel (0x%llx) and below 0x%llx with --memory %lluM; give more --memory\n",
			initrd->name, (unsigned long long)(initrd->size >> 10),
			(unsigned long long)lo, (unsigned long long)hi,
			(unsigned long long)(vm->ram_size >> 20));
		return STATUS_USAGE;
	}
	if (memory_load(vm, where, initrd->fd, initrd->data, 0, initrd->size,
			&st)) {
		fprintf(stderr,
			"jiffy: --initrd %s: cannot load it at 0x%llx\n",
			initrd->name, (unsigned long long)where);
		return STATUS_HOST;
	}
	*addr = where;
	*size = initrd->size;
	trace_phasef(
		"initrd loaded at 0x%llx (%llu KiB mapped, %llu KiB copied)",
		(unsigned long long)where,
		(unsigned long long)(st.mapped >> 10),
		(unsigned long long)(st.copied >> 10));
	return 0;
}

int load_guest(struct vm *vm, const struct load_request *req)
{
	enum kernel_format f = req->format;
	char what[160];
	int ret;

	if (req->nmodules && f != KERNEL_MULTIBOOT) {
		fprintf(stderr,
			"jiffy: --module %s: modules are for multiboot kernels and %s is not one (a Linux kernel takes --initrd)\n",
			req->modules[0], req->kernel->name);
		return STATUS_USAGE;
	}
	switch (f) {
	case KERNEL_BZIMAGE:
		ret = bzimage_load(vm, req);
		break;
	case KERNEL_MULTIBOOT:
		ret = multiboot_load(vm, req);
		break;
	case KERNEL_ELF:
		ret = pvh_load(vm, req);
		break;
	default:
		if (multiboot_explain(req->kernel))
			return STATUS_USAGE;
		kernel_describe(req->kernel->data, req->kernel->size, what,
				sizeof(what));
		fprintf(stderr,
			"jiffy: %s: not a bootable kernel: found %s (jiffy boots Linux bzImages, ELF kernels with a PVH note and multiboot kernels)\n",
			req->kernel->name, what);
		return STATUS_USAGE;
	}
	return ret ? ret : loader_put_tables(vm);
}
