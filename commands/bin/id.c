/*
 * id - print user and group ids.
 *
 * Usage: id [-u | -g] [-n] [-r] [USER]
 * Without options: "uid=N(name) gid=N(name)", then " euid=N(name)" and " egid=N(name)"
 * where the effective ids differ from the real ones (a set-user-id program; handouts/pm.md,
 * "Set-user-id programs").  -u prints only the effective user id, -g the effective group
 * id; -r makes them the real ones; -n prints the name instead of the number.  With USER,
 * that user's ids from /etc/passwd.  A name /etc/passwd or /etc/group lacks is left out
 * (the number alone).  Minnow processes have no supplementary groups, so there is no
 * "groups=" list.  Exit status 1 for an unknown user, 2 for a usage error.
 */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *
user_name(uid_t id)
{
	struct passwd *p = getpwuid(id);

	return p != NULL ? p->pw_name : NULL;
}

static const char *
group_name(gid_t id)
{
	struct group *g = getgrgid(id);

	return g != NULL ? g->gr_name : NULL;
}

/* " label=N(name)" (no space before the first). */
static void
show(const char *label, unsigned id, const char *name, int first)
{
	printf("%s%s=%u", first ? "" : " ", label, id);
	if (name != NULL)
		printf("(%s)", name);
}

/* -u or -g: one id, as a number or (-n) a name. */
static int
show_one(unsigned id, const char *name, int names)
{
	if (names && name != NULL)
		printf("%s\n", name);
	else
		printf("%u\n", id);
	return 0;
}

static int
usage(void)
{
	fprintf(stderr, "usage: id [-u | -g] [-n] [-r] [user]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	int c, only = 0, names = 0, real = 0;
	uid_t ruid = getuid(), euid = geteuid();
	gid_t rgid = getgid(), egid = getegid();

	while ((c = getopt(argc, argv, "ugnr")) != -1) {
		if (c == 'u' || c == 'g')
			only = only != 0 ? -1 : c;
		else if (c == 'n')
			names = 1;
		else if (c == 'r')
			real = 1;
		else
			return usage();
	}
	if (only < 0 || argc - optind > 1 || ((names || real) && only == 0))
		return usage();
	if (optind < argc) {
		struct passwd *p = getpwnam(argv[optind]);

		if (p == NULL) {
			fprintf(stderr, "id: %s: no such user\n", argv[optind]);
			return 1;
		}
		ruid = euid = p->pw_uid, rgid = egid = p->pw_gid;
	}
	if (only == 'u')
		return show_one(real ? ruid : euid, user_name(real ? ruid : euid), names);
	if (only == 'g')
		return show_one(real ? rgid : egid, group_name(real ? rgid : egid), names);
	show("uid", ruid, user_name(ruid), 1);
	show("gid", rgid, group_name(rgid), 0);
	if (euid != ruid)
		show("euid", euid, user_name(euid), 0);
	if (egid != rgid)
		show("egid", egid, group_name(egid), 0);
	printf("\n");
	return 0;
}
