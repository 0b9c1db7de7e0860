/*
 * ipfrag.c - IPv4 fragments (RFC 791, RFC 1122 3.3.2, RFC 815's hole idea with a bitmap):
 * reassembling what comes in, and cutting what goes out (handouts/inet.md, "Fragments").
 *
 * In: a fragment (MF set or an offset) for one of our addresses joins the datagram of its
 * (source, destination, identification, protocol) in a table of NR_FRAG datagrams.  Each
 * row has its own contiguous buffer for the largest datagram (IP_MAXPACKET bytes, room for
 * the header before the data), a bitmap of the 8-byte blocks that have arrived, and a
 * deadline FRAG_TTL after its first fragment.  So the memory is bounded: NR_FRAG rows of
 * 64 KiB, never a packet buffer.  A fragment is dropped (and counted, frag_dropped) when:
 * a fragment other than the last is not a multiple of 8 bytes or is empty; its offset plus
 * its length plus the header is over 65535; it goes past the end a last fragment set, or a
 * second last fragment says another end.  Overlaps follow RFC 5722's advice for IPv6: a
 * fragment whose bytes have all arrived already, identical, is a duplicate and ignored;
 * any other overlap drops the whole datagram (its later fragments then start a new row
 * that never completes and times out).  A new datagram when the table is full takes the
 * row of the oldest one, which is dropped.
 *
 * When every byte up to the last fragment's end is there, the row's buffer gets the first
 * fragment's header (total length set, MF and offset cleared, a new checksum) in front of
 * the data, and ip_input() runs again on the whole datagram: upper layers see one
 * contiguous run of bytes of up to 65535, whatever its size (UDP sockets take up to
 * UDP_MAX_DATA bytes of it, udp.c).  A row whose deadline passes is freed (frag_timeout);
 * if its first fragment had come, the sender gets ICMP time exceeded, code 1 (RFC 792),
 * quoting the first fragment.
 *
 * Out: ip_send() sends a payload of up to IP_SEND_MAX bytes from a contiguous buffer: in
 * one packet buffer when it fits the MTU, else in fragments of 1480 bytes (the last one
 * shorter), all with one identification, MF on all but the last.  It takes its packet
 * buffers all at once or fails with ENOBUFS, so a datagram is never half sent for lack of
 * a buffer.  DF is never set by inet, and ignored on what comes in (inet is a host).
 *
 * Entry points: ipfrag_input(), ipfrag_tick(), ipfrag_pending(), ip_send().
 */
#include <string.h>
#include <minnow/errno.h>
#include "glo.h"
#include "proto.h"

#define FRAG_BLOCKS     ((IP_MAXPACKET + 7) / 8)        /* 8-byte blocks of a datagram */

/* A datagram being reassembled. */
struct frag {
	int in_use;                     /* the row holds a datagram */
	uint32_t src, dst;              /* its key: addresses, ... */
	uint16_t id;                    /* ... identification ... */
	uint8_t proto;                  /* ... and protocol */
	struct ifc *ifc;                /* where its fragments came in */
	uint32_t expire;                /* when it is given up (inet_now) */
	size_t end;                     /* the data's length, once the last fragment came (0:
					   not yet) */
	size_t have;                    /* data bytes arrived */
	size_t top;                     /* the furthest end of a fragment so far */
	size_t hl;                      /* the first fragment's header length (0: not come) */
	size_t first_len;               /* the first fragment's data bytes */
	uint8_t hdr[IP_HLEN_MAX];       /* the first fragment's header, as it came */
	uint8_t map[FRAG_BLOCKS / 8 + 1];       /* blocks arrived */
	uint8_t buf[IP_HLEN_MAX + IP_MAXPACKET];        /* header room, then the data */
};

static struct frag frags[NR_FRAG];

/* Is block b of f marked? */
static int
has_block(const struct frag *f, size_t b)
{
	return f->map[b / 8] >> (b % 8) & 1;
}

/* The row of key (src, dst, id, proto), a new one, or the oldest reused. */
static struct frag *
frag_row(const uint8_t *pkt, struct ifc *ifc)
{
	struct frag *f, *free_row = NULL, *oldest = &frags[0];

	for (f = frags; f < frags + NR_FRAG; f++) {
		if (!f->in_use) {
			free_row = free_row != NULL ? free_row : f;
			continue;
		}
		if (f->src == get32(pkt + 12) && f->dst == get32(pkt + 16) &&
		    f->id == get16(pkt + 4) && f->proto == pkt[9])
			return f;
		if ((int32_t)(f->expire - oldest->expire) < 0 || !oldest->in_use)
			oldest = f;
	}
	if ((f = free_row) == NULL) {
		f = oldest;
		inet_stats.frag_dropped++;	/* the table is full: the oldest goes */
	}
	memset(f->map, 0, sizeof(f->map));
	f->in_use = 1, f->ifc = ifc, f->end = f->have = f->top = f->hl = f->first_len = 0;
	f->src = get32(pkt + 12), f->dst = get32(pkt + 16);
	f->id = get16(pkt + 4), f->proto = pkt[9];
	f->expire = inet_now + FRAG_TTL;
	return f;
}

