/* boot_error.c: formats a parser's refusal into its caller's buffer. */
#include "boot/boot_error.h"

#include <stdarg.h>

#include "rt/fmt.h"

int boot_fail(struct boot_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		rt_vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return code;
}
