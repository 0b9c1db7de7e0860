/**
 * @file mfs.h
 * @brief The on-disk layout of MFS, Minnow's file system (the MINIX v3 layout).
 *
 * This header is shared by the host tools (tools/mfs/mkfs.c builds images, tools/mfs/fsck.c
 * checks them, tools/mfs/mfsread.py reads them) and by the MFS server.  It holds only
 * fixed-size types; every multi-byte field is little-endian (the i386's own order, so the
 * structures can be read straight from a block).  The layout is MINIX 3's "V3" file system,
 * byte for byte, so Linux's minix driver and util-linux's fsck.minix understand a Minnow image
 * too (a second opinion).  The handout page @ref mfs-layout draws the same picture with examples.
 *
 * The disk is an array of blocks of @c s_block_size bytes (4096 in Minnow's images; the
 * tools also accept 1024 and 2048, handy for small test images).  A *zone* is a block here:
 * @c s_log_zone_size is always 0, so "zone number" and "block number" mean the same thing.
 *
 * @verbatim
 *  block 0                     block 1   block 2        2+imap        2+imap+zmap     s_firstdatazone  s_zones
 *  +------+-------+----------+---------+--------------+-------------+---------------+-----------------+
 *  | boot | super | (unused) | unused  | inode bitmap | zone bitmap | inode table   | data zones ...  |
 *  +------+-------+----------+---------+--------------+-------------+---------------+-----------------+
 *  byte 0  1024    2048       4096      8192                          64 B per inode
 *  (4096-byte blocks; with 1024-byte blocks block 0 is the boot block and block 1 the superblock)
 * @endverbatim
 *
 * - The superblock always sits at byte offset 1024 (MFS_SUPER_OFFSET), whatever the block
 *   size; the inode bitmap always starts at block 2 (MFS_IMAP_BLOCK).  With 4096-byte blocks
 *   block 1 is therefore unused.
 * - Inode bitmap: bit @c n (bit n%8 of byte n/8) is set when inode @c n is in use.  Bit 0
 *   stands for the non-existent inode 0 and is always set, as is every bit past
 *   @c s_ninodes up to the end of the last bitmap block.
 * - Zone bitmap: bit @c n (n >= 1) is set when zone <tt>s_firstdatazone - 1 + n</tt> is in
 *   use.  Bit 0 is always set, as is every bit past the last zone.
 * - Inode table: inode @c n (numbered from 1) is entry <tt>n - 1</tt>; inode 1 (MFS_ROOT_INO)
 *   is the root directory.
 * - Data zones: file contents, directory contents and indirect zones (arrays of 32-bit zone
 *   numbers).  Zone number 0 means "no zone": a hole in a file reads as zeros.
 *
 * What tools/mfs/fsck.c checks (every image the build makes and every image the grader takes
 * back after a test must pass): every in-use inode (mode != 0) and every zone some inode
 * uses is marked in its bitmap, and nothing else is; each inode's link count equals the
 * number of directory entries that name it; every directory has "." (itself) and ".." (its
 * parent; the root's ".." is the root) and is named by exactly one other entry; sizes agree
 * with the zones (no zone past the end of a file, directory sizes a multiple of 64 with no
 * holes, devices have no zones); no zone is used twice; every zone number is in
 * [s_firstdatazone, s_zones).
 */
#ifndef MINNOW_MFS_H
#define MINNOW_MFS_H

#include <stdint.h>

/** Byte offset of the superblock on the disk (whatever the block size). */
#define MFS_SUPER_OFFSET	1024
/** Bytes reserved for the superblock (only sizeof(struct mfs_super) of them are used). */
#define MFS_SUPER_SIZE		1024
/** Magic number of a MINIX v3 (and so MFS) file system, in mfs_super::s_magic. */
#define MFS_MAGIC		0x4d5a
/** Block size of Minnow's images (the root image). */
#define MFS_BLOCK_SIZE		4096
/** Smallest block size the tools accept. */
#define MFS_MIN_BLOCK_SIZE	1024
/** Largest block size the tools accept. */
#define MFS_MAX_BLOCK_SIZE	4096
/** Block number of the first inode-bitmap block. */
#define MFS_IMAP_BLOCK		2
/** Inode number of the root directory. */
#define MFS_ROOT_INO		1
/** mfs_super::s_flags bit: the file system was cleanly unmounted (mkfs sets it). */
#define MFS_FLAG_CLEAN		0x0001

/** Number of direct zones in an inode. */
#define MFS_NR_DZONES		7
/** Index in mfs_inode::i_zone of the single-indirect zone. */
#define MFS_ZONE_IND		7
/** Index in mfs_inode::i_zone of the double-indirect zone. */
#define MFS_ZONE_DIND		8
/** Index in mfs_inode::i_zone of the triple-indirect zone (unused: always 0). */
#define MFS_ZONE_TIND		9
/** Number of zone slots in an inode (7 direct, single, double and triple indirect). */
#define MFS_NR_ZONES		10
/** Zone number meaning "no zone" (a hole, or an unused slot). */
#define MFS_NO_ZONE		0

