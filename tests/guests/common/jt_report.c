/* jt_report.c: a test guest's identity, its command line, and its PASS/FAIL
 * exit. */
#include "jt.h"

#include <stdarg.h>

#include "abi/debug_ports.h"
#include "rt/console.h"
#include "rt/fmt.h"

/*
 * Plain (zeroed) statics set at run time: no pointers in initialised data,
 * so the same code also links into position-independent guests.
 */
static const char *jt_name;
static const char *jt_cmd;

void jt_init(const char *guest_name, const char *cmdline)
{
	jt_name = guest_name;
	jt_cmd = cmdline;
}

const char *jt_cmdline(void)
{
	return jt_cmd ? jt_cmd : "";
}

void jt_echo_cmdline(void)
{
	cprintf("cmdline: %s\n", jt_cmdline());
}

/* One line "<verdict> <guest><sep><text>", the exit POST code, the exit. */
static __attribute__((noreturn)) void jt_leave(const char *verdict,
					       const char *sep, uint8_t code,
					       const char *fmt, va_list ap)
{
	cprintf("%s %s%s", verdict, jt_name ? jt_name : "test-guest", sep);
	vcprintf(fmt, ap);
	console_write("\n", 1);
	post_code(JT_POST_EXIT);
	debug_exit(code);
}

void jt_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	jt_leave("FAIL", ": ", DEBUG_EXIT_FAIL, fmt, ap);
}

void jt_pass(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	jt_leave("PASS", " ", DEBUG_EXIT_PASS, fmt, ap);
}
