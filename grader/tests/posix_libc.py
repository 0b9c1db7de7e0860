# The C library's conformance test (handouts/libc.md): one boot runs
# /test/posix_libc (commands/tests/posix_libc.c) from the root shell, once as root and once
# as an ordinary user (uid 100, through /test/asuser); each case prints
# "PASS posix_libc_<case>" or "FAIL posix_libc_<case>: <rule> (errno ...)".  The children
# below check one case each, under both users.  The same boot then runs /test/posix_regex
# (commands/tests/posix_regex.c, <regex.h>) as root: regular expressions do not depend on
# the user.

from grader.core import test
from grader.tests.shell import PROMPT, output_of, session

ROOT_RUN = "/test/posix_libc; echo status=$?"
USER_RUN = "/test/asuser 100 /test/posix_libc; echo status=$?"
REGEX_RUN = "/test/posix_regex; echo status=$?"
REGEX_CASES = 64        # the PASS lines of posix_regex.c

# (points, case, title): one child test per case, named posix_libc_<case>.
CASES = [
    (2, "scanf", "sscanf/fscanf: %d %i %x %o %lld, widths, %[...], %c, %n, '*', %%, getline and "
                 "the EOF/0/partial results"),
    (1, "printf", "printf %lld %llu %zu %zd %jd %hhd %p, PRId64, flags; asprintf; "
                  "snprintf's truncation"),
    (2, "time", "gmtime, strftime (%c %D %T %G-W%V %s ...), asctime, ctime, localtime = "
                "UTC, mktime's normalization, time()"),
    (1, "strings", "bcopy bzero index rindex memccpy strlcpy strlcat strcasecmp strsep "
                   "strtok_r ffs, qsort, bsearch, basename, dirname, uname"),
    (1, "numbers", "strtoll/strtoull/strtoimax with ERANGE, strtol's range, rand/srand "
                   "repeatable"),
    (1, "getopt_long", "getopt_long: --x=v, --x v, flags, optional arguments, prefixes, "
                       "ambiguous and unknown options, optind"),
    (1, "realpath", "realpath resolves . .. and //, allocates with NULL, ENOENT and "
                    "ENOTDIR"),
    (1, "mkstemp", "mkstemp: unique names, mode 0600, O_EXCL; EINVAL without XXXXXX; "
                   "mkdtemp; tmpfile"),
    (1, "sysconf", "sysconf/pathconf/fpathconf values, EINVAL, ENOENT, EBADF"),
    (1, "headers", "stdbool stdint stddef sys/param paths.h macros; gethostname"),
    (2, "exec", "execl, execle (its environment), execlp and execvp search PATH; ENOENT, "
                "and EACCES for a file without x bits"),
    (1, "system", "system: exit status, redirection, a killed shell, system(NULL)"),
    (2, "popen", "popen r and w, pclose's status; EINVAL mode; pclose of another stream "
                 "ECHILD"),
    (2, "setjmp", "longjmp(env, 0) returns 1 from deep frames; siglongjmp from a handler "
                  "restores the mask with sigsetjmp(env, 1), not with 0"),
    (2, "nanosleep", "nanosleep interrupted by SIGALRM: EINTR and the time left; sleep's "
                     "seconds left; EINVAL"),
    (2, "times", "times and clock grow with computing; a waited-for child's ticks in "
                 "tms_cutime; _SC_CLK_TCK"),
    (1, "err", "warn, warnx, errx: 'prog: message[: strerror]' and the exit status"),
    (1, "tty", "ttyname names the terminal's /dev entry (ENOTTY, EBADF, ERANGE); ctermid"),
    (1, "pwd", "getpwnam, getpwuid, getgrgid, getgrnam, getlogin leave no descriptor open"),
]


@test(0, "boot and run /test/posix_libc as root and as uid 100", timeout=240)
def posix_libc_session(t):
    q, outputs = session(t, [ROOT_RUN, USER_RUN, REGEX_RUN], timeout=240)
    q.stop()
    return outputs


def case_test(name):
    """The check of posix_libc's case name, as root and as the user."""
    def check(t):
        for run in (ROOT_RUN, USER_RUN):
            t.match(output_of(t, run), r"^PASS posix_libc_%s$" % name,
                    no=[r"^FAIL posix_libc_%s:" % name])
    check.__name__ = "posix_libc_" + name
    return check


for _points, _name, _title in CASES:
    test(_points, _title + " (root and a user)", parent=posix_libc_session)(case_test(_name))


@test(1, "posix_libc runs every case and exits 0, as root and as a user",
      parent=posix_libc_session)
def posix_libc_done(t):
    for run in (ROOT_RUN, USER_RUN):
        t.match(output_of(t, run), r"^DONE posix_libc %d passed, 0 failed$" % len(CASES),
                r"^status=0$")


@test(2, "regcomp/regexec: BRE and ERE, groups' offsets, classes, intervals, REG_ICASE, "
         "REG_NEWLINE, REG_NOTBOL, every error code, pathological patterns end",
      parent=posix_libc_session)
def posix_regex(t):
    t.match(output_of(t, REGEX_RUN), r"^PASS posix_regex_backref_step_limit$",
            r"^DONE posix_regex %d passed, 0 failed$" % REGEX_CASES, r"^status=0$",
            no=[r"^FAIL "])
