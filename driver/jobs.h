/* Runs external programs (the engines) without a shell, several at once,
 * capturing their stdout and stderr. */
#ifndef PTWALK_JOBS_H
#define PTWALK_JOBS_H

#include <stdbool.h>
#include <sys/types.h>

#include "util.h"

struct job {
	struct strvec argv;	/* argv[0] is the program, found via PATH */
	size_t files;		/* input files it covers, for progress.h */

	/* Results, valid once run_jobs() returns. */
	struct buf out;
	struct buf err;
	int spawn_error;	/* errno of a failed spawn, else 0 */
	int status;		/* wait status when spawned */

	/* Private to jobs.c. */
	pid_t pid;
	int fd_out;
	int fd_err;
};

/*
 * The jobs of every engine of a run, run as one pool so that -j counts
 * them all.  Engines add jobs and keep their indices: adding may move
 * the array.
 */
struct job_list {
	struct job *v;
	size_t n;
	size_t cap;
};

/* Appends an empty job; the pointer is valid until the next add. */
struct job *job_list_add(struct job_list *jobs);
void job_list_free(struct job_list *jobs);

/* Runs every job, at most MAX_PARALLEL at a time, and waits for all. */
void run_jobs(struct job *jobs, size_t njobs, unsigned int max_parallel);

/* A one-line description of how a finished job failed, or NULL if it
 * exited with status 0.  The caller frees it. */
char *job_failure(const struct job *job);

void job_free(struct job *job);

/*
 * Finds PROGRAM as execvp would (as given when it contains a slash, else
 * in PATH).  Returns a malloc'ed path, or NULL with errno set.
 */
char *find_program(const char *program);

#endif
