#!/usr/bin/env python3
"""The boundary between the simulated kernel and the tools, checked.

    python3 mk/boundary.py [--build build/solutions] [--root .]

As on Linux, where iproute2 sees only netlink and ioctls:

1. kernel -> tools: no kernel unit (sim/ minus sim/tools/, solutions/sim/,
   exercises/sim/) includes a tools header, and no kernel object needs a
   symbol that only the tools or vethsim's main define (checked with nm on
   the built archives); mk/build.mk links without --start-group.
2. tools -> kernel: the tools that print kernel state (sim/tools/ ip, tcpdump,
   ethtool, sysctl, ping, proc) touch no member of a kernel object
   (struct net_device, in_ifaddr, neighbour, fib_info, ...) and call none of
   the kernel's internal state queries (netif_running(), dev_get_flags(),
   for_each_netdev ...): what they print comes in the records the kernel
   fills (uapi/linux/rtnetlink.h, uapi/linux/ethtool.h). The structs a tool
   fills to make a request (struct rtnl_newlink_req, fib_config, ...), the
   wire formats and the socket layer (sk_buff from recvmsg-like calls) are
   allowed.

Prints each violation as FILE:LINE: reason, then "N passed, N failed".
"""
import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import c61  # noqa: E402

KERNEL_DIRS = ["sim", "solutions/sim", "exercises/sim"]
TOOLS_DIR = "sim/tools"
CHECKED_TOOLS = ["ip", "tcpdump", "ethtool", "sysctl", "ping", "proc"]
KERNEL_HEADER_DIRS = ["sim/include/linux", "sim/include/net", "sim/net",
                      "sim/kernel", "sim/drivers"]

# Kernel structs a tool may use: requests it fills, wire formats, the packets
# a recvmsg()-like call hands over (sk_buff), generic containers. struct
# packet_sock is still read by tcpdump (sk_err for SO_ERROR, ifindex for
# libpcap's device_still_exists()); struct sock no longer is (ping sets its
# options through raw_setsockopt()).
ALLOWED_STRUCTS = {
    "fib_config", "flowi4", "inet_addr_req", "netlink_ext_ack",
    "rtnl_link_attrs", "rtnl_newlink_req", "rtnl_setlink_req", "sim_ifreq",
    "in6_addr", "ethhdr", "arphdr", "iphdr", "icmphdr",
    "sk_buff", "sk_buff_head", "packet_sock", "packet_skb_cb",
    "tpacket_stats", "list_head", "timer_list", "seq_buf",
    "ctl_int", "ctl_ref",
}

# Kernel-internal queries whose answers the kernel puts in a dump record.
DENIED_CALLS = [
    "for_each_netdev", "netif_running", "netif_carrier_ok", "netif_oper_up",
    "dev_get_flags", "dev_get_stats", "dev_get_iflink", "netdev_priv",
    "__in_dev_get_rtnl", "__in_dev_get_rcu", "in_dev_get",
    "in_dev_for_each_ifa_rtnl", "in_dev_for_each_ifa_rcu",
    "addrconf_dev_addr", "rtnl_link_netnsid", "neigh_lookup",
    "fib_table_lookup", "fib_table_dump", "__dev_get_by_index",
    "ip_route_output_key",
]

STRUCT_DEF = re.compile(r"^\s*struct\s+(\w+)\s*\{", re.M)
DECL = re.compile(r"\bstruct\s+(\w+)\s*(?:const\s*)?(\*+\s*(?:const\s*)?)?(\w+)\s*[;,=)\[]")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def strip_comments(text):
    """C text with comments and string literals blanked (lines kept)."""
    return c61.blank(text)


def c_files(root, top, exts=(".c", ".h")):
    base = os.path.join(root, top)
    for d, _, files in os.walk(base):
        for f in sorted(files):
            if f.endswith(exts):
                yield os.path.join(d, f)


def lineno(text, pos):
    return text.count("\n", 0, pos) + 1


def check_kernel_includes(root, bad):
    """Rule 1a: a kernel unit includes kernel headers only."""
    n = 0
    tools = os.path.realpath(os.path.join(root, TOOLS_DIR))
    for top in KERNEL_DIRS:
        for path in c_files(root, top):
            if os.path.realpath(path).startswith(tools + os.sep):
                continue
            n += 1
            text = open(path, encoding="utf-8").read()
            for m in INCLUDE.finditer(text):
                name = m.group(2)
                hit = None
                if m.group(1) == '"':
                    hit = os.path.realpath(os.path.join(os.path.dirname(path), name))
                    if not os.path.exists(hit):
                        hit = None
                if hit is None:
                    cand = os.path.join(root, "sim/include", name)
                    hit = os.path.realpath(cand) if os.path.exists(cand) else None
                if hit is None and os.path.exists(os.path.join(root, TOOLS_DIR, name)):
                    hit = os.path.realpath(os.path.join(root, TOOLS_DIR, name))
                if hit and hit.startswith(tools + os.sep):
                    bad.append(f"{os.path.relpath(path, root)}:{lineno(text, m.start())}: "
                               f"kernel unit includes tools header {name}")
    return n


def defined_symbols(objs):
    out = subprocess.run(["nm", "-g", "--defined-only"] + objs, capture_output=True,
                         text=True, check=True).stdout
    return {l.split()[-1] for l in out.splitlines() if len(l.split()) == 3}


