/* serial.h: COM1: the 16550A model wired to stdout, stdin and IRQ 4. */
#ifndef DEVICES_SERIAL_H
#define DEVICES_SERIAL_H

#include <stdbool.h>

#include "core/eventloop.h"
#include "core/vm.h"

struct serial;

/*
 * Create COM1 on the port bus. Output goes to out_fd, buffered (flushed at
 * each newline, when full, and promptly otherwise by the main loop); input
 * is read from in_fd by the main loop. With escape set (an interactive
 * terminal), Ctrl-A x quits jiffy and Ctrl-A Ctrl-A sends a Ctrl-A.
 */
struct serial *serial_create(struct vm *vm, struct event_loop *loop, int in_fd,
			     int out_fd, bool escape);

/* Write out whatever output is buffered (at exit). */
void serial_flush(struct serial *s);

#endif
