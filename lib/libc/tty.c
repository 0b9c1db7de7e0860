/*
 * tty.c - the terminal calls, each an ioctl on the descriptor (sys/ioctl.h): isatty,
 * tcgetattr, tcsetattr, tcgetpgrp, tcsetpgrp.
 */
#include <errno.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <termios.h>

int
isatty(int fd)
{
	struct termios t;

	return tcgetattr(fd, &t) == 0;
}

int
tcgetattr(int fd, struct termios *t)
{
	return ioctl(fd, TCGETS, t);
}

int
tcsetattr(int fd, int when, const struct termios *t)
{
	unsigned long req;

	switch (when) {
	case TCSANOW: req = TCSETS; break;
	case TCSADRAIN: req = TCSETSW; break;
	case TCSAFLUSH: req = TCSETSF; break;
	default:
		errno = EINVAL;
		return -1;
	}
	return ioctl(fd, req, (void *)t);
}

pid_t
tcgetpgrp(int fd)
{
	pid_t pgrp;

	if (ioctl(fd, TIOCGPGRP, &pgrp) < 0)
		return -1;
	return pgrp;
}

int
tcsetpgrp(int fd, pid_t pgrp)
{
	return ioctl(fd, TIOCSPGRP, &pgrp);
}
