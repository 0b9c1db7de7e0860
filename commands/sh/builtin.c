/*
 * builtin.c - the commands the shell runs itself, because they change the shell: cd, pwd,
 * exit, export, unset, exec, wait, ulimit, and ':' (does nothing); the builtins of the
 * language are in lang.c.  Each takes argc and argv like main() and returns the exit
 * status; a lone builtin runs in the shell process with its redirections undone afterwards
 * (exec.c), one in a pipeline runs in a child.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
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

static int
bi_unset(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		var_unset(argv[i]);
	return 0;
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

/* Print the core file size limit (512-byte blocks). */
static void
print_core_limit(const char *label)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_CORE, &rl) != 0)
		sh_error("ulimit: -c: %s", strerror(errno));
	else if (rl.rlim_cur == RLIM_INFINITY)
		printf("%sunlimited\n", label);
	else
		printf("%s%lu\n", label, (unsigned long)(rl.rlim_cur / 512));
}

/* ulimit -c N | unlimited: soft and hard core file size limit (512-byte blocks). */
static int
set_core_limit(const char *val)
{
	struct rlimit rl;
	char *end;
	unsigned long n;

	if (strcmp(val, "unlimited") == 0) {
		rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
	} else {
		n = strtoul(val, &end, 10);
		if (*val == '\0' || *end != '\0' || n > 0x7FFFFFu) {
			sh_error("ulimit: %s: bad number", val);
			return 1;
		}
		rl.rlim_cur = rl.rlim_max = (rlim_t)n * 512;
	}
	if (setrlimit(RLIMIT_CORE, &rl) != 0) {
		sh_error("ulimit: -c: %s", strerror(errno));
		return 1;
	}
	return 0;
}

/* ulimit [-a | -c | -f] [N | unlimited]: the core file size limit (-c); the file size
 * (-f, the default) is always unlimited (not implemented: setting it). */
static int
bi_ulimit(int argc, char **argv)
{
	int flagged = argc > 1 && argv[1][0] == '-';
	const char *opt = flagged ? argv[1] : "-f", *val = argc > 1 + flagged ? argv[1 + flagged] : NULL;

	if (argc > 2 + flagged || (strcmp(opt, "-a") && strcmp(opt, "-c") && strcmp(opt, "-f")) ||
	    (val != NULL && !strcmp(opt, "-a"))) {
		sh_error("ulimit: usage: ulimit [-a | -c | -f] [N | unlimited]");
		return 2;
	}
	if (!strcmp(opt, "-c"))
		return val != NULL ? set_core_limit(val) : (print_core_limit(""), 0);
	if (!strcmp(opt, "-a"))
		print_core_limit("core file size (blocks, -c) ");
	if (val != NULL) {
		sh_error("ulimit: -f: not implemented (files have no size limit)");
		return 1;
	}
	printf("%sunlimited\n", !strcmp(opt, "-a") ? "file size (blocks, -f) " : "");
	return 0;
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
	{ "ulimit", bi_ulimit },
};

builtin_fn
find_builtin(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return builtins[i].fn;
	return find_lang_builtin(name);
}
