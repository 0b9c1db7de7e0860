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

/* route.c */
void route_setup(const struct conf_ifc *c, int n);
const struct route *route_find(uint32_t dst);
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

/* sock.c */
void sock_setup(void);
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

/* loop.c */
void loop_setup(void);
void loop_output(struct pbuf *p);
void loop_run(void);
void loop_selftest(void);
void loop_echo_reply(uint16_t id, uint16_t seq, size_t size);

#endif /* INET_PROTO_H */
