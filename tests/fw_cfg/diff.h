/* diff.h: shared pieces of the fw_cfg differential test (jiffy's device vs QEMU 7.2 over qtest). */
#ifndef TESTS_FW_CFG_DIFF_H
#define TESTS_FW_CFG_DIFF_H

#include <stdbool.h>
#include <stdint.h>

#include "target.h"

/* One machine configuration, run on both sides. */
struct diff_case {
	const char *name;
	bool mmio;             /* ARM virt MMIO, else x86 ports */
	uint64_t mmio_base;
	uint64_t ram_base, ram_end; /* the RAM the edge cases use */
	uint64_t work;         /* RAM for raw descriptors and buffers */
	uint64_t unassigned;   /* an address that is not RAM */
	uint64_t shadow;       /* RAM mirrored by the client bridge */
	bool dma;
	bool vmcoreinfo;       /* etc/vmcoreinfo (writable) on both sides */
	bool legacy_keys;      /* compare keys 0x00-0x1f and 0x8000-0x801f */
	/* Files only QEMU has, every one listed (NULL-terminated). */
	const char *const *qemu_only;
	/* Legacy keys whose contents legitimately differ (0-terminated). */
	const uint16_t *keys_differ;
	struct target *q, *j;
};

/* A transcript of what one side answered, to compare step by step. */
#define REC_MAX 8192
struct rec {
	unsigned n;
	uint64_t v[REC_MAX];
	const char *what[REC_MAX];
};

void rec_put(struct rec *r, const char *what, uint64_t v);
void rec_bytes(struct rec *r, const char *what, const uint8_t *p, unsigned n);

/* TAP */
void tap_ok(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tap_done(void); /* the plan, at the end */
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tap_skip(const char *why, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Both sides still answering? If QEMU is not, say why. */
bool sides_alive(const struct diff_case *c);
/* Compare two transcripts; one TAP line named name. */
void rec_compare(const struct diff_case *c, const struct rec *q,
		 const struct rec *j, const char *name);

/* Register-level helpers working on either transport. */
void dsel(const struct diff_case *c, struct target *t, uint16_t key);
uint8_t ddata(const struct diff_case *c, struct target *t);
void dkick(const struct diff_case *c, struct target *t, uint64_t desc);
/* Write a descriptor at gpa, trigger, return the stored control word. */
uint32_t draw(const struct diff_case *c, struct target *t, uint64_t gpa,
	      uint32_t ctl, uint32_t len, uint64_t addr);

/* The checks (diff_checks.c, diff_edges.c). */
void check_power_on(struct diff_case *c);
void check_probe(struct diff_case *c);
void check_registers(struct diff_case *c);
void check_directory(struct diff_case *c);
void check_files(struct diff_case *c);
void check_legacy_keys(struct diff_case *c);
void check_edges(struct diff_case *c);

#endif
