#include "jobs.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "progress.h"

extern char **environ;

static int make_pipe(int fds[2])
{
	if (pipe(fds) != 0)
		return errno;
	/* Children spawned later must not hold other jobs' pipes open. */
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

static void start_job(struct job *job)
{
	posix_spawn_file_actions_t actions;
	int out[2], err[2];
	int rc;

	job->pid = -1;
	job->fd_out = job->fd_err = -1;
	rc = make_pipe(out);
	if (rc) {
		job->spawn_error = rc;
		return;
	}
	rc = make_pipe(err);
	if (rc) {
		close(out[0]);
		close(out[1]);
		job->spawn_error = rc;
		return;
	}
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&actions, out[1], 1);
	posix_spawn_file_actions_adddup2(&actions, err[1], 2);
	rc = posix_spawnp(&job->pid, job->argv.v[0], &actions, NULL,
			  job->argv.v, environ);
	posix_spawn_file_actions_destroy(&actions);
	close(out[1]);
	close(err[1]);
	if (rc) {
		close(out[0]);
		close(err[0]);
		job->pid = -1;
		job->spawn_error = rc;
		return;
	}
	job->fd_out = out[0];
	job->fd_err = err[0];
}

/* Reads what FD has; closes it and sets it to -1 at end of file. */
static void drain(int *fd, struct buf *into)
{
	char chunk[65536];
	ssize_t got = read(*fd, chunk, sizeof(chunk));

	if (got > 0) {
		buf_append(into, chunk, (size_t)got);
	} else if (got == 0 || errno != EINTR) {
		close(*fd);
		*fd = -1;
	}
}

static void finish_job(struct job *job)
{
	while (waitpid(job->pid, &job->status, 0) < 0 && errno == EINTR)
		;
	job->pid = -1;
	/* Engines print text; give every result a valid empty string. */
	buf_append(&job->out, "", 0);
	buf_append(&job->err, "", 0);
}

void run_jobs(struct job *jobs, size_t njobs, unsigned int max_parallel)
{
	struct pollfd *pfds = xmalloc(2 * njobs * sizeof(*pfds));
	size_t *owner = xmalloc(2 * njobs * sizeof(*owner));
	size_t next = 0, running = 0, files = 0;

	for (size_t i = 0; i < njobs; i++)
		files += jobs[i].files;
	progress_plan(files);
	while (next < njobs || running > 0) {
		size_t npfds = 0;

		while (next < njobs && running < max_parallel) {
			struct job *job = &jobs[next++];

			start_job(job);
			if (job->pid < 0) {
				finish_job(job);
				progress_done(job->files);
			} else
				running++;
		}
		if (running == 0)
			continue;
		/*
		 * Both pipes are polled together: a child blocked writing a
		 * full stderr pipe while we wait on its stdout would hang.
		 */
		for (size_t i = 0; i < next; i++) {
			if (jobs[i].pid < 0)
				continue;
			if (jobs[i].fd_out >= 0) {
				pfds[npfds] = (struct pollfd){ jobs[i].fd_out, POLLIN, 0 };
				owner[npfds++] = i;
			}
			if (jobs[i].fd_err >= 0) {
				pfds[npfds] = (struct pollfd){ jobs[i].fd_err, POLLIN, 0 };
				owner[npfds++] = i;
			}
		}
		if (npfds > 0 && poll(pfds, npfds, -1) < 0 && errno != EINTR)
			break;
		for (size_t k = 0; k < npfds; k++) {
			struct job *job = &jobs[owner[k]];

			if (!(pfds[k].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if (pfds[k].fd == job->fd_out)
				drain(&job->fd_out, &job->out);
			else
				drain(&job->fd_err, &job->err);
		}
		for (size_t i = 0; i < next; i++) {
			if (jobs[i].pid >= 0 && jobs[i].fd_out < 0 &&
			    jobs[i].fd_err < 0) {
				finish_job(&jobs[i]);
				progress_done(jobs[i].files);
				running--;
			}
		}
	}
	free(pfds);
	free(owner);
}

char *job_failure(const struct job *job)
{
	if (job->spawn_error)
		return xasprintf("cannot run %s: %s", job->argv.v[0],
				 strerror(job->spawn_error));
	if (WIFSIGNALED(job->status))
		return xasprintf("%s killed by signal %d (%s)", job->argv.v[0],
				 WTERMSIG(job->status),
				 strsignal(WTERMSIG(job->status)));
	if (WIFEXITED(job->status) && WEXITSTATUS(job->status) != 0)
		return xasprintf("%s exited with status %d", job->argv.v[0],
				 WEXITSTATUS(job->status));
	return NULL;
}

void job_free(struct job *job)
{
	strvec_free(&job->argv);
	buf_free(&job->out);
	buf_free(&job->err);
}

struct job *job_list_add(struct job_list *jobs)
{
	struct job *job;

	if (jobs->n == jobs->cap) {
		jobs->cap = jobs->cap ? jobs->cap * 2 : 32;
		jobs->v = xrealloc(jobs->v, jobs->cap * sizeof(*jobs->v));
	}
	job = &jobs->v[jobs->n++];
	memset(job, 0, sizeof(*job));
	return job;
}

void job_list_free(struct job_list *jobs)
{
	for (size_t i = 0; i < jobs->n; i++)
		job_free(&jobs->v[i]);
	free(jobs->v);
	jobs->v = NULL;
	jobs->n = jobs->cap = 0;
}

char *find_program(const char *program)
{
	const char *path = getenv("PATH");
	struct stat st;

	if (strchr(program, '/')) {
		if (access(program, X_OK) != 0)
			return NULL;
		return xstrdup(program);
	}
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");
		char *candidate = n ? xasprintf("%.*s/%s", (int)n, path, program)
				    : xasprintf("./%s", program);

		if (stat(candidate, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(candidate, X_OK) == 0)
			return candidate;
		free(candidate);
		path += n;
		if (*path == ':')
			path++;
	}
	errno = ENOENT;
	return NULL;
}
