/*
 * inc.h - MFS's shared declarations: the block cache, the inode cache, the mounted
 * superblock and the functions every file of the server uses.
 *
 * MFS serves one MINIX-v3-layout device (include/minnow/mfs.h) to VFS over the file server
 * protocol (include/minnow/fsif.h) and reads and writes the device through its block driver
 * (include/minnow/bdev.h).  Functions return OK or a negated errno; functions returning a
 * pointer return NULL and leave the error in `err_code`.
 */
#ifndef MFS_INC_H
#define MFS_INC_H

#include <stdint.h>
#include <stddef.h>
#include <minnow/endpoint.h>
#include <minnow/errno.h>
#include <minnow/fsif.h>
#include <minnow/fsreq.h>
#include <minnow/ipc.h>
#include <minnow/mfs.h>

/* ---- sizes ---------------------------------------------------------------------------- */
#define NR_BUFS         48      /* buffers of the block cache (MFS_MAX_BLOCK_SIZE each) */
#define NR_INODES       256     /* in-core inodes */
#define LINK_MAX_MFS    127     /* most links an inode may have (MINIX's LINK_MAX) */

/* get_block() modes */
#define NORMAL          0       /* read the block from the device */
#define NO_READ         1       /* a new zone: do not read it, give it zero-filled */

/* search_dir() operations */
#define LOOK_UP         0
#define ENTER           1
#define DELETE          2
#define IS_EMPTY        3

/* bitmaps */
#define IMAP            0
#define ZMAP            1

/* ---- the block cache (cache.c) -------------------------------------------------------- */
/** A buffer of the block cache. */
struct buf {
	uint8_t *b_data;                /**< MFS_MAX_BLOCK_SIZE bytes */
	uint32_t b_blocknr;             /**< which block (valid when b_valid) */
	int b_valid;                    /**< holds b_blocknr's contents */
	int b_dirty;                    /**< changed since read or written */
	int b_count;                    /**< users right now */
	struct buf *b_prev;             /**< LRU list (front: least recently used): previous */
	struct buf *b_next;             /**< LRU list: next */
	struct buf *b_hash;             /**< next buffer of its hash chain (while b_valid) */
};

struct buf *get_block(uint32_t block, int how);
void put_block(struct buf *bp);
void mark_dirty(struct buf *bp);
int flush_all(void);
void invalidate_all(void);
int dev_io(int do_write, uint64_t pos, void *addr, size_t bytes);
int dev_open(const char *label, int minor, int writable);
void dev_close(void);

/* ---- the superblock (super.c) --------------------------------------------------------- */
/** The mounted file system: its superblock and what MFS works out from it. */
struct super {
	struct mfs_super sb;            /**< the on-disk fields */
	uint32_t bs;                    /**< block size */
	uint32_t nindir;                /**< zone numbers in an indirect block */
	uint32_t ino_table;             /**< first block of the inode table */
	uint32_t zmap_start;            /**< first block of the zone bitmap */
	int mounted;                    /**< a device is mounted */
	int rdonly;                     /**< mounted read-only (FS_RDONLY) */
	uint32_t dev;                   /**< device number from READSUPER (st_dev) */
};
extern struct super sup;
extern int err_code;
extern int dev_down;              /* cache.c: this request found the block driver down */

int read_super(void);
int write_super_flags(int clean);
uint32_t alloc_bit(int map, uint32_t origin);
int free_bit(int map, uint32_t bit);
uint32_t count_free(int map);
uint32_t alloc_zone(void);
void free_zone(uint32_t zone);

/* ---- inodes (inode.c) ----------------------------------------------------------------- */
/** An in-core inode. */
struct inode {
	struct mfs_inode d;             /**< the on-disk fields */
	uint32_t i_num;                 /**< inode number, 0 = slot free */
	int i_count;                    /**< references: VFS's and the server's own */
};

struct inode *get_inode(uint32_t ino);
struct inode *find_inode(uint32_t ino);
int put_inode(struct inode *ip);
int rw_inode(struct inode *ip);
struct inode *alloc_inode(uint32_t mode, uint32_t uid, uint32_t gid);
void forget_inodes(void);
int inode_refs(void);
int peek_mode(uint32_t ino, uint16_t *mode);

/* ---- zones of a file (zone.c) --------------------------------------------------------- */
int read_map(struct inode *ip, uint32_t fblock, uint32_t *zone);
int write_map(struct inode *ip, uint32_t fblock, uint32_t zone);
int truncate_inode(struct inode *ip, uint64_t newsize);
uint32_t count_zones(struct inode *ip);
uint64_t max_file_size(void);

/* ---- directories (dir.c) -------------------------------------------------------------- */
int search_dir(struct inode *dp, const char *name, size_t len, uint32_t *ino, int op);
int is_dot_or_dotdot(const char *name, size_t len);

/* ---- request handlers (mount.c, path.c, link.c, rename.c, read.c, stat.c) ------------ */
/* One signature (struct fsreq, minnow/fsreq.h); table.c maps REQ_* to them. */
int mfs_dispatch(message *m, int status);
int do_readsuper(struct fsreq *q);
int do_unmount(struct fsreq *q);
int do_sync(struct fsreq *q);
int do_statvfs(struct fsreq *q);
int do_lookup(struct fsreq *q);
int do_putnode(struct fsreq *q);
int do_create(struct fsreq *q);
int do_mkdir(struct fsreq *q);
int do_mknod(struct fsreq *q);
int do_unlink(struct fsreq *q);
int do_rmdir(struct fsreq *q);
int do_link(struct fsreq *q);
int do_rename(struct fsreq *q);
int do_read(struct fsreq *q);
int do_write(struct fsreq *q);
int do_getdents(struct fsreq *q);
int do_stat(struct fsreq *q);
int do_ftrunc(struct fsreq *q);
int do_chmod(struct fsreq *q);
int do_chown(struct fsreq *q);
int do_symlink(struct fsreq *q);        /* symlink.c */
int do_rdlink(struct fsreq *q);         /* symlink.c */
int do_utime(struct fsreq *q);          /* time.c */

/* helpers (path.c) */
int get_name(cp_grant_id_t grant, size_t len, char *name);
int get_dir(uint32_t ino, struct inode **dpp);
void reply_inode(struct fsreq *q, const struct inode *ip);
int name_and_dir(struct fsreq *q, char *name, struct inode **dpp);
int new_node(struct fsreq *q, struct inode *dp, const char *name, uint32_t mode,
	     struct inode **ipp);

/* ---- file times (time.c) -------------------------------------------------------------- */
#define TM_ATIME        0x1     /* last access */
#define TM_MTIME        0x2     /* last change of the data */
#define TM_CTIME        0x4     /* last change of the inode */
#define TM_ALL          (TM_ATIME | TM_MTIME | TM_CTIME)
void set_times(struct inode *ip, int which);
int stamp(struct inode *ip, int which);

static inline uint64_t
i_size(const struct inode *ip)
{
	return (uint64_t)(uint32_t)ip->d.i_size;
}

static inline int
is_type(const struct inode *ip, uint32_t type)
{
	return (ip->d.i_mode & MFS_S_IFMT) == type;
}

#endif /* MFS_INC_H */
