/*
 * waitdev.c - the waitdev driver (label "waitdev", major 19): /dev/waitdev, a character
 * device whose reads wait for writes (handouts/drivers.md, "A driver whose reads wait").
 * It exists to put a process in a read that blocks in a driver, so that the tests can
 * restart the driver under it (grader/tests/chardrv.py, commands/testprogs/waittest.c).
 *
 * A libdriver character driver speaking CDEV_* (include/minnow/cdev.h), one stream: the
 * position of a request is ignored.
 *   OPEN    minor 0 only (else ENXIO), for reading and writing
 *   WRITE   what fits of the caller's bytes goes to the end of the buffer (WAITDEV_BUF
 *           bytes; full: EAGAIN), then the waiting reads are served in the order they came
 *   READ    buffered bytes: at once (up to the caller's size); none: CDEV_NONBLOCK gets
 *           EAGAIN, any other read is suspended (-EDONTREPLY, at most WAITDEV_READERS of
 *           them: EBUSY beyond) and answered by chardriver_reply_task() when a write comes
 *   CANCEL  the suspended read of that caller and id leaves the queue and is answered
 *           EINTR; one answered already gets nothing (no reply)
 *   IOCTL   WAITDEV_PENDING (include/minnow/waitdev.h): the number of suspended reads;
 *           anything else ENOTTY
 *   CLOSE   OK
 * A copy to or from a caller's grant that fails (a bad buffer) answers that request with
 * the copy's error (EFAULT): a write takes nothing, a read takes nothing and the bytes stay
 * for the next reader.
 *
 * The buffer and the queue are the whole state.  A restart begins with both empty (the
 * image is a fresh copy of the program); the reads that waited in the dead instance are
 * answered by VFS, with EIO, when the new instance announces itself.  Live update: not
 * implemented beyond waiting for an idle device (waitdev_lu_prepare).
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include <minnow/waitdev.h>
#include "waitdev.h"

/* A suspended read: whom to answer, and where its bytes go. */
struct waiter {
	endpoint_t endpt;               /* the requester (VFS) */
	cdev_id_t id;                   /* its request id */
	cp_grant_id_t grant;            /* the reader's buffer */
	size_t size;                    /* its size */
};

static char buf[WAITDEV_BUF];           /* bytes written and not read yet: buf[0..used) */
static size_t used;
static struct waiter waiting[WAITDEV_READERS]; /* the suspended reads, oldest first */
static int nwaiting;

/* Copy up to size buffered bytes to grant of endpt and drop them from the buffer: the
 * count, or the copy's error (then nothing is dropped). */
static int
take(endpoint_t endpt, cp_grant_id_t grant, size_t size)
{
	size_t n = size < used ? size : used;
	int r;

	if ((r = sys_safecopyto(endpt, grant, 0, (vir_bytes)buf, n)) != OK)
		return r;
	memmove(buf, buf + n, used - n);
	used -= n;
	return (int)n;
}

/* Forget waiting read i (the ones after it move up). */
static void
unqueue(int i)
{
	memmove(&waiting[i], &waiting[i + 1], (size_t)(nwaiting - i - 1) * sizeof(waiting[0]));
	nwaiting--;
}

/* Answer the waiting reads, oldest first, while there are bytes for them. */
static void
serve_waiting(void)
{
	while (nwaiting > 0 && used > 0) {
		struct waiter w = waiting[0];

		unqueue(0);
		chardriver_reply_task(w.endpt, w.id, take(w.endpt, w.grant, w.size));
	}
}

static int
waitdev_open(devminor_t minor, int access, endpoint_t user)
{
	(void)access, (void)user;
	return minor == WAITDEV_MINOR ? OK : -ENXIO;
}

static int
waitdev_close(devminor_t minor)
{
	return minor == WAITDEV_MINOR ? OK : -ENXIO;
}

static int
waitdev_read(devminor_t minor, uint64_t pos, endpoint_t endpt, cp_grant_id_t grant,
	     size_t size, int flags, cdev_id_t id)
{
	(void)pos;
	if (minor != WAITDEV_MINOR)
		return -ENXIO;
	if (used > 0)
		return take(endpt, grant, size);
	if (flags & CDEV_NONBLOCK)
		return -EAGAIN;
	if (nwaiting == WAITDEV_READERS)
		return -EBUSY;
	waiting[nwaiting].endpt = endpt;
	waiting[nwaiting].id = id;
	waiting[nwaiting].grant = grant;
	waiting[nwaiting].size = size;
	nwaiting++;
	return -EDONTREPLY;		/* serve_waiting() answers, after a write */
}

static int
waitdev_write(devminor_t minor, uint64_t pos, endpoint_t endpt, cp_grant_id_t grant,
	      size_t size, int flags, cdev_id_t id)
{
	size_t n = WAITDEV_BUF - used;
	int r;

	(void)pos, (void)flags, (void)id;
	if (minor != WAITDEV_MINOR)
		return -ENXIO;
	if (n == 0)
		return -EAGAIN;		/* not implemented: a write that waits for room */
	if (n > size)
		n = size;
	if ((r = sys_safecopyfrom(endpt, grant, 0, (vir_bytes)(buf + used), n)) != OK)
		return r;
	used += n;
	serve_waiting();
	return (int)n;
}

static int
waitdev_ioctl(devminor_t minor, int request, endpoint_t endpt, cp_grant_id_t grant,
	      int flags, endpoint_t user, cdev_id_t id)
{
	(void)endpt, (void)grant, (void)flags, (void)user, (void)id;
	if (minor != WAITDEV_MINOR)
		return -ENXIO;
	return request == WAITDEV_PENDING ? nwaiting : -ENOTTY;
}

static int
waitdev_cancel(devminor_t minor, endpoint_t endpt, cdev_id_t id)
{
	int i;

	(void)minor;
	for (i = 0; i < nwaiting; i++)
		if (waiting[i].endpt == endpt && waiting[i].id == id) {
			unqueue(i);
			return -EINTR;	/* libdriver sends it as the read's one reply */
		}
	return -EDONTREPLY;		/* answered already: nothing to cancel */
}

const struct chardriver waitdev_tab = {
	.cdr_open = waitdev_open,
	.cdr_close = waitdev_close,
	.cdr_read = waitdev_read,
	.cdr_write = waitdev_write,
	.cdr_ioctl = waitdev_ioctl,
	.cdr_cancel = waitdev_cancel,
};

int
waitdev_lu_prepare(int state)
{
	(void)state;
	return nwaiting == 0 && used == 0 ? OK : -ENOTREADY;
}
