/* extract-vmlinux.c: writes the ELF vmlinux unpacked from a bzImage payload. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boot/payload.h"

/* Linux's own KERNEL_IMAGE_SIZE is at most 1 GiB: nothing real is larger. */
#define EXTRACT_MAX_SIZE (1ul << 30)

static const char *prog = "extract-vmlinux";

static void usage(FILE *f)
{
	fprintf(f,
		"usage: %s [-v] BZIMAGE OUT\n"
		"Unpack the kernel payload of BZIMAGE (gzip, xz, lzma, lz4 or "
		"zstd)\n"
		"and write the uncompressed ELF vmlinux, bootable through PVH, "
		"to OUT.\n"
		"  -v  print the payload's format, offset and sizes\n",
		prog);
}

static const char *find_error(int err)
{
	switch (err) {
	case -ENOEXEC:
		return "not a bzImage (no boot flag or \"HdrS\" setup header)";
	case -EPROTO:
		return "boot protocol older than 2.08 has no payload fields";
	case -ERANGE:
		return "payload_offset/payload_length point outside the file";
	case -EBADMSG:
		return "payload has no known compression signature";
	case -ENOTSUP:
		return "payload compression (bzip2 or lzo) is not supported";
	default:
		return strerror(-err);
	}
}

static const char *unpack_error(int err)
{
	switch (err) {
	case -EBADMSG:
		return "payload is corrupt or truncated, or its size trailer "
		       "is wrong";
	case -ENOEXEC:
		return "unpacked payload is not an ELF image";
	case -EFBIG:
		return "size trailer claims more than 1 GiB";
	default:
		return strerror(-err);
	}
}

static int map_file(const char *path, const void **data, size_t *len)
{
	struct stat st;
	void *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size == 0) {
		fprintf(stderr, "%s: %s: not a regular, non-empty file\n", prog,
			path);
		close(fd);
		return -1;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return -1;
	}
	*data = p;
	*len = (size_t)st.st_size;
	return 0;
}

/* Write through a temporary name so OUT is never left half written. */
static int write_file(const char *path, const void *data, size_t len)
{
	size_t n = strlen(path) + sizeof(".tmp");
	char *tmp = malloc(n);
	const char *p = data;
	int fd;

	if (!tmp)
		return -1;
	snprintf(tmp, n, "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		goto out_err;
	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto out_close;
		p += w;
		len -= (size_t)w;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0)
		goto out_unlink;
	free(tmp);
	return 0;

out_close:
	close(fd);
out_unlink:
	unlink(tmp);
out_err:
	fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
	free(tmp);
	return -1;
}

int main(int argc, char **argv)
{
	struct payload p;
	const void *image;
	size_t len, out_len;
	void *vmlinux;
	int verbose = 0, ret;

	if (argc > 1 &&
	    (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		usage(stdout);
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "-v")) {
		verbose = 1;
		argv++;
		argc--;
	}
	if (argc != 3) {
		usage(stderr);
		return 2;
	}
	if (map_file(argv[1], &image, &len))
		return 1;
	ret = payload_find(image, len, &p);
	if (ret) {
		fprintf(stderr, "%s: %s: %s\n", prog, argv[1], find_error(ret));
		return 1;
	}
	ret = payload_extract(&p, EXTRACT_MAX_SIZE, &vmlinux, &out_len);
	if (ret) {
		fprintf(stderr, "%s: %s: %s payload at offset %#llx: %s\n",
			prog, argv[1], payload_format_name(p.format),
			(unsigned long long)p.offset, unpack_error(ret));
		return 1;
	}
	if (write_file(argv[2], vmlinux, out_len))
		return 1;
	if (verbose)
		printf("%s: %s payload at offset %#llx, %zu bytes -> %zu "
		       "bytes\n",
		       argv[1], payload_format_name(p.format),
		       (unsigned long long)p.offset, p.len, out_len);
	free(vmlinux);
	return 0;
}
