/*
 * mfs_test.c - MFS's and PFS's cases (servers/mfs, servers/pfs), run by grader/tests/mfs.py.
 *
 * The program plays VFS: it is booted as a module whose file is called "vfs" (the build
 * copies it to build/commands/tests/vfs-slot/vfs), so the kernel gives it VFS's slot and the
 * file servers, which answer only VFS, take its requests.  It speaks the file server
 * protocol (minnow/fsif.h, through fs_client.c) to MFS on the root image (/dev/imgrd of the
 * memory driver, device 0x106) and to PFS.  The grader compares the CRC-32 of /etc/rc that
 * the program prints with the file of the build's staging tree.  At the end MFS is synced
 * and unmounted, so the image the grader may dump afterwards is clean.
 * Boot module order: ds, memory, mfs and pfs with sf=synch before this program.
 */
#include <stdio.h>
#include <string.h>
#include <dirent.h>
#include <limits.h>
#include <minnow/bdev.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/ipcstub.h>
#include <minnow/mfs.h>
#include <minnow/sef.h>
#include "fs_client.h"
#include "testlib.h"

#define FS      MFS_PROC_NR
#define ROOTDEV 0x106           /* /dev/imgrd: major 1, minor 6 */
#define BLK     4096
/* The root image's geometry comes from tools/mfs/Makefile.inc: ROOTFS_SIZE_KB / 4 zones of
 * 4 KiB and ROOTFS_INODES inodes. */
#ifndef ROOTFS_SIZE_KB
#error "ROOTFS_SIZE_KB: the root image's size in KiB, passed by tools/mfs/Makefile.inc"
#endif
#define ROOTFS_ZONES (ROOTFS_SIZE_KB / (BLK / 1024))
#ifndef ROOTFS_INODES
#error "ROOTFS_INODES: the root image's inode count, passed by tools/mfs/Makefile.inc"
#endif

static uint8_t buf[64 * 1024], buf2[64 * 1024];
static uint32_t root_ino, tmp_ino;
static struct statvfs sv_start;

static uint32_t
crc32(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	int k;

	while (n-- > 0) {
		c ^= *p++;
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & -(c & 1));
	}
	return ~c;
}

static void
fill(uint8_t *p, size_t n, uint32_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)((i * 7 + seed + (i >> 12)) & 0xff);
}

static int
all_zero(const uint8_t *p, size_t n)
{
	while (n-- > 0)
		if (*p++ != 0)
			return 0;
	return 1;
}

/* The inode of name in dir (VFS's reference is given back at once), or 0. */
static uint32_t
ino_of(uint32_t dir, const char *name)
{
	mess_fs_reply rp;

	if (fsc_lookup(FS, dir, name, &rp) != OK)
		return 0;
	fsc_putnode(FS, rp.ino, 1);
	return rp.ino;
}

static uint32_t
nlinks_of(uint32_t ino)
{
	struct stat st;

	return fsc_stat(FS, ino, &st) == OK ? st.st_nlink : 0xffffffffu;
}

/* Read or write block 0 of /dev/imgrd straight from the memory driver (to spoil and restore
 * the superblock before MFS mounts).  The driver's status. */
static int
imgrd_block0(int type, uint8_t *block)
{
	cp_grant_id_t g = cpf_grant_direct(MEM_PROC_NR, (vir_bytes)block, BLK,
					   type == BDEV_READ ? CPF_WRITE : CPF_READ);
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_bdev.minor = ROOTDEV & 0xff;
	m.m_bdev.grant = g;
	m.m_bdev.count = type == BDEV_OPEN ? 0 : BLK;
	m.m_bdev.access = BDEV_R_BIT | BDEV_W_BIT;
	m.m_bdev.user = sef_self();
	m.m_bdev.id = 77;
	r = ipc_sendrec(MEM_PROC_NR, &m);
	cpf_revoke(g);
	return r != OK ? r : m.m_bdev_reply.status;
}

/* READSUPER of an image whose superblock has a wrong magic number: EINVAL. */
static void
case_bad_super(void)
{
	static uint8_t saved[BLK];
	struct mfs_super *sb = (struct mfs_super *)(buf + MFS_SUPER_OFFSET);
	mess_fs_reply rp;
	int r;

	if (imgrd_block0(BDEV_OPEN, buf) != OK || imgrd_block0(BDEV_READ, saved) != BLK) {
		test_fail("mfs_readsuper_bad_magic", "cannot read /dev/imgrd");
		return;
	}
	memcpy(buf, saved, BLK);
	sb->s_magic = 0x1234;
	r = imgrd_block0(BDEV_WRITE, buf);
	test_expect("mfs_readsuper_bad_magic", r == BLK ? fsc_readsuper(FS, "memory", ROOTDEV, 0,
								     &rp) : r, -EINVAL);
	memcpy(buf, saved, BLK);
	sb->s_block_size = 512;
	r = imgrd_block0(BDEV_WRITE, buf);
	test_expect("mfs_readsuper_bad_block_size", r == BLK ? fsc_readsuper(FS, "memory", ROOTDEV,
									  0, &rp) : r, -EINVAL);
	test_expect("mfs_restore_super", imgrd_block0(BDEV_WRITE, saved), BLK);
}

