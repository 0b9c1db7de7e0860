# Tests of signal delivery to handlers (sys_sigsend, sys_sigreturn) and tracing (sys_trace),
# run by commands/tests/sig_trace.c (see its header) with the kernel loading both processes.

from grader.core import test
from grader.qemu import EXIT_POWEROFF

T = "build/commands/tests/"


@test(0, "boot: signal handler and tracing test", timeout=30)
def sig_trace_boot(t):
    return t.boot(cmdline="poweroff_on_exit=1",
                  modules=[T + "sig_trace priv=sys target", T + "sig_trace priv=sys tracer"])


@test(5, "sys_trace stops, peeks, pokes and resumes a process", parent=sig_trace_boot)
def trace_peek_poke(t):
    out = t.parent_boot
    t.match(out, *[r"^PASS sig_trace_%s$" % c for c in (
        "stop", "stopped_flag", "stands_still", "poke", "peek_after_poke", "peek_unmapped",
        "getuser_eip", "eip_in_text", "setuser_cs_refused", "bad_request", "resume",
        "runs_again")], no=[r"^FAIL ", r"^panic"])


@test(5, "sys_sigsend runs a handler and sys_sigreturn restores the context",
      parent=sig_trace_boot)
def sigsend_sigreturn(t):
    out = t.parent_boot
    t.match(out, *[r"^PASS sig_trace_%s$" % c for c in (
        "sigsend_bad_endpoint", "sigsend", "trampoline", "sigreturn_bad_context",
        "sigreturn", "handler_signo", "context_restored")],
            r"^DONE sig_trace_target 2 passed, 0 failed", no=[r"^FAIL ", r"^panic"])


@test(5, "single-stepping ends in SIGTRAP; the system goes on", parent=sig_trace_boot)
def trace_step(t):
    out = t.parent_boot
    t.match(out, r"^PASS sig_trace_step$",
            r"^kernel: sig_trace \(endpoint 0\) killed by signal 5: debug \(vector 1\)",
            r"^PASS sig_trace_stepped_target_gone$",
            r"^DONE sig_trace_tracer \d+ passed, 0 failed", no=[r"^panic"])
    t.assert_exit(out, EXIT_POWEROFF)
