/*
 * exec.c - execve(), execv(), execvp(): replace the program (PM_EXEC; the argument frame
 * is laid out in minnow/vfs.h).
 *
 * execve() builds the frame in malloc'd memory: argc, the argv offsets and a 0, the envp
 * offsets and a 0, then the strings; every pointer is the string's offset from the frame's
 * start (VFS relocates them when it copies the frame onto the new stack).  A frame larger
 * than ARG_MAX is E2BIG before anything is sent.  PM answers only a failure (the process
 * otherwise runs the new program), so execve returns -1 with errno, or never.
 *
 * execvp() searches the directories of PATH (default "/bin") for a name without a '/':
 * ENOENT, ENOTDIR and EACCES move on to the next directory; EACCES is reported if no
 * directory had the program and one refused it.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <minnow/pm.h>
#include "pm_call.h"

/* Entries of a NULL-terminated vector (NULL counts as empty). */
static size_t
vec_len(char *const v[])
{
	size_t n = 0;

	while (v != NULL && v[n] != NULL)
		n++;
	return n;
}

/* Bytes of the strings of v, NULs included. */
static size_t
vec_bytes(char *const v[], size_t n)
{
	size_t i, b = 0;

	for (i = 0; i < n; i++)
		b += strlen(v[i]) + 1;
	return b;
}

/* Copy n strings of v into frame at *off, their offsets into slots; then a 0 slot. */
static void
put_strings(char *frame, uint32_t *slots, char *const v[], size_t n, size_t *off)
{
	size_t i, len;

	for (i = 0; i < n; i++) {
		len = strlen(v[i]) + 1;
		memcpy(frame + *off, v[i], len);
		slots[i] = (uint32_t)*off;
		*off += len;
	}
	slots[n] = 0;
}

int
execve(const char *path, char *const argv[], char *const envp[])
{
	size_t argc = vec_len(argv), envc = vec_len(envp), off, size;
	uint32_t *words;
	char *frame;
	message m;
	int r;

	if (path == NULL)
		return __libc_posix_result(-EFAULT);
	off = 4 + (argc + 1) * 4 + (envc + 1) * 4;
	size = (off + vec_bytes(argv, argc) + vec_bytes(envp, envc) + 3) & ~(size_t)3;
	if (size > ARG_MAX)
		return __libc_posix_result(-E2BIG);
	if ((frame = calloc(1, size)) == NULL)
		return __libc_posix_result(-ENOMEM);
	words = (uint32_t *)frame;
	words[0] = (uint32_t)argc;
	put_strings(frame, words + 1, argv, argc, &off);
	put_strings(frame, words + 2 + argc, envp, envc, &off);
	memset(&m, 0, sizeof(m));
	m.m_pm.addr = (uint32_t)path;
	m.m_pm.len = (uint32_t)strlen(path) + 1;
	m.m_pm.addr2 = (uint32_t)frame;
	m.m_pm.len2 = (uint32_t)size;
	r = __libc_pm_call(PM_EXEC, &m);
	free(frame);
	return __libc_posix_result(r < 0 ? r : -EINVAL);	/* an answer is a failure */
}

int
execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* Try dir/file; 1 to go on searching (with *denied set on EACCES), 0 to stop. */
static int
try_dir(const char *dir, size_t dlen, const char *file, char *const argv[], int *denied)
{
	char path[PATH_MAX];
	size_t flen = strlen(file);

	if (dlen == 0)
		dir = ".", dlen = 1;	/* an empty entry is the current directory */
	if (dlen + 1 + flen + 1 > sizeof(path))
		return 1;
	memcpy(path, dir, dlen);
	path[dlen] = '/';
	memcpy(path + dlen + 1, file, flen + 1);
	execve(path, argv, environ);
	if (errno == EACCES)
		*denied = 1;
	return errno == ENOENT || errno == ENOTDIR || errno == EACCES;
}

int
execvp(const char *file, char *const argv[])
{
	const char *p, *colon;
	int denied = 0;

	if (file == NULL || *file == '\0')
		return __libc_posix_result(-ENOENT);
	if (strchr(file, '/') != NULL)
		return execv(file, argv);
	if ((p = getenv("PATH")) == NULL)
		p = "/bin";
	for (;;) {
		colon = strchr(p, ':');
		if (!try_dir(p, colon != NULL ? (size_t)(colon - p) : strlen(p), file, argv,
			     &denied))
			return -1;
		if (colon == NULL)
			break;
		p = colon + 1;
	}
	return __libc_posix_result(denied ? -EACCES : -ENOENT);
}