static void
cases_mount(void)
{
	mess_fs_reply rp;
	int r;

	test_expect("mfs_before_mount", fsc_lookup(FS, 1, "etc", &rp), -EINVAL);
	r = fsc_readsuper(FS, "nosuchdriver", ROOTDEV, 0, &rp);
	test_check("mfs_readsuper_bad_label", r < 0, "got %s", test_errname(r));
	case_bad_super();
	r = fsc_readsuper(FS, "memory", ROOTDEV, 0, &rp);
	test_check("mfs_readsuper", r == OK && rp.ino == MFS_ROOT_INO && S_ISDIR(rp.mode) &&
		   rp.dev == ROOTDEV && rp.nlinks >= 5, "%s, ino %u, mode 0%o, dev 0x%x, links %u",
		   test_errname(r), rp.ino, rp.mode, rp.dev, rp.nlinks);
	root_ino = rp.ino;
	test_expect("mfs_readsuper_busy", fsc_readsuper(FS, "memory", ROOTDEV, 0, &rp), -EBUSY);
}

static void
cases_lookup(void)
{
	mess_fs_reply rp, etc;
	char longname[FS_NAME_MAX + 2];
	uint32_t rc;
	int r;

	r = fsc_lookup(FS, root_ino, "etc", &etc);
	test_check("mfs_lookup_etc", r == OK && S_ISDIR(etc.mode) && etc.nlinks == 2,
		   "%s, mode 0%o, links %u", test_errname(r), etc.mode, etc.nlinks);
	r = fsc_lookup(FS, etc.ino, "..", &rp);
	test_check("mfs_lookup_dotdot", r == OK && rp.ino == root_ino, "%s, ino %u",
		   test_errname(r), rp.ino);
	fsc_putnode(FS, rp.ino, 1);
	r = fsc_lookup(FS, root_ino, "..", &rp);
	test_check("mfs_lookup_root_dotdot", r == OK && rp.ino == root_ino, "%s, ino %u",
		   test_errname(r), rp.ino);
	fsc_putnode(FS, rp.ino, 1);
	r = fsc_lookup(FS, etc.ino, ".", &rp);
	test_check("mfs_lookup_dot", r == OK && rp.ino == etc.ino, "%s", test_errname(r));
	fsc_putnode(FS, rp.ino, 1);
	test_expect("mfs_lookup_enoent", fsc_lookup(FS, etc.ino, "no-such-file", &rp), -ENOENT);
	rc = ino_of(etc.ino, "rc");
	test_expect("mfs_lookup_enotdir", fsc_lookup(FS, rc, "x", &rp), -ENOTDIR);
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	test_expect("mfs_lookup_nametoolong", fsc_lookup(FS, etc.ino, longname, &rp),
		    -ENAMETOOLONG);
	test_expect("mfs_lookup_bad_ino", fsc_lookup(FS, 999999, "x", &rp), -EINVAL);
	test_expect("mfs_putnode_etc", fsc_putnode(FS, etc.ino, 1), OK);
	tmp_ino = ino_of(root_ino, "tmp");
	test_check("mfs_lookup_tmp", tmp_ino != 0, "no /tmp");
}

static void
cases_read_rc(void)
{
	uint32_t etc = ino_of(root_ino, "etc"), size;
	mess_fs_reply rp, rd;
	struct stat st;
	int r, n;

	r = fsc_lookup(FS, etc, "rc", &rp);
	size = rp.size_lo;
	test_check("mfs_lookup_rc", r == OK && S_ISREG(rp.mode) && size > 0 && size < sizeof(buf),
		   "%s, mode 0%o, size %u", test_errname(r), rp.mode, size);
	r = fsc_stat(FS, rp.ino, &st);
	test_check("mfs_stat_rc", r == OK && st.st_ino == rp.ino && st.st_size == size &&
		   st.st_dev == ROOTDEV && st.st_blocks == BLK / 512 && st.st_nlink == 1 &&
		   st.st_blksize == BLK, "%s, size %d, dev 0x%x, blocks %d", test_errname(r),
		   (int)st.st_size, st.st_dev, st.st_blocks);
	memset(buf, 0, sizeof(buf));
	n = fsc_rw(FS, REQ_READ, rp.ino, 0, buf, sizeof(buf), &rd);
	test_check("mfs_read_rc", n == (int)size && rd.pos_lo == size, "read %s of %u",
		   test_errname(n), size);
	printf("INFO mfs_test /etc/rc %u bytes crc32 0x%08x\n", size, crc32(buf, size));
	n = fsc_rw(FS, REQ_READ, rp.ino, 10, buf2, 5, NULL);
	test_check("mfs_read_rc_middle", n == 5 && memcmp(buf2, buf + 10, 5) == 0, "read %s",
		   test_errname(n));
	test_expect("mfs_read_rc_eof", fsc_rw(FS, REQ_READ, rp.ino, size, buf, 100, NULL), 0);
	test_expect("mfs_putnode_too_many", fsc_putnode(FS, rp.ino, 2), -EINVAL);
	test_expect("mfs_putnode_rc", fsc_putnode(FS, rp.ino, 1), OK);
	test_expect("mfs_putnode_unknown", fsc_putnode(FS, rp.ino, 1), -EINVAL);
}

/* Read directory dir with getdents records of at most count bytes a call; the names,
 * space-separated, into out.  The number of records, or an error. */
