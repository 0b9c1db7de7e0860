/**
 * @file tcp.h
 * @brief TCP's socket options (level IPPROTO_TCP).
 */
#ifndef _POSIX_NETINET_TCP_H
#define _POSIX_NETINET_TCP_H

#define TCP_NODELAY     0x01    /**< send small segments at once (no Nagle) */
#define TCP_MAXSEG      0x02    /**< the largest segment to send */
#define TCP_KEEPIDLE    0x03    /**< seconds idle before the first keepalive probe */
#define TCP_KEEPINTVL   0x05    /**< seconds between keepalive probes */
#define TCP_KEEPCNT     0x06    /**< unanswered probes before the connection ends */

#endif /* _POSIX_NETINET_TCP_H */
