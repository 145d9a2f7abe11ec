/* legacy.c: keyboard controller (and reset), System Control Port A, CMOS. */
#include "devices/legacy.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "abi/debug_ports.h"
#include "core/layout.h"
#include "dev/cmos.h"
#include "dev/i8042.h"
#include "status.h"

#define PORT_A	  0x92 /* System Control Port A: fast A20 and reset */
#define CMOS_PORT 0x70
#define KBD_IRQ	  1
#define AUX_IRQ	  12

struct legacy {
	struct vm *vm;
	pthread_mutex_t lock;
	struct i8042 kbc;
	bool irq1, irq12;
	struct cmos cmos;
	uint8_t port_a;
};

static void kbc_irqs(struct legacy *l)
{
	bool i1 = i8042_irq1(&l->kbc), i12 = i8042_irq12(&l->kbc);

	if (i1 != l->irq1)
		vm_set_irq(l->vm, KBD_IRQ, l->irq1 = i1);
	if (i12 != l->irq12)
		vm_set_irq(l->vm, AUX_IRQ, l->irq12 = i12);
}

static void kbc_io(void *dev, struct bus_access *a)
{
	struct legacy *l = dev;
	unsigned reg = a->addr == KBC_STATUS_PORT ? I8042_CMD : I8042_DATA;

	pthread_mutex_lock(&l->lock);
	for (uint32_t i = 0; i < a->count; i++) {
		uint8_t *d = bus_byte_item(a, i);

		if (a->write)
			i8042_write(&l->kbc, reg, *d);
		else
			*d = i8042_read(&l->kbc, reg);
		kbc_irqs(l);
		/* The next queued byte arrives after the line was sampled
		 * low, so an edge-triggered controller sees it. */
		if (i8042_service(&l->kbc))
			kbc_irqs(l);
	}
	if (l->kbc.reset_requested)
		vm_request_stop(l->vm, STATUS_GUEST_OFF,
				"reset (keyboard controller)");
	pthread_mutex_unlock(&l->lock);
}

static void port_a_io(void *dev, struct bus_access *a)
{
	struct legacy *l = dev;

	pthread_mutex_lock(&l->lock);
	if (a->write) {
		uint8_t v = a->data[0];

		/* Bit 0 going high is a fast reset; bit 1 is A20 (always on
		 * here, as on every machine since the 486). */
		if ((v & 1) && !(l->port_a & 1))
			vm_request_stop(l->vm, STATUS_GUEST_OFF,
					"reset (port 0x92)");
		l->port_a = v | 0x02;
	} else {
		memset(a->data, 0, (size_t)a->size * a->count);
		a->data[0] = l->port_a;
	}
	pthread_mutex_unlock(&l->lock);
}

static void cmos_io(void *dev, struct bus_access *a)
{
	struct legacy *l = dev;

	pthread_mutex_lock(&l->lock);
	for (uint32_t i = 0; i < a->count; i++) {
		uint8_t *d = bus_byte_item(a, i);

		if (a->write)
			cmos_write(&l->cmos, (unsigned)a->offset, *d);
		else
			*d = cmos_read(&l->cmos, (unsigned)a->offset,
				       (int64_t)time(NULL));
	}
	pthread_mutex_unlock(&l->lock);
}

int legacy_create(struct vm *vm)
{
	struct legacy *l = calloc(1, sizeof(*l));
	uint64_t low = vm->ram_size < LOW_RAM_MAX ? vm->ram_size : LOW_RAM_MAX;
	int ret;

	if (!l)
		return -ENOMEM;
	l->vm = vm;
	pthread_mutex_init(&l->lock, NULL);
	i8042_init(&l->kbc);
	cmos_init(&l->cmos, low, vm->ram_size - low, vm->ncpus);
	l->port_a = 0x02;
	ret = bus_add(&vm->pio, KBC_DATA_PORT, 1, kbc_io, l, "i8042 data");
	if (!ret)
		ret = bus_add(&vm->pio, KBC_STATUS_PORT, 1, kbc_io, l,
			      "i8042 command");
	if (!ret)
		ret = bus_add(&vm->pio, PORT_A, 1, port_a_io, l, "port A");
	if (!ret)
		ret = bus_add(&vm->pio, CMOS_PORT, 2, cmos_io, l, "CMOS");
	return ret;
}
