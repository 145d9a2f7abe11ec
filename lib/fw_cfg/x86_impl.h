/* x86_impl.h: the kernel half of the x86 population, shared by x86.c and x86_kernel.c. */
#ifndef FW_CFG_X86_IMPL_H
#define FW_CFG_X86_IMPL_H

#include "fw_cfg/x86.h"

/* acpi is the config's acpi_data_size with the default applied. */
int fw_cfg_x86_add_linux(struct fw_cfg_dev *d,
			 const struct fw_cfg_x86_config *cfg, uint32_t acpi,
			 struct fw_cfg_x86_boot *out);
int fw_cfg_x86_add_pvh(struct fw_cfg_dev *d,
		       const struct fw_cfg_x86_config *cfg, uint32_t acpi,
		       struct fw_cfg_x86_boot *out);
int fw_cfg_x86_add_multiboot(struct fw_cfg_dev *d,
			     const struct fw_cfg_x86_config *cfg,
			     struct fw_cfg_x86_boot *out);

#endif
