/*
 * hello.c - the hello driver (label "hello", major 17): /dev/hello, a character device
 * that greets whoever reads it (handouts/hello.md).
 *
 * A libdriver character driver speaking CDEV_* (include/minnow/cdev.h):
 *   OPEN    minor 0 only (else ENXIO), for reading only (write access: EACCES); each
 *           successful open adds one to the count
 *   READ    at position 0: the line "Hello, world! (called N times)\n", N the count (cut to
 *           the caller's size); at any other position 0, the end of the file, so that
 *           `cat` stops after one line
 *   CLOSE   OK; WRITE never arrives (no open for writing succeeds); IOCTL: ENOTTY
 *
 * The count is the driver's whole state (struct hello_state).  SEF callbacks:
 *   fresh    the count starts at 0, then "drv.chr.hello" is published (driver_announce)
 *   lu       the new version of a live update takes the count and libdriver's open-minor
 *            table from DS, where the old version's hello_state_save() put them, and
 *            deletes them there; nothing saved: the init fails (RS keeps the old version)
 *   restart  the count starts at 0 again, the driver announces itself and prints
 *            "hello: restarted"
 * Not implemented: SEF's live-update state machine, which would call hello_state_save()
 * when RS asks the old version to prepare; the hello_lutest program calls it directly.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "hello.h"

struct hello_state hello_state;

static int
hello_open(devminor_t minor, int access, endpoint_t user)
{
	(void)user;
	if (minor != HELLO_MINOR)
		return -ENXIO;
	if (access & CDEV_W_BIT)
		return -EACCES;
	hello_state.open_count++;
	return OK;
}

static int
hello_close(devminor_t minor)
{
	return minor == HELLO_MINOR ? OK : -ENXIO;
}

static int
hello_read(devminor_t minor, uint64_t pos, endpoint_t endpt, cp_grant_id_t grant,
	   size_t size, int flags, cdev_id_t id)
{
	char line[64];
	size_t len;
	int r;

	(void)flags, (void)id;
	if (minor != HELLO_MINOR)
		return -ENXIO;
	if (pos > 0)
		return 0;
	len = (size_t)snprintf(line, sizeof(line), "Hello, world! (called %u times)\n",
			       (unsigned)hello_state.open_count);
	if (len > size)
		len = size;
	if (len > 0 && (r = sys_safecopyto(endpt, grant, 0, (vir_bytes)line, len)) != OK)
		return r;
	return (int)len;
}

const struct chardriver hello_tab = {
	.cdr_open = hello_open,
	.cdr_close = hello_close,
	.cdr_read = hello_read,
};

/* The DS key of the saved count: "<label>.lu.count" (private to the driver). */
static int
count_key(char *key, size_t len)
{
	char label[DS_MAX_KEYLEN - 10];
	int r;

	if ((r = ds_retrieve_label_name(label, sizeof(label), sef_self())) != OK)
		return r;
	snprintf(key, len, "%s.lu.count", label);
	return OK;
}

int
hello_state_save(void)
{
	char key[DS_MAX_KEYLEN];
	int r;

	if ((r = count_key(key, sizeof(key))) != OK)
		return r;
	r = ds_publish_u32(key, hello_state.open_count,
			   DSF_PRIV_RETRIEVE | DSF_PRIV_SUBSCRIBE | DSF_OVERWRITE);
	return r != OK ? r : driver_state_save();
}

/* The build-time variants' init: HELLO_FAILINIT refuses every init. */
static int
variant_init(void)
{
	if (hello_variant != HELLO_FAILINIT)
		return OK;
	printf("hello: init fails on purpose (hello_failinit)\n");
	return -EIO;
}

int
hello_init_fresh(int type, sef_init_info_t *info)
{
	int r;

	if ((r = variant_init()) != OK)
		return r;
	hello_state.open_count = 0;
	return driver_init_default(type, info);
}

int
hello_init_lu(int type, sef_init_info_t *info)
{
	char key[DS_MAX_KEYLEN];
	uint32_t count;
	int r;

	if ((r = variant_init()) != OK)
		return r;
	if ((r = count_key(key, sizeof(key))) != OK || (r = ds_retrieve_u32(key, &count)) != OK)
		return r;
	ds_delete_u32(key);
	if ((r = driver_init_lu_default(type, info)) != OK)
		return r;
	hello_state.open_count = count;
	return OK;
}

int
hello_init_restart(int type, sef_init_info_t *info)
{
	int r;

	if ((r = variant_init()) != OK)
		return r;
	hello_state.open_count = 0;
	return driver_init_restart_default(type, info);
}
