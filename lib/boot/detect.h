/* detect.h: what kind of kernel a file is, or what it is instead. */
#ifndef BOOT_DETECT_H
#define BOOT_DETECT_H

#include <stddef.h>

enum kernel_format {
	KERNEL_UNKNOWN,
	KERNEL_BZIMAGE,	  /* Linux setup header ("HdrS") */
	KERNEL_MULTIBOOT, /* a valid multiboot v1 header in the first 8 KiB */
	KERNEL_ELF,	  /* ELF: PVH if it has the Xen note */
};

/* In QEMU's order: "HdrS" first, then a multiboot header, then ELF. */
enum kernel_format kernel_detect(const void *data, size_t size);

/*
 * Describe a file that is not a kernel, for "not a bootable kernel: found
 * <description>": "an empty file", "gzip-compressed data", "a text file
 * starting \"...\"", "data starting 12 34 56 78". Writes into buf.
 */
const char *kernel_describe(const void *data, size_t size, char *buf,
			    size_t len);

#endif
