/*
 * restart.c - DS's restart init: the store survives a crash (handouts/rs.md, "Boot
 * services").
 *
 * DS is a boot service RS restarts (sf=restart): when it dies, RS swaps a replica of
 * /service/ds in under DS's endpoint and keeps the dead instance's image frozen until this
 * init answers, naming it in the RS_INIT (sef_init_info_t image_endpoint).  ds_restart()
 * copies the tables out of it with sef_copy_state (the same program: the same addresses):
 * the entries and the subscriptions, with the changes not yet collected by ds_check; the
 * value of a string or memory entry lives in the dead instance's heap, so it is copied
 * into a fresh buffer here.  What is lost: the grants DS made to retrievers of mapped
 * values (DS's grant table is the new instance's; the entries stay, a retriever asks
 * again), and the request DS was serving when it died (its caller gets EDEADSRCDST from
 * SEF's restart, libsys).  Without a frozen image (or if a copy fails) DS starts as at
 * boot, with only the labels of RS's table, and says so.
 *
 * The same copy is DS's live-update init (the old version's image).
 *
 * Entry point: ds_restart (main.c sets it as the restart and live-update init).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <minnow/errno.h>
#include <minnow/syslib.h>
#include "glo.h"
#include "proto.h"

/* Copy the value of entry dsp (its data pointer names the dead heap) into a new buffer. */
static int
copy_value(const sef_init_info_t *info, struct data_store *dsp)
{
	void *old = dsp->data, *buf;
	int r;

	dsp->data = NULL;
	if (old == NULL || dsp->capacity == 0)
		return OK;
	if ((buf = malloc(dsp->capacity)) == NULL)
		return -ENOMEM;
	r = sys_vircopy(info->image_endpoint, (vir_bytes)old, SELF, (vir_bytes)buf,
			dsp->length, 0);
	if (r != OK) {
		free(buf);
		return r;
	}
	dsp->data = buf;
	return OK;
}

/* Copy the entries and subscriptions of the dead instance: OK or the first error. */
static int
copy_tables(const sef_init_info_t *info)
{
	struct data_store *dsp;
	int r;

	if ((r = sef_copy_state(info, ds_store, sizeof(ds_store))) != OK ||
	    (r = sef_copy_state(info, ds_subs, sizeof(ds_subs))) != OK)
		return r;
	for (dsp = ds_store; dsp < ds_store + NR_DS_KEYS; dsp++)
		if ((dsp->flags & DSF_IN_USE) && (r = copy_value(info, dsp)) != OK)
			return r;
	return OK;
}

/* Forget whatever a failed copy left (no free(): the pointers may name the dead heap). */
static void
clear_tables(void)
{
	memset(ds_store, 0, sizeof(ds_store));
	memset(ds_subs, 0, sizeof(ds_subs));
}

int
ds_restart(int type, sef_init_info_t *info)
{
	int r, n = 0, i;

	ds_rs = info->rs_endpoint;
	if ((r = copy_tables(info)) != OK) {
		printf("ds: restarted without the old store (%d): labels only\n", r);
		clear_tables();
		return ds_init(type, info);
	}
	for (i = 0; i < NR_DS_KEYS; i++)
		n += (ds_store[i].flags & DSF_IN_USE) != 0;
	printf("ds: %s, %d entries kept\n", type == SEF_INIT_LU ? "new version" : "restarted", n);
	return OK;
}
