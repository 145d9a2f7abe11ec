/* fwprobe_bench.c: the fw_cfg probe's benchmark mode: whole-item DMA and
 * byte-I/O reads timed by the TSC. */
#include <string.h>

#include "fwprobe.h"
#include "jt.h"
#include "rt/console.h"
#include "rt/x86io.h"

/*
 * jt.bench=1 reads two items whole, each jt.bench-repeat=N times
 * (default 2: the first into RAM the guest never touched, the next ones
 * into the same pages again):
 *   jt.bench-dma=NAME  by one DMA READ          (default opt/jiffy/bench-dma)
 *   jt.bench-io=NAME   by one select + rep insb (default opt/jiffy/bench-io)
 *   jt.bench-dma-offset=N  DMA to N bytes past a page boundary (default
 *                      0; jiffy maps whole pages of a file into RAM only
 *                      where their offsets agree, so N != 0 shows its copy)
 * Each transfer is bracketed by RDTSC and by POST codes (0x50/0x51 for
 * DMA, 0x52/0x53 for byte I/O) that `jiffy --trace` timestamps. The TSC
 * rate comes from the same measurement on every hypervisor: 65535 ticks
 * of PIT channel 2 (1.193182 MHz); CPUID 0x40000010 is printed beside it
 * where the hypervisor offers it. bench/fw_cfg.sh turns ticks into MB/s.
 */
#define POST_DMA_START 0x50
#define POST_DMA_END   0x51
#define POST_IO_START  0x52
#define POST_IO_END    0x53

#define PIT_HZ	      1193182ull
#define PIT_CH2	      0x42
#define PIT_MODE      0x43
#define PIT_GATE_PORT 0x61 /* bit 0: channel 2 gate, bit 5: its output */

/*
 * TSC ticks over 65535 ticks of PIT channel 2 in mode 0; 0 if it never
 * fires (no PIT). The output is polled through port 0x61, so a late look
 * only adds ticks.
 */
static uint64_t pit_round(void)
{
	uint8_t gate = inb(PIT_GATE_PORT);
	uint64_t t0;

	outb(PIT_GATE_PORT, (gate & ~0x02) | 0x01); /* gate on, speaker off */
	outb(PIT_MODE, 0xb0); /* channel 2, low then high byte, mode 0 */
	outb(PIT_CH2, 0xff);
	outb(PIT_CH2, 0xff);
	t0 = rdtsc();
	while (!(inb(PIT_GATE_PORT) & 0x20))
		if (rdtsc() - t0 > (1ull << 36))
			return 0;
	return rdtsc() - t0;
}

/* The TSC's rate in kHz: the least of a few rounds, the one whose end
 * was seen soonest (a loaded host delays some looks by a millisecond). */
static uint32_t tsc_khz_by_pit(void)
{
	uint64_t best = 0, t;

	for (int i = 0; i < 5; i++) {
		t = pit_round();
		if (t && (!best || t < best))
			best = t;
	}
	return (uint32_t)(best * PIT_HZ / 65535 / 1000);
}

/* KVM's leaf 0x40000010: EAX = TSC kHz; 0 where there is none. */
static uint32_t tsc_khz_by_cpuid(void)
{
	uint32_t r[4];

	cpuid(0x40000000, 0, r);
	if (r[0] < 0x40000010 || r[0] > 0x400000ff)
		return 0;
	cpuid(0x40000010, 0, r);
	return r[0];
}

/* The item named by jt.KEY=NAME (or dflt); FAILs if absent. */
static void find_item(struct fwprobe *p, const char *key, const char *dflt,
		      struct fw_cfg_client_file *f, char *name)
{
	size_t len;
	const char *v = jt_arg(key, &len);

	if (!v) {
		v = dflt;
		len = strlen(dflt);
	}
	if (len >= FW_CFG_MAX_FILE_PATH)
		len = FW_CFG_MAX_FILE_PATH - 1;
	memcpy(name, v, len);
	name[len] = '\0';
	if (fw_cfg_client_find(p->c, name, f))
		jt_fail("jt.%s: no fw_cfg file named %s", key, name);
}

static void report(const char *how, unsigned run, const char *name,
		   uint32_t size, uint64_t ticks, const uint8_t *dst, int ret)
{
	uint32_t sum[2];

	fwprobe_sums(dst, size, sum);
	cprintf("bench %s %u: %s size %u ticks %llu sums %08x %08x%s\n", how,
		run, name, size, (unsigned long long)ticks, sum[0], sum[1],
		ret ? " dma-error" : "");
}

void fwprobe_bench(struct fwprobe *p)
{
	struct fw_cfg_client_file dma_f, io_f;
	char dma_name[FW_CFG_MAX_FILE_PATH], io_name[FW_CFG_MAX_FILE_PATH];
	uint64_t repeat = 2, offset = 0, t0, t1;
	uint8_t *dma_dst, *io_dst;
	unsigned r;
	int ret;

	jt_arg_u64("bench-repeat", &repeat);
	jt_arg_u64("bench-dma-offset", &offset);
	offset &= 4095;
	find_item(p, "bench-dma", "opt/jiffy/bench-dma", &dma_f, dma_name);
	find_item(p, "bench-io", "opt/jiffy/bench-io", &io_f, io_name);
	/* Each lands in pages of its own, untouched before its first run. */
	dma_dst = p->scratch + offset;
	io_dst = p->scratch + ((offset + dma_f.size + 4095) & ~4095u);
	if ((uint64_t)(io_dst - p->scratch) + io_f.size > p->scratch_size)
		jt_fail("bench: %s and %s (%u + %u bytes) do not fit in %u bytes of scratch RAM",
			dma_name, io_name, dma_f.size, io_f.size,
			p->scratch_size);
	cprintf("bench tsc-khz pit: %u\n", tsc_khz_by_pit());
	cprintf("bench tsc-khz cpuid: %u\n", tsc_khz_by_cpuid());

	for (r = 0; r < repeat; r++) {
		fw_cfg_client_use_dma(p->c, true);
		post_code(POST_DMA_START);
		t0 = rdtsc();
		ret = fw_cfg_client_read(p->c, dma_f.key, 0, dma_dst,
					 dma_f.size);
		t1 = rdtsc();
		post_code(POST_DMA_END);
		report("dma", r, dma_name, dma_f.size, t1 - t0, dma_dst, ret);
	}
	for (r = 0; r < repeat; r++) {
		fwprobe_select(io_f.key);
		post_code(POST_IO_START);
		t0 = rdtsc();
		fwprobe_io_read(io_dst, io_f.size);
		t1 = rdtsc();
		post_code(POST_IO_END);
		report("io", r, io_name, io_f.size, t1 - t0, io_dst, 0);
	}
	jt_pass("bench");
}
