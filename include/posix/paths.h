/**
 * @file paths.h
 * @brief Well-known paths of the system (BSD's _PATH_* names).
 */
#ifndef _POSIX_PATHS_H
#define _POSIX_PATHS_H

#define _PATH_BSHELL    "/bin/sh"       /**< the shell (system(), popen()) */
#define _PATH_DEFPATH   "/bin"          /**< PATH when none is set (execvp()) */
#define _PATH_STDPATH   "/bin"          /**< every directory of standard commands */
#define _PATH_CONSOLE   "/dev/console"  /**< the console */
#define _PATH_DEVNULL   "/dev/null"     /**< the null device */
#define _PATH_TMP       "/tmp/"         /**< temporary files (with the '/') */
#define _PATH_VARTMP    "/tmp/"         /**< temporary files kept across boots: /tmp */
#define _PATH_DEV       "/dev/"         /**< devices (with the '/') */
#define _PATH_PASSWD    "/etc/passwd"   /**< the user database */
#define _PATH_GROUP     "/etc/group"    /**< the group database */
#define _PATH_HOSTS     "/etc/hosts"    /**< host names and addresses (netdb.h) */

#endif /* _POSIX_PATHS_H */
