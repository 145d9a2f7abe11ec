/* fw_harness.h: runs jiffy's firmware on the host against the fw_cfg device model, for test_firmware*.c. */
#ifndef TESTS_UNIT_FW_HARNESS_H
#define TESTS_UNIT_FW_HARNESS_H

/*
 * The firmware's C is built with FW_HOSTED (firmware/platform.h): guest
 * RAM is a buffer, fw_cfg is lib/fw_cfg's device, populated as jiffy does
 * (fw_cfg_x86_populate), reached through the tests' port transport. What
 * the machine would do is recorded instead: COM1 output, progress codes,
 * the exit port, the jump into the kernel (with its registers). Include
 * this once per test program: it defines those machine functions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../fw_cfg/fake.h"
#include "../fw_cfg/images.h"
#include "abi/debug_ports.h"
#include "fw.h"
#include "fw_cfg/x86.h"
#include "rt/console.h"
#include "rt/fmt.h"

#define FWH_RAM (64ull << 20) /* guest RAM: 64 MiB from 0 */

/* A PCI configuration write: the address in 0xcf8 (with the byte offset
 * of a narrower write), the value, its width in bytes. */
struct fwh_pci_write {
	uint32_t addr, v;
	unsigned size;
};

struct fwh {
	struct fake_ram ram;
	struct fw_cfg_dev *d;
	struct fake_bus bus;
	struct fw_cfg_x86_config cfg;
	struct fw_cfg_x86_boot boot;
	struct e820_entry e820[2];
	struct fw_cfg_client_ops ops;
	/* What happened. */
	char out[4096];
	size_t outlen;
	uint8_t posts[16];
	unsigned nposts;
	/* PCI configuration space: 00:00.0's ID, the writes. */
	uint32_t pci_id; /* 0xffffffff: no PCI, as under jiffy */
	uint32_t pci_addr;
	struct fwh_pci_write pci_writes[8];
	unsigned npci;
	uint8_t kbd_cmd; /* the last byte written to port 0x64 */
	bool no_dma_sig; /* the DMA register reads all ones */
	int exit_code; /* -1: none */
	bool entered;
	uint32_t entry, eax, ebx, esi;
	jmp_buf jb;
};

static struct fwh *fwh;

uint8_t *fw_hosted_ram;
const struct fw_cfg_client_ops *fw_hosted_transport;
void *fw_hosted_transport_ctx;

void console_write(const char *s, size_t n)
{
	size_t room = sizeof(fwh->out) - 1 - fwh->outlen;

	if (n > room)
		n = room;
	memcpy(fwh->out + fwh->outlen, s, n);
	fwh->outlen += n;
	fwh->out[fwh->outlen] = '\0';
}

void console_puts(const char *s)
{
	console_write(s, strlen(s));
}

static void fwh_sink(void *ctx, const char *s, size_t n)
{
	console_write(s, n);
}

int vcprintf(const char *fmt, va_list ap)
{
	return rt_vformat(fwh_sink, NULL, fmt, ap);
}

/*
 * fw_cfg's DMA register, which the firmware drives itself (the byte I/O
 * goes through fwh->ops): the device's, as long as the transport reaches
 * one with DMA (tests replace fwh->ops to take the device away).
 */
static bool fwh_dma_port(uint16_t port)
{
	return port >= FW_CFG_PORT_DMA_HI &&
	       port < FW_CFG_PORT_BASE + FW_CFG_PORT_SIZE && fwh->ops.dma;
}

uint32_t fw_inl(uint16_t port)
{
	if (fwh_dma_port(port))
		return fwh->no_dma_sig ? 0xffffffffu : fake_in(fwh->d, port, 4);
	if (port == 0xcfc && fwh->pci_addr == 0x80000000u)
		return fwh->pci_id;
	return 0xffffffffu;
}

static void fwh_pci_write(uint32_t addr, uint32_t v, unsigned size)
{
	if (fwh->npci < sizeof(fwh->pci_writes) / sizeof(fwh->pci_writes[0]))
		fwh->pci_writes[fwh->npci++] =
			(struct fwh_pci_write){ addr, v, size };
}

void fw_outl(uint16_t port, uint32_t v)
{
	if (fwh_dma_port(port)) {
		if (port == FW_CFG_PORT_DMA_LO)
			fwh->bus.dma_kicks++;
		fake_out(fwh->d, port, 4, v);
	} else if (port == 0xcf8)
		fwh->pci_addr = v;
	else if (port == 0xcfc)
		fwh_pci_write(fwh->pci_addr, v, 4);
}

void fw_outb(uint16_t port, uint8_t v)
{
	if (port == 0x64)
		fwh->kbd_cmd = v;
	else if (port >= 0xcfc && port < 0xd00)
		fwh_pci_write(fwh->pci_addr | (port & 3), v, 1);
}

void post_code(uint8_t code)
{
	if (fwh->nposts < sizeof(fwh->posts))
		fwh->posts[fwh->nposts++] = code;
}

