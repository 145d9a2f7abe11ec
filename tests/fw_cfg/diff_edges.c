/* diff_edges.c: fw_cfg.md §5/§7 corner cases as access sequences, replayed on QEMU and on jiffy. */
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "fw_cfg/bytes.h"

#define SEL(k) (FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_KEY(k))
#define READ FW_CFG_DMA_CTL_READ
#define WRITE FW_CFG_DMA_CTL_WRITE
#define SKIP FW_CFG_DMA_CTL_SKIP
#define ERR FW_CFG_DMA_CTL_ERROR

#define BLOB "opt/jiffy/blob" /* a 70000-byte user file */

/* One side's view while a sequence runs. */
struct seq {
	const struct diff_case *c;
	struct target *t;
	struct rec *r;
	uint64_t desc, buf;
};

static uint16_t key_of(const struct diff_case *c, struct target *t,
		       const char *name)
{
	struct bridge b;
	struct fw_cfg_client *cl;
	struct fw_cfg_client_file f = { 0 };

	bridge_init(&b, t, c->mmio ? c->mmio_base : 0, c->shadow, 4096);
	cl = bridge_alloc(&b, sizeof(*cl));
	fw_cfg_client_init(cl, &bridge_ops, &b);
	fw_cfg_client_probe(cl);
	fw_cfg_client_find(cl, name, &f);
	bridge_free(&b);
	return f.key;
}

static void st(struct seq *s, const char *what, uint32_t ctl, uint32_t len,
	       uint64_t addr)
{
	rec_put(s->r, what, draw(s->c, s->t, s->desc, ctl, len, addr));
}

static void mem(struct seq *s, const char *what, uint64_t gpa, unsigned n)
{
	uint8_t b[64];

	s->t->ops->mem_rd(s->t, gpa, b, n);
	rec_bytes(s->r, what, b, n);
}

static void fill(struct seq *s, uint64_t gpa, uint8_t v, unsigned n)
{
	uint8_t b[64];

	memset(b, v, n);
	s->t->ops->mem_wr(s->t, gpa, b, n);
}

static void data(struct seq *s, const char *what)
{
	rec_put(s->r, what, ddata(s->c, s->t));
}

static void seq_past_end(struct seq *s)
{
	fill(s, s->buf, 0xaa, 16);
	st(s, "READ 8 of the 4-byte signature", SEL(0) | READ, 8, s->buf);
	mem(s, "buffer: QEMU, zeros, untouched", s->buf, 10);
}

static void seq_invalid_keys(struct seq *s)
{
	static const uint16_t keys[] = { FW_CFG_MACHINE_ID, 0x3f, 0x40, 0x3fff,
					 0xffff, 0x8020, 0x80ff };
	unsigned i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		fill(s, s->buf, 0xaa, 8);
		st(s, "READ of an empty or invalid key", SEL(keys[i]) | READ, 8, s->buf);
		mem(s, "zeros", s->buf, 8);
		st(s, "SKIP of an empty or invalid key", SEL(keys[i]) | SKIP, 8, 0);
		st(s, "WRITE to an empty or invalid key", SEL(keys[i]) | WRITE, 8, s->buf);
	}
	/* Bit 14 is ignored: 0x4000 is the signature, 0x4001 the ID. */
	st(s, "READ 0x4001", SEL(0x4001) | READ, 4, s->buf);
	mem(s, "the ID", s->buf, 4);
}

static void seq_read_only(struct seq *s)
{
	uint16_t blob = key_of(s->c, s->t, BLOB);

	st(s, "WRITE 4 to the signature", SEL(0) | WRITE, 4, s->buf);
	data(s, "cursor moved by 4: zero");
	st(s, "WRITE 2 to the signature", SEL(0) | WRITE, 2, s->buf);
	data(s, "cursor moved by 2: M");
	st(s, "WRITE to a user file", SEL(blob) | WRITE, 16, s->buf);
	st(s, "READ it back", SEL(blob) | READ, 16, s->buf);
	mem(s, "unchanged", s->buf, 16);
}

