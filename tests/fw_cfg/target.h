/* target.h: one machine interface, served by QEMU over qtest or by jiffy's fw_cfg device over a fake RAM. */
#ifndef TESTS_FW_CFG_TARGET_H
#define TESTS_FW_CFG_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fw_cfg/client.h"
#include "fw_cfg/dev.h"

/*
 * The differential test drives both sides through the same calls: port
 * and MMIO accesses and guest-RAM reads and writes, exactly what qtest
 * offers on a stopped QEMU. Results are compared value by value.
 */
struct target {
	const char *name;
	const struct target_ops *ops;
	bool failed;     /* QEMU died or did not answer */
	char why[512];   /* what went wrong, for the TAP diagnostics */
};

struct target_ops {
	void (*out)(struct target *t, uint16_t port, unsigned size, uint32_t v);
	uint32_t (*in)(struct target *t, uint16_t port, unsigned size);
	/* n byte reads from one port (a `rep insb`). */
	void (*in_rep)(struct target *t, uint16_t port, uint8_t *buf, uint32_t n);
	void (*mmio_wr)(struct target *t, uint64_t addr, unsigned size,
			uint64_t v);
	uint64_t (*mmio_rd)(struct target *t, uint64_t addr, unsigned size);
	void (*mem_wr)(struct target *t, uint64_t gpa, const void *buf, size_t n);
	void (*mem_rd)(struct target *t, uint64_t gpa, void *buf, size_t n);
	void (*close)(struct target *t);
};

/* QEMU: argv without the program's fixed qtest options; NULL on failure
 * with why[] set in *err. */
struct target *qtest_start(const char *qemu, const char *const *args,
			   char *err, size_t errlen);

/* jiffy's device on the x86 ports, or at mmio_base if not 0, with RAM
 * at [ram_base, ram_base + ram_size) (reserved, touched lazily). */
struct target *devtarget_new(uint64_t ram_base, uint64_t ram_size,
			     uint64_t mmio_base, bool dma);
struct fw_cfg_dev *devtarget_dev(struct target *t);

/*
 * A fw_cfg client transport over a target: the client and its buffers
 * live in a host shadow of guest RAM at [gpa, gpa + size), copied in
 * before a DMA kick and back after it, so QEMU really performs the DMA
 * in its RAM. mmio_base 0: x86 ports.
 */
struct bridge {
	struct target *t;
	uint64_t mmio_base;
	bool dma_pairs; /* MMIO: trigger with two BE32 halves */
	uint8_t *shadow;
	uint64_t gpa, size, next;
};

extern const struct fw_cfg_client_ops bridge_ops;
void bridge_init(struct bridge *b, struct target *t, uint64_t mmio_base,
		 uint64_t gpa, uint64_t size);
void bridge_free(struct bridge *b);
void *bridge_alloc(struct bridge *b, uint64_t size);
void bridge_reset_alloc(struct bridge *b, void *mark);
uint64_t bridge_gpa(const struct bridge *b, const void *p);

#endif
