/*
 * decode.c - the trace command's decoder: one system call of a tracee (its IPC trap, the
 * request message and the reply) as a line of text, the way strace shows a Linux call:
 *
 *     open("/etc/motd", O_RDONLY) = 3
 *     read(3, "Welcome to Minnow\n"..., 1024) = 57
 *     open("/nope", O_RDONLY) = -1 ENOENT (No such file or directory)
 *     RS 0x705 = 0                    (a call the tables do not spell out)
 *     notify(5) = 0                   (an IPC primitive other than SENDREC)
 *
 * The request type (m_type) picks the call in calls.c's tables; the argument letters of
 * its entry say which message fields to show and how (calls.c lists them).  Paths and
 * written data are copied out of the tracee at the call's entry (decode_entry()), data
 * read at its leave (format_call()), through the caller's peek_fn.
 *
 * Entry points: decode_entry(), format_call(), errno_name(), num_name().
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "../lib/signames.h"
#include "trace.h"

/* A line being written: text is cut at size, len counts what would have been written. */
struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	size_t room = o->len < o->size ? o->size - o->len : 0;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->buf + (o->len < o->size ? o->len : 0), room, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n;
}

const char *
num_name(const struct numname *t, int num)
{
	for (; t->name != NULL; t++)
		if (t->num == num)
			return t->name;
	return NULL;
}

const char *
errno_name(int err)
{
	return num_name(trace_errnos, err);
}

/* The description of m_type t, and its protocol in *proto; NULL if no table has it. */
static const struct calldesc *
find_call(int t, const struct protodesc **proto)
{
	const struct protodesc *p;
	const struct calldesc *d;

	*proto = NULL;
	for (p = trace_protos; p->name != NULL; p++)
		if (t >= p->base && t < p->end)
			break;
	if (p->name == NULL)
		return NULL;
	*proto = p;
	for (d = p->calls; d != NULL && d->name != NULL; d++)
		if (d->type == t)
			return d;
	return NULL;
}

/* Copy len bytes at addr (a path if path: without its NUL) into s, at most TRACE_STR_MAX. */
static void
fetch_str(struct tstr *s, uint32_t addr, uint32_t len, int path, peek_fn peek, void *ctx)
{
	size_t n;

	memset(s, 0, sizeof(*s));
	s->addr = addr;
	if (path && len > 0)
		len--;                  /* the NUL is counted */
	n = len < TRACE_STR_MAX ? len : TRACE_STR_MAX;
	s->more = n < len;
	if (n > 0 && peek(ctx, addr, s->text, n) != 0)
		return;
	s->ok = 1;
	s->len = n;
	if (path && memchr(s->text, '\0', n) != NULL) {
		s->len = strlen(s->text);
		s->more = 0;
	}
}

/* The start of an exec's argument frame (minnow/vfs.h): argc, argv offsets, strings. */
static void
fetch_frame(struct call *c, peek_fn peek, void *ctx)
{
	size_t n = c->req.m_pm.len2 < TRACE_FRAME_MAX ? c->req.m_pm.len2 : TRACE_FRAME_MAX;

	n &= ~(size_t)3;
	if (n >= 4 && peek(ctx, c->req.m_pm.addr2, c->frame, n) == 0)
		c->frame_len = n;
}

void
decode_entry(struct call *c, peek_fn peek, void *ctx)
{
	const struct protodesc *proto;
	const struct calldesc *d;
	const char *a;

	memset(c->str, 0, sizeof(c->str));
	c->msg_ok = 0;
	c->frame_len = 0;
	if (c->ipc != SEND && c->ipc != SENDREC && c->ipc != SENDNB)
		return;                 /* no request: RECEIVE's message is a buffer */
	if (peek(ctx, c->msgaddr, &c->req, sizeof(c->req)) != 0)
		return;
	c->msg_ok = 1;
	if ((d = find_call(c->req.m_type, &proto)) == NULL)
		return;
	for (a = d->args; *a != '\0'; a++) {
		if (proto->base == PM_BASE && *a == 'x')
			fetch_str(&c->str[0], c->req.m_pm.addr, c->req.m_pm.len, 1, peek, ctx);
		if (proto->base == PM_BASE && *a == 'V')
			fetch_frame(c, peek, ctx);
		if (proto->base != VFS_BASE)
			continue;
		if (*a == 'p')
			fetch_str(&c->str[0], c->req.m_vfs.name, c->req.m_vfs.name_len, 1, peek, ctx);
		else if (*a == 'q')
			fetch_str(&c->str[1], c->req.m_vfs.name2, c->req.m_vfs.name2_len, 1, peek,
				ctx);
		else if (*a == 'W')
			fetch_str(&c->str[0], c->req.m_vfs.buf, c->req.m_vfs.len, 0, peek, ctx);
	}
}

