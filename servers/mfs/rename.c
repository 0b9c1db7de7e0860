/*
 * rename.c - MFS's REQ_RENAME (include/minnow/fsif.h): move the name old_name of directory
 * old_dir to new_name of directory new_dir.  An existing new_name is replaced if it is a
 * file and the moved inode is a file, or an empty directory and the moved inode a
 * directory.  A directory may not move into its own subtree (EINVAL); a directory that
 * changes parent gets its ".." fixed and the two parents' link counts follow.  Times: both
 * directories get mtime and ctime; the moved inode keeps its times (POSIX lets rename
 * stamp its ctime or not) unless it is a directory whose ".." changed (mtime, ctime).
 */
#include <string.h>
#include "inc.h"

/* The two directories and names of a RENAME, and what they name. */
struct move {
	struct inode *odir, *ndir;      /* the old and new directories */
	struct inode *old, *victim;     /* the moved inode; what new_name names (or NULL) */
	char oname[FS_NAME_MAX + 1], nname[FS_NAME_MAX + 1];
	size_t olen, nlen;
};

/* Is directory ino inside the subtree of directory top (or top itself)?  Walks ".." up
 * from ino to the root.  1 yes, 0 no, or an error. */
static int
in_subtree(uint32_t ino, uint32_t top)
{
	struct inode *ip;
	uint32_t parent;
	int r, steps;

	for (steps = 0; steps < (int)sup.sb.s_ninodes; steps++) {
		if (ino == top)
			return 1;
		if (ino == MFS_ROOT_INO)
			return 0;
		if ((ip = get_inode(ino)) == NULL)
			return err_code;
		r = search_dir(ip, "..", 2, &parent, LOOK_UP);
		put_inode(ip);
		if (r != OK)
			return r;
		ino = parent;
	}
	return -EIO;                    /* a loop: the disk is damaged */
}

/* Is the rename allowed?  OK or the error (see the file comment). */
static int
check_move(struct move *mv)
{
	int old_dir = is_type(mv->old, MFS_S_IFDIR), r;

	if (old_dir && (r = in_subtree(mv->ndir->i_num, mv->old->i_num)) != 0)
		return r > 0 ? -EINVAL : r;
	if (mv->victim != NULL) {
		if (old_dir && !is_type(mv->victim, MFS_S_IFDIR))
			return -ENOTDIR;
		if (!old_dir && is_type(mv->victim, MFS_S_IFDIR))
			return -EISDIR;
		if (old_dir && (r = search_dir(mv->victim, NULL, 0, NULL, IS_EMPTY)) != OK)
			return r;
	} else if (old_dir && mv->odir != mv->ndir && mv->ndir->d.i_nlinks >= LINK_MAX_MFS) {
		return -EMLINK;
	}
	if (mv->ndir->d.i_nlinks == 0)
		return -ENOENT;
	return sup.rdonly ? -EROFS : OK;
}

/* Carry the rename out (check_move() said yes). */
static int
do_move(struct move *mv)
{
	uint32_t ino = mv->old->i_num, dummy;
	int old_dir = is_type(mv->old, MFS_S_IFDIR), r;

	if (mv->victim != NULL) {
		/* the victim's slot is free again at once, so ENTER cannot fail for space */
		if ((r = search_dir(mv->ndir, mv->nname, mv->nlen, &dummy, DELETE)) != OK)
			return r;
		if (is_type(mv->victim, MFS_S_IFDIR)) {
			mv->victim->d.i_nlinks = 0;
			mv->ndir->d.i_nlinks--;
		} else {
			mv->victim->d.i_nlinks--;
		}
		stamp(mv->victim, TM_CTIME);
	}
	if ((r = search_dir(mv->ndir, mv->nname, mv->nlen, &ino, ENTER)) != OK)
		return r;
	if ((r = search_dir(mv->odir, mv->oname, mv->olen, &dummy, DELETE)) != OK)
		return r;
	if (old_dir && mv->odir != mv->ndir) {
		uint32_t parent = mv->ndir->i_num;

		search_dir(mv->old, "..", 2, &dummy, DELETE);
		if ((r = search_dir(mv->old, "..", 2, &parent, ENTER)) != OK)
			return r;
		mv->odir->d.i_nlinks--;
		mv->ndir->d.i_nlinks++;
		stamp(mv->old, TM_MTIME | TM_CTIME);	/* its ".." entry changed */
	}
	rw_inode(mv->odir);
	return rw_inode(mv->ndir);
}

/* Fetch the names and inodes of the request into mv.  OK or an error. */
static int
load_move(struct fsreq *q, struct move *mv)
{
	uint32_t ino;
	int r;

	mv->olen = q->in->name_len;
	mv->nlen = q->in->name2_len;
	if ((r = get_name(q->in->grant, mv->olen, mv->oname)) != OK ||
	    (r = get_name(q->in->grant2, mv->nlen, mv->nname)) != OK)
		return r;
	if (is_dot_or_dotdot(mv->oname, mv->olen) || is_dot_or_dotdot(mv->nname, mv->nlen))
		return -EINVAL;
	if ((r = get_dir(q->in->ino, &mv->odir)) != OK || (r = get_dir(q->in->ino2, &mv->ndir)) != OK)
		return r;
	if ((r = search_dir(mv->odir, mv->oname, mv->olen, &ino, LOOK_UP)) != OK)
		return r;
	if ((mv->old = get_inode(ino)) == NULL)
		return -EIO;
	r = search_dir(mv->ndir, mv->nname, mv->nlen, &ino, LOOK_UP);
	if (r == OK && (mv->victim = get_inode(ino)) == NULL)
		return -EIO;
	return r == -ENOENT ? OK : r;
}

int
do_rename(struct fsreq *q)
{
	struct move mv;
	int r;

	memset(&mv, 0, sizeof(mv));
	r = load_move(q, &mv);
	if (r == OK && mv.victim == mv.old)
		r = OK;                 /* two names of one inode: nothing to do (POSIX) */
	else if (r == OK && (r = check_move(&mv)) == OK)
		r = do_move(&mv);
	put_inode(mv.victim);
	put_inode(mv.old);
	put_inode(mv.ndir);
	put_inode(mv.odir);
	return r;
}
