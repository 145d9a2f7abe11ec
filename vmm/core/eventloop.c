/* eventloop.c: poll() over the registered fds plus the VM's stop eventfd. */
#include "core/eventloop.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <unistd.h>

void loop_init(struct event_loop *l)
{
	l->n = 0;
	l->tick = NULL;
}

void loop_set_tick(struct event_loop *l, loop_tick_fn *fn, void *ctx)
{
	l->tick = fn;
	l->tick_ctx = ctx;
}

int loop_add(struct event_loop *l, int fd, loop_fn *fn, void *ctx)
{
	if (l->n == LOOP_MAX)
		return -1;
	l->fd[l->n] = fd;
	l->fn[l->n] = fn;
	l->ctx[l->n] = ctx;
	l->active[l->n] = true;
	return (int)l->n++;
}

void loop_set_active(struct event_loop *l, int handle, bool active)
{
	if (handle >= 0 && (unsigned)handle < l->n)
		l->active[handle] = active;
}

int loop_run(struct event_loop *l, struct vm *vm)
{
	struct pollfd pfd[LOOP_MAX + 1];
	int map[LOOP_MAX + 1];

	int timeout = l->tick ? 0 : -1;

	for (;;) {
		unsigned n = 0;
		int ready;

		pfd[n] = (struct pollfd){ .fd = vm->stop_fd, .events = POLLIN };
		map[n++] = -1;
		for (unsigned i = 0; i < l->n; i++) {
			if (!l->active[i])
				continue;
			pfd[n] = (struct pollfd){ .fd = l->fd[i],
						  .events = POLLIN };
			map[n++] = (int)i;
		}
		ready = poll(pfd, n, timeout);
		if (ready < 0 && errno != EINTR)
			break;
		if (ready > 0 && pfd[0].revents)
			break;
		for (unsigned i = 1; ready > 0 && i < n; i++)
			if (pfd[i].revents)
				l->fn[map[i]](l->ctx[map[i]]);
		/* The tick runs after every wake-up: callbacks may have
		 * changed what it wants (e.g. output started flowing). */
		if (l->tick)
			timeout = l->tick(l->tick_ctx);
	}
	return vm->status;
}
