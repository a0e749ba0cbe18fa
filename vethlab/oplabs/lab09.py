"""Lab 9: the same-namespace puzzle (article 003).

Both ends in one namespace, the host starting with strict reverse-path
filtering (rp_filter=1, as on the article's host). The student submits the
sysctl lines they claim are needed (fix.sh) and says which packet is dropped,
where and why (answers.txt). The grader builds the pair itself, applies the
lines, pings; then drops each line in turn: every line must be needed.
On the VM it also watches fib_validate_source()'s return value with a
kretprobe, so the drop point named in the handout is the real kernel's."""
from . import parse
from .common import Checks, answers, read_file, wrong_keys
from .runner import StudentLineError, student_lines

CHECKS = [("your fix makes the ping work", 2), ("every line of fix.sh is needed", 2),
          ("the packet that is dropped", 1), ("where it is dropped", 1),
          ("why each setting matters", 1), ("the way the echo reply comes back", 1)]

DROPPED = {"arp_request", "arp_reply", "echo_request", "echo_reply"}
FUNCS = {"fib_validate_source", "ip_route_input_slow", "arp_process", "ip_rcv_finish",
         "icmp_rcv", "veth_xmit", "enqueue_to_backlog", "neigh_resolve_output"}
KPROBE = "r:oplab/fvs fib_validate_source ret=$retval:s32"


def ends(s):
    snd = s["pinger"]
    rcv = "b" if snd == "a" else "a"
    return snd, rcv


def setup(s):
    snd, rcv = ends(s)
    return ["sysctl -w net.ipv6.conf.all.disable_ipv6=1",
            "sysctl -w net.ipv6.conf.default.disable_ipv6=1",
            f"sysctl -w net.ipv4.conf.all.rp_filter={s['start_rp_filter']}",
            f"sysctl -w net.ipv4.conf.default.rp_filter={s['start_rp_filter']}",
            "ip link set lo up",
            f"ip link add {s['dev_a']} type veth peer name {s['dev_b']}",
            f"ip addr add {s['addr_a']}/{s['prefix']} dev {s['dev_a']}",
            f"ip addr add {s['addr_b']}/{s['prefix']} dev {s['dev_b']}",
            f"ip link set {s['dev_a']} up", f"ip link set {s['dev_b']} up"]


def ping_cmd(s):
    snd, rcv = ends(s)
    return f"ping -c 1 -W 0.5 -I {s[f'dev_{snd}']} {s[f'addr_{rcv}']}"


def attempt(backend, s, lines, probe=False):
    """(ping worked, rx packets on lo went up, kretprobe lines) with these fix lines."""
    pre = []
    post = []
    if probe and backend.kernel == "vm":
        pre = [f"tracefs echo '{KPROBE}' > dynamic_events",
               "tracefs echo 1 > events/oplab/fvs/enable", "tracefs echo 1 > tracing_on"]
        post = ["tracefs echo 0 > tracing_on", "tracefs cat trace",
                "tracefs echo 0 > events/oplab/fvs/enable",
                "tracefs echo '-:oplab/fvs' >> dynamic_events"]
    steps = (setup(s) + list(lines) + ["ip -s link show lo"] + pre + [ping_cmd(s)] +
             ["ip -s link show lo"] + post)
    res = backend.run(steps)
    out = {st: (o, rc) for st, o, rc in res}
    lo = [o for st, o, rc in res if st == "ip -s link show lo"]
    rx = [_rx_packets(o) for o in lo]
    sent, got = parse.ping_received(out.get(ping_cmd(s), ("", 1))[0])
    trace = out.get("tracefs cat trace", ("", 0))[0]
    return got == 1, len(rx) == 2 and rx[1] > rx[0], trace


def _rx_packets(text):
    lines = text.splitlines()
    for k, l in enumerate(lines):
        if l.strip().startswith("RX:") and k + 1 < len(lines):
            return int(lines[k + 1].split()[1])
    return 0


