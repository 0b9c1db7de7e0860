/*
 * su - run a shell as another user.
 *
 * Usage: su [-] [USER] [-c COMMAND]
 * Becomes USER (root if none is named): the group and user ids of its /etc/passwd entry
 * and its supplementary groups from /etc/group (initgroups, setgid, then setuid), HOME, SHELL, USER and LOGNAME from the entry, then runs the
 * user's shell (/bin/sh if the field is empty), with "-c COMMAND" if given.  "-" (or -l)
 * starts a login shell: the environment is emptied but for TERM, PATH is /bin, and the
 * shell starts in the user's home directory.
 * Minnow has no passwords (handouts/pm.md, "Users and su"): root may become anyone without
 * one, and nobody else may use su at all (it is not set-user-id): "Operation not
 * permitted" and status 1.  Status 1 also for an unknown user; 2 for a usage error;
 * otherwise the shell's.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static int
usage(void)
{
	fprintf(stderr, "usage: su [-] [user] [-c command]\n");
	return 2;
}

/* The environment of the new user: emptied first for a login. */
static int
set_env(const struct passwd *p, const char *shell, int login)
{
	static char *empty[1];
	char *term = getenv("TERM");

	if (login) {
		if (term != NULL && (term = strdup(term)) == NULL)
			return -1;
		environ = empty;
		if (setenv("PATH", "/bin", 1) != 0 ||
		    (term != NULL && setenv("TERM", term, 1) != 0))
			return -1;
	}
	return setenv("HOME", p->pw_dir, 1) == 0 && setenv("SHELL", shell, 1) == 0 &&
	       setenv("USER", p->pw_name, 1) == 0 && setenv("LOGNAME", p->pw_name, 1) == 0 ?
	       0 : -1;
}

/* Become p (group first: after setuid a user may not change it) and run its shell. */
static int
become(const struct passwd *p, int login, char *command)
{
	const char *shell = p->pw_shell[0] != '\0' ? p->pw_shell : "/bin/sh";
	char *argv[4] = { "sh", NULL, NULL, NULL };

	if (initgroups(p->pw_name, p->pw_gid) != 0 || setgid(p->pw_gid) != 0 ||
	    setuid(p->pw_uid) != 0) {
		fprintf(stderr, "su: %s\n", strerror(errno));
		return 1;
	}
	if (set_env(p, shell, login) != 0) {
		fprintf(stderr, "su: environment: %s\n", strerror(errno));
		return 1;
	}
	if (login && chdir(p->pw_dir) != 0)
		fprintf(stderr, "su: %s: %s\n", p->pw_dir, strerror(errno));
	if (command != NULL)
		argv[1] = "-c", argv[2] = command;
	execv(shell, argv);
	fprintf(stderr, "su: %s: %s\n", shell, strerror(errno));
	return 1;
}

int
main(int argc, char **argv)
{
	const char *user = "root";
	char *command = NULL;
	struct passwd *p;
	int i = 1, login = 0;

	if (i < argc && (strcmp(argv[i], "-") == 0 || strcmp(argv[i], "-l") == 0))
		login = 1, i++;
	if (i < argc && argv[i][0] != '-')
		user = argv[i++];
	if (i < argc && strcmp(argv[i], "-c") == 0 && i + 1 < argc)
		command = argv[i + 1], i += 2;
	if (i != argc)
		return usage();
	if (geteuid() != 0) {
		fprintf(stderr, "su: %s (Minnow has no passwords: only root may su)\n",
			strerror(EPERM));
		return 1;
	}
	if ((p = getpwnam(user)) == NULL) {
		fprintf(stderr, "su: %s: no such user\n", user);
		return 1;
	}
	return become(p, login, command);
}
