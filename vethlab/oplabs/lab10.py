"""Lab 10: tracing the transmit path (articles 000 and 003).

The student records one ping with vethsim's function_graph tracer
(sim.trace) and with the real kernel's function tracer in the VM (vm.trace),
and marks in answers.txt the hand-over to the peer, where NET_RX_SOFTIRQ is
raised and where it runs, and the names 6.1 uses for the articles'
dev_forward_skb and netif_rx. The grader reruns the student's ping itself:
on vethsim the recorded call sequence must be the rerun's, in the VM the
counts of the traced hops must be; every marked function must sit where the
grader's own function trace shows it."""
from . import parse, tracing
from .common import Checks, answers, read_file

CHECKS = [("your ping follows your spec", 1), ("your trace is a recording of that ping", 2),
          ("the hand-over to the peer", 1), ("where NET_RX_SOFTIRQ is raised", 1),
          ("where NET_RX_SOFTIRQ runs", 1), ("what 6.1 calls dev_forward_skb and netif_rx", 1),
          ("veth_xmit calls in your trace", 1)]


def want_ping(s):
    p = s["pinger"]
    o = "b" if p == "a" else "a"
    return f"ip netns exec {s[f'ns_{p}']} ping -c {s['count']} -i 0.2 {s[f'addr_{o}']}"


def play(s, folder, backends):
    for k, b in backends.items():
        text, _ = tracing.record(b, s, want_ping(s), "function_graph" if k == "sim" else "function")
        with open(f"{folder}/{k}.trace", "w") as f:
            f.write(text)


def grade(sub, s, backend):
    c = Checks(backend)
    ans = answers(read_file(sub, "10", "answers.txt"))
    if not any(ans.values()) and read_file(sub, "10", f"{backend.kernel}.trace") is None:
        c.fail_rest(CHECKS, f"nothing handed in: answers.txt has no answers and there is "
                    f"no {backend.kernel}.trace")
        return c.rows
    ping = ans.get("ping", "")
    c.add("your ping follows your spec", 1, ping == want_ping(s),
          f"ping={ping or '(empty)'}; your spec pings {s['count']} times from end {s['pinger']} "
          "to the other end, as 'ip netns exec NS ping -c N -i 0.2 ADDRESS'")
    k = backend.kernel
    theirs = read_file(sub, "10", f"{k}.trace")
    ref_graph = None
    if k == "sim":
        ref_graph, _ = tracing.record(backend, s, want_ping(s), "function_graph")
    flat, ping_out = tracing.record(backend, s, want_ping(s), "function")
    parents = parse.trace_parents(flat)
    if theirs is None:
        ok, why = False, f"no labs/10-xmit-trace/{k}.trace in the submission"
    elif k == "sim":
        # the calls depend on the ping count only; the net_dev_xmit events
        # name the spec's devices and lengths: a trace recorded for another
        # seed with the same count does not pass
        a, b = parse.trace_calls(theirs), parse.trace_calls(ref_graph)
        ea, eb = parse.trace_events(theirs), parse.trace_events(ref_graph)
        ok = a == b and len(b) > 0 and ea == eb and len(eb) > 0
        devs = lambda ev: ", ".join(sorted({e.split()[0][4:] for e in ev})) or "none"  # noqa: E731
        why = (f"your sim.trace has {len(a)} calls and {len(ea)} net_dev_xmit events "
               f"(devices {devs(ea)}), the grader's rerun of your spec's ping {len(b)} calls "
               f"and {len(eb)} events (devices {devs(eb)})" +
               ("; it must be the function_graph trace, with the net_dev_xmit event on, of "
                "exactly that ping" if not ok else ""))
    else:
        a, b = tracing.counts(theirs), tracing.counts(flat)
        ok = a == b and b["veth_xmit"] > 0
        why = f"your vm.trace counts {a}; the grader's rerun of your spec's ping counts {b}"
    c.add("your trace is a recording of that ping", 2, ok, why)
    ho = ans.get("handover", "")
    c.add("the hand-over to the peer", 1, ho == "__dev_forward_skb" and
          "veth_xmit" in parents.get(ho, ()),
          f"handover={ho or '(empty)'}: the function veth_xmit calls that makes the skb the "
          f"peer's (eth_type_trans sets skb->dev); the rerun saw veth_xmit call: " +
          ", ".join(sorted(f for f, p in parents.items() if "veth_xmit" in p)))
    raisers = tracing.raisers(flat)
    r = ans.get("raised_in", "")
    # Lab 4 writes ____napi_schedule, which raises NET_RX_SOFTIRQ; Debian's
    # 6.1 inlines it into enqueue_to_backlog. Either is right when this
    # kernel's trace shows it raising, or calling what raises.
    callers = raisers | {g for f in raisers for g in parents.get(f, ())}
    # a kernel that inlines ____napi_schedule (the VM) never shows it: it
    # raises inside enqueue_to_backlog there
    if "____napi_schedule" not in parents and "enqueue_to_backlog" in raisers:
        callers.add("____napi_schedule")
    c.add("where NET_RX_SOFTIRQ is raised", 1,
          r in ("enqueue_to_backlog", "____napi_schedule") and r in callers,
          f"raised_in={r or '(empty)'}: not a function this trace shows raising "
          "NET_RX_SOFTIRQ (calling __raise_softirq_irqoff, or what does) when the backlog "
          "takes the first packet")
    runs = ans.get("runs_in", "")
    run_parents = parents.get(runs, set())
    c.add("where NET_RX_SOFTIRQ runs", 1, runs == "net_rx_action" and
          bool(run_parents & {"__do_softirq", "handle_softirqs", "do_softirq"}),
          f"runs_in={runs or '(empty)'}: the softirq handler of NET_RX_SOFTIRQ, called from "
          "__do_softirq")
    d, n = ans.get("replaced_dev_forward_skb", ""), ans.get("replaced_netif_rx", "")
    c.add("what 6.1 calls dev_forward_skb and netif_rx", 1,
          d == "__dev_forward_skb" and n == "__netif_rx" and
          all("veth_xmit" in parents.get(f, ()) for f in (d, n)),
          f"replaced_dev_forward_skb={d or '(empty)'} replaced_netif_rx={n or '(empty)'}: "
          "the functions veth_xmit calls instead in your trace")
    want = tracing.counts(flat)["veth_xmit"]
    c.add("veth_xmit calls in your trace", 1, ans.get("veth_xmit_calls", "") == str(want),
          f"veth_xmit_calls={ans.get('veth_xmit_calls') or '(empty)'}: count them (ARP too)")
    return c.rows


def reference(s):
    return {"ping_cmd": want_ping(s), "xmits": str(2 + 2 * int(s["count"]))}
