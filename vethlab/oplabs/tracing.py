"""Recording one ping's transmit path, the same way on both kernels."""
from . import parse
from .lab08 import setup as pair_setup

# the function tracer's filter: the driver hop, the hand-over, the backlog,
# the softirq, the receive side
FILTER = ["veth_xmit", "loopback_xmit", "__dev_forward_skb", "dev_forward_skb", "__netif_rx",
          "netif_rx", "enqueue_to_backlog", "____napi_schedule", "__raise_softirq_irqoff",
          "net_rx_action", "process_backlog", "__netif_receive_skb_core", "arp_rcv", "icmp_rcv",
          "dev_hard_start_xmit"]


def setup(s):
    return pair_setup(s) + [f"ip -n {s['ns_a']} link set lo up", f"ip -n {s['ns_b']} link set lo up"]


def record(backend, s, ping, tracer="function"):
    """Trace text of one ping run on a fresh topology."""
    if backend.kernel == "sim":
        start = (f"sim trace function {','.join(FILTER)}" if tracer == "function"
                 else "sim trace function_graph")
        # the graph with the net_dev_xmit events: their device names and
        # lengths tie a trace to the spec's topology, not only its count
        events = ["sim trace event net_dev_xmit"] if tracer == "function_graph" else []
        steps = setup(s) + events + [start, ping, "sim trace off", "sim trace show"]
    else:
        # one name at a time: a name the kernel cannot trace (inlined, like
        # ____napi_schedule in Debian's 6.1) would end a list written at once
        flt = " ".join(FILTER)
        steps = setup(s) + [f"tracefs for f in {flt}; do echo $f >> set_ftrace_filter; "
                            f"done 2>/dev/null; echo {tracer} > current_tracer; echo > trace; "
                            "echo 'vec == 3' > events/irq/softirq_raise/filter; "
                            "echo 1 > events/irq/softirq_raise/enable; echo 1 > tracing_on",
                            ping, "tracefs echo 0 > tracing_on; echo 0 > events/irq/softirq_raise/enable",
                            "tracefs cat trace"]
    res = backend.run(steps)
    return res[-1][1], res[-3 if backend.kernel == "sim" else -3][1]


def counts(text, names=("veth_xmit", "loopback_xmit", "__netif_rx", "icmp_rcv", "arp_rcv")):
    # workqueue work (the kernel's own chatter) is no part of the ping
    calls = parse.trace_calls("\n".join(l for l in text.splitlines()
                                        if not l.lstrip().startswith("kworker/")))
    return {n: calls.count(n) for n in names}


def raisers(text):
    """Functions that raise NET_RX_SOFTIRQ: callers of __raise_softirq_irqoff
    (vethsim) or, in the VM, where Debian's 6.1 does not show that call, the
    function traced just before each softirq_raise event for NET_RX."""
    out = set(parse.trace_parents(text).get("__raise_softirq_irqoff", ()))
    last = None
    for line in text.splitlines():
        m = parse.FUNC_LINE_RE.match(line) if len(line) <= parse.MAX_LINE else None
        if m:
            last = m.group(1)
        elif "softirq_raise:" in line and "NET_RX" in line and last:
            out.add(last)
    return out