static int
list_dir(uint32_t dir, uint32_t count, char *out, size_t outlen)
{
	mess_fs_reply rp;
	uint64_t pos = 0;
	int n, total = 0, calls;

	out[0] = '\0';
	for (calls = 0; calls < 200; calls++) {
		uint32_t off = 0;

		if ((n = fsc_rw(FS, REQ_GETDENTS, dir, pos, buf, count, &rp)) <= 0)
			return n < 0 ? n : total;
		while (off < (uint32_t)n) {
			struct dirent *d = (struct dirent *)(buf + off);

			if (d->d_reclen == 0 || d->d_reclen != DIRENT_RECLEN(d->d_namlen))
				return -EIO;
			if (strlen(out) + d->d_namlen + 2 < outlen) {
				strcat(out, " ");
				strcat(out, d->d_name);
			}
			off += d->d_reclen;
			total++;
		}
		pos = ((uint64_t)rp.pos_hi << 32) | rp.pos_lo;
	}
	return -EIO;
}

static void
cases_getdents(void)
{
	char names[256];
	mess_fs_reply rp;
	int n;

	char small[256];
	int n2;

	/* The grader compares the INFO line with the image's staging directory. */
	n = list_dir(root_ino, sizeof(buf), names, sizeof(names));
	test_check("mfs_getdents_root", n >= 6 && strncmp(names, " . .. ", 6) == 0 &&
		   strstr(names, " bin") && strstr(names, " dev") && strstr(names, " etc") &&
		   strstr(names, " tmp"), "%s records:%s", test_errname(n), names);
	printf("INFO mfs_test root:%s\n", names);
	n2 = list_dir(root_ino, 2 * DIRENT_RECLEN(3), small, sizeof(small));
	test_check("mfs_getdents_small", n2 == n && strcmp(small, names) == 0,
		   "%s records:%s", test_errname(n2), small);
	n = list_dir(ino_of(root_ino, "dev"), sizeof(buf), names, sizeof(names));
	test_check("mfs_getdents_dev", n >= 12 && strstr(names, " imgrd") != NULL,
		   "%s records:%s", test_errname(n), names);
	test_expect("mfs_getdents_too_small", fsc_rw(FS, REQ_GETDENTS, root_ino, 0, buf, 8, &rp),
		    -EINVAL);
	n = fsc_lookup(FS, ino_of(root_ino, "etc"), "rc", &rp);
	test_expect("mfs_getdents_notdir", fsc_rw(FS, REQ_GETDENTS, rp.ino, 0, buf, 512, NULL),
		    -ENOTDIR);
	fsc_putnode(FS, rp.ino, 1);
}


/* Create name in dir (a regular file, mode 0644): its inode, VFS's reference kept. */
static uint32_t
create_file(uint32_t dir, const char *name)
{
	mess_fs_reply rp;

	return fsc_create(FS, REQ_CREATE, dir, name, 0644, 0, &rp) == OK ? rp.ino : 0;
}

static void
cases_create_write(void)
{
	mess_fs_reply rp;
	struct stat st;
	uint32_t f;
	int r, n;

	r = fsc_create(FS, REQ_CREATE, tmp_ino, "f1", 0640 | S_IFDIR, 0, &rp);
	f = rp.ino;
	test_check("mfs_create", r == OK && f != 0 && rp.mode == (S_IFREG | 0640) &&
		   rp.nlinks == 1 && rp.uid == 3 && rp.gid == 4 && rp.size_lo == 0,
		   "%s, mode 0%o, links %u, uid %u", test_errname(r), rp.mode, rp.nlinks, rp.uid);
	test_expect("mfs_create_eexist", fsc_create(FS, REQ_CREATE, tmp_ino, "f1", 0644, 0, &rp),
		    -EEXIST);
	test_expect("mfs_create_dot", fsc_create(FS, REQ_CREATE, tmp_ino, "..", 0644, 0, &rp),
		    -EEXIST);
	test_expect("mfs_create_in_file", fsc_create(FS, REQ_CREATE, f, "x", 0644, 0, &rp),
		    -ENOTDIR);
	fill(buf, 10000, 1);
	n = fsc_rw(FS, REQ_WRITE, f, 0, buf, 10000, &rp);
	test_check("mfs_write", n == 10000 && rp.pos_lo == 10000 && rp.size_lo == 10000,
		   "wrote %s, pos %u, size %u", test_errname(n), rp.pos_lo, rp.size_lo);
	n = fsc_rw(FS, REQ_WRITE, f, 5000, buf + 5000, 6000 - 5000, &rp);
	memset(buf2, 0, sizeof(buf2));
	n = fsc_rw(FS, REQ_READ, f, 0, buf2, sizeof(buf2), &rp);
	test_check("mfs_read_back", n == 10000 && memcmp(buf, buf2, 10000) == 0, "read %s",
		   test_errname(n));
	r = fsc_stat(FS, f, &st);
	test_check("mfs_stat_written", r == OK && st.st_size == 10000 &&
		   st.st_blocks == 3 * BLK / 512, "%s, size %d, blocks %d", test_errname(r),
		   (int)st.st_size, st.st_blocks);
	test_expect("mfs_write_dir", fsc_rw(FS, REQ_WRITE, tmp_ino, 0, buf, 10, NULL), -EISDIR);
	test_expect("mfs_unlink_f1", fsc_name(FS, REQ_UNLINK, tmp_ino, "f1"), OK);
	test_expect("mfs_unlinked_gone", fsc_lookup(FS, tmp_ino, "f1", &rp), -ENOENT);
	n = fsc_rw(FS, REQ_READ, f, 4000, buf2, 2000, NULL);
	test_check("mfs_unlinked_still_readable", n == 2000 && memcmp(buf + 4000, buf2, 2000) == 0,
		   "read %s", test_errname(n));
	test_check("mfs_unlinked_links", nlinks_of(f) == 0, "links %u", nlinks_of(f));
	test_expect("mfs_unlinked_putnode", fsc_putnode(FS, f, 1), OK);
	test_expect("mfs_unlinked_freed", fsc_stat(FS, f, &st), -EINVAL);
}

