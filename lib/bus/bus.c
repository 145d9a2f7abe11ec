/* bus.c: sorted range table: overlap-checked insert, binary search, dispatch.
 */
#include "bus/bus.h"

#include <errno.h>
#include <string.h>

void bus_init(struct bus *b)
{
	b->n = 0;
}

int bus_add(struct bus *b, uint64_t base, uint64_t len, bus_handler_fn *fn,
	    void *dev, const char *name)
{
	unsigned i;

	if (!len || base + len - 1 < base)
		return -EINVAL;
	for (i = 0; i < b->n && b->r[i].base < base; i++)
		;
	/* Distance from the previous base: its base + len may be 2^64. */
	if (i > 0 && base - b->r[i - 1].base < b->r[i - 1].len)
		return -EEXIST;
	if (i < b->n && b->r[i].base <= base + len - 1)
		return -EEXIST;
	if (b->n == BUS_MAX_RANGES)
		return -ENOSPC;
	memmove(&b->r[i + 1], &b->r[i], (b->n - i) * sizeof(b->r[0]));
	b->r[i] = (struct bus_range){ base, len, fn, dev, name };
	b->n++;
	return 0;
}

const struct bus_range *bus_find(const struct bus *b, uint64_t addr)
{
	unsigned lo = 0, hi = b->n;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		const struct bus_range *r = &b->r[mid];

		if (addr < r->base)
			hi = mid;
		else if (addr - r->base >= r->len)
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

bool bus_dispatch(const struct bus *b, struct bus_access *a)
{
	const struct bus_range *r = bus_find(b, a->addr);

	if (!r)
		return false;
	a->offset = a->addr - r->base;
	r->fn(r->dev, a);
	return true;
}
