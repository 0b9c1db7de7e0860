/*
 * eth.c - inet's Ethernet interfaces: the client side of the DL_ protocol (minnow/dl.h;
 * handouts/inet.md, "How inet finds its drivers", "The DL_ exchange").
 *
 * inet.conf names each interface's driver instance by label (e1000_0).  inet never looks
 * a driver up by itself: it subscribes to DS's `drv.net.*` keys, which libnetdriver
 * publishes (DS_DRIVER_UP) every time an instance starts, restarts or is updated, and
 * DS notifies it.  On each such event for an interface's label, the interface starts
 * from scratch: the read that was out is forgotten (a half-received frame is dropped: the
 * new instance never got the request), the write that was out goes back to the head of
 * the send queue (a half-sent frame is sent again), and DL_CONF goes out.  A key that
 * vanishes (the driver was taken down) leaves the interface without a driver; its queue is
 * dropped.
 *
 * Every request goes by asynsend3 (AMF_NOREPLY), and the answers come back as messages
 * to inet's loop (table.c), so a driver that is dead, slow or restarting never blocks
 * inet.  DL_CONFs are counted, and only the answer to the last one sent configures the
 * interface (each makes the driver forget its stored requests, so the read and write go
 * out after it); one left unanswered is sent again after CONF_RETRY (the instance may have
 * died before it read it), and an answer that comes after the interface is up makes inet
 * forget its requests and send them again.  Once configured, one DL_READV_S and at most
 * one DL_WRITEV_S
 * are out at a time; a DL_TASK_REPLY without its flag means "stored": the unsolicited
 * reply completes it later.  An error answer makes inet configure the driver again
 * (DL_CONF makes the driver forget its stored requests), dropping the frame it was
 * sending.  Answers from anyone but the interface's driver, or before its DL_CONF_REPLY,
 * are ignored.
 *
 * Buffers: each interface has one transmit and one receive buffer and a one-piece vector
 * for each, granted to the driver's endpoint once (again only if the endpoint changes: a
 * restarted driver keeps its endpoint).  A frame to send is copied from its pbuf into the
 * transmit buffer; the pbuf is freed when DL_PACK_SEND says the card has it.  A received
 * frame is handled in the receive buffer, then the next read goes out.
 *
 * Entry points: eth_setup(), eth_ds_event(), eth_is_driver(), eth_conf_reply(),
 * eth_task_reply(), eth_send(), eth_tick(), mac_str().
 */
#include <stdio.h>
#include <string.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/sef.h>
#include "glo.h"
#include "proto.h"

