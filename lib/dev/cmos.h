/* cmos.h: MC146818 RTC and CMOS RAM as a PC firmware and Linux read them. */
#ifndef DEV_CMOS_H
#define DEV_CMOS_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Clock registers read the time the owner passes in (no timers, no
 * alarms, no periodic interrupt); writes to them are ignored, so the guest
 * always sees host time. The memory-size bytes are filled the way PC
 * firmware expects them (QEMU's layout), for firmware that sizes RAM
 * from CMOS.
 */
struct cmos {
	uint8_t index;
	uint8_t ram[128];
};

enum { CMOS_INDEX = 0, CMOS_DATA = 1 }; /* offsets from port 0x70 */

/* low_ram: bytes of RAM below 4 GiB; high_ram: above; ncpus: vCPUs. */
void cmos_init(struct cmos *c, uint64_t low_ram, uint64_t high_ram,
	       unsigned ncpus);

/* now: seconds since the epoch (UTC), used for clock registers. */
uint8_t cmos_read(struct cmos *c, unsigned offset, int64_t now);
void cmos_write(struct cmos *c, unsigned offset, uint8_t value);

#endif
