/* trace.c: timestamped events in a fixed array, printed at exit. */
#include "trace.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#define MAX_EVENTS 4096

enum kind { PHASE, POST, BOOT_TIMER };

struct event {
	atomic_bool ready; /* set last: printing skips half-written events */
	uint64_t ns;
	enum kind kind;
	uint8_t code;
	char text[96];
};

static struct event events[MAX_EVENTS];
static atomic_uint nevents;
static atomic_uint dropped;
static bool enabled;
static uint64_t t0_ns;

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Before main: the earliest point we get to estimate the start. */
__attribute__((constructor)) static void trace_init(void)
{
	t0_ns = clock_ns(CLOCK_MONOTONIC) - clock_ns(CLOCK_PROCESS_CPUTIME_ID);
}

void trace_enable(void)
{
	enabled = true;
}

bool trace_enabled(void)
{
	return enabled;
}

double trace_now_ms(void)
{
	return (double)(clock_ns(CLOCK_MONOTONIC) - t0_ns) / 1e6;
}

static struct event *claim(void)
{
	unsigned i = atomic_fetch_add(&nevents, 1);

	if (i >= MAX_EVENTS) {
		atomic_fetch_add(&dropped, 1);
		return NULL;
	}
	events[i].ns = clock_ns(CLOCK_MONOTONIC);
	return &events[i];
}

void trace_phase(const char *what)
{
	struct event *e;

	if (!enabled || !(e = claim()))
		return;
	e->kind = PHASE;
	strncpy(e->text, what, sizeof(e->text) - 1);
	atomic_store_explicit(&e->ready, true, memory_order_release);
}

void trace_phasef(const char *fmt, ...)
{
	struct event *e;
	va_list ap;

	if (!enabled || !(e = claim()))
		return;
	e->kind = PHASE;
	va_start(ap, fmt);
	vsnprintf(e->text, sizeof(e->text), fmt, ap);
	va_end(ap);
	atomic_store_explicit(&e->ready, true, memory_order_release);
}

void trace_post(uint8_t code, bool boot_timer)
{
	struct event *e;

	if (!enabled || !(e = claim()))
		return;
	e->kind = boot_timer ? BOOT_TIMER : POST;
	e->code = code;
	atomic_store_explicit(&e->ready, true, memory_order_release);
}

void trace_print(FILE *out)
{
	unsigned n = atomic_load(&nevents);

	if (!enabled)
		return;
	if (n > MAX_EVENTS)
		n = MAX_EVENTS;
	fprintf(out, "jiffy trace: milliseconds since process start\n");
	for (unsigned i = 0; i < n; i++) {
		const struct event *e = &events[i];
		double ms = (double)(e->ns - t0_ns) / 1e6;

		if (!atomic_load_explicit(&e->ready, memory_order_acquire))
			continue;
		switch (e->kind) {
		case PHASE:
			fprintf(out, "%10.3f  %s\n", ms, e->text);
			break;
		case POST:
			fprintf(out, "%10.3f  post 0x%02x\n", ms, e->code);
			break;
		case BOOT_TIMER:
			fprintf(out, "%10.3f  boot timer %u (MMIO)\n", ms,
				e->code);
			break;
		}
	}
	if (atomic_load(&dropped))
		fprintf(out, "            (%u later events not recorded)\n",
			atomic_load(&dropped));
}
