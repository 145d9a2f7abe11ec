/* acpi.h: ACPI 6.3 tables for a hardware-reduced VM: RSDP, SDTs, FADT, MADT. */
#ifndef ABI_ACPI_H
#define ABI_ACPI_H

#include "abi/abi.h"

/*
 * An OS finds the RSDP through its boot protocol (the zero page's
 * acpi_rsdp_addr, PVH's rsdp_paddr) or by scanning 0xe0000-0xfffff on
 * 16-byte boundaries. The RSDP names the RSDT (32-bit pointers) and the
 * XSDT (64-bit pointers), which list the other tables; the FADT names the
 * DSDT. Every table but the RSDP starts with struct acpi_sdt_header, and
 * all its `length` bytes sum to 0 modulo 256.
 */
#define ACPI_RSDP_SIGNATURE "RSD PTR "
#define ACPI_RSDT_SIGNATURE "RSDT"
#define ACPI_XSDT_SIGNATURE "XSDT"
#define ACPI_FADT_SIGNATURE "FACP"
#define ACPI_MADT_SIGNATURE "APIC"
#define ACPI_DSDT_SIGNATURE "DSDT"

#define ACPI_RSDP_REVISION 2 /* ACPI 2.0+: the XSDT and extended fields */
#define ACPI_RSDT_REVISION 1
#define ACPI_XSDT_REVISION 1
#define ACPI_FADT_REVISION 6 /* ACPI 6.x: 276 bytes */
#define ACPI_FADT_MINOR	   3 /* ACPI 6.3 */
#define ACPI_MADT_REVISION 5 /* ACPI 6.3 */
#define ACPI_DSDT_REVISION 2 /* AML integers are 64 bits wide */

#ifndef __ASSEMBLY__
/* Root System Description Pointer, 16-byte aligned. */
struct acpi_rsdp {
	char signature[8]; /* "RSD PTR " */
	uint8_t checksum;  /* the first 20 bytes sum to 0 */
	char oem_id[6];
	uint8_t revision;     /* 2 */
	uint32_t rsdt_addr;   /* 32-bit physical address of the RSDT */
	uint32_t length;      /* 36: the whole structure */
	uint64_t xsdt_addr;   /* physical address of the XSDT */
	uint8_t ext_checksum; /* all 36 bytes sum to 0 */
	uint8_t reserved[3];
} ABI_PACKED;
ABI_CHECK_SIZE(struct acpi_rsdp, 36);
ABI_CHECK_OFFSET(struct acpi_rsdp, rsdt_addr, 16);
ABI_CHECK_OFFSET(struct acpi_rsdp, xsdt_addr, 24);

/* Header of every System Description Table. */
struct acpi_sdt_header {
	char signature[4];
	uint32_t length; /* of the whole table, header included */
	uint8_t revision;
	uint8_t checksum;
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	char creator_id[4];
	uint32_t creator_revision;
} ABI_PACKED;
ABI_CHECK_SIZE(struct acpi_sdt_header, 36);

/*
 * The RSDT is the header followed by uint32_t table addresses, the XSDT by
 * uint64_t ones (unaligned: the XSDT's entries start at offset 36).
 */

/* Generic Address Structure: where a register lives. */
#define ACPI_GAS_MEMORY 0
#define ACPI_GAS_IO	1

#define ACPI_GAS_ACCESS_UNDEFINED 0
#define ACPI_GAS_ACCESS_BYTE	  1
#define ACPI_GAS_ACCESS_WORD	  2
#define ACPI_GAS_ACCESS_DWORD	  3
#define ACPI_GAS_ACCESS_QWORD	  4

struct acpi_gas {
	uint8_t space_id;  /* ACPI_GAS_MEMORY, ACPI_GAS_IO, ... */
	uint8_t bit_width; /* of the register */
	uint8_t bit_offset;
	uint8_t access_size; /* ACPI_GAS_ACCESS_* */
	uint64_t address;
} ABI_PACKED;
ABI_CHECK_SIZE(struct acpi_gas, 12);

/* FADT Flags (offset 112). */
#define ACPI_FADT_WBINVD	  (1u << 0)
#define ACPI_FADT_PWR_BUTTON	  (1u << 4) /* no fixed-feature power button */
#define ACPI_FADT_SLP_BUTTON	  (1u << 5) /* no fixed-feature sleep button */
#define ACPI_FADT_RESET_REG_SUP	  (1u << 10)
#define ACPI_FADT_HW_REDUCED_ACPI (1u << 20)

