/* test_boot_detect.c: kernel format detection and describing other files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "boot/detect.h"
#include "image_builder.h"

static struct test_elf te;

/* kernel_describe into a fresh buffer; returns the buffer. */
static const char *describe(const void *data, size_t size)
{
	static char buf[120];

	memset(buf, 'x', sizeof(buf));
	assert_ptr_equal(kernel_describe(data, size, buf, sizeof(buf)), buf);
	return buf;
}

static void formats(void **state)
{
	size_t size;
	uint8_t *f = tbz_default(0x1000, &size);

	assert_int_equal(kernel_detect(f, size), KERNEL_BZIMAGE);
	/* Just long enough for "HdrS" at 0x202, one byte short. */
	assert_int_equal(kernel_detect(f, 0x206), KERNEL_BZIMAGE);
	assert_int_equal(kernel_detect(f, 0x205), KERNEL_UNKNOWN);
	free(f);
	telf_pvh_kernel(&te, true, TPVH_ENTRY, 8);
	f = telf_build(&te, &size);
	assert_int_equal(kernel_detect(f, size), KERNEL_ELF);
	assert_int_equal(kernel_detect(f, 4), KERNEL_ELF);
	assert_int_equal(kernel_detect(f, 3), KERNEL_UNKNOWN);
	free(f);
	assert_int_equal(kernel_detect("", 0), KERNEL_UNKNOWN);
}

static void compressed_and_archives(void **state)
{
	static uint8_t tar[512];

	assert_string_equal(describe("\x1f\x8b\x08\0", 4),
			    "gzip-compressed data");
	assert_string_equal(describe("\3757zXZ\0\0\x04", 8),
			    "xz-compressed data");
	assert_string_equal(describe("\x28\xb5\x2f\xfd\0", 5),
			    "zstd-compressed data");
	assert_string_equal(describe("\x02\x21\x4c\x18\x10\0", 6),
			    "lz4-compressed data (legacy frame)");
	assert_string_equal(describe("\x04\x22\x4d\x18", 4),
			    "lz4-compressed data");
	assert_string_equal(describe("BZh91AY&SY", 10),
			    "bzip2-compressed data");
	assert_string_equal(describe("\x89LZO\0\r\n\x1a\n", 9),
			    "lzop-compressed data");
	assert_string_equal(describe("07070100000001", 14),
			    "a cpio archive (an initramfs?)");
	assert_string_equal(describe("QFI\xfb\0\0\0\x03", 8),
			    "a qcow2 disk image");
	memcpy(tar, "README", 6);
	memcpy(tar + 257, "ustar\00000", 8);
	assert_string_equal(describe(tar, sizeof(tar)), "a tar archive");
	/* A magic cut short is not that format. */
	assert_string_equal(describe("\x02\x21\x4c", 3),
			    "data starting 02 21 4c");
}

static void executables(void **state)
{
	static uint8_t boot[512];
	size_t size;
	uint8_t *f;

	telf_pvh_kernel(&te, false, TPVH_ENTRY, 4);
	f = telf_build(&te, &size);
	assert_string_equal(describe(f, size), "an ELF file");
	free(f);
	assert_string_equal(
		describe("MZ\x90\0", 4),
		"a PE/COFF (EFI or DOS) executable without a Linux setup header");
	boot[0] = 0xeb;
	boot[510] = 0x55;
	boot[511] = 0xaa;
	assert_string_equal(describe(boot, sizeof(boot)),
			    "a boot sector without a Linux setup header");
	assert_string_equal(describe(boot, 511),
			    "data starting eb 00 00 00 00 00 00 00");
}

static void text(void **state)
{
	static const char long_line[] =
		"console=ttyS0 root=/dev/vda rw init=/sbin/init quiet";

	assert_string_equal(describe("", 0), "an empty file");
	assert_string_equal(describe("#!/bin/sh\nexec true\n", 20),
			    "a text file starting \"#!/bin/sh\"");
	assert_string_equal(describe("hello\r\nworld", 12),
			    "a text file starting \"hello\"");
	/* Only the first 40 bytes of a long line, marked as cut. */
	assert_string_equal(
		describe(long_line, sizeof(long_line) - 1),
		"a text file starting \"console=ttyS0 root=/dev/vda rw init=/sbi...\"");
	/* Exactly 40 bytes is the whole file: no mark. */
	assert_string_equal(
		describe(long_line, 40),
		"a text file starting \"console=ttyS0 root=/dev/vda rw init=/sbi\"");
	assert_string_equal(describe("tab\there", 8),
			    "a text file starting \"tab\there\"");
}

static void binary(void **state)
{
	char small[12];

	assert_string_equal(describe("\0\x01\x02\xff\x10\x20\x30\x40\x50", 9),
			    "data starting 00 01 02 ff 10 20 30 40");
	assert_string_equal(describe("\x7f\x01", 2), "data starting 7f 01");
	assert_string_equal(describe("ab\x01", 3), "data starting 61 62 01");
	/* A small buffer is filled, never overrun, and terminated. */
	memset(small, 'x', sizeof(small));
	kernel_describe("\0\x01\x02\x03", 4, small, 10);
	assert_string_equal(small, "data star");
	assert_int_equal(small[10], 'x');
	kernel_describe("\x1f\x8b", 2, small, 5);
	assert_string_equal(small, "gzip");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(formats),
		cmocka_unit_test(compressed_and_archives),
		cmocka_unit_test(executables),
		cmocka_unit_test(text),
		cmocka_unit_test(binary),
	};
	return cmocka_run_group_tests_name("boot_detect", tests, NULL, NULL);
}
