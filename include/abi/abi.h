/* abi.h: helpers shared by every wire-format header in include/abi/. */
#ifndef ABI_ABI_H
#define ABI_ABI_H

/*
 * These headers describe bytes that cross a boundary (host/guest, firmware/
 * kernel, file/loader). They are self-contained: the VMM, the firmware and
 * the freestanding test guests all include them. Every struct gets a size
 * check so a stray field or lost packing fails the build, not a boot.
 */
#ifndef __ASSEMBLY__
#include <stdint.h>

#define ABI_PACKED __attribute__((packed))
#define ABI_CHECK_SIZE(type, size) \
	_Static_assert(sizeof(type) == (size), #type " has the wrong size")
#define ABI_CHECK_OFFSET(type, field, off)                       \
	_Static_assert(__builtin_offsetof(type, field) == (off), \
		       #type "." #field " is at the wrong offset")
#endif

#endif
