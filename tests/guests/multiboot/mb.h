/* mb.h: the multiboot test guest's layout, shared by its assembly and C. */
#ifndef MB_H
#define MB_H

/* Its own GDT (the loader's GDTR may be invalid, says the spec). */
#define MB_CS64 0x08
#define MB_DS	0x10
#define MB_CS32 0x18

/* Where the APs start (SIPI vector 1): a page below 1 MiB. */
#define MB_TRAMPOLINE 0x1000

#define MB_STACK_SIZE 16384

/* Offsets in struct mb_entry_state, for mb_entry.S. */
#define ES_EAX	  0
#define ES_EBX	  4
#define ES_EFLAGS 8
#define ES_CR0	  12
#define ES_CR4	  16
#define ES_ES_RD  20 /* the probe word read through ES */
#define ES_SS_RD  24 /* ... and through SS */
#define ES_CS	  28
#define ES_DS	  30
#define ES_ES	  32
#define ES_SS	  34
#define ES_SIZE	  36

#define MB_PROBE_VALUE 0x5eb0f1a7
#define MB_TAIL_VALUE  0x6c696174 /* "tail": the image's last file word */

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <stdint.h>

/* The CPU state at the multiboot entry, as mb_entry.S found it. */
struct mb_entry_state {
	uint32_t eax, ebx, eflags, cr0, cr4;
	uint32_t es_read, ss_read;
	uint16_t cs, ds, es, ss;
};
_Static_assert(sizeof(struct mb_entry_state) == ES_SIZE,
	       "mb_entry.S and struct mb_entry_state disagree");
_Static_assert(__builtin_offsetof(struct mb_entry_state, ss) == ES_SS,
	       "mb_entry.S and struct mb_entry_state disagree");

struct multiboot_header;

/* mb_entry.S and the linker script */
extern const char mb_image_start[], mb_image_end[], mb_data_end[];
extern const struct multiboot_header mb_header;
extern const uint32_t mb_tail_marker;
extern const uint32_t mb_bss_probe[1024];
extern const char mb_ap_tramp[], mb_ap_tramp_end[];
extern volatile uint32_t mb_ap_count;

void mb_main(const struct mb_entry_state *st);

/* mb_fw_cfg.c: with jt.fw-cfg=1, what fw_cfg says (FAILs without one). */
struct mb_fw_cfg {
	unsigned cpus;
	uint64_t ram;
};
bool mb_fw_cfg_read(struct mb_fw_cfg *fw);

/* mb_smp.c: start the APs (jt.cpus=, or fw_cfg's count when fw_cpus is
 * not 0); returns the CPUs that ran. */
unsigned mb_smp_check(unsigned fw_cpus);

/* mb_guest.c: would [addr, addr + len) touch what the loader handed
 * over (boot information, strings, modules)? FAILs naming it. */
void mb_check_free(uint64_t addr, uint64_t len, const char *why);
#endif

#endif
