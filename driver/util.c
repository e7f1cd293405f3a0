#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void out_of_memory(void)
{
	fputs("ptwalk: out of memory\n", stderr);
	exit(2);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* FMT with AP as a new string; its length goes to *LEN. */
static char *vformat(const char *fmt, va_list ap, size_t *len)
{
	va_list again;
	int n;
	char *p;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0)
		out_of_memory();
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, again);
	va_end(again);
	*len = (size_t)n;
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	size_t len;
	char *p;

	va_start(ap, fmt);
	p = vformat(fmt, ap, &len);
	va_end(ap);
	return p;
}

void buf_append(struct buf *b, const char *data, size_t len)
{
	if (b->len + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < b->len + len + 1)
			cap *= 2;
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	size_t len;
	char *s;

	va_start(ap, fmt);
	s = vformat(fmt, ap, &len);
	va_end(ap);
	buf_append(b, s, len);
	free(s);
}

char *write_temp_file(const char *template, const char *text, char **why)
{
	const char *tmpdir = getenv("TMPDIR");
	const char *x = strstr(template, "XXXXXX");
	char *path = xasprintf("%s/%s", tmpdir && *tmpdir ? tmpdir : "/tmp",
			       template);
	int fd = mkstemps(path, x ? (int)strlen(x + 6) : 0);
	FILE *f;

	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		*why = xasprintf("%s: cannot create: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		free(path);
		return NULL;
	}
	fputs(text, f);
	if (fclose(f) != 0) {
		*why = xasprintf("%s: cannot write: %s", path, strerror(errno));
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void strvec_push_owned(struct strvec *sv, char *s)
{
	if (sv->n + 2 > sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 16;
		sv->v = xrealloc(sv->v, sv->cap * sizeof(*sv->v));
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

void strvec_push(struct strvec *sv, const char *s)
{
	strvec_push_owned(sv, xstrdup(s));
}

void strvec_free(struct strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

int read_whole_file(const char *path, struct buf *out)
{
	char chunk[65536];
	FILE *f = fopen(path, "r");
	size_t got;
	int err = 0;

	if (!f)
		return errno;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(out, chunk, got);
	if (ferror(f))
		err = errno ? errno : EIO;
	fclose(f);
	/* An empty file still yields a valid empty string. */
	buf_append(out, "", 0);
	return err;
}

bool has_suffix(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

bool is_ident_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_ident_char(int c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

bool is_c_source(const char *name)
{
	return has_suffix(name, ".c") || has_suffix(name, ".h");
}
