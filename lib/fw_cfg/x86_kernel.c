/* x86_kernel.c: QEMU 7.2's x86 -kernel/-initrd/-append items: bzImage split and patch, PVH. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "abi/bootparam.h"
#include "fw_cfg/bytes.h"
#include "fw_cfg/x86_impl.h"

/* Setup-header offsets in the file (abi/bootparam.h has the struct). */
#define HDR_SETUP_SECTS  0x1f1
#define HDR_VID_MODE     0x1fa
#define HDR_MAGIC        0x202
#define HDR_VERSION      0x206
#define HDR_LOADER       0x210
#define HDR_LOADFLAGS    0x211
#define HDR_RAMDISK      0x218
#define HDR_RAMDISK_SIZE 0x21c
#define HDR_HEAP_END     0x224
#define HDR_CMD_LINE_PTR 0x228
#define HDR_INITRD_MAX   0x22c
#define HDR_XLOADFLAGS   0x236
/* The pre-2.02 command-line protocol: magic and offset in the zero page. */
#define OLD_CL_MAGIC_OFF  0x20
#define OLD_CL_OFFSET_OFF 0x22
#define OLD_CL_MAGIC      0xa33f

/* A header byte; QEMU reads its 8 KiB buffer past a short file, we read 0. */
static uint8_t hdr8(const struct fw_cfg_x86_config *cfg, size_t off)
{
	return off < cfg->kernel_size ? ((const uint8_t *)cfg->kernel)[off] : 0;
}

static uint16_t hdr16(const struct fw_cfg_x86_config *cfg, size_t off)
{
	return (uint16_t)(hdr8(cfg, off) | hdr8(cfg, off + 1) << 8);
}

static uint32_t hdr32(const struct fw_cfg_x86_config *cfg, size_t off)
{
	return hdr16(cfg, off) | (uint32_t)hdr16(cfg, off + 2) << 16;
}

static int fail(struct fw_cfg_x86_boot *out, int err, const char *why)
{
	out->error = why;
	return err;
}

/* CMDLINE_SIZE and CMDLINE_DATA: the string and its NUL. */
static int fw_cfg_x86_add_cmdline(struct fw_cfg_dev *d, const char *s)
{
	size_t n = strlen(s) + 1;
	int ret = fw_cfg_dev_add_u32(d, FW_CFG_CMDLINE_SIZE, (uint32_t)n);

	return ret ? ret : fw_cfg_dev_add(d, FW_CFG_CMDLINE_DATA, s, n, 0);
}

/* INITRD_*: page-aligned, as high as it fits under initrd_max. */
static int fw_cfg_x86_add_initrd(struct fw_cfg_dev *d,
				 const struct fw_cfg_x86_config *cfg,
				 uint32_t initrd_max,
				 struct fw_cfg_x86_boot *out)
{
	uint32_t addr;
	int ret;

	out->initrd_max = initrd_max;
	if (!cfg->initrd)
		return 0;
	if (cfg->initrd_size >= initrd_max)
		return fail(out, -E2BIG,
			    "initrd does not fit below the kernel's limit and the top of low RAM");
	addr = (uint32_t)(initrd_max - cfg->initrd_size) & ~0xfffu;
	out->initrd_addr = addr;
	ret = fw_cfg_dev_add_u32(d, FW_CFG_INITRD_ADDR, addr);
	if (!ret)
		ret = fw_cfg_dev_add_u32(d, FW_CFG_INITRD_SIZE,
					 (uint32_t)cfg->initrd_size);
	if (!ret)
		ret = fw_cfg_dev_add(d, FW_CFG_INITRD_DATA, cfg->initrd,
				     cfg->initrd_size,
				     cfg->borrow ? FW_CFG_DEV_BORROW : 0);
	return ret;
}

/* The highest initrd byte QEMU allows when nothing else limits it. */
static uint32_t fw_cfg_x86_low_limit(const struct fw_cfg_x86_config *cfg,
				     uint32_t acpi)
{
	return (uint32_t)(cfg->ram_below_4g - acpi - 1);
}

/*
 * vga= in the command line sets the header's vid_mode (QEMU takes the
 * first "vga=" anywhere, then normal/ext/ask or a number by strtoul
 * rules, ended by a space or the end). -EINVAL for what QEMU refuses.
 */
static int fw_cfg_x86_vga(const char *cmdline, bool *set, uint16_t *mode)
{
	const char *v = strstr(cmdline, "vga=");
	unsigned long long r;
	long long val;
	char *end;

	*set = false;
	if (!v)
		return 0;
	v += 4;
	*set = true;
	if (!strncmp(v, "normal", 6)) {
		*mode = 0xffff;
	} else if (!strncmp(v, "ext", 3)) {
		*mode = 0xfffe;
	} else if (!strncmp(v, "ask", 3)) {
		*mode = 0xfffd;
	} else {
		errno = 0;
		r = strtoull(v, &end, 0);
		val = (long long)r;
		if (end == v || errno || val > (long long)UINT_MAX ||
		    val < INT_MIN || (*end && *end != ' '))
			return -EINVAL;
		*mode = (uint16_t)val;
	}
	return 0;
}

