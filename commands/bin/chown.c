/*
 * chown, chgrp - change files' owner and group.
 *
 * Usage: chown owner[:group] file...     chown :group file...
 *        chgrp group file...             (the same program, called chgrp)
 * An owner or group is a number or a name from /etc/passwd or /etc/group (the third field
 * of the line "name:password:id:..." whose first field is the name).  Only root may give a
 * file away; the owner may change its group to its own (_POSIX_CHOWN_RESTRICTED).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The id of name in file (/etc/passwd or /etc/group), or a number: 0 and *id, or -1. */
static int
lookup_id(const char *file, const char *name, unsigned long *id)
{
	char line[256], *end, *f2, *f3;
	size_t n = strlen(name);
	FILE *f;
	int r = -1;

	*id = strtoul(name, &end, 10);
	if (*name != '\0' && *end == '\0')
		return 0;
	if ((f = fopen(file, "r")) == NULL)
		return -1;
	while (r != 0 && fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, name, n) != 0 || line[n] != ':')
			continue;
		if ((f2 = strchr(line + n + 1, ':')) == NULL)
			continue;
		f3 = f2 + 1;
		*id = strtoul(f3, &end, 10);
		if (end != f3 && (*end == ':' || *end == '\n' || *end == '\0'))
			r = 0;
	}
	fclose(f);
	return r;
}

/* Parse "owner[:group]" (chgrp: "group") into *uid, *gid ((unsigned long)-1: unchanged). */
static int
parse_ids(char *spec, int is_chgrp, unsigned long *uid, unsigned long *gid)
{
	char *colon = is_chgrp ? NULL : strchr(spec, ':'), *group = is_chgrp ? spec : NULL;

	*uid = *gid = (unsigned long)-1;
	if (colon != NULL) {
		*colon = '\0';
		group = colon + 1;
	}
	if (!is_chgrp && *spec != '\0' && lookup_id("/etc/passwd", spec, uid) != 0) {
		fprintf(stderr, "chown: unknown user %s\n", spec);
		return -1;
	}
	if (group != NULL && *group != '\0' && lookup_id("/etc/group", group, gid) != 0) {
		fprintf(stderr, "%s: unknown group %s\n", is_chgrp ? "chgrp" : "chown", group);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const char *me = strrchr(argv[0], '/') != NULL ? strrchr(argv[0], '/') + 1 : argv[0];
	int is_chgrp = strcmp(me, "chgrp") == 0, rc = 0;
	unsigned long uid, gid;

	if (argc < 3) {
		fprintf(stderr, is_chgrp ? "usage: chgrp group file...\n"
		                         : "usage: chown owner[:group] file...\n");
		return 2;
	}
	if (parse_ids(argv[1], is_chgrp, &uid, &gid) != 0)
		return 2;
	for (int i = 2; i < argc; i++) {
		if (chown(argv[i], (uid_t)uid, (gid_t)gid) != 0) {
			fprintf(stderr, "%s: %s: %s\n", me, argv[i], strerror(errno));
			rc = 1;
		}
	}
	return rc;
}
