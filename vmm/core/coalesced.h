/* coalesced.h: KVM's coalesced-PIO ring: guest writes that need no exit. */
#ifndef CORE_COALESCED_H
#define CORE_COALESCED_H

#include <stdbool.h>
#include <stdint.h>

#include "core/vm.h"

/*
 * Writes to a coalesced port are queued by KVM in a ring shared with us
 * instead of exiting to user space. On the development machines an exit to
 * user space costs ~15 us and a queued write ~1 us, so a UART's transmit
 * register is worth coalescing. Queued writes must reach their device, in
 * order, before anything else the guest did afterwards is handled: every
 * exit drains the ring first, and the main loop drains it on a tick.
 */

/* Queue guest writes to [port, port + len) (KVM_CAP_COALESCED_PIO).
 * Returns false if KVM cannot, in which case writes simply exit. */
bool coalesced_pio_add(struct vm *vm, uint16_t port, unsigned len);

/* Find the ring in vCPU 0's run area (call once vCPU 0 exists). */
void coalesced_attach(struct vm *vm, void *run_area);

/* Dispatch every queued write through vm->pio. Any thread. Returns true
 * if there were any. */
bool coalesced_drain(struct vm *vm);

#endif
