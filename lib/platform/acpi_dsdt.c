/* acpi_dsdt.c: the DSDT's devices: \_S5, COM1, i8042, RTC, fw_cfg. */
#include "abi/debug_ports.h"
#include "abi/fw_cfg.h"
#include "dev/acpi_pm.h"
#include "platform/acpi.h"

/*
 * Under hardware-reduced ACPI Linux sets up no legacy PIC and so maps no
 * ISA IRQ to an IOAPIC pin on its own: a device's interrupt works only if
 * the DSDT gives it in _CRS (IRQ 4 here is what the tty layer waits for).
 * So every ISA device the VM has is described with its ports and IRQ.
 */
/* _STA: present, enabled, functioning; hidden from UI (as QEMU says). */
#define FW_CFG_STA 0x0b

#define ISA_MAX_PORTS 2
#define NO_IRQ	      -1

struct isa_device {
	const char *name, *eisa_id;
	uint16_t port[ISA_MAX_PORTS];
	uint8_t len[ISA_MAX_PORTS]; /* 0: no such range */
	int irq;
};

static const struct isa_device isa_devices[] = {
	{ "COM1", "PNP0501", { COM1_PORT }, { 8 }, COM1_IRQ },
	{ "KBD", "PNP0303", { KBC_DATA_PORT, KBC_STATUS_PORT }, { 1, 1 }, 1 },
	{ "MOU", "PNP0F13", { 0 }, { 0 }, 12 },
	/*
	 * The CMOS model raises no interrupt (no alarm, no periodic or
	 * update IRQ), so the RTC's _CRS has none: rtc_cmos then polls.
	 */
	{ "RTC", "PNP0B00", { 0x70 }, { 2 }, NO_IRQ },
};

/* Device (name) { _HID EisaId, _CRS { IO (Decode16, ...)..., IRQNoFlags } } */
static void isa_device(struct aml *a, const struct isa_device *d)
{
	size_t dev = aml_device_begin(a, d->name), crs;
	unsigned int i;

	aml_name(a, "_HID");
	aml_eisa_id(a, d->eisa_id);
	aml_name(a, "_CRS");
	crs = aml_resources_begin(a);
	for (i = 0; i < ISA_MAX_PORTS && d->len[i]; i++)
		aml_io(a, d->port[i], d->port[i], 1, d->len[i]);
	if (d->irq != NO_IRQ)
		aml_irq(a, (unsigned int)d->irq);
	aml_resources_end(a, crs);
	aml_end(a, dev);
}

/*
 * The bytes QEMU 7.2 writes for fw_cfg on pc, q35 and microvm: Linux's
 * qemu_fw_cfg driver binds to _HID QEMU0002 and takes its ports from
 * _CRS: selector, data, a gap, then the two DMA address halves
 * (0x510-0x51b), so the DMA registers are claimed too.
 */
static void fw_cfg_device(struct aml *a)
{
	size_t dev = aml_device_begin(a, "FWCF"), crs;

	aml_name(a, "_HID");
	aml_string(a, "QEMU0002");
	aml_name(a, "_STA");
	aml_integer(a, FW_CFG_STA);
	aml_name(a, "_CRS");
	crs = aml_resources_begin(a);
	aml_io(a, FW_CFG_PORT_BASE, FW_CFG_PORT_BASE, 1, FW_CFG_PORT_SIZE);
	aml_resources_end(a, crs);
	aml_end(a, dev);
}

void acpi_dsdt_body(struct aml *a, const struct acpi_config *cfg)
{
	size_t pkg, sb, i;

	/*
	 * Soft-off: SLP_TYPa is what the sleep control register expects;
	 * SLP_TYPb and the reserved pair are unused here.
	 */
	aml_name(a, "_S5");
	pkg = aml_package_begin(a, 4);
	aml_integer(a, ACPI_PM_S5_TYP);
	aml_integer(a, 0);
	aml_integer(a, 0);
	aml_integer(a, 0);
	aml_end(a, pkg);

	sb = aml_scope_begin(a, "\\_SB");
	for (i = 0; i < sizeof(isa_devices) / sizeof(isa_devices[0]); i++)
		isa_device(a, &isa_devices[i]);
	if (cfg->fw_cfg)
		fw_cfg_device(a);
	aml_end(a, sb);
}
