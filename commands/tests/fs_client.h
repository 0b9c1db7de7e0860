/*
 * fs_client.h - the file server protocol (minnow/fsif.h) from VFS's side, for the test
 * programs that play VFS (mfs_test.c): one function per REQ_*, names and data passed by
 * grants the functions make and revoke.  Every function returns the reply's status (OK, a
 * byte count where the request moves data, or a negated errno) and fills *rp when given.
 */
#ifndef FS_CLIENT_H
#define FS_CLIENT_H

#include <stdint.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <minnow/fsif.h>

int fsc_call(endpoint_t fs, int type, mess_fs_req *rq, mess_fs_reply *rp);
int fsc_readsuper(endpoint_t fs, const char *label, uint32_t dev, uint32_t flags,
		  mess_fs_reply *rp);
int fsc_lookup(endpoint_t fs, uint32_t dir, const char *name, mess_fs_reply *rp);
int fsc_putnode(endpoint_t fs, uint32_t ino, uint32_t count);
int fsc_create(endpoint_t fs, int type, uint32_t dir, const char *name, uint32_t mode,
	       uint32_t dev, mess_fs_reply *rp);
int fsc_name(endpoint_t fs, int type, uint32_t dir, const char *name);
int fsc_link(endpoint_t fs, uint32_t dir, const char *name, uint32_t ino);
int fsc_rename(endpoint_t fs, uint32_t odir, const char *oname, uint32_t ndir,
	       const char *nname);
int fsc_rw(endpoint_t fs, int type, uint32_t ino, uint64_t pos, void *buf, uint32_t count,
	   mess_fs_reply *rp);
int fsc_stat(endpoint_t fs, uint32_t ino, struct stat *st);
int fsc_statvfs(endpoint_t fs, struct statvfs *sv);
int fsc_ftrunc(endpoint_t fs, uint32_t ino, uint64_t size);
int fsc_simple(endpoint_t fs, int type, uint32_t ino, uint32_t mode, uint32_t uid,
	       uint32_t gid, mess_fs_reply *rp);

#endif /* FS_CLIENT_H */
