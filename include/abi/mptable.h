/* mptable.h: Intel MP Specification 1.4 tables: floating pointer, entries. */
#ifndef ABI_MPTABLE_H
#define ABI_MPTABLE_H

#include "abi/abi.h"

/*
 * A kernel without ACPI finds its processors, buses and interrupt routing
 * here. It scans for the floating pointer on 16-byte boundaries in the first
 * KiB of RAM, the last KiB below 640 KiB (0x9fc00) and the BIOS segment
 * (0xf0000-0xfffff); the pointer names the configuration table, a header
 * followed by variable-length entries whose first byte is their type.
 */
#define MP_FLOATING_SIGNATURE "_MP_"
#define MP_CONFIG_SIGNATURE   "PCMP"
#define MP_SPEC_REV_1_1	      1
#define MP_SPEC_REV_1_4	      4

#define MP_LAPIC_DEFAULT_ADDR  0xfee00000u
#define MP_IOAPIC_DEFAULT_ADDR 0xfec00000u
#define MP_APIC_VERSION	       0x14 /* integrated APIC, as KVM reports it */
#define MP_APIC_ID_ALL	       0xff /* local interrupt entry: every LAPIC */

/* Floating pointer feature byte 2: IMCR present (PIC mode at reset). */
#define MP_FEATURE2_IMCRP (1u << 7)

/* Entry types and sizes. */
#define MP_ENTRY_CPU	  0 /* 20 bytes */
#define MP_ENTRY_BUS	  1 /* 8 bytes */
#define MP_ENTRY_IOAPIC	  2 /* 8 bytes */
#define MP_ENTRY_IOINT	  3 /* 8 bytes */
#define MP_ENTRY_LOCALINT 4 /* 8 bytes */

/* Processor entry flags. */
#define MP_CPU_ENABLED (1u << 0)
#define MP_CPU_BSP     (1u << 1)

/* I/O APIC entry flags. */
#define MP_IOAPIC_USABLE (1u << 0)

/* Interrupt entry types (I/O and local). */
#define MP_IRQ_INT    0 /* vectored interrupt, vector from the APIC */
#define MP_IRQ_NMI    1
#define MP_IRQ_SMI    2
#define MP_IRQ_EXTINT 3 /* vector from an 8259A-compatible PIC */

/*
 * Interrupt entry flags: polarity in bits 1:0 and trigger mode in bits 3:2;
 * 0 in both means "conforms to the bus" (ISA: active high, edge).
 */
#define MP_IRQ_POLARITY_BUS  0x0
#define MP_IRQ_POLARITY_HIGH 0x1
#define MP_IRQ_POLARITY_LOW  0x3
#define MP_IRQ_TRIGGER_BUS   (0x0 << 2)
#define MP_IRQ_TRIGGER_EDGE  (0x1 << 2)
#define MP_IRQ_TRIGGER_LEVEL (0x3 << 2)

#define MP_BUS_TYPE_ISA "ISA   " /* 6 characters, space padded */
#define MP_BUS_TYPE_PCI "PCI   "

#ifndef __ASSEMBLY__
/* 16 bytes, 16-byte aligned; its 16 bytes sum to 0. */
struct mp_floating {
	char signature[4];    /* "_MP_" */
	uint32_t config_addr; /* physical address of struct mp_config */
	uint8_t length;	      /* in 16-byte units: 1 */
	uint8_t spec_rev;     /* 4 for MPS 1.4 */
	uint8_t checksum;
	uint8_t feature1; /* 0: a configuration table is present */
	uint8_t feature2; /* MP_FEATURE2_IMCRP or 0 (virtual wire) */
	uint8_t feature3[3];
} ABI_PACKED;
ABI_CHECK_SIZE(struct mp_floating, 16);

/* Configuration table header; `length` bytes from here sum to 0. */
struct mp_config {
	char signature[4]; /* "PCMP" */
	uint16_t length;   /* header and every base entry */
	uint8_t spec_rev;
	uint8_t checksum;
	char oem_id[8];	     /* space padded */
	char product_id[12]; /* space padded */
	uint32_t oem_table_addr;
	uint16_t oem_table_size;
	uint16_t entry_count;
	uint32_t lapic_addr;
	uint16_t ext_length;
	uint8_t ext_checksum;
	uint8_t reserved;
} ABI_PACKED;
ABI_CHECK_SIZE(struct mp_config, 44);

struct mp_cpu_entry {
	uint8_t type; /* MP_ENTRY_CPU */
	uint8_t lapic_id;
	uint8_t lapic_version;
	uint8_t flags;		/* MP_CPU_* */
	uint32_t signature;	/* CPUID.1:EAX stepping/model/family */
	uint32_t feature_flags; /* CPUID.1:EDX */
	uint32_t reserved[2];
} ABI_PACKED;
ABI_CHECK_SIZE(struct mp_cpu_entry, 20);

struct mp_bus_entry {
	uint8_t type; /* MP_ENTRY_BUS */
	uint8_t bus_id;
	char bus_type[6];
} ABI_PACKED;
ABI_CHECK_SIZE(struct mp_bus_entry, 8);

struct mp_ioapic_entry {
	uint8_t type; /* MP_ENTRY_IOAPIC */
	uint8_t ioapic_id;
	uint8_t ioapic_version;
	uint8_t flags; /* MP_IOAPIC_USABLE */
	uint32_t addr;
} ABI_PACKED;
ABI_CHECK_SIZE(struct mp_ioapic_entry, 8);

/*
 * I/O interrupt (MP_ENTRY_IOINT: destination is an I/O APIC id and pin) and
 * local interrupt (MP_ENTRY_LOCALINT: destination is a LAPIC id, or
 * MP_APIC_ID_ALL, and its LINT pin) entries share one layout.
 */
struct mp_irq_entry {
	uint8_t type;
	uint8_t irq_type; /* MP_IRQ_* */
	uint16_t flags;	  /* MP_IRQ_POLARITY_* | MP_IRQ_TRIGGER_* */
	uint8_t src_bus_id;
	uint8_t src_bus_irq;
	uint8_t dst_apic_id;
	uint8_t dst_pin;
} ABI_PACKED;
ABI_CHECK_SIZE(struct mp_irq_entry, 8);
#endif

#endif
