/* acpi_pm.h: the ACPI sleep and reset registers the FADT points to. */
#ifndef DEVICES_ACPI_PM_H
#define DEVICES_ACPI_PM_H

#include "core/vm.h"

/*
 * Register dev/acpi_pm.h's three registers at ACPI_PM_PORT (layout.h):
 * S5 written to the sleep control register stops the VM as a power-off,
 * the reset value in the reset register as a reset (both status 0).
 * Returns 0 or -errno.
 */
int acpi_pm_create(struct vm *vm);

#endif
