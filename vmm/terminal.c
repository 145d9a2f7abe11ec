/* terminal.c: termios raw mode, restored at exit and on signals. */
#include "terminal.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved;
static int saved_fd = -1;

void terminal_restore(void)
{
	/* tcsetattr is async-signal-safe, so handlers may call this. */
	if (saved_fd >= 0)
		tcsetattr(saved_fd, TCSANOW, &saved);
}

static void on_signal(int sig)
{
	terminal_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

bool terminal_raw(int fd)
{
	static const int sigs[] = { SIGTERM, SIGHUP,  SIGQUIT, SIGINT, SIGSEGV,
				    SIGBUS,  SIGABRT, SIGFPE,  SIGILL };
	struct termios raw;

	if (!isatty(fd) || tcgetattr(fd, &saved) < 0)
		return false;
	saved_fd = fd;
	atexit(terminal_restore);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], on_signal);
	raw = saved;
	raw.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
			 ICRNL | IXON);
	raw.c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	raw.c_cflag &= ~(CSIZE | PARENB);
	raw.c_cflag |= CS8;
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	return tcsetattr(fd, TCSANOW, &raw) == 0;
}
