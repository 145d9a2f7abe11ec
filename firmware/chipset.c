/* chipset.c: the one thing QEMU's ACPI tables need from firmware first: the chipset's power-management I/O base. */
#include "fw.h"

/*
 * QEMU writes the FADT's PM1a event, control and timer blocks from the
 * power-management device's I/O base when it builds the tables, which is
 * on the first read of an ACPI file. A BIOS programs that base first; left
 * at 0, Linux finds "PM1a event block at address 0" and cannot enter ACPI
 * mode. The PC chipsets QEMU has: i440FX with the PIIX4's PM function,
 * Q35 with the ICH9's LPC bridge. The base is SeaBIOS's and qboot's,
 * 0x600. Only with a table loader: jiffy has no PCI, and each port access
 * costs an exit.
 */
#define PCI_CFG_ADDR 0xcf8
#define PCI_CFG_DATA 0xcfc
#define PCI_BDF(bus, dev, fn) ((bus) << 16 | (dev) << 11 | (fn) << 8)

#define I440FX_ID	0x12378086u /* host bridge 00:00.0 */
#define Q35_MCH_ID	0x29c08086u
#define PIIX4_PM	PCI_BDF(0, 1, 3)
#define PIIX4_PMBA	0x40 /* PM I/O base (bit 0: I/O space) */
#define PIIX4_PMREGMISC 0x80 /* bit 0: PM I/O space enabled */
#define ICH9_LPC	PCI_BDF(0, 31, 0)
#define ICH9_PMBASE	0x40
#define ICH9_ACPI_CTRL	0x44 /* bit 7: ACPI enabled, bits 2-0: SCI IRQ 9 */
#define PM_BASE		0x600

static void cfg_addr(uint32_t bdf, unsigned reg)
{
	fw_outl(PCI_CFG_ADDR, 0x80000000u | bdf | (reg & 0xfc));
}

static void cfg_write32(uint32_t bdf, unsigned reg, uint32_t v)
{
	cfg_addr(bdf, reg);
	fw_outl(PCI_CFG_DATA, v);
}

static void cfg_write8(uint32_t bdf, unsigned reg, uint8_t v)
{
	cfg_addr(bdf, reg);
	fw_outb(PCI_CFG_DATA + (reg & 3), v);
}

void fw_chipset_init(void)
{
	uint32_t id;

	cfg_addr(PCI_BDF(0, 0, 0), 0);
	id = fw_inl(PCI_CFG_DATA);
	if (id == I440FX_ID) {
		cfg_write32(PIIX4_PM, PIIX4_PMBA, PM_BASE | 1);
		cfg_write8(PIIX4_PM, PIIX4_PMREGMISC, 1);
	} else if (id == Q35_MCH_ID) {
		cfg_write32(ICH9_LPC, ICH9_PMBASE, PM_BASE | 1);
		cfg_write8(ICH9_LPC, ICH9_ACPI_CTRL, 0x80);
	}
}
