/*
 * sintest.h - the AF_INET address helpers of the socket test programs (udptest.c,
 * tcptest.c): sin_of() builds a struct sockaddr_in from a host-order address and port,
 * SA() passes one where a struct sockaddr * goes.
 */
#ifndef SINTEST_H
#define SINTEST_H

#include <stdint.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

/* The sockaddr_in of addr:port (host order). */
static inline struct sockaddr_in
sin_of(uint32_t addr, int port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(addr);
	return a;
}

#define SA(a)   ((struct sockaddr *)&(a))

#endif /* SINTEST_H */
