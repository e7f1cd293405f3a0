/*
 * The fuzz targets' trouble(): formats the message as driver/diag.c does,
 * so the sanitizers see every argument, and then drops it, since
 * remembering millions of them would only measure memory.
 */
#include <stdarg.h>
#include <stdio.h>

#include "diag.h"

static unsigned int troubles;

void trouble(const char *subject, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	(void)subject;
	troubles++;
}

unsigned int trouble_count(void)
{
	return troubles;
}

const struct trouble_entry *trouble_entries(size_t *n)
{
	*n = 0;
	return NULL;
}
