/*
 * jobs.c - the shell's jobs: waiting for a foreground pipeline, background jobs, and job
 * control (^Z, jobs, fg, bg; handouts/shell.md, "Job control").
 *
 * Every pipeline the shell forks is a job: its process group (with job control: the first
 * child's pid), the pids of its processes (0 once collected), and its text for messages.
 * A foreground job is waited for with WUNTRACED: when ^Z stops it (the terminal sends
 * SIGTSTP to its group), the shell takes the terminal back, keeps the job as stopped and
 * says "[n]+ Stopped  text"; $? is 128 + the signal.  `fg [%n]` gives the terminal to a job,
 * continues it (SIGCONT to its group) and waits for it again; `bg [%n]` continues it in the
 * background; `jobs` lists them.  Without job control (not a terminal: a script, sh -c)
 * the shell waits for a stopped child until it goes on, and fg and bg refuse.
 * Background jobs are collected before each prompt (reap_jobs), and `wait` waits for them.
 * The exit status of a job is that of its last process; a death by signal of a foreground
 * job is reported once per pipeline (^C kills every member with the same SIGINT), SIGPIPE
 * only for the last command.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <termios.h>
#include "sh.h"

#define MAX_JOBS 32
#define JOB_PIDS 16             /* processes of one pipeline the shell follows */

static struct job {
	int number;             /* 0: a free entry */
	pid_t pgid;             /* its process group (0 without job control) */
	pid_t pids[JOB_PIDS];   /* 0: collected */
	int npids;
	int stopped;            /* the signal that stopped it (0: not stopped, or continued) */
	int last_status;        /* the wait status of its last process */
	char *text;
} jobs[MAX_JOBS];

void
give_terminal(pid_t pgrp)
{
	if (sh_jobcontrol)
		(void)tcsetpgrp(0, pgrp);
}

int
status_of(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	if (WIFSTOPPED(st))
		return 128 + WSTOPSIG(st);
	return 1;
}

/* A new job of the n processes pids in group pgid: its entry, or NULL if the table is
 * full (then the shell only waits for them). */
static struct job *
job_new(const pid_t *pids, int n, pid_t pgid, const char *text)
{
	struct job *j = NULL;
	int number = 1;

	for (int i = 0; i < MAX_JOBS; i++) {
		if (jobs[i].number >= number)
			number = jobs[i].number + 1;
		if (jobs[i].number == 0 && j == NULL)
			j = &jobs[i];
	}
	if (j == NULL)
		return NULL;
	memset(j, 0, sizeof(*j));
	j->number = number;
	j->pgid = pgid;
	for (int i = 0; i < n && j->npids < JOB_PIDS; i++)
		if (pids[i] > 0)
			j->pids[j->npids++] = pids[i];
	j->text = strdup(text);
	return j;
}

static void
job_free(struct job *j)
{
	free(j->text);
	memset(j, 0, sizeof(*j));
}

/* Is any process of j not yet collected? */
static int
job_alive(const struct job *j)
{
	for (int i = 0; i < j->npids; i++)
		if (j->pids[i] != 0)
			return 1;
	return 0;
}

/* The job pid belongs to, and its index there in *k; NULL if none. */
static struct job *
job_of(pid_t pid, int *k)
{
	for (int i = 0; i < MAX_JOBS; i++)
		for (int p = 0; jobs[i].number != 0 && p < jobs[i].npids; p++)
			if (jobs[i].pids[p] == pid) {
				*k = p;
				return &jobs[i];
			}
	return NULL;
}

/* Job j's state for messages: "Done", "Exit 3", "Stopped", "Killed (SIGKILL, ...)". */
static void
job_state(const struct job *j, char *buf, size_t size)
{
	int st = j->last_status;

	if (j->stopped && sig_name(j->stopped) != NULL)
		snprintf(buf, size, "Stopped (SIG%s)", sig_name(j->stopped));
	else if (j->stopped)
		snprintf(buf, size, "Stopped");
	else if (job_alive(j))
		snprintf(buf, size, "Running");
	else if (WIFSIGNALED(st))
		describe_signal(st, buf, size);
	else if (WEXITSTATUS(st) != 0)
		snprintf(buf, size, "Exit %d", WEXITSTATUS(st));
	else
		snprintf(buf, size, "Done");
}

/* Say "[n]+ state  text" about j on stderr. */
static void
job_say(const struct job *j)
{
	char buf[80];

	job_state(j, buf, sizeof(buf));
	fprintf(stderr, "[%d]%s %s  %s\n", j->number, j->stopped ? "+" : "", buf, j->text);
}

/* Process k of j changed (wait status st): collected, or stopped. */
static void
proc_changed(struct job *j, int k, int st)
{
	if (WIFSTOPPED(st)) {
		j->stopped = WSTOPSIG(st) > 0 ? WSTOPSIG(st) : 1;
		return;
	}
	if (k == j->npids - 1)
		j->last_status = st;
	j->pids[k] = 0;
}

