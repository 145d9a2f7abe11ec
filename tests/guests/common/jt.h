/* jt.h: support shared by jiffy's test guests: jt.KEY= arguments, PASS/FAIL, initrd and memory-map checks. */
#ifndef JT_H
#define JT_H

#define JT_POST_ENTRY 0x40 /* port 0x80 code a test guest writes on entry */
#define JT_POST_EXIT  0x4f /* ... and just before it leaves */

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/e820.h"

/*
 * A test guest checks what its loader handed over, prints one line per
 * finding and leaves through the exit port: "PASS <guest> <summary>" with
 * DEBUG_EXIT_PASS, or "FAIL <guest>: <reason>" with DEBUG_EXIT_FAIL at the
 * first problem. What to expect comes from the kernel command line as
 * space-separated "jt.KEY=VALUE" tokens; numbers are decimal or 0x hex.
 *
 * Guests run on hypervisors that emulate each instruction, so the checks
 * sample (first and last 4 KiB of an initrd) instead of reading buffers.
 */

/* Remember the guest's name (for PASS/FAIL lines) and its command line. */
void jt_init(const char *guest_name, const char *cmdline);
const char *jt_cmdline(void); /* "" when there is none */

/* Print the command line as one line: "cmdline: <text>". */
void jt_echo_cmdline(void);

/* Print "FAIL <guest>: <reason>" / "PASS <guest> <summary>" and exit. */
__attribute__((noreturn, format(printf, 1, 2))) void jt_fail(const char *fmt,
							     ...);
__attribute__((noreturn, format(printf, 1, 2))) void jt_pass(const char *fmt,
							     ...);

/*
 * The value of jt.KEY=VALUE and its length, or NULL when the key is absent
 * (the first occurrence wins).
 */
const char *jt_arg(const char *key, size_t *len);
/* false when absent; a value that is not a number is a FAIL. */
bool jt_arg_u64(const char *key, uint64_t *v);
/* Exactly n comma-separated numbers ("jt.initrd=SIZE,FIRST,LAST"). */
bool jt_arg_u64_list(const char *key, uint64_t *v, size_t n);

/*
 * The benchmarks' cheap number: lower-case hex without 0x, up to ',', ' '
 * or the end, at most 32 bits. Sets *out and moves *p past it (and past a
 * comma); false if malformed. A few instructions a digit, where the CPU
 * is emulated.
 */
bool jt_hex32(const char **p, uint32_t *out);

/*
 * A physical range as a pointer: FAILs, naming it, when the range wraps or
 * lies beyond what this guest can address (4 GiB for 32-bit guests).
 */
void *jt_phys(uint64_t addr, uint64_t len, const char *what);

/*
 * Check an initrd against jt.initrd=SIZE,FIRST,LAST: size, and the jsum32
 * of its first and last 4 KiB (abi/checksum.h). present says whether the
 * loader handed one over; without jt.initrd= there must be none.
 */
void jt_check_initrd(bool present, uint64_t addr, uint64_t size);

/*
 * Check a blob (an initrd, a module) named what against jt.KEY=SIZE,FIRST,
 * LAST as jt_check_initrd does; false, checking nothing, without the key.
 */
bool jt_check_sums(const char *key, const char *what, uint64_t addr,
		   uint64_t size);

/* A memory map in neutral form, whatever table the loader used. */
struct jt_mem_range {
	uint64_t addr;
	uint64_t size;
	uint32_t type; /* E820_* (= ACPI address-range types) */
};

/* Something that must lie in RAM (the guest image, the initrd, ...). */
struct jt_region {
	const char *what;
	uint64_t addr;
	uint64_t size; /* 0: nothing to check */
};

#define JT_MAX_RANGES 128

/*
 * Sanity of a memory map: entries non-empty, sorted, non-overlapping; RAM
 * at 0 and at 1 MiB; total RAM within [jt.mem - 4 MiB, jt.mem] when jt.mem=
 * is given; each region inside RAM. FAILs at the first problem; returns
 * the total RAM in bytes. jt.memmap-trailing-empty=N tolerates N empty
 * entries at the end (a qboot quirk).
 */
uint64_t jt_check_memmap(const struct jt_mem_range *map, size_t n,
			 const struct jt_region *in_ram, size_t n_in_ram);

/*
 * jt.memmap-sort=1: sort the map (by address, empty entries last, where
 * jt.memmap-trailing-empty= finds them) before it is checked. No boot
 * protocol promises an order, and qboot passes QEMU's etc/e820 on as it
 * is: unsorted under KVM (its reserved pages at 0xfeffc000 come first).
 */
void jt_sort_memmap(struct jt_mem_range *map, size_t n);

/* Convert an E820 table (zero page, fw_cfg etc/e820); returns n. */
size_t jt_ranges_from_e820(const struct e820_entry *e, size_t n,
			   struct jt_mem_range *out);

#endif /* __ASSEMBLY__ */
#endif