/* A file across the direct / single / double indirect boundaries, with holes. */
static void
cases_big(void)
{
	uint64_t dind = (uint64_t)(MFS_NR_DZONES + BLK / 4) * BLK;
	uint32_t f = create_file(tmp_ino, "big");
	mess_fs_reply rp;
	struct stat st;
	int n, r, ok = 1, i;

	fill(buf, sizeof(buf), 7);
	n = fsc_rw(FS, REQ_WRITE, f, 6 * BLK + 100, buf, 3 * BLK, &rp);
	test_check("mfs_write_indirect", n == 3 * BLK, "wrote %s", test_errname(n));
	n = fsc_rw(FS, REQ_WRITE, f, dind - 1000, buf, 5000, &rp);
	test_check("mfs_write_double_indirect", n == 5000 && rp.size_lo == dind + 4000,
		   "wrote %s, size %u", test_errname(n), rp.size_lo);
	memset(buf2, 0xAA, sizeof(buf2));
	n = fsc_rw(FS, REQ_READ, f, 6 * BLK + 100, buf2, 3 * BLK, NULL);
	test_check("mfs_read_indirect", n == 3 * BLK && memcmp(buf, buf2, 3 * BLK) == 0,
		   "read %s", test_errname(n));
	memset(buf2, 0xAA, sizeof(buf2));
	n = fsc_rw(FS, REQ_READ, f, dind - 1000, buf2, 5000, NULL);
	test_check("mfs_read_double_indirect", n == 5000 && memcmp(buf, buf2, 5000) == 0,
		   "read %s", test_errname(n));
	for (i = 0; i < 3 && ok; i++) {
		memset(buf2, 0xAA, sizeof(buf2));
		n = fsc_rw(FS, REQ_READ, f, (uint64_t)(i * 400 + 20) * BLK, buf2, 2 * BLK, NULL);
		ok = n == 2 * BLK && all_zero(buf2, 2 * BLK);
	}
	test_check("mfs_read_hole", ok, "read %s at hole %d", test_errname(n), i);
	/* data: blocks 6-9 and 1030-1031 (2 in the double range); indirect: single, double
	 * and one single under the double */
	r = fsc_stat(FS, f, &st);
	test_check("mfs_stat_blocks", r == OK && st.st_blocks == 9 * BLK / 512,
		   "%s, blocks %d", test_errname(r), st.st_blocks);
	n = fsc_rw(FS, REQ_WRITE, f, 0x7fffffff, buf, 10, NULL);
	test_expect("mfs_write_efbig", n, -EFBIG);
	test_expect("mfs_ftrunc_efbig", fsc_ftrunc(FS, f, 0x80000000ull), -EFBIG);
	test_expect("mfs_ftrunc_shrink", fsc_ftrunc(FS, f, 6 * BLK + 200), OK);
	r = fsc_stat(FS, f, &st);
	test_check("mfs_ftrunc_freed", r == OK && st.st_size == 6 * BLK + 200 &&
		   st.st_blocks == BLK / 512, "%s, size %d, blocks %d", test_errname(r),
		   (int)st.st_size, st.st_blocks);
	test_expect("mfs_ftrunc_grow", fsc_ftrunc(FS, f, 9 * BLK), OK);
	memset(buf2, 0xAA, sizeof(buf2));
	n = fsc_rw(FS, REQ_READ, f, 6 * BLK, buf2, 3 * BLK, NULL);
	test_check("mfs_ftrunc_grow_zeros", n == 3 * BLK && all_zero(buf2, 100) &&
		   memcmp(buf2 + 100, buf, 100) == 0 && all_zero(buf2 + 200, 3 * BLK - 200),
		   "read %s", test_errname(n));
	test_expect("mfs_ftrunc_dir", fsc_ftrunc(FS, tmp_ino, 0), -EISDIR);
	fsc_name(FS, REQ_UNLINK, tmp_ino, "big");
	fsc_putnode(FS, f, 1);
}

static uint32_t
make_dir(uint32_t dir, const char *name)
{
	mess_fs_reply rp;

	if (fsc_create(FS, REQ_MKDIR, dir, name, 0755, 0, &rp) != OK)
		return 0;
	fsc_putnode(FS, rp.ino, 1);
	return rp.ino;
}