static void seq_precedence(struct seq *s)
{
	st(s, "READ|WRITE reads", SEL(FW_CFG_ID) | READ | WRITE, 4, s->buf);
	mem(s, "the ID", s->buf, 4);
	st(s, "READ|SKIP reads", SEL(0) | READ | SKIP, 4, s->buf);
	mem(s, "QEMU", s->buf, 4);
	st(s, "WRITE|SKIP writes (refused)", SEL(0) | WRITE | SKIP, 2, s->buf);
	data(s, "cursor after the refused write");
	st(s, "SELECT alone, length ignored", SEL(FW_CFG_ID), 100, 0);
	data(s, "the ID's first byte");
	st(s, "bit 5 with READ", SEL(0) | READ | 0x20, 4, s->buf);
	st(s, "ERROR set by the guest with READ", SEL(0) | READ | ERR, 4, s->buf);
	st(s, "no bits at all", 0, 4, s->buf);
	data(s, "cursor unmoved by it");
}

static void seq_cursor(struct seq *s)
{
	dsel(s->c, s->t, FW_CFG_SIGNATURE);
	data(s, "Q");
	st(s, "DMA READ 3 at the port's cursor", READ, 3, s->buf);
	mem(s, "EMU", s->buf, 3);
	st(s, "SKIP 2", SEL(0) | SKIP, 2, 0);
	data(s, "M");
	data(s, "U");
	st(s, "SKIP past the end", SEL(0) | SKIP, 1000, 0);
	data(s, "zero");
	st(s, "SKIP with a bad address", SEL(0) | SKIP, 1, ~0ull);
	data(s, "E");
	st(s, "SKIP 1000 into the blob", SEL(key_of(s->c, s->t, BLOB)) | SKIP, 1000, 0);
	st(s, "READ 16 there", READ, 16, s->buf);
	mem(s, "blob bytes 1000..1015", s->buf, 16);
}

static void seq_zero_and_odd(struct seq *s)
{
	uint64_t desc = s->desc;

	fill(s, s->buf, 0x55, 4);
	st(s, "READ of length 0", SEL(0) | READ, 0, s->buf);
	mem(s, "untouched", s->buf, 4);
	s->desc = desc + 3;
	st(s, "descriptor at an odd address", SEL(FW_CFG_ID) | READ, 4, s->buf);
	mem(s, "the ID", s->buf, 4);
	/* The buffer over the descriptor: data first, status last. */
	s->desc = desc;
	st(s, "READ into the descriptor itself", SEL(key_of(s->c, s->t, BLOB)) | READ, 12, desc);
	mem(s, "status then blob bytes 4..11", desc, 12);
}

static void seq_outside_ram(struct seq *s)
{
	const struct diff_case *c = s->c;
	uint8_t d[8];

	st(s, "READ into unassigned space", SEL(0) | READ, 4, c->unassigned);
	st(s, "zero fill into unassigned space", SEL(0x40) | READ, 4, c->unassigned);
	st(s, "WRITE from unassigned space", SEL(0) | WRITE, 4, c->unassigned);
	/* A descriptor nowhere: nothing happens, the selection stays. */
	dsel(c, s->t, FW_CFG_ID);
	dkick(c, s->t, c->unassigned);
	data(s, "the ID: no transfer happened");
	/* Only the first 8 bytes of the descriptor are RAM: ERROR lands. */
	fw_cfg_put_be32(d, SEL(0) | READ);
	fw_cfg_put_be32(d + 4, 4);
	s->t->ops->mem_wr(s->t, c->ram_end - 8, d, 8);
	dsel(c, s->t, FW_CFG_ID);
	dkick(c, s->t, c->ram_end - 8);
	mem(s, "ERROR written back at the end of RAM", c->ram_end - 8, 8);
	data(s, "the ID: nothing was selected");
}

