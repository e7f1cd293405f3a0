/* Progress of a long run on stderr (--audit): file checks done out of
 * those planned (a file counts once per rule, or parse check, that reads
 * it), and the time since the run began, rewritten in place.
 * Only when stderr is a terminal: a log or a pipe gets nothing. */
#ifndef PTWALK_PROGRESS_H
#define PTWALK_PROGRESS_H

#include <stddef.h>

/* Starts showing progress if stderr is a terminal; else nothing shows. */
void progress_start(const char *what);
/* N more file checks are planned (a job covers a batch of files). */
void progress_plan(size_t n);
/* N of them are done. */
void progress_done(size_t n);
/* Clears the line, so that what follows starts on a clean one. */
void progress_end(void);

#endif
