/*
 * pwd.c - the user and group databases: getpwnam, getpwuid, getpwent, getgrnam,
 * getgrgid, getgrent and getlogin over /etc/passwd and /etc/group (<pwd.h>, <grp.h>;
 * handouts/pm.md, "Users and su").
 *
 * Each file is read with stdio, one line at a time into a static buffer, and split in place
 * at its colons (split_line); the static struct passwd or struct group points into that
 * buffer.  A line with too few fields or a bad number is skipped.  Lookups by name or id
 * scan the file from its start (rewinding the stream getpwent/getgrent share).
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LINE_MAX_DB 512
#define MEMBERS_MAX 32

static char line[LINE_MAX_DB];
static FILE *pw_file, *gr_file;
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

/* Open *fp (path) if it is not, else rewind it if rewind_it: 0, or -1 with errno. */
static int
db_open(FILE **fp, const char *path, int rewind_it)
{
	if (*fp == NULL)
		*fp = fopen(path, "r");
	else if (rewind_it)
		rewind(*fp);
	return *fp == NULL ? -1 : 0;
}

/* The next line of f split into struct passwd pw, or NULL at the end of the file. */
static struct passwd *
next_pw(FILE *f)
{
	char *fld[7];

	while (fgets(line, sizeof(line), f) != NULL) {
		if (split_line(line, ':', fld, 7) != 7 || parse_id(fld[2], &pw.pw_uid) != 0 ||
		    parse_id(fld[3], &pw.pw_gid) != 0)
			continue;
		pw.pw_name = fld[0], pw.pw_passwd = fld[1], pw.pw_gecos = fld[4];
		pw.pw_dir = fld[5], pw.pw_shell = fld[6];
		return &pw;
	}
	return NULL;
}

/* The first user that name (if not NULL) or else uid names. */
static struct passwd *
find_pw(const char *name, uid_t uid)
{
	struct passwd *p;

	if (db_open(&pw_file, "/etc/passwd", 1) != 0)
		return NULL;
	while ((p = next_pw(pw_file)) != NULL)
		if (name != NULL ? strcmp(p->pw_name, name) == 0 : p->pw_uid == uid)
			return p;
	return NULL;
}

struct passwd *getpwnam(const char *name) { return name ? find_pw(name, 0) : NULL; }
struct passwd *getpwuid(uid_t uid) { return find_pw(NULL, uid); }

struct passwd *
getpwent(void)
{
	return db_open(&pw_file, "/etc/passwd", 0) == 0 ? next_pw(pw_file) : NULL;
}

void
setpwent(void)
{
	if (pw_file != NULL)
		rewind(pw_file);
}

void
endpwent(void)
{
	if (pw_file != NULL)
		fclose(pw_file);
	pw_file = NULL;
}

/* The next line of f split into struct group gr, or NULL at the end of the file. */
static struct group *
next_gr(FILE *f)
{
	char *fld[4];
	int n;

	while (fgets(line, sizeof(line), f) != NULL) {
		if (split_line(line, ':', fld, 4) != 4 || parse_id(fld[2], &gr.gr_gid) != 0)
			continue;
		gr.gr_name = fld[0], gr.gr_passwd = fld[1];
		n = fld[3][0] == '\0' ? 0 : split_line(fld[3], ',', members, MEMBERS_MAX);
		members[n] = NULL;
		gr.gr_mem = members;
		return &gr;
	}
	return NULL;
}

/* The first group that name (if not NULL) or else gid names. */
static struct group *
find_gr(const char *name, gid_t gid)
{
	struct group *g;

	if (db_open(&gr_file, "/etc/group", 1) != 0)
		return NULL;
	while ((g = next_gr(gr_file)) != NULL)
		if (name != NULL ? strcmp(g->gr_name, name) == 0 : g->gr_gid == gid)
			return g;
	return NULL;
}

struct group *getgrnam(const char *name) { return name ? find_gr(name, 0) : NULL; }
struct group *getgrgid(gid_t gid) { return find_gr(NULL, gid); }

struct group *
getgrent(void)
{
	return db_open(&gr_file, "/etc/group", 0) == 0 ? next_gr(gr_file) : NULL;
}

void
setgrent(void)
{
	if (gr_file != NULL)
		rewind(gr_file);
}

void
endgrent(void)
{
	if (gr_file != NULL)
		fclose(gr_file);
	gr_file = NULL;
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
