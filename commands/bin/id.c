/*
 * id - print user and group ids.
 *
 * Usage: id [-u | -g] [-n] [-r] [USER]
 * Without options: "uid=N(name) gid=N(name)", then " euid=N(name)" and " egid=N(name)"
 * where the effective ids differ from the real ones (a set-user-id program; handouts/pm.md,
 * "Set-user-id programs").  -u prints only the effective user id, -g the effective group
 * id; -r makes them the real ones; -n prints the name instead of the number.  With USER,
 * that user's ids from /etc/passwd.  A name /etc/passwd or /etc/group lacks is left out
 * (the number alone).  Then " groups=" and the groups, separated by commas: the effective
 * group first, then the supplementary groups (getgroups; for USER, the groups of
 * /etc/group that list USER), each once.  Exit status 1 for an unknown user, 2 for a usage
 * error.
 */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define GROUPS_LISTED   64      /* at most this many groups are printed */

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

/* Add gid to list (n entries, at most max) unless it is there already. */
static int
add_group(gid_t *list, int n, int max, gid_t gid)
{
	int i;

	for (i = 0; i < n && list[i] != gid; i++)
		;
	if (i == n && n < max)
		list[n++] = gid;
	return n;
}

/* The groups of user: egid, then those of /etc/group that list user (NULL: the caller's
 * supplementary groups).  Their number. */
static int
groups_of(const char *user, gid_t egid, gid_t *list, int max)
{
	gid_t sup[GROUPS_LISTED];
	struct group *g;
	int n = add_group(list, 0, max, egid), k, i;

	if (user == NULL) {
		k = getgroups(GROUPS_LISTED, sup);	/* more: -1, none listed */
		for (i = 0; i < k; i++)
			n = add_group(list, n, max, sup[i]);
		return n;
	}
	setgrent();
	while ((g = getgrent()) != NULL)
		for (i = 0; g->gr_mem[i] != NULL; i++)
			if (strcmp(g->gr_mem[i], user) == 0)
				n = add_group(list, n, max, g->gr_gid);
	endgrent();
	return n;
}

/* " groups=N(name),N(name)..." */
static void
show_groups(const char *user, gid_t egid)
{
	gid_t list[GROUPS_LISTED];
	int n = groups_of(user, egid, list, GROUPS_LISTED), i;

	for (i = 0; i < n; i++) {
		const char *name = group_name(list[i]);

		printf("%s%u", i == 0 ? " groups=" : ",", (unsigned)list[i]);
		if (name != NULL)
			printf("(%s)", name);
	}
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
	show_groups(optind < argc ? argv[optind] : NULL, egid);
	printf("\n");
	return 0;
}
