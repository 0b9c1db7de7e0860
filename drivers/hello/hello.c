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
 *   CLOSE   OK (one descriptor fewer open); WRITE never arrives (no open for writing
 *           succeeds); IOCTL: ENOTTY
 *
 * The count and the number of descriptors open now are the driver's whole state (struct
 * hello_state).  SEF callbacks:
 *   fresh    the count starts at 0, then "drv.chr.hello" is published (driver_announce)
 *   lu prepare (old version, `service update`; handouts/rs.md, "Live update") hello
 *            handles one request at a time, so it is work-free and request-free whenever
 *            SEF asks; protocol-free only when no descriptor is open
 *   lu state save (old version) hello_state_save(): the count, the open descriptors and
 *            libdriver's open-minor table go into DS
 *   lu       the new version takes them back from DS and deletes them there; nothing
 *            saved: the init fails (RS rolls the update back)
 *   restart  the count starts at 0 again, the driver announces itself and prints
 *            "hello: restarted"
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
	hello_state.open_now++;
	return OK;
}

static int
hello_close(devminor_t minor)
{
	if (minor != HELLO_MINOR)
		return -ENXIO;
	if (hello_state.open_now > 0)
		hello_state.open_now--;
	return OK;
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

/* The DS key of a saved field: "<label>.lu.<what>" (private to the driver). */
static int
state_key(char *key, size_t len, const char *what)
{
	char label[DS_MAX_KEYLEN - 10];
	int r;

	if ((r = ds_retrieve_label_name(label, sizeof(label), sef_self())) != OK)
		return r;
	snprintf(key, len, "%s.lu.%s", label, what);
	return OK;
}

/* Publish value under the key of what (overwriting an older one). */
static int
save_u32(const char *what, uint32_t value)
{
	char key[DS_MAX_KEYLEN];
	int r;

	if ((r = state_key(key, sizeof(key), what)) != OK)
		return r;
	return ds_publish_u32(key, value, DSF_PRIV_RETRIEVE | DSF_PRIV_SUBSCRIBE | DSF_OVERWRITE);
}

/* Take the value of what back from DS and delete it there. */
static int
restore_u32(const char *what, uint32_t *value)
{
	char key[DS_MAX_KEYLEN];
	int r;

	if ((r = state_key(key, sizeof(key), what)) != OK ||
	    (r = ds_retrieve_u32(key, value)) != OK)
		return r;
	ds_delete_u32(key);
	return OK;
}

int
hello_state_save(void)
{
	int r;

	/* LAB(sef-lu) BEGIN: save the count, the open descriptors and the open-minor table */
	if ((r = save_u32("count", hello_state.open_count)) != OK ||
	    (r = save_u32("open", hello_state.open_now)) != OK)
		return r;
	return driver_state_save();
	/* LAB(sef-lu) STUB */
	//~ (void)r, (void)save_u32;	/* save_u32() is given: use it */
	//~ return -ENOSYS;	/* LAB(sef-lu): hello_state_save() saves nothing */
	/* LAB(sef-lu) END */
}

int
hello_lu_prepare(int state)
{
	/* LAB(sef-lu) BEGIN: ready for the state RS asked for? */
	if (state == SEF_LU_STATE_PROTOCOL_FREE && hello_state.open_now > 0)
		return -ENOTREADY;	/* a descriptor is open: wait for its close */
	return OK;
	/* LAB(sef-lu) STUB */
	//~ (void)state;
	//~ return -ENOTREADY;	/* LAB(sef-lu): hello_lu_prepare() is never ready */
	/* LAB(sef-lu) END */
}

int
hello_lu_state_save(int state)
{
	(void)state;
	return hello_state_save();
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
	hello_state.open_now = 0;
	return driver_init_default(type, info);
}

int
hello_init_lu(int type, sef_init_info_t *info)
{
	uint32_t count, open_now;
	int r;

	if ((r = variant_init()) != OK)
		return r;
	/* LAB(sef-lu) BEGIN: take the saved state back from DS (and delete it there) */
	if ((r = restore_u32("count", &count)) != OK || (r = restore_u32("open", &open_now)) != OK)
		return r;
	if ((r = driver_init_lu_default(type, info)) != OK)
		return r;
	hello_state.open_count = count;
	hello_state.open_now = open_now;
	return OK;
	/* LAB(sef-lu) STUB */
	//~ (void)count, (void)open_now, (void)type, (void)info, (void)restore_u32;
	//~ return -ENOSYS;	/* LAB(sef-lu): hello_init_lu() restores nothing */
	/* LAB(sef-lu) END */
}

int
hello_init_restart(int type, sef_init_info_t *info)
{
	int r;

	if ((r = variant_init()) != OK)
		return r;
	hello_state.open_count = 0;
	hello_state.open_now = 0;
	return driver_init_restart_default(type, info);
}
