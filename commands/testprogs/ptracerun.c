/*
 * ptracerun.c - the cases of /test/ptracetest (ptracetest.c runs them) on how a tracee
 * runs (handouts/ptrace.md, "Stops and waitpid" and "Tracing system calls"): the exec stop
 * and its options (exec), single steps (step), system-call stops (syscall) and registers
 * changed at a call's entry (sysregs).  The exec'd tracees run this program again:
 * "-exit 5" exits at once, "-getpid" makes GETPIDS getpid calls and exits 7 (ptracetest.c's
 * main).
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <minnow/ipc.h>
#include <minnow/pm.h>
#include "ptracetest.h"

static volatile uint32_t spin;

/* A tracee that execs "-exit 5" with options opt (-1: T_OK's), stopping with stop_sig
 * (0: no stop) before its first instruction. */
static int
exec_once(int opt, int stop_sig)
{
	char *argv[] = { (char *)self_path, "-exit", "5", NULL };
	long eip;
	pid_t pid = start_tracee();

	if (pid == 0) {
		execv(self_path, argv);
		_exit(91);
	}
	if (pid < 0)
		return -1;
	if (opt >= 0 && tr(T_SETOPT, pid, 0, opt) != 0)
		return fail("T_SETOPT(%#x)", opt);
	if (tr(T_RESUME, pid, 0, 0) != 0)
		return fail("T_RESUME");
	if (stop_sig != 0) {
		if (wait_stop(pid, stop_sig, "the exec stop") < 0)
			return -1;
		if ((eip = tr(T_GETUSER, pid, T_REG_EIP, 0)) != (long)_start)
			return fail("at the exec stop EIP is %#lx, not _start %p", eip, _start);
		if (tr(T_RESUME, pid, 0, 0) != 0)
			return fail("T_RESUME from the exec stop");
	}
	return wait_exit(pid, 5, "the exec'd program");
}

/* exec stops (SIGTRAP; TO_ALTEXEC: SIGSTOP; TO_NOEXEC: none) before the first instruction;
 * T_OK twice is EBUSY; T_SETOPT with an unknown bit is EINVAL. */
int
case_exec(void)
{
	pid_t pid;

	if (exec_once(-1, SIGTRAP) < 0 || exec_once(TO_ALTEXEC, SIGSTOP) < 0 ||
	    exec_once(TO_NOEXEC, 0) < 0)
		return -1;
	if ((pid = start_tracee()) == 0)
		_exit(ptrace(T_OK, 0, 0, 0) == -1 && errno == EBUSY ? 3 : 4);
	if (pid < 0)
		return -1;
	if (expect_err(tr(T_SETOPT, pid, 0, TO_ALL + 1), EINVAL, "T_SETOPT(8)") < 0 ||
	    expect_err(tr(T_SETOPT, pid, 0, -1), EINVAL, "T_SETOPT(-1)") < 0)
		return -1;
	if (tr(T_RESUME, pid, 0, 0) != 0)
		return fail("T_RESUME");
	return wait_exit(pid, 3, "a second T_OK (3: EBUSY)");
}

/* T_STEP in a loop: one SIGTRAP per step, EIP moves each time within the text, the loop's
 * counter goes up by no more than the steps allow. */
int
case_step(void)
{
	long eip, last = 0, before, after;
	int i;
	pid_t pid = start_tracee();

	if (pid == 0)
		for (;;)
			spin++;
	if (pid < 0)
		return -1;
	if (tr(T_RESUME, pid, 0, 0) != 0)
		return fail("T_RESUME");
	usleep(50000);
	if (kill(pid, SIGUSR1) < 0 || wait_stop(pid, SIGUSR1, "SIGUSR1 in the loop") < 0)
		return -1;
	before = tr(T_GETDATA, pid, (long)&spin, 0);
	for (i = 0; i < 30; i++) {
		if (tr(T_STEP, pid, 0, 0) != 0)
			return fail("T_STEP %d", i);
		if (wait_stop(pid, SIGTRAP, "a step") < 0 || wait_none(pid, "a step") < 0)
			return -1;
		eip = tr(T_GETUSER, pid, T_REG_EIP, 0);
		if (eip == last || eip < (long)_start || eip >= (long)etext)
			return fail("step %d: EIP %#lx (before: %#lx)", i, eip, last);
		last = eip;
	}
	after = tr(T_GETDATA, pid, (long)&spin, 0);
	if (after - before < 1 || after - before > 15)
		return fail("30 steps made the loop's counter go %ld -> %ld", before, after);
	kill(pid, SIGKILL);
	return wait_exit(pid, -SIGKILL, "SIGKILL to the stepped tracee");
}

/* One system-call stop of the syscall case: EAX, and the message type at the address EBX
 * had at the entry (*msg_addr, set at entries) if the call is a SENDREC (*call: the entry's
 * EAX, set at entries) and, at a leave, it succeeded. */
static int
call_stop(pid_t pid, int entry, long *eax, long *call, long *msg_addr, int *type)
{
	message m;

	*eax = tr(T_GETUSER, pid, T_REG_EAX, 0);
	if (entry) {
		*call = *eax;
		*msg_addr = tr(T_GETUSER, pid, T_REG_EBX, 0);
	}
	if (entry ? *eax <= 0 : *eax > 0)
		return fail("EAX %ld at a system call's %s: entries and leaves do not alternate",
			    *eax, entry ? "entry" : "leave");
	*type = 0;
	if (*call != SENDREC || (!entry && *eax != OK))
		return 0;
	if (tr_range(T_GETRANGE, pid, TS_DATA, *msg_addr, &m, sizeof(m)) != 0)
		return fail("T_GETRANGE of the message at EBX %#lx", *msg_addr);
	*type = m.m_type;
	return 0;
}

