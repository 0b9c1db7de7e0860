/*
 * testlib.h - helpers shared by the in-guest test programs in commands/tests/.
 *
 * Output protocol (what the grader matches on the console): one line per case,
 *     PASS <case>
 *     FAIL <case>: <why>
 * and, when a program has finished its cases, one summary line
 *     DONE <program> <passed> passed, <failed> failed
 * Case names are globally unique (they start with the program's name), so a failing line
 * names itself.  Results travel through stdout, which is line-buffered, so each line
 * reaches the console in one piece even when several test processes print at once.
 *
 * Module arguments: the boot loader passes every word of a module's line as argv, including
 * option words such as "priv=sys".  test_init() removes every word containing '=' from argv
 * (remembering "poweroff=1", which makes test_done() power the machine off), so programs
 * see only their positional arguments.
 */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <minnow/syslib.h>

/* Start a test program called `program` (used in the DONE line); strips option words from
 * argv as described above and returns the new argc. */
int test_init(const char *program, int argc, char **argv);
/* Change the program name of the DONE line (for programs with several roles). */
void test_set_program(const char *program);
/* Report case `name` as passed. */
void test_pass(const char *name);
/* Report case `name` as failed, with a printf-style reason. */
void test_fail(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* PASS if got == want, else FAIL showing both values and their error names; returns 1 on
 * PASS.  Meant for results of IPC and kernel calls (OK or a negated error). */
int test_expect(const char *name, int got, int want);
/* PASS if got is want1 or want2 (the line then says which came), else FAIL; for cases
 * where the kernel may legitimately answer either. */
int test_expect_either(const char *name, int got, int want1, int want2);
/* PASS if cond is true, else FAIL with the printf-style reason. */
int test_check(const char *name, int cond, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* For POSIX calls (result -1 and errno): 1 if r >= 0, else FAIL "<what>: <strerror>" and 0
 * (no PASS line: a later check of the result passes the case). */
int test_ok(const char *name, int r, const char *what);
/* PASS if r < 0 and errno is want, else FAIL naming the rule, the errno wanted and what
 * came; returns 1 on PASS. */
int test_errno(const char *name, int r, int want, const char *rule);
/* The name of an IPC/kernel-call result: 0 -> "OK", -EDEADSRCDST (or EDEADSRCDST) ->
 * "EDEADSRCDST"; unknown numbers -> "E?<n>" (in a static buffer). */
const char *test_errname(int r);
/* Print the DONE line; power off if asked (see above).  Returns the number of failures. */
int test_done(void);

/* The endpoint of the process called `name` other than the caller itself (so two instances
 * of one program can find each other), waiting up to 5 seconds for it to appear; NONE (and a
 * FAIL line for case `name`_lookup) if there is none. */
endpoint_t test_find_peer(const char *name);
/* The k-th process (k >= 1) after the caller, in slot order, running the same program (for
 * programs booted several times with different roles); NONE if there is none. */
endpoint_t test_role_endpoint(int k);
/* The n-th process (n >= 0, in slot order, the caller included) running the same program
 * as the caller; NONE if there is none (yet). */
endpoint_t test_nth_of_program(int n);
/* How many SEND/SENDREC calls of endpoint e the kernel's IPC fast path has run
 * (proc_info.pi_ipc_fast; handouts/ipc.md, "The fast path"); 0 if e cannot be read. */
uint32_t test_ipc_fast(endpoint_t e);
/* VM's free page count (VM_INFO).  If VM does not answer, prints "FAIL <program>_vm_info:
 * ..." and the DONE line, and exits: a leak check must never compare two zeros. */
uint32_t test_free_pages(void);
/* Poll cond(arg) until it returns non-zero (1) or `seconds` have passed (0).  Needs the
 * kernel to preempt the polling process so the others can run. */
int test_poll(int (*cond)(void *arg), void *arg, unsigned seconds);

#endif /* TESTLIB_H */
