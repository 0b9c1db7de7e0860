/**
 * @file dirent.h
 * @brief Directory entries as getdents() returns them (the layout VFS, the file servers and
 * libc share) and the opendir() family.
 *
 * getdents() fills a buffer with variable-length records: each struct dirent is d_reclen
 * bytes (a multiple of 4), holding a NUL-terminated d_name.
 */
#ifndef _POSIX_DIRENT_H
#define _POSIX_DIRENT_H

#include <sys/types.h>

/** One directory entry record. */
struct dirent {
	ino_t d_ino;            /**< inode number */
	uint16_t d_reclen;      /**< bytes of this record, name and padding included */
	uint8_t d_type;         /**< DT_* or DT_UNKNOWN */
	uint8_t d_namlen;       /**< length of d_name without the NUL */
	char d_name[60];        /**< the name, NUL-terminated (the record may be shorter) */
};
/** Bytes of a record holding a name of @p namlen characters. */
#define DIRENT_RECLEN(namlen) ((8 + (namlen) + 1 + 3) & ~3u)

#define DT_UNKNOWN  0           /**< type not known */
#define DT_DIR      4           /**< directory */
#define DT_REG      8           /**< regular file */
#define DT_CHR      2           /**< character special */
#define DT_BLK      6           /**< block special */
#define DT_FIFO     1           /**< named FIFO */
#define DT_LNK      10          /**< symbolic link */

/** An open directory stream. */
typedef struct __dirstream DIR;

DIR *opendir(const char *path);                     /**< open a directory for reading */
struct dirent *readdir(DIR *d);                     /**< the next entry, or NULL at the end */
int closedir(DIR *d);                               /**< close it */
void rewinddir(DIR *d);                             /**< back to the first entry */
long telldir(DIR *d);                               /**< where readdir() is: for seekdir */
void seekdir(DIR *d, long loc);                     /**< back to a place telldir() gave */
int dirfd(DIR *d);                                  /**< the descriptor d reads */
int getdents(int fd, void *buf, size_t len);        /**< raw records; 0 at the end */

#endif /* _POSIX_DIRENT_H */
