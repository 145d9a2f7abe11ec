/* qtest.c: a stopped QEMU driven through its qtest protocol, as a differential-test target. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "target.h"

#define QT_TIMEOUT_MS 20000
#define QT_MAX_ARGS 64
#define QT_BATCH 512     /* pipelined commands between reads */
#define QT_MEM_CHUNK 32768

struct qtest {
	struct target t;
	pid_t pid;
	int to, from;
	FILE *cmd;
	char errfile[64];
	char buf[1 << 20];
	size_t have;
	char line[QT_MEM_CHUNK * 2 + 64];
};

static void qt_fail(struct qtest *q, const char *what)
{
	char tail[256] = "";
	FILE *f;

	if (q->t.failed)
		return;
	q->t.failed = true;
	f = fopen(q->errfile, "r");
	if (f) {
		size_t n = fread(tail, 1, sizeof(tail) - 1, f);

		tail[n] = '\0';
		fclose(f);
	}
	snprintf(q->t.why, sizeof(q->t.why), "QEMU %s; stderr: %s", what, tail);
}

/* The next response line ("OK ..."), skipping interrupt notices. */
static const char *qt_line(struct qtest *q)
{
	for (;;) {
		char *nl = memchr(q->buf, '\n', q->have);
		struct pollfd p = { q->from, POLLIN, 0 };
		ssize_t n;

		if (nl) {
			size_t len = (size_t)(nl - q->buf);

			if (len >= sizeof(q->line))
				len = sizeof(q->line) - 1;
			memcpy(q->line, q->buf, len);
			q->line[len] = '\0';
			q->have -= (size_t)(nl + 1 - q->buf);
			memmove(q->buf, nl + 1, q->have);
			if (!strncmp(q->line, "IRQ", 3))
				continue;
			if (strncmp(q->line, "OK", 2)) {
				qt_fail(q, "refused a command");
				return NULL;
			}
			return q->line;
		}
		if (q->t.failed)
			return NULL;
		if (poll(&p, 1, QT_TIMEOUT_MS) <= 0) {
			qt_fail(q, "did not answer in time");
			return NULL;
		}
		n = read(q->from, q->buf + q->have, sizeof(q->buf) - q->have);
		if (n <= 0) {
			qt_fail(q, "exited");
			return NULL;
		}
		q->have += (size_t)n;
	}
}

static uint64_t qt_value(struct qtest *q)
{
	const char *l = qt_line(q);

	return l && strlen(l) > 3 ? strtoull(l + 3, NULL, 0) : 0;
}

