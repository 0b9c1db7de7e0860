/*
 * tty.c - the terminal calls, each an ioctl on the descriptor (sys/ioctl.h): isatty,
 * tcgetattr, tcsetattr, tcgetpgrp, tcsetpgrp; and the terminal's names: ttyname and
 * ttyname_r (the /dev entry of the descriptor's device, found by its device number) and
 * ctermid (the controlling terminal's name, always "/dev/tty").
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>

/* The directory ttyname searches, and its length with the '/'. */
#define DEV_DIR         "/dev/"
#define DEV_DIR_LEN     5

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

/* Copy "/dev/<name>" into buf (size bytes) if that entry is the character device rdev:
 * 1 if it is, 0 if not, -1 (ERANGE) if it is but buf is too small. */
static int
dev_entry_is(const char *name, dev_t rdev, char *buf, size_t size)
{
	struct stat st;
	size_t len = strlen(name);
	char path[DEV_DIR_LEN + NAME_MAX + 1];

	if (len > NAME_MAX)
		return 0;
	memcpy(path, DEV_DIR, DEV_DIR_LEN);
	memcpy(path + DEV_DIR_LEN, name, len + 1);
	if (stat(path, &st) != 0 || !S_ISCHR(st.st_mode) || st.st_rdev != rdev)
		return 0;
	if (DEV_DIR_LEN + len + 1 > size)
		return -1;
	memcpy(buf, path, DEV_DIR_LEN + len + 1);
	return 1;
}

/* The name of the terminal open on fd: the entry of /dev that is the same character device
 * (not /dev/tty, the alias of whatever terminal the caller has).  0, or the error: EBADF,
 * ENOTTY (not a terminal, or no entry names it), ERANGE (size too small). */
int
ttyname_r(int fd, char *buf, size_t size)
{
	struct stat st;
	struct dirent *d;
	DIR *dir;
	int r = 0, saved = errno;

	if (fstat(fd, &st) != 0)
		return errno = saved, EBADF;
	if (!S_ISCHR(st.st_mode) || !isatty(fd))
		return errno = saved, ENOTTY;
	if ((dir = opendir("/dev")) == NULL)
		return errno = saved, ENOTTY;
	while (r == 0 && (d = readdir(dir)) != NULL)
		if (strcmp(d->d_name, "tty") != 0)
			r = dev_entry_is(d->d_name, st.st_rdev, buf, size);
	closedir(dir);
	errno = saved;
	return r == 1 ? 0 : r < 0 ? ERANGE : ENOTTY;
}

/* ttyname_r into a static buffer: NULL with errno set if fd is no terminal. */
char *
ttyname(int fd)
{
	static char name[DEV_DIR_LEN + NAME_MAX + 1];
	int r = ttyname_r(fd, name, sizeof(name));

	if (r != 0) {
		errno = r;
		return NULL;
	}
	return name;
}

/* The controlling terminal's path: "/dev/tty" names it in every process (VFS maps it to
 * the process's own terminal), copied into s (L_ctermid bytes) or a static buffer. */
char *
ctermid(char *s)
{
	static char name[L_ctermid];

	return strcpy(s != NULL ? s : name, "/dev/tty");
}
