/*
 * inode.c - MFS's inode cache: NR_INODES in-core inodes with reference counts.
 *
 * get_inode() finds or loads an inode and adds a reference; put_inode() drops one, and when
 * the last reference of an inode with no links goes, the inode is truncated and freed in the
 * inode bitmap (so an unlinked file that VFS still has open stays readable until then).
 * References are VFS's (one for every reply that names an inode, given back by REQ_PUTNODE)
 * plus the server's own while it handles a request.  An in-core inode with no references
 * stays cached until its slot is needed.  Every change of an inode is copied at once into
 * its block of the inode table in the block cache (rw_inode()), so a cached inode is never
 * newer than the cache.
 */
#include <string.h>
#include "inc.h"

static struct inode inodes[NR_INODES];

/* The block and byte offset of inode ino in the inode table. */
static uint32_t
inode_block(uint32_t ino, uint32_t *offset)
{
	uint32_t per = MFS_INODES_PER_BLOCK(sup.bs);

	*offset = ((ino - 1) % per) * MFS_INODE_SIZE;
	return sup.ino_table + (ino - 1) / per;
}

/* Copy the in-core inode into the inode table (in the cache).  OK or -EIO. */
int
rw_inode(struct inode *ip)
{
	uint32_t off;
	struct buf *bp = get_block(inode_block(ip->i_num, &off), NORMAL);

	if (bp == NULL)
		return err_code;
	memcpy(bp->b_data + off, &ip->d, sizeof(ip->d));
	mark_dirty(bp);
	put_block(bp);
	return OK;
}

/* The mode of inode ino straight from the table, without caching it.  OK or an error. */
int
peek_mode(uint32_t ino, uint16_t *mode)
{
	uint32_t off;
	struct buf *bp;

	if (ino == 0 || ino > sup.sb.s_ninodes)
		return -EINVAL;
	if ((bp = get_block(inode_block(ino, &off), NORMAL)) == NULL)
		return err_code;
	memcpy(mode, bp->b_data + off, sizeof(*mode));
	put_block(bp);
	return OK;
}

/* The in-core inode ino if it is cached (no reference added), else NULL. */
struct inode *
find_inode(uint32_t ino)
{
	int i;

	for (i = 0; i < NR_INODES; i++)
		if (inodes[i].i_num == ino && ino != 0)
			return &inodes[i];
	return NULL;
}

/* A free in-core slot (an unreferenced cached inode is dropped), or NULL. */
static struct inode *
free_slot(void)
{
	int i;

	for (i = 0; i < NR_INODES; i++)
		if (inodes[i].i_num == 0)
			return &inodes[i];
	for (i = 0; i < NR_INODES; i++)
		if (inodes[i].i_count == 0) {
			inodes[i].i_num = 0;
			return &inodes[i];
		}
	return NULL;
}

/* Could a directory of ip's size be on this file system?  MFS writes every block of a
 * directory (append_entry), so a directory has no holes: one bigger than the file system,
 * or than its zones can address, is corrupt, and scanning it entry by entry would keep MFS
 * (and VFS, waiting for it) busy for minutes (handouts/mfs.md, "Corrupt file systems"). */
static int
dir_size_possible(const struct inode *ip)
{
	uint64_t fs_bytes = (uint64_t)sup.sb.s_zones * sup.bs;

	return !is_type(ip, MFS_S_IFDIR) ||
	       (i_size(ip) <= max_file_size() && i_size(ip) <= fs_bytes);
}

/* Inode ino (in use: mode not 0) with one more reference; NULL with err_code -EINVAL (no
 * such inode), -ENFILE (cache full) or -EIO (a directory of an impossible size, or the
 * inode's block unreadable). */
struct inode *
get_inode(uint32_t ino)
{
	struct inode *ip = find_inode(ino);
	uint32_t off;
	struct buf *bp;

	if (ip != NULL) {
		ip->i_count++;
		return ip;
	}
	if (ino == 0 || ino > sup.sb.s_ninodes) {
		err_code = -EINVAL;
		return NULL;
	}
	if ((ip = free_slot()) == NULL) {
		err_code = -ENFILE;
		return NULL;
	}
	if ((bp = get_block(inode_block(ino, &off), NORMAL)) == NULL)
		return NULL;
	memcpy(&ip->d, bp->b_data + off, sizeof(ip->d));
	put_block(bp);
	if (ip->d.i_mode == 0) {
		err_code = -EINVAL;
		return NULL;
	}
	if (!dir_size_possible(ip)) {
		err_code = -EIO;
		return NULL;
	}
	ip->i_num = ino;
	ip->i_count = 1;
	return ip;
}

/* Drop one reference; at the last one an inode without links is truncated and freed. */
int
put_inode(struct inode *ip)
{
	int r;

	if (ip == NULL || ip->i_count <= 0)
		return OK;
	if (--ip->i_count > 0 || ip->d.i_nlinks > 0)
		return OK;
	r = truncate_inode(ip, 0);
	memset(&ip->d, 0, sizeof(ip->d));       /* a device's number goes too */
	if (rw_inode(ip) != OK)
		r = -EIO;
	if (free_bit(IMAP, ip->i_num) != OK)
		r = -EIO;
	ip->i_num = 0;
	return r;
}

/* An inode number the bitmap gives as free, now marked in use; 0 with err_code -ENOSPC or
 * -EIO.  A corrupt bitmap may offer an inode that is in use (cached, or a mode on the
 * disk): its bit stays set (now true) and the next one is tried, so that two files never
 * share an inode (handouts/mfs.md, "Corrupt file systems"). */
static uint32_t
free_inode_number(void)
{
	uint32_t ino = 0, tries;
	uint16_t mode;

	for (tries = 0; tries <= sup.sb.s_ninodes; tries++) {
		if ((ino = alloc_bit(IMAP, ino + 1)) == 0)
			break;
		if (find_inode(ino) == NULL && peek_mode(ino, &mode) == OK && mode == 0)
			return ino;
	}
	err_code = ino == 0 ? -ENOSPC : -EIO;
	return 0;
}

/* A new inode of mode for uid/gid: allocated in the bitmap, cleared, all three times now,
 * with one reference and no links yet; NULL with err_code -ENOSPC, -ENFILE or -EIO. */
struct inode *
alloc_inode(uint32_t mode, uint32_t uid, uint32_t gid)
{
	struct inode *ip;
	uint32_t ino;

	if ((ip = free_slot()) == NULL) {
		err_code = -ENFILE;
		return NULL;
	}
	if ((ino = free_inode_number()) == 0)
		return NULL;
	memset(&ip->d, 0, sizeof(ip->d));
	ip->d.i_mode = (uint16_t)mode;
	ip->d.i_uid = (uint16_t)uid;
	ip->d.i_gid = (uint16_t)gid;
	ip->i_num = ino;
	ip->i_count = 1;
	set_times(ip, TM_ALL);
	if (rw_inode(ip) != OK) {
		free_bit(IMAP, ino);
		ip->i_num = 0;
		return NULL;
	}
	return ip;
}

/* The references held on every in-core inode together. */
int
inode_refs(void)
{
	int i, refs = 0;

	for (i = 0; i < NR_INODES; i++)
		if (inodes[i].i_num != 0)
			refs += inodes[i].i_count;
	return refs;
}

/* Forget every in-core inode (at unmount). */
void
forget_inodes(void)
{
	int i;

	for (i = 0; i < NR_INODES; i++) {
		inodes[i].i_num = 0;
		inodes[i].i_count = 0;
	}
}
