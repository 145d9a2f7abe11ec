/* pvh_entry.h: the CPU state the PVH test guest records at its entry point. */
#ifndef PVH_ENTRY_H
#define PVH_ENTRY_H

/* Offsets into struct pvh_entry_state, for pvh_entry.S. */
#define PE_EFLAGS 0
#define PE_CR0	  4
#define PE_CR4	  8
#define PE_EBX	  12
#define PE_CS	  16
#define PE_DS	  18
#define PE_ES	  20
#define PE_SS	  22
#define PE_SIZE	  24

#ifndef __ASSEMBLY__
#include <stdint.h>

struct pvh_entry_state {
	uint32_t eflags;
	uint32_t cr0;
	uint32_t cr4;
	uint32_t ebx;
	uint16_t cs, ds, es, ss;
};
_Static_assert(sizeof(struct pvh_entry_state) == PE_SIZE,
	       "pvh_entry.S and struct pvh_entry_state disagree");
_Static_assert(__builtin_offsetof(struct pvh_entry_state, ss) == PE_SS,
	       "pvh_entry.S and struct pvh_entry_state disagree");
#endif

#endif
