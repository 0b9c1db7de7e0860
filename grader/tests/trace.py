# Tests of the trace command (commands/trace; handouts/ptrace.md, "The trace command"),
# typed into the root shell in one boot: trace of cat on a small file (open, read, write,
# close with the right fd, path and byte counts), of a failing open (ENOENT), of sh -c with
# -f (the child's calls under its pid), of a shell its child kills with SIGUSR1 (-f), -p
# on a background sleep (attached, detached on SIGINT, the sleep ends normally), ^C to a
# traced command (trace lives, the command dies of SIGINT), and the errors: a bad usage
# (status 2), a missing command (status 127).  Most traces write their lines to a file
# with -o, so that the command's own output does not mix with them.

from grader.core import test
from grader.tests.shell import PROMPT, output_of, session

TEXT = "hello trace"                  # the file /tmp/tf holds TEXT and a newline
CAT = "echo %s > /tmp/tf; trace -o /tmp/t1 cat /tmp/tf; echo status=$?; cat /tmp/t1" % TEXT
NOPE = "trace -o /tmp/t2 cat /nope; echo status=$?; cat /tmp/t2"
FOLLOW = ("trace -f -o /tmp/t3 sh -c 'cat /tmp/tf > /dev/null; echo sh=$$ > /tmp/shpid'; "
          "echo status=$?; cat /tmp/shpid /tmp/t3")
SIGNAL = "trace -f sh -c 'kill -USR1 $$'; echo status=$?"
ATTACH = ("sleep 3 & S=$!; trace -o /tmp/t4 -p $S & T=$!; sleep 1; kill -INT $T; wait $T; "
          "echo tstatus=$?; wait $S; echo sstatus=$?; echo sleep=$S")
ATTACH_END = "sleep 1 & trace -p $!; echo status=$?"
ERRORS = "trace; echo status=$?; trace -x ls; echo status=$?; trace /nope/cmd; echo status=$?"
COMMANDS = [CAT, NOPE, FOLLOW, SIGNAL, ATTACH, ATTACH_END, ERRORS]
# ^C while trace runs a command in the foreground: the command gets SIGINT, trace does not.
INTR = "trace sh -c 'echo ready; exec sleep 30'"
INTR_STATUS = "echo status=$?"


@test(0, "trace commands in the root shell: cat, a failing open, -f, a signal, -p, errors, "
         "^C", timeout=120)
def trace_session(t):
    q, outputs = session(t, COMMANDS, timeout=120)
    start = len(q.output)
    q.send_line(INTR)
    q.wait_for(r"^ready$", timeout=30)
    q.send("\x03")                      # ^C to the foreground job: trace and the command
    q.wait_prompt(PROMPT, timeout=30)
    q.send_line(INTR_STATUS)
    q.wait_prompt(PROMPT, timeout=30)
    outputs.append((INTR, q.output[start:]))
    q.stop()
    return outputs


@test(3, "trace cat: open, read, write, close with the path, the fd and the byte counts; "
         "the end is +++ exited with 0 +++ and trace exits with cat's status",
      parent=trace_session)
def trace_cat(t):
    n = len(TEXT) + 1
    t.match(output_of(t, CAT), r"^%s$" % TEXT, r"^status=0$",
            r'^open\("/tmp/tf", O_RDONLY\) = 3$',
            r'^read\(3, "%s\\n", \d+\) = %d$' % (TEXT, n),
            r'^write\(1, "%s\\n", %d\) = %d$' % (TEXT, n, n),
            r'^read\(3, "", \d+\) = 0$', r"^close\(3\) = 0$",
            r"^exit\(0\) = \?$", r"^\+\+\+ exited with 0 \+\+\+$")


@test(2, "trace of a failing open shows -1 ENOENT and the exit status 1",
      parent=trace_session)
def trace_enoent(t):
    t.match(output_of(t, NOPE), r"^status=1$",
            r'^open\("/nope", O_RDONLY\) = -1 ENOENT \(No such file or directory\)$',
            r"^\+\+\+ exited with 1 \+\+\+$")


@test(3, "trace -f sh -c: the shell's fork and waitpid, the child's exec and calls under "
         "its own pid", parent=trace_session)
def trace_follow(t):
    out = output_of(t, FOLLOW)
    t.match(out, r"^status=0$")
    sh = int(t.find(out, r"^sh=(\d+)$").group(1))
    child = int(t.find(out, r"^\[pid %d\] fork\(\) = (\d+)$" % sh).group(1))
    t.match(out, r'^\[pid %d\] exec\("/bin/cat", \["cat", "/tmp/tf"\]\) = 0$' % child,
            r'^\[pid %d\] open\("/tmp/tf", O_RDONLY\) = 3$' % child,
            r"^\[pid %d\] \+\+\+ exited with 0 \+\+\+$" % child,
            r"^\[pid %d\] waitpid\(%d, 0\) = %d \[exited 0\]$" % (sh, child, child),
            r"^\[pid %d\] \+\+\+ exited with 0 \+\+\+$" % sh)


@test(2, "trace -f of a shell its child kills: the kill, the signal (--- SIGUSR1 ---) "
         "passed on, the death; trace exits with 128 + the signal", parent=trace_session)
def trace_signal(t):
    out = output_of(t, SIGNAL)
    sh = int(t.find(out, r"^\[pid \d+\] kill\((\d+), SIGUSR1\) = 0$").group(1))
    t.match(out, r"^\[pid %d\] --- SIGUSR1 ---$" % sh,
            r"^\[pid %d\] waitpid\(\d+, 0\) = \?$" % sh,
            r"^\[pid %d\] \+\+\+ killed by SIGUSR1 \+\+\+$" % sh, r"^status=158$")


@test(3, "trace -p attaches to a running sleep and detaches on SIGINT: the sleep ends "
         "normally; a process traced to its end shows its exit", parent=trace_session)
def trace_attach(t):
    out = output_of(t, ATTACH)
    pid = int(t.find(out, r"^sleep=(\d+)$").group(1))
    t.match(out, r"^trace: process %d attached$" % pid, r"^trace: process %d detached$" % pid,
            r"^tstatus=0$", r"^sstatus=0$")
    t.match(output_of(t, ATTACH_END), r"^trace: process \d+ attached$",
            r"^exit\(0\) = \?$", r"^\+\+\+ exited with 0 \+\+\+$", r"^status=0$")


@test(1, "trace: a bad usage prints the usage and exits 2; a missing command exits 127",
      parent=trace_session)
def trace_errors(t):
    out = output_of(t, ERRORS)
    t.match(out, r"^usage: trace \[-f\] \[-o file\] command", r"^trace: /nope/cmd: not found$",
            r"^status=127$")
    t.assert_count(out, r"^status=2$", 2)


@test(2, "^C while trace runs a command: the command gets SIGINT (shown, passed on, it "
         "dies of it), trace lives to report it and exits 130", parent=trace_session)
def trace_interrupt(t):
    t.match(output_of(t, INTR), r"^--- SIGINT ---$", r"^\+\+\+ killed by SIGINT \+\+\+$",
            r"^status=130$")
