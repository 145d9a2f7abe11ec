/* payload_codecs.h: one-shot decoders for the bzImage payload formats. */
#ifndef BOOT_PAYLOAD_CODECS_H
#define BOOT_PAYLOAD_CODECS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Each decodes the whole stream @in (@in_len bytes, the size trailer not
 * included except for gzip, whose ISIZE is its own) into @out and succeeds
 * only if it produces exactly @want bytes. Returns 0, -EBADMSG for a
 * corrupt, truncated, too long or too short stream, -ENOMEM if the decoder
 * could not allocate its state.
 */
int payload_gunzip(const uint8_t *in, size_t in_len, uint8_t *out, size_t want);
int payload_unxz(const uint8_t *in, size_t in_len, uint8_t *out, size_t want);
int payload_unlzma(const uint8_t *in, size_t in_len, uint8_t *out, size_t want);
int payload_unlz4_legacy(const uint8_t *in, size_t in_len, uint8_t *out,
			 size_t want);
int payload_unzstd(const uint8_t *in, size_t in_len, uint8_t *out, size_t want);

#endif
