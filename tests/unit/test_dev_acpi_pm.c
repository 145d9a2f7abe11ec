/* test_dev_acpi_pm.c: the ACPI sleep control/status and reset registers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "abi/acpi.h"
#include "dev/acpi_pm.h"

/* What Linux writes for S5: SLP_TYP from \_S5 << 2 | SLP_EN. */
#define S5_WRITE (ACPI_PM_S5_TYP << 2 | ACPI_SLEEP_EN)

static void s5_powers_off(void **state)
{
	struct acpi_pm pm;

	acpi_pm_init(&pm);
	assert_int_equal(S5_WRITE, 0x34);
	assert_int_equal(acpi_pm_write(&pm, ACPI_PM_SLEEP_CONTROL, S5_WRITE),
			 ACPI_PM_POWER_OFF);
	/* Bits outside SLP_TYP and SLP_EN do not matter. */
	assert_int_equal(
		acpi_pm_write(&pm, ACPI_PM_SLEEP_CONTROL, S5_WRITE | 0xc3),
		ACPI_PM_POWER_OFF);
}

static void reset_value_resets(void **state)
{
	struct acpi_pm pm;

	acpi_pm_init(&pm);
	assert_int_equal(acpi_pm_write(&pm, ACPI_PM_RESET, ACPI_PM_RESET_VALUE),
			 ACPI_PM_RESET_REQ);
}

/*
 * Every byte at every register: only S5 with SLP_EN powers off, only the
 * reset value resets, other sleep types with SLP_EN wake at once, and
 * nothing else has any effect.
 */
static void every_write_has_a_defined_effect(void **state)
{
	unsigned int reg, v;

	for (reg = 0; reg < 8; reg++) {
		for (v = 0; v < 256; v++) {
			struct acpi_pm pm;
			enum acpi_pm_event want = ACPI_PM_NONE, got;

			acpi_pm_init(&pm);
			if (reg == ACPI_PM_SLEEP_CONTROL && (v & ACPI_SLEEP_EN))
				want = ((v >> 2) & 7) == ACPI_PM_S5_TYP
					       ? ACPI_PM_POWER_OFF
					       : ACPI_PM_WOKE;
			if (reg == ACPI_PM_RESET && v == ACPI_PM_RESET_VALUE)
				want = ACPI_PM_RESET_REQ;
			got = acpi_pm_write(&pm, reg, (uint8_t)v);
			assert_int_equal(got, want);
			assert_int_equal(
				acpi_pm_read(&pm, ACPI_PM_SLEEP_STATUS),
				want == ACPI_PM_WOKE ? ACPI_SLEEP_WAK_STS : 0);
		}
	}
}

/* S1-S4 are not offered: the machine "wakes" and says so in WAK_STS. */
static void unsupported_sleep_wakes_at_once(void **state)
{
	struct acpi_pm pm;

	acpi_pm_init(&pm);
	assert_int_equal(acpi_pm_read(&pm, ACPI_PM_SLEEP_STATUS), 0);
	assert_int_equal(acpi_pm_write(&pm, ACPI_PM_SLEEP_CONTROL,
				       3 << 2 | ACPI_SLEEP_EN),
			 ACPI_PM_WOKE);
	assert_int_equal(acpi_pm_read(&pm, ACPI_PM_SLEEP_STATUS), 0x80);
	/* Writing 0 clears nothing; writing 1 to WAK_STS clears it. */
	assert_int_equal(acpi_pm_write(&pm, ACPI_PM_SLEEP_STATUS, 0x7f),
			 ACPI_PM_NONE);
	assert_int_equal(acpi_pm_read(&pm, ACPI_PM_SLEEP_STATUS), 0x80);
	assert_int_equal(acpi_pm_write(&pm, ACPI_PM_SLEEP_STATUS, 0x80),
			 ACPI_PM_NONE);
	assert_int_equal(acpi_pm_read(&pm, ACPI_PM_SLEEP_STATUS), 0);
}

static void write_only_registers_read_zero(void **state)
{
	struct acpi_pm pm;

	acpi_pm_init(&pm);
	acpi_pm_write(&pm, ACPI_PM_SLEEP_CONTROL, 0x14);
	acpi_pm_write(&pm, ACPI_PM_RESET, 0x41);
	assert_int_equal(acpi_pm_read(&pm, ACPI_PM_SLEEP_CONTROL), 0);
	assert_int_equal(acpi_pm_read(&pm, ACPI_PM_RESET), 0);
	assert_int_equal(acpi_pm_read(&pm, ACPI_PM_SIZE), 0);
	assert_int_equal(acpi_pm_read(&pm, 1000), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(s5_powers_off),
		cmocka_unit_test(reset_value_resets),
		cmocka_unit_test(every_write_has_a_defined_effect),
		cmocka_unit_test(unsupported_sleep_wakes_at_once),
		cmocka_unit_test(write_only_registers_read_zero),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
