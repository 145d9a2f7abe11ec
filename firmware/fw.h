/* fw.h: jiffy firmware's state and the steps main.c runs, one file each. */
#ifndef FW_FW_H
#define FW_FW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/bootparam.h"
#include "abi/debug_ports.h"
#include "abi/fw_cfg.h"
#include "abi/pvh.h"
#include "abi/table_loader.h"
#include "boot/e820.h"
#include "fw_cfg/bytes.h"
#include "fw_cfg/client.h"
#include "layout.h"
#include "platform.h"
#include "rt/console.h"

#define FW_DIR_MAX	 128 /* directory entries looked at (QEMU: 32 slots) */
#define FW_E820_MAX	 21  /* etc/e820 entries taken */
#define FW_ACPI_FILES	 8   /* files the table loader may place */
#define FW_LOADER_CHUNK	 32  /* loader commands read at once (4 KiB) */
#define FW_CLAIMS	 8   /* memory ranges handed to the kernel */
#define FW_RAM_RUNS	 8   /* RAM ranges below 4 GiB kept for claims */
#define FW_4G		 (1ull << 32)

/* A file the ACPI table loader placed. */
struct fw_acpi_file {
	const char *name; /* in the directory copy */
	uint32_t addr, size;
};

/* A range of RAM the firmware hands over, to catch overlaps. */
struct fw_claim {
	const char *what;
	uint32_t addr, end; /* end < addr: it wraps, which is refused */
};

/* RAM below 4 GiB as [addr, end), from the map. */
struct fw_run {
	uint32_t addr, end;
};

struct fw_state {
	/* fw_cfg: DMA driven here (fw_dma), else the client's byte I/O. */
	bool dma;
	struct fw_cfg_dma_access desc __attribute__((aligned(16)));
	uint32_t item; /* an integer item, read by DMA */
	struct fw_cfg_client cfg;
	/* fw_cfg's directory as read (big-endian fields). */
	struct {
		uint32_t count;
		struct fw_cfg_file f[FW_DIR_MAX];
	} __attribute__((packed)) dir;
	unsigned nfiles;
	const struct fw_cfg_file *e820_file, *loader_file; /* NULL: none */

	/* etc/e820 as QEMU gives it, then the map the kernel gets. */
	struct e820_entry raw[FW_E820_MAX];
	unsigned nraw;
	const struct e820_entry *sorted[FW_E820_MAX]; /* raw by address */
	uint64_t low_top; /* end of the RAM that holds 1 MiB */
	struct e820_map map;
	struct e820_map room; /* a bzImage's: RAM below the initrd */
	struct fw_run runs[FW_RAM_RUNS];
	unsigned nruns;

	struct fw_claim claims[FW_CLAIMS];
	unsigned nclaims, nchecked;

	struct {
		uint32_t high, fseg; /* next free byte: downwards, upwards */
		uint32_t rsdp;	     /* 0: no ACPI */
		uint64_t value;	     /* what WRITE_POINTER sends */
		unsigned n, last; /* files placed, the last one named */
		struct fw_acpi_file f[FW_ACPI_FILES];
		struct table_loader_cmd cmd[FW_LOADER_CHUNK];
	} acpi;

	/* What the kernel is handed; the zero page also holds the head of
	 * SETUP_DATA while the kernel's format is found out. */
	union {
		struct boot_params zp;
		struct {
			struct hvm_start_info si;
			struct hvm_modlist_entry mod;
			struct hvm_memmap_table_entry mm[E820_MAP_MAX];
		} pvh;
	} boot __attribute__((aligned(16)));

	/* FW_BOOTED once a boot has begun (main.c, reset_if_rerun): read
	 * before it is written, zero at power-on. */
	uint32_t booted;
};

_Static_assert(FW_STATE_ADDR + sizeof(struct fw_state) <= FW_STACK_BOTTOM,
	       "struct fw_state runs into the firmware's stack");

static inline struct fw_state *fw_state(void)
{
	return FW_PHYS(FW_STATE_ADDR);
}

/* panic.c: print "jiffy firmware: panic: ..." on COM1, post
 * POST_FW_PANIC, leave through the exit port with DEBUG_EXIT_PANIC. */
__attribute__((noreturn, format(printf, 1, 2))) void
fw_panic(const char *fmt, ...);

/* fwcfg.c: the device, its directory, items into memory. */
void fw_cfg_start(struct fw_state *st);
/* Names as fw_cfg and the table loader store them: 56 bytes, NUL-padded
 * (declare the ones you look for as such arrays). */
bool fw_name_eq(const char *a, const char *b);
/* name: a 56-byte field. */
const struct fw_cfg_file *fw_file_find(struct fw_state *st, const char *name);
uint32_t fw_file_size(const struct fw_cfg_file *f);
uint16_t fw_file_key(const struct fw_cfg_file *f);
/* fw_item_read's other cases (byte I/O, an offset: lib/fw_cfg's client,
 * set up by fw_cfg_start either way); and its failures. */
void fw_item_read_other(struct fw_state *st, uint16_t key, uint32_t off,
			void *buf, uint32_t len, const char *what);
