/* vm.c: stopping the VM from any thread, and raising interrupt lines. */
#include "core/vm.h"

#include <stdint.h>
#include <sys/ioctl.h>
#include <unistd.h>

void vm_request_stop(struct vm *vm, int status, const char *reason)
{
	int expected = 0;
	uint64_t one = 1;

	if (!atomic_compare_exchange_strong(&vm->stopping, &expected, 1))
		return;
	vm->status = status;
	vm->stop_reason = reason;
	if (write(vm->stop_fd, &one, sizeof(one)) < 0) {
		/* eventfd writes cannot fail short of overflow; nothing to do
		 */
	}
}

void vm_set_irq(struct vm *vm, unsigned irq, bool level)
{
	struct kvm_irq_level l = { .irq = irq, .level = level };

	ioctl(vm->vm_fd, KVM_IRQ_LINE, &l);
}
