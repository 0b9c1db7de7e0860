/**
 * @file termios.h
 * @brief Terminal settings: struct termios (the layout the tty driver and libc share), its
 * flags, and tcgetattr()/tcsetattr()/tcgetpgrp()/tcsetpgrp() (ioctls on the terminal).
 *
 * Canonical mode (ICANON) collects a line with editing (VERASE, VKILL) and hands it over at
 * '\n' or VEOF; raw mode hands over bytes as they come (VMIN, VTIME = 0).  ISIG makes VINTR
 * (^C) send SIGINT and VQUIT (^\) SIGQUIT to the foreground process group.
 */
#ifndef _POSIX_TERMIOS_H
#define _POSIX_TERMIOS_H

#include <sys/types.h>

typedef uint32_t tcflag_t;      /**< flag word */
typedef uint8_t cc_t;           /**< control character */
typedef uint32_t speed_t;       /**< baud rate */

#define NCCS        20          /**< control characters */

/** A terminal's settings. */
struct termios {
	tcflag_t c_iflag;       /**< input flags */
	tcflag_t c_oflag;       /**< output flags */
	tcflag_t c_cflag;       /**< control flags */
	tcflag_t c_lflag;       /**< local flags */
	cc_t c_cc[NCCS];        /**< control characters */
	speed_t c_ispeed;       /**< input speed */
	speed_t c_ospeed;       /**< output speed */
};

/* c_iflag */
#define ICRNL       0x0100      /**< map CR to NL on input */
#define INLCR       0x0040      /**< map NL to CR on input */
#define IGNCR       0x0080      /**< ignore CR */
/* c_oflag */
#define OPOST       0x0001      /**< process output */
#define ONLCR       0x0002      /**< map NL to CR-NL on output */
/* c_lflag */
#define ECHO        0x0008      /**< echo input */
#define ECHOE       0x0002      /**< erase echoes as backspace-space-backspace */
#define ECHOK       0x0004      /**< echo NL after kill */
#define ECHONL      0x0010      /**< echo NL even without ECHO */
#define ISIG        0x0080      /**< INTR, QUIT, SUSP send signals */
#define ICANON      0x0100      /**< canonical (line) input */
#define IEXTEN      0x0400      /**< extended functions */
#define TOSTOP      0x0800      /**< a background process that writes gets SIGTTOU */
/* c_cc indexes */
#define VEOF        0           /**< ^D: end of file */
#define VEOL        1           /**< extra end of line */
#define VERASE      3           /**< ^H / DEL: erase a character */
#define VINTR       8           /**< ^C: SIGINT */
#define VKILL       5           /**< ^U: erase the line */
#define VMIN        16          /**< raw: bytes before a read returns */
#define VQUIT       9           /**< ^\\ (control-backslash): SIGQUIT */
#define VSUSP       10          /**< ^Z: SIGTSTP */
#define VTIME       17          /**< raw: timeout in tenths of a second */

#define TCSANOW     0           /**< tcsetattr: now */
#define TCSADRAIN   1           /**< after output drains */
#define TCSAFLUSH   2           /**< and discard input */

int tcgetattr(int fd, struct termios *t);                   /**< read the settings */
int tcsetattr(int fd, int when, const struct termios *t);   /**< set them */
pid_t tcgetpgrp(int fd);                                    /**< the foreground group */
int tcsetpgrp(int fd, pid_t pgrp);                          /**< set it */
int isatty(int fd);                                         /**< a terminal? */

#endif /* _POSIX_TERMIOS_H */
