# Tests of `service update` aimed at the core servers (handouts/rs.md, "Updating RS and VM"):
# RS and VM themselves are refused with ENOSYS (not implemented: live update of RS and of
# VM), PM and VFS stay EPERM as boot services.  A refusal creates nothing and disturbs
# nothing: the status listing is the same line for line, a second request is refused the
# same way (no update is left pending), and RS still supervises (kill -9 hello restarts
# it under its endpoint and pid).  Everything is typed into the real root shell.

from grader.core import test
from grader.tests.restart import Session, lookup

ENOSYS = r"^service: update %s: not implemented \(ENOSYS\): RS and VM cannot be updated live$"


def script(s):
    """The whole session; returns a dict of named outputs for the children."""
    v = {"status0": s.run("service status"), "hello0": lookup(s, "hello")}
    for label in ("rs", "vm", "pm", "vfs"):
        v[label] = s.run("service update self -label %s; echo status=$?" % label)
    v["rs2"] = s.run("service update /service/hello -label rs; echo status=$?")
    v["status1"] = s.run("service status")
    v["kill"] = s.run("kill -9 %d; sleep 1; cat /dev/hello" % v["hello0"][1])
    v["hello1"] = lookup(s, "hello")
    return v


@test(0, "service update of RS, VM, PM, VFS through the root shell", timeout=120)
def update_core_session(t):
    s = Session(t, 120)
    v = script(s)
    s.q.stop()
    return v


@test(2, "service update of RS and VM is ENOSYS (twice for RS), with RS's console line; "
         "nothing is started", parent=update_core_session)
def update_core_enosys(t):
    v = t.parent_value
    for text, label, who in ((v["rs"], "rs", "RS"), (v["rs2"], "rs", "RS"),
                             (v["vm"], "vm", "VM")):
        t.match(text, r"^rs: update of %s refused: not implemented: live update of %s "
                      r"itself$" % (label, who),
                ENOSYS % label, r"^status=1$", no=[r"^rs: updating", r"permission denied"])


@test(1, "service update of PM and VFS stays EPERM (boot services)",
      parent=update_core_session)
def update_core_eperm(t):
    v = t.parent_value
    for label in ("pm", "vfs"):
        t.match(v[label], r"^service: update %s: permission denied \(root only; " % label,
                r"^status=1$", no=[r"^rs: updating", r"ENOSYS"])


@test(2, "after the refusals the status listing is unchanged and RS still supervises: "
         "kill -9 hello restarts it under the same endpoint and pid",
      parent=update_core_session)
def update_core_supervision(t):
    v = t.parent_value
    if v["status0"] != v["status1"]:
        t.fail("service status changed across the refused updates:\n%s\n---\n%s"
               % (v["status0"], v["status1"]))
    t.match(v["kill"], r"^rs: service hello restarted, endpoint %d, pid %d \(restart 1\)$"
            % v["hello0"], r"^Hello, world! \(called \d+ times\)$")
    if v["hello1"] != v["hello0"]:
        t.fail("hello is %d / %d after the restart, not %d / %d"
               % (v["hello1"] + v["hello0"]))
