/* test_fw_cfg_dma.c: the fw_cfg DMA engine's corner cases against QEMU 7.2's results (fw_cfg.md §5, §7). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../fw_cfg/fake.h"

#define RAM_BASE 0x100000ull /* gpa 0 is not RAM: 0 is a bad address */
#define RAM_SIZE (1ull << 20)

/* Keys of the items setup adds, in name order. */
#define VMCI (FW_CFG_FILE_FIRST + 0) /* etc/vmcoreinfo, writable */
#define RO   (FW_CFG_FILE_FIRST + 1) /* opt/ro, "read-only" */
#define BIG  (FW_CFG_FILE_FIRST + 2) /* opt/s-big, big_item */

static uint8_t big_item[0x2000];

struct t {
	struct fake_ram ram;
	struct fw_cfg_dev *d;
	uint8_t *desc; /* a descriptor at an odd address, as QEMU allows */
	uint8_t *buf;  /* 4 KiB of RAM for transfers */
	unsigned writes;
	uint32_t wr_off, wr_len;
};

static void on_write(void *opaque, uint32_t off, uint32_t len)
{
	struct t *t = opaque;

	t->writes++;
	t->wr_off = off;
	t->wr_len = len;
}

static int setup(void **state)
{
	struct t *t = calloc(1, sizeof(*t));
	uint8_t vmci[16] = { 1, 0 };

	fake_ram_init(&t->ram, RAM_BASE, RAM_SIZE);
	t->d = fake_dev(&t->ram, true, 0);
	t->desc = (uint8_t *)fake_ram_alloc(&t->ram, 32, 16) + 3;
	t->buf = fake_ram_alloc(&t->ram, 4096, 16);
	assert_int_equal(fw_cfg_dev_add_file(t->d, "etc/vmcoreinfo", vmci, 16, FW_CFG_DEV_WRITABLE), 0);
	assert_int_equal(fw_cfg_dev_on_write(t->d, "etc/vmcoreinfo", on_write, t), 0);
	assert_int_equal(fw_cfg_dev_add_file(t->d, "opt/ro", "read-only", 9, 0), 0);
	for (unsigned i = 0; i < sizeof(big_item); i++)
		big_item[i] = (uint8_t)(i * 7 + i / 251);
	assert_int_equal(fw_cfg_dev_add_file(t->d, "opt/s-big", big_item, sizeof(big_item), FW_CFG_DEV_BORROW), 0);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct t *t = *state;

	fw_cfg_dev_destroy(t->d);
	fake_ram_free(&t->ram);
	free(t);
	return 0;
}

static uint64_t gpa(struct t *t, const void *p)
{
	return fake_ram_gpa(&t->ram, p);
}

/* Write a descriptor at desc_gpa (if it is RAM), trigger by port. */
static void kick_at(struct t *t, uint64_t desc_gpa, uint32_t ctl, uint32_t len,
		    uint64_t addr)
{
	uint8_t *p = fake_ram_ptr(&t->ram, desc_gpa, 16);

	if (p)
		fw_cfg_put_dma_access(p, ctl, len, addr);
	fake_out(t->d, FW_CFG_PORT_DMA_HI, 4, __builtin_bswap32((uint32_t)(desc_gpa >> 32)));
	fake_out(t->d, FW_CFG_PORT_DMA_LO, 4, __builtin_bswap32((uint32_t)desc_gpa));
}

/* One transfer; returns the control word the device stored (BE32). */
static uint32_t dma(struct t *t, uint32_t ctl, uint32_t len, uint64_t addr)
{
	kick_at(t, gpa(t, t->desc), ctl, len, addr);
	return fw_cfg_get_be32(t->desc);
}

#define SEL(k) (FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_KEY(k))
#define READ FW_CFG_DMA_CTL_READ
#define WRITE FW_CFG_DMA_CTL_WRITE
#define SKIP FW_CFG_DMA_CTL_SKIP
#define ERR FW_CFG_DMA_CTL_ERROR

static uint8_t inb(struct t *t)
{
	return (uint8_t)fake_in(t->d, FW_CFG_PORT_DATA, 1);
}