/* Where QEMU puts the real-mode part, the command line and the kernel. */
static void fw_cfg_x86_linux_layout(const struct fw_cfg_x86_config *cfg,
				    uint32_t cmdline_size,
				    struct fw_cfg_x86_boot *out)
{
	uint16_t p = out->protocol;

	if (p < 0x200 || !(hdr8(cfg, HDR_LOADFLAGS) & LOADED_HIGH)) {
		out->setup_addr = 0x90000;
		out->cmdline_addr = 0x9a000 - cmdline_size;
		out->kernel_addr = 0x10000;
	} else if (p < 0x202) {
		out->setup_addr = 0x90000;
		out->cmdline_addr = 0x9a000 - cmdline_size;
		out->kernel_addr = 0x100000;
	} else {
		out->setup_addr = 0x10000;
		out->cmdline_addr = 0x20000;
		out->kernel_addr = 0x100000;
	}
}

static uint32_t fw_cfg_x86_linux_initrd_max(const struct fw_cfg_x86_config *cfg,
					    uint32_t acpi, uint16_t p)
{
	uint32_t max;

	if (p >= 0x20c &&
	    (hdr16(cfg, HDR_XLOADFLAGS) & XLF_CAN_BE_LOADED_ABOVE_4G))
		max = UINT32_MAX;
	else if (p >= 0x203)
		max = hdr32(cfg, HDR_INITRD_MAX);
	else
		max = 0x37ffffff;
	if (max >= cfg->ram_below_4g - acpi)
		max = fw_cfg_x86_low_limit(cfg, acpi);
	return max;
}

/* Patch the copy of the setup code the way QEMU's loader does. */
static void fw_cfg_x86_patch(uint8_t *s, const struct fw_cfg_x86_boot *b,
			     const struct fw_cfg_x86_config *cfg, bool vga,
			     uint16_t vid_mode)
{
	uint16_t p = b->protocol;

	if (p >= 0x202) {
		fw_cfg_put_le32(s + HDR_CMD_LINE_PTR, b->cmdline_addr);
	} else {
		fw_cfg_put_le16(s + OLD_CL_MAGIC_OFF, OLD_CL_MAGIC);
		fw_cfg_put_le16(s + OLD_CL_OFFSET_OFF,
				(uint16_t)(b->cmdline_addr - b->setup_addr));
	}
	if (vga)
		fw_cfg_put_le16(s + HDR_VID_MODE, vid_mode);
	if (p >= 0x200)
		s[HDR_LOADER] = LOADER_TYPE_QEMU;
	if (p >= 0x201) {
		s[HDR_LOADFLAGS] |= CAN_USE_HEAP;
		fw_cfg_put_le16(s + HDR_HEAP_END,
				(uint16_t)(b->cmdline_addr - b->setup_addr -
					   0x200));
	}
	if (cfg->initrd) {
		fw_cfg_put_le32(s + HDR_RAMDISK, b->initrd_addr);
		fw_cfg_put_le32(s + HDR_RAMDISK_SIZE,
				(uint32_t)cfg->initrd_size);
	}
}

/* SETUP_* (patched real-mode part) and KERNEL_* (the rest of the file). */
static int fw_cfg_x86_add_split(struct fw_cfg_dev *d,
				const struct fw_cfg_x86_config *cfg,
				struct fw_cfg_x86_boot *out, bool vga,
				uint16_t vid_mode)
{
	const uint8_t *k = cfg->kernel;
	uint8_t *setup;
	int ret;

	setup = malloc(out->setup_size);
	if (!setup)
		return -ENOMEM;
	memcpy(setup, k, out->setup_size);
	/* Without a boot protocol (no "HdrS": an EFI binary, say) QEMU 7.2
	 * (stable, as Debian ships it) hands the file over unpatched. */
	if (out->protocol > 0)
		fw_cfg_x86_patch(setup, out, cfg, vga, vid_mode);

	ret = fw_cfg_dev_add_u32(d, FW_CFG_KERNEL_ADDR, out->kernel_addr);
	if (!ret)
		ret = fw_cfg_dev_add_u32(d, FW_CFG_KERNEL_SIZE,
					 out->kernel_size);
	if (!ret)
		ret = fw_cfg_dev_add(d, FW_CFG_KERNEL_DATA, k + out->setup_size,
				     out->kernel_size,
				     cfg->borrow ? FW_CFG_DEV_BORROW : 0);
	if (!ret)
		ret = fw_cfg_dev_add_u32(d, FW_CFG_SETUP_ADDR, out->setup_addr);
	if (!ret)
		ret = fw_cfg_dev_add_u32(d, FW_CFG_SETUP_SIZE, out->setup_size);
	if (!ret)
		ret = fw_cfg_dev_add(d, FW_CFG_SETUP_DATA, setup,
				     out->setup_size, 0);
	free(setup);
	return ret;
}

