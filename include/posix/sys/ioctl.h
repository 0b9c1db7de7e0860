/**
 * @file ioctl.h
 * @brief ioctl() and the terminal requests the tty driver answers (CDEV_IOCTL).
 *
 * The argument of every request is a pointer the caller passes; VFS makes a magic grant over
 * it for the driver.  Requests the driver does not know get ENOTTY.
 *
 * A request made with _IOR(), _IOW() or _IOWR() carries its argument's size in bits 16..28
 * (BSD's encoding), and libc's ioctl() passes that size to VFS, so any driver's request
 * gets a grant of the right size without libc knowing it (the socket configuration
 * requests of net/if.h, net/route.h, net/if_arp.h and minnow/inetconf.h are made so).
 * The terminal requests below predate it: their numbers carry no size and libc knows their
 * sizes by name.
 */
#ifndef _POSIX_SYS_IOCTL_H
#define _POSIX_SYS_IOCTL_H

#include <sys/types.h>

/** @name Request encoding (BSD): direction, argument size, group letter, number. */
/**@{*/
#define IOCPARM_MASK    0x1fff          /**< the size field: arguments up to 8191 bytes */
#define IOC_VOID        0x20000000ul    /**< no argument */
#define IOC_OUT         0x40000000ul    /**< the driver writes the argument */
#define IOC_IN          0x80000000ul    /**< the driver reads the argument */
#define IOC_INOUT       (IOC_IN | IOC_OUT)      /**< both */
/** The argument size of request @p r (0 if its number carries none). */
#define IOCPARM_LEN(r)  (((unsigned long)(r) >> 16) & IOCPARM_MASK)
/** A request of direction @p io, group letter @p g, number @p n, argument size @p len. */
#define _IOC(io, g, n, len) \
	((unsigned long)(io) | (((unsigned long)(len) & IOCPARM_MASK) << 16) | \
	 ((unsigned long)(g) << 8) | (unsigned long)(n))
#define _IO(g, n)       _IOC(IOC_VOID, (g), (n), 0)             /**< no argument */
#define _IOR(g, n, t)   _IOC(IOC_OUT, (g), (n), sizeof(t))      /**< the driver fills a t */
#define _IOW(g, n, t)   _IOC(IOC_IN, (g), (n), sizeof(t))       /**< the driver reads a t */
#define _IOWR(g, n, t)  _IOC(IOC_INOUT, (g), (n), sizeof(t))    /**< both */
/**@}*/

#define TCGETS      0x5401      /**< struct termios *: read the settings */
#define TCSETS      0x5402      /**< const struct termios *: set them now */
#define TCSETSW     0x5403      /**< the same after output drains */
#define TCSETSF     0x5404      /**< the same, and discard pending input */
#define TIOCGPGRP   0x540F      /**< pid_t *: the foreground process group */
#define TIOCSPGRP   0x5410      /**< const pid_t *: make it the foreground group */
#define TIOCGWINSZ  0x5413      /**< struct winsize *: rows and columns */

/** Terminal size. */
struct winsize {
	uint16_t ws_row;        /**< rows */
	uint16_t ws_col;        /**< columns */
	uint16_t ws_xpixel;     /**< unused */
	uint16_t ws_ypixel;     /**< unused */
};

/** Device-specific control: request @p req with argument pointer. */
int ioctl(int fd, unsigned long req, ...);

#endif /* _POSIX_SYS_IOCTL_H */
