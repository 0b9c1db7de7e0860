/*
 * tcp.h - TCP (RFC 793, with RFC 1122, RFC 5681 congestion control and RFC 6298 timers):
 * the header layout as byte offsets, the connection states, TCP's limits and its control
 * block, struct tcb (handouts/inet.md, "TCP").
 *
 * Where the bytes live.  A connection has two ring buffers, one for what the user sent
 * and the peer has not acknowledged yet, one for what arrived and the user has not read;
 * both come from malloc() when the connection starts (connect, or a SYN to a listener)
 * and go back to it when the control block is freed.  Their sizes are SO_SNDBUF and
 * SO_RCVBUF (TCP_BUF_MIN..TCP_BUF_MAX, default TCP_BUF_DEFAULT), and all connections
 * together never hold more than TCP_MEM_MAX bytes: past it a connect is ENOBUFS and a SYN
 * is dropped.  An out-of-order segment is written straight into the receive ring at its
 * place beyond what is in order, and remembered as one of at most TCP_OOO_MAX ranges;
 * one that would need another range is dropped (and counted).  No packet buffer is held
 * by TCP: a segment is built in a fresh pbuf from the send ring each time it is sent (or
 * sent again).
 *
 * Sequence numbers compare modulo 2^32 (SEQ_LT() and friends).  Times are inet ticks
 * (TICKS_PER_SEC a second, inet.h); a timer is a deadline, 0 when it is off.
 */
#ifndef INET_TCP_H
#define INET_TCP_H

#include <stdint.h>
#include <minnow/sockdriver.h>
#include "inet.h"

/* ---- the header (RFC 793 3.1), offsets from its first byte -------------------------- */
#define TCP_HLEN        20      /**< a header without options */
#define TCP_SPORT       0       /**< source port (2) */
#define TCP_DPORT       2       /**< destination port (2) */
#define TCP_SEQ         4       /**< sequence number (4) */
#define TCP_ACK         8       /**< acknowledgement number (4) */
#define TCP_OFF         12      /**< data offset in the high 4 bits, in 32-bit words */
#define TCP_FLAGS       13      /**< the flags below */
#define TCP_WIN         14      /**< window (2) */
#define TCP_SUM         16      /**< checksum over the pseudo header too (2) */
#define TCP_URP         18      /**< urgent pointer (2; urgent data not implemented) */

#define TH_FIN          0x01    /**< no more data from the sender */
#define TH_SYN          0x02    /**< synchronise sequence numbers */
#define TH_RST          0x04    /**< reset the connection */
#define TH_PSH          0x08    /**< push */
#define TH_ACK          0x10    /**< the acknowledgement field counts */
#define TH_URG          0x20    /**< the urgent pointer counts (ignored) */

#define TCPOPT_EOL      0       /**< option kind: end of the list */
#define TCPOPT_NOP      1       /**< option kind: padding */
#define TCPOPT_MSS      2       /**< option kind: maximum segment size, length 4 */

/* ---- limits ------------------------------------------------------------------------ */
#define NR_TCP          40      /**< control blocks: sockets and connections at once */
#define TCP_MSS         1460    /**< the MSS we announce (IP_MTU - 40) */
#define TCP_MSS_DEFAULT 536     /**< the peer's MSS when its SYN names none (RFC 1122) */
#define TCP_MSS_MIN     64      /**< a smaller MSS option is taken as this */
#define TCP_BUF_DEFAULT (32 * 1024)     /**< SO_SNDBUF and SO_RCVBUF to start with */
#define TCP_BUF_MIN     2048    /**< the smallest SO_SNDBUF/SO_RCVBUF */
#define TCP_BUF_MAX     65535   /**< the largest (no window scaling) */
#define TCP_MEM_MAX     (1536 * 1024)   /**< buffer bytes of all connections together */
#define TCP_OOO_MAX     8       /**< out-of-order ranges one connection remembers */
#define TCP_BACKLOG_MAX 16      /**< the largest listen() backlog (more is cut to it) */
#define TCP_HALFOPEN_STALE (1 * TICKS_PER_SEC)  /**< a half-open child this old may make room
						     in a full backlog (tcp_evict_half_open) */
#define TCP_LOWPORT     UDP_PORT_RESERVED       /**< ports below it are root's */

