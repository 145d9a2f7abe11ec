/* vcpu.c: vCPU creation and initial state: segments, CRs, MSRs, LAPIC. */
#include "core/vcpu.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "abi/bootparam.h"
#include "core/coalesced.h"
#include "core/cpuid.h"
#include "core/layout.h"
#include "core/memory.h"
#include "status.h"

#define CR0_PE	 (1ull << 0)
#define CR0_ET	 (1ull << 4)
#define CR0_PG	 (1ull << 31)
#define CR4_PAE	 (1ull << 5)
#define EFER_LME (1ull << 8)
#define EFER_LMA (1ull << 10)

#define GDT_TSS	    0x20
#define GDT_ENTRIES 5

/* Flat descriptors: the guest may reload selectors from this GDT. */
#define DESC_CODE32 0x00cf9b000000ffffull
#define DESC_CODE64 0x00af9b000000ffffull
#define DESC_DATA   0x00cf93000000ffffull
#define DESC_TSS    0x00008b0000000067ull /* busy 32-bit TSS, base 0 */

#define MSR_IA32_SYSENTER_CS  0x174
#define MSR_IA32_SYSENTER_ESP 0x175
#define MSR_IA32_SYSENTER_EIP 0x176
#define MSR_IA32_MISC_ENABLE  0x1a0
#define MSR_MTRR_DEF_TYPE     0x2ff
#define MSR_STAR	      0xc0000081
#define MSR_LSTAR	      0xc0000082
#define MSR_CSTAR	      0xc0000083
#define MSR_SYSCALL_MASK      0xc0000084
#define MSR_KERNEL_GS_BASE    0xc0000102

#define APIC_LVT0	 0x350
#define APIC_LVT1	 0x360
#define APIC_MODE_NMI	 0x4
#define APIC_MODE_EXTINT 0x7

static int vcpu_ioctl(struct vcpu *v, unsigned long req, void *arg,
		      const char *what)
{
	if (ioctl(v->fd, req, arg) < 0) {
		fprintf(stderr, "jiffy: %s on vCPU %u failed: %s\n", what,
			v->id, strerror(errno));
		return STATUS_HOST;
	}
	return 0;
}

static int setup_msrs(struct vcpu *v)
{
	static const struct {
		uint32_t index;
		uint64_t value;
	} boot_msrs[] = {
		{ MSR_IA32_SYSENTER_CS, 0 },
		{ MSR_IA32_SYSENTER_ESP, 0 },
		{ MSR_IA32_SYSENTER_EIP, 0 },
		{ MSR_STAR, 0 },
		{ MSR_LSTAR, 0 },
		{ MSR_CSTAR, 0 },
		{ MSR_KERNEL_GS_BASE, 0 },
		{ MSR_SYSCALL_MASK, 0 },
		/* Fast strings on, as firmware leaves it; MTRRs on with
		 * write-back default so the guest sees cacheable RAM. */
		{ MSR_IA32_MISC_ENABLE, 1 },
		{ MSR_MTRR_DEF_TYPE, 0x806 },
	};
	enum { N = sizeof(boot_msrs) / sizeof(boot_msrs[0]) };
	struct {
		struct kvm_msrs hdr;
		struct kvm_msr_entry e[N];
	} msrs = { .hdr.nmsrs = N };
	int done;

	for (int i = 0; i < N; i++)
		msrs.e[i] =
			(struct kvm_msr_entry){ .index = boot_msrs[i].index,
						.data = boot_msrs[i].value };
	done = ioctl(v->fd, KVM_SET_MSRS, &msrs);
	if (done != N) {
		fprintf(stderr, "jiffy: KVM refused MSR 0x%x on vCPU %u\n",
			done >= 0 && done < N ? msrs.e[done].index : 0, v->id);
		return STATUS_HOST;
	}
	return 0;
}

static int setup_fpu_lapic(struct vcpu *v)
{
	struct kvm_fpu fpu = { .fcw = 0x37f, .mxcsr = 0x1f80 };
	struct kvm_lapic_state lapic;
	uint32_t *lvt0, *lvt1;
	int ret;

	ret = vcpu_ioctl(v, KVM_SET_FPU, &fpu, "KVM_SET_FPU");
	if (!ret)
		ret = vcpu_ioctl(v, KVM_GET_LAPIC, &lapic, "KVM_GET_LAPIC");
	if (ret)
		return ret;
	/* Virtual-wire mode: LINT0 carries the PIC (ExtINT), LINT1 NMI. */
	lvt0 = (uint32_t *)&lapic.regs[APIC_LVT0];
	lvt1 = (uint32_t *)&lapic.regs[APIC_LVT1];
	*lvt0 = (*lvt0 & ~0x700u) | (APIC_MODE_EXTINT << 8);
	*lvt1 = (*lvt1 & ~0x700u) | (APIC_MODE_NMI << 8);
	return vcpu_ioctl(v, KVM_SET_LAPIC, &lapic, "KVM_SET_LAPIC");
}

