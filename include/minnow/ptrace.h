/**
 * @file ptrace.h
 * @brief The ptrace protocol: a debugger's requests (PM_PTRACE), their options, and the
 * layout a tracer reads registers with (handouts/ptrace.md).
 *
 * A tracer (the debugger) controls a traced process (the tracee) through PM:
 * ptrace(request, pid, addr, data) is one PM_PTRACE request (minnow/pm.h).  PM keeps who
 * traces whom and reports every stop of a tracee to its tracer through waitpid (a stop
 * status, WIFSTOPPED, WSTOPSIG); the kernel's sys_trace (minnow/kcall.h) does the work on
 * the tracee's registers, memory and system calls.
 *
 * T_GETUSER and T_SETUSER take a byte offset: the saved registers come first, at the
 * T_REG_* offsets below (struct trapframe of the i386 kernel); T_GETUSER may read on past
 * them into the rest of the kernel's process slot and then the process's privilege
 * structure (for a debugger's curiosity: the layout is the kernel's own, not an interface).
 */
#ifndef MINNOW_PTRACE_H
#define MINNOW_PTRACE_H

#include <stdint.h>

/* Requests.  T_STOP is the kernel's only (sys_trace): PM answers it EINVAL. */
#define T_STOP          (-1)    /**< sys_trace: hold the process (RTS_P_STOP) */
#define T_OK            0       /**< the caller asks to be traced by its parent */
#define T_GETINS        1       /**< read the word of text at addr */
#define T_GETDATA       2       /**< read the word of data at addr */
#define T_GETUSER       3       /**< read the word at byte offset addr (T_REG_*) */
#define T_SETINS        4       /**< write data at addr in text (read-only pages too:
                                     that is how a breakpoint is planted) */
#define T_SETDATA       5       /**< write data at addr */
#define T_SETUSER       6       /**< write a saved register: the general ones, EIP, ESP, and
                                     the user bits of EFLAGS; never a segment register */
#define T_RESUME        7       /**< let it run, posting signal data (0: none) */
#define T_EXIT          8       /**< end it with exit status data */
#define T_STEP          9       /**< run one instruction, then stop with SIGTRAP */
#define T_SYSCALL       10      /**< run until the next system call's entry or leave, then
                                     stop with SIGTRAP (they alternate) */
#define T_ATTACH        11      /**< start tracing process pid; it stops with SIGSTOP */
#define T_DETACH        12      /**< stop tracing it; it goes on, with signal data posted */
#define T_SETOPT        13      /**< set the TO_* options in data */
#define T_GETRANGE      14      /**< copy a range out of it: addr is a struct ptrace_range */
#define T_SETRANGE      15      /**< copy a range into it: addr is a struct ptrace_range */

/* T_SETOPT options. */
#define TO_TRACEFORK    0x1     /**< a child the tracee forks is traced too, and starts
                                     stopped (SIGSTOP) */
#define TO_ALTEXEC      0x2     /**< a successful exec stops it with SIGSTOP, not SIGTRAP */
#define TO_NOEXEC       0x4     /**< a successful exec does not stop it (T_ATTACH's default) */
/** Every option (other bits in T_SETOPT are EINVAL). */
#define TO_ALL          (TO_TRACEFORK | TO_ALTEXEC | TO_NOEXEC)

/* struct ptrace_range spaces. */
#define TS_INS          0       /**< text */
#define TS_DATA         1       /**< data */

/** T_GETRANGE, T_SETRANGE: pr_size bytes between the tracee's pr_addr and the tracer's
 *  pr_ptr. */
struct ptrace_range {
	int pr_space;           /**< TS_INS or TS_DATA (else EINVAL) */
	uint32_t pr_addr;       /**< address in the tracee */
	void *pr_ptr;           /**< address in the tracer */
	uint32_t pr_size;       /**< bytes: 1..0x7FFFFFFF (else EINVAL) */
};

/* T_GETUSER / T_SETUSER byte offsets of the saved registers. */
#define T_REG_EDI       0       /**< EDI */
#define T_REG_ESI       4       /**< ESI */
#define T_REG_EBP       8       /**< EBP */
#define T_REG_EBX       16      /**< EBX: at a system call's entry, the message address */
#define T_REG_EDX       20      /**< EDX */
#define T_REG_ECX       24      /**< ECX: at a system call's entry, the endpoint */
#define T_REG_EAX       28      /**< EAX: at entry the IPC call (SENDREC, ...), at leave
                                     its result (OK or a negated errno) */
#define T_REG_EIP       56      /**< EIP */
#define T_REG_EFLAGS    64      /**< EFLAGS */
#define T_REG_ESP       68      /**< ESP */
#define T_REG_SIZE      76      /**< bytes of saved registers */

#endif /* MINNOW_PTRACE_H */
