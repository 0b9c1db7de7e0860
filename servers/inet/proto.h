/*
 * proto.h - inet's functions, by file.
 */
#ifndef INET_PROTO_H
#define INET_PROTO_H

#include <minnow/ipc.h>
#include <minnow/srv.h>
#include <minnow/sockdriver.h>
#include <minnow/syslib.h>
#include "inet.h"
#include "conf.h"
#include "cksum.h"
#include "tcp.h"

/** An inet request handler: a DL_ reply from a driver, never answered. */
typedef void (*inet_handler_t)(message *m);
/** One row of inet's call table (table.c). */
SRV_ROW_TYPE(inet_call, inet_handler_t);

/* table.c */
int inet_dispatch(message *m, int status);

/* main.c */
void inet_status(const char *why);

/* buf.c */
/** A free packet buffer, or NULL (counted) when the pool is empty. */
struct pbuf *pbuf_alloc(void);
/** Free @p p and the buffers chained after it (`cont`); panics on a free buffer. */
void pbuf_free(struct pbuf *p);
/** How many packet buffers are allocated now. */
unsigned int pbuf_in_use(void);
/** How many packet buffers are free now. */
unsigned int pbuf_avail(void);
/** A chain of buffers holding the @p len bytes at @p data (len in the head), or NULL. */
struct pbuf *pbuf_store(const uint8_t *data, size_t len);
int pq_put(struct pqueue *q, struct pbuf *p, unsigned int max);
void pq_push(struct pqueue *q, struct pbuf *p);
struct pbuf *pq_get(struct pqueue *q);
unsigned int pq_flush(struct pqueue *q);

/* eth.c */
int eth_setup(const struct conf_ifc *c, int n);
void eth_ds_event(void);
int eth_is_driver(const message *m, int status);
void eth_conf_reply(message *m);
void eth_task_reply(message *m);
void eth_send(struct ifc *ifc, struct pbuf *p, const uint8_t *dst, uint16_t type);
void eth_tick(void);
const char *mac_str(const uint8_t *mac);

/* arp.c */
void arp_input(struct ifc *ifc, const uint8_t *pkt, size_t len);
void arp_output(struct ifc *ifc, uint32_t nexthop, struct pbuf *p);
void arp_tick(void);
void arp_forget_ifc(struct ifc *ifc);
/** A permanent entry ip -> mac on ifc: OK or ENOBUFS (every entry is pending). */
int arp_set(struct ifc *ifc, uint32_t ip, const uint8_t *mac);
/** Delete ip's entry: OK or ESRCH. */
int arp_del(uint32_t ip);
const struct arp_entry *arp_get(int i);

/* route.c */
void route_setup(const struct conf_ifc *c, int n);
const struct route *route_find(uint32_t dst);
/** Add net/mask via gateway (0: on the link) out of ifc: OK, EEXIST, ENOBUFS. */
int route_add(uint32_t net, uint32_t mask, uint32_t gateway, struct ifc *ifc);
/** Delete net/mask's route via gateway (any gateway if any_gw): OK or ESRCH. */
int route_del(uint32_t net, uint32_t mask, uint32_t gateway, int any_gw);
const struct route *route_get(int i);
void route_ifc_moved(struct ifc *ifc, uint32_t old_addr, uint32_t old_mask);
struct ifc *ifc_of_local(uint32_t addr);
int ip_is_broadcast(uint32_t addr, const struct ifc *ifc);
const char *ip_str(uint32_t addr);

/* ip.c */
void ip_input(struct ifc *ifc, const uint8_t *pkt, size_t len);
int ip_output(struct pbuf *p, uint32_t src, uint32_t dst, int proto, size_t paylen);
/** Send the datagram in @p p (@p paylen payload bytes) with identification @p id and
 *  fragment field @p frag (MF and offset); consumes @p p.  OK or ENXIO (no route). */
int ip_output_frag(struct pbuf *p, uint32_t src, uint32_t dst, int proto, size_t paylen,
		   uint16_t id, uint16_t frag);
/** A fresh identification for a datagram inet sends. */
uint16_t ip_new_id(void);
uint32_t ip_source(uint32_t dst);
/** Fill in the IPv4 header of p (its paylen bytes of payload are there) and p->len. */
void ip_header(struct pbuf *p, uint32_t src, uint32_t dst, int proto, size_t paylen,
	       uint16_t id, uint16_t frag);

/* ipfrag.c */
/** A fragment for us (@p pkt, @p tot bytes, header checked) into the reassembly table;
 *  a completed datagram goes back through ip_input(). */