/*
 * Buffers and descriptors running off the end of RAM: ERROR, and the
 * bytes that are RAM transferred all the same (QEMU's memory core goes
 * region by region; jiffy's accessor reports runs of RAM).
 */
static void seq_ram_end(struct seq *s)
{
	const struct diff_case *c = s->c;
	uint64_t end = c->ram_end;
	unsigned k;

	fill(s, end - 8, 0xaa, 8);
	st(s, "READ of 8 blob bytes across the end of RAM",
	   SEL(key_of(c, s->t, BLOB)) | READ, 8, end - 4);
	mem(s, "the last 8 bytes of RAM: 4 blob bytes fit", end - 8, 8);
	fill(s, end - 8, 0xaa, 8);
	st(s, "zero fill across the end of RAM", SEL(0x40) | READ, 8, end - 4);
	mem(s, "4 zeros fit", end - 8, 8);
	fill(s, end - 8, 0xaa, 8);
	st(s, "QEMU then zeros across the end of RAM", SEL(0) | READ, 8, end - 6);
	mem(s, "QEMU and 2 zeros fit", end - 8, 8);
	/* Descriptors in the last k bytes: the status bytes that fit land. */
	for (k = 1; k <= 5; k++) {
		fill(s, end - k, 0xff, k);
		dkick(c, s->t, end - k);
		mem(s, "a descriptor cut by the end of RAM: its status", end - k, k);
	}
}

static void seq_registers(struct seq *s)
{
	const struct diff_case *c = s->c;
	struct target *t = s->t;
	uint8_t d[16];

	fw_cfg_put_dma_access(d, SEL(0) | READ, 4, s->buf);
	t->ops->mem_wr(t, s->desc, d, 16);
	if (c->mmio) {
		/* Refused: narrow writes; then a split 64-bit store at +0x14. */
		t->ops->mmio_wr(t, c->mmio_base + 0x14, 2, 0x1234);
		t->ops->mmio_wr(t, c->mmio_base + 0x10, 1, 0x12);
		mem(s, "control unchanged by refused writes", s->desc, 4);
		t->ops->mmio_wr(t, c->mmio_base + 0x10, 4, 0);
		t->ops->mmio_wr(t, c->mmio_base + 0x14, 8,
				__builtin_bswap32((uint32_t)s->desc) | 0xeeeeeeee00000000ull);
		mem(s, "64-bit store at +0x14 took its low half", s->desc, 4);
		t->ops->mem_wr(t, s->desc, d, 16);
		t->ops->mmio_wr(t, c->mmio_base + 0x14, 4,
				__builtin_bswap32((uint32_t)s->desc));
		mem(s, "low half alone: high half was cleared", s->desc, 4);
		rec_put(s->r, "DMA register reads QEMU CFG",
			t->ops->mmio_rd(t, c->mmio_base + 0x10, 8));
		return;
	}
	t->ops->out(t, 0x518, 2, 0x1234);
	t->ops->out(t, 0x518, 1, 0x12);
	t->ops->out(t, 0x516, 4, 0x12345678);
	t->ops->out(t, 0x514, 2, 0x1234);
	mem(s, "control unchanged by refused writes", s->desc, 4);
	t->ops->out(t, 0x514, 4, __builtin_bswap32(1));
	t->ops->out(t, 0x514, 4, 0);
	t->ops->out(t, 0x518, 4, __builtin_bswap32((uint32_t)s->desc));
	mem(s, "a second high half replaced the first", s->desc, 4);
	rec_put(s->r, "0x514 reads QEMU", t->ops->in(t, 0x514, 4));
	rec_put(s->r, "0x518 reads  CFG", t->ops->in(t, 0x518, 4));
}

static void seq_data_writes(struct seq *s)
{
	dsel(s->c, s->t, FW_CFG_SIGNATURE);
	if (s->c->mmio)
		s->t->ops->mmio_wr(s->t, s->c->mmio_base, 8, ~0ull);
	else
		s->t->ops->out(s->t, FW_CFG_PORT_DATA, 1, 'x');
	data(s, "Q: the write neither stored nor moved");
	data(s, "E");
}

