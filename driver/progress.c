#include "progress.h"

#include <stdbool.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static bool shown;
static const char *label;
static size_t planned, done;
static struct timespec began, last;

static double seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	       (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void draw(bool force)
{
	/* A few redraws a second: a terminal is slow to write to. */
	if (!force && seconds_since(&last) < 0.2)
		return;
	clock_gettime(CLOCK_MONOTONIC, &last);
	fprintf(stderr, "\r\033[Kptwalk: %s: %zu/%zu file checks done, %.0f s", label,
		done, planned, seconds_since(&began));
	fflush(stderr);
}

void progress_start(const char *what)
{
	if (!isatty(STDERR_FILENO))
		return;
	shown = true;
	label = what;
	planned = done = 0;
	clock_gettime(CLOCK_MONOTONIC, &began);
	last = began;
	draw(true);
}

void progress_plan(size_t n)
{
	if (!shown)
		return;
	planned += n;
	draw(false);
}

void progress_done(size_t n)
{
	if (!shown)
		return;
	done += n;
	draw(done == planned);
}

void progress_end(void)
{
	if (!shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	shown = false;
}
