/* aml.h: a small ACPI Machine Language encoder for static device trees. */
#ifndef PLATFORM_AML_H
#define PLATFORM_AML_H

#include <stddef.h>
#include <stdint.h>

/*
 * Enough AML to describe fixed devices: scopes, devices, named integers,
 * strings, EISA ids, packages of integers, raw buffers and resource
 * templates with I/O port and IRQ descriptors. No methods: every object is
 * data, so the OS's interpreter runs no code of ours.
 *
 * Usage: aml_init() a writer over a buffer, then emit terms in order.
 * Terms that contain others are opened with aml_*_begin(), which returns a
 * mark, and closed with the matching end call; the encoder then inserts
 * the length prefix AML puts in front of their contents (PkgLength, whose
 * own size depends on the length).
 *
 * Errors are sticky: the first bad name or overflow is kept in ->err and
 * later calls only count bytes. A writer over a NULL buffer of size 0
 * measures: ->len is the exact size the same calls would write.
 */
struct aml {
	uint8_t *buf;
	size_t size; /* of buf */
	size_t len;  /* bytes emitted (or that would have been) */
	int err;     /* 0, -ENOSPC (buf too small), -EINVAL (bad argument) */
};

void aml_init(struct aml *a, void *buf, size_t size);

/*
 * Names: a path of segments separated by dots, each 1-4 characters from
 * A-Z, 0-9 and '_' (not starting with a digit; short ones are padded with
 * '_'), optionally after a leading '\' (root) or '^'s (parent scopes):
 * "_HID", "\_SB", "\_SB.COM1", "^FOO".
 */

/* Scope (name) { ... } and Device (name) { ... }. */
size_t aml_scope_begin(struct aml *a, const char *name);
size_t aml_device_begin(struct aml *a, const char *name);
/* Close a scope, device or package opened at @mark. */
void aml_end(struct aml *a, size_t mark);

/* Name (name, <the data object emitted next>). */
void aml_name(struct aml *a, const char *name);

/* Data objects. */
void aml_integer(struct aml *a, uint64_t value); /* shortest encoding */
void aml_string(struct aml *a, const char *s);	 /* printable ASCII */
/* EisaId ("PNP0501"): three letters A-Z, four hex digits; a DWord. */
void aml_eisa_id(struct aml *a, const char *id);
void aml_buffer(struct aml *a, const void *data, size_t len);
/* Package (count) { ... }: emit @count data objects, then aml_end(). */
size_t aml_package_begin(struct aml *a, uint8_t count);

/*
 * ResourceTemplate () { ... }: a buffer of resource descriptors closed by
 * aml_resources_end(), which adds the end tag.
 */
size_t aml_resources_begin(struct aml *a);
void aml_resources_end(struct aml *a, size_t mark);
/* IO (Decode16, min, max, align, length). */
void aml_io(struct aml *a, uint16_t min, uint16_t max, uint8_t align,
	    uint8_t length);
/* IRQNoFlags () {irq}: an ISA interrupt, edge-triggered, active high. */
void aml_irq(struct aml *a, unsigned int irq);

#endif