/* The exec of "-getpid" under T_SYSCALL: the calls execv makes first (its memory), each
 * an entry then a leave; the exec's entry (PM_EXEC); the exec stop and the exec's leave,
 * both before the first instruction. */
static int
syscall_exec(pid_t pid)
{
	long eax, call, msg;
	int type = 0, i, entry;

	for (i = 0; i < 20 && type != PM_EXEC; i++) {
		entry = !(i & 1);
		if (tr(T_SYSCALL, pid, 0, 0) != 0 ||
		    wait_stop(pid, SIGTRAP, entry ? "an entry before exec" : "a leave") < 0 ||
		    call_stop(pid, entry, &eax, &call, &msg, &type) < 0)
			return -1;
		if (!entry)
			type = 0;
	}
	if (type != PM_EXEC)
		return fail("no PM_EXEC entry in execv's first 10 calls");
	if (tr(T_SYSCALL, pid, 0, 0) != 0 || wait_stop(pid, SIGTRAP, "the exec stop") < 0)
		return -1;
	if (tr(T_GETUSER, pid, T_REG_EIP, 0) != (long)_start)
		return fail("the exec stop is not at _start");
	if (tr(T_SYSCALL, pid, 0, 0) != 0 || wait_stop(pid, SIGTRAP, "the exec's leave") < 0)
		return -1;
	if (tr(T_GETUSER, pid, T_REG_EIP, 0) != (long)_start)
		return fail("the exec's leave is not at _start");
	return 0;
}

/* T_SYSCALL over "-getpid": entries and leaves alternate; each getpid's entry is a SENDREC
 * to PM of PM_GETPID and its leave answers the pid; the last stop is exit's entry. */
int
case_syscall(void)
{
	char *argv[] = { (char *)self_path, "-getpid", NULL };
	long eax, call = 0, msg = 0, ecx;
	int entry = 1, type, calls = 0, getpids = 0, last_type = 0, st;
	pid_t pid = start_tracee();

	if (pid == 0) {
		execv(self_path, argv);
		_exit(91);
	}
	if (pid < 0 || syscall_exec(pid) < 0)
		return -1;
	for (;;) {
		if (tr(T_SYSCALL, pid, 0, 0) != 0)
			return fail("T_SYSCALL after %d calls", calls);
		if (waitpid(pid, &st, 0) != pid)
			return fail("waitpid");
		if (!WIFSTOPPED(st))
			break;
		if (WSTOPSIG(st) != SIGTRAP)
			return fail("a system-call stop by signal %d", WSTOPSIG(st));
		if (call_stop(pid, entry, &eax, &call, &msg, &type) < 0)
			return -1;
		ecx = tr(T_GETUSER, pid, T_REG_ECX, 0);
		if (entry && type == PM_GETPID && ecx != PM_PROC_NR)
			return fail("getpid's entry: ECX %ld, not PM", ecx);
		if (entry && type == PM_GETPID)
			getpids++;
		if (!entry && last_type == PM_GETPID && type != pid)
			return fail("getpid's leave: the reply's m_type is %d, not %d", type, pid);
		calls += entry;
		last_type = entry ? type : 0;
		entry = !entry;
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 7)
		return fail("the traced program: %s, expected exited 7", status_text(st));
	if (entry || last_type != PM_EXIT)
		return fail("the last stop was not exit's entry (m_type %#x)", last_type);
	if (getpids != GETPIDS || calls < GETPIDS + 1 || calls > 40)
		return fail("%d calls, %d getpid entries (expected %d)", calls, getpids, GETPIDS);
	printf("ptracetest: syscall: %d calls\n", calls);
	return 0;
}

/* The sysregs tracee: three getpid calls, exit 1 if the first failed + 2 if the other two
 * answered its pid. */
static void
sysregs_child(void)
{
	pid_t r1 = getpid(), r2 = getpid(), r3 = getpid();

	_exit((r1 == -1) + 2 * (r2 == r3 && r2 > 0));
}

/* Registers changed at a system call's entry make the call: EAX set to no IPC call fails
 * (the leave's EAX and the tracee's getpid say so); T_RESUME from an entry runs the call
 * with no leave stop. */
int
case_sysregs(void)
{
	long eax, call, msg;
	int type;
	pid_t pid = start_tracee();

	if (pid == 0)
		sysregs_child();
	if (pid < 0)
		return -1;
	if (tr(T_SYSCALL, pid, 0, 0) != 0 || wait_stop(pid, SIGTRAP, "getpid's entry") < 0 ||
	    call_stop(pid, 1, &eax, &call, &msg, &type) < 0)
		return -1;
	if (type != PM_GETPID)
		return fail("the first entry is not getpid's (m_type %#x)", type);
	if (tr(T_SETUSER, pid, T_REG_EAX, 99) != 0 || tr(T_SYSCALL, pid, 0, 0) != 0)
		return fail("T_SETUSER of EAX at the entry, T_SYSCALL");
	if (wait_stop(pid, SIGTRAP, "the changed call's leave") < 0)
		return -1;
	if ((eax = tr(T_GETUSER, pid, T_REG_EAX, 0)) >= 0)
		return fail("the call changed to IPC call 99 left with EAX %ld", eax);
	if (tr(T_SYSCALL, pid, 0, 0) != 0 || wait_stop(pid, SIGTRAP, "the next entry") < 0 ||
	    tr(T_RESUME, pid, 0, 0) != 0)
		return -1;
	return wait_exit(pid, 3, "the tracee (3: the first getpid failed, the others right)");
}
