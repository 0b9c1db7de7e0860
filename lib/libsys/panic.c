/*
 * panic.c - panic() for services and drivers: say why, then end the process.
 *
 * Prints "panic in <name>: <message>" on the console through the kernel's diagnostics call
 * (after flushing stdout, so earlier output comes first), then calls sys_exit(), which for a
 * system process makes the kernel raise SIGABRT for its signal manager (RS restarts it).
 * The name is the caller's process name from sys_whoami(), or "?" if even that fails.  If
 * sys_exit() returns (the kernel refused it), the process spins: there is nothing left to do.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <minnow/syslib.h>

/* Longest panic line printed; the rest is cut off. */
#define PANIC_LINE_MAX 256

static int panicking;

void
panic(const char *fmt, ...)
{
	char name[PROC_NAME_LEN] = "?", line[PANIC_LINE_MAX];
	va_list ap;
	int n;

	if (!panicking++) {
		fflush(stdout);
		if (sys_whoami(NULL, name, sizeof(name), NULL) != OK)
			name[0] = '?', name[1] = '\0';
		n = snprintf(line, sizeof(line), "panic in %s: ", name);
		va_start(ap, fmt);
		vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
		va_end(ap);
		strlcat(line, "\n", sizeof(line));
		kputs(line);
	}
	sys_exit();
	for (;;)
		;
}
