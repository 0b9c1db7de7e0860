/*
 * lu.c - libdriver's live-update and restart defaults (include/minnow/driver.h,
 * handouts/hello.md, "State hand-over").
 *
 * What libdriver itself must hand from an old version of a driver to its new version is the
 * open-minor table (driver.c): without it the new version would answer EIO to every request
 * for a minor its predecessor opened.  driver_state_save() publishes the table in DS as a
 * private memory entry "<label>.drv.open"; driver_state_restore() takes it back and deletes
 * it.  driver_setcb_defaults() registers SEF callbacks built on them:
 *   fresh    driver_announce()
 *   lu state save (the old version, once SEF's prepare is ready; lib/libsys/sef_lu.c)
 *            driver_state_save()
 *   lu       driver_state_restore() (the endpoint is the old version's: nothing to announce)
 *   restart  driver_announce(), and "<label>: restarted" on the console
 * A driver with state of its own sets its own callbacks and calls these from them; one
 * whose restart keeps the dead instance's state (tty) calls driver_restart_keep(), which
 * copies the open-minor table out of the dead instance's image and does not announce.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include "driver_priv.h"

static int announce_types;      /* what driver_setcb_defaults() was given */

/* The DS key of the saved open-minor table: "<label>.drv.open". */
static int
state_key(char *key, size_t len)
{
	char label[DS_MAX_KEYLEN - 10];
	int r;

	if ((r = ds_retrieve_label_name(label, sizeof(label), sef_self())) != OK)
		return r;
	snprintf(key, len, "%s.drv.open", label);
	return OK;
}

int
driver_state_save(void)
{
	char key[DS_MAX_KEYLEN];
	int r;

	if ((r = state_key(key, sizeof(key))) != OK)
		return r;
	return ds_publish_mem(key, driver_open_table, sizeof(driver_open_table),
			      DSF_PRIV_RETRIEVE | DSF_PRIV_SUBSCRIBE | DSF_OVERWRITE);
}

int
driver_state_restore(void)
{
	char key[DS_MAX_KEYLEN];
	uint32_t table[sizeof(driver_open_table) / sizeof(uint32_t)];
	size_t len = sizeof(table);
	int r;

	if ((r = state_key(key, sizeof(key))) != OK)
		return r;
	if ((r = ds_retrieve_mem(key, table, &len)) != OK)
		return r;
	ds_delete_mem(key);
	if (len != sizeof(table))
		return -EINVAL;
	memcpy(driver_open_table, table, sizeof(table));
	return OK;
}

int
driver_init_default(int type, sef_init_info_t *info)
{
	(void)type, (void)info;
	return driver_announce(announce_types);
}

int
driver_init_lu_default(int type, sef_init_info_t *info)
{
	(void)type, (void)info;
	return driver_state_restore();
}

int
driver_init_restart_default(int type, sef_init_info_t *info)
{
	char label[DS_MAX_KEYLEN];
	int r;

	(void)type, (void)info;
	if ((r = driver_announce(announce_types)) != OK)
		return r;
	if (ds_retrieve_label_name(label, sizeof(label), sef_self()) == OK)
		printf("%s: restarted\n", label);
	return OK;
}

int
driver_restart_keep(const sef_init_info_t *info)
{
	/* SEF's restart has cleared the IPC references to the dead instance already */
	return sef_copy_state(info, driver_open_table, sizeof(driver_open_table));
}

/* The default SEF state-save callback: the open-minor table. */
static int
lu_state_save(int state)
{
	(void)state;
	return driver_state_save();
}

void
driver_setcb_defaults(int types)
{
	announce_types = types;
	sef_setcb_init_fresh(driver_init_default);
	sef_setcb_init_lu(driver_init_lu_default);
	sef_setcb_init_restart(driver_init_restart_default);
	sef_setcb_lu_state_save(lu_state_save);
}