static void seq_vmcoreinfo(struct seq *s)
{
	uint16_t k = key_of(s->c, s->t, "etc/vmcoreinfo");
	uint8_t pat[32];
	unsigned i;

	for (i = 0; i < sizeof(pat); i++)
		pat[i] = (uint8_t)(0x40 + i);
	s->t->ops->mem_wr(s->t, s->buf, pat, sizeof(pat));
	st(s, "READ at power-on", SEL(k) | READ, 16, s->buf + 64);
	mem(s, "initial content", s->buf + 64, 16);
	st(s, "WRITE 16", SEL(k) | WRITE, 16, s->buf);
	st(s, "WRITE 17", SEL(k) | WRITE, 17, s->buf + 8);
	st(s, "SKIP 8", SEL(k) | SKIP, 8, 0);
	st(s, "WRITE 8 at 8", WRITE, 8, s->buf + 16);
	st(s, "SKIP 12", SEL(k) | SKIP, 12, 0);
	st(s, "WRITE 8 at 12", WRITE, 8, s->buf + 3);
	data(s, "cursor at the end");
	st(s, "READ back", SEL(k) | READ, 16, s->buf + 64);
	mem(s, "content after the writes", s->buf + 64, 16);
	/* A source that is not all RAM: ERROR, yet the item changes. */
	fill(s, s->c->ram_end - 8, 0x33, 8);
	st(s, "WRITE 16 from across the end of RAM", SEL(k) | WRITE, 16,
	   s->c->ram_end - 8);
	st(s, "READ back", SEL(k) | READ, 16, s->buf + 64);
	mem(s, "the 8 bytes in RAM, then zeros", s->buf + 64, 16);
	st(s, "WRITE 16 from unassigned space", SEL(k) | WRITE, 16,
	   s->c->unassigned);
	st(s, "READ back", SEL(k) | READ, 16, s->buf + 64);
	mem(s, "zeros", s->buf + 64, 16);
}

static const struct {
	const char *name;
	void (*fn)(struct seq *s);
	bool needs_vmcoreinfo;
} seqs[] = {
	{ "DMA read past the end: data, zeros, success", seq_past_end, false },
	{ "empty and invalid keys: zeros, SKIP ok, WRITE error", seq_invalid_keys, false },
	{ "writes to read-only items: error, cursor still moves", seq_read_only, false },
	{ "READ > WRITE > SKIP, select-only, stray bits", seq_precedence, false },
	{ "cursor shared by the data port and DMA", seq_cursor, false },
	{ "zero length, odd descriptor, buffer over the descriptor", seq_zero_and_odd, false },
	{ "descriptor and buffers outside RAM", seq_outside_ram, false },
	{ "buffers and descriptors across the end of RAM: the part in RAM lands", seq_ram_end, false },
	{ "DMA address register widths, halves and signature", seq_registers, false },
	{ "data register writes are ignored", seq_data_writes, false },
	{ "writable etc/vmcoreinfo: whole writes only", seq_vmcoreinfo, true },
};

void check_edges(struct diff_case *c)
{
	struct rec *q = calloc(1, sizeof(*q)), *j = calloc(1, sizeof(*j));
	unsigned i;

	for (i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++) {
		struct seq sq = { c, c->q, q, c->work, c->work + 0x1000 };
		struct seq sj = { c, c->j, j, c->work, c->work + 0x1000 };

		if (seqs[i].needs_vmcoreinfo && !c->vmcoreinfo)
			continue;
		if (!c->dma && seqs[i].fn != seq_data_writes)
			continue;
		q->n = j->n = 0;
		seqs[i].fn(&sq);
		seqs[i].fn(&sj);
		rec_compare(c, q, j, seqs[i].name);
	}
	free(q);
	free(j);
}