static void read_and_precedence(void **state)
{
	struct t *t = *state;

	memset(t->buf, 0xaa, 16);
	/* Past the end: the data, then zeros, and success. */
	assert_int_equal(dma(t, SEL(0) | READ, 8, gpa(t, t->buf)), 0);
	assert_memory_equal(t->buf, "QEMU\0\0\0\0", 8);
	assert_int_equal(t->buf[8], 0xaa);
	/* The status is stored big-endian: bytes 00 00 00 01 on error. */
	assert_int_equal(dma(t, SEL(0) | WRITE, 4, gpa(t, t->buf)), ERR);
	assert_memory_equal(t->desc, "\0\0\0\1", 4);
	/* READ|WRITE acts as READ; bit 5 and a guest-set ERROR are ignored. */
	memset(t->buf, 0, 16);
	assert_int_equal(dma(t, SEL(FW_CFG_ID) | READ | WRITE | 0x20 | ERR, 4, gpa(t, t->buf)), 0);
	assert_int_equal(t->buf[0], 3);
	/* No operation bit: a select, length ignored, success. */
	assert_int_equal(dma(t, SEL(FW_CFG_FILE_FIRST + 1), 100, 0), 0);
	assert_int_equal(inb(t), 'r');
	/* WRITE|SKIP is a WRITE (refused here), not a skip. */
	assert_int_equal(dma(t, SEL(0) | WRITE | SKIP, 2, gpa(t, t->buf)), ERR);
	/* Zero length: nothing written, success. */
	t->buf[0] = 0x55;
	assert_int_equal(dma(t, SEL(0) | READ, 0, gpa(t, t->buf)), 0);
	assert_int_equal(t->buf[0], 0x55);
}

static void invalid_and_empty_keys(void **state)
{
	struct t *t = *state;
	uint16_t keys[] = { FW_CFG_MACHINE_ID, 0x40, 0x3fff, 0xffff, 0x8020 };
	unsigned i;

	for (i = 0; i < 5; i++) {
		memset(t->buf, 0xaa, 8);
		assert_int_equal(dma(t, SEL(keys[i]) | READ, 8, gpa(t, t->buf)), 0);
		assert_memory_equal(t->buf, "\0\0\0\0\0\0\0\0", 8);
		assert_int_equal(dma(t, SEL(keys[i]) | SKIP, 8, 0), 0);
		assert_int_equal(dma(t, SEL(keys[i]) | WRITE, 8, gpa(t, t->buf)), ERR);
		assert_int_equal(t->writes, 0);
	}
}

static void cursor_sharing(void **state)
{
	struct t *t = *state;

	/* inb then DMA continues; DMA then inb continues. */
	fake_out(t->d, FW_CFG_PORT_SEL, 2, 0);
	assert_int_equal(inb(t), 'Q');
	assert_int_equal(dma(t, READ, 3, gpa(t, t->buf)), 0);
	assert_memory_equal(t->buf, "EMU", 3);
	assert_int_equal(dma(t, SEL(0) | SKIP, 2, 0), 0);
	assert_int_equal(inb(t), 'M');
	assert_int_equal(inb(t), 'U');
	/* SKIP past the end clamps: the next read gives zeros. */
	assert_int_equal(dma(t, SEL(0) | SKIP, 1000, 0), 0);
	assert_int_equal(inb(t), 0);
	/* SKIP ignores its address, even a bad one. */
	assert_int_equal(dma(t, SEL(0) | SKIP, 1, ~0ull), 0);
	assert_int_equal(inb(t), 'E');
}

