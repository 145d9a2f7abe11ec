/* multiboot_args.c: multiboot modules as command lines spell them. */
#include "boot/multiboot.h"

#include <string.h>

const char *mb_list_next(const char *list, char *item)
{
	const char *p = list;

	for (;;) {
		if (*p == ',' && p[1] == ',') {
			*item++ = ','; /* QEMU's escape for a literal comma */
			p += 2;
		} else if (*p == ',') {
			*item = '\0';
			return p + 1;
		} else if (!*p) {
			*item = '\0';
			return NULL;
		} else {
			*item++ = *p++;
		}
	}
}

unsigned mb_list_count(const char *list)
{
	unsigned n = 1;

	for (const char *p = list; *p; p++) {
		if (*p != ',')
			continue;
		if (p[1] == ',')
			p++; /* an escaped comma */
		else
			n++;
	}
	return n;
}

void mb_module_arg(const char *arg, char *file, char *string)
{
	const char *args = mb_list_next(arg, file);
	size_t n = strlen(file);

	memcpy(string, file, n);
	if (args && *args) {
		string[n++] = ' ';
		memcpy(string + n, args, strlen(args));
		n += strlen(args);
	}
	string[n] = '\0';
}
