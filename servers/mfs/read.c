/*
 * read.c - MFS's data requests (include/minnow/fsif.h): REQ_READ and REQ_WRITE move file
 * bytes between the cache and the user's buffer through VFS's (magic) grant, one block at a
 * time; a hole reads as zeros and a write fills a hole with a fresh zone.  REQ_GETDENTS
 * turns directory entries into struct dirent records (include/posix/dirent.h); its position
 * cookie is the byte offset of the next directory entry.
 */
#include <string.h>
#include <dirent.h>
#include <minnow/syslib.h>
#include "inc.h"

static const uint8_t zeros[MFS_MAX_BLOCK_SIZE];

static uint64_t
req_pos(const mess_fs_req *in)
{
	return ((uint64_t)in->pos_hi << 32) | in->pos_lo;
}

static void
reply_pos(struct fsreq *q, uint64_t pos, uint32_t count)
{
	q->out->pos_lo = (uint32_t)pos;
	q->out->pos_hi = (uint32_t)(pos >> 32);
	q->out->count = count;
}

/* Copy chunk bytes of file block fblock at offset off to the user (grant offset done). */
static int
read_chunk(struct inode *ip, uint32_t fblock, uint32_t off, uint32_t chunk, uint32_t done,
	   cp_grant_id_t grant)
{
	struct buf *bp = NULL;
	const uint8_t *src = zeros;
	uint32_t z;
	int r;

	if ((r = read_map(ip, fblock, &z)) != OK)
		return r;
	if (z != 0) {
		if ((bp = get_block(z, NORMAL)) == NULL)
			return err_code;
		src = bp->b_data + off;
	}
	r = sys_safecopyto(VFS_PROC_NR, grant, done, (vir_bytes)src, chunk);
	put_block(bp);
	return r;
}

/* Bytes to move at block offset off: the rest of the block, but no more than left (of the
 * request) or room (before the end of the file or the largest size). */
static uint32_t
chunk_size(uint32_t off, uint32_t left, uint64_t room)
{
	uint32_t chunk = sup.bs - off;

	if (chunk > left)
		chunk = left;
	if (chunk > room)
		chunk = (uint32_t)room;
	return chunk;
}

int
do_read(struct fsreq *q)
{
	uint64_t pos = req_pos(q->in), size;
	uint32_t done = 0, count = q->in->count, chunk;
	struct inode *ip;
	int r = OK;

	if ((ip = get_inode(q->in->ino)) == NULL)
		return err_code;
	size = i_size(ip);
	if (is_type(ip, MFS_S_IFCHR) || is_type(ip, MFS_S_IFBLK))
		size = 0;
	while (done < count && pos < size) {
		uint32_t off = (uint32_t)(pos % sup.bs);

		chunk = chunk_size(off, count - done, size - pos);
		if ((r = read_chunk(ip, (uint32_t)(pos / sup.bs), off, chunk, done,
				    q->in->grant)) != OK)
			break;
		done += chunk;
		pos += chunk;
	}
	if (done > 0 && !is_type(ip, MFS_S_IFCHR) && !is_type(ip, MFS_S_IFBLK))
		stamp(ip, TM_ATIME);
	put_inode(ip);
	if (done == 0 && r != OK)
		return r;
	reply_pos(q, pos, done);
	return OK;
}

/* Copy chunk bytes from the user into file block fblock at offset off.  A hole gets a fresh
 * zone, mapped only once the bytes are in, so a failed copy leaves no zone behind. */
static int
write_chunk(struct inode *ip, uint32_t fblock, uint32_t off, uint32_t chunk, uint32_t done,
	    cp_grant_id_t grant)
{
	struct buf *bp;
	uint32_t z;
	int r, fresh = 0;

	if ((r = read_map(ip, fblock, &z)) != OK)
		return r;
	if (z == 0) {
		if ((z = alloc_zone()) == 0)
			return err_code;
		fresh = 1;
	}
	if ((bp = get_block(z, fresh ? NO_READ : NORMAL)) == NULL) {
		if (fresh)
			free_zone(z);
		return err_code;
	}
	r = sys_safecopyfrom(VFS_PROC_NR, grant, done, (vir_bytes)(bp->b_data + off), chunk);
	if (r == OK && fresh)
		r = write_map(ip, fblock, z);
	if (r == OK)
		mark_dirty(bp);
	else if (fresh)
		free_zone(z);
	put_block(bp);
	return r;
}

