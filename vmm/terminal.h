/* terminal.h: raw mode for an interactive console, always restored. */
#ifndef VMM_TERMINAL_H
#define VMM_TERMINAL_H

#include <stdbool.h>

/*
 * If fd is a terminal, switch it to raw input (no echo, no line editing,
 * no signals from Ctrl-C: the guest does those) while keeping output
 * processing. The original settings come back at exit(), on SIGTERM,
 * SIGHUP and SIGQUIT, and on fatal signals. Returns true if raw mode is on.
 */
bool terminal_raw(int fd);

/* Put the terminal back now (idempotent). */
void terminal_restore(void);

#endif
