/*
 * mv - move (rename) files.
 *
 * Usage: mv source target      (target may be an existing directory)
 *        mv source... directory
 * A move is one rename() through VFS, so it cannot cross file systems ("mv: a: Cross-device
 * link").
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : path;
}

int
main(int argc, char **argv)
{
	const char *target = argv[argc - 1], *dst;
	struct stat st;
	char path[1024];
	int is_dir, rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: mv source target\n       mv source... directory\n");
		return 2;
	}
	is_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
	if (argc > 3 && !is_dir) {
		fprintf(stderr, "mv: %s: Not a directory\n", target);
		return 1;
	}
	for (int i = 1; i < argc - 1; i++) {
		dst = target;
		if (is_dir) {
			snprintf(path, sizeof(path), "%s/%s", target, base_name(argv[i]));
			dst = path;
		}
		if (rename(argv[i], dst) != 0) {
			fprintf(stderr, "mv: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
		}
	}
	return rc;
}
