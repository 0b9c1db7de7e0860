# Hardening: bad input and privileges, in one boot of the root shell.
#
# Least privilege for user processes (handouts/ipc.md, "Privileges"): /test/ipc_reach as
# root and as the ordinary user ast (uid 100).  A user process
# may send only to the system processes that system.conf opens to users (PM, VFS, DS, the
# ping test service) and to RS and VM; everything else is ECALLDENIED from the kernel at
# once; the servers it reaches answer unknown types and a NOTIFY_MESSAGE type; SYS_DIAGCTL
# and SYS_EXIT are no longer a user's.
# Least privilege between system processes (handouts/hardening.md, "Least privilege"):
# `sysinfo -i` shows the kernel's IPC masks, which must be the boot services' ipc lines
# (handouts/rs.md, "system.conf"); /test/priv_probe runs as a service (service run) with
# `ipc ALL`: the drivers and file servers refuse its requests with EPERM and drop its
# SENDs of garbage; again with `ipc ds`: the kernel denies it everything but DS, RS, VM, PM.
# Boundary answers (handouts/hardening.md, "Boundary answers"): /test/einval as root and as
# ast, a table of requests to PM, VFS, RS, DS and VM with one field just out of range, each
# with the exact errno it must get.
# A typed line longer than tty's input queue (handouts/tty.md, "The line discipline") is cut
# short and still ends: the shell runs it and the next command.

import re

from grader.core import test
from grader.match import CheckFailure
from grader.tests.shell import output_of, session_outputs

ROOT = "/test/ipc_reach; echo status=$?"
USER = "su ast -c '/test/ipc_reach; echo status=$?'"
SYSINFO = "sysinfo -i; echo status=$?"
PCONF = ("echo 'service priv_probe { ipc ALL; }; service priv_narrow { ipc ds; };' "
         "> /tmp/probe.conf")
WIDE = "service run /test/priv_probe -config /tmp/probe.conf; echo status=$?"
NARROW = ("service run /test/priv_probe -label priv_narrow -args narrow -config "
          "/tmp/probe.conf; echo status=$?")
WIDE_CASES = (["%s_%s" % (d, w) for d in ("memory", "tty", "log", "hello")
               for w in ("cdev_open_eperm", "unknown_eperm", "notify_type_eperm",
                         "send_dropped", "serves_after")] +
              ["memory_bdev_open_eperm", "mfs_req_eperm", "pfs_req_eperm"])
NARROW_CASES = ["narrow_%s_denied" % d for d in ("tty", "memory", "mfs", "pfs")] + \
               ["narrow_ds_answers"]
EINVAL_ROOT = "/test/einval; echo status=$?"
EINVAL_USER = "su ast -c '/test/einval; echo status=$?'"
LONG = "echo " + "x" * 300
AFTER = "echo after the long line"
CASES = (["%s_%s" % (s, w) for s in ("pm", "vfs", "rs", "ds", "vm")
          for w in ("unknown", "notify_type")] +
         ["%s_denied" % d for d in ("tty", "memory", "mfs", "pfs", "log", "hello",
                                     "diagctl", "exit")])


@test(0, "hardening: /test/ipc_reach as root and as ast, sysinfo -i, /test/priv_probe as "
         "a service, a line longer than tty's queue", timeout=130)
def privileges_session(t):
    return session_outputs(t, [ROOT, USER, SYSINFO, PCONF, WIDE, NARROW, EINVAL_ROOT,
                               EINVAL_USER, LONG, AFTER], timeout=120)


def reach_passed(t, command):
    t.match(output_of(t, command), *[r"^PASS reach_%s$" % c for c in CASES],
            r"^DONE ipc_reach %d passed, 0 failed$" % len(CASES), r"^status=0$",
            no=[r"^FAIL ", r"^panic"])


@test(5, "a user process (root's shell included) reaches only PM, VFS, RS, DS and VM, which "
         "answer an unknown type and a NOTIFY_MESSAGE type with a refusal; tty, memory, MFS, "
         "PFS, log and hello are ECALLDENIED by the kernel at once; SYS_DIAGCTL and SYS_EXIT "
         "are denied", parent=privileges_session)
def privileges_root(t):
    reach_passed(t, ROOT)


@test(3, "the same as the ordinary user ast (uid 100)", parent=privileges_session)
def privileges_user(t):
    reach_passed(t, USER)


@test(2, "a typed line longer than tty's 256-byte input queue is cut to 255 bytes and still "
         "ends: the shell runs it (echo prints 250 x) and then the next command",
      parent=privileges_session)
