/* stopwatch.c: runs a VMM, timing its start to a guest output marker and to exit. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * Built static so that it runs inside the nested harness's first-level
 * guest, which has no C library. The VMM's stdout (the guest's serial
 * console) passes through a pipe and is copied to our stdout; the time of
 * the first occurrence of the marker is what "boot to user space" means in
 * the harness and the benchmark. Busybox's date has no sub-second clock.
 */
#define STATUS_TIMEOUT 124 /* as timeout(1) */

struct watch {
	const char *marker;
	size_t mlen;
	char tail[256]; /* last bytes seen, for markers split across reads */
	size_t tlen;
	double start, marker_ms, exit_ms;
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: stopwatch [-t SECONDS] [-m MARKER] [-r FILE] -- CMD [ARG...]\n"
		"Run CMD with its stdout copied to ours; write to FILE (default\n"
		"stderr) \"status=N marker_ms=T exit_ms=T\": CMD's exit status (124\n"
		"after a timeout, 128+N after signal N), the time from start to the\n"
		"first MARKER on its stdout (-1 if never) and to its exit.\n");
	exit(2);
}

static void write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return; /* our reader went away: keep timing anyway */
		p += w;
		n -= (size_t)w;
	}
}

/* Look for the marker in what came before (tail) joined with @buf. */
static void scan(struct watch *w, const char *buf, size_t n)
{
	char join[sizeof(w->tail) + 4096];
	size_t jn, keep;

	if (!w->marker || w->marker_ms >= 0)
		return;
	memcpy(join, w->tail, w->tlen);
	memcpy(join + w->tlen, buf, n);
	jn = w->tlen + n;
	if (memmem(join, jn, w->marker, w->mlen)) {
		w->marker_ms = now_ms() - w->start;
		return;
	}
	keep = w->mlen - 1 < jn ? w->mlen - 1 : jn;
	memcpy(w->tail, join + jn - keep, keep);
	w->tlen = keep;
}

/* Copy the child's output until EOF or the deadline; false on timeout. */
static int pump(struct watch *w, int fd, double deadline)
{
	char buf[4096];

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		double left = deadline - now_ms();
		ssize_t n;

		if (left <= 0)
			return 0;
		if (poll(&p, 1, (int)left + 1) < 0 && errno != EINTR)
			return 0;
		if (!p.revents)
			continue;
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 1;
		scan(w, buf, (size_t)n);
		write_all(STDOUT_FILENO, buf, (size_t)n);
	}
}

/* Reap @pid, killing its process group at the deadline. */
static int reap(pid_t pid, double deadline, int timed_out)
{
	int st;

	for (;;) {
		pid_t r = waitpid(pid, &st, timed_out ? 0 : WNOHANG);

		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return 127;
		if (!timed_out && now_ms() >= deadline) {
			kill(-pid, SIGKILL);
			timed_out = 1;
		} else if (!timed_out) {
			usleep(1000);
		}
	}
	if (timed_out)
		return STATUS_TIMEOUT;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(int argc, char **argv)
{
	struct watch w = { .marker_ms = -1 };
	const char *result = NULL;
	double timeout_s = 600, deadline;
	int fds[2], opt, status, ok;
	FILE *out = stderr;
	pid_t pid;

	while ((opt = getopt(argc, argv, "+t:m:r:")) != -1) {
		if (opt == 't')
			timeout_s = atof(optarg);
		else if (opt == 'm')
			w.marker = optarg;
		else if (opt == 'r')
			result = optarg;
		else
			usage();
	}
	if (optind >= argc || timeout_s <= 0 ||
	    (w.marker && (!*w.marker || strlen(w.marker) >= sizeof(w.tail))))
		usage();
	w.mlen = w.marker ? strlen(w.marker) : 0;
	if (pipe(fds) < 0) {
		perror("stopwatch: pipe");
		return 127;
	}
	w.start = now_ms();
	deadline = w.start + timeout_s * 1e3;
	pid = fork();
	if (pid < 0) {
		perror("stopwatch: fork");
		return 127;
	}
	if (pid == 0) {
		setpgid(0, 0); /* so a timeout kills the VMM's helpers too */
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "stopwatch: %s: %s\n", argv[optind],
			strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	ok = pump(&w, fds[0], deadline);
	if (!ok)
		kill(-pid, SIGKILL);
	status = reap(pid, deadline, !ok);
	w.exit_ms = now_ms() - w.start;
	close(fds[0]);

	if (result && !(out = fopen(result, "w"))) {
		perror(result);
		return 127;
	}
	fprintf(out, "status=%d marker_ms=%.3f exit_ms=%.3f\n", status,
		w.marker_ms, w.exit_ms);
	if (out != stderr)
		fclose(out);
	return status;
}
