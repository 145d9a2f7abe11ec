/* client.h: the guest-side fw_cfg driver over a transport table (ports, MMIO, direct calls). */
#ifndef FW_CFG_CLIENT_H
#define FW_CFG_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/fw_cfg.h"

/*
 * Builds hosted (unit tests, the differential test against QEMU) and
 * freestanding (firmware, test guests: only <string.h>-level functions).
 * It reads by DMA when the device offers it and the buffer is reachable
 * by DMA, by byte I/O otherwise; writes need DMA (data-register writes
 * have been ignored since QEMU 2.4).
 */
struct fw_cfg_client_ops {
	/* Write key to the selector register. */
	void (*select)(void *ctx, uint16_t key);
	/* Read n bytes from the data register (`rep insb` on x86). */
	void (*read)(void *ctx, void *buf, uint32_t n);
	/* Write a descriptor's guest-physical address to the DMA register,
	 * which starts the transfer. NULL: no DMA register. */
	void (*dma)(void *ctx, uint64_t desc_gpa);
	/* The guest-physical address of [p, p + len) if the device can DMA
	 * there as one range, else false (byte I/O is used instead). */
	bool (*virt_to_phys)(void *ctx, const void *p, uint32_t len,
			     uint64_t *gpa);
	/* Every pointer is its own guest-physical address and in the
	 * device's reach (guest code with paging off or identity-mapped):
	 * virt_to_phys is not asked, a call less per transfer. */
	bool identity;
};

struct fw_cfg_client {
	const struct fw_cfg_client_ops *ops;
	void *ctx;
	uint32_t id;  /* FW_CFG_ID, after probe */
	bool dma_ok;  /* the device and the transport can DMA */
	bool use_dma; /* prefer DMA (the default when possible) */
	uint64_t desc_pa; /* where desc is, for the device (after probe) */
	/* The DMA descriptor lives here: put the client where the device
	 * can reach it (guest RAM; below 4 GiB costs one port write less),
	 * and do not move it after probing. */
	struct fw_cfg_dma_access desc __attribute__((aligned(16)));
};

/* A directory entry, decoded. */
struct fw_cfg_client_file {
	uint32_t size;
	uint16_t key;
	char name[FW_CFG_MAX_FILE_PATH];
};

void fw_cfg_client_init(struct fw_cfg_client *c,
			const struct fw_cfg_client_ops *ops, void *ctx);

/*
 * Find the device: the signature first ("QEMU" from key 0, else
 * -ENODEV), then the ID, whose bit 1 enables DMA if the transport has a
 * DMA register and the descriptor is reachable.
 */
int fw_cfg_client_probe(struct fw_cfg_client *c);
/* The probe's second half, for a caller that found the device and read
 * its ID some other way: DMA as the ID and the transport allow. */
void fw_cfg_client_set_id(struct fw_cfg_client *c, uint32_t id);
bool fw_cfg_client_has_dma(const struct fw_cfg_client *c);
/* Turn DMA use off (byte I/O only) or back on when available. */
void fw_cfg_client_use_dma(struct fw_cfg_client *c, bool on);

/*
 * Read len bytes of key from offset off. Past the end of the item the
 * device gives zeros. -EIO when the device reports a DMA error, -EBUSY
 * when a DMA transfer never completes.
 */
int fw_cfg_client_read(struct fw_cfg_client *c, uint16_t key, uint32_t off,
		       void *buf, uint32_t len);
/*
 * Write len bytes at off into a writable item: DMA only. -EOPNOTSUPP
 * without DMA, -EFAULT if buf is out of the device's reach, -EIO when the
 * device refuses (read-only item, write past the end).
 */
int fw_cfg_client_write(struct fw_cfg_client *c, uint16_t key, uint32_t off,
			const void *buf, uint32_t len);

/* Streaming at the cursor the last select left (shared by DMA and I/O). */
void fw_cfg_client_select(struct fw_cfg_client *c, uint16_t key);
int fw_cfg_client_read_cur(struct fw_cfg_client *c, void *buf, uint32_t len);
int fw_cfg_client_skip_cur(struct fw_cfg_client *c, uint32_t len);

/* Little-endian integer items (absent keys read as 0). */
uint16_t fw_cfg_client_get_u16(struct fw_cfg_client *c, uint16_t key);
uint32_t fw_cfg_client_get_u32(struct fw_cfg_client *c, uint16_t key);
uint64_t fw_cfg_client_get_u64(struct fw_cfg_client *c, uint16_t key);

/*
 * Walk the directory: dir_first selects it and returns the entry count,
 * each dir_next decodes the following entry. No other access may come
 * in between (they share the cursor).
 */
int fw_cfg_client_dir_first(struct fw_cfg_client *c, uint32_t *count);
int fw_cfg_client_dir_next(struct fw_cfg_client *c,
			   struct fw_cfg_client_file *f);
/* Look a name up in the directory: 0 and *f, or -ENOENT. */
int fw_cfg_client_find(struct fw_cfg_client *c, const char *name,
		       struct fw_cfg_client_file *f);
/*
 * Read the named item into buf (at most cap bytes; *size gets its full
 * size, which may be larger). -ENOENT if there is no such name.
 */
int fw_cfg_client_read_file(struct fw_cfg_client *c, const char *name,
			    void *buf, uint32_t cap, uint32_t *size);

/*
 * x86 port I/O for guests (client_pio_guest.c, freestanding builds only):
 * outw to 0x510, `rep insb` from 0x511, DMA by outl to 0x518 (and 0x514
 * for descriptors above 4 GiB); addresses are identity-mapped.
 */
extern const struct fw_cfg_client_ops fw_cfg_client_pio_ops;

#endif
