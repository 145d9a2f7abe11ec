/* fwprobe_edges.c: the fw_cfg probe's corner cases (fw_cfg.md §5 and §7), one
 * line each. */
#include <string.h>

#include "fwprobe.h"
#include "rt/console.h"
#include "rt/fmt.h"
#include "rt/x86io.h"

/* Not RAM on QEMU's pc (the PCI hole) nor in jiffy (its MMIO hole). */
#define UNASSIGNED 0xf0000000u

static uint8_t buf[64] __attribute__((aligned(16)));
static uint8_t desc[32] __attribute__((aligned(16)));
static char hex[2 * 64 + 1];

#define BUF  ((uint32_t)(uintptr_t)buf)
#define DESC ((uint32_t)(uintptr_t)desc)

static uint32_t dma(uint32_t ctl, uint32_t len, uint64_t addr)
{
	return fwprobe_dma_at(DESC, ctl, len, addr);
}

/* Hex of [p, p + n) in the shared buffer, for one cprintf. */
static const char *hx(const void *p, unsigned n)
{
	fwprobe_hex(p, n, hex);
	return hex;
}

static uint8_t io_byte(void)
{
	return inb(FW_CFG_PORT_DATA);
}

/* The first opt/ file of 16 bytes or more: the same on both sides. */
static const struct fw_cfg_client_file *opt_file(const struct fwprobe *p)
{
	for (unsigned i = 0; i < p->nfiles; i++)
		if (!strncmp(p->files[i].name, "opt/", 4) &&
		    p->files[i].size >= 16)
			return &p->files[i];
	return NULL;
}

static void past_the_end(void)
{
	uint8_t b[8];
	uint32_t st, st2;

	fwprobe_select(FW_CFG_SIGNATURE);
	fwprobe_io_read(b, 6);
	b[6] = io_byte();
	cprintf("edge io read past the end: %s\n", hx(b, 7));
	memset(buf, 0xaa, 10);
	st = dma(SEL(FW_CFG_SIGNATURE) | DMA_READ, 8, BUF);
	cprintf("edge dma read past the end: status %u, %s\n", st, hx(buf, 10));
	st = dma(SEL(FW_CFG_SIGNATURE) | DMA_SKIP, 1000, 0);
	b[0] = io_byte();
	memset(buf, 0xaa, 4);
	st2 = dma(DMA_READ, 4, BUF);
	cprintf("edge dma skip past the end: status %u, then io %02x, then dma read status %u, %s\n",
		st, b[0], st2, hx(buf, 4));
	st = dma(SEL(FW_CFG_SIGNATURE) | DMA_SKIP, 2, 0);
	fwprobe_io_read(b, 2);
	cprintf("edge dma skip 2: status %u, then io %s\n", st, hx(b, 2));
	st = dma(SEL(FW_CFG_SIGNATURE) | DMA_SKIP, 1, ~0ull);
	cprintf("edge dma skip ignores its address: status %u, then io %02x\n",
		st, io_byte());
}

static void zero_length(void)
{
	uint32_t r, s, w;

	memset(buf, 0x55, 4);
	r = dma(SEL(FW_CFG_SIGNATURE) | DMA_READ, 0, BUF);
	s = dma(DMA_SKIP, 0, 0);
	w = dma(DMA_WRITE, 0, BUF);
	cprintf("edge zero length: read %u skip %u write %u, buffer %s, then io %02x\n",
		r, s, w, hx(buf, 4), io_byte());
}

static void unused_key(const char *name, uint16_t key)
{
	uint32_t r, s, w;
	uint8_t b[4];
	char rd[17];

	memset(buf, 0xaa, 8);
	r = dma(SEL(key) | DMA_READ, 8, BUF);
	fwprobe_hex(buf, 8, rd);
	s = dma(SEL(key) | DMA_SKIP, 8, 0);
	w = dma(SEL(key) | DMA_WRITE, 8, BUF);
	fwprobe_select(key);
	fwprobe_io_read(b, 4);
	cprintf("edge unused key %s: dma read %u %s, skip %u, write %u, io %s\n",
		name, r, rd, s, w, hx(b, 4));
}

