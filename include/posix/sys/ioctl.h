/**
 * @file ioctl.h
 * @brief ioctl() and the terminal requests the tty driver answers (CDEV_IOCTL).
 *
 * The argument of every request is a pointer the caller passes; VFS makes a magic grant over
 * it for the driver.  Requests the driver does not know get ENOTTY.
 */
#ifndef _POSIX_SYS_IOCTL_H
#define _POSIX_SYS_IOCTL_H

#include <sys/types.h>

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
