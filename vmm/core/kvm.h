/* kvm.h: opening /dev/kvm, checking what jiffy needs, creating the VM. */
#ifndef CORE_KVM_H
#define CORE_KVM_H

#include "core/vm.h"

/*
 * Open /dev/kvm and start reading the supported CPUID in a thread (the
 * call costs about a millisecond here), so it overlaps with loading and
 * VM creation. Never fails: errors are reported by the calls below.
 */
void kvm_prefetch(struct vm *vm);

/*
 * Check the API version and every capability jiffy relies on, and create
 * the VM. Prints one line naming what is missing and returns a STATUS_* on
 * failure, 0 on success.
 */
int kvm_create_vm(struct vm *vm);

/* Wait for the supported CPUID (needed before vCPUs). STATUS_* or 0. */
int kvm_wait_cpuid(struct vm *vm);

/*
 * Create the in-kernel PIC, IOAPIC, LAPICs and PIT. Call after the memory
 * slots exist: with an irqchip present, each slot change waits for an SRCU
 * grace period (measured: 5-9 ms for one slot, against 0.2 ms before).
 */
int kvm_create_irqchip(struct vm *vm);

#endif