int fw_cfg_x86_add_linux(struct fw_cfg_dev *d,
			 const struct fw_cfg_x86_config *cfg, uint32_t acpi,
			 struct fw_cfg_x86_boot *out)
{
	const char *cmdline = cfg->cmdline ? cfg->cmdline : "";
	uint32_t cmdline_size = (uint32_t)(strlen(cmdline) + 16) & ~15u;
	unsigned sects;
	uint16_t vid_mode = 0;
	bool vga;
	int ret;

	if (!cfg->kernel_size)
		return fail(out, -ENOEXEC, "kernel file is empty");
	if (cfg->kernel_size > INT32_MAX)
		return fail(out, -EFBIG, "kernel file is 2 GiB or more");
	if (hdr32(cfg, HDR_MAGIC) == SETUP_HDRS_MAGIC)
		out->protocol = hdr16(cfg, HDR_VERSION);
	fw_cfg_x86_linux_layout(cfg, cmdline_size, out);
	out->initrd_max = fw_cfg_x86_linux_initrd_max(cfg, acpi, out->protocol);

	ret = fw_cfg_dev_add_u32(d, FW_CFG_CMDLINE_ADDR, out->cmdline_addr);
	if (!ret)
		ret = fw_cfg_x86_add_cmdline(d, cmdline);
	if (ret)
		return ret;
	if (fw_cfg_x86_vga(cmdline, &vga, &vid_mode))
		return fail(out, -EINVAL, "invalid vga= in the command line");
	if (cfg->initrd && out->protocol < 0x200)
		return fail(out, -ENOEXEC,
			    "kernel's boot protocol is too old for an initrd");
	ret = fw_cfg_x86_add_initrd(d, cfg, out->initrd_max, out);
	if (ret)
		return ret;

	sects = hdr8(cfg, HDR_SETUP_SECTS);
	out->setup_size = ((sects ? sects : SETUP_SECTS_DEFAULT) + 1) *
			  SETUP_SECT_SIZE;
	if (out->setup_size > cfg->kernel_size)
		return fail(out, -ENOEXEC,
			    "kernel's setup_sects goes past the end of the file");
	out->kernel_size = (uint32_t)(cfg->kernel_size - out->setup_size);
	return fw_cfg_x86_add_split(d, cfg, out, vga, vid_mode);
}

int fw_cfg_x86_add_pvh(struct fw_cfg_dev *d,
		       const struct fw_cfg_x86_config *cfg, uint32_t acpi,
		       struct fw_cfg_x86_boot *out)
{
	const char *cmdline = cfg->cmdline ? cfg->cmdline : "";
	uint8_t head[FW_CFG_X86_PVH_HEAD] = { 0 };
	size_t n = cfg->kernel_size;
	int ret;

	if (cfg->pvh.hi < cfg->pvh.lo || cfg->pvh.hi - cfg->pvh.lo > UINT32_MAX)
		return fail(out, -EINVAL,
			    "PVH kernel span is not a 32-bit range");
	if (!cfg->pvh.entry)
		return fail(out, -ENOEXEC, "kernel has no PVH entry note");
	out->kernel_addr = (uint32_t)cfg->pvh.lo;
	out->kernel_size = (uint32_t)(cfg->pvh.hi - cfg->pvh.lo);
	out->setup_size = sizeof(head);
	/* The head lets firmware sniff the ELF magic; QEMU leaves a short
	 * file's tail undefined, we zero it. */
	if (n)
		memcpy(head, cfg->kernel, n < sizeof(head) ? n : sizeof(head));

	ret = fw_cfg_dev_add_u32(d, FW_CFG_KERNEL_ENTRY, cfg->pvh.entry);
	if (!ret)
		ret = fw_cfg_dev_add_u32(d, FW_CFG_KERNEL_ADDR,
					 out->kernel_addr);
	if (!ret)
		ret = fw_cfg_dev_add_u32(d, FW_CFG_KERNEL_SIZE,
					 out->kernel_size);
	if (!ret)
		ret = fw_cfg_x86_add_cmdline(d, cmdline);
	if (!ret)
		ret = fw_cfg_dev_add_u32(d, FW_CFG_SETUP_SIZE, sizeof(head));
	if (!ret)
		ret = fw_cfg_dev_add(d, FW_CFG_SETUP_DATA, head, sizeof(head),
				     0);
	if (ret)
		return ret;
	return fw_cfg_x86_add_initrd(d, cfg, fw_cfg_x86_low_limit(cfg, acpi),
				     out);
}