int
do_write(struct fsreq *q)
{
	uint64_t pos = req_pos(q->in), max = max_file_size();
	uint32_t done = 0, count = q->in->count, chunk;
	struct inode *ip;
	int r = OK;

	if (sup.rdonly)
		return -EROFS;
	if ((ip = get_inode(q->in->ino)) == NULL)
		return err_code;
	if (!is_type(ip, MFS_S_IFREG) && !is_type(ip, MFS_S_IFLNK)) {
		put_inode(ip);          /* devices are VFS's business, directories MFS's */
		return is_type(ip, MFS_S_IFDIR) ? -EISDIR : -EINVAL;
	}
	if (count > 0 && pos >= max)
		r = -EFBIG;
	while (r == OK && done < count && pos < max) {
		uint32_t off = (uint32_t)(pos % sup.bs);

		chunk = chunk_size(off, count - done, max - pos);
		if ((r = write_chunk(ip, (uint32_t)(pos / sup.bs), off, chunk, done,
				     q->in->grant)) != OK)
			break;
		done += chunk;
		pos += chunk;
		if (pos > i_size(ip))
			ip->d.i_size = (int32_t)pos;
	}
	if (done > 0)
		set_times(ip, TM_MTIME | TM_CTIME);
	rw_inode(ip);
	reply_inode(q, ip);
	put_inode(ip);
	if (done == 0 && r != OK)
		return r;
	reply_pos(q, pos, done);
	return OK;
}

/* Append the record of entry de to the dirent buffer out (used bytes *used, room max):
 * 1 done, 0 no room. */
static int
put_dirent(const struct mfs_dirent *de, uint8_t *out, uint32_t *used, uint32_t max)
{
	size_t len = strnlen(de->d_name, MFS_NAME_FIELD);
	uint32_t reclen = DIRENT_RECLEN(len);
	struct dirent *d = (struct dirent *)(out + *used);
	uint16_t mode = 0;

	if (len > MFS_NAME_MAX)
		len = MFS_NAME_MAX;
	if (*used + reclen > max)
		return 0;
	memset(d, 0, reclen);
	d->d_ino = de->d_ino;
	d->d_reclen = (uint16_t)reclen;
	d->d_namlen = (uint8_t)len;
	memcpy(d->d_name, de->d_name, len);
	if (peek_mode(de->d_ino, &mode) == OK) {
		switch (mode & MFS_S_IFMT) {
		case MFS_S_IFDIR: d->d_type = DT_DIR; break;
		case MFS_S_IFREG: d->d_type = DT_REG; break;
		case MFS_S_IFCHR: d->d_type = DT_CHR; break;
		case MFS_S_IFBLK: d->d_type = DT_BLK; break;
		case MFS_S_IFIFO: d->d_type = DT_FIFO; break;
		case MFS_S_IFLNK: d->d_type = DT_LNK; break;
		default: d->d_type = DT_UNKNOWN; break;
		}
	}
	*used += reclen;
	return 1;
}

/* Fill out (room max) with the entries from byte *pos of directory ip on; *pos advances
 * past the entries taken.  OK or an error. */
static int
fill_dirents(struct inode *ip, uint64_t *pos, uint8_t *out, uint32_t *used, uint32_t max)
{
	struct mfs_dirent de;
	struct buf *bp;
	uint32_t z;
	int r;

	for (; *pos + MFS_DIRENT_SIZE <= i_size(ip); *pos += MFS_DIRENT_SIZE) {
		if ((r = read_map(ip, (uint32_t)(*pos / sup.bs), &z)) != OK)
			return r;
		if (z == 0) {   /* a hole (never written by MFS): no entries in its block */
			*pos += sup.bs - *pos % sup.bs - MFS_DIRENT_SIZE;
			continue;
		}
		if ((bp = get_block(z, NORMAL)) == NULL)
			return err_code;
		memcpy(&de, bp->b_data + *pos % sup.bs, sizeof(de));
		put_block(bp);
		if (de.d_ino != 0 && !put_dirent(&de, out, used, max))
			break;
	}
	return OK;
}

int
do_getdents(struct fsreq *q)
{
	static uint8_t out[MFS_MAX_BLOCK_SIZE];
	uint64_t pos = req_pos(q->in);
	uint32_t used = 0, max = q->in->count < sizeof(out) ? q->in->count : sizeof(out);
	struct inode *ip;
	int r;

	if ((r = get_dir(q->in->ino, &ip)) != OK)
		return r;
	if (pos % MFS_DIRENT_SIZE != 0)
		r = -EINVAL;
	else
		r = fill_dirents(ip, &pos, out, &used, max);
	if (r == OK && used == 0 && pos + MFS_DIRENT_SIZE <= i_size(ip))
		r = -EINVAL;            /* not even one record fits */
	if (r == OK && used > 0)
		r = sys_safecopyto(VFS_PROC_NR, q->in->grant, 0, (vir_bytes)out, used);
	if (r == OK)
		stamp(ip, TM_ATIME);
	put_inode(ip);
	if (r != OK)
		return r;
	reply_pos(q, pos, used);
	return OK;
}
