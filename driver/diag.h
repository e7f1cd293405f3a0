/* Trouble: anything that keeps ptwalk from giving a complete answer
 * (unreadable input, engine failure, bad engine output).  Each is one line
 * on stderr, "ptwalk: <subject>: <reason>", and makes the exit status 2;
 * analysis of everything else goes on.  The lines are also kept, for the
 * formats that carry them (JSON's "trouble", SARIF's notifications). */
#ifndef PTWALK_DIAG_H
#define PTWALK_DIAG_H

#include <stddef.h>

struct trouble_entry {
	char *subject;
	char *reason;
};

void trouble(const char *subject, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
unsigned int trouble_count(void);

/*
 * Every trouble so far, sorted by subject and reason, so that formats do
 * not depend on the order jobs finished in.  Owned by diag.c.
 */
const struct trouble_entry *trouble_entries(size_t *n);

#endif
