/* dev_impl.h: the fw_cfg device's state, shared by its items, transports and DMA engine. */
#ifndef FW_CFG_DEV_IMPL_H
#define FW_CFG_DEV_IMPL_H

#include "fw_cfg/dev.h"

struct fw_cfg_item {
	const uint8_t *data; /* NULL when empty */
	uint8_t *owned;      /* == data when the device owns the bytes */
	uint32_t len;
	bool present; /* added (possibly empty), so the key is taken */
	bool writable;
	fw_cfg_dev_write_fn on_write;
	void *opaque;
};

struct fw_cfg_named {
	char name[FW_CFG_MAX_FILE_PATH];
	struct fw_cfg_item item;
};

struct fw_cfg_dev {
	/* Keys below FW_CFG_FILE_FIRST: [0] generic, [1] arch-local. */
	struct fw_cfg_item legacy[2][FW_CFG_FILE_FIRST];
	/* Named items in name order; files[i] has key FW_CFG_FILE_FIRST + i */
	struct fw_cfg_named *files;
	unsigned nfiles, slots;
	uint8_t *dir; /* the FILE_DIR item: 4 + 64 * slots bytes */
	uint8_t id[4];

	uint16_t cur_key; /* FW_CFG_INVALID: nothing valid selected */
	uint32_t cur_off;
	uint64_t dma_addr; /* the DMA address register */

	bool dma;
	fw_cfg_dev_map_fn map;
	void *map_opaque;
	fw_cfg_dev_copy_fn copy;
};

/* The item under key, or NULL for invalid and unpopulated keys alike. */
struct fw_cfg_item *fw_cfg_dev_item(struct fw_cfg_dev *d, uint16_t key);
/* The selected item when the cursor is inside it, else NULL. */
struct fw_cfg_item *fw_cfg_dev_cur(struct fw_cfg_dev *d);
/* A selector write: offset 0, key kept unless out of range. */
void fw_cfg_dev_select(struct fw_cfg_dev *d, uint16_t key);
/* Data-register reads: the next n bytes, zeros past the end. */
void fw_cfg_dev_data_read(struct fw_cfg_dev *d, uint8_t *buf, uint32_t n);

/* The DMA register: reads give "QEMU CFG", writes assemble and trigger. */
bool fw_cfg_dev_dma_reg_accepts(unsigned off, unsigned size, bool write);
void fw_cfg_dev_dma_reg_read(struct fw_cfg_dev *d, unsigned off, unsigned size,
			     uint8_t *buf);
void fw_cfg_dev_dma_reg_write(struct fw_cfg_dev *d, unsigned off,
			      unsigned size, const uint8_t *buf);

/*
 * A register window split into regions the way QEMU's memory core splits
 * an access: each piece no wider than the region allows and aligned to
 * its offset in the region; a piece the region refuses reads as 0 and
 * writes nowhere; bytes outside every region are unassigned.
 */
struct fw_cfg_region {
	uint8_t start, end; /* [start, end) in the window */
	uint8_t max_size;   /* widest access before splitting */
	bool (*accepts)(unsigned off, unsigned size, bool write);
	void (*read)(struct fw_cfg_dev *d, unsigned off, unsigned size,
		     uint8_t *buf);
	void (*write)(struct fw_cfg_dev *d, unsigned off, unsigned size,
		      const uint8_t *buf);
};

struct fw_cfg_window {
	const struct fw_cfg_region *regions; /* the DMA register last */
	unsigned nregions;
	uint8_t unassigned; /* what unassigned bytes read as */
};

/* Without DMA the last region (the DMA register) is unassigned space. */
void fw_cfg_dev_access(struct fw_cfg_dev *d, const struct fw_cfg_window *w,
		       uint64_t off, unsigned size, uint8_t *buf, bool write);

#endif
