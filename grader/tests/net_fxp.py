# Link-level tests of the fxp driver (drivers/net/fxp on lib/libnetdriver;
# handouts/netdriver.md, "fxp"): the session of net_common.py (its header lists the steps)
# run against two PRO/100 cards of different models: an i82559ER (8086:1209, revision 9)
# found first, so fxp_0, and an i82557B (8086:1229, revision 2), fxp_1.  What is the
# 8255x's own:
#   conf       the driver names each chip by its PCI revision
#   filter     modes none, b, m, p on fxp_0, and none and p on fxp_1 (QEMU's 8255x accept
#              every broadcast: the driver's own filter refuses them)
#   oversize   on fxp_1 (the i82557B)
#   update     of fxp_1, so that both models restart under traffic
#   burst      the receive unit runs out of RFDs and is started again: BURST frames to
#              fxp_0 at once while the client asks nothing for HOLD tenths of a second (the
#              160 RFDs fill, the card misses the rest, RNR), then, once the guest has been
#              quiet for a second, AFTER more, which arrive only if the driver started the
#              RU again; the statistics say frames were missed
# In `kill` and `update` the frames of the gap between the restart and the client's
# DL_CONF reach a receive unit the restart left idle: QEMU drops them as resource errors
# (no RFD) and raises RNR; the RU starts again at DL_CONF.
# The other QEMU models (i82557a/c, i82558a/b, i82559a/b/c, i82550, i82551, i82562) are
# programmed the same way; handouts/netdriver.md, "fxp", lists what they report.

import re

from grader.core import test
from grader.match import CheckFailure
from grader.tests.fuzz_common import FULL, SEED
from grader.tests.net_common import (DIR_IN, NOISE, PEER_MAC, SUMMARY, Card, make_frame,
                                     register, start_client, traffic_ok, value, wait_text)

CHIPS = (("82559ER", "1209", 9), ("82557B", "1229", 2))
BURST, AFTER = 400, 32                  # `burst`: frames at once, then after the quiet
HOLD = 20                               # tenths of a second the client holds its reads
BURST_SEED = SEED + 26


def burst_step(q, links):
    """BURST frames to fxp_0 at once, then AFTER more once the guest is quiet."""
    link = links[0]
    link.reset()
    start = start_client(q, "fxp_0", "traffic %d 0 %d - %d" % (BURST_SEED, BURST + AFTER,
                                                                HOLD))
    wait_text(q, r"^(?:# )?dltest: traffic ready", start)
    link.pump(BURST_SEED, BURST, window=BURST)
    link.wait_quiet()
    for seq in range(BURST, BURST + AFTER):
        link.send(make_frame(BURST_SEED, DIR_IN, seq, link.guest_mac, PEER_MAC))
    wait_text(q, SUMMARY % "fxp_0", start, 60)
    end = wait_text(q, r"^(?:# )?DONE dltest.*$", start).end()   # then read q.output
    return q.output[start:end]


CARD = Card("fxp", ("i82559er", "i82557b"), ("52:54:00:12:35:01", "52:54:00:12:35:02"),
            n_traffic=10000 if FULL else 1000, n_restart=2000 if FULL else 400,
            seed=SEED + 20, update_instance=1, oversize_instance=1,
            extra_steps=[("burst", burst_step)],
            notes={"conf": " (i82559ER, i82557B: each chip named by its revision)",
                   "filter": " on both models", "kill": " of fxp_0 (i82559ER)",
                   "update": " of fxp_1 (i82557B)"})
CARD.filters += [("fxp_1", "-"), ("fxp_1", "p")]


def chip_lines(i):
    chip, did, rev = CHIPS[i]
    return (r"^(?:# )?%s: 8086:%s revision %d at port 0x[0-9a-f]+, IRQ \d+$" % (chip, did, rev),
            r"^(?:# )?%s: MAC %s$" % (chip, CARD.macs[i]))


net_fxp_session = register(CARD, "boot with an i82559ER and an i82557B on UDP wires to the "
                                 "grader; start fxp_0 and fxp_1; run /test/dltest's steps",
                           conf_lines=chip_lines)


@test(3, "fxp: %d frames at once while the client reads nothing overrun the 160 RFDs "
         "(frames missed, RNR); the driver starts the receive unit again: the %d frames "
         "after them all arrive" % (BURST, AFTER),
      parent=net_fxp_session)
def net_fxp_burst(t):
    out = value(t, "burst")
    t.match(out, r"^(?:# )?PASS dltest_traffic_clean$", r"^(?:# )?PASS dltest_traffic_stats$",
            no=NOISE)
    m = re.search(r"^(?:# )?dltest: traffic fxp_0 next=(\d+) missed=(\d+)$", out, re.M)
    got = re.search(SUMMARY % "fxp_0", out, re.M)
    if not m or not got:
        raise CheckFailure("no summary of the burst:\n%s" % out[-2000:])
    t.log("fxp_0: the guest got %s of %d frames; the card missed %s"
          % (got.group(2), BURST + AFTER, m.group(2)))
    if int(m.group(2)) == 0:
        raise CheckFailure("the burst missed no frame: the receive ring never ran out")
    if int(m.group(1)) != BURST + AFTER:
        raise CheckFailure("after the burst the guest waited for frame %s: the frames sent "
                           "after it did not all arrive (the RU was not started again)"
                           % m.group(1))
