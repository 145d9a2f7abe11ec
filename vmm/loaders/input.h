/* input.h: a file from the command line (or built in), open to load. */
#ifndef LOADERS_INPUT_H
#define LOADERS_INPUT_H

#include <stddef.h>
#include <stdint.h>

/*
 * The bytes are available at data (a read-only mapping of the file, or a
 * copy for files that cannot be mapped, or a built-in image). fd is the
 * open file when its pages may be mapped into the guest, else -1.
 */
struct input {
	const char *name; /* as the user wrote it, for messages */
	int fd;
	const uint8_t *data;
	size_t size;
	void *owned; /* heap copy to free, if any */
};

/*
 * Open path for loading. On failure prints "jiffy: OPTION PATH: reason"
 * and returns STATUS_USAGE.
 */
int input_open(struct input *in, const char *option, const char *path);

/* An image linked into jiffy (the demo guest). */
void input_builtin(struct input *in, const char *name, const uint8_t *data,
		   size_t size);

void input_close(struct input *in);

#endif
