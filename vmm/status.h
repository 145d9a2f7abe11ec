/* status.h: jiffy's exit statuses (odd ones belong to the guest). */
#ifndef VMM_STATUS_H
#define VMM_STATUS_H

/*
 * A guest write of v to the debug-exit port ends jiffy with (v << 1) | 1:
 * every odd status. jiffy's own outcomes use even ones.
 */
enum jiffy_status {
	STATUS_GUEST_OFF = 0,	/* guest reset, triple fault or power-off */
	STATUS_USAGE = 2,	/* bad option, bad or unreadable input file */
	STATUS_HOST = 4,	/* host problem: KVM missing, out of memory */
	STATUS_GUEST_FAULT = 8, /* KVM internal error, failed entry */
};

#endif
