# Link-level tests of the rtl8139 driver (drivers/net/rtl8139 on lib/libnetdriver;
# handouts/netdriver.md, "rtl8139"): the session of net_common.py (its header lists the
# steps) run against two Realtek 8139 cards, and what is the 8139's own:
#   oversize   a 1518-byte frame: the chip stores it with a sound header whose length is
#              no Ethernet frame's; counted, skipped, the next frame delivered
#   huge       a 9000-byte datagram: a length the chip never stores, so the header cannot
#              be trusted; counted, the receiver restarted on an empty ring, the next
#              frame (sent once the driver has said so) delivered
#   traffic    the 32 KiB receive ring wraps about 240 times (logged)
# `two`, `kill` and `update` send 1,500 frames each way (MINNOW_FUZZ=full: 10,000).

from grader.core import test
from grader.tests.fuzz_common import FULL, SEED
from grader.tests.net_common import (DIR_IN, NOISE, PEER_MAC, Card, long_step, make_frame,
                                     register, value)

RING = 32768
RESTARTED = r"rtl8139: bad frame .*receiver restarted"


def huge_step(q, links):
    return long_step(q, links[0], "rtl8139_0", SEED + 15, 9000, RESTARTED)


def ring_wraps(t):
    """Log how often the traffic step's frames went round the 32 KiB receive ring (4-byte
    header, the frame, 4-byte CRC, rounded to 4)."""
    total = 0
    for seq in range(CARD.n_traffic):
        size = len(make_frame(CARD.seed, DIR_IN, seq, b"\0" * 6, PEER_MAC))
        total += (4 + size + 4 + 3) & ~3
    t.log("the grader's %d frames went round the 32 KiB ring %d times"
          % (CARD.n_traffic, total // RING))


CARD = Card("rtl8139", ("rtl8139", "rtl8139"), ("52:54:00:12:34:66", "52:54:00:12:34:67"),
            n_traffic=10000, n_restart=10000 if FULL else 1500, seed=SEED + 10,
            extra_steps=[("huge", huge_step)],
            notes={"conf": " (from IDR0..5)", "filter": " (RCR)",
                   "traffic": ", the receive ring wrapping round many times"})
CARD.on_traffic = ring_wraps

net_rtl8139_session = register(
    CARD, "boot with two rtl8139 cards on UDP wires to the grader; start rtl8139_0 and "
          "rtl8139_1; run /test/dltest's steps",
    oversize_lines=(r"^(?:# )?rtl8139: bad frame .*length 1522\): skipped$",))


@test(2, "rtl8139: a 9000-byte frame (a length the chip never stores) is counted, the "
         "receiver restarted on an empty ring, the next frame delivered",
      parent=net_rtl8139_session)
def net_rtl8139_huge(t):
    t.match(value(t, "huge"), r"^(?:# )?dltest: filter mode=- own=1 other=0 bcast=0 "
            r"mcast=0 end=1$", r"^(?:# )?" + RESTARTED + "$", no=NOISE)
