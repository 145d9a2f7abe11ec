/* x86.c: the machine items QEMU 7.2's pc machine puts in fw_cfg, then the kernel's. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fw_cfg/bytes.h"
#include "fw_cfg/x86_impl.h"

#define FW_CFG_X86_UUID_SIZE 16
/* etc/boot-fail-wait without -boot reboot-timeout: never reboot. */
#define FW_CFG_X86_BOOT_FAIL_WAIT 0xffffffffu

static int fw_cfg_x86_check(const struct fw_cfg_x86_config *cfg,
			    uint32_t acpi, struct fw_cfg_x86_boot *out)
{
	out->error = "bad machine description";
	if (!cfg->boot_cpus || (cfg->apic_id_limit &&
				cfg->apic_id_limit < cfg->boot_cpus))
		return -EINVAL;
	if (cfg->ram_below_4g > 1ull << 32 || cfg->ram_below_4g <= acpi)
		return -EINVAL;
	if (cfg->e820_entries && !cfg->e820)
		return -EINVAL;
	if (cfg->kernel_kind != FW_CFG_X86_NO_KERNEL &&
	    cfg->kernel_size && !cfg->kernel)
		return -EINVAL;
	if (cfg->initrd_size && !cfg->initrd)
		return -EINVAL;
	if (cfg->kernel_kind == FW_CFG_X86_MULTIBOOT &&
	    (!cfg->multiboot || (cfg->multiboot->size && !cfg->multiboot->image)))
		return -EINVAL;
	out->error = NULL;
	return 0;
}

/* etc/e820: packed 20-byte LE entries, in the order given. */
static int fw_cfg_x86_add_e820(struct fw_cfg_dev *d,
			       const struct fw_cfg_x86_config *cfg)
{
	const size_t esz = sizeof(struct e820_entry); /* 20, packed */
	size_t len = (size_t)cfg->e820_entries * esz;
	uint8_t *buf = malloc(len ? len : 1), *p = buf;
	unsigned i;
	int ret;

	if (!buf)
		return -ENOMEM;
	for (i = 0; i < cfg->e820_entries; i++, p += esz) {
		fw_cfg_put_le64(p, cfg->e820[i].addr);
		fw_cfg_put_le64(p + 8, cfg->e820[i].size);
		fw_cfg_put_le32(p + 16, cfg->e820[i].type);
	}
	ret = fw_cfg_dev_add_file(d, "etc/e820", buf, len, 0);
	free(buf);
	return ret;
}

/*
 * FW_CFG_NUMA without NUMA nodes: a node count of 0, then one node per
 * APIC ID (all 0), then no memory sizes, every value LE64.
 */
static int fw_cfg_x86_add_numa(struct fw_cfg_dev *d, unsigned apic_id_limit)
{
	size_t len = (1 + (size_t)apic_id_limit) * sizeof(uint64_t);
	uint8_t *buf = calloc(1, len);
	int ret;

	if (!buf)
		return -ENOMEM;
	ret = fw_cfg_dev_add(d, FW_CFG_NUMA, buf, len, 0);
	free(buf);
	return ret;
}

static int fw_cfg_x86_add_machine(struct fw_cfg_dev *d,
				  const struct fw_cfg_x86_config *cfg)
{
	static const uint8_t no_uuid[FW_CFG_X86_UUID_SIZE];
	uint16_t limit = cfg->apic_id_limit ? cfg->apic_id_limit
					    : cfg->boot_cpus;
	uint8_t fail_wait[4];
	int ret;

	fw_cfg_put_le32(fail_wait, FW_CFG_X86_BOOT_FAIL_WAIT);
	ret = fw_cfg_dev_add(d, FW_CFG_UUID, cfg->uuid ? cfg->uuid : no_uuid,
			     FW_CFG_X86_UUID_SIZE, 0);
	if (!ret)
		ret = fw_cfg_dev_add_u64(d, FW_CFG_RAM_SIZE,
					 cfg->ram_below_4g + cfg->ram_above_4g);
	if (!ret)
		ret = fw_cfg_dev_add_u16(d, FW_CFG_NOGRAPHIC, cfg->nographic);
	if (!ret)
		ret = fw_cfg_dev_add_u16(d, FW_CFG_NB_CPUS, cfg->boot_cpus);
	if (!ret)
		ret = fw_cfg_x86_add_numa(d, limit);
	if (!ret)
		ret = fw_cfg_dev_add_u16(d, FW_CFG_BOOT_MENU, 0);
	/* On pc, MAX_CPUS holds the APIC ID limit, not -smp maxcpus. */
	if (!ret)
		ret = fw_cfg_dev_add_u16(d, FW_CFG_MAX_CPUS, limit);
	if (!ret)
		ret = fw_cfg_dev_add_u32(d, FW_CFG_IRQ0_OVERRIDE, 1);
	if (!ret)
		ret = fw_cfg_dev_add_file(d, "etc/boot-fail-wait", fail_wait,
					  sizeof(fail_wait), 0);
	if (!ret)
		ret = fw_cfg_x86_add_e820(d, cfg);
	return ret;
}

int fw_cfg_x86_populate(struct fw_cfg_dev *d,
			const struct fw_cfg_x86_config *cfg,
			struct fw_cfg_x86_boot *out)
{
	uint32_t acpi = cfg->acpi_data_size ? cfg->acpi_data_size
					    : FW_CFG_X86_ACPI_DATA_SIZE;
	int ret;

	memset(out, 0, sizeof(*out));
	ret = fw_cfg_x86_check(cfg, acpi, out);
	if (ret)
		return ret;
	ret = fw_cfg_x86_add_machine(d, cfg);
	if (ret)
		goto out_err;
	switch (cfg->kernel_kind) {
	case FW_CFG_X86_LINUX:
		ret = fw_cfg_x86_add_linux(d, cfg, acpi, out);
		break;
	case FW_CFG_X86_PVH:
		ret = fw_cfg_x86_add_pvh(d, cfg, acpi, out);
		break;
	case FW_CFG_X86_MULTIBOOT:
		ret = fw_cfg_x86_add_multiboot(d, cfg, out);
		break;
	case FW_CFG_X86_NO_KERNEL:
		break;
	default:
		return -EINVAL;
	}
out_err:
	if (ret && !out->error)
		out->error = ret == -EEXIST ?
				     "an x86 item is already in the device" :
				     "cannot add an fw_cfg item";
	return ret;
}
