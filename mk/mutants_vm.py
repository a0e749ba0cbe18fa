#!/usr/bin/env python3
"""Lab 6's plausible mistakes, each loaded into Debian's 6.1 kernel: the
in-VM suite must fail at least one test for every one (make mutants VM=1).

    python3 mk/mutants_vm.py [--only ID[,ID]] [--list]

Each mutant is (id, exact text of solutions/module/vethlab.c inside a lab 6
region, its replacement, why). The unmodified module runs first and must
pass everything; then each mutant is built with Kbuild and run through the
same suite (module/vm/vethvm.py ... test), one guest each. Prints
"lab 6: K/M mutants killed" and exits non-zero on a survivor. It boots the
VM once per mutant, so it is not part of make test (mk/mutants.py is, for
labs 1-5).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, TOP)
from vethlab import catalog, markers  # noqa: E402

SRC, = catalog.lab(6).files      # module/vethlab.c
MUTANTS = [
    ("l6-no-drop-count", "\t\tatomic64_inc(&priv->dropped);\n", "",
     "a dropped frame not counted: tx_dropped stays 0"),
    ("l6-no-tx-stats", "\t\tdev_sw_netstats_tx_add(dev, 1, length);\n", "\t\t(void)length;\n",
     "a sent frame not counted in tx_packets/tx_bytes"),
    ("l6-one-peer", "\tpriv = netdev_priv(peer);\n\trcu_assign_pointer(priv->peer, dev);\n", "",
     "only one end points at the other"),
    ("l6-rx-from-own", "\t\ttot->rx_packets = tot_peer.tx_packets;\n",
     "\t\ttot->rx_packets = tot_peer.rx_packets;\n",
     "rx_packets read from the peer's rx instead of its tx"),
    ("l6-dellink-leaves-peer",
     "\t\tRCU_INIT_POINTER(priv->peer, NULL);\n\t\tunregister_netdevice_queue(peer, head);\n",
     "\t\tRCU_INIT_POINTER(priv->peer, NULL);\n",
     "deleting one end leaves the other registered"),
]
# mistakes no test can see, each with why (not run, not counted)
EQUIVALENT = [
    ("l6-no-ethhdr-check", "a frame shorter than an Ethernet header is forwarded",
     "unreachable from user space: AF_PACKET refuses a frame shorter than the device's "
     "min_header_len (dev_validate_header(), ETH_HLEN for a veth), so only an in-kernel "
     "sender could hand veth_xmit one"),
]


def make_var(name):
    return subprocess.run(["make", "-s", "--no-print-directory", "-C", "module",
                           "--eval=_print-%: ; @echo $($*)", f"_print-{name}"], cwd=TOP,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True).stdout.strip()


def suite(text, work, tag, kver):
    """Build the module from text and run the in-VM suite: (passed, failed, tail)."""
    tree = os.path.join(work, tag)
    os.makedirs(os.path.join(tree, "module"))
    with open(os.path.join(tree, SRC), "w", encoding="utf-8") as f:
        f.write(text)
    obj = os.path.join(tree, "obj")
    p = subprocess.run(["make", "-s", "-C", "module", "module", f"TREE={tree}", f"OBJDIR={obj}",
                        f"KVER={kver}"], cwd=TOP, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if p.returncode:
        return None, None, "does not build:\n" + p.stdout[-600:]
    p = subprocess.run([sys.executable, "module/vm/vethvm.py", "--kver", kver, "--ko",
                        os.path.join(obj, "vethlab.ko"), "test"], cwd=TOP,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       timeout=900)
    m = re.findall(r"^(\d+) passed, (\d+) failed\r*$", p.stdout, re.M)
    tail = "\n".join(p.stdout.strip().splitlines()[-6:])
    if not m:
        return 0, 1, tail          # the suite did not finish: the guest died
    return int(m[-1][0]), int(m[-1][1]), tail


def main(argv):
    if "--list" in argv:
        for mid, _, _, why in MUTANTS:
            print(f"{mid}: {why}")
        for mid, why, reason in EQUIVALENT:
            print(f"{mid}: {why} (equivalent: {reason})")
        return 0
    if not os.path.isdir(os.path.join(TOP, "solutions")):
        print("mutants_vm: the student release has no solutions/", file=sys.stderr)
        return 2
    only = argv[argv.index("--only") + 1].split(",") if "--only" in argv else None
    with open(os.path.join(TOP, "solutions", SRC), encoding="utf-8") as f:
        orig = f.read()
    spans = [(a, b) for lab, a, b in markers.spans(orig, SRC) if lab == 6]
    kver = make_var("KVER")
    work = tempfile.mkdtemp(prefix="vethlab-mutants-vm-")
    killed = total = failed = 0
    try:
        ok, bad, tail = suite(orig, work, "reference", kver)
        if not ok or bad:
            print(f"mutants_vm: the unmodified module does not pass ({ok} passed, {bad} "
                  f"failed):\n{tail}")
            return 1
        for mid, old, new, why in MUTANTS:
            if only and mid not in only:
                continue
            at = orig.find(old)
            if orig.count(old) != 1 or not any(a <= at and at + len(old) <= b for a, b in spans):
                print(f"BROKEN {mid}: its text is not once inside a lab 6 region")
                failed += 1
                continue
            total += 1
            ok, bad, tail = suite(orig.replace(old, new), work, mid, kver)
            if ok is None or bad:
                killed += 1
                print(f"killed {mid}: {why} ({'does not build' if ok is None else f'{bad} failed'})",
                      flush=True)
            else:
                failed += 1
                print(f"SURVIVED {mid}: {why}\n{tail}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"lab 6: {killed}/{total} mutants killed ({len(EQUIVALENT)} equivalent, not counted)")
    print(f"{killed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
