#!/usr/bin/env python3
"""Mutation test: each plausible student mistake must fail a test of its lab.

    python3 mk/mutants.py [--only ID[,ID]] [--list] [--selftest] [-v]

A mutant is one mistake written as (lab, file under solutions/, the exact
original text, its replacement, why a student might write it). The original
text must occur exactly once in the file, inside a SOLUTION region of that
lab, so a mutant that no longer applies fails loudly instead of testing
nothing. Each mutant's object is compiled alone (the kernel's flags, as the
grader compiles a student's file) and linked with the solutions build's
other objects into the unit binaries that hold lab N's tests; those tests
(CK_INCLUDE_TAGS=labN) must fail. Before any mutant, the unmutated file goes
through the same steps and must pass: a harness that fails everything would
otherwise "kill" every mutant.

A mutant no test can tell from the solution is listed with `equivalent=`
and the reason; it is built and run (to keep the reason honest, it must
survive) but not counted. Prints "lab N: K/M mutants killed" per lab and
the survivors (-v: also which tests killed each), then "mutants: K passed,
S failed". Exits 1 on a survivor, on a mutant that does not apply or build,
or on a failing baseline. The student release leaves this file out: its
original texts are lines of the solutions.
"""
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vethlab import markers  # noqa: E402
from labcheck import lab_binaries  # noqa: E402  (mk/, this script's folder)

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAKE = os.environ.get("MAKE", "make")
JOBS = os.cpu_count() or 2
VERBOSE = "-v" in sys.argv
BUILD = "build/solutions"
WORK = "build/mutants"
VETH = "sim/drivers/net/veth.c"
DEV = "sim/net/core/dev.c"


class M:
    def __init__(self, ident, lab, path, orig, repl, why, equivalent=None):
        self.id, self.lab, self.path = ident, lab, path
        self.orig, self.repl, self.why = orig, repl, why
        self.equivalent = equivalent


