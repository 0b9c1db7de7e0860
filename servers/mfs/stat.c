/*
 * stat.c - MFS's attribute requests (include/minnow/fsif.h): REQ_STAT fills a struct stat
 * (include/posix/sys/stat.h; st_dev is the device VFS mounted, st_blocks counts 512-byte
 * units of every zone the file uses, indirect ones included), REQ_FTRUNC, REQ_CHMOD and
 * REQ_CHOWN (which clears the set-uid and set-gid bits, as MINIX does), and REQ_STATVFS
 * (counts from the bitmaps).
 *
 * Times: FTRUNC sets mtime and ctime, CHMOD and CHOWN ctime (time.c has the clock and
 * REQ_UTIME); STAT reports the three.
 */
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <minnow/syslib.h>
#include "inc.h"

int
do_stat(struct fsreq *q)
{
	struct stat st;
	struct inode *ip = get_inode(q->in->ino);
	int r;

	if (ip == NULL)
		return err_code;
	memset(&st, 0, sizeof(st));
	st.st_dev = sup.dev;
	st.st_ino = ip->i_num;
	st.st_mode = ip->d.i_mode;
	st.st_nlink = ip->d.i_nlinks;
	st.st_uid = ip->d.i_uid;
	st.st_gid = ip->d.i_gid;
	st.st_rdev = is_type(ip, MFS_S_IFCHR) || is_type(ip, MFS_S_IFBLK) ? ip->d.i_zone[0] : 0;
	st.st_size = (off_t)i_size(ip);
	st.st_atime = ip->d.i_atime;
	st.st_mtime = ip->d.i_mtime;
	st.st_ctime = ip->d.i_ctime;
	st.st_blksize = (blksize_t)sup.bs;
	st.st_blocks = (blkcnt_t)(count_zones(ip) * (sup.bs / 512));
	put_inode(ip);
	r = sys_safecopyto(VFS_PROC_NR, q->in->grant, 0, (vir_bytes)&st, sizeof(st));
	return r;
}

int
do_ftrunc(struct fsreq *q)
{
	uint64_t size = ((uint64_t)q->in->pos_hi << 32) | q->in->pos_lo;
	struct inode *ip;
	int r;

	if (sup.rdonly)
		return -EROFS;
	if ((ip = get_inode(q->in->ino)) == NULL)
		return err_code;
	if (is_type(ip, MFS_S_IFDIR))
		r = -EISDIR;
	else if (!is_type(ip, MFS_S_IFREG))
		r = -EINVAL;
	else if ((r = truncate_inode(ip, size)) == OK)
		r = stamp(ip, TM_MTIME | TM_CTIME);
	reply_inode(q, ip);
	put_inode(ip);
	return r;
}

/* CHMOD (is_chown 0) and CHOWN (1). */
static int
change_attr(struct fsreq *q, int is_chown)
{
	struct inode *ip;
	int r;

	if (sup.rdonly)
		return -EROFS;
	if ((ip = get_inode(q->in->ino)) == NULL)
		return err_code;
	if (is_chown) {
		ip->d.i_uid = (uint16_t)q->in->uid;
		ip->d.i_gid = (uint16_t)q->in->gid;
		ip->d.i_mode &= (uint16_t)~(S_ISUID | S_ISGID);
	} else {
		ip->d.i_mode = (uint16_t)((ip->d.i_mode & MFS_S_IFMT) | (q->in->mode & MFS_S_PERM));
	}
	r = stamp(ip, TM_CTIME);
	reply_inode(q, ip);
	put_inode(ip);
	return r;
}

int
do_chmod(struct fsreq *q)
{
	return change_attr(q, 0);
}

int
do_chown(struct fsreq *q)
{
	return change_attr(q, 1);
}

int
do_statvfs(struct fsreq *q)
{
	struct statvfs sv;

	memset(&sv, 0, sizeof(sv));
	sv.f_bsize = sv.f_frsize = sup.bs;
	sv.f_blocks = sup.sb.s_zones;
	sv.f_bfree = sv.f_bavail = count_free(ZMAP);
	sv.f_files = sup.sb.s_ninodes;
	sv.f_ffree = sv.f_favail = count_free(IMAP);
	sv.f_fsid = sup.dev;
	sv.f_flag = (sup.rdonly ? ST_RDONLY : 0) | ST_NOTRUNC;	/* get_name: ENAMETOOLONG */
	sv.f_namemax = MFS_NAME_MAX;
	strcpy(sv.f_fstypename, "mfs");
	return sys_safecopyto(VFS_PROC_NR, q->in->grant, 0, (vir_bytes)&sv, sizeof(sv));
}
