/*
 * proto.h - VFS's functions, by file.
 */
#ifndef VFS_PROTO_H
#define VFS_PROTO_H

#include <minnow/srv.h>
#include "glo.h"

/** A VFS handler: the answer, or SUSPEND.  fp is the process the message is about (the
 *  caller of a file call, the process PM names, NULL for a driver's answer: table.c). */
typedef int (*vfs_handler_t)(struct fproc *fp, message *m);
/** One row of VFS's call tables (table.c). */
SRV_ROW_TYPE(vfs_call, vfs_handler_t);

/* main.c */
void reply(struct fproc *fp, int result);
void reply_msg(struct fproc *fp, message *m, int result);

/* table.c */
int vfs_dispatch(message *m, int status);
void drv_retry(void);

/* fproc.c */
struct fproc *fproc_of(endpoint_t e);
void fproc_init(struct fproc *fp, endpoint_t e, int pid);
void free_proc(struct fproc *fp);

/* request.c: the file server protocol */
int req_simple(endpoint_t fs, message *m);
int req_lookup(struct vnode *dir, const char *name, size_t len, struct vnode **res);
int req_create(int type, struct vnode *dir, const char *name, mode_t mode, uid_t uid,
	       gid_t gid, dev_t dev, struct vnode **res);
int req_name(int type, struct vnode *dir, const char *name);
int req_rename(struct vnode *od, const char *on, struct vnode *nd, const char *nn);
int req_link(struct vnode *file, struct vnode *dir, const char *name);
int req_rdwr(int type, struct vnode *vp, uint64_t pos, endpoint_t user, vir_bytes buf,
	     size_t len, uint64_t *newpos);
int req_rdwr_own(int type, struct vnode *vp, uint64_t pos, void *buf, size_t len);
int req_stat(struct vnode *vp, endpoint_t user, vir_bytes buf);
int req_ftrunc(struct vnode *vp, off_t size);
int req_getdents(struct vnode *vp, uint64_t pos, endpoint_t user, vir_bytes buf, size_t len,
		 uint64_t *newpos);
int req_readsuper(endpoint_t fs, dev_t dev, const char *label, int flags, struct vmnt *vmp);

/* vnode.c */
struct vnode *get_vnode(struct vmnt *vmp, const mess_fs_reply *r, int *err);
void dup_vnode(struct vnode *vp);
void put_vnode(struct vnode *vp);
void vnode_clean_refs(struct vnode *vp);
void update_attrs(struct vnode *vp, const mess_fs_reply *r);
struct vmnt *vmnt_of(endpoint_t fs, dev_t dev);

/* lookup.c */
int fetch_name(struct fproc *fp, vir_bytes addr, size_t len, char *buf);
int in_group(struct fproc *fp, gid_t gid);
int read_only(struct vnode *vp);
int fetch_path(struct fproc *fp, const message *m, int second, char *buf);
const char *walk_dir_path(struct fproc *fp);
int forbidden(struct fproc *fp, struct vnode *vp, int bits);
int open_create(struct fproc *fp, const char *path, int flags, mode_t mode,
		struct vnode **res, int *created);
int lookup(struct fproc *fp, const char *path, struct vnode **res);
int lookup_parent(struct fproc *fp, const char *path, struct vnode **dir, char *last);
int lookup_nofollow(struct fproc *fp, const char *path, struct vnode **res);
int lookup_canon(struct fproc *fp, const char *path, struct vnode **res, char *canon);
int canon_path(const char *cwd, const char *path, char *out);

/* link.c */
int follow_link(struct vnode *lnk, char *buf, const char *rest, int *links);
int do_lstat(struct fproc *fp, message *m);
int do_readlink(struct fproc *fp, message *m);
int do_symlink(struct fproc *fp, message *m);
int do_utimens(struct fproc *fp, message *m);
int do_futimens(struct fproc *fp, message *m);

/* filedes.c */
struct filp *get_filp(struct fproc *fp, int fd);
int get_fd(struct fproc *fp, int from, int *fd);
struct filp *new_filp(struct fproc *fp, struct vnode *vp, int flags);
void close_filp(struct filp *f);
int close_fd(struct fproc *fp, int fd);
int do_close(struct fproc *fp, message *m);
int do_dup(struct fproc *fp, message *m);
int do_dup2(struct fproc *fp, message *m);
int do_fcntl(struct fproc *fp, message *m);

/* open.c */
int do_open(struct fproc *fp, message *m);
int do_mkdir(struct fproc *fp, message *m);
int do_mknod(struct fproc *fp, message *m);
int do_unlink(struct fproc *fp, message *m);
int do_link(struct fproc *fp, message *m);
int do_rename(struct fproc *fp, message *m);

/* read.c */
int do_read(struct fproc *fp, message *m);
int do_write(struct fproc *fp, message *m);
int do_pread(struct fproc *fp, message *m);
int do_pwrite(struct fproc *fp, message *m);
int do_lseek(struct fproc *fp, message *m);
int do_getdents(struct fproc *fp, message *m);
int do_ioctl(struct fproc *fp, message *m);

/* pipe.c */
int new_pipe_node(mode_t mode, uid_t uid, gid_t gid, struct vnode **res);
int do_pipe2(struct fproc *fp, message *m);
int pipe_rw(struct fproc *fp, message *m, struct filp *f, int writing);
void pipe_changed(struct vnode *vp);
void pipe_drop(struct vnode *vp);
void pipe_stat_req(const struct vnode *vp, mess_fs_req *rq);

