/* payload_codecs.c: bzImage payload decoders on zlib, liblzma, lz4, zstd. */
#include <errno.h>
#include <limits.h>

#include <lz4.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "boot/payload.h"
#include "boot/payload_codecs.h"

/* Legacy LZ4 frame: magic, then {u32 LE size; block} with 8 MiB outputs. */
#define LZ4_LEGACY_MAGIC 0x184c2102u
#define LZ4_LEGACY_BLOCK (8u << 20)

static uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

int payload_gunzip(const uint8_t *in, size_t in_len, uint8_t *out, size_t want)
{
	z_stream s = { 0 };
	int ret;

	/* Payload sizes come from u32 header fields, so they fit uInt. */
	if (in_len > UINT_MAX || want > UINT_MAX)
		return -EBADMSG;
	/* 16 + MAX_WBITS: a gzip wrapper, whose CRC and ISIZE zlib checks. */
	if (inflateInit2(&s, 16 + MAX_WBITS) != Z_OK)
		return -ENOMEM;
	s.next_in = (Bytef *)in;
	s.avail_in = (uInt)in_len;
	s.next_out = out;
	s.avail_out = (uInt)want;
	ret = inflate(&s, Z_FINISH);
	if (ret == Z_STREAM_END && s.total_out != want)
		ret = Z_DATA_ERROR;
	inflateEnd(&s);
	if (ret == Z_MEM_ERROR)
		return -ENOMEM;
	return ret == Z_STREAM_END ? 0 : -EBADMSG;
}

static int lzma_errno(lzma_ret ret)
{
	return ret == LZMA_MEM_ERROR || ret == LZMA_MEMLIMIT_ERROR ? -ENOMEM
								   : -EBADMSG;
}

int payload_unxz(const uint8_t *in, size_t in_len, uint8_t *out, size_t want)
{
	uint64_t memlimit = PAYLOAD_LZMA_MEMLIMIT;
	size_t in_pos = 0, out_pos = 0;
	lzma_ret ret;

	ret = lzma_stream_buffer_decode(&memlimit, 0, NULL, in, &in_pos, in_len,
					out, &out_pos, want);
	if (ret != LZMA_OK)
		return lzma_errno(ret);
	return out_pos == want ? 0 : -EBADMSG;
}

int payload_unlzma(const uint8_t *in, size_t in_len, uint8_t *out, size_t want)
{
	lzma_stream s = LZMA_STREAM_INIT;
	lzma_ret ret;

	ret = lzma_alone_decoder(&s, PAYLOAD_LZMA_MEMLIMIT);
	if (ret != LZMA_OK)
		return lzma_errno(ret);
	s.next_in = in;
	s.avail_in = in_len;
	s.next_out = out;
	s.avail_out = want;
	/*
	 * LZMA_OK means "call again"; a call that can make no progress (input
	 * used up, or no room for more output) returns LZMA_BUF_ERROR.
	 */
	do
		ret = lzma_code(&s, LZMA_FINISH);
	while (ret == LZMA_OK);
	if (ret == LZMA_STREAM_END && s.total_out != want)
		ret = LZMA_DATA_ERROR;
	lzma_end(&s);
	return ret == LZMA_STREAM_END ? 0 : lzma_errno(ret);
}

int payload_unlz4_legacy(const uint8_t *in, size_t in_len, uint8_t *out,
			 size_t want)
{
	size_t pos = 4, done = 0;

	if (in_len < 4 || get_le32(in) != LZ4_LEGACY_MAGIC)
		return -EBADMSG;
	while (pos < in_len) {
		uint32_t csize;
		size_t room;
		int n;

		if (in_len - pos < 4)
			return -EBADMSG;
		csize = get_le32(in + pos);
		pos += 4;
		/* Concatenated frames: the next one's magic reads as a size. */
		if (csize == LZ4_LEGACY_MAGIC)
			continue;
		if (csize == 0 || csize > in_len - pos ||
		    csize > (uint32_t)LZ4_compressBound(LZ4_LEGACY_BLOCK))
			return -EBADMSG;
		room = want - done;
		if (room > LZ4_LEGACY_BLOCK)
			room = LZ4_LEGACY_BLOCK;
		if (room == 0)
			return -EBADMSG; /* more blocks than output */
		n = LZ4_decompress_safe((const char *)in + pos,
					(char *)out + done, (int)csize,
					(int)room);
		if (n <= 0)
			return -EBADMSG;
		done += (size_t)n;
		pos += csize;
	}
	return done == want ? 0 : -EBADMSG;
}

int payload_unzstd(const uint8_t *in, size_t in_len, uint8_t *out, size_t want)
{
	size_t n = ZSTD_decompress(out, want, in, in_len);

	if (ZSTD_isError(n))
		return ZSTD_getErrorCode(n) == ZSTD_error_memory_allocation
			       ? -ENOMEM
			       : -EBADMSG;
	return n == want ? 0 : -EBADMSG;
}
