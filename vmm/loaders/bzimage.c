/* bzimage.c: bzImage via the 64-bit protocol: PM code, zero page, paging. */
#include <stdio.h>
#include <string.h>

#include "boot/bzimage.h"
#include "boot/pagetable.h"
#include "core/layout.h"
#include "core/memory.h"
#include "loaders/loader.h"
#include "status.h"
#include "trace.h"

int bzimage_load(struct vm *vm, const struct load_request *req)
{
	struct bzimage bz;
	struct boot_error err;
	struct load_stats st = { 0 };
	struct bzimage_boot_args a = { .rsdp_addr = ACPI_RSDP_ADDR,
				       .map = &vm->e820 };
	struct boot_params *zp;
	void *tables;
	uint64_t limit;
	int ret;

	if (bzimage_parse(&bz, req->kernel->data, req->kernel->size, &err) ||
	    bzimage_place(&bz, &vm->e820, &a.load_addr, &err) ||
	    bzimage_check_cmdline(&bz, strlen(req->cmdline), &err))
		return loader_refuse(req->kernel, err.msg);
	if (memory_load(vm, a.load_addr, req->kernel->fd, req->kernel->data,
			bz.pm_offset, bz.pm_size, &st))
		return STATUS_HOST;
	trace_phasef(
		"kernel loaded (bzImage at 0x%llx; %llu KiB mapped, %llu KiB copied)",
		(unsigned long long)a.load_addr,
		(unsigned long long)(st.mapped >> 10),
		(unsigned long long)(st.copied >> 10));
	ret = loader_put_cmdline(vm, req->cmdline, &a.cmdline_addr);
	if (ret)
		return ret;
	/* The 64-bit entry needs the initrd inside the identity map (4 GiB)
	 * and under the kernel's initrd_addr_max; above the kernel. */
	limit = bzimage_initrd_limit(&bz);
	if (limit > 4 * GiB)
		limit = 4 * GiB;
	ret = loader_put_initrd(vm, req->initrd, a.load_addr + bz.mem_size,
				limit, &a.initrd_addr, &a.initrd_size);
	if (ret)
		return ret;
	zp = gpa_ptr(vm, ZERO_PAGE_ADDR, sizeof(*zp));
	tables = gpa_ptr(vm, PAGE_TABLES_ADDR, PAGETABLE_IDENTITY_PAGES * 4096);
	if (!zp || !tables)
		return STATUS_HOST;
	bzimage_fill_zero_page(zp, &bz, &a);
	pagetable_identity_4g(tables, PAGE_TABLES_ADDR);
	vm->entry = (struct boot_entry){ .mode = ENTRY_LONG64,
					 .rip = a.load_addr + PM_ENTRY64_OFFSET,
					 .rsi = ZERO_PAGE_ADDR,
					 .rsp = BOOT_STACK_TOP,
					 .cr3 = PAGE_TABLES_ADDR };
	req->loaded->kind = LOADED_BZIMAGE;
	return 0;
}
