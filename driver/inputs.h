/* Input collection: turns the command-line paths into the list of C
 * files to analyse. */
#ifndef PTWALK_INPUTS_H
#define PTWALK_INPUTS_H

#include "util.h"

/*
 * Adds each path to FILES: a .c or .h file as given, a directory as every
 * *.c and *.h below it (dot-directories skipped, entries in byte order,
 * symlinked directories not followed, so the walk always ends).  A file
 * reached twice is kept once.  Anything unusable is trouble; the other
 * paths are still collected.  CANONICAL gets the realpath of each file,
 * in the same order.
 */
void collect_inputs(char **paths, int npaths, struct strvec *files,
		    struct strvec *canonical);

#endif
