/**
 * @file sys/utsname.h
 * @brief uname(): the system's names.
 *
 * There is no uname request: the values are fixed in libc (lib/libc/uname.c) and are the
 * ones the uname command prints: "Minnow", "minnow", "1.0", "MINIX-3-style microkernel",
 * "i386".
 */
#ifndef _POSIX_SYS_UTSNAME_H
#define _POSIX_SYS_UTSNAME_H

/** Bytes of each utsname field, NUL included. */
#define _UTSNAME_LENGTH 65

/** The system's names. */
struct utsname {
	char sysname[_UTSNAME_LENGTH];  /**< the operating system */
	char nodename[_UTSNAME_LENGTH]; /**< the host name (gethostname()) */
	char release[_UTSNAME_LENGTH];  /**< its release */
	char version[_UTSNAME_LENGTH];  /**< its version */
	char machine[_UTSNAME_LENGTH];  /**< the hardware */
};

/** Fill *@p name: 0 (-1 with EFAULT for a NULL @p name). */
int uname(struct utsname *name);

#endif /* _POSIX_SYS_UTSNAME_H */
