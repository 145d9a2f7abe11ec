/* multiboot.c: multiboot v1 kernels: segments, modules, info, 32-bit entry. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/mman.h>
#include <unistd.h>

#include "boot/multiboot.h"
#include "fw_cfg/x86.h"
#include "core/layout.h"
#include "core/memory.h"
#include "loaders/loader.h"
#include "status.h"
#include "trace.h"

#define MB_LOADER_NAME "jiffy"

/* A module from the command line: the option that named it, its file. */
struct mb_source {
	const char *option; /* "--initrd" or "--module", for messages */
	const char *arg;    /* the option's argument as given */
	char *file;
	char *string; /* what the kernel sees: "FILE ARGS" */
	struct input in;
};

struct mb_modules {
	unsigned n;
	struct mb_source *src;
	struct mb_module *mod; /* sizes, strings and places for lib/boot */
};

static int no_file(const struct mb_source *s, unsigned item)
{
	if (item)
		fprintf(stderr, "jiffy: %s '%s': module %u has no file name\n",
			s->option, s->arg, item);
	else
		fprintf(stderr, "jiffy: %s '%s': no file name\n", s->option,
			s->arg);
	return STATUS_USAGE;
}

static int out_of_memory(void)
{
	fprintf(stderr, "jiffy: out of memory for the module list\n");
	return STATUS_HOST;
}

/* One item of --initrd's list: the string is the item, the file its
 * first word (QEMU's rule: a file name cannot hold a space). */
static int from_list(struct mb_source *s, const char **list)
{
	char *space;

	s->string = malloc(strlen(*list) + 1);
	if (!s->string)
		return out_of_memory();
	*list = mb_list_next(*list, s->string);
	s->file = strdup(s->string);
	if (!s->file)
		return out_of_memory();
	space = strchr(s->file, ' ');
	if (space)
		*space = '\0';
	return 0;
}

/* --initrd's modules first, then each --module, in order. */
static int collect(const struct load_request *req, struct mb_modules *mm)
{
	const char *list = req->initrd_list;
	unsigned n_list = list ? mb_list_count(list) : 0, i;
	int ret;

	mm->n = n_list + req->nmodules;
	mm->src = calloc(mm->n + 1, sizeof(*mm->src));
	mm->mod = calloc(mm->n + 1, sizeof(*mm->mod));
	if (!mm->src || !mm->mod)
		return out_of_memory();
	for (i = 0; i < mm->n; i++) {
		struct mb_source *s = &mm->src[i];

		if (i < n_list) {
			*s = (struct mb_source){ .option = "--initrd",
						 .arg = req->initrd_list };
			ret = from_list(s, &list);
			if (ret)
				return ret;
		} else {
			const char *arg = req->modules[i - n_list];

			*s = (struct mb_source){ .option = "--module",
						 .arg = arg };
			s->file = malloc(strlen(arg) + 1);
			s->string = malloc(strlen(arg) + 1);
			if (!s->file || !s->string)
				return out_of_memory();
			mb_module_arg(arg, s->file, s->string);
		}
		if (!*s->file)
			return no_file(s, i < n_list ? i + 1 : 0);
	}
	return 0;
}

/* The kernel's load plan, checked against guest RAM. */
static int parse_kernel(struct vm *vm, const struct input *kernel,
			struct mb_kernel *k)
{
	struct boot_error err;

	if (mb_parse(k, kernel->data, kernel->size, &err) ||
	    mb_check_placement(k, &vm->e820, HIMEM_START, &err))
		return loader_refuse(kernel, err.msg);
	return 0;
}

/* Name and open every module, with its size and string for lib/boot. */
static int open_modules(const struct load_request *req, struct mb_modules *mm)
{
	int ret = collect(req, mm);

	for (unsigned i = 0; !ret && i < mm->n; i++) {
		ret = input_open(&mm->src[i].in, mm->src[i].option,
				 mm->src[i].file);
		mm->mod[i].size = mm->src[i].in.size;
		mm->mod[i].string = mm->src[i].string;
	}
	return ret;
}

/* Place the modules after the kernel: every refusal comes before
 * anything is loaded. */
static int place_modules(struct vm *vm, struct mb_modules *mm, uint64_t start)
{
	struct boot_error err;
	unsigned bad = 0;

	if (mb_place_modules(&vm->e820, start, mm->mod, mm->n, &bad, &err)) {
		fprintf(stderr, "jiffy: %s %s: %s (--memory %lluM)\n",
			mm->src[bad].option, mm->src[bad].file, err.msg,
			(unsigned long long)(vm->ram_size >> 20));
		return STATUS_USAGE;
	}
	return 0;
}