MUTANTS = [
    # ---- lab 1: alloc_netdev_mqs, netdev_priv ----
    M("l1-no-priv-size", 1, DEV,
      "\t\talloc_size += (size_t)sizeof_priv;\n", "",
      "the private area is left out of the size"),
    M("l1-no-slack", 1, DEV,
      "\talloc_size += NETDEV_ALIGN - 1;\n", "",
      "no room to move dev to an aligned address"),
    M("l1-priv-branch-flipped", 1, DEV,
      "\tif (sizeof_priv) {\n", "\tif (!sizeof_priv) {\n",
      "the private-area rounding done only when there is none"),
    M("l1-malloc", 1, DEV,
      "\tp = calloc(1, alloc_size);\n", "\tp = malloc(alloc_size);\n",
      "the block is not zeroed (kvzalloc's z)"),
    M("l1-not-aligned", 1, DEV,
      "\tdev = (struct net_device *)ALIGN((uintptr_t)p, (uintptr_t)NETDEV_ALIGN);\n",
      "\tdev = (struct net_device *)p;\n",
      "dev is not moved to a NETDEV_ALIGN boundary"),
    M("l1-padded-zero", 1, DEV,
      "\tdev->padded = (unsigned short)((char *)dev - p);\n",
      "\tdev->padded = 0;\n",
      "the shift is not remembered, so free_netdev() frees the wrong pointer"),
    M("l1-padded-reversed", 1, DEV,
      "\tdev->padded = (unsigned short)((char *)dev - p);\n",
      "\tdev->padded = (unsigned short)(NETDEV_ALIGN - ((char *)dev - p));\n",
      "the shift counted from the other end"),
    M("l1-priv-unaligned", 1, DEV,
      "\treturn (char *)dev + ALIGN(sizeof(struct net_device),\n"
      "\t\t\t\t   (size_t)NETDEV_ALIGN);\n",
      "\treturn (char *)dev + sizeof(struct net_device);\n",
      "netdev_priv without rounding the struct size up (killed while sizeof(struct "
      "net_device), 600 now, is not a multiple of NETDEV_ALIGN)"),
    M("l1-priv-off-by-align", 1, DEV,
      "\treturn (char *)dev + ALIGN(sizeof(struct net_device),\n"
      "\t\t\t\t   (size_t)NETDEV_ALIGN);\n",
      "\treturn (char *)dev + ALIGN(sizeof(struct net_device) + NETDEV_ALIGN,\n"
      "\t\t\t\t   (size_t)NETDEV_ALIGN);\n",
      "a private area pushed one boundary too far, whatever the struct's size"),

    # ---- lab 2: veth_newlink, veth_dellink ----
    M("l2-peer-attrs-ignored", 2, VETH,
      "\t\ttbp = &req->peer;\n", "",
      "the peer is created from the device's own attributes"),
    M("l2-peer-not-validated", 2, VETH,
      "\t\terr = veth_validate_attrs(&req->peer);\n"
      "\t\tif (err < 0)\n\t\t\treturn err;\n", "",
      "the peer's MTU and address are not checked"),
    M("l2-peer-netns-ignored", 2, VETH,
      "\tpeer = rtnl_create_link(net, ifname,",
      "\tpeer = rtnl_create_link(src_net, ifname,",
      "`peer ... netns NS` ignored: the peer lands in the caller's namespace"),
    M("l2-peer-mac-and", 2, VETH,
      "\tif (!req->has_peer || !tbp->has_address)\n",
      "\tif (!req->has_peer && !tbp->has_address)\n",
      "a named peer without an address keeps an all-zero MAC"),
    M("l2-peer-carrier-on", 2, VETH,
      "\tnetif_carrier_off(peer);\n\n\terr = rtnl_configure_link(peer);\n",
      "\terr = rtnl_configure_link(peer);\n",
      "the peer starts with carrier although its partner is down"),
    M("l2-dev-carrier-on", 2, VETH,
      "\tnetif_carrier_off(dev);\n\n\t/* tie", "\n\t/* tie",
      "the device starts with carrier although its partner is down"),
    M("l2-peer-not-tied", 2, VETH,
      "\tpriv = netdev_priv(peer);\n\trcu_assign_pointer(priv->peer, dev);\n", "",
      "only one end learns of the other"),
    M("l2-no-unwind", 2, VETH,
      "err_configure_peer:\n\tunregister_netdevice(peer);\n",
      "err_configure_peer:\n",
      "a failed device registration leaves the peer behind"),
    M("l2-dellink-one-end", 2, VETH,
      "\t\tunregister_netdevice_queue(peer, head);\n", "",
      "deleting one end leaves the other"),
    M("l2-dellink-peer-pointer-kept", 2, VETH,
      "\tif (peer) {\n\t\tpriv = netdev_priv(peer);\n"
      "\t\tRCU_INIT_POINTER(priv->peer, NULL);\n",
      "\tif (peer) {\n\t\tpriv = netdev_priv(peer);\n",
      "the surviving end keeps a pointer to the dying one"),

    # ---- lab 3: veth_xmit ----
    M("l3-count-on-peer", 3, VETH,
      "\t\tdev_sw_netstats_tx_add(dev, 1, length);\n",
      "\t\tdev_sw_netstats_tx_add(rcv, 1, length);\n",
      "the sent packet counted on the receiving end"),
    M("l3-length-after-forward", 3, VETH,
      "\t\tdev_sw_netstats_tx_add(dev, 1, length);\n",
      "\t\tdev_sw_netstats_tx_add(dev, 1, skb->len);\n",
      "skb->len read after the skb was handed on (eth_type_trans pulled 14 bytes)"),
    M("l3-tx-on-drop", 3, VETH,
      "drop:\n\t\tatomic64_inc(&priv->dropped);\n",
      "drop:\n\t\tdev_sw_netstats_tx_add(dev, 1, length);\n"
      "\t\tatomic64_inc(&priv->dropped);\n",
      "a dropped frame also counted as transmitted"),
    M("l3-drop-not-counted", 3, VETH,
      "\t\tatomic64_inc(&priv->dropped);\n", "",
      "tx_dropped never grows"),
    M("l3-no-short-frame-check", 3, VETH,
      "\tif (unlikely(!rcv) || !pskb_may_pull(skb, ETH_HLEN)) {\n",
      "\tif (unlikely(!rcv)) {\n",
      "a frame shorter than an Ethernet header is forwarded"),
    M("l3-ret-ok-on-drop", 3, VETH,
      "\t\tret = NET_XMIT_DROP;\n", "",
      "a drop reported to the stack as NETDEV_TX_OK"),
    M("l3-leak-without-peer", 3, VETH,
      "\t\tkfree_skb(skb);\n\t\tgoto drop;\n", "\t\tgoto drop;\n",
      "the skb is not freed when there is no peer"),
    M("l3-any-answer-is-success", 3, VETH,
      "\tif (likely(veth_forward_skb(rcv, skb) == NET_RX_SUCCESS)) {\n",
      "\tif (likely(veth_forward_skb(rcv, skb) >= NET_RX_SUCCESS)) {\n",
      "the peer's NET_RX_DROP counted as sent"),
    M("l3-sent-to-self", 3, VETH,
      "\tif (likely(veth_forward_skb(rcv, skb) == NET_RX_SUCCESS)) {\n",
      "\tif (likely(veth_forward_skb(dev, skb) == NET_RX_SUCCESS)) {\n",
      "the frame arrives back on the sending end"),

    # ---- lab 4: ____napi_schedule, enqueue_to_backlog ----
    M("l4-poll-list-head", 4, DEV,
      "\tlist_add_tail(&napi->poll_list, &sd->poll_list);\n",
      "\tlist_add(&napi->poll_list, &sd->poll_list);\n",
      "the NAPI put at the head of the poll list, not the tail"),
    M("l4-no-raise", 4, DEV,
      "\traise_softirq_irqoff(NET_RX_SOFTIRQ);\n", "",
      "NET_RX_SOFTIRQ not raised: nobody polls"),
    M("l4-limit-lt", 4, DEV,
      "\tif (qlen <= (unsigned int)netdev_max_backlog) {\n",
      "\tif (qlen < (unsigned int)netdev_max_backlog) {\n",
      "`<` for the kernel's `<=`: 1000 packets fit instead of 1001"),
    M("l4-no-running-check", 4, DEV,
      "\tif (!netif_running(skb->dev))\n\t\tgoto drop;\n", "",
      "a device that is down still queues"),
    M("l4-sd-dropped", 4, DEV,
      "\tsd->dropped++;\n", "",
      "the drop missing from /proc/net/softnet_stat"),
    M("l4-dev-rx-dropped", 4, DEV,
      "\tdev_core_stats_rx_dropped_inc(skb->dev);\n", "",
      "the drop missing from the device's rx_dropped"),
    M("l4-sched-bit-not-set", 4, DEV,
      "\t\t\tsd->backlog.state |= 1ul << NAPI_STATE_SCHED;\n", "",
      "NAPI_STATE_SCHED not set, so the backlog can be scheduled twice"),
    M("l4-no-drop-reason", 4, DEV,
      "\treason = SKB_DROP_REASON_CPU_BACKLOG;\n", "",
      "a full backlog dropped with reason NOT_SPECIFIED"),
    M("l4-qtail-off-by-one", 4, DEV,
      "\t\t\t*qtail = qlen + 1;\n", "\t\t\t*qtail = qlen;\n",
      "the queue tail reported one short",
      equivalent="6.1 uses qtail only for RPS's flow table (rps_dev_flow), and the "
                 "sim has no RPS: netif_rx_internal() discards it"),
    M("l4-schedule-every-packet", 4, DEV,
      "\t\tif (qlen) {\n", "\t\tif (0) {\n",
      "the schedule branch taken for every packet, not the first of a burst",
      equivalent="a non-empty input_pkt_queue always has NAPI_STATE_SCHED set "
                 "(process_backlog clears it only once the queue is empty), so the "
                 "SCHED test already skips the schedule"),

    # ---- lab 5: process_backlog, net_rx_action ----
    M("l5-budget-lt", 5, DEV,
      "\t\tif (unlikely(budget <= 0 ||\n", "\t\tif (unlikely(budget < 0 ||\n",
      "`budget < 0`: a budget spent to exactly 0 is not a squeeze"),
    M("l5-no-weight", 5, DEV,
      "\tnapi->weight = dev_rx_weight;\n", "",
      "net.core.dev_weight ignored"),
    M("l5-quota-gt", 5, DEV,
      "\t\t\tif (++work >= quota)\n", "\t\t\tif (++work > quota)\n",
      "one packet more than the quota per poll"),
    M("l5-state-kept", 5, DEV,
      "\t\t\tnapi->state = 0;\n", "",
      "the NAPI never completes: NAPI_STATE_SCHED stays set"),
    M("l5-take-list-tail", 5, DEV,
      "\tlist_splice_init(&sd->poll_list, &list);\n",
      "\tlist_splice_tail_init(&sd->poll_list, &list);\n",
      "the poll list taken onto the tail of the local list, not its head",
      equivalent="the local list is empty when the poll list is taken, so head and "
                 "tail are the same place"),
    M("l5-no-squeeze", 5, DEV,
      "\t\t\tsd->time_squeeze++;\n", "",
      "a cut-short run not counted in softnet_stat's third column"),
    M("l5-no-time-limit", 5, DEV,
      "\t\tif (unlikely(budget <= 0 ||\n\t\t\t     ktime_get_coarse_ns() >= time_limit)) {\n",
      "\t\tif (unlikely(budget <= 0)) {\n",
      "netdev_budget_usecs ignored"),
    M("l5-repoll-first", 5, DEV,
      "\tlist_splice_tail(&repoll, &list);\n", "\tlist_splice(&repoll, &list);\n",
      "NAPIs polled this run go back before those not polled yet"),
    M("l5-no-reraise", 5, DEV,
      "\tif (!list_empty(&sd->poll_list))\n\t\t__raise_softirq_irqoff(NET_RX_SOFTIRQ);\n",
      "",
      "leftover work not rescheduled"),
    M("l5-new-schedules-lost", 5, DEV,
      "\tlist_splice_tail_init(&sd->poll_list, &list);\n", "",
      "NAPIs scheduled while the softirq ran go after the repolled ones, not before"),
    M("l5-one-packet-per-poll", 5, DEV,
      "\t\t\t__netif_receive_skb(skb);\n\t\t\tif (++work >= quota)\n",
      "\t\t\t__netif_receive_skb(skb);\n\t\t\tif (++work >= 1)\n",
      "the quota argument ignored"),
]

