/*
 * stat - print what the file system knows about files (a symbolic link itself: lstat).
 *
 * Usage: stat [-L] [-c format] file...
 * Without -c, for each file: its name (and a link's target), size, blocks, type, device,
 * inode, link count, mode, owner and group, and the three times (UTC).  -L follows a link.
 * -c prints format for each file with %n (name), %N (name -> target), %s (size), %b
 * (blocks), %F (type), %a (mode in octal), %A (mode as ls shows it), %h (links), %i
 * (inode), %u, %g (owner, group), %X, %Y, %Z (access, modification, change time in seconds
 * since 1970), %x, %y, %z (the same as dates) and %% replaced.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../lib/modestr.h"
#include "../lib/timefmt.h"

/* The file type in words. */
static const char *
type_name(mode_t m)
{
	return S_ISREG(m) ? "regular file" : S_ISDIR(m) ? "directory" :
	       S_ISLNK(m) ? "symbolic link" : S_ISCHR(m) ? "character special file" :
	       S_ISBLK(m) ? "block special file" : S_ISFIFO(m) ? "fifo" : "unknown";
}

/* The value of one %c directive for file name with attributes st. */
static void
directive(char c, const char *name, const struct stat *st)
{
	char buf[1024];
	ssize_t n;

	switch (c) {
	case 'n': printf("%s", name); break;
	case 'N':
		printf("%s", name);
		if (S_ISLNK(st->st_mode) && (n = readlink(name, buf, sizeof(buf) - 1)) >= 0) {
			buf[n] = '\0';
			printf(" -> %s", buf);
		}
		break;
	case 's': printf("%lld", (long long)st->st_size); break;
	case 'b': printf("%lld", (long long)st->st_blocks); break;
	case 'F': printf("%s", type_name(st->st_mode)); break;
	case 'a': printf("%o", (unsigned)(st->st_mode & 07777)); break;
	case 'A': mode_string(st->st_mode, buf); printf("%s", buf); break;
	case 'h': printf("%lu", (unsigned long)st->st_nlink); break;
	case 'i': printf("%lu", (unsigned long)st->st_ino); break;
	case 'u': printf("%lu", (unsigned long)st->st_uid); break;
	case 'g': printf("%lu", (unsigned long)st->st_gid); break;
	case 'X': printf("%lld", (long long)st->st_atime); break;
	case 'Y': printf("%lld", (long long)st->st_mtime); break;
	case 'Z': printf("%lld", (long long)st->st_ctime); break;
	case 'x': tf_format(st->st_atime, buf, sizeof(buf)); printf("%s", buf); break;
	case 'y': tf_format(st->st_mtime, buf, sizeof(buf)); printf("%s", buf); break;
	case 'z': tf_format(st->st_ctime, buf, sizeof(buf)); printf("%s", buf); break;
	case '%': putchar('%'); break;
	default: printf("%%%c", c); break;
	}
}

/* Print format for one file. */
static void
print_format(const char *fmt, const char *name, const struct stat *st)
{
	for (; *fmt != '\0'; fmt++) {
		if (*fmt == '%' && fmt[1] != '\0')
			directive(*++fmt, name, st);
		else if (*fmt == '\\' && fmt[1] == 'n' && fmt++)
			putchar('\n');
		else
			putchar(*fmt);
	}
	putchar('\n');
}

static const char *LONG_FORMAT =
	"  File: %N\\n  Size: %s\tBlocks: %b\t%F\\nInode: %i\tLinks: %h\\n"
	"Access: (0%a/%A)  Uid: %u  Gid: %g\\nAccess: %x\\nModify: %y\\nChange: %z";

int
main(int argc, char **argv)
{
	const char *fmt = LONG_FORMAT;
	int c, follow = 0, rc = 0;
	struct stat st;

	while ((c = getopt(argc, argv, "Lc:")) != -1) {
		if (c == 'L') {
			follow = 1;
		} else if (c == 'c') {
			fmt = optarg;
		} else {
			fprintf(stderr, "usage: stat [-L] [-c format] file...\n");
			return 2;
		}
	}
	if (optind == argc) {
		fprintf(stderr, "usage: stat [-L] [-c format] file...\n");
		return 2;
	}
	for (int i = optind; i < argc; i++) {
		if ((follow ? stat(argv[i], &st) : lstat(argv[i], &st)) != 0) {
			fprintf(stderr, "stat: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		print_format(fmt, argv[i], &st);
	}
	return rc;
}
