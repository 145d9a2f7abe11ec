/* input.c: open and map input files, with one clear message per failure. */
#include "loaders/input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "status.h"

#define MAX_UNMAPPABLE \
	(1ull << 32) /* a pipe is read into memory, up to 4 GiB */

static int fail(const char *option, const char *path, const char *why)
{
	fprintf(stderr, "jiffy: %s %s: %s\n", option, path, why);
	return STATUS_USAGE;
}

/* Pipes and other unmappable files: read them whole. */
static int slurp(struct input *in, const char *option, const char *path)
{
	size_t cap = 1 << 20, len = 0;
	uint8_t *buf = malloc(cap);

	while (buf) {
		ssize_t n;

		if (len == cap) {
			uint8_t *bigger = cap < MAX_UNMAPPABLE
						  ? realloc(buf, cap * 2)
						  : NULL;

			if (!bigger) {
				free(buf);
				return fail(option, path,
					    "too large to read into memory");
			}
			buf = bigger;
			cap *= 2;
		}
		n = read(in->fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buf);
			return fail(option, path, strerror(errno));
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (!buf)
		return fail(option, path, "out of memory");
	close(in->fd);
	in->fd = -1;
	in->owned = buf;
	in->data = buf;
	in->size = len;
	return 0;
}

int input_open(struct input *in, const char *option, const char *path)
{
	struct stat st;
	void *p;

	memset(in, 0, sizeof(*in));
	in->name = path;
	in->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (in->fd < 0)
		return fail(option, path, strerror(errno));
	if (fstat(in->fd, &st) < 0)
		return fail(option, path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return fail(option, path, "is a directory");
	if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode))
		return slurp(in, option, path);
	in->size = (size_t)st.st_size;
	if (!in->size) {
		in->data = (const uint8_t *)"";
		return 0;
	}
	p = mmap(NULL, in->size, PROT_READ, MAP_PRIVATE, in->fd, 0);
	if (p == MAP_FAILED)
		return slurp(in, option, path);
	in->data = p;
	return 0;
}

void input_builtin(struct input *in, const char *name, const uint8_t *data,
		   size_t size)
{
	memset(in, 0, sizeof(*in));
	in->name = name;
	in->fd = -1;
	in->data = data;
	in->size = size;
}

void input_close(struct input *in)
{
	if (in->owned)
		free(in->owned);
	else if (in->fd >= 0 && in->size)
		munmap((void *)in->data, in->size);
	if (in->fd >= 0)
		close(in->fd);
	memset(in, 0, sizeof(*in));
	in->fd = -1;
}
