/* acpi_pm.c: hardware-reduced ACPI sleep control/status, reset registers. */
#include "dev/acpi_pm.h"

#include "abi/acpi.h"

void acpi_pm_init(struct acpi_pm *pm)
{
	pm->sleep_status = 0;
}

static enum acpi_pm_event acpi_pm_sleep(struct acpi_pm *pm, uint8_t value)
{
	unsigned int typ;

	/* Without SLP_EN the write only stages a type: nothing happens. */
	if (!(value & ACPI_SLEEP_EN))
		return ACPI_PM_NONE;
	typ = (value & ACPI_SLEEP_TYP_MASK) >> ACPI_SLEEP_TYP_SHIFT;
	if (typ == ACPI_PM_S5_TYP)
		return ACPI_PM_POWER_OFF;
	pm->sleep_status |= ACPI_SLEEP_WAK_STS;
	return ACPI_PM_WOKE;
}

enum acpi_pm_event acpi_pm_write(struct acpi_pm *pm, unsigned int offset,
				 uint8_t value)
{
	switch (offset) {
	case ACPI_PM_SLEEP_CONTROL:
		return acpi_pm_sleep(pm, value);
	case ACPI_PM_SLEEP_STATUS:
		pm->sleep_status &= (uint8_t) ~(value & ACPI_SLEEP_WAK_STS);
		return ACPI_PM_NONE;
	case ACPI_PM_RESET:
		return value == ACPI_PM_RESET_VALUE ? ACPI_PM_RESET_REQ
						    : ACPI_PM_NONE;
	default:
		return ACPI_PM_NONE;
	}
}

uint8_t acpi_pm_read(const struct acpi_pm *pm, unsigned int offset)
{
	return offset == ACPI_PM_SLEEP_STATUS ? pm->sleep_status : 0;
}
