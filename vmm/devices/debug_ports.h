/* debug_ports.h: exit port 0xf4, POST port 0x80, boot-timer byte. */
#ifndef DEVICES_DEBUG_PORTS_H
#define DEVICES_DEBUG_PORTS_H

#include "core/vm.h"

/* Register the three on vm's buses. Returns 0 or -errno. */
int debug_ports_create(struct vm *vm);

#endif