/* Are the sizes of a fragment (off, len, more) sound, and consistent with f's end? */
static int
frag_sizes_ok(const struct frag *f, size_t hl, size_t off, size_t len, int more)
{
	if (len == 0 || (more && len % 8 != 0) || hl + off + len > IP_MAXPACKET)
		return 0;
	if (f == NULL)
		return 1;
	if (more)
		return f->end == 0 || off + len <= f->end;
	return off + len >= f->top && (f->end == 0 || off + len == f->end);
}

/* Where the fragment's blocks stand in f: 0 all new, 1 a duplicate, -1 an overlap. */
static int
frag_overlap(const struct frag *f, size_t off, const uint8_t *data, size_t len)
{
	size_t b, first = off / 8, last = (off + len - 1) / 8, seen = 0;

	for (b = first; b <= last; b++)
		seen += has_block(f, b);
	if (seen == 0)
		return 0;
	if (seen == last - first + 1 && memcmp(f->buf + IP_HLEN_MAX + off, data, len) == 0)
		return 1;
	return -1;
}

/* Put the fragment's data into f, and its header if it is the first. */
static void
frag_store(struct frag *f, const uint8_t *pkt, size_t hl, size_t off, size_t len, int more)
{
	memcpy(f->buf + IP_HLEN_MAX + off, pkt + hl, len);
	for (size_t b = off / 8; b <= (off + len - 1) / 8; b++)
		f->map[b / 8] |= (uint8_t)(1 << (b % 8));
	f->have += len;
	f->top = off + len > f->top ? off + len : f->top;
	if (!more)
		f->end = off + len;
	if (off == 0) {
		memcpy(f->hdr, pkt, hl);
		f->hl = hl, f->first_len = len;
	}
}

/* Every byte of f is there: ip_input() the whole datagram, then free the row. */
static void
frag_complete(struct frag *f)
{
	uint8_t *h = f->buf + IP_HLEN_MAX - f->hl;

	memcpy(h, f->hdr, f->hl);
	put16(h + 2, (uint16_t)(f->hl + f->end));
	put16(h + 6, 0);
	put16(h + 10, 0);
	put16(h + 10, inet_cksum(h, f->hl));
	inet_stats.frag_reasm++;
	ip_input(f->ifc, h, f->hl + f->end);
	f->in_use = 0;
}

/* Drop the datagram of f. */
static void
frag_drop(struct frag *f)
{
	f->in_use = 0;
	inet_stats.frag_dropped++;
}

void
ipfrag_input(struct ifc *ifc, const uint8_t *pkt, size_t tot)
{
	size_t hl = (size_t)(pkt[0] & 15) * 4, len = tot - hl;
	size_t off = (size_t)(get16(pkt + 6) & IP_OFFMASK) * 8;
	int more = (get16(pkt + 6) & IP_MF) != 0, o;
	struct frag *f;

	if (!frag_sizes_ok(NULL, hl, off, len, more)) {
		inet_stats.frag_dropped++;
		return;
	}
	f = frag_row(pkt, ifc);
	if (!frag_sizes_ok(f, hl, off, len, more) ||
	    (o = frag_overlap(f, off, pkt + hl, len)) < 0) {
		frag_drop(f);
		return;
	}
	if (o == 0)
		frag_store(f, pkt, hl, off, len, more);
	if (f->end != 0 && f->have == f->end)
		frag_complete(f);
}

void
ipfrag_tick(void)
{
	for (struct frag *f = frags; f < frags + NR_FRAG; f++) {
		if (!f->in_use || (int32_t)(inet_now - f->expire) < 0)
			continue;
		f->in_use = 0;
		inet_stats.frag_timeout++;
		if (f->hl != 0 && !ip_is_broadcast(f->dst, f->ifc)) {
			uint8_t *h = f->buf + IP_HLEN_MAX - f->hl;

			memcpy(h, f->hdr, f->hl);
			icmp_error(h, f->hl + f->first_len, ICMP_TIMXCEED, ICMP_TIMXCEED_REASS);
		}
	}
}

unsigned int
ipfrag_pending(void)
{
	unsigned int n = 0;

	for (int i = 0; i < NR_FRAG; i++)
		n += frags[i].in_use;
	return n;
}

int
ip_send(uint32_t src, uint32_t dst, int proto, const uint8_t *data, size_t len)
{
	const size_t step = (IP_MTU - IP_HLEN) & ~(size_t)7;	/* 1480 */
	size_t n = len <= IP_MTU - IP_HLEN ? 1 : (len + step - 1) / step;
	uint16_t id = ip_new_id();
	struct pbuf *p;
	int r = OK;

	if (len > IP_SEND_MAX)
		return -EMSGSIZE;
	if (pbuf_avail() < n)
		return -ENOBUFS;
	if (n == 1) {
		p = pbuf_alloc();
		memcpy(p->data + ETH_HLEN + IP_HLEN, data, len);
		return ip_output(p, src, dst, proto, len);
	}
	for (size_t off = 0; off < len && r == OK; off += step) {
		size_t k = len - off < step ? len - off : step;

		p = pbuf_alloc();
		memcpy(p->data + ETH_HLEN + IP_HLEN, data + off, k);
		r = ip_output_frag(p, src, dst, proto, k, id,
				   (uint16_t)((off + k < len ? IP_MF : 0) | off / 8));
	}
	return r;
}
