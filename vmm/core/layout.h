/* layout.h: jiffy's guest-physical memory map, in one table. */
#ifndef CORE_LAYOUT_H
#define CORE_LAYOUT_H

/*
 *  guest-physical            what                                  size
 *  ------------------------  ------------------------------------  -------
 *  0x0000_0000               real-mode IVT and BIOS data area      4 KiB
 *  0x0000_0500               boot GDT (null, null, code, data, TSS)
 *  0x0000_0520               boot IDT (empty; interrupts are off)
 *  0x0000_6000               PVH hvm_start_info, module list at +0x40
 *  0x0000_7000               bzImage zero page | PVH memory map    4 KiB
 *  0x0000_8ff0               initial stack top (64-bit entry)
 *  0x0000_9000               identity page tables (PML4, PDPT, 4 PD) 24 KiB
 *  0x0002_0000               kernel command line                   64 KiB
 *  0x0003_0000               multiboot information: MBI, memory   384 KiB
 *                            map, module list, command line, strings
 *  0x0009_fc00               MP table (EBDA), reserved in e820     1 KiB
 *  0x000a_0000 - 0x000d_ffff legacy VGA/ROM hole: not RAM in e820
 *  0x000e_0000               ACPI: RSDP, then RSDT, XSDT, FADT,   64 KiB
 *                            MADT, DSDT; reserved in e820
 *  0x000f_0000               BIOS area (MP table beyond 40 vCPUs),
 *                            reserved in e820                     64 KiB
 *  0x000f_fff0               reset vector: a reset through the ACPI
 *                            reset register
 *  0x0010_0000               kernels load from here up (bzImage at its
 *                            preferred address, ELF at p_paddr)
 *  ...                       initrd: as high in low RAM as allowed
 *  LOW_RAM_MAX (3 GiB)       end of low RAM; start of the MMIO hole
 *  0xc000_0000               Firecracker boot-timer MMIO byte
 *                            (BOOT_TIMER_MMIO, abi/debug_ports.h)
 *  0xfec0_0000               IOAPIC
 *  0xfee0_0000               local APICs
 *  0xfeff_c000               KVM identity-map page (VMX real mode)   4 KiB
 *  0xfeff_d000               KVM TSS (VMX real mode)               12 KiB
 *  0xff00_0000 - 4 GiB       firmware ROM (--firmware, --bios), at
 *                            most 16 MiB; its last 128 KiB also end at
 *                            1 MiB (read-only, or a RAM copy for --bios)
 *  0x1_0000_0000             RAM above LOW_RAM_MAX continues here
 *
 * The low fixed structures sit where Firecracker and Cloud Hypervisor put
 * them, so a kernel sees the same shape it is tested with there.
 */

#define KiB 0x400ull
#define MiB 0x100000ull
#define GiB 0x40000000ull

#define BOOT_GDT_ADDR	    0x500ull
#define BOOT_IDT_ADDR	    0x520ull
#define PVH_START_INFO_ADDR 0x6000ull
#define PVH_MODLIST_ADDR    0x6040ull
#define ZERO_PAGE_ADDR	    0x7000ull
#define PVH_MEMMAP_ADDR	    0x7000ull
#define BOOT_STACK_TOP	    0x8ff0ull
#define PAGE_TABLES_ADDR    0x9000ull
#define CMDLINE_ADDR	    0x20000ull
#define CMDLINE_MAX	    (64 * KiB) /* including the NUL */
#define MB_INFO_ADDR	    0x30000ull
#define MB_INFO_SIZE	    (384 * KiB)
#define MPTABLE_ADDR	    0x9fc00ull
#define EBDA_END	    0xa0000ull
#define ACPI_RSDP_ADDR	    0xe0000ull /* where OSes scan for the RSDP */
#define BIOS_AREA_START	    0xf0000ull
#define RESET_VECTOR_ADDR   0xffff0ull /* F000:FFF0, where a CPU resets to */
#define HIMEM_START	    (1 * MiB)

#define LOW_RAM_MAX	      (3 * GiB)
#define MMIO_HOLE_START	      LOW_RAM_MAX
#define HIGH_RAM_START	      (4 * GiB)
#define IOAPIC_ADDR	      0xfec00000ull
#define LAPIC_ADDR	      0xfee00000ull
#define KVM_IDENTITY_MAP_ADDR 0xfeffc000ull
#define KVM_TSS_ADDR	      0xfeffd000ull
#define ROM_END		      (4 * GiB)	 /* firmware ends at the reset vector */
#define ROM_MAX		      (16 * MiB) /* stays clear of KVM's pages */
#define ROM_ALIAS_MAX	      (128 * KiB) /* seen again below 1 MiB */

/* Ports of jiffy's own devices (legacy PC ports are where PCs have them). */
#define ACPI_PM_PORT 0x600 /* sleep control, sleep status, reset */

#define GUEST_RAM_MIN	  (4 * MiB)
#define GUEST_RAM_MAX	  (1024 * GiB)
#define GUEST_RAM_DEFAULT (256 * MiB)

#endif