static void writes(void **state)
{
	struct t *t = *state;
	const uint8_t *v;
	uint8_t want[16];

	v = fw_cfg_dev_file_data(t->d, "etc/vmcoreinfo", NULL);
	memcpy(want, v, 16);
	/* A whole 16-byte write: stored, callback told (0, 16). */
	memset(t->buf, 0x11, 16);
	assert_int_equal(dma(t, SEL(FW_CFG_FILE_FIRST) | WRITE, 16, gpa(t, t->buf)), 0);
	assert_memory_equal(v, t->buf, 16);
	assert_int_equal(t->writes, 1);
	assert_int_equal(t->wr_off, 0);
	assert_int_equal(t->wr_len, 16);
	memcpy(want, v, 16);
	/* 17 bytes: ERROR, nothing changed (no partial writes). */
	memset(t->buf, 0x22, 17);
	assert_int_equal(dma(t, SEL(FW_CFG_FILE_FIRST) | WRITE, 17, gpa(t, t->buf)), ERR);
	assert_memory_equal(v, want, 16);
	assert_int_equal(t->writes, 1);
	/* SKIP 8 then write 8: fine; SKIP 12 then 8: ERROR, unchanged. */
	assert_int_equal(dma(t, SEL(FW_CFG_FILE_FIRST) | SKIP, 8, 0), 0);
	assert_int_equal(dma(t, WRITE, 8, gpa(t, t->buf)), 0);
	assert_memory_equal(v + 8, t->buf, 8);
	assert_int_equal(t->wr_off, 8);
	memcpy(want, v, 16);
	assert_int_equal(dma(t, SEL(FW_CFG_FILE_FIRST) | SKIP, 12, 0), 0);
	assert_int_equal(dma(t, WRITE, 8, gpa(t, t->buf + 1)), ERR);
	assert_memory_equal(v, want, 16);
	/* The failed write still moved the cursor: to the end here. */
	assert_int_equal(inb(t), 0);
	/* A source partly outside RAM: ERROR, not reported as written, but
	 * the item holds the part in RAM and zeros for the rest (QEMU's
	 * memory core reads unassigned space as zeros). */
	memset(t->ram.mem + RAM_SIZE - 8, 0x33, 8);
	assert_int_equal(dma(t, SEL(VMCI) | WRITE, 16, RAM_BASE + RAM_SIZE - 8), ERR);
	assert_memory_equal(v, "\x33\x33\x33\x33\x33\x33\x33\x33\0\0\0\0\0\0\0\0", 16);
	/* Wholly outside RAM: ERROR, all zeros. */
	assert_int_equal(dma(t, SEL(VMCI) | WRITE, 16, 0x1000), ERR);
	assert_memory_equal(v, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
	assert_int_equal(t->writes, 2);
}

static void read_only_write(void **state)
{
	struct t *t = *state;

	/* A refused 4-byte write to the signature moves the cursor by 4. */
	assert_int_equal(dma(t, SEL(0) | WRITE, 4, gpa(t, t->buf)), ERR);
	assert_int_equal(inb(t), 0);
	assert_int_equal(dma(t, SEL(0) | WRITE, 2, gpa(t, t->buf)), ERR);
	assert_int_equal(inb(t), 'M');
	/* A user file is read-only too. */
	assert_int_equal(dma(t, SEL(FW_CFG_FILE_FIRST + 1) | WRITE, 9, gpa(t, t->buf)), ERR);
	assert_memory_equal(fw_cfg_dev_file_data(t->d, "opt/ro", NULL), "read-only", 9);
}

static void buffers_outside_ram(void **state)
{
	struct t *t = *state;
	uint8_t *end = t->ram.mem + RAM_SIZE;

	/* Unassigned space (below RAM, far above it): ERROR. */
	assert_int_equal(dma(t, SEL(0) | READ, 4, 0xf0000000), ERR);
	assert_int_equal(dma(t, SEL(0) | READ, 4, 0), ERR);
	/* Straddling the end of RAM: ERROR, and the part in RAM stored. */
	memset(end - 4, 0xaa, 4);
	assert_int_equal(dma(t, SEL(RO) | READ, 8, gpa(t, end - 4)), ERR);
	assert_memory_equal(end - 4, "read", 4);
	/* Exactly up to the end is fine. */
	assert_int_equal(dma(t, SEL(0) | READ, 4, gpa(t, end - 4)), 0);
	assert_memory_equal(end - 4, "QEMU", 4);
	/* The zero fill past the item fails the same way, after the
	 * item's 4 bytes and the 2 zeros that fit. */
	memset(end - 6, 0xaa, 6);
	assert_int_equal(dma(t, SEL(0) | READ, 8, gpa(t, end - 6)), ERR);
	assert_memory_equal(end - 6, "QEMU\0\0", 6);
	memset(end - 6, 0xaa, 6);
	assert_int_equal(dma(t, SEL(0x40) | READ, 8, gpa(t, end - 6)), ERR);
	assert_memory_equal(end - 6, "\0\0\0\0\0\0", 6);
	/* An address that wraps around 2^64: nothing wraps to 0. */
	assert_int_equal(dma(t, SEL(0) | READ, 32, ~0ull - 15), ERR);
	/* Length 4 GiB - 1 past a small item: zeros up to the end of RAM,
	 * then the fill fails. */
	memset(end - 4, 0xaa, 4);
	assert_int_equal(dma(t, SEL(0) | READ, 0xffffffff, gpa(t, t->buf)), ERR);
	assert_memory_equal(t->buf, "QEMU\0\0\0\0", 8);
	assert_memory_equal(end - 4, "\0\0\0\0", 4);
}

static void buffers_across_a_hole(void **state)
{
	struct t *t = *state;
	uint64_t hi_gpa = RAM_BASE + RAM_SIZE + 0x1000;
	uint8_t *end = t->ram.mem + RAM_SIZE;
	uint8_t *hi = fake_ram_add(&t->ram, hi_gpa, 0x1000);

	/* RAM, a 4 KiB hole, RAM: both RAM parts get their bytes (QEMU's
	 * memory core carries on past the hole), the DMA fails. */
	memset(end - 4, 0xaa, 4);
	memset(hi, 0xaa, 8);
	assert_int_equal(dma(t, SEL(BIG) | READ, 0x1008, gpa(t, end - 4)), ERR);
	assert_memory_equal(end - 4, big_item, 4);
	assert_memory_equal(hi, big_item + 0x1004, 4);
	assert_int_equal(hi[4], 0xaa);
	/* The cursor moved past the whole step. */
	assert_int_equal(inb(t), big_item[0x1008]);
	/* The same for a zero fill (an empty key). */
	memset(end - 4, 0xaa, 4);
	memset(hi, 0xaa, 8);
	assert_int_equal(dma(t, SEL(0x40) | READ, 0x1008, gpa(t, end - 4)), ERR);
	assert_memory_equal(end - 4, "\0\0\0\0", 4);
	assert_memory_equal(hi, "\0\0\0\0\xaa", 5);
	/* Wholly in the upper region: fine. */
	assert_int_equal(dma(t, SEL(0) | READ, 4, hi_gpa + 0xffc), 0);
	assert_memory_equal(hi + 0xffc, "QEMU", 4);
}

static void descriptor_outside_ram(void **state)
{
	struct t *t = *state;
	uint8_t *end = t->ram.mem + RAM_SIZE;

	/* Nowhere to read it or to report: nothing happens, no crash. */
	kick_at(t, 0x1000, SEL(0) | READ, 4, gpa(t, t->buf));
	kick_at(t, ~0ull - 7, SEL(0) | READ, 4, gpa(t, t->buf));
	/* The last 8 bytes of RAM: unreadable as 16, but ERROR lands. */
	memset(end - 8, 0, 8);
	kick_at(t, gpa(t, end - 8), SEL(0) | READ, 4, gpa(t, t->buf));
	assert_memory_equal(end - 8, "\0\0\0\1\0\0\0\0", 8);
	/* And the selection did not change: nothing was processed. */
	fake_out(t->d, FW_CFG_PORT_SEL, 2, FW_CFG_ID);
	kick_at(t, gpa(t, end - 8), SEL(0), 0, 0);
	assert_int_equal(inb(t), 3);
	/* The last 2 bytes: the status's first 2 bytes (zeros) land. */
	memset(end - 2, 0xff, 2);
	kick_at(t, gpa(t, end - 2), 0, 0, 0);
	assert_memory_equal(end - 2, "\0\0", 2);
}

static void address_register(void **state)
{
	struct t *t = *state;
	struct fake_ram hi;
	struct fw_cfg_dev *d;
	uint8_t *desc, *buf, v[8];

	/* RAM above 4 GiB: the high half must be written first. */
	fake_ram_init(&hi, 0x100000000ull, 1 << 16);
	d = fake_dev(&hi, true, 0);
	desc = fake_ram_alloc(&hi, 16, 16);
	buf = fake_ram_alloc(&hi, 16, 16);
	fw_cfg_put_dma_access(desc, SEL(0) | READ, 4, fake_ram_gpa(&hi, buf));
	fake_out(d, 0x514, 4, __builtin_bswap32(1));
	fake_out(d, 0x518, 4, __builtin_bswap32((uint32_t)fake_ram_gpa(&hi, desc)));
	assert_memory_equal(buf, "QEMU", 4);
	assert_int_equal(fw_cfg_get_be32(desc), 0);
	/* The register was cleared: the low half alone now means < 4 GiB. */
	fw_cfg_put_be32(desc, SEL(FW_CFG_ID) | READ);
	fake_out(d, 0x518, 4, __builtin_bswap32((uint32_t)fake_ram_gpa(&hi, desc)));
	assert_int_equal(fw_cfg_get_be32(desc), SEL(FW_CFG_ID) | READ);
	/* A high half survives a reset (QEMU does not clear it). */
	fake_out(d, 0x514, 4, __builtin_bswap32(1));
	fw_cfg_dev_reset(d);
	fake_out(d, 0x518, 4, __builtin_bswap32((uint32_t)fake_ram_gpa(&hi, desc)));
	assert_int_equal(fw_cfg_get_be32(desc), 0);
	assert_memory_equal(buf, "\3\0\0\0", 4);
	/* A lost transfer (address 0) leaves the register clear; a second
	 * high half replaces the first. */
	fw_cfg_put_be32(desc, SEL(0) | READ);
	fake_out(d, 0x518, 4, 0);
	fake_out(d, 0x514, 4, __builtin_bswap32(2));
	fake_out(d, 0x514, 4, __builtin_bswap32(1));
	fake_out(d, 0x518, 4, __builtin_bswap32((uint32_t)fake_ram_gpa(&hi, desc)));
	assert_int_equal(fw_cfg_get_be32(desc), 0);
	/* Refused widths: 8/16-bit, or 32-bit at 0x516: no transfer. */
	fw_cfg_put_be32(desc, SEL(0) | READ);
	fake_out(d, 0x518, 2, 0x1234);
	fake_out(d, 0x518, 1, 0x12);
	fake_out(d, 0x516, 4, 0x12345678);
	assert_int_equal(fw_cfg_get_be32(desc), SEL(0) | READ);
	/* MMIO: one BE64 store at +0x10 triggers; so do BE32 halves. */
	fw_cfg_put_be64(v, fake_ram_gpa(&hi, desc));
	fw_cfg_dev_mmio_write(d, FW_CFG_MMIO_DMA, 8, v);
	assert_int_equal(fw_cfg_get_be32(desc), 0);
	fw_cfg_put_be32(desc, SEL(0) | READ);
	fw_cfg_dev_mmio_write(d, FW_CFG_MMIO_DMA, 4, v);
	assert_int_equal(fw_cfg_get_be32(desc), SEL(0) | READ);
	fw_cfg_dev_mmio_write(d, FW_CFG_MMIO_DMA + 4, 4, v + 4);
	assert_int_equal(fw_cfg_get_be32(desc), 0);
	/* A 64-bit store at +0x14 is split: its first half is taken as
	 * the low half and triggers, the rest falls off the window. */
	fw_cfg_put_be32(desc, SEL(0) | READ);
	fw_cfg_dev_mmio_write(d, FW_CFG_MMIO_DMA, 4, v);
	memcpy(v, v + 4, 4);
	memset(v + 4, 0xee, 4);
	fw_cfg_dev_mmio_write(d, FW_CFG_MMIO_DMA + 4, 8, v);
	assert_int_equal(fw_cfg_get_be32(desc), 0);
	fw_cfg_dev_destroy(d);
	fake_ram_free(&hi);
	(void)t;
}

static void overlapping_descriptor(void **state)
{
	struct t *t = *state;

	/* The buffer covers the descriptor: read first, status last. */
	assert_int_equal(dma(t, SEL(FW_CFG_FILE_FIRST + 1) | READ, 9, gpa(t, t->desc)), 0);
	assert_memory_equal(t->desc, "\0\0\0\0-only", 9);
}

/* Each call of the copy hook, checked against the RAM it may touch. */
struct copy_log {
	struct fake_ram *ram;
	unsigned calls, outside; /* outside: calls not on one RAM run */
	uint64_t gpa[4];
	size_t len[4];
	const void *src[4];
};

static void *copy_map(void *opaque, uint64_t gpa, uint64_t len, bool write,
		      uint64_t *run)
{
	return fake_ram_map(((struct copy_log *)opaque)->ram, gpa, len, write,
			    run);
}

static void copy_hook(void *opaque, uint64_t gpa, void *dst, const void *src,
		      size_t len)
{
	struct copy_log *l = opaque;

	if (!len || fake_ram_ptr(l->ram, gpa, len) != dst)
		l->outside++;
	if (l->calls < 4) {
		l->gpa[l->calls] = gpa;
		l->len[l->calls] = len;
		l->src[l->calls] = src;
	}
	l->calls++;
	memcpy(dst, src, len);
}

/* A device on t's RAM whose DMA reads go through copy_hook. */
static void use_copy_hook(struct t *t, struct copy_log *log)
{
	struct fw_cfg_dev_config cfg = { .map = copy_map,
					 .map_opaque = log,
					 .copy = copy_hook };

	*log = (struct copy_log){ .ram = &t->ram };
	fw_cfg_dev_destroy(t->d);
	assert_int_equal(fw_cfg_dev_create(&t->d, &cfg), 0);
}

/* A VMM's copy hook gets item bytes (borrowed memory: the very pointer)
 * for reads of data, never for zero-fill, skips, writes or the status. */
static void copy_hook_for_reads(void **state)
{
	struct t *t = *state;
	struct copy_log log;
	static const char blob[] = "0123456789abcdef";

	use_copy_hook(t, &log);
	assert_int_equal(fw_cfg_dev_add(t->d, FW_CFG_KERNEL_DATA, blob, 16,
					FW_CFG_DEV_BORROW),
			 0);
	/* SKIP 4 then READ 20: 12 bytes through the hook, 8 zeros. */
	assert_int_equal(dma(t, SEL(FW_CFG_KERNEL_DATA) | SKIP, 4, 0), 0);
	assert_int_equal(log.calls, 0);
	memset(t->buf, 0xaa, 32);
	assert_int_equal(dma(t, READ, 20, gpa(t, t->buf)), 0);
	assert_int_equal(log.calls, 1);
	assert_int_equal(log.gpa[0], gpa(t, t->buf));
	assert_int_equal(log.len[0], 12);
	assert_ptr_equal(log.src[0], blob + 4);
	assert_memory_equal(t->buf, "456789abcdef\0\0\0\0\0\0\0\0", 20);
	assert_int_equal(t->buf[20], 0xaa);
	/* An empty key: zeros, no hook; a refused write: no hook. */
	assert_int_equal(dma(t, SEL(FW_CFG_INVALID) | READ, 8, gpa(t, t->buf)),
			 0);
	assert_int_equal(dma(t, SEL(FW_CFG_KERNEL_DATA) | WRITE, 4,
			     gpa(t, t->buf)),
			 ERR);
	assert_int_equal(log.calls, 1);
	assert_int_equal(log.outside, 0);
}

/*
 * A buffer only partly in RAM: the hook gets each RAM run alone (the
 * part before a hole, the part after it, the part before the end of RAM)
 * and never a byte that is not RAM; the result is QEMU's, as without it.
 */
static void copy_hook_ram_runs_only(void **state)
{
	struct t *t = *state;
	struct copy_log log;
	uint64_t hi_gpa = RAM_BASE + RAM_SIZE + 0x1000;
	uint8_t *end = t->ram.mem + RAM_SIZE;
	uint8_t *hi = fake_ram_add(&t->ram, hi_gpa, 0x1000);

	use_copy_hook(t, &log);
	assert_int_equal(fw_cfg_dev_add(t->d, FW_CFG_KERNEL_DATA, big_item,
					sizeof(big_item), FW_CFG_DEV_BORROW),
			 0);
	/* RAM, a 4 KiB hole, RAM: two calls, the hole skipped. */
	memset(end - 4, 0xaa, 4);
	memset(hi, 0xaa, 8);
	assert_int_equal(dma(t, SEL(FW_CFG_KERNEL_DATA) | READ, 0x1008,
			     gpa(t, end - 4)),
			 ERR);
	assert_int_equal(log.calls, 2);
	assert_int_equal(log.gpa[0], gpa(t, end - 4));
	assert_int_equal(log.len[0], 4);
	assert_ptr_equal(log.src[0], big_item);
	assert_int_equal(log.gpa[1], hi_gpa);
	assert_int_equal(log.len[1], 4);
	assert_ptr_equal(log.src[1], big_item + 0x1004);
	assert_memory_equal(end - 4, big_item, 4);
	assert_memory_equal(hi, big_item + 0x1004, 4);
	assert_int_equal(hi[4], 0xaa);
	/* Off the end of the upper region, and so of all RAM: one call for
	 * the 8 bytes that are RAM. */
	assert_int_equal(dma(t, SEL(FW_CFG_KERNEL_DATA) | READ, 0x100,
			     hi_gpa + 0xff8),
			 ERR);
	assert_int_equal(log.calls, 3);
	assert_int_equal(log.gpa[2], hi_gpa + 0xff8);
	assert_int_equal(log.len[2], 8);
	assert_memory_equal(hi + 0xff8, big_item, 8);
	/* Wholly outside RAM: no call at all. */
	assert_int_equal(dma(t, SEL(FW_CFG_KERNEL_DATA) | READ, 16,
			     0xf0000000),
			 ERR);
	assert_int_equal(log.calls, 3);
	assert_int_equal(log.outside, 0);
}

/* An accessor that claims runs longer than asked, or empty ones. */
static uint64_t liar_mode;

static void *liar_map(void *opaque, uint64_t gpa, uint64_t len, bool write,
		      uint64_t *run)
{
	void *p = fake_ram_map(opaque, gpa, len, write, run);

	*run = liar_mode ? *run * 1000 : 0;
	return p;
}

static void lying_accessor(void **state)
{
	struct fake_ram ram;
	struct fw_cfg_dev_config cfg = { .map = liar_map, .map_opaque = &ram };
	struct fw_cfg_dev *d;
	uint8_t *desc, *buf;

	(void)state;
	fake_ram_init(&ram, RAM_BASE, RAM_SIZE);
	assert_int_equal(fw_cfg_dev_create(&d, &cfg), 0);
	desc = fake_ram_alloc(&ram, 16, 16);
	buf = fake_ram_alloc(&ram, 16, 16);
	for (liar_mode = 0; liar_mode < 2; liar_mode++) {
		memset(buf, 0xaa, 16);
		fw_cfg_put_dma_access(desc, SEL(0) | READ, 8,
				      fake_ram_gpa(&ram, buf));
		fake_out(d, FW_CFG_PORT_DMA_LO, 4, __builtin_bswap32((uint32_t)fake_ram_gpa(&ram, desc)));
		/* Too long: cut to what was asked, nothing past the buffer.
		 * Empty: taken as not RAM, so nothing is stored at all. */
		if (liar_mode)
			assert_memory_equal(buf, "QEMU\0\0\0\0\xaa", 9);
		else
			assert_memory_equal(buf, "\xaa\xaa\xaa\xaa", 4);
	}
	fw_cfg_dev_destroy(d);
	fake_ram_free(&ram);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(read_and_precedence, setup, teardown),
		cmocka_unit_test_setup_teardown(invalid_and_empty_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(cursor_sharing, setup, teardown),
		cmocka_unit_test_setup_teardown(writes, setup, teardown),
		cmocka_unit_test_setup_teardown(read_only_write, setup, teardown),
		cmocka_unit_test_setup_teardown(buffers_outside_ram, setup, teardown),
		cmocka_unit_test_setup_teardown(buffers_across_a_hole, setup, teardown),
		cmocka_unit_test_setup_teardown(descriptor_outside_ram, setup, teardown),
		cmocka_unit_test_setup_teardown(address_register, setup, teardown),
		cmocka_unit_test_setup_teardown(overlapping_descriptor, setup, teardown),
		cmocka_unit_test_setup_teardown(copy_hook_for_reads, setup, teardown),
		cmocka_unit_test_setup_teardown(copy_hook_ram_runs_only, setup, teardown),
		cmocka_unit_test(lying_accessor),
	};
	return cmocka_run_group_tests_name("fw_cfg_dma", tests, NULL, NULL);
}
