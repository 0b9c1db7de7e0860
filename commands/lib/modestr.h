/*
 * modestr.h - a file's type and permission bits as ls -l and stat print them
 * ("drwxr-xr-x", with s/S for set-uid and set-gid, t/T for the sticky bit).
 *
 * A header of one static inline function, included by relative path ("../lib/modestr.h"),
 * so that the same command sources build for Minnow and, with the host's libc, for the host
 * tests (tools/tests/test_userland.py).
 */
#ifndef COMMANDS_MODESTR_H
#define COMMANDS_MODESTR_H

#include <sys/stat.h>

/* The mode m as "drwxr-xr-x" in buf (11 bytes). */
static inline void
mode_string(mode_t m, char *buf)
{
	const char *rwx = "rwxrwxrwx";

	buf[0] = S_ISDIR(m) ? 'd' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b' : S_ISFIFO(m) ? 'p' :
		 S_ISLNK(m) ? 'l' : '-';
	for (int i = 0; i < 9; i++)
		buf[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		buf[3] = (m & S_IXUSR) ? 's' : 'S';
	if (m & S_ISGID)
		buf[6] = (m & S_IXGRP) ? 's' : 'S';
	if (m & S_ISVTX)
		buf[9] = (m & S_IXOTH) ? 't' : 'T';
	buf[10] = '\0';
}

#endif
