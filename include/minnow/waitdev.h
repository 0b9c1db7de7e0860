/**
 * @file waitdev.h
 * @brief The waitdev driver's ioctl (drivers/waitdev; handouts/drivers.md, "A driver whose
 *        reads wait").
 *
 * /dev/waitdev (major 19, minor 0) is a character device whose reads wait for writes: a
 * read with nothing written is suspended in the driver until a write comes.  Tests use it
 * to put a process in a read that blocks, then restart the driver under it.
 */
#ifndef MINNOW_WAITDEV_H
#define MINNOW_WAITDEV_H

/** ioctl(fd, WAITDEV_PENDING, NULL): the number of reads waiting in the driver now (no
 *  argument: the count is the call's result).  A test waits for it to become 1 to know
 *  that its reader is suspended, not merely about to read. */
#define WAITDEV_PENDING 0x7701

#endif /* MINNOW_WAITDEV_H */