/* ---- times (ticks) ------------------------------------------------------------------ */
#define TCP_RTO_INIT    (1 * TICKS_PER_SEC)     /**< RFC 6298 2.1 */
#define TCP_RTO_MIN     (1 * TICKS_PER_SEC)     /**< RFC 6298 2.4 */
#define TCP_RTO_MAX     (60 * TICKS_PER_SEC)    /**< RFC 6298 2.5 */
#define TCP_MAXRXT      8       /**< retransmissions of data before ETIMEDOUT */
#define TCP_SYN_RETRIES 5       /**< SYN (and SYN-ACK) retransmissions before giving up */
#define TCP_DELACK      2       /**< the delayed-ACK timer: 200 ms (RFC 1122 4.2.3.2) */
#define TCP_PERSIST_MIN (1 * TICKS_PER_SEC)     /**< the first zero-window probe */
#define TCP_PERSIST_MAX (30 * TICKS_PER_SEC)    /**< the longest gap between probes */
#define TCP_MSL         (2 * TICKS_PER_SEC)     /**< a short MSL: TIME_WAIT is 4 s */
#define TCP_KEEPIDLE_DEF 7200   /**< seconds idle before the first keepalive probe */
#define TCP_KEEPINTVL_DEF 75    /**< seconds between probes */
#define TCP_KEEPCNT_DEF 8       /**< unanswered probes before ETIMEDOUT */
#define TCP_ORPHAN_MAX  (60 * TICKS_PER_SEC)    /**< a closed socket's FIN_WAIT_2 at most */

/** Sequence number comparisons modulo 2^32. */
#define SEQ_LT(a, b)    ((int32_t)((uint32_t)(a) - (uint32_t)(b)) < 0)
#define SEQ_LEQ(a, b)   ((int32_t)((uint32_t)(a) - (uint32_t)(b)) <= 0)
#define SEQ_GT(a, b)    SEQ_LT(b, a)
#define SEQ_GEQ(a, b)   SEQ_LEQ(b, a)

/** The states of RFC 793 3.2. */
enum tcp_state {
	TCPS_CLOSED, TCPS_LISTEN, TCPS_SYN_SENT, TCPS_SYN_RCVD, TCPS_ESTABLISHED,
	TCPS_FIN_WAIT_1, TCPS_FIN_WAIT_2, TCPS_CLOSE_WAIT, TCPS_CLOSING, TCPS_LAST_ACK,
	TCPS_TIME_WAIT, TCPS_NSTATES
};

/** Has the connection seen the peer's SYN and had its own acknowledged? */
#define TCPS_SYNCED(s)  ((s) >= TCPS_ESTABLISHED)

/** A ring buffer of bytes: len bytes from start, wrapping at size. */
struct ring {
	uint8_t *buf;                   /**< malloc()ed, size bytes (NULL: none yet) */
	uint32_t size;                  /**< its size */
	uint32_t start;                 /**< the index of the first byte */
	uint32_t len;                   /**< bytes held */
};

/** A range of out-of-order bytes already in the receive ring, [seq, seq + len). */
struct tcp_ooo {
	uint32_t seq;                   /**< its first sequence number */
	uint32_t len;                   /**< its length (0: the row is free) */
};

/** A call of the user that waits (sockdriver.h "Waiting"). */
struct tcp_wait {
	int in_use;                     /**< a call waits */
	struct sockdriver_call call;    /**< how to answer it */
	struct sockdriver_data data;    /**< send, recv: the user's buffer */
	size_t len;                     /**< its size */
	size_t done;                    /**< send: bytes taken so far */
	int flags;                      /**< recv: MSG_PEEK, MSG_WAITALL */
};

/** A TCP control block: a socket, a listener, or a connection (tcp.c). */
struct tcb {
	int in_use;                     /**< the row is taken */
	int state;                      /**< enum tcp_state */
	int has_socket;                 /**< a socket of the user's names it (not closed) */
	int parent;                     /**< a listener's row while not accepted (-1: none) */
	int queued;                     /**< established and waiting for accept() */
	uint32_t accept_order;          /**< when it came (SYN), then joined the accept queue */
	uint32_t born;                  /**< a listener's child: inet_now at its SYN */
	int backlog;                    /**< LISTEN: connections queued at most */
	int qlen;                       /**< LISTEN: children now (half-open and queued) */

	uint32_t laddr;                 /**< the local address (0: any of ours) */
	uint32_t faddr;                 /**< the peer's address (0: none) */
	uint16_t lport;                 /**< the local port (0: not bound) */
	uint16_t fport;                 /**< the peer's port */

