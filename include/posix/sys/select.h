/**
 * @file select.h
 * @brief fd_set and select().  VFS_SELECT passes the three sets (read, write, except) as
 * one buffer of 3 fd_sets and the timeout in milliseconds (-1: wait for ever).
 */
#ifndef _POSIX_SYS_SELECT_H
#define _POSIX_SYS_SELECT_H

#include <sys/types.h>
#include <sys/time.h>

#define FD_SETSIZE  32          /**< = OPEN_MAX */

/** A set of file descriptors. */
typedef struct {
	uint32_t fds_bits[(FD_SETSIZE + 31) / 32]; /**< bit fd % 32 of word fd / 32 */
} fd_set;

#define FD_ZERO(s)      ((s)->fds_bits[0] = 0)                          /**< empty */
#define FD_SET(fd, s)   ((s)->fds_bits[(fd) / 32] |= 1u << ((fd) % 32))  /**< add */
#define FD_CLR(fd, s)   ((s)->fds_bits[(fd) / 32] &= ~(1u << ((fd) % 32))) /**< remove */
#define FD_ISSET(fd, s) (((s)->fds_bits[(fd) / 32] >> ((fd) % 32)) & 1u) /**< member? */

/** Wait until a descriptor is ready or the timeout passes (NULL: no timeout): the number of
 *  ready descriptors, 0 at the timeout; -1 with EBADF (a closed descriptor in a set),
 *  EINVAL (nfds out of [0, FD_SETSIZE], a negative timeout or tv_usec of 10^6 or more),
 *  EINTR (a signal). */
int select(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *timeout);

#endif /* _POSIX_SYS_SELECT_H */
