/* pvh.c: PVH ELF kernels: segments to p_paddr, hvm_start_info, 32-bit entry. */
#include <elf.h>
#include <errno.h>
#include <stdio.h>

#include "boot/pvh.h"
#include "core/layout.h"
#include "core/memory.h"
#include "loaders/loader.h"
#include "status.h"
#include "trace.h"

static int load_segments(struct vm *vm, const struct pvh_kernel *k,
			 const struct input *in)
{
	struct load_stats st = { 0 };

	for (unsigned i = 0; i < k->elf.nsegs; i++) {
		const struct elf_seg *s = &k->elf.seg[i];

		if (s->type != PT_LOAD || !s->filesz)
			continue;
		/* BSS needs no work: guest RAM starts out zero and only
		 * [paddr, paddr + filesz) is written. */
		if (memory_load(vm, s->paddr, in->fd, in->data, s->offset,
				s->filesz, &st))
			return STATUS_HOST;
	}
	trace_phasef(
		"kernel loaded (PVH entry 0x%x; %llu KiB mapped, %llu KiB copied)",
		k->entry, (unsigned long long)(st.mapped >> 10),
		(unsigned long long)(st.copied >> 10));
	return 0;
}

int pvh_load_kernel(struct vm *vm, const struct load_request *req,
		    struct pvh_kernel *k)
{
	struct boot_error err;
	int ret = pvh_parse(k, req->kernel->data, req->kernel->size, &err);

	if (ret == -ENOENT) {
		if (multiboot_explain(req->kernel))
			return STATUS_USAGE;
		fprintf(stderr,
			"jiffy: %s: an ELF file but not a PVH kernel: %s (a Linux vmlinux needs CONFIG_PVH=y)\n",
			req->kernel->name, err.msg);
		return STATUS_USAGE;
	}
	if (ret || elf_check_in_ram(&k->elf, &vm->e820, &err))
		return loader_refuse(req->kernel, err.msg);
	if (k->lo < HIMEM_START) {
		fprintf(stderr,
			"jiffy: %s: PT_LOAD at 0x%llx is below 1 MiB, where jiffy keeps the boot structures\n",
			req->kernel->name, (unsigned long long)k->lo);
		return STATUS_USAGE;
	}
	ret = load_segments(vm, k, req->kernel);
	if (!ret)
		*req->loaded = (struct loaded_kernel){ .kind = LOADED_PVH,
						       .entry = k->entry,
						       .lo = k->lo,
						       .hi = k->hi };
	return ret;
}

int pvh_load(struct vm *vm, const struct load_request *req)
{
	struct pvh_kernel k;
	struct pvh_boot_args a = { .start_info_addr = PVH_START_INFO_ADDR,
				   .modlist_addr = PVH_MODLIST_ADDR,
				   .memmap_addr = PVH_MEMMAP_ADDR,
				   .rsdp_addr = ACPI_RSDP_ADDR,
				   .map = &vm->e820 };
	struct hvm_start_info *si;
	struct hvm_modlist_entry *mod;
	struct hvm_memmap_table_entry *mm;
	int ret = pvh_load_kernel(vm, req, &k);

	if (!ret)
		ret = loader_put_cmdline(vm, req->cmdline, &a.cmdline_addr);
	/* Linux keeps the initrd address in 32-bit fields: stay below 4 GiB,
	 * above the kernel. */
	if (!ret)
		ret = loader_put_initrd(vm, req->initrd, k.hi, 4 * GiB,
					&a.initrd_addr, &a.initrd_size);
	if (ret)
		return ret;
	si = gpa_ptr(vm, PVH_START_INFO_ADDR, sizeof(*si));
	mod = gpa_ptr(vm, PVH_MODLIST_ADDR, sizeof(*mod));
	mm = gpa_ptr(vm, PVH_MEMMAP_ADDR, vm->e820.n * sizeof(*mm));
	if (!si || !mod || !mm)
		return STATUS_HOST;
	pvh_fill_start_info(si, mod, mm, &a);
	vm->entry = (struct boot_entry){ .mode = ENTRY_PROTECTED32,
					 .rip = k.entry,
					 .rbx = PVH_START_INFO_ADDR };
	return 0;
}