static void
cases_dirs(void)
{
	uint32_t links = nlinks_of(tmp_ino), d1, d2, f;
	mess_fs_reply rp;
	int r;

	r = fsc_create(FS, REQ_MKDIR, tmp_ino, "d1", 0750, 0, &rp);
	d1 = rp.ino;
	test_check("mfs_mkdir", r == OK && rp.mode == (S_IFDIR | 0750) && rp.nlinks == 2 &&
		   nlinks_of(tmp_ino) == links + 1, "%s, mode 0%o, links %u, parent %u",
		   test_errname(r), rp.mode, rp.nlinks, nlinks_of(tmp_ino));
	fsc_putnode(FS, d1, 1);
	test_check("mfs_mkdir_dotdot", ino_of(d1, "..") == tmp_ino && ino_of(d1, ".") == d1,
		   ".. is %u", ino_of(d1, ".."));
	test_expect("mfs_mkdir_eexist", fsc_create(FS, REQ_MKDIR, tmp_ino, "d1", 0755, 0, &rp),
		    -EEXIST);
	f = create_file(d1, "f");
	test_expect("mfs_unlink_dir", fsc_name(FS, REQ_UNLINK, tmp_ino, "d1"), -EPERM);
	test_expect("mfs_rmdir_notempty", fsc_name(FS, REQ_RMDIR, tmp_ino, "d1"), -ENOTEMPTY);
	test_expect("mfs_rmdir_dot", fsc_name(FS, REQ_RMDIR, d1, "."), -EINVAL);
	test_expect("mfs_rmdir_dotdot", fsc_name(FS, REQ_RMDIR, d1, ".."), -EINVAL);
	test_expect("mfs_rmdir_file", fsc_name(FS, REQ_RMDIR, d1, "f"), -ENOTDIR);
	test_expect("mfs_rmdir_enoent", fsc_name(FS, REQ_RMDIR, d1, "nope"), -ENOENT);
	test_expect("mfs_link", fsc_link(FS, tmp_ino, "f-link", f), OK);
	test_check("mfs_link_count", nlinks_of(f) == 2 && ino_of(tmp_ino, "f-link") == f,
		   "links %u", nlinks_of(f));
	test_expect("mfs_link_eexist", fsc_link(FS, tmp_ino, "d1", f), -EEXIST);
	test_expect("mfs_link_dir", fsc_link(FS, tmp_ino, "d1-link", d1), -EPERM);
	test_expect("mfs_link_into_file", fsc_link(FS, f, "x", f), -ENOTDIR);
	test_expect("mfs_unlink_link", fsc_name(FS, REQ_UNLINK, tmp_ino, "f-link"), OK);
	test_check("mfs_unlink_link_count", nlinks_of(f) == 1, "links %u", nlinks_of(f));
	test_expect("mfs_unlink", fsc_name(FS, REQ_UNLINK, d1, "f"), OK);
	fsc_putnode(FS, f, 1);
	test_expect("mfs_rmdir", fsc_name(FS, REQ_RMDIR, tmp_ino, "d1"), OK);
	test_check("mfs_rmdir_links", nlinks_of(tmp_ino) == links && ino_of(tmp_ino, "d1") == 0,
		   "parent links %u", nlinks_of(tmp_ino));
	d2 = make_dir(tmp_ino, "d2");
	test_check("mfs_mkdir_again", d2 != 0, "mkdir failed");
	fsc_name(FS, REQ_RMDIR, tmp_ino, "d2");
}

/* Link f under n names in dir until EMLINK; then remove them.  The names made. */
static int
link_until_emlink(uint32_t dir, uint32_t f, int *last)
{
	char name[16];
	int i, r = OK, made = 0;

	for (i = 0; i < 200 && r == OK; i++) {
		snprintf(name, sizeof(name), "l%d", i);
		if ((r = fsc_link(FS, dir, name, f)) == OK)
			made++;
	}
	*last = r;
	for (i = 0; i < made; i++) {
		snprintf(name, sizeof(name), "l%d", i);
		fsc_name(FS, REQ_UNLINK, dir, name);
	}
	return made;
}

static void
cases_emlink(void)
{
	uint32_t d = make_dir(tmp_ino, "many"), f = create_file(d, "f");
	int made, last;

	made = link_until_emlink(d, f, &last);
	test_check("mfs_link_emlink", last == -EMLINK && made == 126, "%d links, then %s", made,
		   test_errname(last));
	test_check("mfs_links_removed", nlinks_of(f) == 1, "links %u", nlinks_of(f));
	fsc_name(FS, REQ_UNLINK, d, "f");
	fsc_putnode(FS, f, 1);
	test_expect("mfs_rmdir_grown", fsc_name(FS, REQ_RMDIR, tmp_ino, "many"), OK);
}

