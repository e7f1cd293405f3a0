/* Trouble: anything that keeps ptwalk from giving a complete answer
 * (unreadable input, engine failure, bad engine output).  Each is one line
 * on stderr, "ptwalk: <subject>: <reason>", and makes the exit status 2;
 * analysis of everything else goes on. */
#ifndef PTWALK_DIAG_H
#define PTWALK_DIAG_H

void trouble(const char *subject, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
unsigned int trouble_count(void);

#endif
