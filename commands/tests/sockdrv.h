/*
 * sockdrv.h - what the test socket driver (sockdrv.c) and its test program (socktest.c)
 * share (handouts/sockets.md, "The test driver"): the test domain, its address, its ioctls.
 *
 * The test domain is a number no real driver serves (AF_MAX - 1): sockdrv's system.conf
 * entry (commands/tests/system.conf) maps it, so the test never depends on whether inet
 * runs.  SOCKTEST_UNMAPPED is a domain nobody maps (EAFNOSUPPORT).
 */
#ifndef SOCKDRV_H
#define SOCKDRV_H

#include <stdint.h>
#include <sys/socket.h>

#define SOCKTEST_DOMAIN     31          /**< the domain sockdrv serves */
#define SOCKTEST_UNMAPPED   30          /**< a domain no driver serves */

/** A test socket address: a small port number (1..SOCKTEST_MAX_PORT). */
struct sockaddr_test {
	sa_family_t st_family;          /**< SOCKTEST_DOMAIN */
	uint16_t st_port;               /**< the port */
};

#define SOCKTEST_MAX_PORT   2000        /**< ports 1..999 bind, 1000.. are given out */
#define SOCKTEST_IOC_PENDING 0x7301     /**< int *: bytes waiting to be received */
#define SOCKTEST_IOC_PID    0x7302      /**< int *: the driver's pid (to kill it) */
#define SOCKTEST_BUF        4096        /**< a stream socket's receive buffer */
#define SOCKTEST_DGRAM_MAX  512         /**< the longest datagram */

#endif
