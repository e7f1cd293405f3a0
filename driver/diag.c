#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

static unsigned int troubles;

void trouble(const char *subject, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ptwalk: %s: ", subject);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	troubles++;
}

unsigned int trouble_count(void)
{
	return troubles;
}