/* Page-aligned and from file offset 0: whole pages are mapped
 * copy-on-write, only a module's last partial page is copied. */
static int load_modules(struct vm *vm, struct mb_modules *mm)
{
	struct load_stats st = { 0 };

	for (unsigned i = 0; i < mm->n; i++) {
		struct input *in = &mm->src[i].in;

		if (in->size && memory_load(vm, mm->mod[i].addr, in->fd,
					    in->data, 0, in->size, &st)) {
			fprintf(stderr,
				"jiffy: %s %s: cannot load it at 0x%llx\n",
				mm->src[i].option, mm->src[i].file,
				(unsigned long long)mm->mod[i].addr);
			return STATUS_HOST;
		}
		/* The guest's mapping outlives our file and its mapping. */
		input_close(in);
	}
	if (mm->n)
		trace_phasef(
			"%u multiboot modules loaded from 0x%llx (%llu KiB mapped, %llu KiB copied)",
			mm->n, (unsigned long long)mm->mod[0].addr,
			(unsigned long long)(st.mapped >> 10),
			(unsigned long long)(st.copied >> 10));
	return 0;
}

static int load_kernel(struct vm *vm, const struct mb_kernel *k,
		       const struct input *in)
{
	struct load_stats st = { 0 };

	for (unsigned i = 0; i < k->nsegs; i++) {
		const struct mb_segment *s = &k->seg[i];

		/* BSS needs no work: guest RAM starts out zero, only the
		 * file bytes are written, and nothing overlaps. */
		if (s->filesz && memory_load(vm, s->gpa, in->fd, in->data,
					     s->offset, s->filesz, &st)) {
			fprintf(stderr,
				"jiffy: %s: cannot load 0x%llx bytes at 0x%llx\n",
				in->name, (unsigned long long)s->filesz,
				(unsigned long long)s->gpa);
			return STATUS_HOST;
		}
	}
	trace_phasef(
		"kernel loaded (multiboot %s, entry 0x%x; %llu KiB mapped, %llu KiB copied)",
		k->aout	   ? "a.out kludge"
		: k->elf64 ? "ELF64"
			   : "ELF32",
		k->entry, (unsigned long long)(st.mapped >> 10),
		(unsigned long long)(st.copied >> 10));
	return 0;
}

static void release(struct mb_modules *mm)
{
	for (unsigned i = 0; mm->src && i < mm->n; i++) {
		if (mm->src[i].in.name)
			input_close(&mm->src[i].in);
		free(mm->src[i].file);
		free(mm->src[i].string);
	}
	free(mm->src);
	free(mm->mod);
}

int multiboot_load(struct vm *vm, const struct load_request *req)
{
	struct mb_kernel k;
	struct mb_modules mm = { 0 };
	struct boot_error err;
	struct mb_info_args a = { .base = MB_INFO_ADDR,
				  .map = &vm->e820,
				  .kernel_path = req->kernel->name,
				  .append = req->cmdline,
				  .loader_name = MB_LOADER_NAME };
	void *area = gpa_ptr(vm, MB_INFO_ADDR, MB_INFO_SIZE);
	size_t used;
	int ret;

	ret = parse_kernel(vm, req->kernel, &k);
	if (ret)
		return ret;
	if (!area)
		return STATUS_HOST;
	if (k.hdr.flags & MULTIBOOT_VIDEO_MODE)
		fprintf(stderr,
			"jiffy: %s: the multiboot header asks for a video mode; jiffy has no display, so the kernel gets none (as under QEMU)\n",
			req->kernel->name);
	ret = open_modules(req, &mm);
	if (!ret)
		ret = place_modules(vm, &mm, k.hi);
	if (ret)
		goto out;
	a.mods = mm.mod;
	a.nmods = mm.n;
	if (mb_build_info(area, MB_INFO_SIZE, &a, &used, &err)) {
		ret = loader_refuse(req->kernel, err.msg);
		goto out;
	}
	ret = load_kernel(vm, &k, req->kernel);
	if (!ret)
		ret = load_modules(vm, &mm);
	vm->entry = (struct boot_entry){ .mode = ENTRY_PROTECTED32,
					 .rip = k.entry,
					 .rax = MULTIBOOT_BOOTLOADER_MAGIC,
					 .rbx = MB_INFO_ADDR };
out:
	release(&mm);
	return ret;
}

