/*
 * bootparam.c - boot parameters from the multiboot command line.
 *
 * The command line is a list of words separated by spaces; a word "key=value" sets a
 * parameter, a bare word "key" sets it to "1" (so the kernel's own path, which loaders put
 * first, is a harmless flag).  Parameters the
 * kernel reads: hz (timer rate), debugexit (exit QEMU through isa-debug-exit on panic and
 * power-off), poweroff (power off after boot), ktest (a kernel self-test, see ktest.c).
 * Processes read the whole command line with sys_getcmdline() (sys_getinfo GET_CMDLINE).
 */
#include <minnow/kinfo.h>
#include "kernel.h"

/* Find key in the command line; return a pointer to its value and its length in *vlen. */
static const char *
bootparam_find(const char *key, size_t *vlen)
{
	const char *p = kinfo.cmdline;
	size_t klen = strlen(key);

	while (*p != '\0') {
		const char *w = p;
		size_t wlen = 0;

		while (w[wlen] != '\0' && w[wlen] != ' ')
			wlen++;
		p = w + wlen;
		while (*p == ' ')
			p++;
		if (wlen < klen || strncmp(w, key, klen) != 0)
			continue;
		if (wlen == klen) {
			*vlen = 1;
			return "1";
		}
		if (w[klen] == '=') {
			*vlen = wlen - klen - 1;
			return w + klen + 1;
		}
	}
	return NULL;
}

/* Copy the value of key into buf (NUL-terminated); return buf, or NULL if the key is absent. */
const char *
bootparam_get(const char *key, char *buf, size_t len)
{
	size_t vlen;
	const char *v = bootparam_find(key, &vlen);

	if (v == NULL || len == 0)
		return NULL;
	if (vlen >= len)
		vlen = len - 1;
	memcpy(buf, v, vlen);
	buf[vlen] = '\0';
	return buf;
}

/* The decimal value of key; dflt if absent.  A malformed value is reported and gives dflt. */
long
bootparam_int(const char *key, long dflt)
{
	char buf[24];
	const char *p = bootparam_get(key, buf, sizeof(buf));
	long v = 0;

	if (p == NULL)
		return dflt;
	if (*p == '\0')
		goto bad;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			goto bad;
		v = v * 10 + (*p - '0');
	}
	return v;
bad:
	kprintf("bootparam: %s=%s is not a decimal number; using %ld\n", key, buf, dflt);
	return dflt;
}

/* True when key is present with a value other than "0", "no" or "off". */
int
bootparam_flag(const char *key)
{
	char buf[8];

	if (bootparam_get(key, buf, sizeof(buf)) == NULL)
		return 0;
	return strcmp(buf, "0") != 0 && strcmp(buf, "no") != 0 && strcmp(buf, "off") != 0;
}
