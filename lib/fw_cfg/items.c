/* items.c: the fw_cfg item table: legacy keys, named items, the sorted directory, selection. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fw_cfg/bytes.h"
#include "fw_cfg/dev_impl.h"

/* Fill an item from the caller's bytes: a copy, or a borrowed pointer. */
static int fw_cfg_item_set(struct fw_cfg_item *it, const void *data,
			   size_t len, unsigned flags)
{
	if (flags & ~(FW_CFG_DEV_WRITABLE | FW_CFG_DEV_BORROW))
		return -EINVAL;
	if ((flags & FW_CFG_DEV_WRITABLE) && (flags & FW_CFG_DEV_BORROW))
		return -EINVAL;
	if (len > UINT32_MAX)
		return -EFBIG;
	if (len && !data)
		return -EINVAL;
	memset(it, 0, sizeof(*it));
	it->present = true;
	it->len = (uint32_t)len;
	it->writable = flags & FW_CFG_DEV_WRITABLE;
	if (!len)
		return 0;
	if (flags & FW_CFG_DEV_BORROW) {
		it->data = data;
		return 0;
	}
	it->owned = malloc(len);
	if (!it->owned)
		return -ENOMEM;
	memcpy(it->owned, data, len);
	it->data = it->owned;
	return 0;
}

/* Rewrite the directory from the sorted file list: BE fields, zero tail. */
static void fw_cfg_dir_build(struct fw_cfg_dev *d)
{
	uint8_t *p = d->dir + 4;
	unsigned i;

	memset(d->dir, 0, 4 + (size_t)sizeof(struct fw_cfg_file) * d->slots);
	fw_cfg_put_be32(d->dir, d->nfiles);
	for (i = 0; i < d->nfiles; i++, p += sizeof(struct fw_cfg_file)) {
		struct fw_cfg_file *f = (struct fw_cfg_file *)p;

		fw_cfg_put_be32(&f->size, d->files[i].item.len);
		fw_cfg_put_be16(&f->select, FW_CFG_FILE_FIRST + i);
		memcpy(f->name, d->files[i].name, sizeof(f->name));
	}
}

static void fw_cfg_builtin(struct fw_cfg_item *it, const uint8_t *data,
			   uint32_t len)
{
	it->data = data;
	it->len = len;
	it->present = true;
}

int fw_cfg_dev_create(struct fw_cfg_dev **out,
		      const struct fw_cfg_dev_config *cfg)
{
	unsigned slots = cfg->file_slots ? cfg->file_slots
					 : FW_CFG_FILE_SLOTS_DFLT;
	size_t dir_len = 4 + (size_t)sizeof(struct fw_cfg_file) * slots;
	struct fw_cfg_dev *d;

	*out = NULL;
	if (slots < FW_CFG_FILE_SLOTS_MIN || slots > FW_CFG_FILE_SLOTS_MAX)
		return -EINVAL;
	if (!cfg->no_dma && !cfg->map)
		return -EINVAL;
	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->files = calloc(slots, sizeof(*d->files));
	d->dir = malloc(dir_len);
	if (!d->files || !d->dir) {
		fw_cfg_dev_destroy(d);
		return -ENOMEM;
	}
	d->slots = slots;
	d->dma = !cfg->no_dma;
	d->map = cfg->map;
	d->map_opaque = cfg->map_opaque;
	d->copy = cfg->copy;
	fw_cfg_dir_build(d);

	/* Built-in items point at the device's own storage. */
	fw_cfg_put_le32(d->id, FW_CFG_VERSION |
				       (d->dma ? FW_CFG_VERSION_DMA : 0));
	fw_cfg_builtin(&d->legacy[0][FW_CFG_SIGNATURE],
		       (const uint8_t *)FW_CFG_SIG, FW_CFG_SIG_SIZE);
	fw_cfg_builtin(&d->legacy[0][FW_CFG_ID], d->id, sizeof(d->id));
	fw_cfg_builtin(&d->legacy[0][FW_CFG_FILE_DIR], d->dir,
		       (uint32_t)dir_len);

	fw_cfg_dev_reset(d);
	*out = d;
	return 0;
}

void fw_cfg_dev_destroy(struct fw_cfg_dev *d)
{
	unsigned i, t;

	if (!d)
		return;
	for (t = 0; t < 2; t++)
		for (i = 0; i < FW_CFG_FILE_FIRST; i++)
			free(d->legacy[t][i].owned);
	for (i = 0; i < d->nfiles; i++)
		free(d->files[i].item.owned);
	free(d->files);
	free(d->dir);
	free(d);
}

void fw_cfg_dev_reset(struct fw_cfg_dev *d)
{
	fw_cfg_dev_select(d, FW_CFG_SIGNATURE);
}

int fw_cfg_dev_add(struct fw_cfg_dev *d, uint16_t key, const void *data,
		   size_t len, unsigned flags)
{
	struct fw_cfg_item *it;

	if ((key & FW_CFG_WRITE_CHANNEL) ||
	    (key & FW_CFG_ENTRY_MASK) >= FW_CFG_FILE_FIRST)
		return -EINVAL;
	it = &d->legacy[!!(key & FW_CFG_ARCH_LOCAL)][key & FW_CFG_ENTRY_MASK];
	if (it->present)
		return -EEXIST;
	return fw_cfg_item_set(it, data, len, flags);
}

int fw_cfg_dev_add_u16(struct fw_cfg_dev *d, uint16_t key, uint16_t v)
{
	uint8_t b[2];

	fw_cfg_put_le16(b, v);
	return fw_cfg_dev_add(d, key, b, sizeof(b), 0);
}