def grade(sub, s, backend):
    c = Checks(backend)
    snd, rcv = ends(s)
    fix = read_file(sub, "9", "fix.sh")
    ans = answers(read_file(sub, "9", "answers.txt"))
    try:
        lines = student_lines(fix or "", allow=("sysctl", "echo"))
    except StudentLineError as e:
        lines = None
        err = f"fix.sh {e}"
    if not any(ans.values()) and lines == []:
        c.fail_rest(CHECKS, "nothing handed in: fix.sh has no line and answers.txt no answer")
        return c.rows
    base_ok, _, trace = attempt(backend, s, [], probe=True)
    if base_ok:
        c.fail_rest(CHECKS, "grader error: the ping works without any fix")
        return c.rows
    if lines is None or not lines:
        why = err if lines is None else "fix.sh holds no sysctl line"
        c.add("your fix makes the ping work", 2, False, why)
        c.add("every line of fix.sh is needed", 2, False, why)
        reply_lo = None
    else:
        ok, reply_lo, _ = attempt(backend, s, lines)
        c.add("your fix makes the ping work", 2, ok,
              f"with your {len(lines)} line(s) applied, '{ping_cmd(s)}' still gets no reply")
        extra = []
        if ok:
            for k in range(len(lines)):
                if attempt(backend, s, lines[:k] + lines[k + 1:])[0]:
                    extra.append(lines[k])
        c.add("every line of fix.sh is needed", 2, ok and not extra,
              "the fix must work first" if not ok else
              "the ping works without: " + "; ".join(extra))
    d, on = ans.get("dropped_packet", "").lower(), ans.get("dropped_on", "")
    c.add("the packet that is dropped", 1,
          d == "arp_request" and on == s[f"dev_{rcv}"], wrong_keys([
              ("dropped_packet", d, d == "arp_request",
               "which frame of this ping is the first that never gets an answer?"
               + ("" if d in DROPPED else f" (one of {', '.join(sorted(DROPPED))})")),
              ("dropped_on", on, on == s[f"dev_{rcv}"],
               "which of your two devices receives that frame?")]))
    fn, caller = ans.get("drop_function", ""), ans.get("called_from", "")
    where_ok = fn == "fib_validate_source" and caller == "ip_route_input_slow"
    detail = wrong_keys([
        ("drop_function", fn, fn == "fib_validate_source",
         "the function whose error makes the packet a martian"
         f" (choices: {', '.join(sorted(FUNCS))})"),
        ("called_from", caller, caller == "ip_route_input_slow",
         "not the function that calls drop_function on this path (same choices)")])
    if backend.kernel == "vm":
        rets = [l for l in trace.splitlines() if "fvs:" in l]
        neg = [l for l in rets if "ret=-" in l]
        if not neg:
            where_ok = False
            detail = ("grader error: the kretprobe on fib_validate_source saw no error "
                      f"({len(rets)} returns)")
    c.add("where it is dropped", 1, where_ok, detail)
    want = {"accept_local": "source_is_local"}
    if s["start_rp_filter"] == "1":
        want["rp_filter"] = "strict_reverse_path"
    have = {k[len("why_"):]: v for k, v in ans.items() if k.startswith("why_") and v}
    c.add("why each setting matters", 1, have == want,
          f"you explain {', '.join(f'{k}={v}' for k, v in sorted(have.items())) or 'nothing'}; "
          "explain each setting your fix needs, and only those, with why_SETTING=REASON "
          "(reasons: source_is_local, strict_reverse_path, loose_reverse_path, no_arp_reply)")
    rp = ans.get("reply_via", "")
    c.add("the way the echo reply comes back", 1, rp == "lo" and reply_lo is not False,
          f"reply_via={rp or '(empty)'}: not the device that carries the echo reply back "
          "to the sender (watch which device's counters move during the ping: ip -s link)"
          if rp != "lo" else
          "reply_via=lo, but the grader saw no reply come back that way")
    return c.rows


def reference(s):
    """What the reference student works out from their spec (solutions/ uses it)."""
    snd, rcv = ends(s)
    dev = s[f"dev_{rcv}"]
    strict = s["start_rp_filter"] == "1"
    return {
        "dev_rcv": dev,
        "rp_filter_lines": (f"sysctl -w net.ipv4.conf.all.rp_filter=0\n"
                            f"sysctl -w net.ipv4.conf.{dev}.rp_filter=0" if strict else
                            "# rp_filter is not 1 on this host: nothing to change"),
        "why_rp_filter_line": "why_rp_filter=strict_reverse_path" if strict else "",
    }
