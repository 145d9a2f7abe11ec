/* fwcfg.c: the firmware's use of fw_cfg: probe, directory, items into memory. */
#include <errno.h>
#include <string.h>

#include "fw.h"
#include "fw_cfg/bytes.h"

/*
 * Every item read is one DMA transfer (one exit to the VMM) through
 * lib/fw_cfg's client, or byte I/O when the device has no DMA. The
 * directory is read once, whole, in one transfer: the device pads what
 * is past its end with zeros.
 */
static const char e820_name[FW_CFG_MAX_FILE_PATH] = "etc/e820";
static const char loader_name[FW_CFG_MAX_FILE_PATH] = TABLE_LOADER_FILE;

void fw_cfg_start(struct fw_state *st)
{
	typedef uint32_t __attribute__((aligned(1), may_alias)) word;
	uint32_t n;

	fw_cfg_client_init(&st->cfg, FW_TRANSPORT, FW_TRANSPORT_CTX);
	if (fw_cfg_client_probe(&st->cfg))
		fw_panic("no fw_cfg device: port 0x%x does not answer with the \"QEMU\" signature, so there is no kernel to boot",
			 FW_CFG_PORT_SEL);
	fw_item_read(st, FW_CFG_FILE_DIR, 0, &st->dir, sizeof(st->dir),
		     "the file directory");
	n = fw_cfg_get_be32(&st->dir.count);
	st->nfiles = n < FW_DIR_MAX ? n : FW_DIR_MAX;
	/* The two files every boot looks at, found in one pass: two word
	 * compares pass over any other name. */
	st->e820_file = st->loader_file = NULL;
	for (unsigned i = 0; i < st->nfiles; i++) {
		const struct fw_cfg_file *f = &st->dir.f[i];

		const word *w = (const word *)f->name;

		if (w[0] != *(const word *)e820_name)
			continue;
		if (w[1] == ((const word *)e820_name)[1] &&
		    fw_name_eq(e820_name, f->name))
			st->e820_file = f;
		else if (w[1] == ((const word *)loader_name)[1] &&
			 fw_name_eq(loader_name, f->name))
			st->loader_file = f;
	}
}

/*
 * fw_cfg and the table loader keep names in 56-byte fields, NUL-padded;
 * names we look for are such fields too (FW_NAME). Compare a word at a
 * time up to the first NUL of a: about a third of the instructions of
 * strncmp, and lookups run dozens of times with ACPI.
 */
bool fw_name_eq(const char *a, const char *b)
{
	typedef uint32_t __attribute__((aligned(1), may_alias)) word;
	const word *x = (const word *)a, *y = (const word *)b;

	for (unsigned i = 0; i < FW_CFG_MAX_FILE_PATH / 4; i++) {
		uint32_t nul = (x[i] - 0x01010101u) & ~x[i] & 0x80808080u;

		if (nul) {
			/* The lowest flag is exact: keep bytes up to it. */
			uint32_t keep = ((nul & -nul) << 1) - 1;

			return !((x[i] ^ y[i]) & keep);
		}
		if (x[i] != y[i])
			return false;
	}
	return true;
}

const struct fw_cfg_file *fw_file_find(struct fw_state *st, const char *name)
{
	for (unsigned i = 0; i < st->nfiles; i++)
		if (fw_name_eq(name, st->dir.f[i].name))
			return &st->dir.f[i];
	return NULL;
}

uint32_t fw_file_size(const struct fw_cfg_file *f)
{
	return fw_cfg_get_be32(&f->size);
}

uint16_t fw_file_key(const struct fw_cfg_file *f)
{
	return fw_cfg_get_be16(&f->select);
}

uint32_t fw_item_u32(struct fw_state *st, uint16_t key)
{
	return fw_cfg_client_get_u32(&st->cfg, key);
}

void fw_item_read(struct fw_state *st, uint16_t key, uint32_t off, void *buf,
		  uint32_t len, const char *what)
{
	int ret = fw_cfg_client_read(&st->cfg, key, off, buf, len);

	if (ret)
		fw_panic("fw_cfg: reading %s (key 0x%x, %u bytes to 0x%x) failed: %s",
			 what, key, len, FW_ADDR(buf),
			 ret == -EIO ? "the device reported a DMA error (not RAM?)"
				     : "the DMA transfer never completed");
}

void fw_zero(struct fw_state *st, void *buf, uint32_t len)
{
	/* An empty key reads as zeros for as long as asked (QEMU fills
	 * them in on the host side); without DMA, a plain memset. */
	if (fw_cfg_client_has_dma(&st->cfg))
		fw_item_read(st, FW_CFG_INVALID, 0, buf, len, "zeros");
	else
		memset(buf, 0, len);
}
