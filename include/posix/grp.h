/**
 * @file grp.h
 * @brief The group database: /etc/group (handouts/pm.md, "Users and su").
 *
 * /etc/group holds one group a line, four fields separated by colons:
 *
 *     name:password:gid:member,member,...
 *
 * The password field is "*" (Minnow has no passwords).  The member lists are a user's
 * supplementary groups (initgroups, handouts/pm.md, "Supplementary groups").  As with
 * pwd.h, the result is static, overwritten by the next call, and NULL means no such group.
 */
#ifndef _POSIX_GRP_H
#define _POSIX_GRP_H

#include <sys/types.h>

/** One group. */
struct group {
	char *gr_name;          /**< group name */
	char *gr_passwd;        /**< password field (not used) */
	gid_t gr_gid;           /**< group id */
	char **gr_mem;          /**< the members' names, NULL-terminated */
};

/** The group called @p name, or NULL. */
struct group *getgrnam(const char *name);
/** The first group with id @p gid, or NULL. */
struct group *getgrgid(gid_t gid);
/** The next group of the file (the first after setgrent()), or NULL at its end. */
struct group *getgrent(void);
/** Make getgrent() start again from the first group. */
void setgrent(void);
/** Close the file getgrent() reads. */
void endgrent(void);
/** Make the caller's supplementary groups @p group and every group of /etc/group that lists
 *  @p user (at most NGROUPS_MAX); root only (EPERM).  0, or -1 with errno. */
int initgroups(const char *user, gid_t group);
/** Set the caller's supplementary groups to the @p size ids at @p list: root only (EPERM),
 *  at most NGROUPS_MAX (EINVAL).  0, or -1 with errno. */
int setgroups(size_t size, const gid_t *list);

#endif /* _POSIX_GRP_H */
