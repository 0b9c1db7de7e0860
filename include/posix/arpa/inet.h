/**
 * @file inet.h
 * @brief Internet addresses as text: dotted decimal to and from struct in_addr
 * (lib/libc/inet.c).  IPv4 only: AF_INET6 is EAFNOSUPPORT.
 */
#ifndef _POSIX_ARPA_INET_H
#define _POSIX_ARPA_INET_H

#include <netinet/in.h>

/** Text @p src ("a.b.c.d", each 0..255, no leading zeros) to @p dst (a struct in_addr):
 *  1, or 0 if it is no such address; -1 (EAFNOSUPPORT) for a family other than AF_INET. */
int inet_pton(int af, const char *src, void *dst);
/** @p src (a struct in_addr) as "a.b.c.d" in @p dst of @p size bytes: @p dst, or NULL
 *  (ENOSPC: too small; EAFNOSUPPORT). */
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);
/** "a.b.c.d" as an address in network order, or INADDR_NONE. */
in_addr_t inet_addr(const char *cp);
/** @p in as "a.b.c.d" in a static buffer. */
char *inet_ntoa(struct in_addr in);

#endif /* _POSIX_ARPA_INET_H */
