/*
 * ptracetest.h - what the three files of /test/ptracetest share: ptracetest.c (the
 * runner, its watchdog, the helpers, and the cases on a tracee's memory and registers),
 * ptracerun.c (exec, steps, system calls) and ptraceproc.c (signals, who traces whom).
 *
 * A case is a function returning 0 when it passed; on the first wrong answer it prints
 * "ptracetest: CASE FAIL: why" through fail() and returns -1.  Each case runs in a process
 * of its own (the runner forks it; handouts/ptrace.md describes the requests).
 */
#ifndef PTRACETEST_H
#define PTRACETEST_H

#include <signal.h>
#include <stdint.h>
#include <sys/types.h>

#define GETPIDS         5       /**< getpid calls of the "-getpid" program */

extern char _start[], etext[];  /* the entry point and the end of the text */

/** The path exec'd for the child programs ("-exit N", "-getpid"). */
extern const char *self_path;
/** Signals the case's processes caught, by number (on_hit counts them). */
extern volatile int hits[NSIG];
/** Data words with known values, read by the tracer in the tracee. */
extern volatile uint32_t word_magic, word_ones;

/* Helpers (ptracetest.c). */
int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
long tr(int req, pid_t pid, long addr, long data);
long tr_range(int req, pid_t pid, int space, long addr, void *ptr, uint32_t size);
const char *status_text(int st);
int expect_err(long r, int err, const char *what);
int wait_stop(pid_t pid, int sig, const char *what);
int wait_exit(pid_t pid, int code, const char *what);
int wait_exit_within(pid_t pid, int code, int ms, const char *what);
int wait_none(pid_t pid, const char *what);
pid_t start_tracee(void);
pid_t gate_child(int *go, int code);
void release(int go);
void on_hit(int sig);
int catch_hits(int sig, int flags);

/* The cases of ptracerun.c. */
int case_exec(void);
int case_step(void);
int case_syscall(void);
int case_sysregs(void);

/* The cases of ptraceproc.c. */
int case_signals(void);
int case_exit(void);
int case_attach(void);
int case_errors(void);
int case_fork(void);
int case_death(void);
int case_tracerdeath(void);
int case_uid(void);

#endif /* PTRACETEST_H */
