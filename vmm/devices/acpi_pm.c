/* acpi_pm.c: glue of the ACPI sleep/reset registers to the port bus. */
#include "devices/acpi_pm.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/layout.h"
#include "dev/acpi_pm.h"
#include "status.h"

struct acpi_pm_glue {
	struct vm *vm;
	pthread_mutex_t lock;
	struct acpi_pm pm;
};

static void acpi_pm_event(struct acpi_pm_glue *g, enum acpi_pm_event ev,
			  uint8_t value)
{
	switch (ev) {
	case ACPI_PM_POWER_OFF:
		vm_request_stop(g->vm, STATUS_GUEST_OFF, "power off (ACPI S5)");
		break;
	case ACPI_PM_RESET_REQ:
		vm_request_stop(g->vm, STATUS_GUEST_OFF,
				"reset (ACPI reset register)");
		break;
	case ACPI_PM_WOKE:
		if (g->vm->debug)
			fprintf(stderr,
				"jiffy: ACPI sleep control 0x%02x: sleep type %u is not offered (only S5); the guest wakes at once\n",
				value, (value >> 2) & 7);
		break;
	case ACPI_PM_NONE:
		break;
	}
}

/*
 * The registers are bytes; a wider or repeated access is taken byte by
 * byte, as an ISA decoder would, so no access the guest makes is lost or
 * misread.
 */
static void acpi_pm_io(void *dev, struct bus_access *a)
{
	struct acpi_pm_glue *g = dev;
	size_t i, n = (size_t)a->size * a->count;

	pthread_mutex_lock(&g->lock);
	for (i = 0; i < n; i++) {
		unsigned int reg = (unsigned int)(a->offset + i % a->size);

		if (a->write)
			acpi_pm_event(g, acpi_pm_write(&g->pm, reg, a->data[i]),
				      a->data[i]);
		else
			a->data[i] = reg < ACPI_PM_SIZE
					     ? acpi_pm_read(&g->pm, reg)
					     : 0xff;
	}
	pthread_mutex_unlock(&g->lock);
}

int acpi_pm_create(struct vm *vm)
{
	struct acpi_pm_glue *g = calloc(1, sizeof(*g));

	if (!g)
		return -ENOMEM;
	g->vm = vm;
	pthread_mutex_init(&g->lock, NULL);
	acpi_pm_init(&g->pm);
	return bus_add(&vm->pio, ACPI_PM_PORT, ACPI_PM_SIZE, acpi_pm_io, g,
		       "ACPI PM");
}
