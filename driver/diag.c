#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static struct trouble_entry *entries;
static size_t nentries, capacity;

void trouble(const char *subject, const char *fmt, ...)
{
	va_list ap;
	char *reason;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	reason = xmalloc(len > 0 ? (size_t)len + 1 : 1);
	va_start(ap, fmt);
	vsnprintf(reason, len > 0 ? (size_t)len + 1 : 1, fmt, ap);
	va_end(ap);

	fprintf(stderr, "ptwalk: %s: %s\n", subject, reason);
	if (nentries == capacity) {
		capacity = capacity ? 2 * capacity : 16;
		entries = xrealloc(entries, capacity * sizeof(*entries));
	}
	entries[nentries].subject = xstrdup(subject);
	entries[nentries].reason = reason;
	nentries++;
}

unsigned int trouble_count(void)
{
	return nentries;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct trouble_entry *x = a, *y = b;
	int c = strcmp(x->subject, y->subject);

	return c ? c : strcmp(x->reason, y->reason);
}

const struct trouble_entry *trouble_entries(size_t *n)
{
	qsort(entries, nentries, sizeof(*entries), entry_cmp);
	*n = nentries;
	return entries;
}
