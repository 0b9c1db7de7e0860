# The resource-exhaustion campaign (handouts/hardening.md, "Resource exhaustion"): ordinary
# users and a runaway service use up a resource, each gets its clean errno, and nothing else
# is harmed.  One boot of the root shell:
#   - baseline() (fuzz_common.py);
#   - a fork bomb as the ordinary user ast (`su ast -c '/test/exhaust bomb' &`): it stops at
#     RLIMIT_NPROC with EAGAIN; root's commands still run; ast's `kill -9 -1` (exec'd, since
#     ast cannot fork any more) ends it, and ast's processes are gone;
#   - /test/exhaust SEED as root: the process limit and the slots kept for root, EMFILE,
#     ENFILE with the filps kept for root, a user's malloc and sbrk until ENOMEM
#     (commands/tests/exhaust.c);
#   - /test/exhaust_srv as a service (service up): DS entries until ENOSPC at the per-owner
#     cap, grants until ENOSPC, asynsend until ENOSPC, an oversized SENDA EDOM
#     (commands/tests/exhaust_srv.c); service down; another service still starts;
#   - invariants(): the shell answers, every service is up, every page is back.
# Size: every case drives its resource to the end once; make fuzz repeats /test/exhaust and
# the service ROUNDS times (10, each round with the next seed, so the cases run in other
# orders) to show that nothing accumulates.  The make check slice (one round) measured about
# 7 s of wall time alone, boot included, under TCG.

import re
import time

from grader.core import test
from grader.match import CheckFailure
from grader.tests.fuzz_common import (SEED, baseline, count, invariants, record, run,
                                      scaled_timeout)

CHILD_MAX = 64
ROUNDS = count(1, 10)
USER_CASES = ["nproc_default", "nproc_bomb", "nproc_bomb_root_forks", "nproc_bomb_root_kills",
              "nproc_bomb_slots_back", "nproc_lowered", "nproc_raise_denied",
              "nproc_reserve_full", "nproc_reserve_root_forks", "nproc_reserve_user_refused",
              "nproc_reserve_back", "fd_emfile", "fd_enfile", "fd_enfile_root_opens",
              "fd_enfile_user_refused", "fd_enfile_back", "mem_enomem", "mem_enomem_root_runs"]
SRV_CASES = ["srv_ds_quota_enospc", "srv_ds_quota_overwrite", "srv_ds_quota_deleted",
             "srv_ds_quota_after", "srv_grants_enospc", "srv_grants_revoked",
             "srv_grants_after", "srv_asynsend_enospc", "srv_asynsend_pending",
             "srv_senda_too_big"]
SRV_CONF = "service exsrv { ipc ALL; };"


def expect_cases(text, program, cases, seed):
    """Raise CheckFailure, naming the seed and the failed cases, unless every case passed."""
    fails = re.findall(r"^FAIL (.*)$", text, re.M)
    if fails:
        raise CheckFailure("%s (seed %d): %s" % (program, seed, "; ".join(fails)))
    missing = [c for c in cases if not re.search(r"^PASS %s\b" % c, text, re.M)]
    if missing or not re.search(r"^DONE %s %d passed, 0 failed" % (program, len(cases)),
                                text, re.M):
        raise CheckFailure("%s (seed %d): cases missing: %s\n%s"
                           % (program, seed, ", ".join(missing) or "DONE line", text))


def counts(text, program):
    m = re.search(r"^%s counts: (.*)$" % program, text, re.M)
    if not m:
        raise CheckFailure("no '%s counts' line" % program)
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", m.group(1))}