/** Size of one on-disk inode. */
#define MFS_INODE_SIZE		64
/** Size of one directory entry. */
#define MFS_DIRENT_SIZE		64
/** Bytes of the name field of a directory entry. */
#define MFS_NAME_FIELD		60
/** Longest name Minnow writes: 59 bytes, so a name is always NUL-terminated. */
#define MFS_NAME_MAX		59

/** @name Inode mode: file type (the top 4 bits) and permission bits (POSIX values) */
/** @{ */
#define MFS_S_IFMT	0170000	/**< mask of the file-type bits */
#define MFS_S_IFREG	0100000	/**< regular file */
#define MFS_S_IFDIR	0040000	/**< directory */
#define MFS_S_IFCHR	0020000	/**< character device (major/minor in i_zone[0]) */
#define MFS_S_IFBLK	0060000	/**< block device (major/minor in i_zone[0]) */
#define MFS_S_IFLNK	0120000	/**< symbolic link (the target is the data, no NUL) */
#define MFS_S_IFIFO	0010000	/**< named FIFO (no data on disk: its bytes live in PFS) */
#define MFS_S_PERM	0007777	/**< set-uid, set-gid, sticky and rwx bits */
/** @} */

/** Device number stored in i_zone[0] of a device inode: (major << 8) | minor. */
#define MFS_MKDEV(major, minor)	((uint32_t)(((major) << 8) | ((minor) & 0xff)))
/** Major number of a device number made by MFS_MKDEV(). */
#define MFS_MAJOR(dev)		(((dev) >> 8) & 0xff)
/** Minor number of a device number made by MFS_MKDEV(). */
#define MFS_MINOR(dev)		((dev) & 0xff)

/**
 * The superblock, at byte MFS_SUPER_OFFSET.  Fields marked "MINIX" keep MINIX 3's names and
 * places; the ones Minnow does not use hold the value given.
 */
struct mfs_super {
	uint32_t s_ninodes;		/**< number of inodes (numbered 1..s_ninodes) */
	uint16_t s_nzones;		/**< MINIX V1 zone count: 0 in V3 */
	uint16_t s_imap_blocks;		/**< blocks of the inode bitmap (from block 2) */
	uint16_t s_zmap_blocks;		/**< blocks of the zone bitmap (after the inode bitmap) */
	uint16_t s_firstdatazone;	/**< first data zone: 2 + imap + zmap + inode table */
	uint16_t s_log_zone_size;	/**< log2(blocks per zone): always 0 */
	uint16_t s_flags;		/**< MFS_FLAG_CLEAN when cleanly unmounted */
	int32_t s_max_size;		/**< largest file size in bytes */
	uint32_t s_zones;		/**< total blocks of the file system, metadata included */
	uint16_t s_magic;		/**< MFS_MAGIC */
	uint16_t s_pad2;		/**< padding: 0 */
	uint16_t s_block_size;		/**< block size in bytes (1024, 2048 or 4096) */
	uint8_t s_disk_version;		/**< format sub-version: 0 */
	uint8_t s_pad3;			/**< padding: 0 */
};

/** One on-disk inode (64 bytes; inode n at byte (n-1)*64 of the inode table). */
struct mfs_inode {
	uint16_t i_mode;		/**< file type and permissions (MFS_S_*); 0 = free */
	uint16_t i_nlinks;		/**< number of directory entries naming this inode */
	uint16_t i_uid;			/**< owner's user id */
	uint16_t i_gid;			/**< owner's group id */
	int32_t i_size;			/**< size in bytes (0 for devices) */
	int32_t i_atime;		/**< last access, seconds since 1970 (UTC) */
	int32_t i_mtime;		/**< last modification of the data */
	int32_t i_ctime;		/**< last change of the inode */
	/** Zones: [0..6] direct, [7] single indirect, [8] double indirect, [9] unused (0).
	 *  For a device, i_zone[0] holds MFS_MKDEV(major, minor) and the rest are 0. */
	uint32_t i_zone[MFS_NR_ZONES];
};

/** One directory entry (64 bytes); a directory's data is an array of them. */
struct mfs_dirent {
	uint32_t d_ino;			/**< inode number, 0 = free slot */
	char d_name[MFS_NAME_FIELD];	/**< name, NUL-padded (at most MFS_NAME_MAX bytes) */
};

/** @cond MFS_STATIC_CHECKS */
_Static_assert(sizeof(struct mfs_super) == 32, "struct mfs_super is 32 bytes");
_Static_assert(sizeof(struct mfs_inode) == MFS_INODE_SIZE, "struct mfs_inode is 64 bytes");
_Static_assert(sizeof(struct mfs_dirent) == MFS_DIRENT_SIZE, "struct mfs_dirent is 64 bytes");
/** @endcond */

/** Number of zone numbers an indirect zone holds with block size @p bs. */
#define MFS_INDIRECTS(bs)	((bs) / 4)
/** Number of inodes in one block of size @p bs. */
#define MFS_INODES_PER_BLOCK(bs)	((bs) / MFS_INODE_SIZE)
/** Number of directory entries in one block of size @p bs. */
#define MFS_DIRENTS_PER_BLOCK(bs)	((bs) / MFS_DIRENT_SIZE)
/** Number of bits (inodes or zones) one bitmap block of size @p bs covers. */
#define MFS_BITS_PER_BLOCK(bs)	((bs) * 8)

#endif /* MINNOW_MFS_H */