void ipfrag_input(struct ifc *ifc, const uint8_t *pkt, size_t tot);
/** The clock: free the datagrams whose fragments did not all come in time. */
void ipfrag_tick(void);
/** How many datagrams are being reassembled now. */
unsigned int ipfrag_pending(void);
/** Send @p len payload bytes at @p data (at most IP_SEND_MAX) from @p src (0: the
 *  route's) to @p dst, in fragments if over the MTU.  OK, EMSGSIZE, ENOBUFS or ENXIO. */
int ip_send(uint32_t src, uint32_t dst, int proto, const uint8_t *data, size_t len);

/* icmp.c */
void icmp_input(uint32_t src, uint32_t dst, const uint8_t *msg, size_t len);
/** Is the @p len-byte ICMP message at @p msg sound (length, checksum)? */
int icmp_ok(const uint8_t *msg, size_t len);
/** Send ICMP error @p type / @p code about the datagram @p ip (@p len bytes) to its
 *  sender, quoting its header and first ICMP_ERR_DATA bytes. */
void icmp_error(const uint8_t *ip, size_t len, int type, int code);
void icmp_unreach(const uint8_t *ip, size_t len, int code);
/** An ICMP error (@p type, @p code) came about our datagram @p ip (its header and at
 *  least 8 bytes after it, @p len in all): tell protocol @p proto's sockets (UDP; TCP
 *  has no hook here: not implemented). */
void icmp_error_to_proto(int proto, int type, int code, const uint8_t *ip, size_t len);
int icmp_echo_send(uint32_t dst, uint16_t id, uint16_t seq, size_t size);

/* udp.c */
void udp_input(const uint8_t *ip, size_t len, int to_broadcast);
int udp_output(struct udp_sock *s, uint8_t *u, size_t len, uint32_t dst, uint16_t dport);
/** An ICMP error about our UDP datagram @p ip: its connected socket learns a hard one. */
void udp_icmp_error(int type, int code, const uint8_t *ip, size_t len);
struct udp_sock *udp_alloc(void);
struct udp_sock *udp_get(int id);
int udp_id(const struct udp_sock *s);
void udp_free(struct udp_sock *s);
int udp_bind(struct udp_sock *s, uint32_t addr, uint16_t port, int is_root);
int udp_autobind(struct udp_sock *s);
/** The UDP checksum over the pseudo header and the datagram u: 0 if it is right. */
uint16_t udp_cksum(uint32_t src, uint32_t dst, const uint8_t *u, size_t ulen);
struct inet_sockrow;
/** netstat's rows of the UDP sockets: up to @p max into @p rows; returns how many exist. */
int udp_sockrows(struct inet_sockrow *rows, int max);

/* sock.c */
/** A protocol's port namespace, for sock_port(). */
struct port_space {
	uint16_t *next;                 /**< where the ephemeral search starts */
	/** Does a socket other than @p self hold @p port on @p addr (or the wildcard)? */
	int (*taken)(const void *self, uint32_t addr, uint16_t port);
	const void *self;               /**< the socket that binds */
};
void sock_setup(void);
/** Check *@p port (0: pick an ephemeral one into it) on @p addr for a bind in @p ps: OK,
 *  EADDRNOTAVAIL, EACCES (below UDP_PORT_RESERVED without root), EADDRINUSE. */
int sock_port(const struct port_space *ps, uint32_t addr, uint16_t *port, int is_root);
/** Write the sockaddr_in of @p addr:@p port (host order) to @p a, its length to *@p len. */
void sock_addr_put(struct sockaddr *a, socklen_t *len, uint32_t addr, uint16_t port);
/** Read address and port (host order) of sockaddr_in @p a (@p len bytes): OK, EINVAL
 *  (too short) or EAFNOSUPPORT. */
int sock_addr_get(const struct sockaddr *a, socklen_t len, uint32_t *addr, uint16_t *port);
/** Is @p user's effective uid 0?  (PM_GETEPINFO; PM never waits on inet.) */
int sock_is_root(endpoint_t user);

/* dgsock.c */
/** A recv on datagram queue @p d: a datagram, a pending error, EAGAIN or SUSPEND. */
int dg_recv(sockid_t sock, struct dgq *d, const struct sockdriver_data *data, size_t len,
	    struct sockaddr *a, socklen_t *alen, int *rflags, int flags,
	    const struct sockdriver_call *call, int nonblock);
/** Give a datagram to socket @p sock: a waiting recv or the queue (bounded by @p max
 *  datagrams and @p max_bytes); 1 if taken, 0 if dropped. */
int dg_deliver(sockid_t sock, struct dgq *d, uint32_t src, uint16_t sport,
	       const uint8_t *data, size_t len, unsigned int max, size_t max_bytes);
/** ICMP error @p err (positive errno) for socket @p sock: ends a waiting recv, or waits
 *  for the next call. */
