/* boot_error.h: how lib/boot parsers explain a refusal without printing. */
#ifndef BOOT_BOOT_ERROR_H
#define BOOT_BOOT_ERROR_H

/*
 * A parser that refuses an input returns -Exxx and leaves a one-line
 * explanation naming the field and the value in err->msg ("PT_LOAD 2 ends
 * at 0x... beyond the end of the file (0x... bytes)"). The caller prefixes
 * the file name and prints it. err may be NULL when nobody wants the text.
 */
struct boot_error {
	char msg[200];
};

int boot_fail(struct boot_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
