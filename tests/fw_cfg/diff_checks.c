/* diff_checks.c: differential checks of probe, registers, directory, files and legacy keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "fw_cfg/bytes.h"

#define SHADOW_SIZE (16u << 20)
#define PIO_WHOLE   8192u /* larger items: head and tail by byte I/O */
#define PIO_PART    4096u

/* Before anything selects: the signature at offset 0, then zeros. */
void check_power_on(struct diff_case *c)
{
	struct rec *q = calloc(1, sizeof(*q)), *j = calloc(1, sizeof(*j));
	unsigned i;

	for (i = 0; i < 6; i++) {
		rec_put(q, "data byte after reset", ddata(c, c->q));
		rec_put(j, "data byte after reset", ddata(c, c->j));
	}
	rec_compare(c, q, j, "reset state reads QEMU then zeros");
	tap_ok(q->v[0] == 'Q' && q->v[3] == 'U' && !q->v[4],
	       "%s: QEMU's reset state is as fw_cfg.md says", c->name);
	free(q);
	free(j);
}

struct side {
	struct bridge b;
	struct fw_cfg_client *cl;
	int probe;
};

static void side_open(const struct diff_case *c, struct target *t,
		      struct side *s)
{
	bridge_init(&s->b, t, c->mmio ? c->mmio_base : 0, c->shadow,
		    SHADOW_SIZE);
	s->cl = bridge_alloc(&s->b, sizeof(*s->cl));
	fw_cfg_client_init(s->cl, &bridge_ops, &s->b);
	s->probe = fw_cfg_client_probe(s->cl);
}

static void side_close(struct side *s)
{
	bridge_free(&s->b);
}

void check_probe(struct diff_case *c)
{
	struct side q, j;

	side_open(c, c->q, &q);
	side_open(c, c->j, &j);
	tap_ok(!q.probe && !j.probe && sides_alive(c),
	       "%s: both probe as fw_cfg (signature QEMU)", c->name);
	tap_ok(q.cl->id == j.cl->id && q.cl->id == (c->dma ? 3u : 1u),
	       "%s: same ID (%u)", c->name, q.cl->id);
	if (q.cl->id != j.cl->id)
		tap_diag("QEMU ID %u, jiffy ID %u", q.cl->id, j.cl->id);
	tap_ok(fw_cfg_client_has_dma(q.cl) == c->dma &&
		       fw_cfg_client_has_dma(j.cl) == c->dma,
	       "%s: DMA %s on both", c->name, c->dma ? "offered" : "absent");
	side_close(&q);
	side_close(&j);
}

/* Every width at every offset of the window (and around it). */
static void registers_on(const struct diff_case *c, struct target *t,
			 struct rec *r, bool write)
{
	static const unsigned sizes[] = { 1, 2, 4, 8 };
	unsigned nsizes = c->mmio ? 4 : 3, s;
	uint64_t off, end = c->mmio ? 0x20 : 0x10;

	for (off = 0; off < end; off++) {
		for (s = 0; s < nsizes; s++) {
			unsigned size = sizes[s];

			dsel(c, t, FW_CFG_SIGNATURE);
			/*
			 * Values chosen so that any 4 bytes taken as a DMA
			 * address point into RAM: on virt, QEMU 7.2 hangs on
			 * a descriptor in the PCIe MMIO window.
			 */
			if (write && c->mmio)
				t->ops->mmio_wr(t, c->mmio_base + off, size,
						0x4141414141414141ull);
			else if (write)
				t->ops->out(t, (uint16_t)(0x510 + off), size,
					    0x00190019u);
			else if (c->mmio)
				rec_put(r, "read", t->ops->mmio_rd(t, c->mmio_base + off, size));
			else
				rec_put(r, "read", t->ops->in(t, (uint16_t)(0x510 + off), size));
			/* What is selected now, and where the cursor is. */
			rec_put(r, "next data byte", ddata(c, t));
			rec_put(r, "next data byte", ddata(c, t));
		}
	}
}

void check_registers(struct diff_case *c)
{
	struct rec *q = calloc(1, sizeof(*q)), *j = calloc(1, sizeof(*j));

	registers_on(c, c->q, q, false);
	registers_on(c, c->j, j, false);
	rec_compare(c, q, j, c->mmio ? "MMIO reads, widths 1-8 at +0x00..+0x1f"
				     : "port reads, widths 1-4 at 0x510..0x51f");
	q->n = j->n = 0;
	registers_on(c, c->q, q, true);
	registers_on(c, c->j, j, true);
	rec_compare(c, q, j, c->mmio ? "MMIO writes: only a BE16 at +8 selects"
				     : "port writes: only outw 0x510 selects");
	free(q);
	free(j);
}

#define MAX_FILES 64
struct dir {
	uint32_t n;
	struct fw_cfg_client_file f[MAX_FILES];
	uint8_t tail[64 * 40];
};

