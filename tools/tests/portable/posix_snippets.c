/*
 * posix_snippets.c - typical portable C99/POSIX.1-2008 code, compiled (syntax only) against
 * Minnow's headers by tools/tests/test_libc.py with the user programs' flags and -std=c99
 * -pedantic: every header such a program includes exists where it belongs and declares
 * what it uses with the right types.  (The floating-point parts of these headers are not
 * used: libc has none.)
 */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <ctype.h>
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <paths.h>
#include <regex.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/param.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>

static jmp_buf env;
static sigjmp_buf senv;

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
run_command(const char *cmd, char *out, size_t len)
{
	FILE *p = popen(cmd, "r");
	int status;

	if (p == NULL)
		err(1, "popen %s", cmd);
	if (fgets(out, (int)len, p) == NULL)
		out[0] = '\0';
	status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int
portable_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "verbose", no_argument, NULL, 'v' }, { "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	char buf[PATH_MAX], word[32], *dyn = NULL, tmpl[] = "/tmp/xXXXXXX";
	long long big;
	intmax_t im;
	uint64_t u64 = UINT64_C(1) << 40;
	struct tm tm;
	struct tms tms;
	struct timespec ts = { 0, 1000 }, rem;
	struct utsname un;
	time_t now = time(NULL);
	clock_t c = clock();
	bool ok = true;
	int opt, fd, n = 0;
	char *names[] = { "b", "a" };
	pid_t pid;

	while ((opt = getopt_long(argc, argv, "vo:", longopts, NULL)) != -1)
		ok = ok && opt != '?';
	if (sscanf("12 word", "%d %31s%n", &opt, word, &n) != 2)
		warnx("bad input");
	big = strtoll("123", NULL, 10) + (long long)strtoull("4", NULL, 0);
	im = strtoimax("5", NULL, 10);
	printf("%lld %" PRIu64 " %" PRIdMAX " %zu %p\n", big, u64, im, strlen(word), (void *)buf);
	if (asprintf(&dyn, "%s/%d", P_tmpdir, (int)getpid()) < 0)
		return 1;
	free(dyn);
	gmtime_r(&now, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	(void)mktime(&tm);
	(void)asctime(localtime(&now));
	(void)ctime(&now);
	(void)times(&tms);
	(void)(c + sysconf(_SC_CLK_TCK) + pathconf("/", _PC_NAME_MAX) + fpathconf(0, _PC_PIPE_BUF));
	if (nanosleep(&ts, &rem) < 0 && errno == EINTR)
		(void)usleep(10);
	(void)sleep(0);
	if (setjmp(env) == 0 && sigsetjmp(senv, 1) == 0)
		n++;
	qsort(names, 2, sizeof(names[0]), by_name);
	(void)bsearch(&names[0], names, 2, sizeof(names[0]), by_name);
	(void)realpath(".", buf);
	if ((fd = mkstemp(tmpl)) >= 0)
		close(fd);
	(void)mkdtemp(tmpl);
	(void)tmpfile();
	(void)uname(&un);
	(void)basename(tmpl);
	(void)dirname(tmpl);
	(void)system("true");
	if ((pid = fork()) == 0) {
		execlp("sh", "sh", "-c", "exit 0", (char *)NULL);
		_exit(127);
	}
	(void)execl(_PATH_BSHELL, "sh", (char *)NULL);
	(void)execle("/bin/sh", "sh", (char *)NULL, (char *const *)NULL);
	bcopy(buf, word, 4);
	bzero(word, sizeof(word));
	(void)index(buf, 'a');
	(void)rindex(buf, 'a');
	(void)memccpy(word, buf, 0, 4);
	(void)strlcpy(word, buf, sizeof(word));
	(void)strlcat(word, buf, sizeof(word));
	(void)(strcasecmp("a", "A") + strncasecmp("a", "A", 1));
	dyn = word;
	(void)strsep(&dyn, ",");
	(void)strtok_r(buf, " ", &dyn);
	srand(1);
	srandom(2);
	n += rand() % 10 + (int)(random() % 10) + MIN(1, 2) + MAX(1, 2) + MAXPATHLEN;
	{
		char *line = NULL;
		size_t cap = 0;
		fpos_t pos;
		FILE *f = freopen("/dev/null", "r", stdin);

		if (f != NULL && getline(&line, &cap, f) > 0 && fgetpos(f, &pos) == 0)
			(void)fsetpos(f, &pos);
		(void)fseeko(f, (off_t)0, SEEK_SET);
		(void)ftello(f);
		setbuf(stdout, NULL);
		free(line);
	}
	n += div(7, 2).quot + (int)ldiv(7L, 2L).rem + (int)lldiv(7LL, 2LL).quot;
	{
		regex_t re;
		regmatch_t m[2];
		char msg[64];
		int e = regcomp(&re, "^([a-z]+)=", REG_EXTENDED | REG_ICASE | REG_NEWLINE);

		if (e != 0) {
			(void)regerror(e, &re, msg, sizeof(msg));
		} else {
			if (regexec(&re, "key=1", 2, m, REG_NOTBOL | REG_NOTEOL) == REG_NOMATCH)
				n++;
			n += (int)(m[1].rm_eo - m[1].rm_so) + (int)re.re_nsub + RE_DUP_MAX;
			regfree(&re);
		}
		n += REG_NOSUB + REG_BADPAT + REG_ECOLLATE + REG_ECTYPE + REG_EESCAPE +
		     REG_ESUBREG + REG_EBRACK + REG_EPAREN + REG_EBRACE + REG_BADBR + REG_ERANGE +
		     REG_ESPACE + REG_BADRPT;
	}
	warn("%d", n);
	return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
