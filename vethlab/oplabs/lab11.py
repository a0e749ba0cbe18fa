"""Lab 11: lo vs veth (article 003).

The student pings their own address (over lo) and the peer (over the pair),
traces both, and names the one driver hop that differs and what stays the
same. The grader traces both pings itself and compares."""
from . import parse, tracing
from .common import Checks, answers, norm_set, read_file

CHECKS = [("your two pings follow your spec", 1), ("the hop only lo takes", 1),
          ("the hop only veth takes", 1), ("what stays the same", 2)]
DRIVER_CALLERS = {"dev_hard_start_xmit", "netdev_start_xmit", "xmit_one"}
CORE = {"__netif_rx", "enqueue_to_backlog", "net_rx_action", "process_backlog"}


def pings(s):
    p = s["pinger"]
    o = "b" if p == "a" else "a"
    ns = s[f"ns_{p}"]
    return (f"ip netns exec {ns} ping -c {s['count']} -i 0.2 {s[f'addr_{p}']}",
            f"ip netns exec {ns} ping -c {s['count']} -i 0.2 {s[f'addr_{o}']}")


def driver_hops(text):
    return {f for f, ps in parse.trace_parents(text).items() if ps & DRIVER_CALLERS}


def grade(sub, s, backend):
    c = Checks(backend)
    ans = answers(read_file(sub, "11", "answers.txt"))
    if not any(ans.values()):
        c.fail_rest(CHECKS, "nothing handed in: answers.txt has no answers")
        return c.rows
    lo_ping, veth_ping = pings(s)
    c.add("your two pings follow your spec", 1,
          ans.get("lo_ping") == lo_ping and ans.get("veth_ping") == veth_ping,
          f"lo_ping={ans.get('lo_ping') or '(empty)'} veth_ping={ans.get('veth_ping') or '(empty)'}"
          f"; your spec pings {s['count']} times from end {s['pinger']}: its own address, "
          "then the other end's")
    lo, _ = tracing.record(backend, s, lo_ping)
    veth, _ = tracing.record(backend, s, veth_ping)
    hl, hv = driver_hops(lo), driver_hops(veth)
    a, b = ans.get("lo_only", ""), ans.get("veth_only", "")
    c.add("the hop only lo takes", 1, bool(a) and {a} == hl - hv,
          f"lo_only={a or '(empty)'}: the driver function dev_hard_start_xmit calls over lo "
          f"(the grader saw: {', '.join(sorted(hl - hv)) or 'nothing'})")
    c.add("the hop only veth takes", 1, bool(b) and {b} == hv - hl,
          f"veth_only={b or '(empty)'}: the one over the pair")
    same = norm_set(ans.get("both"))
    seen_lo, seen_veth = set(parse.trace_calls(lo)), set(parse.trace_calls(veth))
    common = seen_lo & seen_veth
    # a traced name this kernel never shows (inlined in Debian's 6.1, such
    # as ____napi_schedule) is not held against a list copied from vethsim
    unseen = set(tracing.FILTER) - seen_lo - seen_veth
    wrong = sorted(same - common - unseen)
    c.add("what stays the same", 2, not wrong and (CORE - unseen) <= same,
          f"both={','.join(sorted(same)) or '(empty)'}: list the traced functions both pings "
          f"run, at least {', '.join(sorted(CORE))}" +
          (f"; not in both traces: {', '.join(wrong)}" if wrong else ""))
    return c.rows


def reference(s):
    lo_ping, veth_ping = pings(s)
    return {"lo_ping": lo_ping, "veth_ping": veth_ping}
