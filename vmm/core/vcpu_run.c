/* vcpu_run.c: the vCPU threads: KVM_RUN, and dispatch of each exit. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "core/coalesced.h"
#include "core/vcpu.h"
#include "status.h"
#include "trace.h"

/* Unassigned ports read as all ones, like an empty ISA bus. Each one is
 * logged once with --debug. */
static _Atomic uint32_t port_logged[65536 / 32];

static void unassigned_port(struct vcpu *v, struct bus_access *a)
{
	uint32_t bit = 1u << (a->addr & 31);

	if (!a->write)
		memset(a->data, 0xff, (size_t)a->size * a->count);
	if (v->vm->debug &&
	    !(atomic_fetch_or(&port_logged[(a->addr & 0xffff) / 32], bit) &
	      bit))
		fprintf(stderr,
			"jiffy: unassigned port 0x%04llx: %s of %u byte%s (logged once)\n",
			(unsigned long long)a->addr,
			a->write ? "write" : "read", a->size,
			a->size == 1 ? "" : "s");
}

static void handle_io(struct vcpu *v)
{
	struct kvm_run *r = v->run;
	struct bus_access a = {
		.addr = r->io.port,
		.data = (uint8_t *)r + r->io.data_offset,
		.size = r->io.size,
		.count = r->io.count,
		.write = r->io.direction == KVM_EXIT_IO_OUT,
	};

	if (!bus_dispatch(&v->vm->pio, &a))
		unassigned_port(v, &a);
}

static atomic_uint mmio_logged;

static void handle_mmio(struct vcpu *v)
{
	struct kvm_run *r = v->run;
	struct bus_access a = {
		.addr = r->mmio.phys_addr,
		.data = r->mmio.data,
		.size = r->mmio.len,
		.count = 1,
		.write = r->mmio.is_write,
	};

	if (bus_dispatch(&v->vm->mmio, &a))
		return;
	if (!a.write)
		memset(a.data, 0xff, a.size);
	if (v->vm->debug && atomic_fetch_add(&mmio_logged, 1) < 16)
		fprintf(stderr,
			"jiffy: unassigned MMIO 0x%llx: %s of %u bytes\n",
			(unsigned long long)a.addr, a.write ? "write" : "read",
			a.size);
}

static const char *internal_error_name(uint32_t suberror)
{
	switch (suberror) {
	case KVM_INTERNAL_ERROR_EMULATION:
		return "emulation failure";
	case KVM_INTERNAL_ERROR_SIMUL_EX:
		return "exception while delivering an exception";
	case KVM_INTERNAL_ERROR_DELIVERY_EV:
		return "event delivery failed";
	default:
		return "internal error";
	}
}

static void fault(struct vcpu *v, const char *what)
{
	vcpu_dump(v, what);
	vm_request_stop(v->vm, STATUS_GUEST_FAULT, what);
}

/* One exit; false when the vCPU should stop running. */
static bool handle_exit(struct vcpu *v)
{
	struct kvm_run *r = v->run;
	char why[96];

	/* Writes the guest queued earlier take effect before this exit. */
	coalesced_drain(v->vm);

	switch (r->exit_reason) {
	case KVM_EXIT_IO:
		handle_io(v);
		return true;
	case KVM_EXIT_MMIO:
		handle_mmio(v);
		return true;
	case KVM_EXIT_INTR:
		return true;
	case KVM_EXIT_SHUTDOWN:
		/* A triple fault: a PC resets; we stop, like QEMU -no-reboot.
		 */
		vm_request_stop(v->vm, STATUS_GUEST_OFF,
				"triple fault (reset)");
		return false;
	case KVM_EXIT_SYSTEM_EVENT:
		if (r->system_event.type == KVM_SYSTEM_EVENT_CRASH) {
			fault(v, "guest reported a crash");
			return false;
		}
		vm_request_stop(v->vm, STATUS_GUEST_OFF,
				r->system_event.type == KVM_SYSTEM_EVENT_RESET
					? "reset"
					: "power off");
		return false;
	case KVM_EXIT_HLT:
		vm_request_stop(v->vm, STATUS_GUEST_OFF, "halted");
		return false;
	case KVM_EXIT_INTERNAL_ERROR:
		snprintf(why, sizeof(why),
			 "KVM internal error, suberror %u (%s)",
			 r->internal.suberror,
			 internal_error_name(r->internal.suberror));
		fault(v, why);
		return false;
	case KVM_EXIT_FAIL_ENTRY:
		snprintf(
			why, sizeof(why),
			"KVM could not enter the guest (hardware reason 0x%llx)",
			(unsigned long long)
				r->fail_entry.hardware_entry_failure_reason);
		fault(v, why);
		return false;
	default:
		snprintf(why, sizeof(why), "unexpected KVM exit %u",
			 r->exit_reason);
		fault(v, why);
		return false;
	}
}

static void *vcpu_thread(void *arg)
{
	struct vcpu *v = arg;
	char why[96];

	if (v->id == 0)
		trace_phase("first guest entry");
	while (!vm_stopping(v->vm)) {
		if (ioctl(v->fd, KVM_RUN, 0) < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			snprintf(why, sizeof(why), "KVM_RUN failed: %s",
				 strerror(errno));
			fault(v, why);
			break;
		}
		if (!handle_exit(v))
			break;
	}
	return NULL;
}

int vcpus_start(struct vm *vm)
{
	pthread_attr_t attr;
	int ret = 0;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	/* Secondary vCPUs first: their KVM_RUN blocks until SIPI, and the
	 * boot CPU then runs without competing with thread creation. */
	for (unsigned i = vm->ncpus; i-- > 0;) {
		int err = pthread_create(&vm->vcpus[i].thread, &attr,
					 vcpu_thread, &vm->vcpus[i]);

		if (err) {
			fprintf(stderr,
				"jiffy: cannot start the thread of vCPU %u: %s\n",
				i, strerror(err));
			ret = STATUS_HOST;
			break;
		}
	}
	pthread_attr_destroy(&attr);
	return ret;
}
