/* cpuid.c: per-vCPU CPUID: APIC IDs, hypervisor leaves, timing leaf. */
#include "core/cpuid.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "status.h"

#define KVM_LEAF_BASE	  0x40000000u
#define KVM_LEAF_FEATURES 0x40000001u
#define KVM_LEAF_TIMING	  0x40000010u /* TSC kHz, APIC bus kHz */
#define HYPERVISOR_BIT	  (1u << 31)  /* leaf 1 ECX */
#define APIC_BUS_KHZ	  1000000u    /* KVM's APIC timer ticks at 1 GHz */

static struct kvm_cpuid_entry2 *find(struct kvm_cpuid2 *c, uint32_t fn,
				     uint32_t idx)
{
	for (uint32_t i = 0; i < c->nent; i++)
		if (c->entries[i].function == fn &&
		    (!(c->entries[i].flags & KVM_CPUID_FLAG_SIGNIFCANT_INDEX) ||
		     c->entries[i].index == idx))
			return &c->entries[i];
	return NULL;
}

int cpuid_setup(struct vcpu *v)
{
	struct vm *vm = v->vm;
	struct kvm_cpuid2 *sup = vm->supported_cpuid, *c;
	struct kvm_cpuid_entry2 *e;
	size_t bytes = sizeof(*c) + (sup->nent + 1) * sizeof(c->entries[0]);
	int ret = 0;

	c = malloc(bytes);
	if (!c)
		return STATUS_HOST;
	memcpy(c, sup, sizeof(*c) + sup->nent * sizeof(c->entries[0]));

	for (uint32_t i = 0; i < c->nent; i++) {
		e = &c->entries[i];
		switch (e->function) {
		case 1:
			e->ebx = (e->ebx & 0x00ffffff) | (v->id << 24);
			e->ecx |= HYPERVISOR_BIT;
			break;
		case 0xb:
		case 0x1f:
			e->edx = v->id; /* x2APIC ID */
			break;
		case KVM_LEAF_BASE:
			/* "KVMKVMKVM\0\0\0", and the highest leaf. */
			e->eax = vm->tsc_khz ? KVM_LEAF_TIMING
					     : KVM_LEAF_FEATURES;
			memcpy(&e->ebx, "KVMK", 4);
			memcpy(&e->ecx, "VMKV", 4);
			memcpy(&e->edx, "M\0\0\0", 4);
			break;
		}
	}
	if (vm->tsc_khz && !find(c, KVM_LEAF_TIMING, 0)) {
		e = &c->entries[c->nent++];
		*e = (struct kvm_cpuid_entry2){ .function = KVM_LEAF_TIMING,
						.eax = vm->tsc_khz,
						.ebx = APIC_BUS_KHZ };
	}
	if (!find(c, KVM_LEAF_BASE, 0) || !find(c, KVM_LEAF_FEATURES, 0)) {
		/* Without them the guest would not know it runs on KVM: no
		 * kvmclock, slow boot. Not fatal. */
		if (vm->debug)
			fprintf(stderr,
				"jiffy: KVM offers no paravirt CPUID leaves\n");
	}
	if (ioctl(v->fd, KVM_SET_CPUID2, c) < 0) {
		fprintf(stderr, "jiffy: KVM_SET_CPUID2 on vCPU %u failed: %s\n",
			v->id, strerror(errno));
		ret = STATUS_HOST;
	}
	free(c);
	return ret;
}
