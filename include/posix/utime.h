/**
 * @file utime.h
 * @brief utime(): set a file's access and modification times (seconds).
 */
#ifndef _POSIX_UTIME_H
#define _POSIX_UTIME_H

#include <sys/types.h>

/** The times utime() sets. */
struct utimbuf {
	time_t actime;          /**< access time */
	time_t modtime;         /**< modification time */
};

/** Set the times of @p path to *@p times, or both to now if @p times is NULL (the rules
 *  of utimensat(), sys/stat.h: now needs owner, root or write permission, else EACCES;
 *  given times owner or root, else EPERM). */
int utime(const char *path, const struct utimbuf *times);

#endif /* _POSIX_UTIME_H */
