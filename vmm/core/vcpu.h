/* vcpu.h: creating vCPUs, their reset and boot state, and running them. */
#ifndef CORE_VCPU_H
#define CORE_VCPU_H

#include "core/vm.h"

/*
 * Create vm->ncpus vCPUs with CPUID, MSRs, FPU and local APIC set up.
 * vCPU 0 gets the boot state in vm->entry (GDT written to guest memory);
 * the others wait for INIT/SIPI. Returns a STATUS_*.
 */
int vcpus_create(struct vm *vm);

/* Start one thread per vCPU. Returns a STATUS_*. */
int vcpus_start(struct vm *vm);

/* Print a vCPU's registers to stderr (after a fault). */
void vcpu_dump(struct vcpu *v, const char *why);

#endif