def check_kernel_symbols(build, bad):
    """Rule 1b: the kernel archive needs nothing from the tools side."""
    lk = os.path.join(build, "libsimkernel.a")
    lt = os.path.join(build, "libsimtools.a")
    main = os.path.join(build, "obj/sim/tools/vethsim/main.o")
    for f in (lk, lt):
        if not os.path.exists(f):
            bad.append(f"{f}: missing (build first: make build)")
            return
    tools_syms = defined_symbols([lt] + ([main] if os.path.exists(main) else []))
    kernel_syms = defined_symbols([lk])
    out = subprocess.run(["nm", "-A", "-u", lk], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        sym = parts[-1]
        if sym in tools_syms and sym not in kernel_syms:
            member = parts[0].rstrip(":")
            bad.append(f"{member}: kernel object needs tools symbol {sym}")


def check_no_start_group(root, bad):
    """Rule 1c: no link group hides a cycle."""
    path = os.path.join(root, "mk/build.mk")
    text = strip_comments_make(open(path, encoding="utf-8").read())
    for i, line in enumerate(text.splitlines(), 1):
        if "--start-group" in line or "--end-group" in line:
            bad.append(f"mk/build.mk:{i}: --start-group papers over a link cycle")


def strip_comments_make(text):
    return "\n".join(l.split("#", 1)[0] for l in text.splitlines())


def kernel_structs(root):
    names = set()
    for top in KERNEL_HEADER_DIRS:
        for path in c_files(root, top):
            names.update(STRUCT_DEF.findall(strip_comments(open(path, encoding="utf-8").read())))
    return names - ALLOWED_STRUCTS


def check_tools(root, bad):
    """Rule 2: the checked tools read no kernel object."""
    denied = kernel_structs(root)
    calls = re.compile(r"\b(" + "|".join(map(re.escape, DENIED_CALLS)) + r")\s*\(")
    n = 0
    for tool in CHECKED_TOOLS:
        for path in c_files(root, os.path.join(TOOLS_DIR, tool)):
            n += 1
            rel = os.path.relpath(path, root)
            text = strip_comments(open(path, encoding="utf-8").read())
            names = {}
            for m in DECL.finditer(text):
                if m.group(1) in denied:
                    names[m.group(3)] = m.group(1)
            for name, st in sorted(names.items()):
                for m in re.finditer(r"\b%s\s*(->|\.)\s*\w+" % re.escape(name), text):
                    bad.append(f"{rel}:{lineno(text, m.start())}: reads struct {st} "
                               f"('{m.group(0)}'): ask the kernel for a record")
            for m in calls.finditer(text):
                bad.append(f"{rel}:{lineno(text, m.start())}: calls {m.group(1)}(): "
                           "kernel logic belongs in the record the kernel fills")
    return n


# Deliberately broken trees: (what, file, text to append, expected words)
BREAKAGES = [
    ("a kernel file includes a tools header", "sim/net/core/rtnetlink.c",
     '#include "vethsim/vethsim.h"\n', "kernel unit includes tools header"),
    ("ip reads a net_device field", "sim/tools/ip/iplink.c",
     "static int zz(struct net_device *dev)\n{\n\treturn dev->mtu;\n}\n",
     "reads struct net_device"),
    ("ethtool calls a driver op itself", "sim/tools/ethtool/ethtool.c",
     "static int zz(const struct ethtool_ops *ops)\n{\n\treturn ops->get_sset_count(0, 1);\n}\n",
     "reads struct ethtool_ops"),
    ("tcpdump re-derives a flag", "sim/tools/tcpdump/tcpdump.c",
     "static int zz(void *d)\n{\n\treturn netif_running(d);\n}\n", "calls netif_running()"),
    ("build.mk papers over a cycle", "mk/build.mk",
     "X = -Wl,--start-group\n", "--start-group papers over a link cycle"),
]


def selftest(root):
    import shutil
    import tempfile
    missed = 0
    for what, rel, extra, expect in BREAKAGES:
        with tempfile.TemporaryDirectory(prefix="boundary-") as d:
            for top in ("sim", "solutions/sim", "mk"):
                shutil.copytree(os.path.join(root, top), os.path.join(d, top))
            with open(os.path.join(d, rel), "a") as f:
                f.write(extra)
            bad = []
            check_kernel_includes(d, bad)
            check_no_start_group(d, bad)
            check_tools(d, bad)
            ok = any(expect in b for b in bad)
            print(f"selftest: {'caught' if ok else 'MISSED'}: {what}")
            missed += not ok
    return missed


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=".")
    ap.add_argument("--build", default="build/solutions")
    ap.add_argument("--no-nm", action="store_true", help="skip the archive check")
    ap.add_argument("--selftest", action="store_true",
                    help="check that broken copies of the tree fail")
    a = ap.parse_args(argv)
    if a.selftest:
        missed = selftest(a.root)
        print(f"selftest: {len(BREAKAGES) - missed} passed, {missed} failed")
        return 1 if missed else 0
    bad = []
    checks = 0
    checks += check_kernel_includes(a.root, bad)
    if not a.no_nm:
        check_kernel_symbols(a.build, bad)
        checks += 1
    check_no_start_group(a.root, bad)
    checks += 1
    checks += check_tools(a.root, bad)
    for b in bad:
        print(b)
    failed = len(bad)
    print(f"boundary: {checks} passed, {failed} failed" if not failed else
          f"boundary: {max(checks - failed, 0)} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
