/*
 * early.c - a shared library whose constructor writes to stderr, so it
 * may run before withlog's own constructor (preloaded in either order).
 */
#include <stdio.h>
#include <unistd.h>

__attribute__((constructor)) static void
early(void)
{
	fprintf(stderr, "early constructor\n");
	write(2, "early write\n", 12);
}
