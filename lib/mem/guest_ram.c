/* guest_ram.c: the one checked gpa -> hva accessor. */
#include "mem/guest_ram.h"

#include <stddef.h>

void *guest_ram_ptr(const struct guest_ram *ram, uint64_t gpa, uint64_t len)
{
	for (unsigned i = 0; i < ram->n; i++) {
		const struct guest_ram_region *r = &ram->r[i];
		uint64_t off;

		if (gpa < r->gpa)
			continue;
		off = gpa - r->gpa;
		if (off >= r->size || len > r->size - off)
			continue;
		return r->host + off;
	}
	return NULL;
}
