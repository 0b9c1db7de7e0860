/*
 * pwd.c - the user and group databases: getpwnam, getpwuid, getpwent, getgrnam,
 * getgrgid, getgrent, initgroups, getlogin and cuserid over /etc/passwd and /etc/group (<pwd.h>,
 * <grp.h>; handouts/pm.md, "Users and su" and "Supplementary groups").
 *
 * Each file is a struct db: read with stdio, one line at a time into its own static
 * buffer, and split in place at its colons (split_line); the static struct passwd or
 * struct group points into that buffer.  A line with too few fields or a bad number is
 * skipped.  Lookups by name or id open the file, scan it from its start and close it again
 * (db_find), so no descriptor stays open behind them and an enumeration in progress with
 * getpwent/getgrent (which keep their stream open until endpwent/endgrent) is not
 * disturbed.
 */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LINE_MAX_DB 512
#define MEMBERS_MAX 32

static struct passwd pw;
static struct group gr;
static char *members[MEMBERS_MAX + 1];

/* Split s in place at each sep into at most n fields; the number of fields found. */
static int
split_line(char *s, char sep, char **fields, int n)
{
	int k = 0;

	s[strcspn(s, "\n")] = '\0';
	while (k < n) {
		fields[k++] = s;
		if ((s = strchr(s, sep)) == NULL)
			break;
		*s++ = '\0';
	}
	return k;
}

/* A decimal id field: 0 and *id set, or -1 for anything else. */
static int
parse_id(const char *s, uint32_t *id)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtoul(s, &end, 10);
	if (*end != '\0')
		return -1;
	*id = (uint32_t)v;
	return 0;
}

/* One database file: its stream (shared by the lookups and the *ent calls), the line its
 * static entry points into (one per file: a group lookup leaves a passwd entry alone), and
 * how to split a line into that entry, whose name and id the lookups compare. */
struct db {
	const char *path;
	FILE *f;
	char line[LINE_MAX_DB];
	void *(*parse)(char *line);		/* NULL for a bad line */
	const char *(*name_of)(const void *e);
	uint32_t (*id_of)(const void *e);
};

/* The next good entry of d in stream f, or NULL at its end. */
static void *
db_scan(struct db *d, FILE *f)
{
	void *e;

	while (fgets(d->line, sizeof(d->line), f) != NULL)
		if ((e = d->parse(d->line)) != NULL)
			return e;
	return NULL;
}

/* The next good entry of d's enumeration stream (opened if need be), or NULL. */
static void *
db_next(struct db *d)
{
	if (d->f == NULL && (d->f = fopen(d->path, "r")) == NULL)
		return NULL;
	return db_scan(d, d->f);
}

/* The first entry of d that name (if not NULL) or else id names, or NULL: a stream of its
 * own, closed before it returns. */
static void *
db_find(struct db *d, const char *name, uint32_t id)
{
	FILE *f = fopen(d->path, "r");
	void *e = NULL;

	if (f == NULL)
		return NULL;
	while ((e = db_scan(d, f)) != NULL)
		if (name != NULL ? strcmp(d->name_of(e), name) == 0 : d->id_of(e) == id)
			break;
	fclose(f);
	return e;
}

static void
db_close(struct db *d)
{
	if (d->f != NULL)
		fclose(d->f);
	d->f = NULL;
}

/* A line of /etc/passwd into pw. */
static void *
parse_pw(char *s)
{
	char *fld[7];

	if (split_line(s, ':', fld, 7) != 7 || parse_id(fld[2], &pw.pw_uid) != 0 ||
	    parse_id(fld[3], &pw.pw_gid) != 0)
		return NULL;
	pw.pw_name = fld[0], pw.pw_passwd = fld[1], pw.pw_gecos = fld[4];
	pw.pw_dir = fld[5], pw.pw_shell = fld[6];
	return &pw;
}

/* A line of /etc/group into gr. */
static void *
parse_gr(char *s)
{
	char *fld[4];
	int n;

	if (split_line(s, ':', fld, 4) != 4 || parse_id(fld[2], &gr.gr_gid) != 0)
		return NULL;
	gr.gr_name = fld[0], gr.gr_passwd = fld[1];
	n = fld[3][0] == '\0' ? 0 : split_line(fld[3], ',', members, MEMBERS_MAX);
	members[n] = NULL;
	gr.gr_mem = members;
	return &gr;
}

static const char *pw_name(const void *e) { return ((const struct passwd *)e)->pw_name; }
static uint32_t pw_id(const void *e) { return ((const struct passwd *)e)->pw_uid; }
static const char *gr_name(const void *e) { return ((const struct group *)e)->gr_name; }
static uint32_t gr_id(const void *e) { return ((const struct group *)e)->gr_gid; }

static struct db pw_db = { "/etc/passwd", NULL, "", parse_pw, pw_name, pw_id };
static struct db gr_db = { "/etc/group", NULL, "", parse_gr, gr_name, gr_id };

struct passwd *getpwnam(const char *name) { return name ? db_find(&pw_db, name, 0) : NULL; }
struct passwd *getpwuid(uid_t uid) { return db_find(&pw_db, NULL, uid); }
struct passwd *getpwent(void) { return db_next(&pw_db); }
void setpwent(void) { if (pw_db.f != NULL) rewind(pw_db.f); }
void endpwent(void) { db_close(&pw_db); }

struct group *getgrnam(const char *name) { return name ? db_find(&gr_db, name, 0) : NULL; }
struct group *getgrgid(gid_t gid) { return db_find(&gr_db, NULL, gid); }
struct group *getgrent(void) { return db_next(&gr_db); }
void setgrent(void) { if (gr_db.f != NULL) rewind(gr_db.f); }
void endgrent(void) { db_close(&gr_db); }

/*
 * initgroups: the supplementary groups of user are group (its login group) and every group
 * of /etc/group that lists user as a member, NGROUPS_MAX at most (the rest are left out);
 * setgroups() sets them (root only: EPERM otherwise).
 */
int
initgroups(const char *user, gid_t group)
{
	gid_t list[NGROUPS_MAX];
	struct group *g;
	int n = 0, i, k;

	list[n++] = group;
	setgrent();
	while ((g = getgrent()) != NULL && n < NGROUPS_MAX) {
		for (i = 0; g->gr_mem[i] != NULL && strcmp(g->gr_mem[i], user) != 0; i++)
			;
		for (k = 0; k < n && list[k] != g->gr_gid; k++)
			;
		if (g->gr_mem[i] != NULL && k == n)
			list[n++] = g->gr_gid;
	}
	endgrent();
	return setgroups((size_t)n, list);
}

/* Minnow keeps no login records: the login name is the real user's name. */
char *
getlogin(void)
{
	static char name[32];
	struct passwd *p = getpwuid(getuid());

	if (p == NULL) {
		errno = ENXIO;
		return NULL;
	}
	strncpy(name, p->pw_name, sizeof(name) - 1);
	return name;
}

/* The name of the effective user (as glibc: getlogin() names the real one); "" in s when
 * there is none, NULL only when s is NULL then. */
char *
cuserid(char *s)
{
	static char name[L_cuserid];
	struct passwd *p = getpwuid(geteuid());
	char *buf = s != NULL ? s : name;

	buf[0] = '\0';
	if (p == NULL)
		return s;
	strncpy(buf, p->pw_name, L_cuserid - 1);
	buf[L_cuserid - 1] = '\0';
	return buf;
}
