/* detect.c: kernel format detection; plain-words description of other files. */
#include "boot/detect.h"

#include <string.h>

#include "boot/bzimage.h"
#include "boot/elf.h"
#include "boot/multiboot.h"
#include "rt/fmt.h"

enum kernel_format kernel_detect(const void *data, size_t size)
{
	if (bzimage_is_bzimage(data, size))
		return KERNEL_BZIMAGE;
	/* Before ELF, as QEMU does: a multiboot kernel may also be an ELF
	 * file, even one with a PVH note, and is then booted as multiboot. */
	if (mb_is_multiboot(data, size))
		return KERNEL_MULTIBOOT;
	if (elf_is_elf(data, size))
		return KERNEL_ELF;
	return KERNEL_UNKNOWN;
}

struct magic {
	const char *bytes;
	size_t len;
	size_t offset;
	const char *what;
};

static const struct magic magics[] = {
	{ "\x1f\x8b", 2, 0, "gzip-compressed data" },
	{ "\xfd"
	  "7zXZ\0",
	  6, 0, "xz-compressed data" },
	{ "\x28\xb5\x2f\xfd", 4, 0, "zstd-compressed data" },
	{ "\x02\x21\x4c\x18", 4, 0, "lz4-compressed data (legacy frame)" },
	{ "\x04\x22\x4d\x18", 4, 0, "lz4-compressed data" },
	{ "BZh", 3, 0, "bzip2-compressed data" },
	{ "\x89LZO", 4, 0, "lzop-compressed data" },
	{ "070701", 6, 0, "a cpio archive (an initramfs?)" },
	{ "070702", 6, 0, "a cpio archive (an initramfs?)" },
	{ "\x7f"
	  "ELF",
	  4, 0, "an ELF file" },
	{ "MZ", 2, 0,
	  "a PE/COFF (EFI or DOS) executable without a Linux setup header" },
	{ "\x55\xaa", 2, 0x1fe, "a boot sector without a Linux setup header" },
	{ "ustar", 5, 257, "a tar archive" },
	{ "QFI\xfb", 4, 0, "a qcow2 disk image" },
};

static int is_text(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];

		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
			return 0;
		if (c == 0x7f)
			return 0;
	}
	return 1;
}

const char *kernel_describe(const void *data, size_t size, char *buf,
			    size_t len)
{
	const unsigned char *p = data;
	size_t n = size < 512 ? size : 512;

	if (!size) {
		rt_snprintf(buf, len, "an empty file");
		return buf;
	}
	for (size_t i = 0; i < sizeof(magics) / sizeof(magics[0]); i++) {
		const struct magic *m = &magics[i];

		if (size >= m->offset + m->len &&
		    !memcmp(p + m->offset, m->bytes, m->len)) {
			rt_snprintf(buf, len, "%s", m->what);
			return buf;
		}
	}
	if (is_text(p, n)) {
		char first[41];
		size_t k = 0;

		while (k < n && k < sizeof(first) - 1 && p[k] != '\n' &&
		       p[k] != '\r')
			first[k] = (char)p[k], k++;
		first[k] = '\0';
		rt_snprintf(buf, len, "a text file starting \"%s%s\"", first,
			    k < n && p[k] != '\n' && p[k] != '\r' ? "..." : "");
		return buf;
	}
	rt_snprintf(buf, len, "data starting");
	for (size_t i = 0; i < 8 && i < size; i++) {
		size_t used = strlen(buf);

		rt_snprintf(buf + used, len - used, " %02x", p[i]);
	}
	return buf;
}