def regions(text):
    """[(lab, start offset, end offset)] of the SOLUTION regions of one file."""
    return markers.spans(text)


def apply(m):
    """The mutated text of m's file, or raise ValueError saying why it does not apply."""
    src = os.path.join("solutions", m.path)
    with open(src, encoding="utf-8") as f:
        text = f.read()
    n = text.count(m.orig)
    if n != 1:
        raise ValueError(f"its original text occurs {n} times in {src} (must be once)")
    at = text.index(m.orig)
    if not any(lab == m.lab and s <= at and at + len(m.orig) <= e
               for lab, s, e in regions(text)):
        raise ValueError(f"its original text is not inside a lab {m.lab} region of {src}")
    return text.replace(m.orig, m.repl)


def make_var(name):
    out = subprocess.run([MAKE, "-s", "--no-print-directory",
                          "--eval=_print-%: ; @echo $($*)", f"_print-{name}", "TREE=solutions"],
                         stdout=subprocess.PIPE, text=True, check=True).stdout
    return out.split()


class Harness:
    def __init__(self):
        # as the grader compiles a student's file (no -Werror), but without
        # debug info: half the compile time, and the link drops it too (-S)
        self.cflags = [f for f in make_var("KERNEL_CFLAGS")
                       if f not in ("-Werror", "-MMD", "-MP", "-g")] + ["-g0"]
        self.libs = make_var("CHECK_LIBS") + make_var("PCAP_LIBS")
        self.cc = os.environ.get("CC", "cc")
        # gold (binutils) links in two thirds of bfd's time, as in the grader
        self.ld = ["-fuse-ld=gold"] if shutil.which("ld.gold") else []

    def link(self, exe, first, obj):
        """first + the mutant's object + the solutions build's archives. The
        mutant's object comes before the archives: their member of the same
        file is then never pulled in (it defines nothing missing)."""
        return subprocess.run([self.cc, "-Wl,-S"] + self.ld + ["-o", exe] + first +
                              [obj, f"{BUILD}/libsimtools.a", f"{BUILD}/libsimkernel.a"] +
                              self.libs, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)

    def probe(self, d, lab, obj):
        """What the grader's probe of `lab` (tests/unit/probe.c) reports on a
        freshly booted kernel built with obj, for a fixed seed."""
        drv = os.path.join(WORK, "probe-driver.o")
        if not os.path.exists(drv):
            src = drv[:-2] + ".c"
            with open(src, "w", encoding="utf-8") as f:
                f.write(PROBE_DRIVER)
            subprocess.run([self.cc, "-c", src, "-o", drv], check=True)
        exe = os.path.join(d, "probe-driver")
        if self.link(exe, [drv, f"{BUILD}/obj/tests/unit/probe.o"], obj).returncode:
            return "does not link"
        with open(os.path.join(d, "probe.txt"), "w+b") as out:
            env = dict(os.environ, VETHLAB_PROBE=str(lab), VETHLAB_RUN_SEED="20261207",
                       VETHLAB_OBS=f"/dev/fd/{out.fileno()}")
            try:
                subprocess.run([exe], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=60, pass_fds=(out.fileno(),))
            except subprocess.TimeoutExpired:
                return "hung"
            out.seek(0)
            return out.read().decode("utf-8", "replace")

    def run(self, ident, lab, path, text, unit=True):
        """(killed, detail, probe report): build text as solutions/<path>, run
        lab's tests (unit=True) and the probe of lab."""
        d = os.path.join(WORK, ident)
        os.makedirs(d, exist_ok=True)
        csrc = os.path.join(d, os.path.basename(path))
        obj = csrc[:-2] + ".o"
        with open(csrc, "w", encoding="utf-8") as f:
            f.write(text)
        r = subprocess.run([self.cc] + self.cflags + ["-c", csrc, "-o", obj],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if r.returncode:
            return None, "does not compile:\n" + r.stdout[-1500:], None
        report = self.probe(d, lab, obj)
        if not unit:
            return False, "", report
        failed = []
        for name in lab_binaries(lab):
            exe = os.path.join(d, name)
            r = self.link(exe, [f"{BUILD}/obj/tests/unit/{name}.o",
                                f"{BUILD}/obj/tests/unit/unit.o",
                                f"{BUILD}/obj/tests/unit/probe.o"], obj)
            if r.returncode:
                return None, "does not link:\n" + r.stdout[-1500:], None
            env = dict(os.environ, CK_INCLUDE_TAGS=f"lab{lab}", CK_FORK="yes",
                       CK_VERBOSITY="normal", CK_DEFAULT_TIMEOUT="5")
            env.pop("CK_RUN_CASE", None)
            env.pop("CK_RUN_SUITE", None)
            try:
                r = subprocess.run([exe], env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, errors="replace",
                                   timeout=120)
            except subprocess.TimeoutExpired:
                failed.append(f"{name}: hung for 120 s")
                continue
            if r.returncode:
                fails = re.findall(r"^[^:\n]+:\d+:[FES]:[^:]*:(\w+):", r.stdout, re.M)
                failed.append(f"{name}: " + (", ".join(sorted(set(fails))) or
                                             f"exit {r.returncode}"))
        return bool(failed), "; ".join(failed), report


# Boots the simulated kernel and runs the probe alone: no test body, so what
# it tells apart is the probe's own doing.
PROBE_DRIVER = """#include <stdbool.h>
int sim_start_kernel(void);
void sim_shutdown_kernel(void);
void sim_clock_set_deterministic(bool on);
void unit_probe_begin(void);
void unit_probe_end(void);
int main(void)
{
	sim_clock_set_deterministic(true);
	if (sim_start_kernel())
		return 1;
	unit_probe_begin();
	unit_probe_end();
	sim_shutdown_kernel();
	return 0;
}
"""


def main(argv):
    os.chdir(TOP)
    known = {"--only", "--list", "--selftest", "-v"}
    bad = [a for i, a in enumerate(argv) if a.startswith("-") and a not in known]
    if bad or ("--only" in argv and argv.index("--only") + 1 >= len(argv)):
        print(f"mutants.py: {'unknown option ' + bad[0] if bad else '--only needs IDs'}; "
              "usage: mutants.py [--only ID[,ID]] [--list] [--selftest] [-v]", file=sys.stderr)
        return 2
    if not os.path.isdir("solutions/sim"):
        print("mutants.py: no solutions/sim here (the student release has no solutions/)",
              file=sys.stderr)
        return 2
    mutants = MUTANTS
    if "--list" in argv:
        for m in mutants:
            eq = f"  [equivalent: {m.equivalent}]" if m.equivalent else ""
            print(f"lab {m.lab} {m.id}: {m.why}{eq}")
        return 0
    if "--selftest" in argv:
        return selftest()
    if "--only" in argv:
        only = argv[argv.index("--only") + 1].split(",")
        mutants = [m for m in mutants if m.id in only]
        unknown = set(only) - {m.id for m in mutants}
        if unknown:
            print(f"mutants.py: no mutant named {', '.join(sorted(unknown))} (see --list)",
                  file=sys.stderr)
            return 2
    return run(mutants, whole="--only" not in argv)


def run(mutants, whole=True):
    t0 = time.time()
    r = subprocess.run([MAKE, "-s", f"-j{JOBS}", "build", "TREE=solutions"])
    if r.returncode:
        print("mutants: the solutions build fails; fix that first")
        print("mutants: 0 passed, 1 failed")
        return 1
    shutil.rmtree(WORK, ignore_errors=True)
    h = Harness()
    broken = []
    # every lab must have mistakes to make, and every region at least one
    if whole:
        per_lab = {}
        for m in mutants:
            if not m.equivalent:
                per_lab[m.lab] = per_lab.get(m.lab, 0) + 1
        for path in sorted({m.path for m in MUTANTS}):
            with open(os.path.join("solutions", path), encoding="utf-8") as f:
                text = f.read()
            for lab, s, e in regions(text):
                if per_lab.get(lab, 0) < 5:
                    broken.append(f"lab {lab}: only {per_lab.get(lab, 0)} mutants (want 5)")
                if not any(m.path == path and text.find(m.orig, s, e) >= 0 for m in mutants):
                    line = text.count("\n", 0, s) + 1
                    broken.append(f"solutions/{path}:{line}: lab {lab} region has no mutant")
    jobs = []
    for path in sorted({m.path for m in mutants}):
        with open(os.path.join("solutions", path), encoding="utf-8") as f:
            text = f.read()
        for lab in sorted({m.lab for m in mutants if m.path == path}):
            base = os.path.basename(path)[:-2]
            jobs.append((f"baseline-lab{lab}-{base}", lab, path, text, None))
            # the untouched exercise of this lab (its prerequisites solved):
            # the probe alone must tell it from the solution
            jobs.append((f"stub-lab{lab}-{base}", lab, path,
                         markers.skeleton(text, path, upto=lab - 1), "stub"))
    for m in mutants:
        try:
            jobs.append((m.id, m.lab, m.path, apply(m), m))
        except ValueError as e:
            broken.append(f"lab {m.lab} {m.id}: does not apply: {e}")

    with ThreadPoolExecutor(max_workers=JOBS) as pool:
        results = list(pool.map(lambda j: (j, h.run(*j[:4], unit=j[4] != "stub")), jobs))

    killed, survived, equivalent = {}, {}, {}
    reference = {(j[1], j[2]): rep for j, (_, _, rep) in results if j[4] is None}
    probed = {}     # lab -> [mutants the probe alone tells from the solution]
    for (ident, lab, path, _, m), (dead, detail, rep) in results:
        told = rep != reference.get((lab, path))
        if m == "stub":
            if not told:
                broken.append(f"lab {lab}: the probe alone reports the same for the untouched "
                              f"exercise as for the solution (solutions/{path})")
            continue
        if m is not None and not m.equivalent and told:
            probed.setdefault(lab, []).append(m)
        if dead is None:
            broken.append(f"lab {lab} {ident}: {detail}")
        elif m is None:
            if dead:
                broken.append(f"{ident}: the unmutated solutions/{path} fails lab {lab}'s "
                              f"tests in this harness: {detail}")
        elif m.equivalent:
            equivalent.setdefault(lab, []).append(m)
            if dead:
                broken.append(f"lab {lab} {m.id}: listed as equivalent but killed by "
                              f"{detail}: drop its equivalent= reason")
        elif dead:
            killed.setdefault(lab, []).append((m, detail))
        else:
            survived.setdefault(lab, []).append(m)

    for lab in sorted({m.lab for m in mutants}):
        k, s = len(killed.get(lab, [])), len(survived.get(lab, []))
        eq = len(equivalent.get(lab, []))
        note = f" ({eq} equivalent, not counted)" if eq else ""
        print(f"lab {lab}: {k}/{k + s} mutants killed{note}; the grader's probe alone "
              f"tells {len(probed.get(lab, []))} of them and the untouched exercise")
        for m in survived.get(lab, []):
            print(f"  SURVIVED {m.id}: {m.why} (solutions/{m.path})")
        if VERBOSE:
            for m, detail in killed.get(lab, []):
                print(f"  killed {m.id} by {detail}")
    for b in broken:
        print(f"  BROKEN {b}")
    nk = sum(len(v) for v in killed.values())
    ns = sum(len(v) for v in survived.values())
    print(f"({len(jobs)} builds in {time.time() - t0:.1f}s on {JOBS} cores)")
    print(f"mutants: {nk} passed, {ns + len(broken)} failed")
    return 1 if ns or broken else 0


def selftest():
    """The harness reports a mutant no test sees, and one that does not apply."""
    global WORK
    WORK = "build/mutants-selftest"
    noop = M("selftest-noop", 4, DEV, "\tsd->dropped++;\n", "\tsd->dropped += 1;\n",
             "a change no test can see")
    gone = M("selftest-gone", 4, DEV, "\tsd->dropped--;\n", "", "text that is not there")
    outside = M("selftest-outside", 4, DEV, "\tdev->group = 0;", "", "not in a region")
    import io
    import contextlib
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        rc = run([noop, gone, outside], whole=False)
    out = buf.getvalue()
    want = ["SURVIVED selftest-noop", "selftest-gone: does not apply: its original text "
            "occurs 0 times", "selftest-outside: does not apply: its original text is not "
            "inside a lab 4 region", "lab 4: 0/1 mutants killed"]
    missing = [w for w in want if w not in out]
    ok = rc == 1 and not missing
    print(out, end="")
    print(f"selftest: {'OK' if ok else 'FAIL'} (exit {rc}"
          + (f"; missing: {missing}" if missing else "") + ")")
    print(f"{int(ok)} passed, {int(not ok)} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
