# Floating point for user programs (handouts/kernel-calls.md, "Floating point"): one boot
# runs /test/posix_fp (commands/tests/posix_fp.c) from the root shell and once more as an
# ordinary user (uid 100, through /test/asuser); the children below check its cases one by
# one.  Each case prints "ok <case>" or "FAIL <case>: <rule> (<details>)".

from grader.core import test
from grader.tests.shell import output_of, session

ROOT = "/test/posix_fp; echo status=$?"
USER = "/test/asuser 100 /test/posix_fp; echo status=$?"

# Cases the program may skip, saying why (it checks the CPU's behaviour first).
SKIPPABLE = {"sigfpe_sse"}
CASES = [
    (3, "switch", "two processes keep different x87/SSE registers and control words across "
                  "1000 pipe round trips, and their series are bit-exact"),
    (1, "fork", "fork copies the FPU registers and control words"),
    (1, "exec", "exec starts a program with FNINIT's FPU state"),
    (1, "sigfpe_x87", "an unmasked x87 division by zero is SIGFPE (#MF)"),
    (1, "sigfpe_sse", "an unmasked SSE division by zero is SIGFPE (#XM; skipped on a CPU "
                      "that raises none, such as QEMU's emulated one)"),
    (1, "sigfpe_int", "an integer division by zero is SIGFPE"),
    (1, "sigfpe_handler", "a SIGFPE handler that masks the exception in sc_fpu lets the "
                          "program go on with that control word"),
    (2, "handler", "a signal handler using floating point leaves the interrupted registers "
                   "intact"),
    (2, "printf", "printf %f %e %g %a (flags, width, precision, inf, nan, exact rounding)"),
    (1, "strtod", "strtod: decimal, hex, inf, nan, ERANGE, end pointer"),
    (1, "roundtrip", "printf(\"%.17g\") then strtod gives back the same double (3000 values)"),
    (2, "libm", "libm values and errors (sqrt, exp, log, pow, trig, floor, fmod, ...)"),
    (1, "fenv", "<fenv.h>: rounding modes (rint, nearbyint), exception flags, feholdexcept "
                "and feupdateenv; remainder"),
]


@test(0, "boot and run /test/posix_fp as root and as an ordinary user", timeout=240)
def posix_fp_session(t):
    q, outputs = session(t, [ROOT, USER], timeout=240)
    q.stop()
    return outputs


def case_test(name):
    """The check of posix_fp's case name, as root and as a user."""
    def check(t):
        for command in (ROOT, USER):
            t.match(output_of(t, command), r"^(ok|skip) %s\b" % name if name in SKIPPABLE
                    else r"^ok %s$" % name, no=[r"^FAIL %s:" % name])
    check.__name__ = "posix_fp_" + name
    return check


for _points, _name, _title in CASES:
    test(_points, _title, parent=posix_fp_session)(case_test(_name))


@test(1, "posix_fp ends with every case passed and status 0", parent=posix_fp_session)
def posix_fp_all(t):
    for command in (ROOT, USER):
        t.match(output_of(t, command), r"^posix_fp: \d+ passed, 0 failed$", r"^status=0$")
