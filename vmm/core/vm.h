/* vm.h: the VM: KVM handles, memory, buses, vCPUs, stopping. */
#ifndef CORE_VM_H
#define CORE_VM_H

#include <linux/kvm.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "boot/e820.h"
#include "bus/bus.h"
#include "mem/guest_ram.h"

#define VM_MAX_CPUS 254 /* APIC IDs 0..253; 0xff is broadcast */

enum entry_mode {
	ENTRY_PROTECTED32, /* PVH, multiboot: flat 32-bit, paging off */
	ENTRY_LONG64,	   /* Linux 64-bit boot protocol */
	ENTRY_RESET,	   /* firmware: KVM's reset state, the reset vector */
};

/* How the boot CPU starts: filled by a loader, applied by vcpu setup. */
struct boot_entry {
	enum entry_mode mode;
	uint64_t rip, rsp, rax, rbx, rsi;
	uint64_t cr3; /* ENTRY_LONG64: identity page tables */
};

struct vm;

struct vcpu {
	struct vm *vm;
	unsigned id;
	int fd;
	struct kvm_run *run;
	pthread_t thread;
};

struct vm {
	int kvm_fd;
	int vm_fd;
	int kvm_errno; /* why /dev/kvm did not open */
	int run_size;  /* mmap size of struct kvm_run */
	struct kvm_cpuid2 *supported_cpuid;
	pthread_t cpuid_thread;
	bool cpuid_thread_started;
	int cpuid_err;
	uint32_t tsc_khz; /* 0 if KVM cannot tell */

	uint64_t ram_size;
	struct guest_ram ram;
	struct e820_map e820;

	/* A firmware ROM (--firmware, --bios; size 0 for a direct boot):
	 * read-only below 4 GiB, its last alias bytes also below 1 MiB,
	 * there read-only too or (shadow) a writable copy in RAM. */
	struct {
		const uint8_t *image;
		uint64_t size, alias;
		bool shadow;
	} rom;

	struct bus pio;
	struct bus mmio;

	unsigned ncpus;
	struct vcpu *vcpus;
	struct boot_entry entry;
	bool debug; /* --debug: log unknown ports and odd exits */

	/* Coalesced-PIO ring (core/coalesced.c); NULL when unused. */
	struct kvm_coalesced_mmio_ring *ring;
	unsigned ring_max;
	pthread_mutex_t ring_lock;

	/* Stopping: the first request wins; main waits on stop_fd. */
	atomic_int stopping;
	int status;
	const char *stop_reason;
	int stop_fd;
};

/*
 * Ask the VM to stop with a process status and a reason (a static string
 * for the trace). Safe from any thread; only the first request counts.
 */
void vm_request_stop(struct vm *vm, int status, const char *reason);

static inline bool vm_stopping(struct vm *vm)
{
	return atomic_load_explicit(&vm->stopping, memory_order_acquire);
}

/* KVM_IRQ_LINE on the in-kernel PIC/IOAPIC. */
void vm_set_irq(struct vm *vm, unsigned irq, bool level);

#endif
