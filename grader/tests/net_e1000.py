# Link-level tests of the e1000 driver (drivers/net/e1000 on lib/libnetdriver;
# handouts/netdriver.md): the session of net_common.py (its header lists the steps) run
# against two Intel 82540EM cards (QEMU's e1000).
# The tests but enxio score the netdriver lab (labs/netdriver: the rings, store-and-complete).
#
# Sizes: `traffic` sends 10,000 frames each way (the proof; about 15 s under TCG);
# `two`, `kill` and `update` 1,500 (MINNOW_FUZZ=full: 10,000 too).

from grader.tests.fuzz_common import FULL, SEED
from grader.tests.net_common import Card, register

CARD = Card("e1000", ("e1000", "e1000"), ("52:54:00:12:34:56", "52:54:00:12:34:57"),
            n_traffic=10000, n_restart=10000 if FULL else 1500, seed=SEED, lab="netdriver")

net_e1000_session = register(CARD, "boot with two e1000 cards on UDP wires to the grader; "
                                   "start e1000_0 and e1000_1; run /test/dltest's steps")