static void
cases_rename(void)
{
	uint32_t a = make_dir(tmp_ino, "a"), b = make_dir(a, "b"), c = make_dir(tmp_ino, "c");
	uint32_t f = create_file(tmp_ino, "rf"), g = create_file(tmp_ino, "rg"), links;
	struct statvfs sv, sv2;

	fsc_rw(FS, REQ_WRITE, f, 0, "hello", 5, NULL);
	test_expect("mfs_rename_file", fsc_rename(FS, tmp_ino, "rf", a, "rf2"), OK);
	test_check("mfs_rename_file_moved", ino_of(a, "rf2") == f && ino_of(tmp_ino, "rf") == 0,
		   "new %u, old %u", ino_of(a, "rf2"), ino_of(tmp_ino, "rf"));
	test_expect("mfs_rename_enoent", fsc_rename(FS, tmp_ino, "rf", a, "x"), -ENOENT);
	test_expect("mfs_rename_dot", fsc_rename(FS, a, ".", tmp_ino, "x"), -EINVAL);
	test_expect("mfs_rename_to_dotdot", fsc_rename(FS, a, "rf2", tmp_ino, ".."), -EINVAL);
	test_expect("mfs_rename_into_self", fsc_rename(FS, tmp_ino, "a", b, "a2"), -EINVAL);
	test_expect("mfs_rename_into_itself", fsc_rename(FS, tmp_ino, "a", a, "a2"), -EINVAL);
	test_expect("mfs_rename_file_over_dir", fsc_rename(FS, a, "rf2", tmp_ino, "c"), -EISDIR);
	test_expect("mfs_rename_dir_over_file", fsc_rename(FS, tmp_ino, "c", a, "rf2"), -ENOTDIR);
	test_expect("mfs_rename_dir_over_full", fsc_rename(FS, tmp_ino, "c", tmp_ino, "a"),
		    -ENOTEMPTY);
	fsc_statvfs(FS, &sv);
	fsc_putnode(FS, g, 1);
	test_expect("mfs_rename_replace_file", fsc_rename(FS, a, "rf2", tmp_ino, "rg"), OK);
	fsc_statvfs(FS, &sv2);
	test_check("mfs_rename_replaced_freed", ino_of(tmp_ino, "rg") == f &&
		   sv2.f_ffree == sv.f_ffree + 1, "rg is %u, free inodes %u -> %u",
		   ino_of(tmp_ino, "rg"), sv.f_ffree, sv2.f_ffree);
	links = nlinks_of(a);
	test_expect("mfs_rename_dir", fsc_rename(FS, a, "b", c, "b2"), OK);
	test_check("mfs_rename_dir_dotdot", ino_of(b, "..") == c && nlinks_of(a) == links - 1 &&
		   nlinks_of(c) == 3, ".. is %u, links a %u c %u", ino_of(b, ".."), nlinks_of(a),
		   nlinks_of(c));
	test_expect("mfs_rename_dir_over_empty", fsc_rename(FS, c, "b2", tmp_ino, "a"), OK);
	test_check("mfs_rename_dir_replaced", ino_of(tmp_ino, "a") == b &&
		   ino_of(b, "..") == tmp_ino && nlinks_of(c) == 2, "a is %u", ino_of(tmp_ino, "a"));
	test_expect("mfs_rename_same", fsc_rename(FS, tmp_ino, "a", tmp_ino, "a"), OK);
	fsc_name(FS, REQ_RMDIR, tmp_ino, "a");
	fsc_name(FS, REQ_RMDIR, tmp_ino, "c");
	fsc_name(FS, REQ_UNLINK, tmp_ino, "rg");
	fsc_putnode(FS, f, 1);
}

static void
cases_attrs(void)
{
	uint32_t f = create_file(tmp_ino, "attr");
	mess_fs_reply rp;
	struct stat st;
	int r;

	r = fsc_simple(FS, REQ_CHMOD, f, S_IFDIR | 04711, 0, 0, &rp);
	test_check("mfs_chmod", r == OK && rp.mode == (S_IFREG | 04711), "%s, mode 0%o",
		   test_errname(r), rp.mode);
	r = fsc_simple(FS, REQ_CHOWN, f, 0, 7, 8, &rp);
	fsc_stat(FS, f, &st);
	test_check("mfs_chown", r == OK && rp.mode == (S_IFREG | 0711) && st.st_uid == 7 &&
		   st.st_gid == 8, "%s, mode 0%o, uid %u", test_errname(r), rp.mode, st.st_uid);
	r = fsc_create(FS, REQ_MKNOD, tmp_ino, "cdev", S_IFCHR | 0600, 0x0403, &rp);
	fsc_stat(FS, rp.ino, &st);
	test_check("mfs_mknod", r == OK && S_ISCHR(st.st_mode) && st.st_rdev == 0x0403 &&
		   st.st_size == 0 && st.st_blocks == 0 && rp.rdev == 0x0403,
		   "%s, mode 0%o, rdev 0x%x", test_errname(r), st.st_mode, st.st_rdev);
	fsc_putnode(FS, rp.ino, 1);
	test_expect("mfs_mknod_dir", fsc_create(FS, REQ_MKNOD, tmp_ino, "dd", S_IFDIR | 0700, 0,
						&rp), -EINVAL);
	test_expect("mfs_unlink_mknod", fsc_name(FS, REQ_UNLINK, tmp_ino, "cdev"), OK);
	fsc_name(FS, REQ_UNLINK, tmp_ino, "attr");
	fsc_putnode(FS, f, 1);
	test_expect("mfs_bad_request", fsc_simple(FS, FS_BASE + 99, 0, 0, 0, 0, NULL), -ENOSYS);
}

