/* multiboot.h: multiboot v1 kernels: header, load plan, modules, info. */
#ifndef BOOT_MULTIBOOT_H
#define BOOT_MULTIBOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/multiboot.h"
#include "boot/boot_error.h"
#include "boot/e820.h"
#include "boot/elf.h"

/*
 * How far a valid header is looked for beyond the spec's 8 KiB: only to
 * explain a refusal ("the header lies beyond the first 8 KiB").
 */
#define MB_DIAG_SEARCH (64 * 1024)

/* One piece of the load plan: file bytes, then zeros up to memsz. */
struct mb_segment {
	uint64_t gpa;
	uint64_t offset; /* in the file */
	uint64_t filesz;
	uint64_t memsz; /* >= filesz; the rest is BSS */
	unsigned phdr;	/* ELF program header index, for messages */
};

/* A multiboot kernel as parsed: what to load where, and the entry. */
struct mb_kernel {
	uint32_t header_offset;	     /* file offset of the header */
	struct multiboot_header hdr; /* fields its flags leave out are 0 */
	bool aout;		     /* loaded by the header's address fields */
	bool elf64;		     /* an ELF64 file (loaded by its headers) */
	uint32_t entry;		     /* physical */
	uint64_t lo, hi;	     /* physical span of every segment */
	unsigned nsegs;
	struct mb_segment seg[ELF_MAX_PHDRS];
};

/*
 * Find the header: magic at a 4-byte aligned offset with a valid checksum,
 * all of its fields (12, 32 or 48 bytes, by its flags) inside the first
 * 8 KiB and inside the file. A later valid header wins over an earlier
 * one with a bad checksum, as loaders keep searching. Returns 0 with
 * *offset and *h set (fields not covered by the flags zeroed), -ENOENT
 * when there is no magic in the first 8 KiB (err set), or -ENOEXEC with
 * err explaining a header that is there but unusable: bad checksum, cut
 * off by the 8 KiB limit or the end of the file, or valid but beyond the
 * first 8 KiB.
 */
int mb_find_header(const void *data, size_t size, uint32_t *offset,
		   struct multiboot_header *h, struct boot_error *err);

/* A valid header in the first 8 KiB? */
bool mb_is_multiboot(const void *data, size_t size);

/*
 * Parse a multiboot kernel into a load plan. Checks: the header (as
 * mb_find_header), no required flag (bits 0-15) beyond page alignment,
 * memory information and video mode; with MULTIBOOT_AOUT_KLUDGE the
 * address fields (load_addr <= header_addr, the text starts inside the
 * file, load_end_addr and bss_end_addr in order, the loaded bytes inside
 * the file); otherwise a valid ELF32 or ELF64 x86 image (elf_parse) whose
 * PT_LOAD segments are loaded at their physical addresses. The entry must
 * lie in what is loaded: an ELF e_entry inside an executable segment's
 * virtual range is translated to its physical address. -ENOEXEC / -ENOENT
 * with err set.
 */
int mb_parse(struct mb_kernel *k, const void *data, size_t size,
	     struct boot_error *err);

/*
 * Every segment inside RAM, at or above floor (where the loader's own
 * low-memory structures end) and below 4 GiB. -ENOSPC with err.
 */
int mb_check_placement(const struct mb_kernel *k, const struct e820_map *m,
		       uint64_t floor, struct boot_error *err);

/* A module as the boot information describes it. */
struct mb_module {
	uint64_t size;	    /* in: bytes */
	const char *string; /* in: its string ("FILE ARGS"); NULL: none */
	uint64_t addr;	    /* out: where it is placed */
};

/*
 * Place the modules in order, each at the lowest page-aligned address at
 * or above the previous one's end (the first at or above start) where it
 * lies wholly in RAM below 4 GiB: the module fields are 32-bit. Always
 * page-aligned, MULTIBOOT_PAGE_ALIGN or not, so that whole pages can be
 * mapped from the files. An empty module gets an address and no room.
 * -ENOSPC with *bad the index of the module that does not fit and err
 * saying why.
 */
int mb_place_modules(const struct e820_map *m, uint64_t start,
		     struct mb_module *mods, unsigned n, unsigned *bad,
		     struct boot_error *err);

/* What the boot information area holds. */
struct mb_info_args {
	uint64_t base; /* guest-physical address of the area (< 4 GiB) */
	const struct e820_map *map;
	const char *kernel_path; /* the command line is "PATH APPEND" */
	const char *append;	 /* "" for none */
	const char *loader_name;
	const struct mb_module *mods;
	unsigned nmods;
};

/*
 * Lay out the boot information in buf, which stands for guest memory
 * [base, base + cap): struct multiboot_info at offset 0 with flags MEMORY,
 * CMDLINE, MODS, MEM_MAP and BOOT_LOADER_NAME; the memory map (one entry
 * per e820 entry, size field 20); the module list; then the strings: the
 * command line, each module's string, the loader name. The command line
 * is "PATH APPEND", the kernel's path first as GRUB and QEMU pass it (with
 * QEMU's space even when APPEND is empty). mem_lower is the RAM at 0 (at
 * most 640 KiB), mem_upper the RAM contiguous from 1 MiB. Returns 0 with
 * *used set, or -ENOSPC with err when it does not fit in cap.
 */
int mb_build_info(void *buf, size_t cap, const struct mb_info_args *a,
		  size_t *used, struct boot_error *err);

/*
 * One string of the boot information: s, or "S S2" when s2 is not NULL
 * (the command line "PATH APPEND", whose space stays even when APPEND is
 * empty, as QEMU writes it). mb_string_size is the bytes it takes with
 * its NUL. mb_put_string writes it at area + *pos, which the guest sees
 * at base + *pos, moves *pos past it and returns that guest address.
 */
size_t mb_string_size(const char *s, const char *s2);
uint32_t mb_put_string(void *area, uint64_t base, size_t *pos, const char *s,
		       const char *s2);

/*
 * The memory part of the boot information, for firmware that gets the rest
 * from QEMU: mem_lower (the RAM at 0, at most 640 KiB) and mem_upper (the
 * RAM contiguous from 1 MiB), and the memory map written at mmap, one
 * 24-byte entry (size field 20) per map entry; returns its length.
 */
void mb_fill_memory(struct multiboot_info *mbi, const struct e820_map *m);
size_t mb_write_mmap(void *mmap, const struct e820_map *m);

/*
 * QEMU's spelling of multiboot modules in -initrd: "FILE[ ARGS],FILE..."
 * Items are separated by single commas; ",," stands for a literal comma.
 * Copies the next item of list, unescaped, to item (room for
 * strlen(list) + 1 bytes) and returns the rest of the list after the
 * separating comma, or NULL when this item was the last. The item is the
 * module's string; its file name is the item up to the first space.
 */
const char *mb_list_next(const char *list, char *item);

/* How many items mb_list_next will return for list (at least 1). */
unsigned mb_list_count(const char *list);

/*
 * --module FILE[,ARGS]: FILE ends at the first single comma (",," is a
 * literal comma in FILE); ARGS is the rest, verbatim. Writes FILE to file
 * and the module's string, "FILE ARGS" or "FILE" without ARGS, to string;
 * each needs strlen(arg) + 1 bytes.
 */
void mb_module_arg(const char *arg, char *file, char *string);

#endif
