/*
 * compound.c - running the compound commands (if, while, until, for, case, { }, ( )) and
 * shell functions.
 *
 * A compound command runs in the shell process itself (in a pipeline or in the
 * background exec.c forks a child for it first), its redirections applied around it and
 * undone after, so `while read l; do ...; done < file` reads the file.  The conditions of
 * if, while and until run with set -e off.  break n, continue n and return set counters
 * (sh_breaking, sh_continuing, sh_returning) that make every list stop (run_list) until
 * the loop or function they are meant for takes them.  In an interactive shell a ^C that
 * ends a foreground job (status 130) or a read inside a loop, or a ^Z that stops one,
 * ends the loops around it (sh_intr_unwind, cleared when the outermost loop is left);
 * what follows the loops on the line runs, as after a ^C outside a loop.  A subshell ( ) is a forked child.
 * A function definition stores the source text of its body; a call parses and runs it
 * again with the arguments as $1..., and leaves it at return (its status) or at the end
 * (the status of the last command).  Its local variables (local) get their old values back
 * when it ends, by return, at the end, or when an error stops it (var.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "sh.h"

struct function {
	char *name;
	char *text;             /* the body's source text */
	struct function *next;
};
static struct function *functions;

static struct function *
find_function(const char *name)
{
	for (struct function *f = functions; f != NULL; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

int
is_function(const char *name)
{
	return find_function(name) != NULL;
}

void
unset_function(const char *name)
{
	struct function **pp, *f;

	for (pp = &functions; (f = *pp) != NULL; pp = &f->next)
		if (strcmp(f->name, name) == 0) {
			*pp = f->next;
			free(f->name);
			free(f->text);
			free(f);
			return;
		}
}

/* name() { ... }: define (or redefine) the function. */
static int
define_function(const char *name, const char *text)
{
	struct function *f = find_function(name);
	char *copy = strdup(text);

	if (copy == NULL)
		return 1;
	if (f == NULL) {
		if ((f = calloc(1, sizeof(*f))) == NULL || (f->name = strdup(name)) == NULL) {
			free(copy);
			free(f);
			return 1;
		}
		f->next = functions;
		functions = f;
	}
	free(f->text);
	f->text = copy;
	return 0;
}

int
run_function(const char *name, int argc, char **argv)
{
	struct function *f = find_function(name);
	struct params old;
	char *text;
	int st;

	if (f == NULL)
		return -1;
	if (sh_funcdepth >= 100) {
		sh_error("%s: functions nested too deeply", name);
		return 2;
	}
	text = strdup(f->text);         /* it may redefine itself */
	old = params_set(argv + 1, argc - 1);
	sh_funcdepth++;
	var_push_scope();               /* local variables live until it ends */
	st = run_string(text);
	var_pop_scope();
	sh_funcdepth--;
	if (sh_returning) {
		sh_returning = 0;
		st = sh_status;
	}
	params_restore(old);
	free(text);
	return st;
}

/* Run a condition list (set -e does not apply): its status. */
static int
run_cond(struct cmdlist *l)
{
	int st;

	sh_noerrexit++;
	st = run_list(l);
	sh_noerrexit--;
	return st;
}

/* After a loop's body: 1 if the loop must end (break, return, exit, continue of an outer
 * loop), 0 to go on. */
static int
loop_done(void)
{
	if (sh_breaking > 0) {
		sh_breaking--;
		return 1;
	}
	if (sh_continuing > 0 && --sh_continuing > 0)
		return 1;
	return sh_exit_requested || sh_returning || sh_intr_unwind;
}

/* A loop ends: past the outermost one a ^C has done its work. */
static void
loop_leave(void)
{
	if (--sh_loopdepth == 0)
		sh_intr_unwind = 0;
}

static int
run_while(struct command *c)
{
	int st = 0;

	sh_loopdepth++;
	for (;;) {
		int cond = run_cond(c->cond);

		if (SH_UNWINDING() ? loop_done() : (cond == 0) != (c->kind == C_WHILE))
			break;
		st = run_list(c->body);
		if (loop_done())
			break;
	}
	loop_leave();
	return st;
}

static int
run_for(struct command *c)
{
	struct strvec words = { NULL, 0, 0, 1, 0, 0 };
	int st = 0;

	if (c->has_in)
		for (int i = 0; i < c->nwords; i++)
			expand_word(c->words[i], &words);
	else
		for (int i = 1; i < sh_argc; i++)
			strvec_add(&words, strdup(sh_argv[i]));
	sh_loopdepth++;
	for (int i = 0; i < words.n; i++) {
		if (var_set(c->name, words.v[i], 0) != 0) {
			sh_error("%s: cannot set", c->name);
			st = 1;
			break;
		}
		st = run_list(c->body);
		if (loop_done())
			break;
	}
	loop_leave();
	strvec_free(&words);
	return st;
}

static int
run_case(struct command *c)
{
	char *subject = expand_single(c->words[0]);
	int st = 0;

	for (int i = 0; i < c->nitems; i++) {
		int hit = 0;

		for (int k = 0; k < c->items[i].npats && !hit; k++) {
			char *pat = expand_pattern(c->items[i].pats[k]);

			hit = pattern_match(pat, subject);
			free(pat);
		}
		if (hit) {
			st = run_list(c->items[i].body);
			break;
		}
	}
	free(subject);
	return st;
}

/* ( list ): a child runs it. */
static int
run_subshell(struct command *c)
{
	pid_t pid;
	int st;

	fflush(NULL);
	if ((pid = fork()) < 0) {
		sh_error("fork: %s", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		sh_interactive = sh_jobcontrol = 0;
		st = run_list(c->body);
		run_exit_trap();
		fflush(NULL);
		_exit(sh_exit_requested ? sh_status : st);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 2;
	return status_of(st);
}

/* The command itself, its redirections already applied. */
static int
run_kind(struct command *c)
{
	switch (c->kind) {
	case C_IF:
		if (run_cond(c->cond) == 0 && !SH_UNWINDING())
			return run_list(c->body);
		if (SH_UNWINDING())
			return sh_status;
		return c->other != NULL ? run_list(c->other) : 0;
	case C_WHILE:
	case C_UNTIL:
		return run_while(c);
	case C_FOR:
		return run_for(c);
	case C_CASE:
		return run_case(c);
	case C_BRACE:
		return run_list(c->body);
	case C_SUBSHELL:
		return run_subshell(c);
	case C_FUNCDEF:
		return define_function(c->name, c->text);
	default:
		return 0;
	}
}

int
run_compound(struct command *c)
{
	int saved[10], st;

	if (c->kind == C_FUNCDEF)
		return run_kind(c);
	if (apply_redirs(c, saved, 10) != 0) {
		restore_redirs(saved, 10);
		return 1;
	}
	st = run_kind(c);
	fflush(stdout);
	fflush(stderr);
	restore_redirs(saved, 10);
	return st;
}
