/* tables.c: the firmware tables a directly booted guest looks for (MP table).
 */
#include <stdio.h>

#include "core/layout.h"
#include "core/memory.h"
#include "loaders/loader.h"
#include "platform/mptable.h"
#include "status.h"

/*
 * Without firmware nobody else describes the machine: the MP table tells
 * the kernel how many CPUs there are and how ISA interrupts reach the
 * IOAPIC. It goes in the last KiB below 640 KiB (reserved in e820), where
 * Linux scans first, or in the BIOS area when it is too big for that.
 */
int loader_put_tables(struct vm *vm)
{
	size_t need = mptable_size(vm->ncpus);
	uint64_t addr = need <= EBDA_END - MPTABLE_ADDR ? MPTABLE_ADDR
							: BIOS_AREA_START;
	void *p = gpa_ptr(vm, addr, need);

	if (!need || !p || mptable_write(p, need, (uint32_t)addr, vm->ncpus)) {
		fprintf(stderr,
			"jiffy: cannot write the MP table for %u vCPUs\n",
			vm->ncpus);
		return STATUS_HOST;
	}
	return 0;
}
