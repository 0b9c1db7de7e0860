/*
 * trace.h - what the parts of the trace command share (commands/trace/): the record of one
 * system call of a tracee, and the decoder that turns it into a line of text.
 *
 * A system call of Minnow is one IPC trap (minnow/ipc.h): the primitive (SENDREC for
 * every call of a user program), the endpoint and a 64-byte message whose m_type is the
 * request (PM_* of minnow/pm.h, VFS_* of minnow/vfs.h, ...) and, once answered, the
 * result.  main.c catches a call at its entry and its leave (ptrace T_SYSCALL stops); at
 * the entry it fills a struct call (decode_entry() copies the paths and the data written
 * out of the tracee then, while they are there), at the leave a struct result, and
 * format_call() writes the line: "open("/etc/motd", O_RDONLY) = 3".
 *
 * decode.c formats, calls.c holds the tables (call names and argument letters, errno and
 * flag names).  Neither touches ptrace: the tracee's memory is read through a peek_fn,
 * so the host test (tools/tests/test_trace.py) runs them on made-up messages.
 */
#ifndef COMMANDS_TRACE_H
#define COMMANDS_TRACE_H

#include <stddef.h>
#include <stdint.h>
#include <minnow/ipc.h>

#define TRACE_STR_MAX   48      /* bytes of data or of a path shown before "..." */
#define TRACE_FRAME_MAX 512     /* bytes of an exec's argument frame read */
#define TRACE_ARGS_MAX  8       /* arguments of an exec shown before "..." */

/* Copy len bytes at addr of the tracee to buf: 0, or -1 if it cannot be read. */
typedef int (*peek_fn)(void *ctx, uint32_t addr, void *buf, size_t len);

/* A string fetched from the tracee (a path, the data of a write). */
struct tstr {
	int ok;                         /* fetched (else only the address is shown) */
	uint32_t addr;                  /* where it is in the tracee */
	size_t len;                     /* bytes in text */
	int more;                       /* it goes on past text: "..." */
	char text[TRACE_STR_MAX];
};

/* One system call, as its entry showed it. */
struct call {
	int ipc;                        /* the IPC primitive: EAX at the entry */
	int endpt;                      /* ECX: the other party (SENDA: the entry count) */
	uint32_t msgaddr;               /* EBX: the message (SENDA: the table) */
	int msg_ok;                     /* req was read */
	message req;                    /* the request */
	struct tstr str[2];             /* its paths, or the data it writes */
	size_t frame_len;               /* exec: bytes of frame read (0: none) */
	uint32_t frame[TRACE_FRAME_MAX / 4];    /* exec: the start of its argument frame */
};

/* How it left. */
struct result {
	int eax;                        /* the IPC result (OK or a negated errno) */
	int reply_ok;                   /* reply was read */
	message reply;                  /* the answer: m_type = the call's result */
	int exec_done;                  /* an exec that succeeded: a new program runs */
};

/* The calls a protocol knows (calls.c). */
struct calldesc {
	int type;                       /* m_type of the request */
	const char *name;               /* "open" */
	const char *args;               /* one letter per argument (decode.c, arg_*) */
	char res;                       /* how the result reads (decode.c, put_result) */
};

/* A range of message types (minnow/com.h): the protocol's name and its calls. */
struct protodesc {
	int base, end;                  /* types base..end-1 */
	const char *name;               /* "VFS" */
	const struct calldesc *calls;   /* NULL: shown by number */
};

/* A number and its name (errno values, flags, requests). */
struct numname {
	int num;
	const char *name;
};

extern const struct protodesc trace_protos[];
extern const struct numname trace_errnos[];
extern const struct numname trace_oflags[];
extern const struct numname trace_ptrace_reqs[];
extern const struct numname trace_fcntl_cmds[];
extern const struct numname trace_ipc_calls[];

/* decode.c */
void decode_entry(struct call *c, peek_fn peek, void *ctx);
size_t format_call(char *buf, size_t size, const struct call *c, const struct result *r,
	peek_fn peek, void *ctx);
const char *errno_name(int err);
const char *num_name(const struct numname *t, int num);

#endif /* COMMANDS_TRACE_H */
