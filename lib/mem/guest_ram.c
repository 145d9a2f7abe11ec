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

void *guest_ram_run(const struct guest_ram *ram, uint64_t gpa, uint64_t len,
		    uint64_t *run)
{
	uint64_t gap = len; /* bytes before the nearest region above gpa */

	for (unsigned i = 0; i < ram->n; i++) {
		const struct guest_ram_region *r = &ram->r[i];
		uint64_t off = gpa - r->gpa;

		if (gpa >= r->gpa && off < r->size) {
			*run = r->size - off < len ? r->size - off : len;
			return r->host + off;
		}
		if (r->gpa > gpa && r->gpa - gpa < gap)
			gap = r->gpa - gpa;
	}
	*run = gap;
	return NULL;
}
