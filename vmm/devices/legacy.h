/* legacy.h: PC ports firmware and Linux probe: i8042, 0x92, CMOS. */
#ifndef DEVICES_LEGACY_H
#define DEVICES_LEGACY_H

#include "core/vm.h"

/* Register them on vm->pio. Call after memory_init (CMOS reports the RAM
 * size). Returns 0 or -errno. */
int legacy_create(struct vm *vm);

#endif