/* FADT IA-PC Boot Architecture Flags (offset 109). */
#define ACPI_IAPC_LEGACY_DEVICES (1u << 0) /* ISA/LPC devices, e.g. COM1 */
#define ACPI_IAPC_8042		 (1u << 1) /* an i8042 keyboard controller */
#define ACPI_IAPC_NO_VGA	 (1u << 2) /* do not probe for VGA */
#define ACPI_IAPC_NO_MSI	 (1u << 3)
#define ACPI_IAPC_NO_ASPM	 (1u << 4)
#define ACPI_IAPC_NO_CMOS_RTC	 (1u << 5)

/*
 * Sleep control register (hardware-reduced ACPI): the OS writes
 * SLP_TYP << 2 | SLP_EN, SLP_TYP coming from the \_Sx package. The sleep
 * status register's WAK_STS bit says the machine woke up; it is cleared
 * by writing 1 to it.
 */
#define ACPI_SLEEP_TYP_SHIFT 2
#define ACPI_SLEEP_TYP_MASK  (7u << ACPI_SLEEP_TYP_SHIFT)
#define ACPI_SLEEP_EN	     (1u << 5)
#define ACPI_SLEEP_WAK_STS   (1u << 7)

/* Fixed ACPI Description Table, revision 6. */
struct acpi_fadt {
	struct acpi_sdt_header header; /* "FACP" */
	uint32_t firmware_ctrl;	       /* FACS; 0 (optional when reduced) */
	uint32_t dsdt;
	uint8_t reserved0; /* INT_MODEL in ACPI 1.0 */
	uint8_t preferred_pm_profile;
	uint16_t sci_int;
	uint32_t smi_cmd;
	uint8_t acpi_enable;
	uint8_t acpi_disable;
	uint8_t s4bios_req;
	uint8_t pstate_cnt;
	uint32_t pm1a_evt_blk;
	uint32_t pm1b_evt_blk;
	uint32_t pm1a_cnt_blk;
	uint32_t pm1b_cnt_blk;
	uint32_t pm2_cnt_blk;
	uint32_t pm_tmr_blk;
	uint32_t gpe0_blk;
	uint32_t gpe1_blk;
	uint8_t pm1_evt_len;
	uint8_t pm1_cnt_len;
	uint8_t pm2_cnt_len;
	uint8_t pm_tmr_len;
	uint8_t gpe0_blk_len;
	uint8_t gpe1_blk_len;
	uint8_t gpe1_base;
	uint8_t cst_cnt;
	uint16_t p_lvl2_lat;
	uint16_t p_lvl3_lat;
	uint16_t flush_size;
	uint16_t flush_stride;
	uint8_t duty_offset;
	uint8_t duty_width;
	uint8_t day_alrm;
	uint8_t mon_alrm;
	uint8_t century;	 /* CMOS index of the century byte; 0: none */
	uint16_t iapc_boot_arch; /* ACPI_IAPC_* */
	uint8_t reserved1;
	uint32_t flags; /* ACPI_FADT_* */
	struct acpi_gas reset_reg;
	uint8_t reset_value;
	uint16_t arm_boot_arch;
	uint8_t minor_version;
	uint64_t x_firmware_ctrl;
	uint64_t x_dsdt;
	struct acpi_gas x_pm1a_evt_blk;
	struct acpi_gas x_pm1b_evt_blk;
	struct acpi_gas x_pm1a_cnt_blk;
	struct acpi_gas x_pm1b_cnt_blk;
	struct acpi_gas x_pm2_cnt_blk;
	struct acpi_gas x_pm_tmr_blk;
	struct acpi_gas x_gpe0_blk;
	struct acpi_gas x_gpe1_blk;
	struct acpi_gas sleep_control_reg;
	struct acpi_gas sleep_status_reg;
	char hypervisor_vendor_id[8];
} ABI_PACKED;
ABI_CHECK_SIZE(struct acpi_fadt, 276);
ABI_CHECK_OFFSET(struct acpi_fadt, dsdt, 40);
ABI_CHECK_OFFSET(struct acpi_fadt, sci_int, 46);
ABI_CHECK_OFFSET(struct acpi_fadt, pm1a_evt_blk, 56);
ABI_CHECK_OFFSET(struct acpi_fadt, pm_tmr_blk, 76);
ABI_CHECK_OFFSET(struct acpi_fadt, pm1_evt_len, 88);
ABI_CHECK_OFFSET(struct acpi_fadt, century, 108);
ABI_CHECK_OFFSET(struct acpi_fadt, iapc_boot_arch, 109);
ABI_CHECK_OFFSET(struct acpi_fadt, flags, 112);
ABI_CHECK_OFFSET(struct acpi_fadt, reset_reg, 116);
ABI_CHECK_OFFSET(struct acpi_fadt, reset_value, 128);
ABI_CHECK_OFFSET(struct acpi_fadt, minor_version, 131);
ABI_CHECK_OFFSET(struct acpi_fadt, x_dsdt, 140);
ABI_CHECK_OFFSET(struct acpi_fadt, x_pm1a_evt_blk, 148);
ABI_CHECK_OFFSET(struct acpi_fadt, x_pm_tmr_blk, 208);
ABI_CHECK_OFFSET(struct acpi_fadt, x_gpe0_blk, 220);
ABI_CHECK_OFFSET(struct acpi_fadt, sleep_control_reg, 244);
ABI_CHECK_OFFSET(struct acpi_fadt, sleep_status_reg, 256);
ABI_CHECK_OFFSET(struct acpi_fadt, hypervisor_vendor_id, 268);

