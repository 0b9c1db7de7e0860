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
struct pbuf *pbuf_alloc(void);
void pbuf_free(struct pbuf *p);
unsigned int pbuf_in_use(void);
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
uint32_t ip_source(uint32_t dst);
/** Fill in the IPv4 header of p (its paylen bytes of payload are there) and p->len. */
void ip_header(struct pbuf *p, uint32_t src, uint32_t dst, int proto, size_t paylen);

/* icmp.c */
void icmp_input(uint32_t src, uint32_t dst, const uint8_t *msg, size_t len);
void icmp_unreach(const uint8_t *ip, size_t len, int code);
int icmp_echo_send(uint32_t dst, uint16_t id, uint16_t seq, size_t size);

/* udp.c */
void udp_input(const uint8_t *ip, size_t len, int to_broadcast);
int udp_output(struct udp_sock *s, struct pbuf *p, size_t len, uint32_t dst, uint16_t dport);
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
void sock_setup(void);
/** Is @p user's effective uid 0?  (PM_GETEPINFO; PM never waits on inet.) */
int sock_is_root(endpoint_t user);

/* udpsock.c */
extern const struct sockdriver udp_sockdriver;
void sock_deliver(struct udp_sock *s, uint32_t src, uint16_t sport, const uint8_t *data,
		  size_t len);

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