def fork_bomb(t, q):
    """ast's fork bomb: EAGAIN at CHILD_MAX, root still works, ast's kill -1 ends it."""
    limits = run(q, "su ast -c 'ulimit -u; ulimit -Hu; ulimit -u 8; ulimit -u'").split()
    if limits != [str(CHILD_MAX), str(CHILD_MAX), "8"]:
        raise CheckFailure("ast's ulimit -u, -Hu, then after ulimit -u 8: %s (want %d %d 8)"
                           % (" ".join(limits), CHILD_MAX, CHILD_MAX))
    q.send_line("su ast -c '/test/exhaust bomb' &")
    m = q.wait_for(r"(?:# )?bomb: (\S+) after (\d+) forks", timeout=60)
    # ast also owns the bomb itself and the sh (and su) that started it
    if m.group(1) != "EAGAIN" or not CHILD_MAX - 4 <= int(m.group(2)) < CHILD_MAX:
        raise CheckFailure("the fork bomb: %s after %s forks (want EAGAIN after %d to %d)"
                           % (m.group(1), m.group(2), CHILD_MAX - 4, CHILD_MAX - 1))
    run(q, "")
    if run(q, "echo root works; ls /etc | grep -c passwd").split() != ["root", "works", "1"]:
        raise CheckFailure("root's commands did not run during ast's fork bomb")
    run(q, "su ast -c 'exec kill -9 -1'; wait; echo killed")  # wait: the job's zombie
    for _ in range(20):
        left = int(run(q, "ps | grep -c exhaust").strip() or "0")
        if left == 0:
            break
        time.sleep(0.5)
    else:
        raise CheckFailure("%d of ast's exhaust processes left after kill -9 -1" % left)
    return int(m.group(2)) + 1


def service_cases(q):
    run(q, "echo '%s' > /tmp/exsrv.conf" % SRV_CONF)
    start = len(q.output)
    out = run(q, "service up /test/exhaust_srv -label exsrv -config /tmp/exsrv.conf; "
                 "echo status=$?", timeout=60)
    if "status=0" not in out:
        raise CheckFailure("service up exhaust_srv failed:\n%s" % out)
    if not re.search(r"^exhaust_srv counts:", q.output[start:], re.M):
        q.wait_for(r"exhaust_srv counts:", timeout=120)
    text = q.output[start:]
    out = run(q, "service down exsrv; echo status=$?; service up /service/ping; "
                 "echo status=$?; service down ping")
    if out.count("status=0") != 2:
        raise CheckFailure("after exhaust_srv: service down or a new service failed:\n%s"
                           % out)
    return text


@test(8, "resource exhaustion: a user's fork bomb stops at RLIMIT_NPROC (EAGAIN) and root "
         "kills it; the slots kept for root; EMFILE and ENFILE (filps kept for root); "
         "ENOMEM; a service's DS entries, grants and asynsends each end in a clean error; "
         "then every service is up and every page back",
      timeout=scaled_timeout(240, 1, 10))
def fuzz_exhaust(t):
    t0 = time.monotonic()
    q = t.launch()
    q.wait_prompt(r"^# ")
    t.log("seed %d" % SEED)
    base = baseline(q)
    bomb = fork_bomb(t, q)
    for r in range(ROUNDS):
        start = len(q.output)
        run(q, "/test/exhaust %d; echo status=$?" % (SEED + r), timeout=240)
        user = q.output[start:]
        expect_cases(user, "exhaust", USER_CASES, SEED + r)
        srv = service_cases(q)
        expect_cases(srv, "exhaust_srv", SRV_CASES, SEED + r)
    figures = invariants(t, q, base)
    c, s = counts(user, "exhaust"), counts(srv, "exhaust_srv")
    q.stop()
    t.log("campaign %.1f s" % (time.monotonic() - t0))
    record(t, "exhaustion", operations=ROUNDS * (len(USER_CASES) + len(SRV_CASES)) + 1,
           rounds=ROUNDS, panics=0,
           hangs=0,
           leaked_pages=max(0, figures["free_before"] - figures["free_after"]),
           bomb_processes=bomb, user_processes=c["nproc"], user_fds=c["fds"],
           user_filps=c["filps"], user_mem_kib=c["mem_kib"], ds_entries=s["ds"],
           grants=s["grants"], asynsends=s["asyn"])
