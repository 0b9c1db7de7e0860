/**
 * @file libgen.h
 * @brief basename() and dirname(): the last component of a path and the part before it.
 */
#ifndef _POSIX_LIBGEN_H
#define _POSIX_LIBGEN_H

/** The last component of @p path ("/usr/lib/" -> "lib", "/" -> "/", NULL or "" -> ".").
 *  The result may be in @p path (trailing '/' removed in place) or a static string. */
char *basename(char *path);
/** The path of @p path's parent ("/usr/lib" -> "/usr", "usr" -> ".", "/" -> "/").  The
 *  result may be in @p path (cut in place) or a static string. */
char *dirname(char *path);

#endif /* _POSIX_LIBGEN_H */
