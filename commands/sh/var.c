/*
 * var.c - the shell's variables: a small table of name, value and the "exported" and
 * "read-only" flags, filled from the environment at start-up.  Exported variables (and a
 * command's own NAME=value prefixes) make up the environment of the programs the shell
 * runs.  A read-only variable (readonly) can be neither set nor unset: var_set and
 * var_unset refuse with a message; it may have no value (readonly NAME of an unset name).
 *
 * Function scopes (local): each running function has a frame (var_push_scope when it
 * starts, var_pop_scope when it ends, however it ends); `local NAME` saves NAME's value
 * and flags in the innermost frame the first time, and leaving the function puts them
 * back -- the variable is unset again if it was unset.  Inside, the variable keeps the
 * value it had until the function assigns one (as dash does), and functions the function
 * calls see the local one (dynamic scope).
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
	int readonly;
	struct var *next;
};

static struct var *vars;

/* A variable's state before `local` changed it. */
struct saved_var {
	char *name;
	char *value;            /* NULL: it was unset */
	int exported;
	int readonly;
	struct saved_var *next;
};

/* One running function's locals. */
struct scope {
	struct saved_var *saved;
	struct scope *up;
};

static struct scope *scopes;

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

int
var_readonly(const char *name)
{
	struct var *v = find(name);

	return v != NULL && v->readonly;
}

/* Set name (export: 1 mark exported, 0 leave as it is); 0 or -1 (bad name, or read-only:
 * after a message). */
int
var_set(const char *name, const char *value, int export)
{
	struct var *v = find(name);
	char *copy;

	if (!var_valid_name(name, strlen(name)))
		return -1;
	if (v != NULL && v->readonly) {
		sh_error("%s: is read only", name);
		return -1;
	}
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

/* Remove name, even a read-only one. */
static void
remove_var(const char *name)
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

int
var_unset(const char *name)
{
	if (var_readonly(name)) {
		sh_error("unset: %s: is read only", name);
		return -1;
	}
	remove_var(name);
	return 0;
}

/* Mark name read-only (created without a value if it does not exist): 0 or -1. */
int
var_set_readonly(const char *name)
{
	struct var *v = find(name);

	if (v == NULL) {
		if (!var_valid_name(name, strlen(name)) || (v = calloc(1, sizeof(*v))) == NULL ||
		    (v->name = strdup(name)) == NULL) {
			free(v);
			return -1;
		}
		v->next = vars;
		vars = v;
	}
	v->readonly = 1;
	return 0;
}

void
var_print_readonly(void)
{
	for (struct var *v = vars; v != NULL; v = v->next)
		if (v->readonly && v->value != NULL)
			printf("readonly %s='%s'\n", v->name, v->value);
		else if (v->readonly)
			printf("readonly %s\n", v->name);
}

void
var_push_scope(void)
{
	struct scope *s = calloc(1, sizeof(*s));

	if (s == NULL) {
		sh_error("out of memory");
		exit(2);
	}
	s->up = scopes;
	scopes = s;
}

/* Put back what local changed in the innermost scope, and drop the scope. */
void
var_pop_scope(void)
{
	struct scope *s = scopes;
	struct saved_var *sv, *next;

	if (s == NULL)
		return;
	for (sv = s->saved; sv != NULL; sv = next) {
		struct var *v;

		next = sv->next;
		remove_var(sv->name);
		if (sv->value != NULL || sv->readonly) {
			if ((v = calloc(1, sizeof(*v))) != NULL) {
				v->name = sv->name;
				v->value = sv->value;
				v->exported = sv->exported;
				v->readonly = sv->readonly;
				v->next = vars;
				vars = v;
				sv->name = sv->value = NULL;
			}
		}
		free(sv->name);
		free(sv->value);
		free(sv);
	}
	scopes = s->up;
	free(s);
}

int
var_in_scope(void)
{
	return scopes != NULL;
}

int
var_make_local(const char *name)
{
	struct var *v = find(name);
	struct saved_var *sv;

	if (scopes == NULL)
		return -1;
	for (sv = scopes->saved; sv != NULL; sv = sv->next)
		if (strcmp(sv->name, name) == 0)
			return 0;       /* already local here */
	if ((sv = calloc(1, sizeof(*sv))) == NULL || (sv->name = strdup(name)) == NULL ||
	    (v != NULL && v->value != NULL && (sv->value = strdup(v->value)) == NULL)) {
		sh_error("out of memory");
		exit(2);
	}
	sv->exported = v != NULL && v->exported;
	sv->readonly = v != NULL && v->readonly;
	sv->next = scopes->saved;
	scopes->saved = sv;
	return 0;
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
		if (v->exported && v->value != NULL && !overridden(v->name, extra, nextra))
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
		if (v->exported && v->value != NULL)
			printf("export %s='%s'\n", v->name, v->value);
}
