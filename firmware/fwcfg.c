/* fwcfg.c: the firmware's use of fw_cfg: probe, directory, items into memory. */
#include <errno.h>
#include <string.h>

#include "fw.h"
#include "fw_cfg/bytes.h"

/*
 * Every item read is one DMA transfer, one exit to the VMM. The firmware
 * drives DMA itself (fw_dma, fw_item_read in fw.h): its transport is
 * fixed (x86 ports, memory identity-mapped, the descriptor at a constant
 * address), so a transfer is a few stores, a port write and a load, where
 * lib/fw_cfg's general client (a transport table, address translation,
 * 64-bit descriptor fields) spends about 70 emulated instructions on
 * each. The client stays for what is rare: a device without DMA (QEMU
 * machine types before 2.5, byte by byte), reads at an offset and writes. The
 * directory is read once, whole, in one transfer: the device pads what is past
 * its end with zeros.
 */
static const char e820_name[FW_CFG_MAX_FILE_PATH] = "etc/e820";
static const char loader_name[FW_CFG_MAX_FILE_PATH] = TABLE_LOADER_FILE;

/* "QEMU", the first half of the DMA register's signature, as inl reads it. */
#define FW_CFG_DMA_SIG_INL \
	__builtin_bswap32((uint32_t)(FW_CFG_DMA_SIGNATURE >> 32))

/* "QEMU", the signature item, as a little-endian word. */
#define FW_CFG_SIG_LE32 0x554d4551u

/* QEMU completes DMA before the port write returns; this only bounds a
 * broken device's hold on the firmware. */
#define FW_DMA_POLLS 1000000u

/* A transfer the device did not finish at once: wait, then say how it
 * ended (0, -EIO for a DMA error, -EBUSY if it never completes). */
int fw_dma_wait(struct fw_state *st)
{
	uint32_t ctl;

	for (uint32_t polls = 0; polls < FW_DMA_POLLS; polls++) {
		fw_barrier();
		ctl = fw_cfg_get_be32(&st->desc.control);
		if (!(ctl & ~(uint32_t)FW_CFG_DMA_CTL_ERROR))
			return ctl ? -EIO : 0;
	}
	return -EBUSY;
}

void fw_cfg_start(struct fw_state *st)
{
	typedef uint32_t __attribute__((aligned(1), may_alias)) word;
	uint32_t n;

	/* The DMA register reads "QEMU CFG" (docs: fw_cfg.md §2): one exit
	 * says DMA is likely there; the signature item and the ID's DMA bit,
	 * which is what every firmware goes by, are then read by DMA, one
	 * exit each. Otherwise the classic probe (signature and ID by byte
	 * I/O) through lib/fw_cfg's client. */
	fw_cfg_client_init(&st->cfg, FW_TRANSPORT, FW_TRANSPORT_CTX);
	st->dma = fw_inl(FW_CFG_PORT_DMA_HI) == FW_CFG_DMA_SIG_INL;
	st->desc.address = 0; /* fw_dma writes only its low half */
	if (st->dma) {
		uint32_t sig = fw_item_u32(st, FW_CFG_SIGNATURE);
		uint32_t id = fw_item_u32(st, FW_CFG_ID);

		st->dma = sig == FW_CFG_SIG_LE32 && (id & FW_CFG_VERSION_DMA);
		if (st->dma) /* its rare reads and writes go the same way */
			fw_cfg_client_set_id(&st->cfg, id);
	}
	if (!st->dma && fw_cfg_client_probe(&st->cfg))
		fw_panic(
			"no fw_cfg device: port 0x%x does not answer with the \"QEMU\" signature, so there is no kernel to boot",
			FW_CFG_PORT_SEL);
	fw_item_read(st, FW_CFG_FILE_DIR, 0, &st->dir, sizeof(st->dir),
		     "the file directory");
	n = fw_cfg_get_be32(&st->dir.count);
	st->nfiles = n < FW_DIR_MAX ? n : FW_DIR_MAX;
	/* The two files every boot looks at, found in one pass: two word
	 * compares pass over any other name; "etc/e820" is those 8 bytes
	 * and a NUL. */
	_Static_assert(sizeof("etc/e820") == 9, "etc/e820 is two words long");
	st->e820_file = st->loader_file = NULL;
	for (unsigned i = 0; i < st->nfiles; i++) {
		const struct fw_cfg_file *f = &st->dir.f[i];

		const word *w = (const word *)f->name;

		if (w[0] != *(const word *)e820_name)
			continue;
		if (w[1] == ((const word *)e820_name)[1] && !f->name[8])
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

/* Rare (an offset, or no DMA): lib/fw_cfg's client, which knows the device
 * as fw_cfg_start found it. */
void fw_item_read_other(struct fw_state *st, uint16_t key, uint32_t off,
			void *buf, uint32_t len, const char *what)
{
	int ret = fw_cfg_client_read(&st->cfg, key, off, buf, len);

	if (ret)
		fw_item_failed(key, buf, len, what, ret);
}

void fw_item_failed(uint16_t key, const void *buf, uint32_t len,
		    const char *what, int ret)
{
	fw_panic("fw_cfg: reading %s (key 0x%x, %u bytes to 0x%x) failed: %s",
		 what, key, len, FW_ADDR(buf),
		 ret == -EIO ? "the device reported a DMA error (not RAM?)"
			     : "the DMA transfer never completed");
}

void fw_zero(struct fw_state *st, void *buf, uint32_t len)
{
	/* An empty key reads as zeros for as long as asked (QEMU fills
	 * them in on the host side); without DMA, a plain memset. */
	if (st->dma)
		fw_item_read(st, FW_CFG_INVALID, 0, buf, len, "zeros");
	else
		memset(buf, 0, len);
}