int fw_dma_wait(struct fw_state *st);
__attribute__((noreturn)) void fw_item_failed(uint16_t key, const void *buf,
					      uint32_t len, const char *what,
					      int ret);

/* The device writes the descriptor behind the compiler's back. */
#define fw_barrier() __asm__ volatile("" ::: "memory")

/*
 * One DMA transfer (addr: where to, for READ and WRITE; unused by SKIP),
 * 0 or -errno. Inline, because each instruction is emulated: with a
 * constant key, length and buffer it is three stores of constants, a
 * port write and a load. The descriptor is below 4 GiB, so one port
 * write starts it; its address is too, whose high half fw_cfg_start
 * cleared (the device writes back the control word only). The device
 * clears the control word when it is done and well.
 */
static inline __attribute__((always_inline)) int fw_dma(struct fw_state *st,
							uint32_t control,
							uint32_t len,
							uint32_t addr)
{
	uint8_t *d = (uint8_t *)&st->desc;

	fw_cfg_put_be32(d + offsetof(struct fw_cfg_dma_access, control),
			control);
	fw_cfg_put_be32(d + offsetof(struct fw_cfg_dma_access, length), len);
	fw_cfg_put_be32(d + offsetof(struct fw_cfg_dma_access, address) + 4,
			addr);
	fw_barrier();
	fw_outl(FW_CFG_PORT_DMA_LO, __builtin_bswap32(FW_ADDR(d)));
	fw_barrier();
	return st->desc.control ? fw_dma_wait(st) : 0;
}

/* Read len bytes of key from off to buf; panics naming what on error. */
static inline __attribute__((always_inline)) void fw_item_read(
	struct fw_state *st, uint16_t key, uint32_t off, void *buf,
	uint32_t len, const char *what)
{
	int ret;

	if (!st->dma || off) {
		fw_item_read_other(st, key, off, buf, len, what);
		return;
	}
	/* SELECT rides along with the read. */
	ret = fw_dma(st,
		     FW_CFG_DMA_CTL_KEY(key) | FW_CFG_DMA_CTL_SELECT |
			     FW_CFG_DMA_CTL_READ,
		     len, FW_ADDR(buf));
	if (ret)
		fw_item_failed(key, buf, len, what, ret);
}

/* A little-endian 32-bit item; 0 if absent (the device pads with 0). */
static inline __attribute__((always_inline)) uint32_t fw_item_u32(
	struct fw_state *st, uint16_t key)
{
	fw_item_read(st, key, 0, &st->item, sizeof(st->item),
		     "an integer item");
	return fw_cfg_get_le32(&st->item);
}
/* Zero len bytes: by DMA from an empty key (no guest loop) if possible. */
void fw_zero(struct fw_state *st, void *buf, uint32_t len);

/* memmap.c: etc/e820 in, the kernel's map out; claims on it. */
void fw_memmap_read(struct fw_state *st);
void fw_memmap_build(struct fw_state *st);
/*
 * Claims: every range the firmware hands over is recorded as it is
 * placed (fw_claim: three stores) and the new ones are checked together
 * (fw_claims_check) before anything is read into them: each must be RAM
 * and clear of every other claim, or the firmware panics naming both.
 * Once per boot step, not per range: the check is a call and two loops,
 * which count where each instruction is emulated. A boot makes at most
 * four claims (the firmware's own memory and three); FW_CLAIMS has room.
 */
static inline __attribute__((always_inline)) void fw_claim(struct fw_state *st,
							   const char *what,
							   uint32_t addr,
							   uint32_t len)
{
	if (len && st->nclaims < FW_CLAIMS)
		st->claims[st->nclaims++] =
			(struct fw_claim){ what, addr, addr + len };
}
void fw_claims_check(struct fw_state *st);

/* chipset.c: program QEMU's PC chipset for its ACPI tables (pc, q35). */
void fw_chipset_init(void);

/* acpi.c: run etc/table-loader if there is one, else look for tables
 * already in memory (sets acpi.rsdp, 0 if none). */
void fw_acpi_load(struct fw_state *st);
uint8_t fw_sum8(const void *p, uint32_t len);

/* boot_*.c: hand over to the kernel; none returns. */
__attribute__((noreturn)) void fw_boot(struct fw_state *st);
__attribute__((noreturn)) void fw_boot_linux(struct fw_state *st);
__attribute__((noreturn)) void fw_boot_pvh(struct fw_state *st,
					   uint32_t entry);
__attribute__((noreturn)) void fw_boot_multiboot(struct fw_state *st,
						 uint32_t entry);
/* Read the initrd (size bytes, 0: none) to addr, which is claimed. */
void fw_load_initrd(struct fw_state *st, uint32_t addr, uint32_t size);
/* Read the command line (CMDLINE_DATA, NUL-terminated) to addr, where
 * FW_CMDLINE_MAX bytes are claimed. */
void fw_load_cmdline(struct fw_state *st, uint32_t addr);

/* main.c */
__attribute__((noreturn)) void fw_main(void);

#endif
