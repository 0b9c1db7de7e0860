/*
 * cache.c - MFS's block cache and its talk to the block driver (include/minnow/bdev.h).
 *
 * NR_BUFS buffers of MFS_MAX_BLOCK_SIZE bytes on one LRU list (front: least recently used),
 * and every buffer that holds a block on the chain of its block number's hash bucket
 * (NR_HASH of them), so that a lookup reads one short chain, not the whole list.
 * get_block() finds a block in the cache or evicts the least recently used unused buffer
 * (writing it first if dirty) and reads the block into it; put_block() gives it back and
 * moves it to the end of the list.  The cache is write-back: a dirty buffer reaches the
 * device when it is evicted, on REQ_SYNC and on REQ_UNMOUNT (flush_all()).
 *
 * Device I/O: BDEV_READ/BDEV_WRITE sent to the driver with asynsend3, the answer received
 * (await_reply), the data by a grant MFS makes over its own buffer for the one request and
 * revokes afterwards.  MFS keeps the driver's
 * label, not only its endpoint: when the driver dies or restarts, dev_io() finds the new
 * instance in DS and opens the minor there, or, with the driver down, sets dev_down so that
 * the request is answered EDEADSRCDST and VFS runs it again once the driver is up
 * (handouts/vfs.md, "Block driver restarts").  A buffer whose write-back failed stays
 * dirty, so nothing written is lost.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/bdev.h>
#include <minnow/ds.h>
#include <minnow/grant.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "inc.h"

static uint8_t buf_space[NR_BUFS][MFS_MAX_BLOCK_SIZE] __attribute__((aligned(4096)));
static struct buf bufs[NR_BUFS];
static struct buf *lru_front, *lru_back;
static int cache_ready;

#define NR_HASH 64                      /* hash buckets (a power of two): block & 63 */
static struct buf *hash_head[NR_HASH];  /* the buffers holding a block (b_valid), by block */

static endpoint_t driver = NONE;
static char drv_label[DS_MAX_KEYLEN];
static int dev_minor, dev_access;
static int drv_dead;                    /* driver died: wait for its next announcement */
static int announce_seen;               /* it announced itself since connect() */

#define DRV_CHECK_TICKS 10              /* await_reply(): how often to look at DS */
static uint32_t next_id = 1;
int dev_down;

/* Note whether the driver announced itself (drv.blk.<label>, libdriver's driver_announce)
 * since we last looked: announce_seen.  A restarted instance is sent nothing before it
 * has: until its init, SEF drops what it receives. */
static void
poll_announce(void)
{
	char key[DS_MAX_KEYLEN], want[DS_MAX_KEYLEN];
	endpoint_t owner;
	int type;

	snprintf(want, sizeof(want), "drv.blk.%s", drv_label);
	while (ds_check(key, &type, &owner) == OK)
		if (strcmp(key, want) == 0)
			announce_seen = 1;
}

/* Is the driver we talk to still the one DS names for its label?  RS takes the label out
 * of DS when it learns of a death, before the process is gone. */
static int
driver_listed(void)
{
	endpoint_t ep;

	return ds_retrieve_label_endpt(drv_label, &ep) == OK && ep == driver;
}

/* Wait for the answer to request id: its status, or -EDEADSRCDST once the driver is no
 * longer listed in DS or has announced itself again.  A killed driver is only stopped
 * until VFS has heard of its exit, and VFS may be waiting for this very request: so MFS
 * does not wait in SENDREC but receives, with an alarm every DRV_CHECK_TICKS to look at
 * DS (handouts/drivers.md, "Restarting a block driver"). */
static int
await_reply(uint32_t id)
{
	message m;
	int st;

	sys_setalarm(DRV_CHECK_TICKS, 0, NULL);	/* replaces the last one; left to ring */
	for (;;) {
		if (sef_receive_status(ANY, &m, &st) != OK)
			continue;
		if (m.m_source == driver && m.m_type == BDEV_REPLY && m.m_bdev_reply.id == id)
			return m.m_bdev_reply.status;
		if (m.m_source == CLOCK && IPC_STATUS_CALL(st) == NOTIFY) {
			poll_announce();	/* a new instance: perhaps at the same endpoint,
						   and our request dropped before its init */
			if (!driver_listed() || announce_seen)
				return -EDEADSRCDST;
			sys_setalarm(DRV_CHECK_TICKS, 0, NULL);
		}			/* anything else: a late answer, a DS event */
	}
}