void dg_error(sockid_t sock, struct dgq *d, int err);
/** The pending error of @p d, negated, and clear it. */
int dg_take_error(struct dgq *d);
/** The socket closes: its waiting recvs end with EBADF, its queue is freed. */
void dg_close(sockid_t sock, struct dgq *d);
/** A signal: the recv @p call waits for ends with EINTR. */
void dg_cancel(sockid_t sock, const struct sockdriver_call *call);
/** select on @p d: the ready ops of @p ops (writable always). */
unsigned int dg_select(struct dgq *d, unsigned int ops, int notify);

/* rawsock.c */
/** Raw sockets' entry points (SOCK_RAW, IPPROTO_ICMP). */
extern const struct sockdriver raw_sockdriver;
/** A copy of an ICMP datagram for us (@p ip, whole, @p len bytes) to every raw socket. */
void raw_input(const uint8_t *ip, size_t len);

/* udpsock.c */
extern const struct sockdriver udp_sockdriver;
void sock_deliver(struct udp_sock *s, uint32_t src, uint16_t sport, const uint8_t *data,
		  size_t len);

/* tcp.c */
/** A free control block, zeroed with the defaults, or NULL (all NR_TCP in use). */
struct tcb *tcp_alloc(void);
/** The control block of TCP socket id @p id, or NULL. */
struct tcb *tcp_get(int id);
/** Row @p i of the table if it is in use, or NULL. */
struct tcb *tcp_at(int i);
/** The socket id of @p t. */
int tcp_id(const struct tcb *t);
/** netstat's rows of the TCP sockets (SIOCGSOCKLIST): up to @p max filled, the count of
 *  all returned. */
int tcp_sockrows(struct inet_sockrow *rows, int max);
/** The name of @p state ("ESTABLISHED"...), "?" for none. */
const char *tcp_state_name(int state);
/** Give back @p t's send ring, and its receive ring if nothing is left to read there (a
 *  connection in TIME_WAIT needs neither). */
void tcp_release_buffers(struct tcb *t);
/** Free @p t and its buffers (a listener's child counts off its listener). */
void tcp_free(struct tcb *t);
/** Bind @p t to @p addr:@p port (0: ephemeral): OK, EINVAL, EADDRNOTAVAIL, EACCES,
 *  EADDRINUSE. */
int tcp_bind(struct tcb *t, uint32_t addr, uint16_t port, int is_root);
/** Bind @p t to an ephemeral port if it has none. */
int tcp_autobind(struct tcb *t);
/** Does a connection other than @p self have these four numbers? */
int tcp_tuple_used(const struct tcb *self, uint32_t laddr, uint16_t lport, uint32_t faddr,
		   uint16_t fport);
/** The control block a segment src:sport -> dst:dport goes to, or NULL. */
struct tcb *tcp_lookup(uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport);
/** Give @p t its send and receive rings (SO_SNDBUF, SO_RCVBUF): OK or ENOBUFS. */
int tcp_buffers(struct tcb *t);
/** A fresh initial sequence number. */
uint32_t tcp_new_iss(void);
/** @p t reached ESTABLISHED: its listener's accept queue, its waiting calls. */
void tcp_established(struct tcb *t);
/** The connection is over: CLOSED, timers off; freed if no socket names it. */
void tcp_closed(struct tcb *t);
/** Abort @p t with error @p err (RST to the peer if synchronised). */
void tcp_drop(struct tcb *t, int err);
/** Abort the children of @p listener that no socket names yet. */
void tcp_children_abort(const struct tcb *listener);
/** Free the oldest half-open (SYN_RCVD) child of @p listener that has waited
 *  TCP_HALFOPEN_STALE or more: 1, or 0 if it has none. */
int tcp_evict_half_open(const struct tcb *listener);
/** The next number of the order children come in (half-open, then queued). */
uint32_t tcp_next_order(void);
/** The child of @p listener that joined its accept queue first, or NULL. */
struct tcb *tcp_first_queued(const struct tcb *listener);
/** Run @p fn on every control block in use. */
void tcp_each(void (*fn)(struct tcb *t));
/** Print one line of t's state (inet's status, SIGUSR1). */
void tcp_status(struct tcb *t);
/** Free bytes of ring @p r. */
uint32_t ring_room(const struct ring *r);
/** The contiguous piece of @p r at offset @p off, at most @p n bytes (*@p piece). */
uint8_t *ring_span(const struct ring *r, uint32_t off, uint32_t n, uint32_t *piece);
/** Copy @p n bytes to offset @p off of @p r (beyond len for out-of-order data). */
void ring_write(struct ring *r, uint32_t off, const uint8_t *src, uint32_t n);
/** Copy @p n bytes at offset @p off of @p r to @p dst. */
void ring_read(const struct ring *r, uint32_t off, uint8_t *dst, uint32_t n);
/** Drop the first @p n bytes of @p r. */
void ring_drop(struct ring *r, uint32_t n);