static void unused_keys(const struct fwprobe *p)
{
	static const uint16_t keys[] = { FW_CFG_MACHINE_ID,
					 FW_CFG_KERNEL_CMDLINE,
					 FW_CFG_BOOT_DEVICE,
					 0x003f,
					 0x0040,
					 0x3fff,
					 0x8005,
					 0x801f,
					 0xffff };
	char name[8];
	uint8_t b[4];

	/* Its number differs with the file count; its behaviour must not. */
	if (p->nfiles < 0x3f - FW_CFG_FILE_FIRST)
		unused_key("first-free-file-slot",
			   FW_CFG_FILE_FIRST + p->nfiles);
	for (unsigned i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		rt_snprintf(name, sizeof(name), "0x%04x", keys[i]);
		unused_key(name, keys[i]);
	}
	/* Bit 14 (the old write channel) is ignored: 0x4001 is the ID. */
	fwprobe_select(FW_CFG_WRITE_CHANNEL | FW_CFG_ID);
	fwprobe_io_read(b, 4);
	cprintf("edge key 0x4001: io %s\n", hx(b, 4));
}

static void cursor_and_descriptors(const struct fwprobe *p)
{
	const struct fw_cfg_client_file *f = opt_file(p);
	uint32_t st;
	uint8_t b;

	fwprobe_select(FW_CFG_SIGNATURE);
	b = io_byte();
	st = dma(DMA_READ, 3, BUF);
	cprintf("edge cursor shared: io %02x, then dma read status %u, %s\n", b,
		st, hx(buf, 3));
	memset(buf, 0, 4);
	st = fwprobe_dma_at(DESC + 3, SEL(FW_CFG_ID) | DMA_READ, 4, BUF);
	cprintf("edge descriptor at an odd address: status %u, %s\n", st,
		hx(buf, 4));
	if (!f)
		return;
	/* The buffer over the descriptor: data first, the status last. */
	st = dma(SEL(f->key) | DMA_READ, 12, DESC);
	cprintf("edge dma read over its own descriptor: %s\n", hx(desc, 12));
}

static void read_only_writes(struct fwprobe *p)
{
	const struct fw_cfg_client_file *f = opt_file(p);
	uint32_t st, st2;
	uint8_t b, b2, before[16], after[16];

	st = dma(SEL(FW_CFG_SIGNATURE) | DMA_WRITE, 4, BUF);
	b = io_byte();
	st2 = dma(SEL(FW_CFG_SIGNATURE) | DMA_WRITE, 2, BUF);
	b2 = io_byte();
	cprintf("edge dma write to the signature: 4 bytes status %u, then io %02x; 2 bytes status %u, then io %02x\n",
		st, b, st2, b2);
	if (!f) {
		cprintf("edge dma write to a read-only file: no opt/ file of 16 bytes or more\n");
		return;
	}
	fw_cfg_client_read(p->c, f->key, 0, before, 16);
	memset(buf, 0x77, 16);
	st = dma(SEL(f->key) | DMA_WRITE, 16, BUF);
	fw_cfg_client_read(p->c, f->key, 0, after, 16);
	cprintf("edge dma write to read-only %s: status %u, content %s\n",
		f->name, st,
		memcmp(before, after, 16) ? "changed" : "unchanged");
}

/* The status(es) of a write, then the item's content; skip < 0: none. */
static void show_writable(struct fwprobe *p, const char *what, uint16_t key,
			  int skip, uint32_t st)
{
	uint8_t b[16];

	fw_cfg_client_read(p->c, key, 0, b, 16);
	if (skip >= 0)
		cprintf("edge writable %s: skip status %d, write status %u, content %s\n",
			what, skip, st, hx(b, 16));
	else
		cprintf("edge writable %s: status %u, content %s\n", what, st,
			hx(b, 16));
}

/*
 * Whole and partial writes. No machine QEMU and jiffy share has a
 * writable item by default: QEMU gets one from -device vmcoreinfo.
 */