static struct kvm_segment flat(uint16_t sel, uint8_t type, bool db, bool l)
{
	return (struct kvm_segment){ .base = 0,
				     .limit = 0xffffffff,
				     .selector = sel,
				     .type = type,
				     .present = 1,
				     .s = 1,
				     .db = db,
				     .l = l,
				     .g = 1 };
}

/* The boot CPU: segments and control registers for the entry mode. */
static int setup_boot_state(struct vcpu *v)
{
	const struct boot_entry *be = &v->vm->entry;
	bool lm = be->mode == ENTRY_LONG64;
	uint64_t *gdt = gpa_ptr(v->vm, BOOT_GDT_ADDR, GDT_ENTRIES * 8);
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	int ret;

	if (!gdt)
		return STATUS_HOST;
	gdt[0] = gdt[1] = 0;
	gdt[2] = lm ? DESC_CODE64 : DESC_CODE32; /* BOOT_CS */
	gdt[3] = DESC_DATA;			 /* BOOT_DS */
	gdt[4] = DESC_TSS;

	ret = vcpu_ioctl(v, KVM_GET_SREGS, &sregs, "KVM_GET_SREGS");
	if (ret)
		return ret;
	sregs.cs = flat(BOOT_CS, 0xb, !lm, lm);
	sregs.ds = sregs.es = sregs.fs = sregs.gs = sregs.ss =
		flat(BOOT_DS, 0x3, true, false);
	sregs.tr = (struct kvm_segment){ .base = 0,
					 .limit = 0x67,
					 .selector = GDT_TSS,
					 .type = 0xb,
					 .present = 1 };
	sregs.gdt.base = BOOT_GDT_ADDR;
	sregs.gdt.limit = GDT_ENTRIES * 8 - 1;
	sregs.idt.base = BOOT_IDT_ADDR;
	sregs.idt.limit = 7;
	sregs.cr0 = CR0_PE | CR0_ET | (lm ? CR0_PG : 0);
	sregs.cr4 = lm ? CR4_PAE : 0;
	sregs.efer = lm ? EFER_LME | EFER_LMA : 0;
	sregs.cr3 = lm ? be->cr3 : 0;
	ret = vcpu_ioctl(v, KVM_SET_SREGS, &sregs, "KVM_SET_SREGS");
	if (ret)
		return ret;

	memset(&regs, 0, sizeof(regs));
	regs.rflags = 2; /* interrupts off */
	regs.rip = be->rip;
	regs.rsp = be->rsp;
	regs.rax = be->rax;
	regs.rbx = be->rbx;
	regs.rsi = be->rsi;
	return vcpu_ioctl(v, KVM_SET_REGS, &regs, "KVM_SET_REGS");
}

static int create_one(struct vm *vm, struct vcpu *v, unsigned id)
{
	int ret;

	v->vm = vm;
	v->id = id;
	v->fd = ioctl(vm->vm_fd, KVM_CREATE_VCPU, id);
	if (v->fd < 0) {
		fprintf(stderr, "jiffy: KVM_CREATE_VCPU %u failed: %s\n", id,
			strerror(errno));
		return STATUS_HOST;
	}
	v->run = mmap(NULL, vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		      v->fd, 0);
	if (v->run == MAP_FAILED) {
		fprintf(stderr, "jiffy: cannot map vCPU %u's run area: %s\n",
			id, strerror(errno));
		return STATUS_HOST;
	}
	if (id == 0) {
		int khz = ioctl(v->fd, KVM_GET_TSC_KHZ, 0);

		coalesced_attach(vm, v->run);

		vm->tsc_khz = khz > 0 ? (uint32_t)khz : 0;
	}
	ret = cpuid_setup(v);
	if (!ret)
		ret = setup_msrs(v);
	if (!ret)
		ret = setup_fpu_lapic(v);
	/* Firmware starts where a PC does: KVM's reset state (real mode,
	 * CS base 0xffff0000, IP 0xfff0), which a new vCPU already has. */
	if (!ret && id == 0 && vm->entry.mode != ENTRY_RESET)
		ret = setup_boot_state(v);
	return ret;
}

int vcpus_create(struct vm *vm)
{
	vm->vcpus = calloc(vm->ncpus, sizeof(*vm->vcpus));
	if (!vm->vcpus)
		return STATUS_HOST;
	for (unsigned i = 0; i < vm->ncpus; i++) {
		int ret = create_one(vm, &vm->vcpus[i], i);

		if (ret)
			return ret;
	}
	return 0;
}