/* Fill the disk: one file until ENOSPC, then inodes until ENOSPC. */
static void
cases_enospc(void)
{
	uint32_t f = create_file(tmp_ino, "fill"), d = make_dir(tmp_ino, "inodes"), total = 0;
	char name[16];
	mess_fs_reply rp;
	struct statvfs sv, sv2;
	int n, i, r = OK;

	fill(buf, sizeof(buf), 3);
	while ((n = fsc_rw(FS, REQ_WRITE, f, total, buf, sizeof(buf), NULL)) > 0)
		total += (uint32_t)n;
	fsc_statvfs(FS, &sv);
	test_check("mfs_write_enospc", n == -ENOSPC && sv.f_bfree == 0 &&
		   total > sv_start.f_bfree * BLK / 2, "%s after %u bytes, %u free", test_errname(n),
		   total, sv.f_bfree);
	fsc_statvfs(FS, &sv);
	test_expect("mfs_mkdir_enospc", fsc_create(FS, REQ_MKDIR, tmp_ino, "nospace", 0755, 0,
						   &rp), -ENOSPC);
	test_check("mfs_mkdir_enospc_undone", ino_of(tmp_ino, "nospace") == 0 &&
		   fsc_statvfs(FS, &sv2) == OK && sv2.f_ffree == sv.f_ffree,
		   "name left, or free inodes %u -> %u", sv.f_ffree, sv2.f_ffree);
	test_expect("mfs_unlink_fill", fsc_name(FS, REQ_UNLINK, tmp_ino, "fill"), OK);
	fsc_putnode(FS, f, 1);
	for (i = 0; i <= ROOTFS_INODES && r == OK; i++) {
		snprintf(name, sizeof(name), "i%d", i);
		if ((r = fsc_create(FS, REQ_CREATE, d, name, 0600, 0, &rp)) == OK)
			fsc_putnode(FS, rp.ino, 1);
	}
	fsc_statvfs(FS, &sv);
	test_check("mfs_create_enospc", r == -ENOSPC && sv.f_ffree == 0 &&
		   (uint32_t)i == sv_start.f_ffree, "%s after %d files, %u free",
		   test_errname(r), i - 1, sv.f_ffree);
	while (i-- > 0) {
		snprintf(name, sizeof(name), "i%d", i);
		fsc_name(FS, REQ_UNLINK, d, name);
	}
	test_expect("mfs_rmdir_after_enospc", fsc_name(FS, REQ_RMDIR, tmp_ino, "inodes"), OK);
}

static void
case_statvfs_end(void)
{
	struct statvfs sv;
	int r = fsc_statvfs(FS, &sv);

	test_check("mfs_statvfs_counts", sv_start.f_bsize == BLK &&
		   sv_start.f_blocks == ROOTFS_ZONES && sv_start.f_files == ROOTFS_INODES &&
		   sv_start.f_bfree > 0 && sv_start.f_bfree < ROOTFS_ZONES &&
		   sv_start.f_ffree > 0 && sv_start.f_ffree < ROOTFS_INODES &&
		   strcmp(sv_start.f_fstypename, "mfs") == 0, "bsize %u, blocks %u, files %u, "
		   "bfree %u, ffree %u", sv_start.f_bsize, sv_start.f_blocks, sv_start.f_files,
		   sv_start.f_bfree, sv_start.f_ffree);
	test_check("mfs_statvfs_back", r == OK && sv.f_bfree == sv_start.f_bfree &&
		   sv.f_ffree == sv_start.f_ffree, "%s, free zones %u -> %u, inodes %u -> %u",
		   test_errname(r), sv_start.f_bfree, sv.f_bfree, sv_start.f_ffree, sv.f_ffree);
}

static void
cases_pfs(void)
{
	static uint8_t big[PIPE_BUF + 100];
	mess_fs_reply rp;
	struct stat st;
	uint32_t p;
	int r, n;

	test_expect("pfs_before_mount", fsc_simple(PFS_PROC_NR, REQ_NEWNODE, 0, S_IFIFO | 0600, 0,
						   0, &rp), -EINVAL);
	r = fsc_readsuper(PFS_PROC_NR, "none", 0x900, 0, &rp);
	test_check("pfs_readsuper", r == OK && S_ISDIR(rp.mode), "%s, mode 0%o", test_errname(r),
		   rp.mode);
	r = fsc_simple(PFS_PROC_NR, REQ_NEWNODE, 0, S_IFIFO | 0600, 5, 6, &rp);
	p = rp.ino;
	test_check("pfs_newnode", r == OK && rp.mode == (S_IFIFO | 0600) && rp.uid == 5 &&
		   rp.size_lo == 0, "%s, mode 0%o", test_errname(r), rp.mode);
	fill(buf, 200, 9);
	n = fsc_rw(PFS_PROC_NR, REQ_WRITE, p, 0, buf, 100, NULL);
	test_expect("pfs_write", n, 100);
	r = fsc_stat(PFS_PROC_NR, p, &st);
	test_check("pfs_stat", r == OK && S_ISFIFO(st.st_mode) && st.st_size == 100 &&
		   st.st_dev == 0x900, "%s, size %d", test_errname(r), (int)st.st_size);
	memset(buf2, 0, 100);
	n = fsc_rw(PFS_PROC_NR, REQ_READ, p, 0, buf2, 60, NULL);
	test_check("pfs_read_front", n == 60 && memcmp(buf, buf2, 60) == 0, "read %s",
		   test_errname(n));
	n = fsc_rw(PFS_PROC_NR, REQ_READ, p, 0, buf2, 100, NULL);
	test_check("pfs_read_rest", n == 40 && memcmp(buf + 60, buf2, 40) == 0, "read %s",
		   test_errname(n));
	test_expect("pfs_read_empty", fsc_rw(PFS_PROC_NR, REQ_READ, p, 0, buf2, 100, NULL), 0);
	fill(big, sizeof(big), 4);
	n = fsc_rw(PFS_PROC_NR, REQ_WRITE, p, 0, big, sizeof(big), NULL);
	test_expect("pfs_write_full", n, PIPE_BUF);
	test_expect("pfs_write_when_full", fsc_rw(PFS_PROC_NR, REQ_WRITE, p, 0, big, 10, NULL), 0);
	n = fsc_rw(PFS_PROC_NR, REQ_READ, p, 0, buf2, sizeof(buf2), NULL);
	test_check("pfs_read_full", n == PIPE_BUF && memcmp(big, buf2, PIPE_BUF) == 0,
		   "read %s", test_errname(n));
	fsc_rw(PFS_PROC_NR, REQ_WRITE, p, 0, big, 30, NULL);
	test_expect("pfs_ftrunc", fsc_ftrunc(PFS_PROC_NR, p, 0), OK);
	test_expect("pfs_read_after_ftrunc", fsc_rw(PFS_PROC_NR, REQ_READ, p, 0, buf2, 10, NULL),
		    0);
	test_expect("pfs_lookup_enosys", fsc_lookup(PFS_PROC_NR, 1, "x", &rp), -ENOSYS);
	test_expect("pfs_putnode", fsc_putnode(PFS_PROC_NR, p, 1), OK);
	test_expect("pfs_freed", fsc_stat(PFS_PROC_NR, p, &st), -EINVAL);
}