/* s quoted, with C escapes; its address if it could not be read. */
static void
put_str(struct out *o, const struct tstr *s)
{
	if (!s->ok) {
		put(o, "0x%x", (unsigned)s->addr);
		return;
	}
	put(o, "\"");
	for (size_t i = 0; i < s->len; i++) {
		unsigned char ch = (unsigned char)s->text[i];

		if (ch == '\n')
			put(o, "\\n");
		else if (ch == '\t')
			put(o, "\\t");
		else if (ch == '"' || ch == '\\')
			put(o, "\\%c", ch);
		else if (isprint(ch))
			put(o, "%c", ch);
		else
			put(o, "\\%o", ch);
	}
	put(o, "\"%s", s->more ? "..." : "");
}

/* A signal: "SIGINT", or its number. */
static void
put_sig(struct out *o, int sig)
{
	const char *n = sig_name(sig);

	if (n != NULL)
		put(o, "SIG%s", n);
	else
		put(o, "%d", sig);
}

/* Bits of flags named by t ("O_CREAT|O_TRUNC"), then what is left in hex. */
static void
put_bits(struct out *o, const struct numname *t, int flags, int sep)
{
	for (; t->name != NULL; t++)
		if (t->num != 0 && (flags & t->num) == t->num) {
			put(o, "%s%s", sep ? "|" : "", t->name);
			flags &= ~t->num;
			sep = 1;
		}
	if (flags != 0 || !sep)
		put(o, "%s%#x", sep ? "|" : "", (unsigned)flags);
}

/* open's flags: the access mode, then the others. */
static void
put_oflags(struct out *o, int flags)
{
	int acc = flags & O_ACCMODE;

	put(o, "%s", acc == O_RDONLY ? "O_RDONLY" : acc == O_WRONLY ? "O_WRONLY" :
		acc == O_RDWR ? "O_RDWR" : "O_ACCMODE");
	if ((flags & ~O_ACCMODE) != 0)
		put_bits(o, trace_oflags, flags & ~O_ACCMODE, 1);
}

/* A name from t, or the number. */
static void
put_named(struct out *o, const struct numname *t, int num)
{
	const char *n = num_name(t, num);

	if (n != NULL)
		put(o, "%s", n);
	else
		put(o, "%d", num);
}

/* The argument strings of an exec's frame: ["cat", "/etc/motd"]; its address if unread. */
static void
put_argv(struct out *o, const struct call *c)
{
	const char *bytes = (const char *)c->frame;
	uint32_t argc, i, off;
	struct tstr s;

	if (c->frame_len == 0) {
		put(o, "0x%x", (unsigned)c->req.m_pm.addr2);
		return;
	}
	argc = c->frame[0];
	put(o, "[");
	for (i = 0; i < argc && i < TRACE_ARGS_MAX && 8 + 4 * i <= c->frame_len; i++) {
		off = c->frame[1 + i];
		memset(&s, 0, sizeof(s));
		s.ok = 1;
		while (off < c->frame_len && bytes[off] != '\0' && s.len < TRACE_STR_MAX)
			s.text[s.len++] = bytes[off++];
		s.more = off >= c->frame_len || bytes[off] != '\0';
		put(o, "%s", i > 0 ? ", " : "");
		put_str(o, &s);
	}
	put(o, "%s]", i < argc ? (i > 0 ? ", ..." : "...") : "");
}

/* One argument of a PM call. */
static void
arg_pm(struct out *o, char a, const struct call *c)
{
	const mess_pm *m = &c->req.m_pm;

	switch (a) {
	case 'P': put(o, "%d", (int)m->pid); break;
	case 'G': put(o, "%d", (int)m->pgid); break;
	case 's': put(o, "%d", (int)m->status); break;
	case 'S': put_sig(o, m->sig); break;
	case 'i': put(o, "%u", (unsigned)m->id); break;
	case 'h': put(o, "%d", (int)m->how); break;
	case 'a': put(o, "0x%x", (unsigned)m->addr); break;
	case 'A': put(o, "0x%x", (unsigned)m->addr2); break;
	case 'l': put(o, "%u", (unsigned)m->len); break;
	case 'L': put(o, "%u", (unsigned)m->len2); break;
	case 'e': put(o, "%d", (int)m->endpt); break;
	case 'x': put_str(o, &c->str[0]); break;
	case 'V': put_argv(o, c); break;
	case 'T': put_named(o, trace_ptrace_reqs, m->how); break;
	case 'D': put(o, "%d", (int)m->len); break;
	case 'O':
		if (m->options == 0)
			put(o, "0");
		else if (m->options == PM_WNOHANG)
			put(o, "WNOHANG");
		else if (m->options == PM_WUNTRACED)
			put(o, "WUNTRACED");
		else if (m->options == (PM_WNOHANG | PM_WUNTRACED))
			put(o, "WNOHANG|WUNTRACED");
		else
			put(o, "%#x", (unsigned)m->options);
		break;
	default: put(o, "?"); break;
	}
}

