/* acpi_pm.h: hardware-reduced ACPI sleep control/status and reset registers. */
#ifndef DEV_ACPI_PM_H
#define DEV_ACPI_PM_H

#include <stdint.h>

/*
 * A hardware-reduced ACPI machine has no PM1 blocks: the FADT names a
 * sleep control register, a sleep status register and a reset register,
 * and the DSDT's \_S5 package says which SLP_TYP means "soft off". This
 * model is three byte-wide registers in a row (the FADT describes them at
 * wherever the owner puts the block):
 *
 *   +0 sleep control  write SLP_TYP << 2 | SLP_EN; reads 0
 *   +1 sleep status   bit 7 WAK_STS, write 1 to clear
 *   +2 reset          write ACPI_PM_RESET_VALUE to reset; reads 0
 *
 * Only S5 is offered (the DSDT has no \_S1-\_S4). A request for another
 * sleep state cannot be honoured, so the machine "wakes up" at once: the
 * model sets WAK_STS, which an OS spinning on it for its wake-up sees.
 */
#define ACPI_PM_SLEEP_CONTROL 0
#define ACPI_PM_SLEEP_STATUS  1
#define ACPI_PM_RESET	      2
#define ACPI_PM_SIZE	      3

#define ACPI_PM_S5_TYP	    5	 /* SLP_TYP of \_S5 */
#define ACPI_PM_RESET_VALUE 0x42 /* the FADT's RESET_VALUE */

struct acpi_pm {
	uint8_t sleep_status;
};

enum acpi_pm_event {
	ACPI_PM_NONE,
	ACPI_PM_POWER_OFF, /* S5 requested */
	ACPI_PM_RESET_REQ, /* the reset value written to the reset register */
	ACPI_PM_WOKE,	   /* an unsupported sleep: refused, WAK_STS set */
};

void acpi_pm_init(struct acpi_pm *pm);

/* A byte written at @offset (0 to ACPI_PM_SIZE - 1; others are ignored). */
enum acpi_pm_event acpi_pm_write(struct acpi_pm *pm, unsigned int offset,
				 uint8_t value);
uint8_t acpi_pm_read(const struct acpi_pm *pm, unsigned int offset);

#endif
