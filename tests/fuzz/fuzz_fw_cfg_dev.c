/* fuzz_fw_cfg_dev.c: libFuzzer target: random port, MMIO and DMA traffic to the fw_cfg device and client. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../fw_cfg/fake.h"

/*
 * The input is a little program for a guest that misbehaves: each step
 * starts with an opcode byte and takes its operands from what follows
 * (zeros once the input runs out). The device must survive every
 * program without a sanitizer report, and keep three invariants: its RAM
 * accesses stay inside the fake RAM (ASan checks), a VMM's copy hook only
 * ever gets one RAM run at a time, and a reset always brings the
 * signature back. RAM is two regions around a small hole, so DMA runs end
 * and resume.
 */
#define RAM_BASE 0x10000ull
#define RAM_SIZE 0x10000ull
#define HI_BASE	 (RAM_BASE + RAM_SIZE + 0x100)
#define HI_SIZE	 0x1000ull

struct in {
	const uint8_t *p;
	size_t n;
};

static uint64_t take(struct in *in, unsigned bytes)
{
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < bytes; i++) {
		v |= (uint64_t)(in->n ? *in->p : 0) << (8 * i);
		if (in->n) {
			in->p++;
			in->n--;
		}
	}
	return v;
}

/* Mostly addresses in or around RAM, sometimes anything at all. */
static uint64_t take_addr(struct in *in)
{
	uint8_t how = (uint8_t)take(in, 1);

	if (how < 0xc0)
		return RAM_BASE + take(in, 2) - (how & 0x3f);
	if (how < 0xf0)
		return RAM_BASE + RAM_SIZE - take(in, 1);
	if (how < 0xf8)
		return HI_BASE + HI_SIZE - take(in, 2) % 0x1200;
	return take(in, 8);
}

static uint8_t big[5000]; /* borrowed by items: must outlive them */

static void populate(struct fw_cfg_dev *d)
{
	uint8_t w[16] = { 1 };

	fw_cfg_dev_add_u16(d, FW_CFG_NB_CPUS, 1);
	fw_cfg_dev_add_u32(d, FW_CFG_IRQ0_OVERRIDE, 1);
	fw_cfg_dev_add(d, FW_CFG_KERNEL_DATA, big, 5000, FW_CFG_DEV_BORROW);
	fw_cfg_dev_add(d, FW_CFG_INITRD_DATA, NULL, 0, 0);
	fw_cfg_dev_add_file(d, "etc/vmcoreinfo", w, sizeof(w), FW_CFG_DEV_WRITABLE);
	fw_cfg_dev_add_file(d, "opt/a", "hello", 5, 0);
	fw_cfg_dev_add_file(d, "opt/empty", NULL, 0, 0);
	fw_cfg_dev_add_file(d, "etc/big", big, 5000, FW_CFG_DEV_BORROW);
}

/* A VMM's copy hook (half the runs): it may write [gpa, gpa + len) only,
 * and that must be RAM, one region, at dst. */
static void check_copy(void *opaque, uint64_t gpa, void *dst, const void *src,
		       size_t len)
{
	if (!len || fake_ram_ptr(opaque, gpa, len) != dst)
		abort();
	memcpy(dst, src, len);
}

static void dma_kick(struct fw_cfg_dev *d, struct in *in, uint64_t desc)
{
	uint8_t how = (uint8_t)(take(in, 1) & 3), v[4];
	struct fake_bus b = { .dev = d, .dma_pairs = how == 2 };

	if (how == 0) {
		fake_pio_dma(&b, desc); /* the x86 way: high half when needed */
	} else if (how < 3) {
		fake_mmio_dma(&b, desc); /* one BE64, or two BE32 halves */
	} else {
		/* Only the low half: whatever the register holds. */
		fw_cfg_put_be32(v, (uint32_t)desc);
		fw_cfg_dev_io_write(d, FW_CFG_PORT_DMA_LO - FW_CFG_PORT_BASE, 4,
				    v);
	}
}

/*
 * The client lives in guest RAM, which the program may overwrite (DMA,
 * scribbles): that is the guest's own business, but the struct holds
 * host pointers, so restore them before each client call.
 */
static void client_fix(struct fw_cfg_client *c, const struct fw_cfg_client *saved)
{
	memcpy(c, saved, offsetof(struct fw_cfg_client, desc));
}