/* tcp_in.c */
/** A TCP segment in IP datagram @p ip (@p len bytes, checked by ip.c) arrives. */
void tcp_input(const uint8_t *ip, size_t len, int to_broadcast);

/* tcp_out.c */
/** Send what @p t may send now: SYN, data, FIN, a due ACK or window update. */
void tcp_output(struct tcb *t);
/** Send one segment of @p t: @p seq, TH_* @p flags, @p len bytes from offset @p off of the
 *  send ring (cut to what it holds): ip_output()'s result, or ENOBUFS. */
int tcp_segment(struct tcb *t, uint32_t seq, int flags, uint32_t off, uint32_t len);
/** Send RST|ACK on @p t's connection. */
void tcp_send_rst(struct tcb *t);
/** Send a bare segment with no control block (a RST for a closed port). */
void tcp_respond(uint32_t src, uint32_t dst, uint16_t sport, uint16_t dport, uint32_t seq,
		 uint32_t ack, int flags);
/** The TCP checksum of @p len bytes at @p seg with the pseudo header (0: right). */
uint16_t tcp_cksum(uint32_t src, uint32_t dst, const uint8_t *seg, size_t len);
/** The window @p t announces: free bytes of its receive ring. */
uint32_t tcp_rcv_window(const struct tcb *t);
/** min(peer window, cwnd) less the bytes in flight. */
uint32_t tcp_usable_window(const struct tcb *t);
/** The initial cwnd and ssthresh (RFC 5681 3.1). */
void tcp_cc_init(struct tcb *t);
/** @p acked new bytes are acknowledged: slow start, avoidance, recovery's end. */
void tcp_cc_ack(struct tcb *t, uint32_t acked);
/** A duplicate ACK: the third one retransmits (fast retransmit/recovery). */
void tcp_cc_dupack(struct tcb *t);
/** The retransmission timer went off: ssthresh, cwnd one MSS. */
void tcp_cc_timeout(struct tcb *t);
/** (Re)start the retransmission timer: RTO with its back-off. */
void tcp_rexmt_start(struct tcb *t);
/** Stop it. */
void tcp_rexmt_stop(struct tcb *t);

/* tcp_timer.c */
/** Fire the TCP timers that are due (from the clock tick). */
void tcp_tick(void);
/** The deadline @p ticks from now (never 0). */
uint32_t tcp_deadline(uint32_t ticks);
/** A round-trip sample of @p rtt ticks: SRTT, RTTVAR, RTO (RFC 6298). */
void tcp_rtt_sample(struct tcb *t, uint32_t rtt);
/** Start the persist (zero-window probe) timer with its back-off. */
void tcp_persist_start(struct tcb *t);
/** A segment arrived: the keepalive timer starts over. */
void tcp_keep_reset(struct tcb *t);
/** Enter TIME_WAIT for 2 * TCP_MSL. */
void tcp_enter_time_wait(struct tcb *t);

/* tcpsock.c */
extern const struct sockdriver tcp_sockdriver;
/** Something changed on @p t: answer the waiting calls and selects that can go on. */
void tcp_wakeup(struct tcb *t);

/* tcpopt.c */
/** setsockopt() of a TCP socket (tcpopt.c lists the options). */
int tcp_setsockopt(sockid_t sock, int level, int name, const struct sockdriver_data *data,
		   socklen_t len);
/** getsockopt() of a TCP socket. */
int tcp_getsockopt(sockid_t sock, int level, int name, const struct sockdriver_data *data,
		   socklen_t *len);

/* ifconf.c */
/** A configuration ioctl (handouts/inet.md, "Configuration"); ENOTTY: not one of them. */
int ifconf_ioctl(unsigned long request, const struct sockdriver_data *data, endpoint_t user);

/* dhcp.c */
void dhcp_setup(const struct conf_ifc *c, int n);
void dhcp_driver_up(struct ifc *ifc);
int dhcp_input(struct ifc *ifc, const uint8_t *pkt, size_t len);
void dhcp_tick(void);
struct inet_dhcpinfo;
int dhcp_info(const struct ifc *ifc, struct inet_dhcpinfo *info);
int dhcp_renew(struct ifc *ifc);
void dhcp_stop(struct ifc *ifc);

/* loop.c */
void loop_setup(void);
void loop_output(struct pbuf *p);
void loop_run(void);
void loop_selftest(void);
void loop_echo_reply(uint16_t id, uint16_t seq, size_t size);

#endif /* INET_PROTO_H */
