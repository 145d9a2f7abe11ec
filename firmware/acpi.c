/* acpi.c: ACPI: QEMU's table loader (etc/table-loader), or the RSDP of tables already in memory. */
#include <string.h>

#include "abi/acpi.h"
#include "fw.h"

/*
 * QEMU (pc, q35) builds the ACPI tables itself and leaves their placement
 * to the firmware: allocate each file in a zone, add the final address
 * of one file to a pointer inside another, recompute checksums, and write
 * some addresses back to QEMU. The high zone grows down from the top of
 * low RAM, in the room QEMU keeps free there (it puts the initrd below
 * it); the F-segment zone, where a legacy RSDP scan looks, is the EBDA.
 */

/*
 * Most commands name the file the one before did (QEMU's script patches
 * etc/acpi/tables over and over): look there first.
 */
static struct fw_acpi_file *placed(struct fw_state *st, const char *name)
{
	unsigned n = st->acpi.n, last = st->acpi.last;

	for (unsigned k = 0; k < n; k++) {
		unsigned i = last + k < n ? last + k : last + k - n;

		if (fw_name_eq(name, st->acpi.f[i].name)) {
			st->acpi.last = i;
			return &st->acpi.f[i];
		}
	}
	fw_panic("ACPI table loader: %.56s is used before it is allocated",
		 name);
}

static void allocate(struct fw_state *st, const struct table_loader_cmd *c)
{
	const struct fw_cfg_file *f = fw_file_find(st, c->alloc.file);
	uint32_t align = c->alloc.align < 16 ? 16 : c->alloc.align;
	uint32_t size, addr;
	struct fw_acpi_file *a;

	if (!f)
		fw_panic("ACPI table loader: no fw_cfg file %.56s",
			 c->alloc.file);
	if (align & (align - 1))
		fw_panic("ACPI table loader: %.56s: alignment %u is not a power of two",
			 c->alloc.file, c->alloc.align);
	if (st->acpi.n == FW_ACPI_FILES)
		fw_panic("ACPI table loader: more than %u files",
			 FW_ACPI_FILES);
	size = fw_file_size(f);
	if (c->alloc.zone == TABLE_LOADER_ZONE_FSEG) {
		addr = (st->acpi.fseg + align - 1) & ~(align - 1);
		if (addr + size > FW_EBDA_TABLES_END || addr + size < addr)
			fw_panic("ACPI table loader: %.56s (%u bytes) does not fit in the EBDA",
				 c->alloc.file, size);
		st->acpi.fseg = addr + size;
	} else {
		addr = (st->acpi.high - size) & ~(align - 1);
		if (size > st->acpi.high || addr < FW_HIMEM)
			fw_panic("ACPI table loader: %.56s (%u bytes) does not fit in RAM",
				 c->alloc.file, size);
		st->acpi.high = addr;
	}
	a = &st->acpi.f[st->acpi.n++];
	*a = (struct fw_acpi_file){ f->name, addr, size };
	fw_item_read(st, fw_file_key(f), 0, FW_PHYS(addr), size,
		     "an ACPI table file");
	if (size >= 8 && !memcmp(FW_PHYS(addr), "RSD PTR ", 8))
		st->acpi.rsdp = addr;
}

static void add_pointer(struct fw_state *st, const struct table_loader_cmd *c)
{
	struct fw_acpi_file *dst = placed(st, c->pointer.dest_file);
	struct fw_acpi_file *src = placed(st, c->pointer.src_file);
	unsigned size = c->pointer.size;
	uint64_t v = 0;
	uint8_t *p;

	if ((size != 1 && size != 2 && size != 4 && size != 8) ||
	    c->pointer.offset > dst->size || size > dst->size - c->pointer.offset)
		fw_panic("ACPI table loader: bad pointer (%u bytes at %u) in %.56s",
			 size, c->pointer.offset, c->pointer.dest_file);
	/* Little-endian, any alignment, as wide as the field says. */
	p = (uint8_t *)FW_PHYS(dst->addr) + c->pointer.offset;
	memcpy(&v, p, size);
	v += src->addr;
	memcpy(p, &v, size);
}

static void add_checksum(struct fw_state *st, const struct table_loader_cmd *c)
{
	struct fw_acpi_file *f = placed(st, c->cksum.file);
	uint8_t *p = FW_PHYS(f->addr);

	if (c->cksum.offset >= f->size || c->cksum.start > f->size ||
	    c->cksum.length > f->size - c->cksum.start)
		fw_panic("ACPI table loader: bad checksum range in %.56s",
			 c->cksum.file);
	/* The field is part of the range: subtract the sum to make it 0. */
	p[c->cksum.offset] -= fw_sum8(p + c->cksum.start, c->cksum.length);
}

