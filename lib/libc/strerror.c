/*
 * strerror.c - the message of every error number of minnow/errno.h (strerror), and
 * perror(), which prints one on stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

static const struct {
	int err;
	const char *msg;
} messages[] = {
	{ OK, "Success" },
	{ EPERM, "Operation not permitted" },
	{ ENOENT, "No such file or directory" },
	{ ESRCH, "No such process" },
	{ EINTR, "Interrupted system call" },
	{ EIO, "Input/output error" },
	{ ENXIO, "Device not configured" },
	{ E2BIG, "Argument list too long" },
	{ ENOEXEC, "Exec format error" },
	{ EBADF, "Bad file descriptor" },
	{ ECHILD, "No child processes" },
	{ EDEADLK, "Resource deadlock avoided" },
	{ ENOMEM, "Cannot allocate memory" },
	{ EACCES, "Permission denied" },
	{ EFAULT, "Bad address" },
	{ EBUSY, "Device or resource busy" },
	{ EEXIST, "File exists" },
	{ EXDEV, "Cross-device link" },
	{ ENODEV, "No such device" },
	{ ENOTDIR, "Not a directory" },
	{ EISDIR, "Is a directory" },
	{ EINVAL, "Invalid argument" },
	{ ENFILE, "Too many open files in system" },
	{ EMFILE, "Too many open files" },
	{ ENOTTY, "Inappropriate ioctl for device" },
	{ EFBIG, "File too large" },
	{ ENOSPC, "No space left on device" },
	{ ESPIPE, "Illegal seek" },
	{ EROFS, "Read-only file system" },
	{ EMLINK, "Too many links" },
	{ EPIPE, "Broken pipe" },
	{ EDOM, "Numerical argument out of domain" },
	{ ERANGE, "Result too large" },
	{ EAGAIN, "Resource temporarily unavailable" },
	{ EINPROGRESS, "Operation now in progress" },
	{ EALREADY, "Operation already in progress" },
	{ ENOTSOCK, "Socket operation on non-socket" },
	{ EDESTADDRREQ, "Destination address required" },
	{ EMSGSIZE, "Message too long" },
	{ EPROTOTYPE, "Protocol wrong type for socket" },
	{ ENOPROTOOPT, "Protocol option not available" },
	{ EPROTONOSUPPORT, "Protocol not supported" },
	{ ESOCKTNOSUPPORT, "Socket type not supported" },
	{ EOPNOTSUPP, "Operation not supported" },
	{ EPFNOSUPPORT, "Protocol family not supported" },
	{ EAFNOSUPPORT, "Address family not supported by protocol family" },
	{ EADDRINUSE, "Address already in use" },
	{ EADDRNOTAVAIL, "Can't assign requested address" },
	{ ENETDOWN, "Network is down" },
	{ ENETUNREACH, "Network is unreachable" },
	{ ENETRESET, "Network dropped connection on reset" },
	{ ECONNABORTED, "Software caused connection abort" },
	{ ECONNRESET, "Connection reset by peer" },
	{ ENOBUFS, "No buffer space available" },
	{ EISCONN, "Socket is already connected" },
	{ ENOTCONN, "Socket is not connected" },
	{ ESHUTDOWN, "Can't send after socket shutdown" },
	{ ETIMEDOUT, "Operation timed out" },
	{ ECONNREFUSED, "Connection refused" },
	{ EHOSTDOWN, "Host is down" },
	{ EHOSTUNREACH, "No route to host" },
	{ ELOOP, "Too many levels of symbolic links" },
	{ ENAMETOOLONG, "File name too long" },
	{ ENOTEMPTY, "Directory not empty" },
	{ ENOLCK, "No locks available" },
	{ ENOSYS, "Function not implemented" },
	{ EOVERFLOW, "Value too large to be stored in data type" },
	{ ELOCKED, "IPC would deadlock" },
	{ EBADCALL, "Illegal system call number" },
	{ ECALLDENIED, "Call or IPC target not permitted" },
	{ EDEADSRCDST, "Source or destination is not alive" },
	{ ENOTREADY, "Source or destination is not ready" },
	{ EBADREQUEST, "Request not handled by the destination" },
	{ ETRAPDENIED, "IPC trap not allowed" },
	{ ERESTART, "Service restart refused" },
	{ EDONTREPLY, "No reply (internal)" },
	{ EDEADEPT, "Dead endpoint" },
	{ EBADEPT, "Invalid endpoint" },
};

char *
strerror(int err)
{
	static char unknown[32];
	size_t i;

	if (err < 0)
		err = -err;     /* a negated errno, as the servers answer */
	for (i = 0; i < sizeof(messages) / sizeof(messages[0]); i++)
		if (messages[i].err == err)
			return (char *)messages[i].msg;
	snprintf(unknown, sizeof(unknown), "Unknown error %d", err);
	return unknown;
}

void
perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s != NULL && *s != '\0')
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}
