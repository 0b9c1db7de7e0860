/*
 * builtin.c - the commands the shell runs itself, because they change the shell or ask
 * about it: cd, pwd, exit, export, unset, readonly, exec, wait, type, command -v/-V, and
 * ':' (does nothing); ulimit is ulimit.c, the builtins of the language are in lang.c.  Each takes argc and argv like main() and returns the exit
 * status; a lone builtin runs in the shell process with its redirections undone afterwards
 * (exec.c), one in a pipeline runs in a child.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "sh.h"

static int
bi_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : var_get("HOME");
	char cwd[PATH_MAX];

	if (argc > 2) {
		sh_error("cd: too many arguments");
		return 2;
	}
	if (dir == NULL || *dir == '\0')
		dir = "/";
	if (chdir(dir) != 0) {
		sh_error("cd: %s: %s", dir, strerror(errno));
		return 1;
	}
	if (getcwd(cwd, sizeof(cwd)) != NULL)
		var_set("PWD", cwd, 0);
	return 0;
}

static int
bi_pwd(int argc, char **argv)
{
	char cwd[PATH_MAX];

	(void)argc;
	(void)argv;
	if (getcwd(cwd, sizeof(cwd)) == NULL) {
		sh_error("pwd: %s", strerror(errno));
		return 1;
	}
	printf("%s\n", cwd);
	return 0;
}

static int
bi_exit(int argc, char **argv)
{
	char *end;
	long n;

	if (argc > 1) {
		n = strtol(argv[1], &end, 10);
		if (*argv[1] == '\0' || *end != '\0') {
			sh_error("exit: %s: numeric argument required", argv[1]);
			n = 2;
		}
		sh_status = (int)(n & 0xFF);
	}
	sh_exit_requested = 1;
	return sh_status;
}

static int
bi_export(int argc, char **argv)
{
	int st = 0;

	if (argc == 1)
		var_print_exported();
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		size_t len = eq != NULL ? (size_t)(eq - argv[i]) : strlen(argv[i]);

		if (!var_valid_name(argv[i], len)) {
			sh_error("export: %s: bad variable name", argv[i]);
			st = 1;
		} else if (eq != NULL) {
			*eq = '\0';
			var_set(argv[i], eq + 1, 1);
			*eq = '=';
		} else {
			var_export(argv[i]);
		}
	}
	return st;
}

/* unset [-f | -v] name...: variables (-v, the default) or functions (-f). */
static int
bi_unset(int argc, char **argv)
{
	int i = 1, st = 0, funcs = 0;

	for (; i < argc && (!strcmp(argv[i], "-f") || !strcmp(argv[i], "-v")); i++)
		funcs = argv[i][1] == 'f';
	for (; i < argc; i++)
		if (funcs)
			unset_function(argv[i]);
		else if (var_unset(argv[i]) != 0)
			st = 1;
	return st;
}

/* readonly [-p] [name[=value]...]: without names, list the read-only variables. */
static int
bi_readonly(int argc, char **argv)
{
	int i = argc > 1 && strcmp(argv[1], "-p") == 0 ? 2 : 1, st = 0;

	if (i == argc)
		var_print_readonly();
	for (; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		size_t len = eq != NULL ? (size_t)(eq - argv[i]) : strlen(argv[i]);

		if (!var_valid_name(argv[i], len)) {
			sh_error("readonly: %s: bad variable name", argv[i]);
			st = 1;
			continue;
		}
		if (eq != NULL)
			*eq = '\0';
		if (eq != NULL && var_set(argv[i], eq + 1, 0) != 0)
			st = 1;
		else
			var_set_readonly(argv[i]);
		if (eq != NULL)
			*eq = '=';
	}
	return st;
}

