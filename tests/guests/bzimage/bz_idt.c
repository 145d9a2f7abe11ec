/* bz_idt.c: turns any CPU exception in the bzImage guest into a FAIL line, never a triple fault. */
#include "abi/bootparam.h"
#include "bz.h"
#include "jt.h"

struct idt_gate {
	uint16_t off0;
	uint16_t sel;
	uint8_t ist;
	uint8_t type;
	uint16_t off1;
	uint32_t off2;
	uint32_t reserved;
} __attribute__((packed));

#define IDT_VECTORS    32
#define GATE_INTERRUPT 0x8e /* present, DPL 0, 64-bit interrupt gate */

static struct idt_gate bz_idt[IDT_VECTORS];

/* What the guest was doing, for the FAIL line (set before risky reads). */
const char *bz_doing;

void bz_idt_install(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed))
	idtr = { sizeof(bz_idt) - 1, (uintptr_t)bz_idt };

	for (unsigned i = 0; i < IDT_VECTORS; i++) {
		uint64_t h = (uintptr_t)bz_vectors + 16 * i;

		bz_idt[i] = (struct idt_gate){
			h & 0xffff,	    BOOT_CS, 0, GATE_INTERRUPT,
			(h >> 16) & 0xffff, h >> 32, 0
		};
	}
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

void bz_exception(uint64_t vector, uint64_t error, uint64_t rip, uint64_t cr2)
{
	/* Names as a 2-D array: no pointers in data (position independence). */
	static const char names[IDT_VECTORS][4] = {
		"DE", "DB",  "NMI", "BP", "OF", "BR", "UD", "NM",
		"DF", "CSO", "TS",  "NP", "SS", "GP", "PF", "15",
		"MF", "AC",  "MC",  "XM", "VE", "CP", "22", "23",
		"24", "25",  "26",  "27", "HV", "VC", "SX", "31",
	};

	jt_fail("CPU exception #%s (vector %llu, error 0x%llx) at RIP 0x%llx (image + 0x%llx), CR2 0x%llx, while %s",
		names[vector & 31], (unsigned long long)vector,
		(unsigned long long)error, (unsigned long long)rip,
		(unsigned long long)(rip - (uintptr_t)startup_32),
		(unsigned long long)cr2, bz_doing ? bz_doing : "starting");
}
