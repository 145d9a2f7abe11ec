/* panic.c: a reason on COM1, a failure code on the exit port, then halt: never a silent hang. */
#include <stdarg.h>

#include "abi/debug_ports.h"
#include "fw.h"
#include "rt/console.h"

void fw_panic(const char *fmt, ...)
{
	va_list ap;

	console_puts("jiffy firmware: panic: ");
	va_start(ap, fmt);
	vcprintf(fmt, ap);
	va_end(ap);
	console_puts("\n");
	post_code(POST_FW_PANIC);
	debug_exit(DEBUG_EXIT_PANIC);
}

/* From reset.S: a CPU exception is a firmware bug; say where. */
__attribute__((noreturn)) void fw_exception(uint32_t vector, uint32_t error,
					    uint32_t eip);

void fw_exception(uint32_t vector, uint32_t error, uint32_t eip)
{
	fw_panic("CPU exception %u (error code 0x%x) at 0x%08x", vector, error,
		 eip);
}
