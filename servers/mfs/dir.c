/*
 * dir.c - MFS directories: search_dir() looks a name up (LOOK_UP), adds an entry in the
 * first free slot or at the end (ENTER), clears an entry (DELETE) or checks that only "."
 * and ".." are left (IS_EMPTY).  A directory's data is an array of 64-byte struct
 * mfs_dirent (include/minnow/mfs.h); a slot with inode number 0 is free and a deleted entry
 * just becomes free (the directory never shrinks).
 */
#include <string.h>
#include "inc.h"

int
is_dot_or_dotdot(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

/* Does entry dp hold the name (len bytes)? */
static int
name_matches(const struct mfs_dirent *dp, const char *name, size_t len)
{
	if (len > MFS_NAME_MAX || memcmp(dp->d_name, name, len) != 0)
		return 0;
	return len == MFS_NAME_FIELD || dp->d_name[len] == '\0';
}

/* Append one entry at the end of directory dp (a new block if needed). */
static int
append_entry(struct inode *dp, const char *name, size_t len, uint32_t ino)
{
	uint64_t pos = i_size(dp);
	uint32_t fblock = (uint32_t)(pos / sup.bs), z;
	struct mfs_dirent *de;
	struct buf *bp;
	int r;

	if (pos + MFS_DIRENT_SIZE > max_file_size())
		return -EFBIG;
	if ((r = read_map(dp, fblock, &z)) != OK)
		return r;
	if (z == 0) {
		if ((z = alloc_zone()) == 0)
			return err_code;
		if ((bp = get_block(z, NO_READ)) == NULL || (r = write_map(dp, fblock, z)) != OK) {
			put_block(bp);
			free_zone(z);
			return bp == NULL ? err_code : r;
		}
	} else if ((bp = get_block(z, NORMAL)) == NULL) {
		return err_code;
	}
	de = (struct mfs_dirent *)(bp->b_data + pos % sup.bs);
	memset(de, 0, sizeof(*de));
	de->d_ino = ino;
	memcpy(de->d_name, name, len);
	mark_dirty(bp);
	put_block(bp);
	dp->d.i_size = (int32_t)(pos + MFS_DIRENT_SIZE);
	return rw_inode(dp);
}

/* One directory block's part of search_dir(): 1 if done (result in *r), else 0. */
static int
search_block(struct buf *bp, uint32_t nents, const char *name, size_t len, uint32_t *ino,
	     int op, int *r)
{
	struct mfs_dirent *de = (struct mfs_dirent *)bp->b_data;
	uint32_t i;

	for (i = 0; i < nents; i++, de++) {
		if (op == ENTER && de->d_ino == 0) {
			memset(de, 0, sizeof(*de));
			de->d_ino = *ino;
			memcpy(de->d_name, name, len);
			mark_dirty(bp);
			*r = OK;
			return 1;
		}
		if (de->d_ino == 0)
			continue;
		if (op == IS_EMPTY) {
			if (!is_dot_or_dotdot(de->d_name, strnlen(de->d_name, MFS_NAME_FIELD))) {
				*r = -ENOTEMPTY;
				return 1;
			}
		} else if (op != ENTER && name_matches(de, name, len)) {
			*ino = de->d_ino;
			if (op == DELETE) {
				de->d_ino = 0;
				mark_dirty(bp);
			}
			*r = OK;
			return 1;
		}
	}
	return 0;
}

/* Look up, enter, delete a name in directory dp, or check that it is empty (see the file
 * comment).  LOOK_UP and DELETE put the inode number in *ino; ENTER takes it from *ino.
 * OK or an error (ENOENT, ENOTEMPTY, ENOSPC, EIO...). */
int
search_dir(struct inode *dp, const char *name, size_t len, uint32_t *ino, int op)
{
	uint32_t per = MFS_DIRENTS_PER_BLOCK(sup.bs), fblock, z;
	uint64_t nents = i_size(dp) / MFS_DIRENT_SIZE, done;
	struct buf *bp;
	int r;

	if (!is_type(dp, MFS_S_IFDIR))
		return -ENOTDIR;
	for (fblock = 0, done = 0; done < nents; fblock++, done += per) {
		uint32_t here = nents - done < per ? (uint32_t)(nents - done) : per;

		if ((r = read_map(dp, fblock, &z)) != OK)
			return r;
		if (z == 0)
			continue;       /* a hole (never written by MFS): no entries */
		if ((bp = get_block(z, NORMAL)) == NULL)
			return err_code;
		if (search_block(bp, here, name, len, ino, op, &r)) {
			put_block(bp);
			if (op != LOOK_UP && op != IS_EMPTY && r == OK)
				stamp(dp, TM_MTIME | TM_CTIME);
			return r;
		}
		put_block(bp);
	}
	if (op == ENTER) {
		set_times(dp, TM_MTIME | TM_CTIME);
		return append_entry(dp, name, len, *ino);
	}
	return op == IS_EMPTY ? OK : -ENOENT;
}