static void write_pointer(struct fw_state *st,
			  const struct table_loader_cmd *c)
{
	const struct fw_cfg_file *dst =
		fw_file_find(st, c->wr_pointer.dest_file);
	struct fw_acpi_file *src = placed(st, c->wr_pointer.src_file);
	unsigned size = c->wr_pointer.size;
	/* DMA reads it: in the firmware's state, which is guest RAM. */
	uint64_t *v = &st->acpi.value;

	if (!dst || (size != 1 && size != 2 && size != 4 && size != 8))
		fw_panic("ACPI table loader: bad write pointer to %.56s",
			 c->wr_pointer.dest_file);
	/* Only DMA can write to fw_cfg; without it QEMU never asks. */
	*v = (uint64_t)src->addr + c->wr_pointer.src_offset;
	if (fw_cfg_client_write(&st->cfg, fw_file_key(dst),
				c->wr_pointer.dst_offset, v, size))
		fw_panic("ACPI table loader: QEMU refused the address of %.56s in %.56s",
			 c->wr_pointer.src_file, c->wr_pointer.dest_file);
}

static void run(struct fw_state *st, const struct table_loader_cmd *c)
{
	switch (c->command) {
	case TABLE_LOADER_ALLOCATE:
		allocate(st, c);
		break;
	case TABLE_LOADER_ADD_POINTER:
		add_pointer(st, c);
		break;
	case TABLE_LOADER_ADD_CHECKSUM:
		add_checksum(st, c);
		break;
	case TABLE_LOADER_WRITE_POINTER:
		write_pointer(st, c);
		break;
	default:
		/* Padding (0), or a command newer than us: skip it. */
		break;
	}
}

/*
 * Without a table loader, the tables are in memory already if there are
 * any: jiffy --firmware puts them at 0xe0000 as for a direct boot, since
 * the host builds them at full speed where placing, patching and summing
 * them here costs thousands of emulated instructions. Looked for as an
 * OS does, "RSD PTR " on a 16-byte boundary whose first 20 bytes sum to
 * 0, in the EBDA's first KiB, then in the first KiB at 0xe0000, where
 * jiffy puts it (found at the first look). Not further: each word looked
 * at costs about what an instruction does here, so the whole 64 KiB below
 * this ROM would cost a machine without tables (QEMU with acpi=off) about
 * 5.5 ms, and for nothing: an RSDP elsewhere in the BIOS area is still
 * found by the kernel's own scan, which Linux makes when it is handed
 * none (rsdp_paddr, acpi_rsdp_addr 0).
 */
#define RSDP_LOOK 1024
#define LE32(s)                                                       \
	((uint32_t)(uint8_t)(s)[0] | (uint32_t)(uint8_t)(s)[1] << 8 | \
	 (uint32_t)(uint8_t)(s)[2] << 16 | (uint32_t)(uint8_t)(s)[3] << 24)
#define RSDP_SIG0 LE32(ACPI_RSDP_SIGNATURE)	/* "RSD " */
#define RSDP_SIG1 LE32(ACPI_RSDP_SIGNATURE + 4) /* "PTR " */

/* fw_sum8 of an RSDP's first 20 bytes, as five words unrolled. */
static uint8_t sum20(const uint32_t *w)
{
	uint32_t all = w[0] + w[1] + w[2] + w[3] + w[4];
	uint32_t odd = (w[0] & 0xff00ff00u) + (w[1] & 0xff00ff00u) +
		       (w[2] & 0xff00ff00u) + (w[3] & 0xff00ff00u) +
		       (w[4] & 0xff00ff00u);
	uint32_t even = all - odd;

	return (uint8_t)(even + (even >> 16) + (odd >> 8) + (odd >> 24));
}

static uint32_t rsdp_in(uint32_t addr, uint32_t end)
{
	const uint32_t *p = FW_PHYS(addr), *stop = FW_PHYS(end);

	while ((p = fw_find_u32(p, (uint32_t)(stop - p), RSDP_SIG0))) {
		if (!(FW_ADDR(p) & 15) && p[1] == RSDP_SIG1 && !sum20(p))
			return FW_ADDR(p);
		p++;
	}
	return 0;
}

