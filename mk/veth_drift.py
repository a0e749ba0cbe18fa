#!/usr/bin/env python3
"""The two copies of the veth functions must not drift apart.

    python3 mk/veth_drift.py [--module FILE] [--sim FILE]

solutions/module/vethlab.c (built against the real 6.1 kernel) and
solutions/sim/drivers/net/veth.c (built against the simulator) both play
drivers/net/veth.c. For every function both define, the bodies are compared
as tokens, without comments (so without TODO texts and stubs) and without
FTRACE_ENTRY() or FTRACE_ENTRY_TAIL_AT(n). A function must then be identical, or identical after the
rewrites REWRITES lists for it, each with the reason the copies differ; a
function whose copies differ too much for rewrites (netlink attributes in
the module, a plain request struct in the sim) is PINNED: the reason and a
hash of each copy's tokens, so changing either copy fails this check until
someone rereads both and updates the pin (the failure prints the new hashes).
Prints one line per function and "N passed, N failed".
"""
import argparse
import hashlib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import c61  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# function: [(module-side regex, replacement, why)] applied to the module's
# tokens (space-separated) before comparing with the sim's.
REWRITES = {
    "is_valid_veth_mtu": [
        (r"\( int mtu \)", "( unsigned int mtu )",
         "the sim takes an unsigned MTU: -Wsign-compare against ETH_MAX_MTU"),
    ],
    "veth_xmit": [
        (r"skb_tx_timestamp \( skb \) ; ", "",
         "the simulator has no TX timestamping"),
        (r"\( __dev_forward_skb \( rcv , skb \) \? : __netif_rx \( skb \) \)",
         "veth_forward_skb ( rcv , skb )",
         "the sim's veth_forward_skb() is 6.1's with xdp false: exactly this"),
    ],
    "veth_dellink": [
        (r"struct veth_priv \* priv = netdev_priv \( dev \) ; "
         r"struct net_device \* peer = rtnl_dereference",
         "struct veth_priv * priv ; struct net_device * peer ; "
         "priv = netdev_priv ( dev ) ; peer = rtnl_dereference",
         "the sim declares before the solution region, so its stub compiles"),
    ],
    "veth_get_drvinfo": [
        (r"strscpy \( ([^,]+) , (\w+) , sizeof \( ([^)]+) \) \)",
         r'snprintf ( \1 , sizeof ( \3 ) , " " , \2 )',
         "userspace has no strscpy()"),
    ],
    "veth_exit": [
        (r"^static __exit ", "", "a module's exit function vs one the sim calls"),
    ],
}

# function: (why the copies differ, module hash, sim hash)
PINNED = {
    "veth_newlink": (
        "the module parses IFLA_* netlink attributes (the peer's nested in "
        "VETH_INFO_PEER, IFLA_NET_NS_*, ifindex) and copies 6.1's GRO/TSO "
        "steps; the sim reads struct rtnl_newlink_req and has no GRO or TSO",
        "91fd00cd1504", "bb6257376eaa"),
    "veth_validate": (
        "netlink attributes in the module; the sim's request struct, checked "
        "by veth_validate_attrs() (same two checks: address, MTU)",
        "877807de202c", "237a99d545df"),
    "veth_setup": (
        "the module also sets IFF_TX_SKB_SHARING off, the 6.1 feature sets, "
        "pcpu_stat_type and the TSO limit, which the simulator does not model",
        "64b45d8f9dea", "20b5773cba8c"),
    "veth_init": (
        "the module registers the kind its 'kind' parameter names and says "
        "why registering fails",
        "2672e21c6355", "1820a5a54b64"),
    "veth_get_stats64": (
        "same numbers: the module sums per-CPU tstats with "
        "dev_fetch_sw_netstats() and takes rx from the peer's tx only; the "
        "sim has one tstats and adds its own rx, which veth never counts",
        "66980b05fd14", "538050df36e0"),
    "veth_get_strings": (
        "the module names peer_ifindex only; the sim also names each RX "
        "and TX queue's XDP counters that 6.1 reports",
        "ce580118021e", "2b111142def1"),
    "veth_get_sset_count": (
        "the number of those strings (1 vs 1 + 7 per RX queue + 2 per TX "
        "queue)",
        "6e44b912077e", "70f515fbe99f"),
    "veth_get_ethtool_stats": (
        "the module fills data[0]; the sim also zeroes the XDP counters",
        "e289faa16426", "179ba87a4af7"),
}