static void step(struct fw_cfg_dev *d, struct fake_ram *ram,
		 struct fw_cfg_client *c, const struct fw_cfg_client *saved,
		 struct in *in)
{
	uint8_t buf[512];
	uint8_t op = (uint8_t)take(in, 1);
	unsigned size = 1 + (unsigned)take(in, 1) % 8;
	uint64_t off = take(in, 1) % 0x24;
	uint64_t v = take(in, 8);
	uint8_t *p;

	fw_cfg_put_le64(buf, v);
	switch (op % 12) {
	case 0:
		fw_cfg_dev_io_read(d, off, size, buf);
		break;
	case 1:
		fw_cfg_dev_io_write(d, off, size, buf);
		break;
	case 2:
		fw_cfg_dev_io_read_rep(d, off, size, (uint32_t)(v % (sizeof(buf) / size + 1)), buf);
		break;
	case 3:
		fw_cfg_dev_io_write_rep(d, off, size, (uint32_t)(v % (sizeof(buf) / size + 1)), buf);
		break;
	case 4:
		fw_cfg_dev_mmio_read(d, off, size, buf);
		break;
	case 5:
		fw_cfg_dev_mmio_write(d, off, size, buf);
		break;
	case 6: /* a descriptor somewhere, then a kick */
	case 7: {
		uint64_t desc = take_addr(in);
		uint32_t ctl = (uint32_t)take(in, 4), len = (uint32_t)take(in, 3);

		p = fake_ram_ptr(ram, desc, 16);
		if (p)
			fw_cfg_put_dma_access(p, ctl, len, take_addr(in));
		dma_kick(d, in, desc);
		break;
	}
	case 8: /* scribble on RAM */
		p = fake_ram_ptr(ram, take_addr(in), 8);
		if (p)
			memcpy(p, buf, 8);
		break;
	case 9:
		fw_cfg_dev_reset(d);
		fw_cfg_dev_io_read_rep(d, 1, 1, 4, buf);
		if (memcmp(buf, "QEMU", 4))
			abort();
		break;
	case 10: { /* the client, into RAM or not */
		uint32_t len = (uint32_t)(v >> 32) % 600;
		/* Not over the client itself, at the start of RAM. */
		uint8_t *dst = (v & 1) ? ram->mem + 256 + (v >> 8) % (RAM_SIZE - 856)
				       : buf;

		client_fix(c, saved);
		fw_cfg_client_use_dma(c, v & 2);
		if (v & 4)
			fw_cfg_client_write(c, (uint16_t)v, (uint32_t)(v >> 16) % 64, dst,
					    len);
		else
			fw_cfg_client_read(c, (uint16_t)v, (uint32_t)(v >> 16) % 6000,
					   dst, len < sizeof(buf) ? len : sizeof(buf));
		break;
	}
	default: {
		struct fw_cfg_client_file f;
		char name[8] = "opt/";

		memcpy(name + 4, buf, 3);
		name[7] = '\0';
		client_fix(c, saved);
		fw_cfg_client_find(c, (v & 1) ? "opt/a" : name, &f);
		if (v & 2)
			fw_cfg_dev_add_file(d, name, big, (v >> 16) % 100,
					    (unsigned)(v >> 8) & 3);
	}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };
	struct fake_ram ram;
	struct fake_bus bus;
	struct fw_cfg_client *c, saved;
	struct fw_cfg_dev_config cfg;
	struct fw_cfg_dev *d;
	unsigned steps = 0;
	uint8_t mode;

	memset(big, 0x5a, sizeof(big));
	fake_ram_init(&ram, RAM_BASE, RAM_SIZE);
	fake_ram_add(&ram, HI_BASE, HI_SIZE);
	mode = (uint8_t)take(&in, 1);
	cfg = (struct fw_cfg_dev_config){ .map = fake_ram_map,
					  .map_opaque = &ram,
					  .copy = (mode & 1) ? check_copy : NULL,
					  .no_dma = mode & 0x80 };
	if (fw_cfg_dev_create(&d, &cfg))
		abort();
	populate(d);
	bus = (struct fake_bus){ .dev = d, .ram = &ram };
	c = fake_ram_alloc(&ram, sizeof(*c), 16);
	fw_cfg_client_init(c, (size & 1) ? &fake_mmio_ops : &fake_pio_ops, &bus);
	if (fw_cfg_client_probe(c))
		abort();
	saved = *c;
	while (in.n && steps++ < 256)
		step(d, &ram, c, &saved, &in);
	fw_cfg_dev_destroy(d);
	fake_ram_free(&ram);
	return 0;
}
