/* cpuid.h: the CPUID table each vCPU sees. */
#ifndef CORE_CPUID_H
#define CORE_CPUID_H

#include "core/vm.h"

/*
 * Install CPUID on a vCPU: what KVM supports, with this vCPU's APIC ID in
 * leaves 1, 0xb and 0x1f, the hypervisor bit, and the KVM paravirt leaves
 * (signature, features, and 0x40000010 with the TSC and APIC timer
 * frequencies so the guest need not calibrate). Returns a STATUS_*.
 */
int cpuid_setup(struct vcpu *v);

#endif