static uint32_t rsdp_scan(void)
{
	const uint16_t *seg = FW_PHYS(FW_BDA_EBDA_SEG);
	uint32_t ebda, rsdp = 0;

	/* A real address, not an offset from NULL (to the compiler). */
	__asm__("" : "+r"(seg));
	/* Where a BIOS has put it (Linux's bounds). */
	ebda = (uint32_t)*seg << 4;
	if (ebda > 0x400 && ebda < FW_EBDA_END)
		rsdp = rsdp_in(ebda, ebda + RSDP_LOOK);
	return rsdp ? rsdp : rsdp_in(FW_BIOS_AREA, FW_BIOS_AREA + RSDP_LOOK);
}

void fw_acpi_load(struct fw_state *st)
{
	const struct fw_cfg_file *f = st->loader_file;
	uint32_t size, off, n;
	uint16_t key;

	st->acpi.high = (uint32_t)st->low_top;
	if (!f) {
		st->acpi.rsdp = rsdp_scan();
		return;
	}
	st->acpi.fseg = FW_EBDA_ADDR;
	st->acpi.rsdp = 0;
	st->acpi.n = st->acpi.last = 0;
	/* Before the first read of an ACPI file, when QEMU builds them. */
	fw_chipset_init();
	size = fw_file_size(f);
	key = fw_file_key(f);
	for (off = 0; off + TABLE_LOADER_CMD_SIZE <= size;
	     off += n * TABLE_LOADER_CMD_SIZE) {
		n = (size - off) / TABLE_LOADER_CMD_SIZE;
		if (n > FW_LOADER_CHUNK)
			n = FW_LOADER_CHUNK;
		fw_item_read(st, key, off, st->acpi.cmd,
			     n * TABLE_LOADER_CMD_SIZE, TABLE_LOADER_FILE);
		for (unsigned i = 0; i < n; i++)
			run(st, &st->acpi.cmd[i]);
	}
	/* What lies above goes reserved in the map: whole pages. */
	st->acpi.high &= ~0xfffu;
	/* A legacy scan looks in the EBDA's first KiB: say where it is. */
	if (st->acpi.fseg != FW_EBDA_ADDR) {
		uint16_t *seg = FW_PHYS(FW_BDA_EBDA_SEG);

		/* A real address, not an offset from NULL (to the compiler). */
		__asm__("" : "+r"(seg));
		*seg = FW_EBDA_ADDR >> 4;
	}
}

/*
 * The 8-bit sum of len bytes, a word at a time: "all" adds whole words,
 * "odd" only their bytes 1 and 3, so all - odd holds bytes 0 and 2. Every
 * lane is 16 bits wide and folded before it can overflow; carries out of
 * bit 31 are multiples of 256 in the top lane's terms and do not matter.
 * Four instructions per word instead of about twelve for a byte loop,
 * which counts where each one is emulated (QEMU's DSDT alone is ~5 KiB).
 */
uint8_t fw_sum8(const void *p, uint32_t len)
{
	typedef uint32_t __attribute__((aligned(1), may_alias)) word;
	const word *w = p;
	const uint8_t *b;
	uint32_t sum = 0;

	while (len >= 4) {
		/* 256 words per block: lanes stay below 256 * 255. */
		uint32_t n = len / 4 < 256 ? len / 4 : 256, all = 0, odd = 0,
			 even;

		len -= 4 * n;
		for (; n >= 8; n -= 8, w += 8) {
			all += w[0] + w[1] + w[2] + w[3] + w[4] + w[5] + w[6] +
			       w[7];
			odd += (w[0] & 0xff00ff00u) + (w[1] & 0xff00ff00u) +
			       (w[2] & 0xff00ff00u) + (w[3] & 0xff00ff00u) +
			       (w[4] & 0xff00ff00u) + (w[5] & 0xff00ff00u) +
			       (w[6] & 0xff00ff00u) + (w[7] & 0xff00ff00u);
		}
		/* The rest (all of a short range, such as an RSDP's 20
		 * bytes) word by word: unrolled, it costs more than it saves.
		 */
#pragma GCC unroll 1
		for (; n; n--, w++) {
			all += *w;
			odd += *w & 0xff00ff00u;
		}
		even = all - odd;
		sum += even + (even >> 16) + (odd >> 8) + (odd >> 24);
	}
	for (b = (const uint8_t *)w; len; len--)
		sum += *b++;
	return (uint8_t)sum;
}
