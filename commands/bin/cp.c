/*
 * cp - copy files.
 *
 * Usage: cp source target      (target may be an existing directory)
 *        cp source... directory
 * The copy gets the source's permission bits.  Errors name the file ("cp: /nope: No such
 * file or directory"); copying a directory is refused ("cp: /bin: Is a directory").
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The last component of path. */
static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : path;
}

/* Copy from fd in to fd out; 0 or -1 with errno. */
static int
copy_data(int in, int out)
{
	char buf[4096];
	ssize_t n, w;

	while ((n = read(in, buf, sizeof(buf))) > 0)
		for (char *p = buf; n > 0; p += w, n -= w)
			if ((w = write(out, p, (size_t)n)) <= 0)
				return -1;
	return n < 0 ? -1 : 0;
}

/* Copy file src to dst; 0, or 1 after a message. */
static int
copy_file(const char *src, const char *dst)
{
	struct stat st;
	int in, out, rc = 0;

	if ((in = open(src, O_RDONLY)) < 0 || fstat(in, &st) != 0) {
		fprintf(stderr, "cp: %s: %s\n", src, strerror(errno));
		if (in >= 0)
			close(in);
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		fprintf(stderr, "cp: %s: Is a directory\n", src);
		close(in);
		return 1;
	}
	if ((out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 07777)) < 0) {
		fprintf(stderr, "cp: %s: %s\n", dst, strerror(errno));
		close(in);
		return 1;
	}
	if (copy_data(in, out) != 0) {
		fprintf(stderr, "cp: %s: %s\n", dst, strerror(errno));
		rc = 1;
	}
	close(in);
	if (close(out) != 0 && rc == 0) {
		fprintf(stderr, "cp: %s: %s\n", dst, strerror(errno));
		rc = 1;
	}
	return rc;
}

int
main(int argc, char **argv)
{
	const char *target = argv[argc - 1];
	struct stat st;
	char path[1024];
	int is_dir, rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: cp source target\n       cp source... directory\n");
		return 2;
	}
	is_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
	if (argc > 3 && !is_dir) {
		fprintf(stderr, "cp: %s: Not a directory\n", target);
		return 1;
	}
	for (int i = 1; i < argc - 1; i++) {
		if (is_dir) {
			snprintf(path, sizeof(path), "%s/%s", target, base_name(argv[i]));
			rc |= copy_file(argv[i], path);
		} else {
			rc |= copy_file(argv[i], target);
		}
	}
	return rc;
}
