/**
 * @file pwd.h
 * @brief The user database: /etc/passwd (handouts/pm.md, "Users and su").
 *
 * /etc/passwd holds one user a line, seven fields separated by colons:
 *
 *     name:password:uid:gid:comment:home directory:shell
 *
 * Minnow has no passwords: the field is "*" and nothing reads it.  The functions read the
 * file afresh each time; the structure they return (and its strings) is static, overwritten
 * by the next call of any of them.  A user that is not there gives NULL with errno
 * unchanged; a file that cannot be read gives NULL with the error of open(2).
 */
#ifndef _POSIX_PWD_H
#define _POSIX_PWD_H

#include <sys/types.h>

/** One user. */
struct passwd {
	char *pw_name;          /**< login name */
	char *pw_passwd;        /**< password field (always "*" on Minnow: not used) */
	uid_t pw_uid;           /**< user id */
	gid_t pw_gid;           /**< group id at login */
	char *pw_gecos;         /**< comment: the user's real name */
	char *pw_dir;           /**< home directory */
	char *pw_shell;         /**< login shell ("" means /bin/sh) */
};

/** The user called @p name, or NULL. */
struct passwd *getpwnam(const char *name);
/** The first user with id @p uid, or NULL. */
struct passwd *getpwuid(uid_t uid);
/** The next user of the file (the first after setpwent()), or NULL at its end. */
struct passwd *getpwent(void);
/** Make getpwent() start again from the first user. */
void setpwent(void);
/** Close the file getpwent() reads. */
void endpwent(void);

#endif /* _POSIX_PWD_H */
