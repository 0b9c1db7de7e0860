/**
 * @file tcp.h
 * @brief TCP's socket options (level IPPROTO_TCP).
 */
#ifndef _POSIX_NETINET_TCP_H
#define _POSIX_NETINET_TCP_H

#define TCP_NODELAY     0x01    /**< send small segments at once (no Nagle) */
#define TCP_MAXSEG      0x02    /**< the largest segment to send */

#endif /* _POSIX_NETINET_TCP_H */
