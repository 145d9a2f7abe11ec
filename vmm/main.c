/* main.c: jiffy's entry point (placeholder while the core is built). */
#include <stdio.h>

int main(void)
{
	puts("jiffy: under construction");
	return 0;
}
