/* debug_ports.c: isa-debug-exit semantics, POST codes, the boot timer. */
#include "devices/debug_ports.h"

#include <string.h>

#include "abi/debug_ports.h"
#include "trace.h"

static uint64_t value_of(const struct bus_access *a)
{
	uint64_t v = 0;

	memcpy(&v, a->data, a->size < sizeof(v) ? a->size : sizeof(v));
	return v;
}

/* A 1-, 2- or 4-byte write of v ends the VM with status (v << 1) | 1. */
static void exit_port(void *dev, struct bus_access *a)
{
	struct vm *vm = dev;

	if (!a->write) {
		memset(a->data, 0xff, (size_t)a->size * a->count);
		return;
	}
	if (a->offset != 0)
		return; /* only the base port, as QEMU configures it */
	vm_request_stop(vm, (int)DEBUG_EXIT_STATUS(value_of(a)),
			"debug exit port");
}

static void post_port(void *dev, struct bus_access *a)
{
	if (!a->write) {
		memset(a->data, 0xff, (size_t)a->size * a->count);
		return;
	}
	for (uint32_t i = 0; i < a->count; i++)
		trace_post(*bus_byte_item(a, i), false);
}

static void boot_timer(void *dev, struct bus_access *a)
{
	if (!a->write) {
		memset(a->data, 0, a->size);
		return;
	}
	if (a->offset == 0 && a->data[0] == BOOT_TIMER_VALUE)
		trace_post(a->data[0], true);
}

int debug_ports_create(struct vm *vm)
{
	int ret = bus_add(&vm->pio, DEBUG_EXIT_PORT, 4, exit_port, vm,
			  "debug exit");

	if (!ret)
		ret = bus_add(&vm->pio, POST_PORT, 1, post_port, vm, "POST");
	/* The boot timer lives in the MMIO hole only when no RAM is there. */
	if (!ret && !guest_ram_ptr(&vm->ram, BOOT_TIMER_MMIO, 1))
		ret = bus_add(&vm->mmio, BOOT_TIMER_MMIO, 0x1000, boot_timer,
			      vm, "boot timer");
	return ret;
}
