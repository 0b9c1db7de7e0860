/**
 * @file uio.h
 * @brief Scatter and gather I/O: readv() and writev() over a vector of buffers.
 */
#ifndef _POSIX_SYS_UIO_H
#define _POSIX_SYS_UIO_H

#include <limits.h>
#include <sys/types.h>

/** One buffer of a vector. */
struct iovec {
	void *iov_base;         /**< where the bytes are */
	size_t iov_len;         /**< how many */
};

/** Read into the @p n buffers of @p iov in turn, as one read(): the bytes read.
 *  EINVAL if @p n is not 1..IOV_MAX or the lengths add up past SSIZE_MAX. */
ssize_t readv(int fd, const struct iovec *iov, int n);
/** Write the @p n buffers of @p iov in turn, as one write() (a pipe write of at most
 *  PIPE_BUF bytes stays atomic): the bytes written. */
ssize_t writev(int fd, const struct iovec *iov, int n);

#endif /* _POSIX_SYS_UIO_H */