	/* the sending side (RFC 793 3.2), tcp_out.c */
	uint32_t iss;                   /**< our initial sequence number */
	uint32_t snd_una;               /**< the oldest unacknowledged */
	uint32_t snd_nxt;               /**< the next to send */
	uint32_t snd_max;               /**< the highest ever sent + 1 */
	uint32_t snd_wnd;               /**< the peer's window */
	uint32_t snd_wl1;               /**< the segment seq of the last window update */
	uint32_t snd_wl2;               /**< ... and its ack */
	uint32_t max_sndwnd;            /**< the largest window the peer offered */
	uint32_t cwnd;                  /**< the congestion window (RFC 5681) */
	uint32_t ssthresh;              /**< the slow-start threshold */
	int dupacks;                    /**< duplicate ACKs in a row */
	int in_recovery;                /**< in fast recovery (RFC 5681 3.2, RFC 6582) */
	uint32_t recover;               /**< snd_max when recovery began */
	uint16_t mss;                   /**< the largest segment we send (peer's MSS option) */
	struct ring snd;                /**< bytes from snd_una on (unacked, then unsent) */
	int fin_wanted;                 /**< shutdown(SHUT_WR) or close: send FIN after data */

	/* the receiving side */
	uint32_t irs;                   /**< the peer's initial sequence number */
	uint32_t rcv_nxt;               /**< the next expected */
	uint32_t rcv_adv;               /**< the right edge of the window we announced */
	struct ring rcv;                /**< bytes in order, not read yet */
	struct tcp_ooo ooo[TCP_OOO_MAX];        /**< out-of-order ranges in rcv beyond len */
	int fin_rcvd;                   /**< the peer's FIN came (in order): end of file */
	int rd_shut;                    /**< shutdown(SHUT_RD): what arrives is dropped */
	int ack_now;                    /**< send an ACK at the next tcp_output() */
	int unacked_segs;               /**< full segments received since our last ACK */

	/* timers and the round-trip estimate (tcp_timer.c) */
	uint32_t t_rexmt;               /**< retransmission */
	uint32_t t_persist;             /**< zero-window probe */
	uint32_t t_delack;              /**< delayed ACK */
	uint32_t t_keep;                /**< keepalive (or the orphan's FIN_WAIT_2 end) */
	uint32_t t_2msl;                /**< the end of TIME_WAIT */
	int rxtshift;                   /**< retransmissions in a row (back-off) */
	int persist_shift;              /**< probes in a row */
	int keep_probes;                /**< keepalive probes unanswered */
	uint32_t srtt;                  /**< smoothed round-trip time, ticks * 8 (RFC 6298) */
	uint32_t rttvar;                /**< its variation, ticks * 4 */
	uint32_t rto;                   /**< the retransmission timeout */
	int rtt_timing;                 /**< a segment is being timed */
	uint32_t rtt_seq;               /**< ... its sequence number */
	uint32_t rtt_start;             /**< ... when it left */
	uint32_t idle_since;            /**< when a segment last arrived */

	/* the socket's side (tcpsock.c) */
	int error;                      /**< the pending error (SO_ERROR; 0: none) */
	int was_reset;                  /**< the connection ended by a RST */
	int was_connected;              /**< it reached ESTABLISHED once */
	int nodelay;                    /**< TCP_NODELAY */
	int keepalive;                  /**< SO_KEEPALIVE */
	int keepidle;                   /**< TCP_KEEPIDLE: seconds idle before a probe */
	int keepintvl;                  /**< TCP_KEEPINTVL: seconds between probes */
	int keepcnt;                    /**< TCP_KEEPCNT: probes before ETIMEDOUT */
	int reuseaddr;                  /**< SO_REUSEADDR */
	uint32_t sndbuf;                /**< SO_SNDBUF (bytes) */
	uint32_t rcvbuf;                /**< SO_RCVBUF (bytes) */
	unsigned int sel_ops;           /**< SDEV_OP_* a select waits for */
	struct tcp_wait w_conn;         /**< a waiting connect */
	struct tcp_wait w_acc;          /**< a waiting accept */
	struct tcp_wait w_send;         /**< a waiting send */
	struct tcp_wait w_recv;         /**< a waiting recv */
};

#endif /* INET_TCP_H */
