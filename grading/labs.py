"""What each lab is graded on, and for how many points: the one table.

A lab's checks are
  - its unit tests: every Check test case tagged "labN" in tests/unit/, as the
    reference build runs them, UNIT_POINTS each (UNIT_OVERRIDES for others);
  - scenario transcripts: a public scenario compared with what the real kernel
    printed (tests/golden/), and the same scenario with parameters drawn from
    the run's seed, compared with what the reference build prints for it;
  - for lab 6, each test of the in-VM suite (module/vm/guest/vm-tests.sh),
    VM_POINTS each.
Instructors can add private scenario checks (grade.py --private DIR): each
DIR/labN-*.sh is a check of lab N, seeded like the others, worth the
"# points: P" of its first lines (default 3).
"""
import os

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

TITLES = {
    1: "net_device and its private area (alloc_netdev_mqs, netdev_priv)",
    2: "pairing (veth_newlink, veth_dellink)",
    3: "transmit (veth_xmit)",
    4: "the backlog (enqueue_to_backlog, ____napi_schedule)",
    5: "the receive softirq (net_rx_action, process_backlog)",
    6: "vethlab.ko in a real kernel (boots the Debian VM)",
}
VM_LABS = {6}

UNIT_POINTS = 1
UNIT_OVERRIDES = {}   # {"test name": points}
VM_POINTS = 1

# (lab, kind, check name, points, scenario script in tests/scenarios)
SCENARIOS = [
    (2, "golden", "seed 001: a pair in one namespace", 5, "seed001-pair-one-namespace.sh"),
    (2, "seeded", "seed 001 with this run's names, addresses and MTU", 3,
     "seed001-pair-one-namespace.sh"),
    (5, "golden", "seed 000: ping between two namespaces", 5, "seed000-two-namespaces.sh"),
    (5, "seeded", "seed 000 with this run's names, addresses, MTU and ping count", 3,
     "seed000-two-namespaces.sh"),
    (5, "golden", "seed 003: rp_filter, accept_local and the ARP trace", 5,
     "seed003-rp-filter.sh"),
    (5, "seeded", "seed 003 with this run's names, addresses and ping count", 3,
     "seed003-rp-filter.sh"),
]


def unit_points(name):
    return UNIT_OVERRIDES.get(name, UNIT_POINTS)


def private_checks(folder):
    """[(lab, "private", name, points, path)] from an instructor's folder."""
    found = []
    if not folder:
        return found
    for f in sorted(os.listdir(folder)):
        if not (f.startswith("lab") and f.endswith(".sh")):
            continue
        try:
            lab = int(f[3:].split("-")[0])
        except ValueError:
            continue
        points = 3
        with open(os.path.join(folder, f), encoding="utf-8") as fh:
            for line in fh.read().splitlines()[:5]:
                if line.startswith("# points:"):
                    points = int(line.split(":")[1])
        found.append((lab, "private", f"private: {f[:-3]}", points, os.path.join(folder, f)))
    return found
