/* Small helpers shared by the driver: allocation that cannot fail,
 * growable buffers and string vectors, whole-file reads. */
#ifndef PTWALK_UTIL_H
#define PTWALK_UTIL_H

#include <stdbool.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* A growable byte buffer, always NUL-terminated once non-empty. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_append(struct buf *b, const char *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);

/* A growable vector of owned strings, NULL-terminated (usable as argv). */
struct strvec {
	char **v;
	size_t n;
	size_t cap;
};

void strvec_push(struct strvec *sv, const char *s);
void strvec_push_owned(struct strvec *sv, char *s);
void strvec_free(struct strvec *sv);

/*
 * Writes TEXT to a new file in $TMPDIR (else /tmp) named after TEMPLATE,
 * whose XXXXXX is replaced and which may go on with a suffix (".cocci").
 * Returns its path, or NULL with *WHY set (both the caller's to free).
 */
char *write_temp_file(const char *template, const char *text, char **why);

/* Reads the whole file; returns 0 or an errno value. */
int read_whole_file(const char *path, struct buf *out);

bool has_suffix(const char *s, const char *suffix);
/* A name ending in .c or .h. */
bool is_c_source(const char *name);
bool is_ident_char(int c);
bool is_ident_start(int c);

#endif
