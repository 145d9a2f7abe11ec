/* platform.h: what the firmware needs from the machine, and the hooks its host unit test replaces. */
#ifndef FW_PLATFORM_H
#define FW_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fw_cfg/client.h"

/*
 * The firmware reaches guest-physical memory through FW_PHYS and turns
 * its own pointers back into guest-physical addresses with FW_ADDR: with
 * paging off both are the identity. The host unit test (FW_HOSTED) runs
 * the same code over a buffer that stands for guest RAM, with a fw_cfg
 * transport that drives jiffy's device model.
 */
#ifdef FW_HOSTED
extern uint8_t *fw_hosted_ram;
extern const struct fw_cfg_client_ops *fw_hosted_transport;
extern void *fw_hosted_transport_ctx;
#define FW_PHYS(a)	 ((void *)(fw_hosted_ram + (uintptr_t)(a)))
#define FW_ADDR(p)	 ((uint32_t)((const uint8_t *)(p) - fw_hosted_ram))
#define FW_TRANSPORT	 fw_hosted_transport
#define FW_TRANSPORT_CTX fw_hosted_transport_ctx
#else
#define FW_PHYS(a)	 ((void *)(uintptr_t)(a))
#define FW_ADDR(p)	 ((uint32_t)(uintptr_t)(p))
#define FW_TRANSPORT	 (&fw_cfg_client_pio_ops)
#define FW_TRANSPORT_CTX NULL
#endif

/* Port I/O: fw_cfg's DMA register, PCI configuration space; the test
 * connects the one to its device model and records the other. The
 * client's byte I/O goes through FW_TRANSPORT. */
#ifdef FW_HOSTED
uint32_t fw_inl(uint16_t port);
void fw_outl(uint16_t port, uint32_t v);
void fw_outb(uint16_t port, uint8_t v);
#else
#include "rt/x86io.h"
#define fw_inl	inl
#define fw_outl outl
#define fw_outb outb
#endif

/*
 * The first of n words from p that equals v, or NULL: one `repne scasl`
 * instead of a loop's several instructions a word. Where guest code is
 * emulated each iteration still costs about a third of a microsecond
 * (measured on this machine's KVM), about what one instruction does.
 */
static inline const uint32_t *fw_find_u32(const uint32_t *p, uint32_t n,
					  uint32_t v)
{
#ifdef FW_HOSTED
	for (; n; n--, p++)
		if (*p == v)
			return p;
	return NULL;
#else
	bool found;

	if (!n)
		return NULL;
	__asm__ volatile("repne scasl"
			 : "+D"(p), "+c"(n), "=@ccz"(found)
			 : "a"(v)
			 : "memory");
	return found ? p - 1 : NULL;
#endif
}

/*
 * Jump to a kernel: 32-bit flat protected mode (CS 0x10, data 0x18),
 * paging off, interrupts off, these registers set and EDX, EDI, EBP zero
 * (reset.S).
 */
__attribute__((noreturn)) void fw_enter32(uint32_t entry, uint32_t eax,
					  uint32_t ebx, uint32_t esi);

#endif
