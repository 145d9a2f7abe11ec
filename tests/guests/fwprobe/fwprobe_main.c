/* fwprobe_main.c: the fw_cfg probe guest's entry: the device, the scratch RAM,
 * the steps in order. */
#include <string.h>

#include "abi/e820.h"
#include "abi/pvh.h"
#include "fwprobe.h"
#include "jt.h"
#include "rt/console.h"
#include "rt/x86io.h"

void pvh_main(const struct hvm_start_info *si);

/* In .bss, below the scratch area: the client holds its DMA descriptor. */
static struct fw_cfg_client client;
static struct fwprobe probe;

/*
 * Cut [*lo, *hi) around the module [ms, me), keeping the larger side:
 * the initrd may sit anywhere its loader liked.
 */
static void avoid(uint64_t *lo, uint64_t *hi, uint64_t ms, uint64_t me)
{
	if (me <= *lo || ms >= *hi)
		return;
	if (ms > *lo && ms - *lo >= (me < *hi ? *hi - me : 0))
		*hi = ms;
	else
		*lo = (me + 4095) & ~4095ull;
}

/* The scratch area: the loader's RAM range holding 16 MiB, minus modules. */
static void find_scratch(const struct hvm_start_info *si, struct fwprobe *p)
{
	uint64_t lo = FWPROBE_SCRATCH_BASE, hi = 0;
	const struct hvm_memmap_table_entry *e = NULL;
	const struct hvm_modlist_entry *m = NULL;
	uint32_t i;

	if (si->version >= 1 && si->memmap_paddr && si->memmap_entries)
		e = jt_phys(si->memmap_paddr, sizeof(*e) * si->memmap_entries,
			    "the memory map");
	for (i = 0; e && i < si->memmap_entries; i++)
		if (e[i].type == E820_RAM && e[i].addr <= lo &&
		    lo - e[i].addr < e[i].size)
			hi = e[i].addr + e[i].size;
	if (si->nr_modules && si->modlist_paddr)
		m = jt_phys(si->modlist_paddr, sizeof(*m) * si->nr_modules,
			    "the module list");
	for (i = 0; m && i < si->nr_modules; i++)
		avoid(&lo, &hi, m[i].paddr, m[i].paddr + m[i].size);
	if (hi > 0xfffff000u)
		hi = 0xfffff000u; /* what a 32-bit guest can address */
	if (hi <= lo)
		jt_fail("no free RAM at 16 MiB (the memory map's range there ends at 0x%llx) for whole items",
			(unsigned long long)hi);
	p->scratch = (uint8_t *)(uintptr_t)lo;
	p->scratch_size = (uint32_t)(hi - lo);
}

/* The signature, the feature bits, the DMA register's own signature. */
static void header(struct fwprobe *p)
{
	uint8_t sig[8];
	char hex[17];
	uint32_t id;

	fwprobe_select(FW_CFG_SIGNATURE);
	fwprobe_io_read(sig, 4);
	fwprobe_hex(sig, 4, hex);
	cprintf("key 0x0000 signature: %s\n", hex);
	if (fw_cfg_client_probe(p->c))
		jt_fail("no fw_cfg device: key 0 at ports 0x510/0x511 reads %s, not \"QEMU\"",
			hex);
	id = p->c->id;
	cprintf("key 0x0001 id: 0x%08x%s%s%s\n", id,
		id & FW_CFG_VERSION ? " traditional" : "",
		id & FW_CFG_VERSION_DMA ? " dma" : "",
		id & ~(uint32_t)(FW_CFG_VERSION | FW_CFG_VERSION_DMA)
			? " unknown-bits"
			: "");
	for (unsigned i = 0; i < 8; i++)
		sig[i] = inb(FW_CFG_PORT_DMA_HI + i);
	fwprobe_hex(sig, 8, hex);
	cprintf("dma register bytes: %s\n", hex);
	cprintf("dma register dwords: 0x%08x 0x%08x\n", inl(FW_CFG_PORT_DMA_HI),
		inl(FW_CFG_PORT_DMA_LO));
	if (!fw_cfg_client_has_dma(p->c))
		jt_fail("fw_cfg has no DMA interface (ID 0x%08x): the probe needs it",
			id);
}

void pvh_main(const struct hvm_start_info *si)
{
	struct fwprobe *p = &probe;
	uint64_t bench = 0;

	post_code(JT_POST_ENTRY);
	/* Firmware may have left a line unfinished: start a fresh one. */
	cprintf("\nfwprobe: start\n");
	jt_init("fwprobe", si->cmdline_paddr ? jt_phys(si->cmdline_paddr, 1,
						       "the command line")
					     : "");
	find_scratch(si, p);
	p->c = &client;
	fw_cfg_client_init(p->c, &fw_cfg_client_pio_ops, NULL);
	header(p);
	if (jt_arg_u64("bench", &bench) && bench)
		fwprobe_bench(p);
	fwprobe_legacy(p);
	fwprobe_directory(p);
	fwprobe_files(p);
	fwprobe_edges(p);
	jt_pass("done");
}
