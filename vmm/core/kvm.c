/* kvm.c: /dev/kvm checks, VM creation, irqchip and PIT, CPUID. */
#include "core/kvm.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core/layout.h"
#include "status.h"

struct required_cap {
	int cap;
	const char *name;
	const char *why;
};

static const struct required_cap required[] = {
	{ KVM_CAP_USER_MEMORY, "KVM_CAP_USER_MEMORY",
	  "guest RAM from user memory" },
	{ KVM_CAP_IRQCHIP, "KVM_CAP_IRQCHIP",
	  "in-kernel PIC, IOAPIC and LAPIC" },
	{ KVM_CAP_PIT2, "KVM_CAP_PIT2", "in-kernel PIT" },
	{ KVM_CAP_SET_TSS_ADDR, "KVM_CAP_SET_TSS_ADDR", "the real-mode TSS" },
	{ KVM_CAP_SET_IDENTITY_MAP_ADDR, "KVM_CAP_SET_IDENTITY_MAP_ADDR",
	  "the real-mode identity map" },
	{ KVM_CAP_EXT_CPUID, "KVM_CAP_EXT_CPUID", "KVM_GET_SUPPORTED_CPUID" },
	{ KVM_CAP_MP_STATE, "KVM_CAP_MP_STATE",
	  "secondary vCPUs waiting for SIPI" },
	{ KVM_CAP_IMMEDIATE_EXIT, "KVM_CAP_IMMEDIATE_EXIT", "stopping vCPUs" },
};

static int get_supported_cpuid(struct vm *vm)
{
	/* Each call costs about a millisecond here: ask big at once. */
	for (int n = 256; n <= 4096; n *= 2) {
		struct kvm_cpuid2 *c =
			calloc(1, sizeof(*c) + n * sizeof(c->entries[0]));

		if (!c)
			return -ENOMEM;
		c->nent = n;
		if (!ioctl(vm->kvm_fd, KVM_GET_SUPPORTED_CPUID, c)) {
			vm->supported_cpuid = c;
			return 0;
		}
		free(c);
		if (errno != E2BIG)
			return -errno;
	}
	return -E2BIG;
}

static int check_kvm(struct vm *vm)
{
	int version = ioctl(vm->kvm_fd, KVM_GET_API_VERSION, 0);

	if (version != KVM_API_VERSION) {
		fprintf(stderr,
			"jiffy: /dev/kvm speaks API version %d, jiffy needs %d\n",
			version, KVM_API_VERSION);
		return STATUS_HOST;
	}
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		if (ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, required[i].cap) <=
		    0) {
			fprintf(stderr,
				"jiffy: this KVM lacks %s (%s), which jiffy needs\n",
				required[i].name, required[i].why);
			return STATUS_HOST;
		}
	}
	return 0;
}

static int vm_ioctl(struct vm *vm, unsigned long req, unsigned long arg,
		    const char *what)
{
	if (ioctl(vm->vm_fd, req, arg) < 0) {
		fprintf(stderr, "jiffy: KVM refused %s: %s\n", what,
			strerror(errno));
		return STATUS_HOST;
	}
	return 0;
}

int kvm_create_vm(struct vm *vm)
{
	uint64_t idmap = KVM_IDENTITY_MAP_ADDR;
	int ret;

	if (vm->kvm_fd < 0) {
		int e = vm->kvm_errno;

		fprintf(stderr, "jiffy: cannot open /dev/kvm: %s%s\n",
			strerror(e),
			e == ENOENT
				? " (is the kvm module loaded? is virtualization enabled?)"
			: e == EACCES ? " (are you in the kvm group?)"
				      : "");
		return STATUS_HOST;
	}
	ret = check_kvm(vm);
	if (ret)
		return ret;
	vm->run_size = ioctl(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (vm->run_size <= 0) {
		fprintf(stderr, "jiffy: KVM_GET_VCPU_MMAP_SIZE failed: %s\n",
			strerror(errno));
		return STATUS_HOST;
	}
	vm->vm_fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);
	if (vm->vm_fd < 0) {
		fprintf(stderr, "jiffy: KVM_CREATE_VM failed: %s\n",
			strerror(errno));
		return STATUS_HOST;
	}
	/* Both addresses must be set before any vCPU exists (VMX needs them
	 * for real mode); they sit in the MMIO hole, never in RAM. */
	ret = vm_ioctl(vm, KVM_SET_TSS_ADDR, KVM_TSS_ADDR, "KVM_SET_TSS_ADDR");
	if (!ret)
		ret = vm_ioctl(vm, KVM_SET_IDENTITY_MAP_ADDR,
			       (unsigned long)&idmap,
			       "KVM_SET_IDENTITY_MAP_ADDR");
	return ret;
}

static void *prefetch_cpuid(void *arg)
{
	struct vm *vm = arg;

	vm->cpuid_err = get_supported_cpuid(vm);
	return NULL;
}

void kvm_prefetch(struct vm *vm)
{
	vm->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	vm->kvm_errno = errno;
	vm->cpuid_thread_started =
		vm->kvm_fd >= 0 &&
		!pthread_create(&vm->cpuid_thread, NULL, prefetch_cpuid, vm);
}

int kvm_wait_cpuid(struct vm *vm)
{
	if (vm->cpuid_thread_started) {
		pthread_join(vm->cpuid_thread, NULL);
		vm->cpuid_thread_started = false;
	} else if (!vm->supported_cpuid) {
		vm->cpuid_err = get_supported_cpuid(vm);
	}
	if (vm->cpuid_err) {
		fprintf(stderr, "jiffy: KVM_GET_SUPPORTED_CPUID failed: %s\n",
			strerror(-vm->cpuid_err));
		return STATUS_HOST;
	}
	return 0;
}

int kvm_create_irqchip(struct vm *vm)
{
	struct kvm_pit_config pit = { .flags = KVM_PIT_SPEAKER_DUMMY };
	int ret;

	ret = vm_ioctl(vm, KVM_CREATE_IRQCHIP, 0, "KVM_CREATE_IRQCHIP");
	if (!ret)
		ret = vm_ioctl(vm, KVM_CREATE_PIT2, (unsigned long)&pit,
			       "KVM_CREATE_PIT2");
	return ret;
}