void
add_job(const pid_t *pids, int n, pid_t pgid, const char *text)
{
	struct job *j = job_new(pids, n, pgid, text);

	if (j != NULL)
		fprintf(stderr, "[%d] %d\n", j->number, (int)j->pids[j->npids - 1]);
}

void
reap_jobs(int report)
{
	struct job *j;
	pid_t pid;
	int st, k;

	while ((pid = waitpid(-1, &st, WNOHANG | (sh_jobcontrol ? WUNTRACED : 0))) > 0) {
		if ((j = job_of(pid, &k)) == NULL)
			continue;
		proc_changed(j, k, st);
		if (report && (j->stopped || !job_alive(j)))
			job_say(j);
		if (!job_alive(j))
			job_free(j);
	}
}

/* A foreground process ended with st: report a death by signal (once per pipeline). */
static void
report_death(const struct job *j, int k, int st, int *reported)
{
	char buf[80];

	if (!WIFSIGNALED(st) || WTERMSIG(st) == *reported ||
	    (k != j->npids - 1 && WTERMSIG(st) == SIGPIPE))
		return;
	describe_signal(st, buf, sizeof(buf));
	fprintf(stderr, "%s\n", buf);
	*reported = WTERMSIG(st);
}

/* Wait for the foreground job j until it ends or stops; its $?.  The terminal comes back
 * to the shell; a finished job is forgotten, a stopped one kept and announced. */
static int
wait_foreground(struct job *j)
{
	int st, reported = 0;

	for (int k = 0; k < j->npids && !j->stopped; k++) {
		if (j->pids[k] == 0)
			continue;
		while (waitpid(j->pids[k], &st, sh_jobcontrol ? WUNTRACED : 0) < 0)
			if (errno != EINTR) {
				st = 0;
				break;
			}
		proc_changed(j, k, st);
		report_death(j, k, st, &reported);
	}
	give_terminal(sh_pgrp);
	if (j->stopped) {
		fputs("\n", stderr);
		job_say(j);
		return status_of(st);
	}
	st = status_of(j->last_status);
	job_free(j);
	return st;
}

int
run_foreground(const pid_t *pids, int n, pid_t pgid, const char *text)
{
	struct job *j = job_new(pids, n, pgid, text);
	int st, status = 0;

	if (j != NULL)
		return wait_foreground(j);
	for (int k = 0; k < n; k++)		/* no room for a job: wait, no job control */
		if (pids[k] > 0 && waitpid(pids[k], &st, 0) == pids[k] && k == n - 1)
			status = status_of(st);
	give_terminal(sh_pgrp);
	return status;
}

/* wait builtin: wait for pid (or, if 0, every job); the status of the last. */
int
wait_jobs(pid_t pid)
{
	struct job *j;
	int st, status = 0, k;
	pid_t r;

	for (;;) {
		r = waitpid(pid != 0 ? pid : -1, &st, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (pid != 0 && errno == ECHILD)
				return 127;
			return status;
		}
		status = status_of(st);
		if ((j = job_of(r, &k)) != NULL) {
			proc_changed(j, k, st);
			if (!job_alive(j))
				job_free(j);
		}
		if (pid != 0)
			return status;
	}
}

/* The job an fg/bg argument names ("%2", "2", none: the most recent); NULL after a
 * message. */
static struct job *
job_arg(const char *who, int argc, char **argv)
{
	struct job *best = NULL;
	int want = 0;

	if (!sh_jobcontrol) {
		sh_error("%s: no job control", who);
		return NULL;
	}
	if (argc > 1)
		want = atoi(argv[1][0] == '%' ? argv[1] + 1 : argv[1]);
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].number != 0 && (want == 0 ? best == NULL ||
		    jobs[i].number > best->number : jobs[i].number == want))
			best = &jobs[i];
	if (best == NULL)
		sh_error("%s: %s: no such job", who, argc > 1 ? argv[1] : "current");
	return best;
}

/* Let job j go on (SIGCONT to its group) if it is stopped. */
static void
job_continue(struct job *j)
{
	if (j->stopped && kill(-j->pgid, SIGCONT) < 0)
		sh_error("kill -CONT %d: %s", (int)j->pgid, strerror(errno));
	j->stopped = 0;
}

int
bi_fg(int argc, char **argv)
{
	struct job *j = job_arg("fg", argc, argv);

	if (j == NULL)
		return 1;
	give_terminal(j->pgid);		/* first: a ^C after the text reaches the job */
	job_continue(j);
	fprintf(stderr, "%s\n", j->text);
	return wait_foreground(j);
}

int
bi_bg(int argc, char **argv)
{
	struct job *j = job_arg("bg", argc, argv);

	if (j == NULL)
		return 1;
	job_continue(j);
	fprintf(stderr, "[%d] %s &\n", j->number, j->text);
	return 0;
}

int
bi_jobs(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	reap_jobs(1);			/* the ones that ended are said once */
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].number != 0)
			job_say(&jobs[i]);
	return 0;
}