static void writable(struct fwprobe *p)
{
	const struct fw_cfg_client_file *f = fwprobe_find(p, "etc/vmcoreinfo");
	uint32_t st, st2;
	uint8_t *top;

	if (!f) {
		cprintf("edge writable item: none (no etc/vmcoreinfo)\n");
		return;
	}
	show_writable(p, "etc/vmcoreinfo at first", f->key, -1, 0);
	for (unsigned i = 0; i < 32; i++)
		buf[i] = (uint8_t)(0x40 + i);
	st = dma(SEL(f->key) | DMA_WRITE, 16, BUF);
	show_writable(p, "whole write", f->key, -1, st);
	st = dma(SEL(f->key) | DMA_WRITE, 17, BUF + 8);
	show_writable(p, "write past the end", f->key, -1, st);
	st = dma(SEL(f->key) | DMA_SKIP, 8, 0);
	st2 = dma(DMA_WRITE, 8, BUF + 16);
	show_writable(p, "skip 8, write 8", f->key, (int)st, st2);
	st = dma(SEL(f->key) | DMA_SKIP, 12, 0);
	st2 = dma(DMA_WRITE, 8, BUF + 3);
	cprintf("edge writable skip 12, write 8, cursor: then io %02x\n",
		io_byte());
	show_writable(p, "skip 12, write 8", f->key, (int)st, st2);
	if (p->ram_end) {
		top = (uint8_t *)(uintptr_t)(p->ram_end - 8);
		memset(top, 0x33, 8);
		st = dma(SEL(f->key) | DMA_WRITE, 16, p->ram_end - 8);
		show_writable(p, "write from across the end of RAM", f->key, -1,
			      st);
	}
	st = dma(SEL(f->key) | DMA_WRITE, 16, UNASSIGNED);
	show_writable(p, "write from outside RAM", f->key, -1, st);
}

static void outside_ram(void)
{
	uint32_t r, z, w;

	r = dma(SEL(FW_CFG_SIGNATURE) | DMA_READ, 4, UNASSIGNED);
	z = dma(SEL(0x0040) | DMA_READ, 4, UNASSIGNED);
	w = dma(SEL(FW_CFG_SIGNATURE) | DMA_WRITE, 4, UNASSIGNED);
	cprintf("edge dma outside RAM: read %u, zero fill %u, write %u\n", r, z,
		w);
	/* A descriptor nowhere: no transfer, no status, no select. */
	fwprobe_select(FW_CFG_ID);
	outl(FW_CFG_PORT_DMA_LO, __builtin_bswap32(UNASSIGNED));
	cprintf("edge descriptor outside RAM: then io %02x\n", io_byte());
}

/* Buffers and descriptors cut by the end of RAM: the part in RAM lands. */
static void end_of_ram(const struct fwprobe *p)
{
	static const unsigned cuts[] = { 1, 2, 4, 8 };
	const struct fw_cfg_client_file *f = opt_file(p);
	uint64_t end = p->ram_end;
	uint8_t *top = (uint8_t *)(uintptr_t)(end - 8);
	uint32_t st;

	if (!end || end > 0xfffff000u) {
		cprintf("edge end of RAM: unknown (no RAM from 0 below 4 GiB in etc/e820)\n");
		return;
	}
	if (f) {
		memset(top, 0xaa, 8);
		st = dma(SEL(f->key) | DMA_READ, 8, end - 4);
		cprintf("edge dma read across the end of RAM: status %u, last 8 bytes %s\n",
			st, hx(top, 8));
	}
	memset(top, 0xaa, 8);
	st = dma(SEL(0x0040) | DMA_READ, 8, end - 4);
	cprintf("edge dma zero fill across the end of RAM: status %u, last 8 bytes %s\n",
		st, hx(top, 8));
	memset(top, 0xaa, 8);
	st = dma(SEL(FW_CFG_SIGNATURE) | DMA_READ, 8, end - 6);
	cprintf("edge dma read and fill across the end of RAM: status %u, last 8 bytes %s\n",
		st, hx(top, 8));
	for (unsigned i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		memset(top + 8 - cuts[i], 0xff, cuts[i]);
		outl(FW_CFG_PORT_DMA_LO,
		     __builtin_bswap32((uint32_t)end - cuts[i]));
		cprintf("edge descriptor in the last %u bytes of RAM: %s\n",
			cuts[i], hx(top + 8 - cuts[i], cuts[i]));
	}
}

void fwprobe_edges(struct fwprobe *p)
{
	past_the_end();
	zero_length();
	unused_keys(p);
	cursor_and_descriptors(p);
	read_only_writes(p);
	writable(p);
	outside_ram();
	end_of_ram(p);
}
