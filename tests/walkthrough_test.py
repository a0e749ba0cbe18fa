#!/usr/bin/env python3
"""make walkthrough, end to end with pexpect: a student types every task's
commands (one wrong one first, to see the hint), and the walkthrough checks
each task, shows the kernel functions, and finishes. Prints N passed, N failed."""
import os
import sys

import pexpect

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, TOP)
from vethlab.oplabs import spec   # noqa: E402

SEED = "walk-test-1"
passed = failed = 0


def ok(cond, what):
    global passed, failed
    passed += bool(cond)
    failed += not cond
    if not cond:
        print(f"FAIL: {what}")


def main():
    s, s9 = spec.spec(SEED, "7"), spec.spec(SEED, "9")
    a, b, da, db = s["ns_a"], s["ns_b"], s["dev_a"], s["dev_b"]
    ia, ib, p = s["addr_a"], s["addr_b"], s["prefix"]
    c0, c1 = s9["dev_a"] + "x", s9["dev_b"] + "y"
    x0, x1, p9 = s9["addr_a"], s9["addr_b"], s9["prefix"]
    steps = [
        [f"ip netns add {a}", f"ip netns add {b}"],
        [f"ip link add {da} type veth peer name {db}"],
        [f"ip link set {da} netns {a}", f"ip link set {db} netns {b}"],
        [f"ip -n {a} addr add {ia}/{p} dev {da}", f"ip -n {b} addr add {ib}/{p} dev {db}",
         f"ip -n {a} link set {da} up", f"ip -n {b} link set {db} up"],
        [f"ip netns exec {a} ping -c 1 {ib}"],
        [f"ip -n {b} neigh show"],
        [f"ip -n {a} neigh flush dev {da}", f"ip netns exec {b} tcpdump -i {db} -n -w arp.pcap &",
         f"ip netns exec {a} ping -c 1 {ib}", "kill %1", "tcpdump -r arp.pcap -n"],
        ["ip link set lo up", f"ip link add {c0} type veth peer name {c1}",
         f"ip addr add {x0}/{p9} dev {c0}", f"ip addr add {x1}/{p9} dev {c1}",
         f"ip link set {c0} up", f"ip link set {c1} up"],
        [f"sysctl -w net.ipv4.conf.{c1}.accept_local=1"],
        ["sim trace function_graph", f"ip netns exec {a} ping -c 1 {ib}", "sim trace show"],
        [f"ip -n {a} link set lo up", "sim trace function loopback_xmit,veth_xmit,__netif_rx",
         f"ip netns exec {a} ping -c 1 {ia}", "sim trace show"],
    ]
    child = pexpect.spawn(sys.executable, ["-m", "vethlab.classroom.walkthrough",
                                           "--seed", SEED], encoding="utf-8", timeout=30,
                          cwd=TOP)
    try:
        child.expect(r"Task 1 \(lab 7\)")
        child.expect(r"walkthrough\[1\]# ")
        # a wrong command: a hint, and the task stays open
        child.sendline(f"ip link add {da} type vethh peer name {db}")
        ok(child.expect([r"still to do: namespace \S+ exists \(ip netns list shows: none\)",
                         r"Task 2"]) == 0, "a failing command is told what the state lacks")
        child.expect(r"walkthrough\[1\]# ")
        # a scratch pair made and deleted: the control path's functions
        for cmd, words in (("ip link add tmp0 type veth peer name tmp1",
                            ["rtnl_newlink", "veth_newlink", "rtnl_create_link",
                             "alloc_netdev_mqs", "register_netdevice"]),
                           ("ip link del tmp0", ["rtnl_dellink", "veth_dellink",
                                                 "unregister_netdevice_queue",
                                                 "dev_close_many"])):
            child.sendline(cmd)
            child.expect(r"walkthrough\[1\]# ")
            ran = child.before.split("kernel functions it ran: ")[-1]
            ok("kernel functions it ran: " in child.before and all(w in ran for w in words),
               f"'{cmd}' shows the kernel functions {words}: {child.before!r}")
        # one command of each kind shows the functions of its own path
        shows = {f"ip netns add {b}": ["setup_net", "loopback_net_init", "register_netdev"],
                 f"ip -n {a} addr add {ia}/{p} dev {da}": ["inet_rtm_newaddr",
                                                          "__inet_insert_ifa", "fib_magic"],
                 f"ip -n {b} neigh show": ["neigh_dump_info"],
                 f"ip -n {a} neigh flush dev {da}": ["neigh_delete", "__neigh_update"],
                 f"sysctl -w net.ipv4.conf.{c1}.accept_local=1": ["devinet_conf_proc",
                                                                  "proc_dointvec"]}

        def shown(cmd):
            if cmd in shows:
                ran = child.before.split("kernel functions it ran: ")[-1]
                ok("kernel functions it ran: " in child.before and
                   all(w in ran for w in shows[cmd]),
                   f"'{cmd}' shows the kernel functions {shows[cmd]}: {child.before!r}")
        for n, cmds in enumerate(steps, 1):
            for k, cmd in enumerate(cmds):
                child.sendline(cmd)
                if k < len(cmds) - 1:
                    child.expect(rf"walkthrough\[{n}\]# ")
                    shown(cmd)
            i = child.expect([rf"Task {n} done", r"still to do", pexpect.TIMEOUT])
            shown(cmds[-1])
            ok(i == 0, f"task {n} is done after: {cmds}")
            if i != 0:
                return
            if n == 4:
                ok("kernel functions it ran: " in child.before and
                   all(w in child.before for w in ("do_setlink", "dev_change_flags",
                                                   "__dev_open", "veth_open")),
                   f"ip link set up shows the kernel functions it ran: {child.before!r}")
            if n == 5:
                ok("kernel functions it ran: " in child.before and
                   "veth_xmit" in child.before, "the ping shows the kernel functions it ran")
            if n < len(steps):
                child.expect(rf"walkthrough\[{n + 1}\]# ")
        ok(child.expect([r"All tasks done", pexpect.TIMEOUT]) == 0, "the walkthrough ends")
    finally:
        child.close(force=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
