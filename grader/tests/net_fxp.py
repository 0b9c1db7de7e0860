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
# In `kill` and `update` the frames of the gap between the restart and the client's
# DL_CONF reach a receive unit the restart left idle: QEMU drops them as resource errors
# (no RFD) and raises RNR; the RU starts again at DL_CONF.
# The other QEMU models (i82557a/c, i82558a/b, i82559a/b/c, i82550, i82551, i82562) are
# programmed the same way; handouts/netdriver.md, "fxp", lists what they report.

from grader.tests.fuzz_common import FULL, SEED
from grader.tests.net_common import Card, register

CHIPS = (("82559ER", "1209", 9), ("82557B", "1229", 2))

CARD = Card("fxp", ("i82559er", "i82557b"), ("52:54:00:12:35:01", "52:54:00:12:35:02"),
            n_traffic=10000 if FULL else 1000, n_restart=2000 if FULL else 400,
            seed=SEED + 20, update_instance=1, oversize_instance=1,
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
