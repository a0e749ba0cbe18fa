#!/usr/bin/env python3
"""make walkthrough: the operational labs as a guided vethsim session.

    python3 vethlab/classroom/walkthrough.py [--seed S] [--vethsim PATH]

States each task of labs 7-11 with YOUR topology (from the seed), lets you
type the real commands, checks the simulated kernel's state after each one,
gives a hint when a command fails or does not move the task on, and shows
which kernel functions your last command ran, as 6.1's function tracer
shows them: the packet path of a ping, and the control path of ip link
(rtnl_newlink ... veth_newlink, register_netdevice for `ip link add`). Type `hint`, `skip`, `tasks`
or `quit`.

How: vethsim runs deterministically, so each command is played after the
ones you typed before it in a fresh vethsim, followed by the walkthrough's
own checks (whose output you do not see); nothing in sim/ changes.
"""
import argparse
import os
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vethlab.oplabs import parse, spec as specmod
from vethlab.oplabs.runner import Sim


def tasks(s):
    a, b = s["ns_a"], s["ns_b"]
    da, db, ia, ib, p = s["dev_a"], s["dev_b"], s["addr_a"], s["addr_b"], s["prefix"]

    # Each task's goals: [(what, done?)] from the state the task's check
    # commands show, so a hint can say what differs (which namespace, device,
    # address, flag) instead of repeating the task.
    def has_ns(out):
        have = parse.netns_names(out[0])
        seen = f"(ip netns list shows: {' '.join(have) or 'none'})"
        return [(f"namespace {n} exists {seen}", n in have) for n in (a, b)]

    def pair(out):
        lk = parse.links(out[0])
        peer = lk.get(da, {}).get("peer")
        return [(f"{da} exists here", da in lk), (f"{db} exists here", db in lk),
                (f"{da}'s peer is {db} (it is {peer or 'none'})", da in lk and db in lk)]

    def moved(out):
        la, lb = parse.links(out[0]), parse.links(out[1])
        return [(f"{da} is in {a} (there: {', '.join(sorted(la)) or 'nothing'})", da in la),
                (f"{db} is in {b} (there: {', '.join(sorted(lb)) or 'nothing'})", db in lb)]

    def up(out):
        la, lb = parse.links(out[0]).get(da), parse.links(out[1]).get(db)
        adda, addb = parse.addrs(out[2]).get(da, []), parse.addrs(out[3]).get(db, [])

        def state(link):
            return ",".join(sorted(link["flags"])) if link else "missing"
        return [(f"{da} has {ia}/{p} (it has {' '.join(adda) or 'none'})", f"{ia}/{p}" in adda),
                (f"{db} has {ib}/{p} (it has {' '.join(addb) or 'none'})", f"{ib}/{p}" in addb),
                (f"{da} is UP with carrier (flags {state(la)})",
                 bool(la) and "LOWER_UP" in la["flags"]),
                (f"{db} is UP with carrier (flags {state(lb)})",
                 bool(lb) and "LOWER_UP" in lb["flags"])]

    def ping(out):
        return [(f"a reply from {ib}", parse.ping_received(out[0])[1] >= 1)]

    def learnt(out):
        got = parse.neigh(out[0]).get(ia)
        return [(f"{b} has a neighbour entry for {ia} with a MAC", bool(got and got[1]))]

    def captured(out):
        return [("the capture shows the ARP request", f"ARP, Request who-has {ib} tell {ia}"
                 in out[0]), ("the capture shows the ARP reply", f"ARP, Reply {ib} is-at" in out[0])]

    def traced(out):
        return [("the trace shows veth_xmit", "veth_xmit" in out[-1]),
                ("the trace shows __netif_rx", "__netif_rx" in out[-1])]

    def lo_traced(out):
        return [("the trace shows loopback_xmit", "loopback_xmit" in out[-1])]

    s9 = specmod.spec(s["seed"], "9")
    c0, c1, x0, x1, p9 = s9["dev_a"] + "x", s9["dev_b"] + "y", s9["addr_a"], s9["addr_b"], s9["prefix"]
    probe = f"ping -c 1 -W 1 -I {c0} {x1}"

    def same_ns(out):
        lk = parse.links(out[0])
        ad = parse.addrs(out[1])
        return [("lo is UP", "UP" in lk.get("lo", {"flags": set()})["flags"]),
                (f"{c0} and {c1} exist here", c0 in lk and c1 in lk),
                (f"{c0} has {x0}/{p9}", f"{x0}/{p9}" in ad.get(c0, [])),
                (f"{c1} has {x1}/{p9}", f"{x1}/{p9}" in ad.get(c1, [])),
                (f"{c0} is UP with carrier", c0 in lk and "LOWER_UP" in lk[c0]["flags"])]

    def fixed(out):
        return [(f"'{probe}' gets its reply", parse.ping_received(out[0])[1] == 1)]

    return [
        ("lab 7", f"Make two network namespaces, {a} and {b}.",
         "ip netns add NAME, once per namespace", ["ip netns list"], has_ns, None),
        ("lab 7", f"Make a veth pair: {da} and its peer {db}.",
         "ip link add NAME type veth peer name PEER", ["ip link show"], pair, None),
        ("lab 7", f"Move {da} into {a} and {db} into {b}.",
         "ip link set DEV netns NS", [f"ip -n {a} link show", f"ip -n {b} link show"], moved, None),
        ("lab 7", f"Give {da} {ia}/{p} and {db} {ib}/{p}, and bring both up.",
         "ip -n NS addr add ADDR/PREFIX dev DEV; ip -n NS link set DEV up (one per line)",
         [f"ip -n {a} link show", f"ip -n {b} link show", f"ip -n {a} -o addr show",
          f"ip -n {b} -o addr show"], up, None),
        ("lab 7", f"Ping {ib} from {a}.", f"ip netns exec {a} ping -c 1 {ib}", [], ping, "ping"),
        ("lab 8", f"The ARP request carried {a}'s MAC: which entry did {b} learn from it? "
         f"Look with ip neigh in {b}.", f"ip -n {b} neigh show", [f"ip -n {b} neigh show"],
         learnt, "ip"),
        ("lab 8", f"Now capture that exchange: forget {a}'s neighbours, capture on {db} in "
         f"{b} into arp.pcap in the background, ping {ib} from {a} once, stop the capture, "
         "and read it.",
         f"ip -n {a} neigh flush dev {da}; ip netns exec {b} tcpdump -i {db} -n -w arp.pcap &; "
         f"ip netns exec {a} ping -c 1 {ib}; kill %1; tcpdump -r arp.pcap -n (one per line)",
         [], captured, "ping"),
        ("lab 9", f"Article 003's puzzle, in this first namespace: bring lo up, make a pair "
         f"{c0}/{c1}, give them {x0}/{p9} and {x1}/{p9}, bring both up.",
         "ip link set lo up; ip link add ...; ip addr add ...; ip link set ... up (one per line)",
         ["ip link show", "ip -o addr show"], same_ns, None),
        ("lab 9", f"`{probe}` fails. Change the sysctls so that it works "
         "(the walkthrough pings after each of your commands).",
         "which device receives the ARP request, and what does fib_validate_source() say "
         "about a source address that is one of ours? (accept_local)", [probe], fixed, None),
        ("lab 10", "Trace one ping with the function_graph tracer and show the trace.",
         f"sim trace function_graph, then ip netns exec {a} ping -c 1 {ib}, then sim trace show",
         [], traced, "sim trace show"),
        ("lab 11", f"Now trace a ping over lo: in {a}, bring lo up, then ping your own address "
         f"{ia} with the tracer on, and show the trace.",
         f"ip -n {a} link set lo up; sim trace function loopback_xmit,veth_xmit,__netif_rx; "
         f"ip netns exec {a} ping -c 1 {ia}; sim trace show", [], lo_traced, "sim trace show"),
    ]


