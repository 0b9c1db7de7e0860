/*
 * line.c - the tty driver's line discipline (termios, include/posix/termios.h).
 *
 * Input.  Bytes from a device enter in_process(), one at a time:
 *   1. input mapping: IGNCR drops CR, ICRNL turns CR into NL, INLCR NL into CR;
 *   2. ISIG: VINTR (^C), VQUIT (^\) and VSUSP (^Z) flush the queue, echo "^C"/"^\"/"^Z"
 *      and a newline, and send SIGINT / SIGQUIT / SIGTSTP to the foreground process group
 *      (kill(-pgrp) through PM);
 *      with no group set the line is only thrown away;
 *   3. ICANON (canonical mode): VERASE (^H and DEL both erase) takes back the last byte
 *      of the line being typed, VKILL (^U) the whole line; NL, VEOL and VEOF end a line
 *      (flag IN_EOT; VEOF also IN_EOF: it is not data, so VEOF at the start of a line gives
 *      the reader 0 bytes, end of file, and in the middle hands over the line so far);
 *      in raw mode every byte is a complete unit (IN_EOT);
 *   4. the byte joins the queue and is echoed (ECHO; control bytes as ^X in canonical
 *      mode; ECHOE erases with "\b \b"; ECHONL echoes NL even without ECHO).
 * A full queue drops further bytes; in canonical mode the last free slot is kept for a byte
 * that ends the line, so a line longer than the queue is cut short, never left without its
 * end (which would leave its reader waiting forever).
 *
 * Reading.  in_transfer() moves queued bytes to the read in progress (tty_t's tty_in*
 * fields) through its grant: in canonical mode it stops after one line end, in raw mode it
 * takes what there is.  read_complete() says whether the read can be answered: canonical,
 * a line end was taken or the reader's buffer is full; raw, VMIN bytes (or the buffer) are
 * in, except that VMIN 0 with VTIME > 0 waits for one byte or the VTIME alarm (tty.c).
 * handle_events() runs after new input: it continues a suspended read, answers it when
 * complete, and tells a waiting select that input is there.
 *
 * Output.  tty_output() applies OPOST/ONLCR (NL becomes CR NL) and writes to both
 * devices of the console: COM1 and the VGA screen.
 */
#include <signal.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "tty.h"

#define CTRL(c)         ((c) & 0x1F)
#define DEL             0x7F

void
tty_reset_termios(tty_t *tp)
{
	struct termios *t = &tp->tty_termios;

	memset(t, 0, sizeof(*t));
	t->c_iflag = ICRNL;
	t->c_oflag = OPOST | ONLCR;
	t->c_lflag = ICANON | ISIG | ECHO | ECHOE | IEXTEN;
	t->c_cc[VEOF] = CTRL('D');
	t->c_cc[VERASE] = DEL;
	t->c_cc[VKILL] = CTRL('U');
	t->c_cc[VINTR] = CTRL('C');
	t->c_cc[VQUIT] = CTRL('\\');
	t->c_cc[VSUSP] = CTRL('Z');
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
	t->c_ispeed = t->c_ospeed = 115200;
}

void
tty_output(tty_t *tp, const char *buf, size_t count)
{
	char out[2 * TTY_OUT_CHUNK];
	size_t i, n = 0;
	int crlf = (tp->tty_termios.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR);

	for (i = 0; i < count; i++) {
		if (n + 2 > sizeof(out)) {
			rs_write(out, n);
			cons_write(out, n);
			n = 0;
		}
		if (buf[i] == '\n' && crlf)
			out[n++] = '\r';
		out[n++] = buf[i];
	}
	rs_write(out, n);
	cons_write(out, n);
}

static void
out_str(tty_t *tp, const char *s)
{
	tty_output(tp, s, strlen(s));
}

/* Is c a control byte echoed as ^X in canonical mode? */
static int
is_ctrl(int c)
{
	return (c < 0x20 && c != '\n' && c != '\t') || c == DEL;
}