/* The data a read brought: buf, as many bytes as the result says. */
static void
put_read_data(struct out *o, const struct call *c, const struct result *r, peek_fn peek,
	void *ctx)
{
	struct tstr s;

	if (r == NULL || !r->reply_ok || r->eax != 0 || r->reply.m_type < 0) {
		put(o, "0x%x", (unsigned)c->req.m_vfs.buf);
		return;
	}
	fetch_str(&s, c->req.m_vfs.buf, (uint32_t)r->reply.m_type, 0, peek, ctx);
	put_str(o, &s);
}

/* access()'s mode bits (F_OK is 0). */
static const struct numname access_modes[] = {
	{ R_OK, "R_OK" }, { W_OK, "W_OK" }, { X_OK, "X_OK" }, { 0, NULL }
};

/* One argument of a VFS call. */
static void
arg_vfs(struct out *o, char a, const struct call *c, const struct result *r, peek_fn peek,
	void *ctx)
{
	const mess_vfs *m = &c->req.m_vfs;

	switch (a) {
	case 'f': put(o, "%d", (int)m->fd); break;
	case 'g': put(o, "%d", (int)m->fd2); break;
	case 'p': case 'W': put_str(o, &c->str[0]); break;
	case 'q': put_str(o, &c->str[1]); break;
	case 'R': put_read_data(o, c, r, peek, ctx); break;
	case 'b': put(o, "0x%x", (unsigned)m->buf); break;
	case 'l': put(o, "%u", (unsigned)m->len); break;
	case 'o':                       /* open's flags, and the mode if it creates */
		put_oflags(o, m->flags);
		if (m->flags & O_CREAT)
			put(o, ", 0%o", (unsigned)m->mode);
		break;
	case 'm': put(o, "0%o", (unsigned)m->mode); break;
	case 'i': put(o, "%#x", (unsigned)m->flags); break;
	case 'n': put(o, "%#x", (unsigned)m->flags); break;
	case 'c': put_named(o, trace_fcntl_cmds, m->flags); break;
	case 'd': put(o, "%d", (int)m->mode); break;
	case 'u': put(o, "%u", (unsigned)m->offset_lo); break;
	case 'U': put(o, "%d", (int)m->offset_hi); break;
	case 'O':
		put(o, "%lld", (long long)(((uint64_t)(uint32_t)m->offset_hi << 32) |
			m->offset_lo));
		break;
	case 'w':
		put(o, "%s", m->mode == SEEK_SET ? "SEEK_SET" : m->mode == SEEK_CUR ?
			"SEEK_CUR" : m->mode == SEEK_END ? "SEEK_END" : "?");
		break;
	case 'a':
		if (m->mode == F_OK)
			put(o, "F_OK");
		else
			put_bits(o, access_modes, m->mode, 0);
		break;
	default: put(o, "?"); break;
	}
}

/* One argument of a VM call. */
static void
arg_vm(struct out *o, char a, const struct call *c)
{
	switch (a) {
	case 'B': put(o, "0x%x", (unsigned)c->req.m_vm_proc.addr); break;
	case 'a': put(o, "0x%x", (unsigned)c->req.m_vm_mmap.addr); break;
	case 'l': put(o, "%u", (unsigned)c->req.m_vm_mmap.len); break;
	case 'p': put(o, "%d", c->req.m_vm_mmap.prot); break;
	default: put(o, "?"); break;
	}
}

/* A failure: "-1 ENOENT (No such file or directory)". */
static void
put_error(struct out *o, int err)
{
	const char *n = errno_name(err);

	if (n != NULL)
		put(o, "-1 %s (%s)", n, strerror(err));
	else
		put(o, "-1 errno %d", err);
}

/* A wait status word: "exited 0", "killed by SIGKILL", "stopped by SIGSTOP". */
static void
put_status(struct out *o, int st)
{
	if (WIFEXITED(st)) {
		put(o, "exited %d", WEXITSTATUS(st));
	} else if (WIFSTOPPED(st)) {
		put(o, "stopped by ");
		put_sig(o, WSTOPSIG(st));
	} else {
		put(o, "killed by ");
		put_sig(o, WTERMSIG(st));
	}
}