static const uint8_t eth_broadcast[ETH_ADDR_LEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

const char *
mac_str(const uint8_t *mac)
{
	static char s[2][18];
	static int k;

	k ^= 1;
	snprintf(s[k], sizeof(s[k]), "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2],
		 mac[3], mac[4], mac[5]);
	return s[k];
}

/* The Ethernet interface whose driver is endpoint ep, or NULL. */
static struct ifc *
ifc_of_driver(endpoint_t ep)
{
	for (int i = 0; i < NR_IFC; i++)
		if (ifcs[i].in_use && ifcs[i].kind == IFC_ETH && ifcs[i].drv == ep && ep != NONE)
			return &ifcs[i];
	return NULL;
}

int
eth_is_driver(const message *m, int status)
{
	(void)status;
	return ifc_of_driver(m->m_source) != NULL;
}

/* One DL_ request to ifc's driver, asynchronously (lib/libsys/dl.c). */
static int
dl_send(struct ifc *ifc, int type, int mode, cp_grant_id_t grant, int count)
{
	int r;

	if ((r = dl_request(ifc->drv, type, mode, grant, count)) != OK)
		printf("inet: %s: asynsend %d to %s failed (%d)\n", ifc->name, type, ifc->label,
		       r);
	return r;
}

/* Grant ifc's buffers and vectors to its driver (once per driver endpoint). */
static int
make_grants(struct ifc *ifc)
{
	endpoint_t ep = ifc->drv;

	if (ifc->granted == ep)
		return OK;
	if (ifc->granted != NONE) {
		cpf_revoke(ifc->txvec.iov_grant), cpf_revoke(ifc->rxvec.iov_grant);
		cpf_revoke(ifc->txvec_g), cpf_revoke(ifc->rxvec_g);
		ifc->granted = NONE;
	}
	ifc->txvec.iov_grant = cpf_grant_direct(ep, (vir_bytes)ifc->txbuf, sizeof(ifc->txbuf),
						CPF_READ);
	ifc->rxvec.iov_grant = cpf_grant_direct(ep, (vir_bytes)ifc->rxbuf, sizeof(ifc->rxbuf),
						CPF_WRITE);
	ifc->txvec_g = cpf_grant_direct(ep, (vir_bytes)&ifc->txvec, sizeof(ifc->txvec), CPF_READ);
	ifc->rxvec_g = cpf_grant_direct(ep, (vir_bytes)&ifc->rxvec, sizeof(ifc->rxvec), CPF_READ);
	if (ifc->txvec.iov_grant == GRANT_INVALID || ifc->rxvec.iov_grant == GRANT_INVALID ||
	    ifc->txvec_g == GRANT_INVALID || ifc->rxvec_g == GRANT_INVALID) {
		printf("inet: %s: no grants for %s\n", ifc->name, ifc->label);
		return -ENOMEM;
	}
	ifc->granted = ep;
	return OK;
}

/* Send (or send again) DL_CONF: broadcasts too, for ARP. */
static void
send_conf(struct ifc *ifc)
{
	ifc->state = DRV_CONF;
	ifc->conf_sent = inet_now;
	if (dl_send(ifc, DL_CONF, DL_BROAD_REQ, GRANT_INVALID, 0) == OK)
		ifc->conf_pending++;
}

/* The driver's earlier requests are gone: forget the read, requeue the write. */
static void
forget_requests(struct ifc *ifc)
{
	if (ifc->tx_busy != NULL) {
		pq_push(&ifc->sendq, ifc->tx_busy);
		ifc->tx_busy = NULL;
		ifc->st.requeued++;
	}
	ifc->rx_busy = 0;
}

/* ifc's driver instance announced itself at endpoint ep: configure it from scratch. */
static void
driver_up(struct ifc *ifc, endpoint_t ep)
{
	forget_requests(ifc);
	ifc->drv = ep;
	if (make_grants(ifc) != OK) {
		ifc->state = DRV_NONE;
		return;
	}
	if (ifc->configured_once)
		ifc->st.restarts++;	/* a new instance after a configured one */
	printf("inet: %s: driver %s is up; configuring it\n", ifc->name, ifc->label);
	send_conf(ifc);
}

/* ifc's driver is gone from DS (taken down): no driver, nothing queued. */
static void
driver_gone(struct ifc *ifc)
{
	if (ifc->drv == NONE)
		return;
	forget_requests(ifc);
	ifc->st.tx_dropped += pq_flush(&ifc->sendq);
	ifc->state = DRV_NONE;
	ifc->drv = NONE;
	arp_forget_ifc(ifc);
	printf("inet: %s: driver %s is gone\n", ifc->name, ifc->label);
}

/* A changed DS key: is it one of our drivers? */
static void
key_changed(const char *key)
{
	uint32_t v;
	endpoint_t ep;

	for (int i = 0; i < NR_IFC; i++) {
		struct ifc *ifc = &ifcs[i];

		if (!ifc->in_use || ifc->kind != IFC_ETH || strncmp(key, "drv.net.", 8) != 0 ||
		    strcmp(key + 8, ifc->label) != 0)
			continue;
		if (ds_retrieve_u32(key, &v) == OK && v == DS_DRIVER_UP &&
		    ds_retrieve_label_endpt(ifc->label, &ep) == OK)
			driver_up(ifc, ep);
		else
			driver_gone(ifc);
	}
}

void
eth_ds_event(void)
{
	char key[DS_MAX_KEYLEN];
	int type;

	while (ds_check(key, &type, NULL) == OK)
		key_changed(key);
}

/* Post the next read, if none is out. */
static void
post_read(struct ifc *ifc)
{
	if (ifc->state != DRV_UP || ifc->rx_busy)
		return;
	ifc->rxvec.iov_size = ETH_MAX_PACK_SIZE;
	ifc->rx_busy = 1;
	dl_send(ifc, DL_READV_S, 0, ifc->rxvec_g, 1);
}

/* Start the next write, if none is out and one is queued. */
static void
start_send(struct ifc *ifc)
{
	struct pbuf *p;

	if (ifc->state != DRV_UP || ifc->tx_busy != NULL || (p = pq_get(&ifc->sendq)) == NULL)
		return;
	memcpy(ifc->txbuf, p->data, p->len);
	ifc->txvec.iov_size = (uint32_t)p->len;
	ifc->tx_busy = p;
	dl_send(ifc, DL_WRITEV_S, 0, ifc->txvec_g, 1);
}

void
eth_send(struct ifc *ifc, struct pbuf *p, const uint8_t *dst, uint16_t type)
{
	memcpy(p->data, dst != NULL ? dst : eth_broadcast, ETH_ADDR_LEN);
	memcpy(p->data + ETH_ADDR_LEN, ifc->mac, ETH_ADDR_LEN);
	put16(p->data + 2 * ETH_ADDR_LEN, type);
	if (p->len < ETH_MIN_PACK_SIZE) {
		memset(p->data + p->len, 0, ETH_MIN_PACK_SIZE - p->len);
		p->len = ETH_MIN_PACK_SIZE;
	}
	if (ifc->state == DRV_NONE || ifc->state == DRV_NOCARD) {
		pbuf_free(p);		/* no driver to give it to */
		ifc->st.tx_dropped++;
		return;
	}
	if (!pq_put(&ifc->sendq, p, SENDQ_MAX)) {
		ifc->st.tx_dropped++;	/* the queue is full: pq_put freed it */
		return;
	}
	start_send(ifc);
}

/* A received frame of len bytes: to ARP or IP, if it is for us (our MAC or broadcast,
 * from a unicast source). */
static void
eth_input(struct ifc *ifc, const uint8_t *f, size_t len)
{
	uint16_t type;

	if (len < ETH_HLEN || (f[ETH_ADDR_LEN] & 1) ||
	    (memcmp(f, ifc->mac, ETH_ADDR_LEN) != 0 &&
	     memcmp(f, eth_broadcast, ETH_ADDR_LEN) != 0)) {
		inet_stats.eth_bad++;
		ifc->st.rx_dropped++;
		return;
	}
	type = get16(f + 2 * ETH_ADDR_LEN);
	if (type == ETH_TYPE_ARP) {
		arp_input(ifc, f + ETH_HLEN, len - ETH_HLEN);
	} else if (type == ETH_TYPE_IP) {
		ip_input(ifc, f + ETH_HLEN, len - ETH_HLEN);
	} else {
		inet_stats.eth_bad++;
		ifc->st.rx_dropped++;
	}
}

void
eth_conf_reply(message *m)
{
	struct ifc *ifc = ifc_of_driver(m->m_source);

	if (ifc->conf_pending > 0 && --ifc->conf_pending > 0)
		return;		/* another DL_CONF is on its way: its answer counts */
	if (m->m_dl.status == -ENXIO) {
		ifc->state = DRV_NOCARD;
		printf("inet: %s: %s has no card (ENXIO)\n", ifc->name, ifc->label);
		return;
	}
	if (m->m_dl.status != OK) {
		printf("inet: %s: DL_CONF of %s failed (%d); trying again\n", ifc->name,
		       ifc->label, m->m_dl.status);
		ifc->state = DRV_CONF;
		ifc->conf_sent = inet_now;
		return;		/* eth_tick sends it again */
	}
	if (ifc->state == DRV_UP)
		forget_requests(ifc);	/* a late answer: the driver forgot them again */
	memcpy(ifc->mac, m->m_dl.hwaddr, ETH_ADDR_LEN);
	ifc->state = DRV_UP;
	ifc->configured_once = 1;
	printf("inet: %s: %s configured, MAC %s, address %s, restarts %u\n", ifc->name,
	       ifc->label, mac_str(ifc->mac), ifc->addr ? ip_str(ifc->addr) : "none",
	       ifc->st.restarts);
	post_read(ifc);
	start_send(ifc);
	dhcp_driver_up(ifc);	/* dhcp.c: an interface without an address asks for one */
}

void
eth_task_reply(message *m)
{
	struct ifc *ifc = ifc_of_driver(m->m_source);

	if (ifc->state != DRV_UP)
		return;		/* an answer to a request before the restart */
	if (m->m_dl.status != OK) {
		printf("inet: %s: %s answered %d; configuring it again\n", ifc->name, ifc->label,
		       m->m_dl.status);
		if (ifc->tx_busy != NULL) {
			pbuf_free(ifc->tx_busy);
			ifc->tx_busy = NULL;
			ifc->st.tx_dropped++;
			ifc->st.tx_errors++;
		}
		ifc->rx_busy = 0;
		send_conf(ifc);
		return;
	}
	if ((m->m_dl.flags & DL_PACK_SEND) && ifc->tx_busy != NULL) {
		pbuf_free(ifc->tx_busy);
		ifc->tx_busy = NULL;
		ifc->st.tx_frames++;
		ifc->st.tx_bytes += ifc->txvec.iov_size;
	}
	if ((m->m_dl.flags & DL_PACK_RECV) && ifc->rx_busy) {
		ifc->rx_busy = 0;
		ifc->st.rx_frames++;
		if (m->m_dl.count > 0 && m->m_dl.count <= ETH_MAX_PACK_SIZE) {
			ifc->st.rx_bytes += (uint32_t)m->m_dl.count;
			eth_input(ifc, ifc->rxbuf, (size_t)m->m_dl.count);
		}
	}
	post_read(ifc);
	start_send(ifc);
}

void
eth_tick(void)
{
	for (int i = 0; i < NR_IFC; i++) {
		struct ifc *ifc = &ifcs[i];

		if (ifc->in_use && ifc->kind == IFC_ETH && ifc->state == DRV_CONF &&
		    inet_now - ifc->conf_sent >= CONF_RETRY) {
			ifc->conf_pending = 0;	/* lost with a dead instance, or refused */
			send_conf(ifc);
		}
	}
}

int
eth_setup(const struct conf_ifc *c, int n)
{
	char name[8];

	for (int i = 0; i < n && i < NR_ETH; i++) {
		struct ifc *ifc = &ifcs[1 + i];

		memset(ifc, 0, sizeof(*ifc));
		ifc->in_use = 1;
		ifc->kind = IFC_ETH;
		snprintf(name, sizeof(name), "eth%d", c[i].unit);
		strcpy(ifc->name, name);
		snprintf(ifc->label, sizeof(ifc->label), "%s_%d", c[i].driver, c[i].instance);
		ifc->addr = c[i].addr;
		ifc->netmask = c[i].netmask;
		ifc->drv = ifc->granted = NONE;
		ifc->state = DRV_NONE;
	}
	return ds_subscribe("drv\\.net\\..*", DSF_INITIAL | DSF_OVERWRITE);
}