/* Echo input byte c (flags in ch). */
static void
tty_echo(tty_t *tp, int ch)
{
	tcflag_t lflag = tp->tty_termios.c_lflag;
	int c = ch & IN_CHAR;
	char s[3];

	if (!(lflag & ECHO)) {
		if ((lflag & (ICANON | ECHONL)) == (ICANON | ECHONL) && c == '\n')
			out_str(tp, "\n");
		return;
	}
	if (ch & IN_EOF)
		return;		/* ^D ends the line silently */
	if ((lflag & ICANON) && is_ctrl(c)) {
		s[0] = '^', s[1] = c == DEL ? '?' : (char)(c + '@'), s[2] = '\0';
		out_str(tp, s);
		return;
	}
	s[0] = (char)c;
	tty_output(tp, s, 1);
}

/* Take back the last byte of the line being typed; 1 if there was one. */
static int
back_over(tty_t *tp)
{
	int head, ch;

	if (tp->tty_incount == 0)
		return 0;
	head = (tp->tty_inhead + TTY_IN_BYTES - 1) % TTY_IN_BYTES;
	ch = tp->tty_inbuf[head];
	if (ch & IN_EOT)
		return 0;	/* a complete line cannot be edited */
	tp->tty_inhead = head;
	tp->tty_incount--;
	if ((tp->tty_termios.c_lflag & (ECHO | ECHOE)) == (ECHO | ECHOE)) {
		out_str(tp, "\b \b");
		if (is_ctrl(ch & IN_CHAR))
			out_str(tp, "\b \b");	/* it was echoed as ^X */
	}
	return 1;
}

void
in_flush(tty_t *tp)
{
	tp->tty_inhead = tp->tty_intail = 0;
	tp->tty_incount = tp->tty_eotct = 0;
}

/* VINTR, VQUIT or VSUSP typed: flush, echo, signal the foreground group. */
static void
tty_sigproc(tty_t *tp, int c)
{
	const cc_t *cc = tp->tty_termios.c_cc;
	int sig = c == cc[VINTR] ? SIGINT : c == cc[VQUIT] ? SIGQUIT : SIGTSTP;
	char s[4] = { '^', (char)(c == DEL ? '?' : c + '@'), '\n', '\0' };

	in_flush(tp);
	if (tp->tty_termios.c_lflag & ECHO)
		out_str(tp, s);
	if (tp->tty_pgrp > 0)
		(void)kill(-tp->tty_pgrp, sig);	/* a group that is gone: ESRCH, nothing to do */
}

/* Is c an erase byte?  ^H and DEL both are when VERASE is one of them. */
static int
is_erase(const tty_t *tp, int c)
{
	int erase = tp->tty_termios.c_cc[VERASE];

	if (c == erase)
		return 1;
	return (erase == '\b' || erase == DEL) && (c == '\b' || c == DEL);
}

/* Canonical editing for c: -1 if c was consumed, else the IN_* flags it gets. */
static int
canon_byte(tty_t *tp, int c)
{
	const cc_t *cc = tp->tty_termios.c_cc;

	if (is_erase(tp, c)) {
		back_over(tp);
		return -1;
	}
	if (c == cc[VKILL]) {
		while (back_over(tp))
			;
		if (!(tp->tty_termios.c_lflag & ECHOE) && (tp->tty_termios.c_lflag & ECHO)) {
			tty_echo(tp, c);
			if (tp->tty_termios.c_lflag & ECHOK)
				out_str(tp, "\n");
		}
		return -1;
	}
	if (c == cc[VEOF])
		return IN_EOT | IN_EOF;
	if (c == '\n' || (cc[VEOL] != 0 && c == cc[VEOL]))
		return IN_EOT;
	return 0;
}

/* Input mapping of c (c_iflag): the byte to use, or -1 to drop it. */
static int
map_input(const tty_t *tp, int c)
{
	tcflag_t iflag = tp->tty_termios.c_iflag;

	if (c == '\r') {
		if (iflag & IGNCR)
			return -1;
		if (iflag & ICRNL)
			return '\n';
	} else if (c == '\n' && (iflag & INLCR)) {
		return '\r';
	}
	return c;
}