void debug_exit(uint8_t v)
{
	fwh->exit_code = v;
	longjmp(fwh->jb, 1);
}

void fw_enter32(uint32_t entry, uint32_t eax, uint32_t ebx, uint32_t esi)
{
	fwh->entered = true;
	fwh->entry = entry;
	fwh->eax = eax;
	fwh->ebx = ebx;
	fwh->esi = esi;
	longjmp(fwh->jb, 2);
}

/*
 * A machine like jiffy's: RAM below 4 GiB with QEMU-with-KVM's etc/e820
 * (KVM's pages at 0xfeffc000 first, then RAM), and a device with or
 * without DMA. Tests then set fwh->cfg's kernel fields and populate.
 */
static inline void fwh_setup(bool dma)
{
	fwh = calloc(1, sizeof(*fwh));
	fake_ram_init(&fwh->ram, 0, FWH_RAM);
	fwh->d = fake_dev(&fwh->ram, dma, 0);
	fwh->bus.dev = fwh->d;
	fwh->bus.ram = &fwh->ram;
	fwh->ops = fake_pio_ops;
	fwh->e820[0] = (struct e820_entry){ 0xfeffc000, 0x4000, E820_RESERVED };
	fwh->e820[1] = (struct e820_entry){ 0, FWH_RAM, E820_RAM };
	fwh->cfg.ram_below_4g = FWH_RAM;
	fwh->cfg.boot_cpus = 1;
	fwh->cfg.e820 = fwh->e820;
	fwh->cfg.e820_entries = 2;
	fwh->cfg.nographic = true;
	fwh->exit_code = -1;
	fwh->pci_id = 0xffffffffu;
	fw_hosted_ram = fwh->ram.mem;
	fw_hosted_transport = &fwh->ops;
	fw_hosted_transport_ctx = &fwh->bus;
}

static inline void fwh_populate(void)
{
	assert_int_equal(fw_cfg_x86_populate(fwh->d, &fwh->cfg, &fwh->boot),
			 0);
}

static inline void fwh_teardown(void)
{
	fw_cfg_dev_destroy(fwh->d);
	fake_ram_free(&fwh->ram);
	free(fwh);
	fwh = NULL;
}

/* A 4 KiB PVH kernel at 1 MiB as QEMU leaves it; the caller frees the
 * file returned. */
static inline uint8_t *fwh_pvh_kernel(void)
{
	struct fake_pvh pv = { .paddr = 0x100000,
			       .filesz = 4096,
			       .memsz = 4096,
			       .entry = 0x100000 };
	uint8_t *elf = fake_pvh_elf(&pv);

	fwh->cfg.kernel_kind = FW_CFG_X86_PVH;
	fwh->cfg.kernel = elf;
	fwh->cfg.kernel_size = pv.size;
	fwh->cfg.pvh = (struct fw_cfg_x86_pvh){ 0x100000, 0x100000, 0x101000 };
	return elf;
}

/* The firmware's steps up to its ACPI work (fw_acpi_load), which must
 * not stop it; fw_cfg populated already. */
static inline struct fw_state *fwh_run_to_acpi(void)
{
	struct fw_state *st = fw_state();

	if (setjmp(fwh->jb))
		fail_msg("the firmware stopped: %s", fwh->out);
	fw_cfg_start(st);
	fw_memmap_read(st);
	fw_acpi_load(st);
	assert_int_equal(fwh->outlen, 0);
	return st;
}

/* Run the firmware from fw_main to its jump or its exit. */
static inline void fwh_run(void)
{
	if (!setjmp(fwh->jb))
		fw_main();
}

static inline void *fwh_phys(uint64_t addr)
{
	return fwh->ram.mem + addr;
}

/* It jumped into the kernel, with every progress code in order. */
static inline void fwh_assert_entered(void)
{
	if (!fwh->entered)
		fail_msg("the firmware did not jump (exit %d): %s",
			 fwh->exit_code, fwh->out);
	assert_int_equal(fwh->nposts, 4);
	assert_memory_equal(fwh->posts,
			    ((uint8_t[]){ POST_FW_START, POST_FW_CFG_READY,
					  POST_FW_KERNEL_LOADED,
					  POST_FW_JUMP }),
			    4);
	assert_int_equal(fwh->outlen, 0);
}

/* It panicked, saying why, and left through the exit port. */
static inline void fwh_assert_panic(const char *why)
{
	assert_false(fwh->entered);
	assert_int_equal(fwh->exit_code, DEBUG_EXIT_PANIC);
	assert_int_equal(fwh->posts[fwh->nposts - 1], POST_FW_PANIC);
	if (strncmp(fwh->out, "jiffy firmware: panic: ", 23) ||
	    !strstr(fwh->out, why) || fwh->out[fwh->outlen - 1] != '\n')
		fail_msg("expected a panic saying \"%s\", got \"%s\"", why,
			 fwh->out);
}

#endif
