/* vcpu_dump.c: register dump after a guest fault. */
#include <pthread.h>
#include <stdio.h>
#include <sys/ioctl.h>

#include "core/memory.h"
#include "core/vcpu.h"

static pthread_mutex_t dump_lock = PTHREAD_MUTEX_INITIALIZER;

static void seg(const char *name, const struct kvm_segment *s)
{
	fprintf(stderr, "  %-3s %04x base %016llx limit %08x type %x%s%s%s%s\n",
		name, s->selector, (unsigned long long)s->base, s->limit,
		s->type, s->present ? " P" : "", s->db ? " D" : "",
		s->l ? " L" : "", s->unusable ? " unusable" : "");
}

/* The bytes at RIP, when RIP translates to RAM. */
static void code_bytes(struct vcpu *v, uint64_t rip)
{
	struct kvm_translation t = { .linear_address = rip };
	uint8_t *p;

	if (ioctl(v->fd, KVM_TRANSLATE, &t) < 0 || !t.valid)
		return;
	p = gpa_ptr(v->vm, t.physical_address, 16);
	if (!p)
		return;
	fprintf(stderr, "  code at %llx (phys %llx):", (unsigned long long)rip,
		(unsigned long long)t.physical_address);
	for (int i = 0; i < 16; i++)
		fprintf(stderr, " %02x", p[i]);
	fprintf(stderr, "\n");
}

void vcpu_dump(struct vcpu *v, const char *why)
{
	struct kvm_regs r = { 0 };
	struct kvm_sregs s;
	struct kvm_run *run = v->run;

	pthread_mutex_lock(&dump_lock);
	fprintf(stderr, "jiffy: vCPU %u: %s\n", v->id, why);
	if (run->exit_reason == KVM_EXIT_INTERNAL_ERROR &&
	    run->internal.ndata) {
		fprintf(stderr, "  KVM data:");
		for (uint32_t i = 0; i < run->internal.ndata && i < 16; i++)
			fprintf(stderr, " %llx",
				(unsigned long long)run->internal.data[i]);
		fprintf(stderr, "\n");
	}
	if (ioctl(v->fd, KVM_GET_REGS, &r) == 0) {
		fprintf(stderr,
			"  rip %016llx rsp %016llx rflags %08llx\n"
			"  rax %016llx rbx %016llx rcx %016llx rdx %016llx\n"
			"  rsi %016llx rdi %016llx rbp %016llx\n"
			"  r8  %016llx r9  %016llx r10 %016llx r11 %016llx\n"
			"  r12 %016llx r13 %016llx r14 %016llx r15 %016llx\n",
			r.rip, r.rsp, r.rflags, r.rax, r.rbx, r.rcx, r.rdx,
			r.rsi, r.rdi, r.rbp, r.r8, r.r9, r.r10, r.r11, r.r12,
			r.r13, r.r14, r.r15);
	}
	if (ioctl(v->fd, KVM_GET_SREGS, &s) == 0) {
		fprintf(stderr,
			"  cr0 %016llx cr2 %016llx cr3 %016llx cr4 %016llx efer %llx\n",
			s.cr0, s.cr2, s.cr3, s.cr4, s.efer);
		seg("cs", &s.cs);
		seg("ds", &s.ds);
		seg("ss", &s.ss);
		seg("tr", &s.tr);
		fprintf(stderr, "  gdt %016llx/%x idt %016llx/%x\n",
			(unsigned long long)s.gdt.base, s.gdt.limit,
			(unsigned long long)s.idt.base, s.idt.limit);
		code_bytes(v, r.rip);
	}
	pthread_mutex_unlock(&dump_lock);
}