/* Send one block request to the driver: the reply's status, or -EDEADSRCDST if the
 * driver is dead. */
static int
bdev_call(int type, cp_grant_id_t grant, uint64_t pos, size_t count, int access)
{
	message m;
	uint32_t id = next_id++;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_bdev.minor = dev_minor;
	m.m_bdev.grant = grant;
	m.m_bdev.pos = pos;
	m.m_bdev.count = count;
	m.m_bdev.access = access;
	m.m_bdev.user = sef_self();
	m.m_bdev.id = id;
	if (asynsend3(driver, &m, 0) != OK)
		return -EDEADSRCDST;
	return await_reply(id);
}

/* Find the driver of drv_label in DS and open the minor there (handouts/vfs.md, "Block
 * driver restarts": a restarted driver has seen no open).  After the driver died, only an
 * instance that has announced itself since.  OK or an error (-EDEADSRCDST: the driver is
 * down); driver stays NONE on failure. */
static int
connect(void)
{
	int r;

	poll_announce();
	if (drv_dead && !announce_seen)
		return -EDEADSRCDST;
	drv_dead = announce_seen = 0;
	if ((r = ds_retrieve_label_endpt(drv_label, &driver)) != OK) {
		driver = NONE;
		return r;
	}
	if ((r = bdev_call(BDEV_OPEN, GRANT_INVALID, 0, 0, dev_access)) != OK) {
		drv_dead = r == -EDEADSRCDST;
		driver = NONE;
	}
	return r;
}

/* Open minor of the block driver with DS label label (and watch its drv.blk key).  OK or
 * an error. */
int
dev_open(const char *label, int minor, int writable)
{
	char regex[DS_MAX_KEYLEN];

	strlcpy(drv_label, label, sizeof(drv_label));
	dev_minor = minor;
	dev_access = BDEV_R_BIT | (writable ? BDEV_W_BIT : 0);
	drv_dead = 0;
	snprintf(regex, sizeof(regex), "drv\\.blk\\.%s", label);
	(void)ds_subscribe(regex, 0);
	return connect();
}

void
dev_close(void)
{
	if (driver != NONE)
		(void)bdev_call(BDEV_CLOSE, GRANT_INVALID, 0, 0, 0);
	driver = NONE;
}

/* One transfer through a grant to the driver we have: the status. */
static int
transfer(int do_write, uint64_t pos, void *addr, size_t bytes)
{
	cp_grant_id_t g;
	int r;

	g = cpf_grant_direct(driver, (vir_bytes)addr, bytes, do_write ? CPF_READ : CPF_WRITE);
	if (g == GRANT_INVALID)
		return -EIO;
	r = bdev_call(do_write ? BDEV_WRITE : BDEV_READ, g, pos, bytes, 0);
	cpf_revoke(g);
	return r;
}

/* Read or write bytes at pos of the device through a grant of addr.  OK or -EIO.  A
 * transfer that fails because the driver died (or is a restarted instance that refuses a
 * minor it never saw opened: EIO) is tried once more after connect(); if the driver is
 * down, dev_down tells main.c to answer the request EDEADSRCDST (VFS runs it again when
 * the driver is up; handouts/vfs.md, "Block driver restarts"). */
int
dev_io(int do_write, uint64_t pos, void *addr, size_t bytes)
{
	int tries, r = -EIO;

	for (tries = 0; tries < 2; tries++) {
		if (driver == NONE && connect() != OK)
			break;
		if ((r = transfer(do_write, pos, addr, bytes)) == (int)bytes)
			return OK;
		if (r == -EDEADSRCDST) {		/* it died: wait for its restart */
			drv_dead = 1;
			driver = NONE;
		} else if (r != -EIO || tries > 0) {
			return -EIO;
		} else if ((r = bdev_call(BDEV_OPEN, GRANT_INVALID, 0, 0, dev_access)) != OK) {
			if (r != -EDEADSRCDST)		/* EIO, and the minor cannot be opened */
				return -EIO;
			drv_dead = 1;
			driver = NONE;
		}	/* else EIO, perhaps from a new instance that had not seen the open: again */
	}
	if (driver == NONE)
		dev_down = 1;
	return -EIO;
}

static void
lru_unlink(struct buf *bp)
{
	if (bp->b_prev != NULL)
		bp->b_prev->b_next = bp->b_next;
	else
		lru_front = bp->b_next;
	if (bp->b_next != NULL)
		bp->b_next->b_prev = bp->b_prev;
	else
		lru_back = bp->b_prev;
	bp->b_prev = bp->b_next = NULL;
}