/* Multiple APIC Description Table: header, then variable entries. */
#define ACPI_MADT_PCAT_COMPAT (1u << 0) /* dual 8259 PICs also present */

#define ACPI_MADT_LAPIC	    0 /* struct acpi_madt_lapic */
#define ACPI_MADT_IOAPIC    1 /* struct acpi_madt_ioapic */
#define ACPI_MADT_ISO	    2 /* struct acpi_madt_iso */
#define ACPI_MADT_LAPIC_NMI 4 /* struct acpi_madt_lapic_nmi */

#define ACPI_MADT_LAPIC_ENABLED (1u << 0)
#define ACPI_MADT_UID_ALL	0xff /* LAPIC NMI: every processor */

/* MPS INTI flags of overrides and NMI entries (as in the MP table). */
#define ACPI_MADT_POLARITY_BUS	0x0
#define ACPI_MADT_POLARITY_HIGH 0x1
#define ACPI_MADT_POLARITY_LOW	0x3
#define ACPI_MADT_TRIGGER_BUS	(0x0 << 2)
#define ACPI_MADT_TRIGGER_EDGE	(0x1 << 2)
#define ACPI_MADT_TRIGGER_LEVEL (0x3 << 2)

struct acpi_madt {
	struct acpi_sdt_header header; /* "APIC" */
	uint32_t lapic_addr;	       /* 0xfee00000 */
	uint32_t flags;		       /* ACPI_MADT_PCAT_COMPAT */
} ABI_PACKED;
ABI_CHECK_SIZE(struct acpi_madt, 44);

/* Every entry starts with its type and its length in bytes. */
struct acpi_madt_lapic {
	uint8_t type;	       /* ACPI_MADT_LAPIC */
	uint8_t length;	       /* 8 */
	uint8_t processor_uid; /* matches a processor object's _UID */
	uint8_t apic_id;
	uint32_t flags; /* ACPI_MADT_LAPIC_ENABLED */
} ABI_PACKED;
ABI_CHECK_SIZE(struct acpi_madt_lapic, 8);

struct acpi_madt_ioapic {
	uint8_t type;	/* ACPI_MADT_IOAPIC */
	uint8_t length; /* 12 */
	uint8_t ioapic_id;
	uint8_t reserved;
	uint32_t addr;
	uint32_t gsi_base; /* the GSI of its pin 0 */
} ABI_PACKED;
ABI_CHECK_SIZE(struct acpi_madt_ioapic, 12);

/* Interrupt source override: ISA IRQ `source` arrives on GSI `gsi`. */
struct acpi_madt_iso {
	uint8_t type;	/* ACPI_MADT_ISO */
	uint8_t length; /* 10 */
	uint8_t bus;	/* 0: ISA */
	uint8_t source;
	uint32_t gsi;
	uint16_t flags; /* ACPI_MADT_POLARITY_* | ACPI_MADT_TRIGGER_* */
} ABI_PACKED;
ABI_CHECK_SIZE(struct acpi_madt_iso, 10);

/* Which LINT pin of a processor's LAPIC carries NMIs. */
struct acpi_madt_lapic_nmi {
	uint8_t type;	       /* ACPI_MADT_LAPIC_NMI */
	uint8_t length;	       /* 6 */
	uint8_t processor_uid; /* ACPI_MADT_UID_ALL: every processor */
	uint16_t flags;
	uint8_t lint; /* 0 or 1 */
} ABI_PACKED;
ABI_CHECK_SIZE(struct acpi_madt_lapic_nmi, 6);
#endif

#endif
