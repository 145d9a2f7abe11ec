/* trace.h: --trace: timeline of jiffy's phases and guest progress codes. */
#ifndef VMM_TRACE_H
#define VMM_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Times are milliseconds since the process started (CLOCK_MONOTONIC). The
 * start is estimated once, early, as "now minus the CPU time the process
 * has used", which counts exec and dynamic linking; the error is the time
 * the process spent off-CPU before main, normally microseconds.
 * Recording is lock-free and safe from any thread. When tracing is off,
 * every call returns at once.
 */
void trace_enable(void);
bool trace_enabled(void);

/* A phase; what must be a string that outlives the process (a literal)
 * or is copied (trace_phasef). */
void trace_phase(const char *what);
void trace_phasef(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A progress byte written to port 0x80 (or the boot-timer MMIO byte). */
void trace_post(uint8_t code, bool boot_timer);

/* Milliseconds since process start, now. */
double trace_now_ms(void);

void trace_print(FILE *out);

#endif
