/* jsum.c: prints "SIZE FIRST LAST" of a file: the initrd sample sums test guests check. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi/checksum.h"

/* Read exactly n bytes at off; 0 on success, else -errno (-EIO if short). */
static int read_at(int fd, unsigned char *buf, size_t n, off_t off)
{
	size_t done = 0;

	while (done < n) {
		ssize_t r = pread(fd, buf + done, n - done, off + done);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return -EIO; /* the file shrank under us */
		done += r;
	}
	return 0;
}

static int jsum_file(const char *path)
{
	unsigned char first[JSUM_SAMPLE], last[JSUM_SAMPLE];
	struct stat st;
	size_t n;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "jsum: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (fstat(fd, &st) < 0) {
		err = -errno;
		goto out_err;
	}
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "jsum: %s: not a regular file\n", path);
		close(fd);
		return 1;
	}
	n = (uint64_t)st.st_size < JSUM_SAMPLE ? (size_t)st.st_size
					       : JSUM_SAMPLE;
	err = read_at(fd, first, n, 0);
	if (!err)
		err = read_at(fd, last, n, st.st_size - n);
	if (err)
		goto out_err;
	close(fd);
	printf("%" PRIu64 " 0x%08" PRIx32 " 0x%08" PRIx32 "\n",
	       (uint64_t)st.st_size, jsum32(first, n), jsum32(last, n));
	return 0;

out_err:
	fprintf(stderr, "jsum: %s: %s\n", path, strerror(-err));
	close(fd);
	return 1;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fprintf(argc < 2 ? stderr : stdout,
			"usage: jsum FILE...\n"
			"Prints \"SIZE FIRST LAST\" per file: the size in bytes "
			"and the jsum32 sums\nof its first and last 4 KiB "
			"(include/abi/checksum.h), as test guests\nexpect them "
			"in jt.initrd=SIZE,FIRST,LAST.\n");
		return argc < 2 ? 2 : 0;
	}
	for (int i = 1; i < argc; i++)
		status |= jsum_file(argv[i]);
	return status;
}