/* Where PATH finds program name: its path in buf, or NULL. */
static const char *
path_search(const char *name, char *buf, size_t size)
{
	const char *p = var_get("PATH"), *colon;
	struct stat st;

	if (strchr(name, '/') != NULL)
		return access(name, X_OK) == 0 && stat(name, &st) == 0 && S_ISREG(st.st_mode) ?
		       name : NULL;
	for (p = p != NULL ? p : "/bin"; ; p = colon + 1) {
		size_t len;

		colon = strchr(p, ':');
		len = colon != NULL ? (size_t)(colon - p) : strlen(p);
		snprintf(buf, size, "%.*s/%s", (int)len, len > 0 ? p : ".", name);
		if (access(buf, X_OK) == 0 && stat(buf, &st) == 0 && S_ISREG(st.st_mode))
			return buf;
		if (colon == NULL)
			return NULL;
	}
}

/* Say what name is, as command -v (verbose 0) or command -V and type (1): 0, or 127 if
 * it is nothing (a message on standard error for -V and type). */
static int
describe(const char *name, int verbose)
{
	static const char *const reserved[] = { "if", "then", "elif", "else", "fi", "while",
		"until", "for", "in", "do", "done", "case", "esac", "{", "}", "!" };
	const char *what = NULL, *path;
	char buf[PATH_MAX];

	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (strcmp(name, reserved[i]) == 0)
			what = "a shell keyword";
	if (what == NULL && is_function(name))
		what = "a shell function";
	else if (what == NULL && find_builtin(name) != NULL)
		what = "a shell builtin";
	if (what != NULL) {
		printf(verbose ? "%s is %s\n" : "%s\n", name, what);
		return 0;
	}
	if ((path = path_search(name, buf, sizeof(buf))) == NULL) {
		if (verbose)
			sh_error("%s: not found", name);
		return 127;
	}
	printf(verbose ? "%s is %s\n" : "%s\n", verbose ? name : path, path);
	return 0;
}

/* type name...: what each name is (keyword, function, builtin or program). */
static int
bi_type(int argc, char **argv)
{
	int st = 0;

	for (int i = 1; i < argc; i++)
		if (describe(argv[i], 1) != 0)
			st = 127;
	return st;
}

/* command -v|-V name...: what each name is.  command [-p] name arg... (running a command
 * without its functions) is done by exec.c, which drops the word "command"; it gets here
 * only without a name. */
static int
bi_command(int argc, char **argv)
{
	int i = 1, verbose = -1, st = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o != '\0'; o++) {
			if (*o == 'v' || *o == 'V') {
				verbose = *o == 'V';
			} else if (*o != 'p') {
				sh_error("command: -%c: bad option", *o);
				return 2;
			}
		}
	}
	if (verbose < 0 || i == argc)
		return 0;
	for (; i < argc; i++)
		if (describe(argv[i], verbose) != 0)
			st = 127;
	return st;
}

/* exec with arguments replaces the shell (redirections already applied by exec.c). */
static int
bi_exec(int argc, char **argv)
{
	struct strvec env = { NULL, 0, 0, 0, 0, 0 };
	int st;

	if (argc < 2)
		return 0;
	var_environ(&env, NULL, 0);
	fflush(NULL);
	st = exec_program(argv + 1, env.v);
	strvec_free(&env);
	if (!sh_interactive)
		exit(st);
	return st;
}

static int
bi_wait(int argc, char **argv)
{
	if (argc > 1)
		return wait_jobs((pid_t)atoi(argv[1]));
	return wait_jobs(0);
}

static int
bi_colon(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static const struct {
	const char *name;
	builtin_fn fn;
} builtins[] = {
	{ "cd", bi_cd }, { "pwd", bi_pwd }, { "exit", bi_exit }, { "export", bi_export },
	{ "unset", bi_unset }, { "exec", bi_exec }, { "wait", bi_wait }, { ":", bi_colon },
	{ "fg", bi_fg }, { "bg", bi_bg }, { "jobs", bi_jobs }, { "trap", bi_trap },
	{ "ulimit", bi_ulimit }, { "readonly", bi_readonly }, { "type", bi_type },
	{ "command", bi_command },
};

builtin_fn
find_builtin(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return builtins[i].fn;
	return find_lang_builtin(name);
}
