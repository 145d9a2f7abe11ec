/* ptyrun.c: run a command on a fresh terminal, script its keystrokes, check the
 * terminal after. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/*
 * ptyrun [--timeout SEC] STEP... -- COMMAND [ARG...]
 *   --wait TEXT    wait until TEXT has appeared in the output
 *   --send TEXT    type TEXT (escapes: \xNN \n \r \t \\)
 *   --signal NAME  send TERM, INT, HUP or QUIT to the command
 *   --pause MS     wait that long
 * The command's output is copied to stdout. When it exits, the terminal's
 * settings are compared with those it was given, and "ptyrun: terminal
 * restored" or "ptyrun: terminal NOT restored" is printed on stderr. The
 * exit status is the command's, 128 + N if a signal N ended it, and 125
 * when ptyrun itself fails (a --wait timed out, bad usage).
 */

static char output[1 << 20];
static size_t outlen;
static int master = -1;
static pid_t child;
static double deadline;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static __attribute__((noreturn)) void die(const char *why, const char *what)
{
	fprintf(stderr, "ptyrun: %s%s%s\n", why, what ? ": " : "",
		what ? what : "");
	if (child > 0)
		kill(child, SIGKILL);
	exit(125);
}

/* Read whatever the command wrote within ms: 2 if it wrote something,
 * 1 if nothing yet, 0 at the end of its output. */
static int pump(int ms)
{
	struct pollfd p = { .fd = master, .events = POLLIN };
	char buf[4096];
	ssize_t n;

	if (poll(&p, 1, ms) <= 0)
		return 1;
	n = read(master, buf, sizeof(buf));
	if (n <= 0)
		return 0; /* EIO: the command closed the terminal */
	fwrite(buf, 1, (size_t)n, stdout);
	fflush(stdout);
	if (outlen + (size_t)n < sizeof(output) - 1) {
		memcpy(output + outlen, buf, (size_t)n);
		outlen += (size_t)n;
		output[outlen] = '\0';
	}
	return 2;
}

static void wait_for(const char *text)
{
	while (!memmem(output, outlen, text, strlen(text))) {
		if (now() > deadline)
			die("timed out waiting for", text);
		if (!pump(50))
			die("output ended before", text);
	}
}

static size_t unescape(const char *s, char *out)
{
	size_t n = 0;

	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			out[n++] = *s;
			continue;
		}
		s++;
		if (*s == 'x' && s[1] && s[2]) {
			char hex[3] = { s[1], s[2], 0 };

			out[n++] = (char)strtol(hex, NULL, 16);
			s += 2;
		} else {
			out[n++] = *s == 'n'   ? '\n'
				   : *s == 'r' ? '\r'
				   : *s == 't' ? '\t'
					       : *s;
		}
	}
	return n;
}

static int signal_number(const char *name)
{
	static const struct {
		const char *name;
		int sig;
	} sigs[] = {
		{ "TERM", SIGTERM },
		{ "INT", SIGINT },
		{ "HUP", SIGHUP },
		{ "QUIT", SIGQUIT },
	};

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (!strcmp(name, sigs[i].name))
			return sigs[i].sig;
	die("unknown signal", name);
}

static int same_settings(const struct termios *a, const struct termios *b)
{
	return a->c_iflag == b->c_iflag && a->c_oflag == b->c_oflag &&
	       a->c_cflag == b->c_cflag && a->c_lflag == b->c_lflag &&
	       !memcmp(a->c_cc, b->c_cc, sizeof(a->c_cc));
}

int main(int argc, char **argv)
{
	struct termios before, after;
	int first = 1, slave, status;
	double timeout = 30;
	char name[256];

	while (first < argc && strcmp(argv[first], "--")) {
		if (!strcmp(argv[first], "--timeout") && first + 1 < argc)
			timeout = atof(argv[first + 1]);
		first += 2;
	}
	if (first + 1 >= argc)
		die("usage: ptyrun [--timeout SEC] STEP... -- COMMAND [ARG...]",
		    NULL);
	if (openpty(&master, &slave, name, NULL, NULL) < 0)
		die("openpty", strerror(errno));
	tcgetattr(slave, &before);
	child = fork();
	if (child < 0)
		die("fork", strerror(errno));
	if (child == 0) {
		close(master);
		setsid();
		ioctl(slave, TIOCSCTTY, 0);
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		if (slave > 2)
			close(slave);
		execvp(argv[first + 1], argv + first + 1);
		fprintf(stderr, "ptyrun: cannot run %s: %s\n", argv[first + 1],
			strerror(errno));
		_exit(127);
	}
	deadline = now() + timeout;
	for (int i = 1; i < first; i += 2) {
		const char *arg = argv[i + 1];
		char buf[1024];

		if (!strcmp(argv[i], "--wait")) {
			wait_for(arg);
		} else if (!strcmp(argv[i], "--send")) {
			if (write(master, buf, unescape(arg, buf)) < 0)
				die("write", strerror(errno));
		} else if (!strcmp(argv[i], "--signal")) {
			kill(child, signal_number(arg));
		} else if (!strcmp(argv[i], "--pause")) {
			double until = now() + atof(arg) / 1000;

			while (now() < until)
				pump(10);
		} else if (strcmp(argv[i], "--timeout")) {
			die("unknown step", argv[i]);
		}
	}
	while (waitpid(child, &status, WNOHANG) == 0) {
		if (now() > deadline)
			die("timed out waiting for the command to exit", NULL);
		pump(20);
	}
	while (pump(0) == 2 && now() < deadline)
		; /* what it wrote just before exiting */
	tcgetattr(slave, &after);
	fprintf(stderr, "ptyrun: terminal %s\n",
		same_settings(&before, &after) ? "restored" : "NOT restored");
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
