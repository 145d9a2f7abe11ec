/* diff_util.c: TAP output, transcripts, and register-level helpers of the fw_cfg differential test. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "diff.h"
#include "fw_cfg/bytes.h"

static unsigned tap_n;

void tap_ok(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %u - ", ok ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

void tap_done(void)
{
	printf("1..%u\n", tap_n);
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("#   ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

void tap_skip(const char *why, const char *fmt, ...)
{
	va_list ap;

	printf("ok %u - ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" # SKIP %s\n", why);
	fflush(stdout);
}

void rec_put(struct rec *r, const char *what, uint64_t v)
{
	if (r->n == REC_MAX)
		abort();
	r->what[r->n] = what;
	r->v[r->n++] = v;
}

void rec_bytes(struct rec *r, const char *what, const uint8_t *p, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		rec_put(r, what, p[i]);
}

/* Either side failing (QEMU gone) is a failure with its reason. */
bool sides_alive(const struct diff_case *c)
{
	if (c->q->failed)
		tap_diag("%s", c->q->why);
	return !c->q->failed && !c->j->failed;
}

void rec_compare(const struct diff_case *c, const struct rec *q,
		 const struct rec *j, const char *name)
{
	unsigned i, n = q->n < j->n ? q->n : j->n;
	bool same = q->n == j->n;

	for (i = 0; i < n && same; i++)
		same = q->v[i] == j->v[i];
	tap_ok(same && sides_alive(c), "%s: %s", c->name, name);
	if (!same && i <= n && i)
		tap_diag("step %u (%s): QEMU 0x%llx, jiffy 0x%llx", i - 1,
			 q->what[i - 1], (unsigned long long)q->v[i - 1],
			 (unsigned long long)j->v[i - 1]);
	if (q->n != j->n)
		tap_diag("QEMU gave %u values, jiffy %u", q->n, j->n);
}

void dsel(const struct diff_case *c, struct target *t, uint16_t key)
{
	if (c->mmio)
		t->ops->mmio_wr(t, c->mmio_base + FW_CFG_MMIO_SEL, 2,
				__builtin_bswap16(key));
	else
		t->ops->out(t, FW_CFG_PORT_SEL, 2, key);
}

uint8_t ddata(const struct diff_case *c, struct target *t)
{
	if (c->mmio)
		return (uint8_t)t->ops->mmio_rd(t, c->mmio_base, 1);
	return (uint8_t)t->ops->in(t, FW_CFG_PORT_DATA, 1);
}

void dkick(const struct diff_case *c, struct target *t, uint64_t desc)
{
	if (c->mmio) {
		t->ops->mmio_wr(t, c->mmio_base + FW_CFG_MMIO_DMA, 8,
				__builtin_bswap64(desc));
		return;
	}
	if (desc >> 32)
		t->ops->out(t, FW_CFG_PORT_DMA_HI, 4,
			    __builtin_bswap32((uint32_t)(desc >> 32)));
	t->ops->out(t, FW_CFG_PORT_DMA_LO, 4, __builtin_bswap32((uint32_t)desc));
}

uint32_t draw(const struct diff_case *c, struct target *t, uint64_t gpa,
	      uint32_t ctl, uint32_t len, uint64_t addr)
{
	uint8_t d[16];

	fw_cfg_put_dma_access(d, ctl, len, addr);
	t->ops->mem_wr(t, gpa, d, 16);
	dkick(c, t, gpa);
	t->ops->mem_rd(t, gpa, d, 4);
	return fw_cfg_get_be32(d);
}

