/*
 * var.c - the shell's variables: a small table of name, value and "exported" flag,
 * filled from the environment at start-up.  Exported variables (and a command's own
 * NAME=value prefixes) make up the environment of the programs the shell runs.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct var {
	char *name;
	char *value;
	int exported;
	struct var *next;
};

static struct var *vars;

int
var_valid_name(const char *name, size_t len)
{
	if (len == 0 || (!isalpha((unsigned char)name[0]) && name[0] != '_'))
		return 0;
	for (size_t i = 1; i < len; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '_')
			return 0;
	return 1;
}

static struct var *
find(const char *name)
{
	for (struct var *v = vars; v != NULL; v = v->next)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

const char *
var_get(const char *name)
{
	struct var *v = find(name);

	return v != NULL ? v->value : NULL;
}

/* Set name (export: 1 mark exported, 0 leave as it is); 0 or -1 (bad name). */
int
var_set(const char *name, const char *value, int export)
{
	struct var *v = find(name);
	char *copy;

	if (!var_valid_name(name, strlen(name)))
		return -1;
	if ((copy = strdup(value)) == NULL)
		return -1;
	if (v == NULL) {
		if ((v = calloc(1, sizeof(*v))) == NULL || (v->name = strdup(name)) == NULL) {
			free(copy);
			free(v);
			return -1;
		}
		v->next = vars;
		vars = v;
	}
	free(v->value);
	v->value = copy;
	v->exported |= export;
	return 0;
}

void
var_unset(const char *name)
{
	struct var **pp, *v;

	for (pp = &vars; (v = *pp) != NULL; pp = &v->next)
		if (strcmp(v->name, name) == 0) {
			*pp = v->next;
			free(v->name);
			free(v->value);
			free(v);
			return;
		}
}

void
var_export(const char *name)
{
	struct var *v = find(name);

	if (v != NULL)
		v->exported = 1;
	else
		var_set(name, "", 1);
}

void
var_import(char **env)
{
	char name[128];

	for (; env != NULL && *env != NULL; env++) {
		const char *eq = strchr(*env, '=');
		size_t len = eq != NULL ? (size_t)(eq - *env) : 0;

		if (len == 0 || len >= sizeof(name))
			continue;
		memcpy(name, *env, len);
		name[len] = '\0';
		var_set(name, eq + 1, 1);
	}
}

/* "name=value", malloc'ed. */
static char *
env_string(const char *name, const char *value)
{
	char *s = malloc(strlen(name) + strlen(value) + 2);

	if (s != NULL)
		sprintf(s, "%s=%s", name, value);
	return s;
}

/* Does extra[0..n) set name? */
static int
overridden(const char *name, char **extra, int n)
{
	size_t len = strlen(name);

	for (int i = 0; i < n; i++)
		if (strncmp(extra[i], name, len) == 0 && extra[i][len] == '=')
			return 1;
	return 0;
}

void
var_environ(struct strvec *out, char **extra, int nextra)
{
	for (struct var *v = vars; v != NULL; v = v->next)
		if (v->exported && !overridden(v->name, extra, nextra))
			strvec_add(out, env_string(v->name, v->value));
	for (int i = 0; i < nextra; i++)
		strvec_add(out, strdup(extra[i]));
	if (out->v == NULL)
		strvec_add(out, NULL), out->n = 0;
}

void
var_print_exported(void)
{
	for (struct var *v = vars; v != NULL; v = v->next)
		if (v->exported)
			printf("export %s='%s'\n", v->name, v->value);
}