int fw_cfg_dev_add_u32(struct fw_cfg_dev *d, uint16_t key, uint32_t v)
{
	uint8_t b[4];

	fw_cfg_put_le32(b, v);
	return fw_cfg_dev_add(d, key, b, sizeof(b), 0);
}

int fw_cfg_dev_add_u64(struct fw_cfg_dev *d, uint16_t key, uint64_t v)
{
	uint8_t b[8];

	fw_cfg_put_le64(b, v);
	return fw_cfg_dev_add(d, key, b, sizeof(b), 0);
}

/* Index of name in the sorted list, or where it would go (*found false). */
static unsigned fw_cfg_file_pos(const struct fw_cfg_dev *d, const char *name,
				bool *found)
{
	unsigned lo = 0, hi = d->nfiles;

	*found = false;
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		int c = strcmp(name, d->files[mid].name);

		if (!c) {
			*found = true;
			return mid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

int fw_cfg_dev_add_file(struct fw_cfg_dev *d, const char *name,
			const void *data, size_t len, unsigned flags)
{
	struct fw_cfg_item it;
	size_t nlen = name ? strlen(name) : 0;
	unsigned pos;
	bool found;
	int ret;

	if (!nlen)
		return -EINVAL;
	if (nlen >= FW_CFG_MAX_FILE_PATH)
		return -ENAMETOOLONG;
	pos = fw_cfg_file_pos(d, name, &found);
	if (found)
		return -EEXIST;
	if (d->nfiles == d->slots)
		return -ENOSPC;
	ret = fw_cfg_item_set(&it, data, len, flags);
	if (ret)
		return ret;
	/* Files after pos move up one key, as QEMU renumbers them. */
	memmove(&d->files[pos + 1], &d->files[pos],
		(d->nfiles - pos) * sizeof(*d->files));
	memset(&d->files[pos], 0, sizeof(d->files[pos]));
	memcpy(d->files[pos].name, name, nlen);
	d->files[pos].item = it;
	d->nfiles++;
	fw_cfg_dir_build(d);
	return 0;
}

/* The index of a named item, or -ENOENT. */
static int fw_cfg_file_index(const struct fw_cfg_dev *d, const char *name)
{
	bool found;
	unsigned pos = fw_cfg_file_pos(d, name, &found);

	return found ? (int)pos : -ENOENT;
}

int fw_cfg_dev_file_key(const struct fw_cfg_dev *d, const char *name)
{
	int i = fw_cfg_file_index(d, name);

	return i < 0 ? i : FW_CFG_FILE_FIRST + i;
}

const void *fw_cfg_dev_file_data(const struct fw_cfg_dev *d, const char *name,
				 uint32_t *len)
{
	int i = fw_cfg_file_index(d, name);

	if (i < 0)
		return NULL;
	if (len)
		*len = d->files[i].item.len;
	/* An empty item still exists: give a valid pointer. */
	return d->files[i].item.data ? (const void *)d->files[i].item.data
				     : (const void *)"";
}

int fw_cfg_dev_on_write(struct fw_cfg_dev *d, const char *name,
			fw_cfg_dev_write_fn fn, void *opaque)
{
	int i = fw_cfg_file_index(d, name);

	if (i < 0)
		return i;
	if (!d->files[i].item.writable)
		return -EPERM;
	d->files[i].item.on_write = fn;
	d->files[i].item.opaque = opaque;
	return 0;
}

unsigned fw_cfg_dev_file_count(const struct fw_cfg_dev *d)
{
	return d->nfiles;
}

struct fw_cfg_item *fw_cfg_dev_item(struct fw_cfg_dev *d, uint16_t key)
{
	unsigned idx = key & FW_CFG_ENTRY_MASK;

	if (key == FW_CFG_INVALID)
		return NULL;
	if (idx < FW_CFG_FILE_FIRST)
		return &d->legacy[!!(key & FW_CFG_ARCH_LOCAL)][idx];
	/* Files live in the generic table only; arch file slots are empty. */
	if (!(key & FW_CFG_ARCH_LOCAL) && idx - FW_CFG_FILE_FIRST < d->nfiles)
		return &d->files[idx - FW_CFG_FILE_FIRST].item;
	return NULL;
}

struct fw_cfg_item *fw_cfg_dev_cur(struct fw_cfg_dev *d)
{
	struct fw_cfg_item *it = fw_cfg_dev_item(d, d->cur_key);

	if (!it || !it->data || d->cur_off >= it->len)
		return NULL;
	return it;
}

void fw_cfg_dev_select(struct fw_cfg_dev *d, uint16_t key)
{
	/*
	 * QEMU keeps the key as written (bit 14 included: it is simply
	 * masked off on lookup) unless its index is beyond the last slot.
	 */
	d->cur_off = 0;
	if ((key & FW_CFG_ENTRY_MASK) >= FW_CFG_FILE_FIRST + d->slots)
		d->cur_key = FW_CFG_INVALID;
	else
		d->cur_key = key;
}

void fw_cfg_dev_data_read(struct fw_cfg_dev *d, uint8_t *buf, uint32_t n)
{
	struct fw_cfg_item *it = fw_cfg_dev_cur(d);
	uint32_t chunk = 0;

	if (it) {
		chunk = it->len - d->cur_off;
		if (chunk > n)
			chunk = n;
		memcpy(buf, it->data + d->cur_off, chunk);
		d->cur_off += chunk;
	}
	/* Past the end: zeros, and the cursor stays where it is. */
	memset(buf + chunk, 0, n - chunk);
}
