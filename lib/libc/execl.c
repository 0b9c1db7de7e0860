/*
 * execl.c - the list forms of exec: execl(), execle(), execlp().  Each copies its
 * NULL-terminated argument list into an array on the stack (at most ARG_MAX / 4 words
 * could ever fit in a frame, so a longer list is E2BIG) and calls the vector form
 * (exec.c).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <unistd.h>

#define MAX_LIST_ARGS   1024    /* arguments a list form takes (E2BIG beyond) */

/* Copy arg0 and the rest of ap up to its NULL into argv: 0, or -1 (E2BIG). */
static int
collect(const char *arg0, va_list *ap, char **argv)
{
	size_t n = 0;

	argv[n] = (char *)arg0;
	while (argv[n] != NULL) {
		if (++n == MAX_LIST_ARGS) {
			errno = E2BIG;
			return -1;
		}
		argv[n] = va_arg(*ap, char *);
	}
	return 0;
}

/* The list form of vec (execv or execvp): collect the list, then exec. */
static int
exec_list(int (*vec)(const char *, char *const[]), const char *path, const char *arg0,
	  va_list *ap)
{
	char *argv[MAX_LIST_ARGS];

	return collect(arg0, ap, argv) < 0 ? -1 : vec(path, argv);
}

int
execl(const char *path, const char *arg0, ...)
{
	va_list ap;
	int r;

	va_start(ap, arg0);
	r = exec_list(execv, path, arg0, &ap);
	va_end(ap);
	return r;
}

int
execle(const char *path, const char *arg0, ...)
{
	char *argv[MAX_LIST_ARGS];
	char *const *envp;
	va_list ap;
	int r;

	va_start(ap, arg0);
	r = collect(arg0, &ap, argv);
	envp = r < 0 ? NULL : va_arg(ap, char *const *);
	va_end(ap);
	return r < 0 ? -1 : execve(path, argv, envp);
}

int
execlp(const char *file, const char *arg0, ...)
{
	va_list ap;
	int r;

	va_start(ap, arg0);
	r = exec_list(execvp, file, arg0, &ap);
	va_end(ap);
	return r;
}