/* The result of a call d describes (NULL: not in the tables), answered with r. */
static void
put_result(struct out *o, const struct calldesc *d, const struct result *r)
{
	const message *m = &r->reply;
	char res = d != NULL ? d->res : 'd';

	if (r->eax != 0) {
		put_error(o, -r->eax);          /* the IPC itself failed */
		put(o, " [IPC]");
		return;
	}
	if (r->exec_done) {
		put(o, "0");
		return;
	}
	if (!r->reply_ok) {
		put(o, "?");
		return;
	}
	if (m->m_type < 0) {
		put_error(o, -m->m_type);
		return;
	}
	switch (res) {
	case 'x': put(o, "%#x", (unsigned)m->m_type); break;
	case 'o': put(o, "0%o", (unsigned)m->m_type); break;
	case 'p': put(o, "%d (ppid %d)", m->m_type, (int)m->m_pm.ppid); break;
	case 'u': put(o, "%u (effective %u)", (unsigned)m->m_pm.id, (unsigned)m->m_pm.eid); break;
	case 'F': put(o, "%d [%d, %d]", m->m_type, (int)m->m_vfs.fd, (int)m->m_vfs.fd2); break;
	case 'l':
		put(o, "%lld", (long long)(((uint64_t)(uint32_t)m->m_vfs.offset_hi << 32) |
			m->m_vfs.offset_lo));
		break;
	case 'b': put(o, "%d (break 0x%x)", m->m_type, (unsigned)m->m_vm_proc.addr); break;
	case 'm': put(o, "0x%x", (unsigned)m->m_vm_mmap.addr); break;
	case 'w':
		put(o, "%d", m->m_type);
		if (m->m_type > 0) {
			put(o, " [");
			put_status(o, (int)m->m_pm.status);
			put(o, "]");
		}
		break;
	default: put(o, "%d", m->m_type); break;
	}
}

/* "name(args)" of a request the tables know. */
static void
put_call(struct out *o, const struct calldesc *d, const struct call *c,
	const struct result *r, peek_fn peek, void *ctx)
{
	int base = d->type & ~0xFF;     /* the protocol's range (minnow/com.h) */

	put(o, "%s(", d->name);
	for (const char *a = d->args; *a != '\0'; a++) {
		if (a != d->args)
			put(o, ", ");
		if (base == PM_BASE)
			arg_pm(o, *a, c);
		else if (base == VM_RQ_BASE)
			arg_vm(o, *a, c);
		else
			arg_vfs(o, *a, c, r, peek, ctx);
	}
	put(o, ")");
}

/* The call of a primitive with no request message: receive(ANY), notify(5), ... */
static void
put_bare(struct out *o, const struct call *c, const char *ipc)
{
	if (c->ipc == SENDA)
		put(o, "%s(%d, 0x%x)", ipc, c->endpt, (unsigned)c->msgaddr);
	else if (c->ipc == MINIX_KERNINFO)
		put(o, "%s()", ipc);
	else if (c->endpt == ANY)
		put(o, "%s(ANY)", ipc);
	else
		put(o, "%s(%d)", ipc, c->endpt);
}

size_t
format_call(char *buf, size_t size, const struct call *c, const struct result *r,
	peek_fn peek, void *ctx)
{
	struct out o = { buf, size, 0 };
	const struct protodesc *proto = NULL;
	const struct calldesc *d = NULL;
	const char *ipc = num_name(trace_ipc_calls, c->ipc);

	if (size > 0)
		buf[0] = '\0';
	if (ipc == NULL)
		ipc = "ipc";
	if (!c->msg_ok) {
		if (c->ipc == SENDREC || c->ipc == SEND || c->ipc == SENDNB)
			put(&o, "%s(%d, 0x%x)", ipc, c->endpt, (unsigned)c->msgaddr);
		else
			put_bare(&o, c, ipc);   /* a primitive without a request */
		put(&o, " = ");
		if (r == NULL)
			put(&o, "?");
		else if (r->eax < 0)
			put_error(&o, -r->eax);
		else
			put(&o, "%d", r->eax);
		return o.len;
	}
	if (c->ipc != SENDREC)
		put(&o, "%s(%d) ", ipc, c->endpt);
	d = find_call(c->req.m_type, &proto);
	if (d != NULL)
		put_call(&o, d, c, r, peek, ctx);
	else if (proto != NULL)
		put(&o, "%s %#x", proto->name, (unsigned)c->req.m_type);
	else
		put(&o, "%#x", (unsigned)c->req.m_type);
	put(&o, " = ");
	if (r == NULL || (d != NULL && d->res == '?'))
		put(&o, "?");
	else if (c->ipc != SENDREC && r->eax < 0)
		put_error(&o, -r->eax);
	else if (c->ipc != SENDREC)
		put(&o, "%d", r->eax);
	else
		put_result(&o, d, r);
	return o.len;
}