def bodies(path):
    text = open(path, encoding="utf-8").read()
    b = c61.blank(text)
    out = {}
    for name, off, _ in c61.definitions(text):
        if b[off:].lstrip().startswith("#"):
            continue
        i = b.index("{", off)
        depth, j = 0, i
        while True:
            if b[j] == "{":
                depth += 1
            elif b[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        body = re.sub(r"\bFTRACE_ENTRY(?:_TAIL_AT)?\s*\(\s*\d*\s*\)\s*;", "", b[off:j + 1])
        out[name] = " ".join(re.findall(r"\w+|\?|:|->|\S", body))
    return out


def digest(tokens):
    return hashlib.sha1(tokens.encode()).hexdigest()[:12]


# Deliberate drifts the check must catch: (what, which copy, old, new)
BREAKAGES = [
    ("the sim's veth_xmit stops reporting drops", "sim",
     "\trcu_read_unlock();\n\treturn ret;", "\trcu_read_unlock();\n\treturn NETDEV_TX_OK;"),
    ("the module's pinned veth_get_stats64 changes", "module",
     "tot->rx_bytes = tot_peer.tx_bytes;", "tot->rx_bytes = tot_peer.rx_bytes;"),
    ("the module's veth_open changes", "module",
     "netif_carrier_on(dev);", "netif_carrier_off(dev);"),
]


def selftest(module, sim):
    import contextlib
    import io
    import tempfile
    missed = 0
    for what, which, old, new in BREAKAGES:
        src = module if which == "module" else sim
        text = open(src, encoding="utf-8").read()
        if old not in text:
            print(f"selftest: cannot break the {which} copy ({what})")
            missed += 1
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as f:
            f.write(text.replace(old, new, 1))
        args = ["--module", f.name if which == "module" else module,
                "--sim", f.name if which == "sim" else sim]
        with contextlib.redirect_stdout(io.StringIO()):
            rc = check(*args[1::2])
        os.unlink(f.name)
        print(f"selftest: {'caught' if rc else 'MISSED'}: {what}")
        missed += not rc
    return missed


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--module", default=os.path.join(TOP, "solutions/module/vethlab.c"))
    ap.add_argument("--sim", default=os.path.join(TOP, "solutions/sim/drivers/net/veth.c"))
    ap.add_argument("--selftest", action="store_true",
                    help="check that drifted copies fail")
    a = ap.parse_args(argv)
    if a.selftest:
        missed = selftest(a.module, a.sim)
        print(f"selftest: {len(BREAKAGES) - missed} passed, {missed} failed")
        return 1 if missed else 0
    return check(a.module, a.sim)


def check(module_path, sim_path):
    mod, sim = bodies(module_path), bodies(sim_path)
    passed = failed = 0
    for name in sorted(set(mod) & set(sim)):
        m, s = mod[name], sim[name]
        if name in PINNED:
            why, hm, hs = PINNED[name]
            if (digest(m), digest(s)) == (hm, hs):
                print(f"ok   {name}: differs as documented ({why})")
                passed += 1
            else:
                print(f"FAIL {name}: a copy changed since its difference was documented "
                      f"({why}); reread both, then pin ('{digest(m)}', '{digest(s)}')")
                failed += 1
            continue
        for pat, rep, _ in REWRITES.get(name, []):
            m = re.sub(pat, rep, m)
        if m == s:
            why = "; ".join(w for _, _, w in REWRITES.get(name, []))
            print(f"ok   {name}: same" + (f" (but: {why})" if why else ""))
            passed += 1
        else:
            mt, st = m.split(), s.split()
            k = next((i for i, (x, y) in enumerate(zip(mt, st)) if x != y), min(len(mt), len(st)))
            print(f"FAIL {name}: the copies differ at token {k}: "
                  f"module '{' '.join(mt[k:k + 12])}' vs sim '{' '.join(st[k:k + 12])}'")
            failed += 1
    for name in sorted(set(PINNED) - (set(mod) & set(sim))):
        print(f"FAIL {name}: pinned but not defined in both copies")
        failed += 1
    print(f"veth_drift: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