/*
 * A module's pages in the packed image are its file's, mapped copy-on-write
 * rather than copied: packing 120 MB of modules costs a few system calls,
 * and fw_cfg's DMA maps them on into the guest the same way (devices/
 * fw_cfg.c). *out describes the mapping (its own descriptor, the file's
 * closes with the module list); false when the module is copied instead.
 */
static bool map_module(void *image, const struct fw_cfg_x86_mb_input *in,
		       unsigned i, const struct input *file, struct input *out)
{
	uint8_t *at = (uint8_t *)image + fw_cfg_x86_mb_module_offset(in, i);
	size_t len = (file->size + 4095) & ~(size_t)4095;
	int fd;

	if (file->fd < 0 || !file->size)
		return false;
	fd = dup(file->fd);
	if (fd < 0)
		return false;
	if (mmap(at, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd,
		 0) == MAP_FAILED) {
		close(fd);
		return false;
	}
	*out = (struct input){
		.name = file->name, .fd = fd, .data = at, .size = file->size
	};
	return true;
}

/*
 * For firmware (--firmware, --bios): what QEMU's -kernel hands over, one
 * image with kernel, module list, strings and modules packed (its pages
 * stay for the VM's life: fw_cfg reads them) and the boot information.
 */
int multiboot_describe(struct vm *vm, const struct load_request *req)
{
	static struct fw_cfg_x86_multiboot mb;
	struct mb_kernel k;
	struct mb_modules mm = { 0 };
	struct fw_cfg_x86_mb_module *fm = NULL;
	struct fw_cfg_x86_mb_input in = { .file = req->kernel->data,
					  .file_size = req->kernel->size,
					  .k = &k,
					  .kernel_path = req->kernel->name,
					  .append = req->cmdline,
					  .loader_name = MB_LOADER_NAME };
	struct input *mapped = NULL;
	unsigned nmapped = 0;
	uint64_t size;
	void *image;
	int ret;

	ret = parse_kernel(vm, req->kernel, &k);
	if (ret)
		return ret;
	ret = open_modules(req, &mm);
	if (!ret && mm.n && !(fm = calloc(mm.n, sizeof(*fm))))
		ret = out_of_memory();
	if (ret)
		goto out;
	for (unsigned i = 0; i < mm.n; i++)
		fm[i] = (struct fw_cfg_x86_mb_module){ mm.src[i].in.data,
						       mm.mod[i].size,
						       mm.mod[i].string };
	in.mods = fm;
	in.nmods = mm.n;
	size = fw_cfg_x86_mb_size(&in);
	if (!size || size > SIZE_MAX) {
		fprintf(stderr,
			"jiffy: %s: the kernel and its modules do not fit below 4 GiB from 0x%llx, where QEMU's multiboot hand-over puts them\n",
			req->kernel->name, (unsigned long long)k.lo);
		ret = STATUS_USAGE;
		goto out;
	}
	/* Fresh anonymous memory is zero, as packing wants. */
	image = mmap(NULL, size, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (image == MAP_FAILED ||
	    !(mapped = calloc(mm.n + 1, sizeof(*mapped)))) {
		ret = out_of_memory();
		goto out;
	}
	for (unsigned i = 0; i < mm.n; i++)
		if (map_module(image, &in, i, &mm.src[i].in, &mapped[nmapped]))
			fm[i].data = mapped[nmapped++].data;
	fw_cfg_x86_mb_pack(image, &in, &mb);
	*req->loaded = (struct loaded_kernel){ .kind = LOADED_MULTIBOOT,
					       .entry = k.entry,
					       .lo = mb.addr,
					       .hi = mb.addr + mb.size,
					       .multiboot = &mb,
					       .mapped = mapped,
					       .nmapped = nmapped };
	trace_phasef(
		"multiboot kernel and %u modules packed for fw_cfg (%llu KiB)",
		mm.n, (unsigned long long)(size >> 10));
out:
	free(fm);
	release(&mm);
	return ret;
}

int multiboot_explain(const struct input *kernel)
{
	struct multiboot_header h;
	struct boot_error err;
	uint32_t off;

	if (mb_find_header(kernel->data, kernel->size, &off, &h, &err) !=
	    -ENOEXEC)
		return 0;
	return loader_refuse(kernel, err.msg);
}