static void read_dir(struct side *s, struct dir *d)
{
	uint32_t i, n;

	fw_cfg_client_dir_first(s->cl, &n);
	d->n = n < MAX_FILES ? n : MAX_FILES;
	for (i = 0; i < d->n; i++)
		fw_cfg_client_dir_next(s->cl, &d->f[i]);
}

static const struct fw_cfg_client_file *dir_find(const struct dir *d,
						 const char *name)
{
	uint32_t i;

	for (i = 0; i < d->n; i++)
		if (!strcmp(d->f[i].name, name))
			return &d->f[i];
	return NULL;
}

static bool dir_sorted(const struct dir *d)
{
	uint32_t i;

	for (i = 0; i < d->n; i++)
		if (d->f[i].key != FW_CFG_FILE_FIRST + i ||
		    (i && strcmp(d->f[i - 1].name, d->f[i].name) >= 0))
			return false;
	return true;
}

/* Bytes after the last entry up to the slots' end and beyond: zero. */
static bool dir_tail_zero(struct side *s, uint32_t n)
{
	uint32_t from = 4 + 64 * n, to = 4 + 64 * FW_CFG_FILE_SLOTS_DFLT + 64;
	uint8_t *b = bridge_alloc(&s->b, to - from);
	uint32_t i;
	bool zero = true;

	fw_cfg_client_read(s->cl, FW_CFG_FILE_DIR, from, b, to - from);
	for (i = 0; i < to - from; i++)
		zero &= !b[i];
	bridge_reset_alloc(&s->b, b);
	return zero;
}

void check_directory(struct diff_case *c)
{
	struct dir *qd = calloc(1, sizeof(*qd)), *jd = calloc(1, sizeof(*jd));
	const char *const *l;
	struct side q, j;
	uint32_t i, listed = 0;
	bool ok = true;

	side_open(c, c->q, &q);
	side_open(c, c->j, &j);
	read_dir(&q, qd);
	read_dir(&j, jd);
	tap_ok(dir_sorted(qd) && dir_sorted(jd) && sides_alive(c),
	       "%s: both directories in strcmp order, keys 0x20 + index", c->name);
	tap_ok(dir_tail_zero(&q, qd->n) && dir_tail_zero(&j, jd->n),
	       "%s: both directories zero after the last entry to 4 + 64 * 32 bytes", c->name);

	/* Every jiffy file is in QEMU, with the same size. */
	for (i = 0; i < jd->n; i++) {
		const struct fw_cfg_client_file *f = dir_find(qd, jd->f[i].name);

		if (!f || f->size != jd->f[i].size) {
			tap_diag("%s: jiffy %u bytes, QEMU %s", jd->f[i].name,
				 jd->f[i].size, f ? "another size" : "has none");
			ok = false;
		}
	}
	tap_ok(ok, "%s: jiffy's %u files are in QEMU's directory, same sizes", c->name, jd->n);

	/* The rest of QEMU's files are exactly the listed differences. */
	ok = true;
	for (l = c->qemu_only; *l; l++, listed++) {
		if (!dir_find(qd, *l) || dir_find(jd, *l)) {
			tap_diag("listed QEMU-only file %s: QEMU %s it, jiffy %s it", *l,
				 dir_find(qd, *l) ? "has" : "lacks",
				 dir_find(jd, *l) ? "has" : "lacks");
			ok = false;
		}
	}
	for (i = 0; i < qd->n; i++) {
		bool is_listed = false;

		for (l = c->qemu_only; *l; l++)
			is_listed |= !strcmp(*l, qd->f[i].name);
		if (!is_listed && !dir_find(jd, qd->f[i].name)) {
			tap_diag("QEMU-only file not in the list: %s (%u bytes)",
				 qd->f[i].name, qd->f[i].size);
			ok = false;
		}
	}
	tap_ok(ok && qd->n == jd->n + listed,
	       "%s: QEMU's other %u files are exactly the listed ones", c->name, listed);
	side_close(&q);
	side_close(&j);
	free(qd);
	free(jd);
}

/*
 * Read [off, off + n) of key by byte I/O into buf; DMA SKIP positions
 * the cursor when there is DMA, so big items cost no byte-by-byte skip.
 */
static void read_pio(struct side *s, uint16_t key, uint32_t off, uint8_t *buf,
		     uint32_t n)
{
	fw_cfg_client_select(s->cl, key);
	fw_cfg_client_skip_cur(s->cl, off);
	fw_cfg_client_use_dma(s->cl, false);
	fw_cfg_client_read_cur(s->cl, buf, n);
	fw_cfg_client_use_dma(s->cl, true);
}

