/*
 * waitdev.h - what the files of the waitdev driver share (drivers/waitdev;
 * handouts/drivers.md, "A driver whose reads wait").
 *
 * waitdev.c is the device (its buffer, its queue of suspended reads and the entry points);
 * main.c starts it.
 */
#ifndef WAITDEV_H
#define WAITDEV_H

#include <minnow/driver.h>

/** The only minor: /dev/waitdev. */
#define WAITDEV_MINOR   0
/** Bytes written and not yet read that the driver keeps. */
#define WAITDEV_BUF     1024
/** Reads that may wait at once (one more: EBUSY). */
#define WAITDEV_READERS 8

/** The character driver's entry points. */
extern const struct chardriver waitdev_tab;

/* SEF live-update prepare callback: ready (OK) only when no read waits and nothing
 * written is unread, since the new version would not have them; else ENOTREADY. */
int waitdev_lu_prepare(int state);

#endif /* WAITDEV_H */