static void qt_send(struct qtest *q, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void qt_send(struct qtest *q, const char *fmt, ...)
{
	va_list ap;

	if (q->t.failed)
		return;
	va_start(ap, fmt);
	vfprintf(q->cmd, fmt, ap);
	va_end(ap);
}

static const char *const qt_sz[] = { NULL, "b", "w", NULL, "l", NULL, NULL, NULL, "q" };

/* "outw 0x510 0x19", "readq 0x9020010"...: one command, its value. */
static uint64_t qt_io(struct target *t, const char *op, unsigned size,
		      uint64_t addr, const uint64_t *v)
{
	struct qtest *q = (struct qtest *)t;

	if (v)
		qt_send(q, "%s%s 0x%" PRIx64 " 0x%" PRIx64 "\n", op, qt_sz[size],
			addr, *v);
	else
		qt_send(q, "%s%s 0x%" PRIx64 "\n", op, qt_sz[size], addr);
	fflush(q->cmd);
	return qt_value(q);
}

static void qt_out(struct target *t, uint16_t port, unsigned size, uint32_t v)
{
	uint64_t v64 = v;

	qt_io(t, "out", size, port, &v64);
}

static uint32_t qt_in(struct target *t, uint16_t port, unsigned size)
{
	return (uint32_t)qt_io(t, "in", size, port, NULL);
}

static void qt_mmio_wr(struct target *t, uint64_t addr, unsigned size,
		       uint64_t v)
{
	qt_io(t, "write", size, addr, &v);
}

static uint64_t qt_mmio_rd(struct target *t, uint64_t addr, unsigned size)
{
	return qt_io(t, "read", size, addr, NULL);
}

static void qt_in_rep(struct target *t, uint16_t port, uint8_t *buf, uint32_t n)
{
	struct qtest *q = (struct qtest *)t;
	uint32_t i, j, batch;

	/* Pipelined, in batches small enough not to fill both pipes. */
	for (i = 0; i < n; i += batch) {
		batch = n - i < QT_BATCH ? n - i : QT_BATCH;
		for (j = 0; j < batch; j++)
			qt_send(q, "inb 0x%x\n", port);
		fflush(q->cmd);
		for (j = 0; j < batch; j++)
			buf[i + j] = (uint8_t)qt_value(q);
	}
}

static void qt_mem_wr(struct target *t, uint64_t gpa, const void *buf, size_t n)
{
	struct qtest *q = (struct qtest *)t;
	const uint8_t *p = buf;
	size_t i, c;

	for (; n; n -= c, gpa += c, p += c) {
		c = n < QT_MEM_CHUNK ? n : QT_MEM_CHUNK;
		qt_send(q, "write 0x%" PRIx64 " 0x%zx 0x", gpa, c);
		for (i = 0; i < c; i++)
			qt_send(q, "%02x", p[i]);
		qt_send(q, "\n");
		fflush(q->cmd);
		qt_line(q);
	}
}

static void qt_mem_rd(struct target *t, uint64_t gpa, void *buf, size_t n)
{
	struct qtest *q = (struct qtest *)t;
	uint8_t *p = buf;
	size_t i, c;

	memset(buf, 0, n);
	for (; n; n -= c, gpa += c, p += c) {
		const char *l;

		c = n < QT_MEM_CHUNK ? n : QT_MEM_CHUNK;
		qt_send(q, "read 0x%" PRIx64 " 0x%zx\n", gpa, c);
		fflush(q->cmd);
		l = qt_line(q);
		if (!l || strlen(l) < 5 + 2 * c)
			return;
		for (i = 0; i < c; i++) {
			char hex[3] = { l[5 + 2 * i], l[6 + 2 * i], 0 };

			p[i] = (uint8_t)strtoul(hex, NULL, 16);
		}
	}
}

static void qt_close(struct target *t)
{
	struct qtest *q = (struct qtest *)t;

	fclose(q->cmd);
	close(q->from);
	kill(q->pid, SIGKILL);
	waitpid(q->pid, NULL, 0);
	unlink(q->errfile);
	free(q);
}

static const struct target_ops qt_ops = {
	qt_out, qt_in, qt_in_rep, qt_mmio_wr, qt_mmio_rd, qt_mem_wr, qt_mem_rd,
	qt_close,
};

struct target *qtest_start(const char *qemu, const char *const *args,
			   char *err, size_t errlen)
{
	const char *argv[QT_MAX_ARGS] = { qemu, "-display", "none", "-nodefaults",
					  "-qtest", "stdio", "-S" };
	struct qtest *q = calloc(1, sizeof(*q));
	int in[2], out[2], efd, n = 7;

	while (*args && n < QT_MAX_ARGS - 1)
		argv[n++] = *args++;
	snprintf(q->errfile, sizeof(q->errfile), "/tmp/fw_cfg_qtest.%d.%p", getpid(), (void *)q);
	efd = open(q->errfile, O_CREAT | O_TRUNC | O_WRONLY, 0600);
	if (efd < 0 || pipe(in) || pipe(out)) {
		snprintf(err, errlen, "cannot set up pipes: %s", strerror(errno));
		free(q);
		return NULL;
	}
	q->pid = fork();
	if (q->pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(efd, 2);
		close(in[1]);
		close(out[0]);
		execvp(qemu, (char *const *)argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	close(efd);
	q->to = in[1];
	q->from = out[0];
	q->cmd = fdopen(q->to, "w");
	q->t.name = "QEMU";
	q->t.ops = &qt_ops;
	/* A first command proves QEMU is up (or tells why it is not). */
	qt_send(q, "endianness\n");
	fflush(q->cmd);
	qt_line(q);
	if (q->t.failed) {
		snprintf(err, errlen, "%s", q->t.why);
		qt_close(&q->t);
		return NULL;
	}
	return &q->t;
}
