/* coalesced.c: registering coalesced ports and draining their ring in order. */
#include "core/coalesced.h"

#include <linux/kvm.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

bool coalesced_pio_add(struct vm *vm, uint16_t port, unsigned len)
{
	struct kvm_coalesced_mmio_zone z = { .addr = port,
					     .size = len,
					     .pio = 1 };

	if (ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_COALESCED_PIO) <= 0)
		return false;
	return ioctl(vm->vm_fd, KVM_REGISTER_COALESCED_MMIO, &z) == 0;
}

void coalesced_attach(struct vm *vm, void *run_area)
{
	long page = sysconf(_SC_PAGESIZE);
	int offset =
		ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_COALESCED_MMIO);

	/* The capability's value is the ring's page within the run area. */
	if (offset <= 0 || (offset + 1) * page > vm->run_size)
		return;
	vm->ring_max = (page - sizeof(struct kvm_coalesced_mmio_ring)) /
		       sizeof(struct kvm_coalesced_mmio);
	pthread_mutex_init(&vm->ring_lock, NULL);
	vm->ring = (struct kvm_coalesced_mmio_ring *)((char *)run_area +
						      offset * page);
}

bool coalesced_drain(struct vm *vm)
{
	struct kvm_coalesced_mmio_ring *ring = vm->ring;
	bool any = false;

	if (!ring || __atomic_load_n(&ring->first, __ATOMIC_RELAXED) ==
			     __atomic_load_n(&ring->last, __ATOMIC_ACQUIRE))
		return false;
	/* One consumer at a time, so entries reach devices in order. */
	pthread_mutex_lock(&vm->ring_lock);
	while (ring->first != __atomic_load_n(&ring->last, __ATOMIC_ACQUIRE)) {
		struct kvm_coalesced_mmio *e =
			&ring->coalesced_mmio[ring->first];
		uint8_t data[8];
		struct bus_access a = {
			.addr = e->phys_addr,
			.data = data,
			.size = e->len <= sizeof(data) ? e->len : sizeof(data),
			.count = 1,
			.write = true,
		};

		memcpy(data, e->data, a.size);
		bus_dispatch(&vm->pio, &a);
		__atomic_store_n(&ring->first, (ring->first + 1) % vm->ring_max,
				 __ATOMIC_RELEASE);
		any = true;
	}
	pthread_mutex_unlock(&vm->ring_lock);
	return any;
}