/* An item on both sides by DMA and byte I/O; true when all agree. */
static bool same_item(const struct diff_case *c, struct side *q,
		      struct side *j, uint16_t qkey, uint16_t jkey,
		      uint32_t size, bool *zero)
{
	struct side *sides[2] = { q, j };
	uint16_t keys[2] = { qkey, jkey };
	uint32_t n = size + 64, i, k;
	uint8_t *dma[2], *pio[2];
	bool ok = true;

	for (k = 0; k < 2; k++) {
		struct side *s = sides[k];
		uint16_t key = keys[k];

		dma[k] = bridge_alloc(&s->b, n);
		pio[k] = bridge_alloc(&s->b, n);
		if (c->dma)
			fw_cfg_client_read(s->cl, key, 0, dma[k], n);
		if (n <= PIO_WHOLE || !c->dma) {
			read_pio(s, key, 0, pio[k], n);
		} else {
			read_pio(s, key, 0, pio[k], PIO_PART);
			read_pio(s, key, n - PIO_PART, pio[k] + n - PIO_PART, PIO_PART);
			memcpy(pio[k] + PIO_PART, dma[k] + PIO_PART, n - 2 * PIO_PART);
		}
		if (!c->dma)
			memcpy(dma[k], pio[k], n);
		if (memcmp(dma[k], pio[k], n)) {
			tap_diag("%s: byte I/O and DMA differ", k ? "jiffy" : "QEMU");
			ok = false;
		}
	}
	for (i = 0; i < n && dma[0][i] == dma[1][i]; i++)
		;
	if (i < n) {
		tap_diag("first difference at byte %u: QEMU 0x%02x, jiffy 0x%02x", i,
			 dma[0][i], dma[1][i]);
		ok = false;
	}
	*zero = true;
	for (i = 0; i < n; i++)
		*zero &= !dma[0][i];
	for (i = size; i < n; i++)
		if (dma[0][i] || dma[1][i])
			ok = false;
	bridge_reset_alloc(&q->b, dma[0]);
	bridge_reset_alloc(&j->b, dma[1]);
	return ok;
}

void check_files(struct diff_case *c)
{
	struct dir *jd = calloc(1, sizeof(*jd));
	struct side q, j;
	uint32_t i;
	bool zero;

	side_open(c, c->q, &q);
	side_open(c, c->j, &j);
	read_dir(&j, jd);
	for (i = 0; i < jd->n; i++) {
		struct fw_cfg_client_file qf;

		if (fw_cfg_client_find(q.cl, jd->f[i].name, &qf)) {
			tap_ok(false, "%s: file %s", c->name, jd->f[i].name);
			continue;
		}
		tap_ok(same_item(c, &q, &j, qf.key, jd->f[i].key, jd->f[i].size,
				 &zero) &&
			       qf.size == jd->f[i].size && sides_alive(c),
		       "%s: file %s (%u bytes) identical by byte I/O and DMA",
		       c->name, jd->f[i].name, jd->f[i].size);
	}
	side_close(&q);
	side_close(&j);
	free(jd);
}

/* How much of a legacy key to read: the size its companion key gives. */
static uint32_t legacy_size(struct side *q, uint16_t key)
{
	switch (key) {
	case FW_CFG_KERNEL_DATA:
		return fw_cfg_client_get_u32(q->cl, FW_CFG_KERNEL_SIZE);
	case FW_CFG_INITRD_DATA:
		return fw_cfg_client_get_u32(q->cl, FW_CFG_INITRD_SIZE);
	case FW_CFG_SETUP_DATA:
		return fw_cfg_client_get_u32(q->cl, FW_CFG_SETUP_SIZE);
	case FW_CFG_CMDLINE_DATA:
		return fw_cfg_client_get_u32(q->cl, FW_CFG_CMDLINE_SIZE);
	}
	return 256; /* the other legacy items are all smaller */
}

void check_legacy_keys(struct diff_case *c)
{
	char empty[512] = "";
	struct side q, j;
	unsigned i;

	side_open(c, c->q, &q);
	side_open(c, c->j, &j);
	for (i = 0; i < 2 * FW_CFG_FILE_FIRST; i++) {
		uint16_t key = (uint16_t)((i & 0x1f) | (i >= 0x20 ? FW_CFG_ARCH_LOCAL : 0));
		const uint16_t *d;
		bool listed = false, same, zero;

		if (key == FW_CFG_FILE_DIR)
			continue; /* compared entry by entry */
		for (d = c->keys_differ; *d; d++)
			listed |= *d == key;
		same = same_item(c, &q, &j, key, key, legacy_size(&q, key), &zero);
		if (listed) {
			tap_ok(!same, "%s: key 0x%04x differs, as listed", c->name, key);
		} else if (!same || !zero) {
			tap_ok(same && sides_alive(c),
			       "%s: key 0x%04x identical by byte I/O and DMA", c->name, key);
		} else {
			/* Same and all zeros: listed on one line below. */
			snprintf(empty + strlen(empty), sizeof(empty) - strlen(empty),
				 " %x", key);
		}
	}
	tap_ok(sides_alive(c), "%s: keys with no item read zeros on both:%s",
	       c->name, empty);
	side_close(&q);
	side_close(&j);
}
