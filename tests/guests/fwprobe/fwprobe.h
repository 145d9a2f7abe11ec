/* fwprobe.h: the fw_cfg probe guest: its state, its output, its steps. */
#ifndef FWPROBE_H
#define FWPROBE_H

#include <stdbool.h>
#include <stdint.h>

#include "fw_cfg/client.h"

/*
 * The probe reads everything fw_cfg offers and tries its corner cases,
 * printing one "TAG: VALUE" line per finding. Every TAG is unique in a
 * run, so two runs (under QEMU and under jiffy) compare line by line
 * after a join on TAG: tests/e2e/fwprobe.sh. Items are read whole, by
 * byte I/O and again by DMA; what is printed is their jsum32 samples
 * (abi/checksum.h: first and last 4 KiB), since instructions are
 * emulated where the probe runs.
 */

/* Whole items land here: RAM from 16 MiB up, clear of the initrd. */
#define FWPROBE_SCRATCH_BASE 0x1000000u

/* The DMA control bits, as the edge cases spell them. */
#define SEL(k)	  (FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_KEY(k))
#define DMA_READ  FW_CFG_DMA_CTL_READ
#define DMA_WRITE FW_CFG_DMA_CTL_WRITE
#define DMA_SKIP  FW_CFG_DMA_CTL_SKIP

#define FWPROBE_MAX_FILES 256

struct fwprobe {
	struct fw_cfg_client *c;
	uint8_t *scratch;
	uint32_t scratch_size;
	/* End of the RAM that starts at 0, from fw_cfg's etc/e820 (what the
	 * machine has, not what firmware left free); 0 if unknown. */
	uint64_t ram_end;
	unsigned nfiles;
	struct fw_cfg_client_file files[FWPROBE_MAX_FILES];
};

/* fwprobe_items.c: the legacy keys, the directory and every file. */
void fwprobe_legacy(struct fwprobe *p);
void fwprobe_directory(struct fwprobe *p);
void fwprobe_files(struct fwprobe *p);
const struct fw_cfg_client_file *fwprobe_find(const struct fwprobe *p,
					      const char *name);
/* "TAG: [prefix ]size N io FIRST LAST dma FIRST LAST": key read whole by
 * byte I/O and by DMA, size bytes. */
void fwprobe_item(struct fwprobe *p, const char *tag, const char *prefix,
		  uint16_t key, uint32_t size);

/* fwprobe_edges.c: the corner cases of fw_cfg.md §5 and §7. */
void fwprobe_edges(struct fwprobe *p);

/* fwprobe_bench.c: jt.bench=1: time whole-item transfers, then PASS. */
__attribute__((noreturn)) void fwprobe_bench(struct fwprobe *p);

/* fwprobe_util.c */
/* A DMA transfer through a descriptor at desc (a physical address; only
 * its bytes that are RAM hold anything); returns the stored status. */
uint32_t fwprobe_dma_at(uint32_t desc, uint32_t ctl, uint32_t len,
			uint64_t addr);
/* n bytes as lower-case hex, no separators, into out (2n + 1 bytes). */
void fwprobe_hex(const void *p, unsigned n, char *out);
/* jsum32 of the first and last 4 KiB of [p, p + n). */
void fwprobe_sums(const uint8_t *p, uint32_t n, uint32_t sum[2]);
void fwprobe_select(uint16_t key);
void fwprobe_io_read(void *buf, uint32_t n);

#endif
