/**
 * @file sys/param.h
 * @brief BSD's system parameters: MAXPATHLEN, MAXHOSTNAMELEN, NBBY, the page size, and
 * the MIN/MAX/howmany/roundup/powerof2 macros.
 */
#ifndef _POSIX_SYS_PARAM_H
#define _POSIX_SYS_PARAM_H

#include <limits.h>
#include <sys/types.h>

#define MAXPATHLEN      PATH_MAX        /**< longest path, NUL included */
#define MAXHOSTNAMELEN  (HOST_NAME_MAX + 1) /**< longest host name, NUL included */
#define NOFILE          OPEN_MAX        /**< open files per process */
#define NGROUPS         NGROUPS_MAX     /**< supplementary groups */
#define NBBY            8               /**< bits per byte */
#define DEV_BSIZE       512             /**< bytes of a disk sector */
#ifndef PAGE_SIZE
#define PAGE_SIZE       4096            /**< bytes of a page */
#endif
#ifndef HZ
#define HZ              100             /**< the default clock rate (sysconf(_SC_CLK_TCK) is the
	                                     running one) */
#endif

#ifndef MIN
#define MIN(a, b)       ((a) < (b) ? (a) : (b))         /**< the smaller */
#endif
#ifndef MAX
#define MAX(a, b)       ((a) > (b) ? (a) : (b))         /**< the larger */
#endif
#define howmany(x, y)   (((x) + ((y) - 1)) / (y))       /**< units of y holding x */
#define roundup(x, y)   (howmany(x, y) * (y))           /**< x rounded up to a multiple of y */
#define rounddown(x, y) (((x) / (y)) * (y))             /**< x rounded down */
#define powerof2(x)     ((((x) - 1) & (x)) == 0)        /**< is x a power of 2 (or 0)? */

#endif /* _POSIX_SYS_PARAM_H */
