/* hostile.c: a guest that does what a careless or malicious kernel might; jiffy must survive it. */
#include <stdint.h>
#include <string.h>

#include "abi/debug_ports.h"
#include "abi/fw_cfg.h"
#include "abi/pvh.h"
#include "jt.h"
#include "rt/console.h"
#include "rt/x86io.h"

/*
 * jt.hostile=ports   every port 0-0x3ff and 0x500-0x5ff (but the reset,
 *                    exit and console ports) read and written at each
 *                    width, string I/O of 4 KiB at several ports, fw_cfg
 *                    DMA descriptors pointing outside RAM; then PASS.
 * jt.hostile=mmio    reads and writes of every width in the MMIO hole and
 *                    beyond RAM, string copies from MMIO; then PASS.
 * jt.hostile=exit=V,W  write V to the exit port with a W-byte access.
 * jt.hostile=port92  reset through System Control Port A.
 * jt.hostile=triple  a triple fault (an exception with no IDT).
 * jt.hostile=fault   an instruction KVM cannot emulate on MMIO
 *                    (lock cmpxchg16b, long mode): KVM reports an internal
 *                    error and jiffy must dump registers and stop (8).
 */

void pvh_main(const struct hvm_start_info *si);
void hostile_fault(void); /* hostile_fault.S, does not return */
void hostile_triple(void);

static uint8_t scratch[4096] __attribute__((aligned(16)));

static int skip_port(unsigned p)
{
	return (p >= KBC_DATA_PORT && p <= KBC_STATUS_PORT) || p == 0x92 ||
	       (p >= DEBUG_EXIT_PORT && p < DEBUG_EXIT_PORT + 4) ||
	       (p >= COM1_PORT && p < COM1_PORT + 8);
}

static void poke_port(unsigned p)
{
	inb(p);
	outb(p, 0xaa);
	inw(p);
	outw(p, 0x5555);
	inl(p);
	outl(p, 0xffffffff);
}

/* fw_cfg DMA descriptors and buffers that are not (all) guest RAM. */
static void bad_dma(void)
{
	static struct fw_cfg_dma_access d __attribute__((aligned(16)));
	static const uint32_t addrs[] = { 0xfffffff0, 0xc0000000, 0xfee00000,
					  0x0fffff00 };

	for (unsigned i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		/* Descriptor outside RAM. */
		outl(FW_CFG_PORT_BASE + 8, __builtin_bswap32(addrs[i]));
		/* Descriptor in RAM, buffer outside, huge lengths. */
		d.control = __builtin_bswap32(FW_CFG_DMA_CTL_SELECT |
					      FW_CFG_DMA_CTL_READ |
					      (FW_CFG_FILE_DIR << 16));
		d.length = __builtin_bswap32(0xffffffff);
		d.address = __builtin_bswap64(addrs[i]);
		outl(FW_CFG_PORT_BASE + 8,
		     __builtin_bswap32((uint32_t)(uintptr_t)&d));
		d.control = __builtin_bswap32(FW_CFG_DMA_CTL_WRITE |
					      FW_CFG_DMA_CTL_SKIP);
		outl(FW_CFG_PORT_BASE + 8,
		     __builtin_bswap32((uint32_t)(uintptr_t)&d));
	}
}

static void ports(void)
{
	for (unsigned p = 0; p < 0x600; p++)
		if ((p < 0x400 || p >= 0x500) && !skip_port(p))
			poke_port(p);
	insb(POST_PORT, scratch, sizeof(scratch));
	insb(FW_CFG_PORT_BASE + 1, scratch, sizeof(scratch));
	insb(0x300, scratch, sizeof(scratch));
	insb(COM1_PORT, scratch, sizeof(scratch));
	__asm__ volatile("rep outsb"
			 :
			 : "S"(scratch), "c"(sizeof(scratch)), "d"(0x300)
			 : "memory");
	bad_dma();
	/* Put COM1 back in order, whatever the sweep left there. */
	outb(COM1_PORT + 3, 0x03);
	outb(COM1_PORT + 1, 0x00);
	outb(COM1_PORT + 2, 0x01);
	outb(COM1_PORT + 4, 0x0b);
	jt_pass("ports: every port poked, bad DMA refused, still here");
}

static void mmio(void)
{
	static const uint32_t addrs[] = { 0xc0000000, 0xc0000ff8, 0xd0000000,
					  0xfed00000, 0xfec00000, 0xfee00030,
					  0xfffffff8, 0x20000000 };

	for (unsigned i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		volatile uint8_t *b = (volatile uint8_t *)(uintptr_t)addrs[i];
		volatile uint16_t *w = (volatile uint16_t *)b;
		volatile uint32_t *l = (volatile uint32_t *)b;

		(void)*b;
		(void)*w;
		(void)*l;
		*b = 0x5a;
		*w = 0x5a5a;
		*l = 0x5a5a5a5a;
		/* A string copy from MMIO: emulated, one access at a time. */
		memcpy(scratch, (const void *)(uintptr_t)addrs[i], 64);
	}
	jt_pass("mmio: every width in the hole and beyond RAM, still here");
}

void pvh_main(const struct hvm_start_info *si)
{
	uint32_t v[2];
	const char *mode;
	size_t len;

	jt_init("hostile-guest", (const char *)(uintptr_t)si->cmdline_paddr);
	mode = jt_arg("hostile", &len);
	if (!mode)
		jt_fail("give jt.hostile=MODE");
	if (len == 5 && !strncmp(mode, "ports", 5))
		ports();
	if (len == 4 && !strncmp(mode, "mmio", 4))
		mmio();
	if (len == 6 && !strncmp(mode, "port92", 6))
		outb(0x92, 0x01);
	if (len == 6 && !strncmp(mode, "triple", 6))
		hostile_triple();
	if (len == 5 && !strncmp(mode, "fault", 5))
		hostile_fault();
	if (len > 5 && !strncmp(mode, "exit=", 5)) {
		const char *p = mode + 5;

		if (!jt_hex32(&p, &v[0]) || !jt_hex32(&p, &v[1]))
			jt_fail("jt.hostile=exit=VALUE,WIDTH (hex)");
		if (v[1] == 1)
			outb(DEBUG_EXIT_PORT, (uint8_t)v[0]);
		else if (v[1] == 2)
			outw(DEBUG_EXIT_PORT, (uint16_t)v[0]);
		else
			outl(DEBUG_EXIT_PORT, v[0]);
	}
	jt_fail("jt.hostile=%.*s: still running after it", (int)len, mode);
}