static void
lru_append(struct buf *bp)
{
	bp->b_prev = lru_back;
	bp->b_next = NULL;
	if (lru_back != NULL)
		lru_back->b_next = bp;
	else
		lru_front = bp;
	lru_back = bp;
}

/* The valid buffer holding block, or NULL. */
static struct buf *
hash_find(uint32_t block)
{
	struct buf *bp;

	for (bp = hash_head[block & (NR_HASH - 1)]; bp != NULL; bp = bp->b_hash)
		if (bp->b_blocknr == block)
			return bp;
	return NULL;
}

/* bp now holds b_blocknr: put it on its chain. */
static void
hash_insert(struct buf *bp)
{
	struct buf **head = &hash_head[bp->b_blocknr & (NR_HASH - 1)];

	bp->b_hash = *head;
	*head = bp;
}

/* bp is about to hold nothing: take it off its chain. */
static void
hash_remove(struct buf *bp)
{
	struct buf **pp;

	for (pp = &hash_head[bp->b_blocknr & (NR_HASH - 1)]; *pp != NULL; pp = &(*pp)->b_hash)
		if (*pp == bp) {
			*pp = bp->b_hash;
			bp->b_hash = NULL;
			return;
		}
}

static void
cache_init(void)
{
	int i;

	for (i = 0; i < NR_BUFS; i++) {
		bufs[i].b_data = buf_space[i];
		lru_append(&bufs[i]);
	}
	cache_ready = 1;
}

/* Write a dirty buffer back.  OK or -EIO (the buffer stays dirty). */
static int
write_back(struct buf *bp)
{
	int r;

	if (!bp->b_valid || !bp->b_dirty)
		return OK;
	r = dev_io(1, (uint64_t)bp->b_blocknr * sup.bs, bp->b_data, sup.bs);
	if (r == OK)
		bp->b_dirty = 0;
	return r;
}

/* The buffer holding block, with one more user: read from the device (NORMAL) or filled
 * with zeros (NO_READ: a freshly allocated zone, whatever the cache still held of it); NULL with err_code -EIO when the device fails or every buffer is in use. */
struct buf *
get_block(uint32_t block, int how)
{
	struct buf *bp;

	if (!cache_ready)
		cache_init();
	if (block >= sup.sb.s_zones) {
		err_code = -EIO;
		return NULL;
	}
	if ((bp = hash_find(block)) != NULL) {
		if (how == NO_READ)
			memset(bp->b_data, 0, sup.bs);
		bp->b_count++;
		return bp;
	}
	for (bp = lru_front; bp != NULL && bp->b_count > 0; bp = bp->b_next)
		;
	if (bp == NULL || write_back(bp) != OK) {
		err_code = -EIO;
		return NULL;
	}
	if (bp->b_valid)
		hash_remove(bp);
	bp->b_valid = 0;
	if (how == NORMAL && dev_io(0, (uint64_t)block * sup.bs, bp->b_data, sup.bs) != OK) {
		err_code = -EIO;
		return NULL;
	}
	if (how == NO_READ)
		memset(bp->b_data, 0, sup.bs);
	bp->b_blocknr = block;
	bp->b_valid = 1;
	hash_insert(bp);
	bp->b_dirty = 0;
	bp->b_count = 1;
	return bp;
}

/* One user fewer; the buffer becomes the most recently used. */
void
put_block(struct buf *bp)
{
	if (bp == NULL)
		return;
	if (bp->b_count > 0)
		bp->b_count--;
	lru_unlink(bp);
	lru_append(bp);
}

void
mark_dirty(struct buf *bp)
{
	bp->b_dirty = 1;
}

/* Write every dirty buffer back.  OK or -EIO. */
int
flush_all(void)
{
	struct buf *bp;
	int r = OK;

	for (bp = lru_front; bp != NULL; bp = bp->b_next)
		if (write_back(bp) != OK)
			r = -EIO;
	return r;
}

/* Forget every buffer (after unmount: the next mount may be another device). */
void
invalidate_all(void)
{
	struct buf *bp;

	for (bp = lru_front; bp != NULL; bp = bp->b_next) {
		bp->b_valid = 0;
		bp->b_dirty = 0;
		bp->b_count = 0;
		bp->b_hash = NULL;
	}
	memset(hash_head, 0, sizeof(hash_head));
}