def functions(trace_text, limit=40):
    seen = []
    for f in parse.trace_calls(trace_text):
        if f not in seen:
            seen.append(f)
    more = len(seen) - limit
    return ", ".join(seen[:limit]) + (f" ... (+{more})" if more > 0 else "")


def main(argv=None):
    ap = argparse.ArgumentParser(prog="make walkthrough")
    ap.add_argument("--seed", help="your student seed (default: .vethlab-seed)")
    ap.add_argument("--vethsim")
    a = ap.parse_args(argv)
    from vethlab import seeds
    a.seed = seeds.resolve(a.seed)
    sim = Sim(a.vethsim)
    s = dict(specmod.spec(a.seed, "7"), seed=a.seed)
    todo = tasks(s)
    history = []
    k = 0
    print(f"vethsim walkthrough, seed {a.seed}: {len(todo)} tasks from labs 7-11. "
          "Type the commands a root shell would take; `hint`, `skip`, `tasks`, `quit`.")
    print(f"\nTask {k + 1} ({todo[k][0]}): {todo[k][1]}")
    while k < len(todo):
        try:
            line = input(f"walkthrough[{k + 1}]# ").strip()
        except EOFError:
            print()
            break
        if not line:
            continue
        if line == "quit":
            break
        if line == "hint":
            print(f"hint: {todo[k][2]}")
            continue
        if line == "tasks":
            for n, t in enumerate(todo, 1):
                print(f"  {'*' if n - 1 == k else ' '} {n}. ({t[0]}) {t[1]}")
            continue
        if line == "skip":
            k += 1
            if k < len(todo):
                print(f"\nTask {k + 1} ({todo[k][0]}): {todo[k][1]}")
            continue
        name, text, hint, checks, goals, own = todo[k]
        tracing = not any(h.startswith("sim trace") for h in history + [line])
        wrap = (["sim trace function", line, "sim trace off", "sim trace show"] if tracing
                else [line])
        res = sim.run(history + wrap + checks)
        cmd_out, rc = next(((o, r) for st, o, r in res[len(history):] if st == line), ("", -1))
        sys.stdout.write(cmd_out)
        outs = [o for _, o, _ in res[len(res) - len(checks):]] if checks else []
        if own == "ping" or own == "sim trace show":
            outs = [cmd_out]
        state = goals(outs or [cmd_out])
        missing = [g for g, ok in state if not ok]
        if rc != 0:
            print(f"[rc={rc}] that did not change anything; still to do: {missing[0]}"
                  if missing else f"[rc={rc}]")
            continue
        history.append(line)
        if tracing:
            ran = functions(res[len(history) + 2][1])
            print(f"  (kernel functions it ran: {ran})" if ran else
                  "  (no traced kernel function ran: vethsim traces the packet path and the "
                  "control paths of ip link, ip addr add, ip neigh, ip netns add and "
                  "sysctl -w net.ipv4.conf.*; this command took none of them)")
        if not missing:
            print(f"Task {k + 1} done.")
            k += 1
            if k < len(todo):
                print(f"\nTask {k + 1} ({todo[k][0]}): {todo[k][1]}")
        else:
            print(f"{len(state) - len(missing)} of {len(state)} done; still to do: "
                  + "; ".join(missing))
    if k >= len(todo):
        print("All tasks done. Now do labs 7-11 for credit: make lab-spec LAB=7 SEED=...")
    return 0


if __name__ == "__main__":
    sys.exit(main())