/* The second instance (argument "other", not in VFS's slot): every request is refused. */
static int
other_main(void)
{
	mess_fs_reply rp;

	test_set_program("mfs_test_other");
	test_expect("mfs_not_vfs_eperm", fsc_lookup(FS, 1, "etc", &rp), -EPERM);
	test_expect("pfs_not_vfs_eperm", fsc_simple(PFS_PROC_NR, REQ_NEWNODE, 0, S_IFIFO, 0, 0,
						    &rp), -EPERM);
	test_done();
	return 0;
}

/* Leave a tree behind for the grader's fsck of the image: /tmp/keep with a nested
 * directory, a file reaching the double-indirect range, a hard link and a device. */
static void
cases_leave(void)
{
	uint32_t keep = make_dir(tmp_ino, "keep"), sub = make_dir(keep, "sub");
	uint32_t f = create_file(sub, "big"), g = create_file(keep, "small");
	uint64_t dind = (uint64_t)(MFS_NR_DZONES + BLK / 4) * BLK;
	mess_fs_reply rp;
	int ok;

	fill(buf, sizeof(buf), 11);
	ok = fsc_rw(FS, REQ_WRITE, f, 3 * BLK, buf, 20000, NULL) == 20000 &&
	     fsc_rw(FS, REQ_WRITE, f, dind + 5 * BLK, buf, 100, NULL) == 100 &&
	     fsc_rw(FS, REQ_WRITE, g, 0, buf, 100, NULL) == 100 &&
	     fsc_link(FS, keep, "big-link", f) == OK &&
	     fsc_create(FS, REQ_MKNOD, sub, "null", S_IFCHR | 0666, 0x0103, &rp) == OK &&
	     fsc_rename(FS, keep, "small", sub, "small") == OK;
	test_check("mfs_leave_tree", ok && sub != 0, "could not build /tmp/keep");
	fsc_putnode(FS, rp.ino, 1);
	fsc_putnode(FS, f, 1);
	fsc_putnode(FS, g, 1);
}

/* UNMOUNT while VFS still holds an inode besides the root: EBUSY. */
static void
case_unmount_busy(void)
{
	mess_fs_reply rp;

	fsc_lookup(FS, root_ino, "etc", &rp);
	test_expect("mfs_unmount_busy", fsc_simple(FS, REQ_UNMOUNT, 0, 0, 0, 0, NULL), -EBUSY);
	fsc_putnode(FS, rp.ino, 1);
}

int
main(int argc, char **argv)
{
	argc = test_init("mfs_test", argc, argv);
	sef_startup();
	if (argc > 1 && strcmp(argv[1], "other") == 0)
		return other_main();
	cases_pfs();
	cases_mount();
	cases_lookup();
	cases_read_rc();
	cases_getdents();
	test_expect("mfs_statvfs_start", fsc_statvfs(FS, &sv_start), OK);
	cases_create_write();
	cases_big();
	cases_dirs();
	cases_emlink();
	cases_rename();
	cases_attrs();
	cases_enospc();
	case_statvfs_end();
	cases_leave();
	test_expect("mfs_sync", fsc_simple(FS, REQ_SYNC, 0, 0, 0, 0, NULL), OK);
	case_unmount_busy();
	test_expect("mfs_unmount", fsc_simple(FS, REQ_UNMOUNT, 0, 0, 0, 0, NULL), OK);
	test_expect("mfs_unmounted", fsc_lookup(FS, 1, "etc", NULL), -EINVAL);
	test_done();
	return 0;
}