def tty_long_line(t):
    t.match(output_of(t, LONG), r"^x{250}$")
    t.match(output_of(t, AFTER), r"^after the long line$")


def ipc_rows(text):
    """{sender: set of names it may send to} from `sysinfo -i`."""
    rows = {}
    for line in text.splitlines():
        m = re.match(r"^(\S+)\s+(-|\d+)\s+(\d+)((?: \S+)*)$", line)
        if m:
            rows[m.group(1)] = set(m.group(4).split())
    return rows


@test(4, "sysinfo -i: the kernel's IPC masks are the boot services' ipc lines, both ways, "
         "with RS, VM and PM for everyone: pfs reaches only pm, vfs, ds, rs and vm; memory "
         "neither tty, log nor users; users only PM, VFS, RS, DS and VM; RS and VM ALL",
      parent=privileges_session)
def privileges_ipc_matrix(t):
    text = output_of(t, SYSINFO)
    t.match(text, r"^IPC: who may send to whom$", r"^status=0$")
    rows = ipc_rows(text)
    want = {
        "pfs": ({"pm", "vfs", "rs", "vm", "ds"}, None),
        "users": ({"pm", "vfs", "rs", "ds", "vm"}, None),
        "hello": ({"pm", "vfs", "rs", "vm", "ds"}, None),
        "rs": ({"ALL"}, None),
        "vm": ({"ALL"}, None),
        "memory": ({"pm", "vfs", "rs", "vm", "ds", "mfs"}, {"tty", "log", "pfs", "users"}),
        "vfs": ({"pm", "ds", "mfs", "pfs", "memory", "tty", "log", "hello", "users"},
                {"ALL"}),
    }
    for name, (need, never) in want.items():
        if name not in rows:
            raise CheckFailure("sysinfo -i has no line for %s:\n%s" % (name, text))
        got = rows[name]
        if (never is None and got != need) or (never is not None and
                                               (not need <= got or got & never)):
            raise CheckFailure("%s may send to %s; want %s%s:\n%s"
                               % (name, " ".join(sorted(got)), " ".join(sorted(need)),
                                  "" if never is None else
                                  ", never " + " ".join(sorted(never)), text))


@test(5, "a system process that is not VFS (ipc ALL) gets EPERM for CDEV_OPEN, unknown "
         "types and NOTIFY_MESSAGE-typed requests from memory, tty, log and hello, whose "
         "drivers drop its SENDs of garbage and still serve; BDEV_OPEN to memory and "
         "REQ_LOOKUP to MFS and PFS are EPERM", parent=privileges_session)
def privileges_not_vfs(t):
    t.match(output_of(t, WIDE), *[r"^PASS probe_%s$" % c for c in WIDE_CASES],
            r"^DONE priv_probe \d+ passed, 0 failed$", r"^status=0$",
            no=[r"^FAIL ", r"^panic"])


@test(3, "a system process whose ipc line names only ds is ECALLDENIED by the kernel for "
         "tty, memory, MFS and PFS; DS answers it", parent=privileges_session)
def privileges_narrow(t):
    t.match(output_of(t, NARROW), *[r"^PASS probe_%s$" % c for c in NARROW_CASES],
            r"^DONE priv_narrow %d passed, 0 failed$" % len(NARROW_CASES), r"^status=0$",
            no=[r"^FAIL ", r"^panic"])


@test(3, "boundary answers: /test/einval, as root and as ast, gets the exact errno for each "
         "out-of-range field of PM, VFS, RS, DS and VM requests (signal numbers, how, "
         "options, resources, timers, descriptors, whence, offsets, select's count and "
         "timeout, node types, nanoseconds, name lengths, row sizes, key lengths, mapping "
         "lengths) and ENOSYS for a type each does not serve", parent=privileges_session)
def boundary_answers(t):
    for command in (EINVAL_ROOT, EINVAL_USER):
        text = output_of(t, command)
        t.match(text, r"^einval: pm_kill_sig_nsig ok$", r"^einval: vfs_lseek_whence ok$",
                r"^einval: vfs_mknod_type ok$", r"^einval: rs_getsysinfo_row_size ok$",
                r"^einval: ds_retrieve_key_len_huge ok$", r"^einval: vm_mmap_len_zero ok$",
                r"^DONE einval \d+ passed, 0 failed$", r"^status=0$",
                no=[r"^einval: .* FAILED", r"^panic"])
