/* eventloop.h: the main thread's poll loop: console I/O and the stop signal. */
#ifndef CORE_EVENTLOOP_H
#define CORE_EVENTLOOP_H

#include <stdbool.h>

#include "core/vm.h"

#define LOOP_MAX 8

typedef void loop_fn(void *ctx);

/* A periodic callback; returns milliseconds until it wants to run
 * again, or -1 for never (until loop_kick). */
typedef int loop_tick_fn(void *ctx);

struct event_loop {
	loop_tick_fn *tick;
	void *tick_ctx;
	unsigned n;
	int fd[LOOP_MAX];
	bool active[LOOP_MAX];
	loop_fn *fn[LOOP_MAX];
	void *ctx[LOOP_MAX];
};

void loop_init(struct event_loop *l);

/* Watch fd for input; returns a handle for loop_set_active, or -1. */
int loop_add(struct event_loop *l, int fd, loop_fn *fn, void *ctx);

/* Stop or resume watching (e.g. stdin while the UART is full). Only
 * call from the loop's own thread (inside a callback). */
void loop_set_active(struct event_loop *l, int handle, bool active);

/* Install the tick; it first runs when the loop starts. */
void loop_set_tick(struct event_loop *l, loop_tick_fn *fn, void *ctx);

/* Run callbacks until the VM stops; returns the VM's exit status. */
int loop_run(struct event_loop *l, struct vm *vm);

#endif