/* fifo.c */
int fifo_open(struct fproc *fp, message *m, int fd);
void fifo_closed(struct vnode *vp);
void fifo_unpause(struct fproc *fp, int exiting);
struct vnode *pipe_store(struct vnode *vp);

/* lock.c */
int do_lock(struct fproc *fp, message *m, struct filp *f);
void lock_release(struct fproc *fp, struct vnode *vp);
void lock_unpause(struct fproc *fp);

/* stat.c */
int do_stat(struct fproc *fp, message *m);
int do_fstat(struct fproc *fp, message *m);
int do_access(struct fproc *fp, message *m);
int do_chmod(struct fproc *fp, message *m);
int do_chown(struct fproc *fp, message *m);
int do_fchmod(struct fproc *fp, message *m);
int do_fchown(struct fproc *fp, message *m);
int do_umask(struct fproc *fp, message *m);
int do_fsize(struct fproc *fp, message *m);
int fsize_exceeded(struct fproc *fp, uint64_t size);
int do_truncate(struct fproc *fp, message *m);
int do_ftruncate(struct fproc *fp, message *m);
int do_chdir(struct fproc *fp, message *m);
int do_fchdir(struct fproc *fp, message *m);
int do_getcwd(struct fproc *fp, message *m);
int do_chroot(struct fproc *fp, message *m);

/* mount.c */
void mount_root(void);
int do_mount(struct fproc *fp, message *m);
int do_umount(struct fproc *fp, message *m);
int do_statvfs(struct fproc *fp, message *m);
int do_getvfsstat(struct fproc *fp, message *m);
int do_sync(struct fproc *fp, message *m);
void sync_all(void);

/* device.c */
void dmap_init(void);
void ds_event(void);
int ds_collect(endpoint_t drv);
int do_mapdriver(struct fproc *fp, message *m);
int rs_map_label(struct fproc *fp, const message *m, char *label, endpoint_t *ep);
int cdev_open(struct fproc *fp, struct vnode *vp, int fd, int flags);
void cdev_close(struct filp *f);
int cdev_io(struct fproc *fp, message *m, struct filp *f, int op);
int do_cdev_reply(struct fproc *fp, message *m);
int do_select_reply(struct fproc *fp, message *m);
int from_driver(const message *m, int status);
void cdev_cancel(struct fproc *fp, int exiting);
int cdev_select(struct filp *f, int ops);
void driver_gone(endpoint_t e);
int is_driver(endpoint_t e);
struct dmap *driver_of(dev_t dev);
struct dmap *filp_driver(struct filp *f);
void drop_fd(struct fproc *fp, int fd);
struct fproc *waiting_for(int blocked, endpoint_t e, uint32_t id);

/* socket.c */
int do_mapsocket(struct fproc *fp, message *m);
int do_socket(struct fproc *fp, message *m);
int do_accept(struct fproc *fp, message *m);
int do_sockcall(struct fproc *fp, message *m);
int from_sock_driver(const message *m, int status);
int is_sock_driver(endpoint_t e);
int sdev_send(endpoint_t drv, int type, const mess_sdev *s);
void sdev_close(endpoint_t drv, sockid_t sock);
void sock_revoke(cp_grant_id_t *g);
endpoint_t sock_endpt(const struct filp *f);
int sock_rw(struct fproc *fp, message *m, int writing);
int sock_ioctl(struct fproc *fp, message *m);
void sock_close(struct filp *f);
int sock_select(struct filp *f, int ops);
int sock_stat(struct fproc *fp, struct filp *f, vir_bytes buf);
void sdev_gone(endpoint_t e);

/* sockreply.c */
int do_sdev_reply(struct fproc *fp, message *m);
int do_sdev_select_reply(struct fproc *fp, message *m);
void sdev_finish(struct fproc *fp, const mess_sdev_reply *r, int status);
void sdev_cancel(struct fproc *fp, int exiting);

/* bdev.c */
int bdev_open(struct fproc *fp, struct filp *f, int flags);
void bdev_close(struct filp *f);
void bdev_reopen(int major);
int bdev_deferred(message *m, int *status);
int bdev_io(struct fproc *fp, message *m, struct filp *f, int writing);

/* select.c */
int do_select(struct fproc *fp, message *m);
void select_recheck(void);
void select_timeout(void);
void select_cancel(struct fproc *fp);
void select_answered(void);

/* pm.c */
int do_pm_init(struct fproc *fp, message *m);
int do_pm_fork(struct fproc *fp, message *m);
int do_pm_exec(struct fproc *fp, message *m);
int do_pm_exit(struct fproc *fp, message *m);
int do_pm_setuid(struct fproc *fp, message *m);
int do_pm_setgid(struct fproc *fp, message *m);
int do_pm_setsid(struct fproc *fp, message *m);
int do_pm_unpause(struct fproc *fp, message *m);
void pm_unpause_done(struct fproc *fp);
int do_pm_reboot(struct fproc *fp, message *m);
int pm_answer(const message *m, int r);

/* core.c */
int do_pm_dumpcore(struct fproc *fp, message *m);
void unpause(struct fproc *fp, int exiting);

/* exec.c */
int pm_exec(struct fproc *fp, const message *m, mess_vfs_pm *out);

#endif