static void
in_byte(tty_t *tp, int c)
{
	const struct termios *t = &tp->tty_termios;
	int flags = IN_EOT;

	if ((c = map_input(tp, c)) < 0)
		return;
	if ((t->c_lflag & ISIG) && c != 0 &&
	    (c == t->c_cc[VINTR] || c == t->c_cc[VQUIT] || c == t->c_cc[VSUSP])) {
		tty_sigproc(tp, c);
		return;
	}
	if ((t->c_lflag & ICANON) && (flags = canon_byte(tp, c)) < 0)
		return;
	if (tp->tty_incount == TTY_IN_BYTES || ((t->c_lflag & ICANON) && !(flags & IN_EOT) &&
	    tp->tty_incount == TTY_IN_BYTES - 1))
		return;		/* full: lost; a line keeps its last slot for its end */
	tp->tty_inbuf[tp->tty_inhead] = (uint16_t)(c | flags);
	tp->tty_inhead = (tp->tty_inhead + 1) % TTY_IN_BYTES;
	tp->tty_incount++;
	if (flags & IN_EOT)
		tp->tty_eotct++;
	tty_echo(tp, c | flags);
}

void
in_process(tty_t *tp, const char *buf, int count)
{
	int i;

	for (i = 0; i < count; i++)
		in_byte(tp, (uint8_t)buf[i]);
}

/* New settings (TCSETS): in raw mode every queued byte is a complete unit. */
void
in_settings_changed(tty_t *tp)
{
	int i, k;

	if (tp->tty_termios.c_lflag & ICANON)
		return;
	for (i = 0, k = tp->tty_intail; i < tp->tty_incount; i++, k = (k + 1) % TTY_IN_BYTES)
		tp->tty_inbuf[k] |= IN_EOT;
	tp->tty_eotct = tp->tty_incount;
}

int
input_ready(const tty_t *tp)
{
	return tp->tty_eotct > 0;
}

int
in_transfer(tty_t *tp)
{
	char buf[TTY_IN_BYTES];
	size_t n = 0;
	int ch, r;

	while (tp->tty_inleft > n && tp->tty_eotct > 0 && !tp->tty_indone) {
		ch = tp->tty_inbuf[tp->tty_intail];
		tp->tty_intail = (tp->tty_intail + 1) % TTY_IN_BYTES;
		tp->tty_incount--;
		if (!(ch & IN_EOF))
			buf[n++] = (char)(ch & IN_CHAR);
		if (ch & IN_EOT) {
			tp->tty_eotct--;
			if (tp->tty_termios.c_lflag & ICANON)
				tp->tty_indone = 1;
		}
	}
	if (n == 0)
		return OK;
	r = sys_safecopyto(tp->tty_incaller, tp->tty_ingrant, tp->tty_incum, (vir_bytes)buf, n);
	if (r != OK)
		return r;
	tp->tty_incum += n;
	tp->tty_inleft -= n;
	return OK;
}

int
read_complete(const tty_t *tp)
{
	const cc_t *cc = tp->tty_termios.c_cc;

	if (tp->tty_inleft == 0 || tp->tty_indone)
		return 1;
	if (tp->tty_termios.c_lflag & ICANON)
		return 0;
	if (cc[VMIN] == 0 && cc[VTIME] > 0)
		return tp->tty_incum > 0;	/* else wait for a byte or the alarm */
	return tp->tty_incum >= tp->tty_min;
}

void
handle_events(tty_t *tp)
{
	size_t before = tp->tty_incum;
	int r;

	if (tp->tty_inleft > 0) {
		if ((r = in_transfer(tp)) != OK)
			tty_reply_read(tp, r);
		else if (read_complete(tp))
			tty_reply_read(tp, (int)tp->tty_incum);
		else if (tp->tty_incum != before)
			tty_set_timer(tp);	/* VTIME is an inter-byte timer */
	}
	if ((tp->tty_select_ops & CDEV_OP_RD) && input_ready(tp)) {
		chardriver_reply_select(tp->tty_select_proc, CONS_MINOR, CDEV_OP_RD);
		tp->tty_select_ops = 0;
	}
}
