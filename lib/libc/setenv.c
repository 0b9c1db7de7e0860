/*
 * setenv.c - changing the environment: setenv() and unsetenv().
 *
 * `environ` starts as the array crt0.S found on the stack.  The first change copies the
 * pointer array into malloc'ed memory (the strings stay where they are); new "name=value"
 * strings are malloc'ed and never freed, since old pointers to them may live on.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int env_owned;           /* environ is our malloc'ed copy */

/* A valid variable name: not empty, no '='. */
static int
bad_name(const char *name)
{
	return name == NULL || *name == '\0' || strchr(name, '=') != NULL;
}

/* Number of entries in environ. */
static size_t
env_count(void)
{
	size_t n = 0;

	while (environ != NULL && environ[n] != NULL)
		n++;
	return n;
}

/* Index of name in environ, or -1. */
static int
env_find(const char *name)
{
	size_t len = strlen(name);

	for (int i = 0; environ != NULL && environ[i] != NULL; i++)
		if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
			return i;
	return -1;
}

/* Make room for extra more entries in a private environ: 0 or -1. */
static int
env_grow(size_t extra)
{
	size_t n = env_count();
	char **copy = malloc((n + extra + 1) * sizeof(char *));

	if (copy == NULL)
		return -1;
	memcpy(copy, environ != NULL ? environ : copy, n * sizeof(char *));
	copy[n] = NULL;
	if (env_owned)
		free(environ);
	environ = copy;
	env_owned = 1;
	return 0;
}

int
setenv(const char *name, const char *value, int overwrite)
{
	size_t nlen, vlen;
	char *entry;
	int i;

	if (bad_name(name)) {
		errno = EINVAL;
		return -1;
	}
	if ((i = env_find(name)) >= 0 && !overwrite)
		return 0;
	nlen = strlen(name);
	vlen = strlen(value);
	if ((entry = malloc(nlen + vlen + 2)) == NULL)
		goto nomem;
	memcpy(entry, name, nlen);
	entry[nlen] = '=';
	memcpy(entry + nlen + 1, value, vlen + 1);
	if (i < 0) {
		if (env_grow(1) != 0)
			goto nomem;
		i = (int)env_count();
		environ[i + 1] = NULL;
	}
	environ[i] = entry;
	return 0;
nomem:
	free(entry);
	errno = ENOMEM;
	return -1;
}

int
unsetenv(const char *name)
{
	int i;

	if (bad_name(name)) {
		errno = EINVAL;
		return -1;
	}
	while ((i = env_find(name)) >= 0)
		for (; environ[i] != NULL; i++)
			environ[i] = environ[i + 1];
	return 0;
}
