/* mb_fw_cfg.c: fw_cfg's RAM size and CPU count, read by byte I/O as QEMU test
 * kernels do. */
#include <string.h>

#include "jt.h"
#include "mb.h"
#include "rt/console.h"
#include "rt/x86io.h"

/*
 * fw_cfg's legacy interface: select a key with a 16-bit write to 0x510,
 * read its bytes one by one from 0x511. Scalars are little-endian. (The
 * fw_cfg ABI header arrives with jiffy's fw_cfg device.)
 */
#define FW_CFG_PORT_SEL	 0x510
#define FW_CFG_PORT_DATA 0x511
#define FW_CFG_SIGNATURE 0x00 /* "QEMU" */
#define FW_CFG_RAM_SIZE	 0x03 /* 64-bit */
#define FW_CFG_NB_CPUS	 0x05 /* 16-bit */

static uint64_t read_le(uint16_t key, unsigned bytes)
{
	uint64_t v = 0;

	outw(FW_CFG_PORT_SEL, key);
	for (unsigned i = 0; i < bytes; i++)
		v |= (uint64_t)inb(FW_CFG_PORT_DATA) << (8 * i);
	return v;
}

bool mb_fw_cfg_read(struct mb_fw_cfg *fw)
{
	uint64_t on = 0;
	uint32_t sig;

	if (!jt_arg_u64("fw-cfg", &on) || !on)
		return false;
	sig = (uint32_t)read_le(FW_CFG_SIGNATURE, 4);
	if (memcmp(&sig, "QEMU", 4))
		jt_fail("jt.fw-cfg: no fw_cfg device: its signature (key 0 at ports 0x510/0x511) reads 0x%08x, not \"QEMU\"",
			sig);
	fw->ram = read_le(FW_CFG_RAM_SIZE, 8);
	fw->cpus = (unsigned)read_le(FW_CFG_NB_CPUS, 2);
	cprintf("fw_cfg: %u CPUs, %llu bytes of RAM\n", fw->cpus,
		(unsigned long long)fw->ram);
	return true;
}
