/*
 * asynsend.c - asynsend3(): send without blocking, through the caller's SENDA table.
 *
 * The table lives here, in the caller's memory; the kernel keeps a pointer to it (SENDA)
 * and delivers each valid entry when its destination next receives, marking it AMF_DONE.
 * A slot is reused once the kernel marked it done.  An entry is filled completely before
 * AMF_VALID is set, so the kernel never reads a half-written one even if the caller is
 * preempted in between.  Only system processes may use SENDA.  asynsend_pending() counts the
 * entries not delivered yet (SEF's live update waits until there are none: they live in
 * this table, in the old version's memory, which a swap would take away from the slot).
 */
#include <string.h>
#include <minnow/errno.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>

/* Entries of the table. */
#define ASYN_NR 64

static asynmsg_t asyn_table[ASYN_NR];

int
asynsend3(endpoint_t dst, message *m, int flags)
{
	int i;

	for (i = 0; i < ASYN_NR; i++)
		if (asyn_table[i].flags == AMF_EMPTY || (asyn_table[i].flags & AMF_DONE))
			break;
	if (i == ASYN_NR)
		return -ENOSPC;
	asyn_table[i].flags = AMF_EMPTY;
	__asm__ volatile("" ::: "memory");
	asyn_table[i].dst = dst;
	asyn_table[i].result = 0;
	asyn_table[i].msg = *m;
	__asm__ volatile("" ::: "memory");
	asyn_table[i].flags = AMF_VALID | (flags & (AMF_NOREPLY | AMF_NOTIFY | AMF_NOTIFY_ERR));
	return ipc_senda(asyn_table, ASYN_NR);
}

int
asynsend_pending(void)
{
	int i, n = 0;

	for (i = 0; i < ASYN_NR; i++)
		if ((asyn_table[i].flags & AMF_VALID) && !(asyn_table[i].flags & AMF_DONE))
			n++;
	return n;
}
