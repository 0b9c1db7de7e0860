/*
 * callers.c - who may send a driver requests (handouts/drivers.md, "Who may call a
 * driver"): libdriver's caller check, applied by driver_receive() before anything else.
 *
 * The character protocol (CDEV_*) is VFS's: only VFS may use it.  The block protocol
 * (BDEV_*) is VFS's and the file servers': VFS and the root file server MFS.  Both are
 * known by their fixed endpoints (VFS_PROC_NR, MFS_PROC_NR).  Any other caller must be
 * named in the driver's arguments, `callers=LABEL[,LABEL...]` (a boot module's words, or
 * `service up ... -args callers=...`): /etc/rc names mfs_home, /home's file server, for the
 * disk driver, and a test boot names the test program that plays VFS.  A named caller is
 * recognised by its DS label (asked once per endpoint, then remembered).
 *
 * A request from anyone else is refused: answered EPERM (CDEV_REPLY, BDEV_REPLY, or m_type
 * -EPERM for another type) when its sender waits in SENDREC, else dropped: the driver
 * never blocks on it.  The kernel's IPC masks (system.conf's ipc lines) already keep out
 * every process that is not a partner of the driver; this check keeps a partner such as DS
 * or PM from speaking a protocol that is not its own.
 *
 * libnetdriver asks the same question for its DL_ requests, with the label "inet" allowed
 * besides the named ones: driver_label_caller().
 *
 * Entry points: driver_caller_ok() (driver.c), driver_label_caller() (include/minnow/driver.h).
 */
#include <stdio.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/endpoint.h>
#include <minnow/errno.h>
#include <minnow/ipcstub.h>
#include "driver_priv.h"

#define MAX_NAMED       8       /* labels in callers= */
#define CACHE_SIZE      8       /* endpoints whose verdict is remembered */

extern char **__libc_argv;      /* main's argv (lib/libc/exit.c, set by crt0.S) */

static char named[MAX_NAMED][DS_MAX_KEYLEN];
static int nr_named = -1;       /* -1: the arguments are not read yet */

static struct {
	endpoint_t endpt;       /* NONE: a free entry */
	int ok;                 /* its label is named */
} cache[CACHE_SIZE];
static int cache_next;

/* Read the callers= words of the driver's arguments into named[]. */
static void
read_callers(void)
{
	char **av = __libc_argv;

	nr_named = 0;
	for (int i = 0; i < CACHE_SIZE; i++)
		cache[i].endpt = NONE;
	for (; av != NULL && *av != NULL; av++) {
		const char *s = *av;

		if (strncmp(s, "callers=", 8) != 0)
			continue;
		for (s += 8; *s != '\0' && nr_named < MAX_NAMED; s += (*s == ',')) {
			size_t n = strcspn(s, ",");

			if (n > 0 && n < DS_MAX_KEYLEN)
				strlcpy(named[nr_named++], s, n + 1);
			s += n;
		}
	}
}

/* Is endpt's DS label also (if not NULL) or one of the named callers?  Asked once per
 * endpoint (a process passes the same also every time). */
static int
named_caller(endpoint_t endpt, const char *also)
{
	char label[DS_MAX_KEYLEN];
	int i, ok = 0;

	if (nr_named < 0)
		read_callers();
	if (nr_named == 0 && also == NULL)
		return 0;
	for (i = 0; i < CACHE_SIZE; i++)
		if (cache[i].endpt == endpt)
			return cache[i].ok;
	if (ds_retrieve_label_name(label, sizeof(label), endpt) == OK) {
		ok = also != NULL && strcmp(label, also) == 0;
		for (i = 0; i < nr_named && !ok; i++)
			ok = strcmp(label, named[i]) == 0;
	}
	cache[cache_next].endpt = endpt;
	cache[cache_next].ok = ok;
	cache_next = (cache_next + 1) % CACHE_SIZE;
	return ok;
}

int
driver_caller_ok(const message *m)
{
	endpoint_t src = m->m_source;

	if (src == VFS_PROC_NR)
		return 1;
	if (IS_BDEV_RQ(m->m_type) && src == MFS_PROC_NR)
		return 1;
	return named_caller(src, NULL);
}

int
driver_label_caller(endpoint_t endpt, const char *also)
{
	return named_caller(endpt, also);
}

void
driver_refuse(message *m, int ipc_status)
{
	message reply;

	if (IPC_STATUS_CALL(ipc_status) != SENDREC)
		return;		/* dropped: its sender does not wait */
	memset(&reply, 0, sizeof(reply));
	if (IS_CDEV_RQ(m->m_type)) {
		reply.m_type = m->m_type == CDEV_SELECT ? CDEV_SEL1_REPLY : CDEV_REPLY;
		reply.m_cdev_reply.status = -EPERM;
		reply.m_cdev_reply.id = m->m_cdev.id;
		reply.m_cdev_reply.minor = m->m_cdev.minor;
	} else if (IS_BDEV_RQ(m->m_type)) {
		reply.m_type = BDEV_REPLY;
		reply.m_bdev_reply.status = -EPERM;
		reply.m_bdev_reply.id = m->m_bdev.id;
	} else {
		reply.m_type = -EPERM;
	}
	ipc_sendnb(m->m_source, &reply);
}
