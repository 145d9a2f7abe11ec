/* payload.h: finds a bzImage's compressed kernel and unpacks it to vmlinux. */
#ifndef BOOT_PAYLOAD_H
#define BOOT_PAYLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A bzImage carries the kernel proper (an ELF vmlinux) compressed, at
 * payload_offset from the start of its protected-mode code, and ends the
 * payload with the uncompressed size as a little-endian u32. Unpacking it
 * gives the ELF a PVH loader needs. Code using the decoders links
 * PAYLOAD_LDLIBS (liblz4, zlib, liblzma, libzstd).
 */
enum payload_format {
	PAYLOAD_UNKNOWN,
	PAYLOAD_NONE, /* CONFIG_KERNEL_UNCOMPRESSED: the ELF as is */
	PAYLOAD_GZIP,
	PAYLOAD_XZ,
	PAYLOAD_LZMA, /* legacy .lzma ("LZMA alone") */
	PAYLOAD_LZ4,  /* legacy frame, 8 MiB blocks */
	PAYLOAD_ZSTD,
	PAYLOAD_BZIP2, /* recognised, not supported */
	PAYLOAD_LZO,   /* recognised, not supported */
};

struct payload {
	const uint8_t *data; /* inside the image; includes the size trailer */
	size_t len;
	uint64_t offset; /* of data in the image file */
	enum payload_format format;
	uint32_t
		unpacked_size; /* from the trailer: what the stream must give */
};

/* liblzma's decoders are refused dictionaries that need more than this. */
#define PAYLOAD_LZMA_MEMLIMIT (256u << 20)

/* "gzip", "xz", ...; "unknown" for PAYLOAD_UNKNOWN. */
const char *payload_format_name(enum payload_format format);

/* The format whose signature starts @data, or PAYLOAD_UNKNOWN. */
enum payload_format payload_detect(const void *data, size_t len);

/*
 * Locate the payload of the bzImage @image (@len bytes) through its setup
 * header and identify its format. Returns 0, -ENOEXEC if @image is not a
 * bzImage (boot flag or "HdrS" missing), -EPROTO if its boot protocol is
 * older than 2.08 (no payload fields), -ERANGE if the payload does not lie
 * inside the file or is too short for a format signature and trailer,
 * -EBADMSG for an unknown signature, -ENOTSUP for bzip2 or lzo.
 */
int payload_find(const void *image, size_t len, struct payload *p);

/*
 * Unpack @p into @out (@cap bytes) and check the result is an ELF image.
 * Returns 0 with *@out_len = p->unpacked_size, -ENOSPC if @cap is smaller
 * than p->unpacked_size, -EBADMSG for a corrupt or truncated stream or one
 * that does not produce exactly p->unpacked_size bytes, -ENOEXEC if the
 * result is not an ELF, -ENOMEM if a decoder could not get its memory.
 */
int payload_decompress(const struct payload *p, void *out, size_t cap,
		       size_t *out_len);

/*
 * As payload_decompress() into a buffer of p->unpacked_size bytes taken
 * with malloc(); the caller frees *@out. Returns -EFBIG if the trailer
 * claims more than @max_size bytes, without allocating.
 */
int payload_extract(const struct payload *p, size_t max_size, void **out,
		    size_t *out_len);

/* True if @buf starts with a little-endian ELF32/ELF64 header. */
bool payload_is_elf(const void *buf, size_t len);

#endif
