"""Lab 7: two namespaces and a pair (article 000).

The student's setup.sh builds THEIR topology; the grader runs it on a fresh
kernel, then looks at the state with its own commands and pings both ways."""
from . import parse
from .common import Checks, read_file
from .runner import StudentLineError, student_lines

CHECKS = [("the two namespaces exist", 1),
          ("end a is in its namespace", 1), ("end b is in its namespace", 1),
          ("the ends are peers", 1), ("addresses and prefix", 2), ("MAC addresses", 1),
          ("MTU", 1), ("both ends UP with carrier", 1), ("ping a -> b", 1),
          ("ping b -> a", 1)]


def pings(s):
    return [f"ip netns exec {s['ns_a']} ping -c 1 -W 2 {s['addr_b']}",
            f"ip netns exec {s['ns_b']} ping -c 1 -W 2 {s['addr_a']}"]


def inspect(backend, lines, names, s):
    """The state after the student's lines, then the grader's two pings."""
    steps = list(lines) + ["ip netns list", "ip -d link show", "ip -o addr show"]
    for ns in names:
        steps += [f"ip -n {ns} -d link show", f"ip -n {ns} -o addr show"]
    return backend.run(steps + pings(s))


def grade(sub, s, backend):
    c = Checks(backend)
    text = read_file(sub, "7", "setup.sh")
    P = dict(CHECKS)
    if text is None:
        c.fail_rest(CHECKS, f"no {'labs/07-namespaces/setup.sh'} (a regular file) in the submission")
        return c.rows
    try:
        lines = student_lines(text)
    except StudentLineError as e:
        c.fail_rest(CHECKS, f"setup.sh {e}")
        return c.rows
    if not lines:
        c.fail_rest(CHECKS, "setup.sh has no commands")
        return c.rows
    # first run: which namespaces did the script make?
    first = backend.run(lines + ["ip netns list"])
    made = [n for n in parse.netns_names(first[-1][1]) if n.replace("-", "").replace("_", "").replace(".", "").isalnum()]
    names = sorted(set(made) | {s["ns_a"], s["ns_b"]})
    res = inspect(backend, lines, names, s)
    student, grader = res[:len(lines)], res[len(lines):]
    bad = [(l, out, rc) for l, out, rc in student if rc != 0]
    if bad:     # said under the first failing check, which it probably explains
        c.note = (f"(setup.sh line '{bad[0][0]}' failed, rc={bad[0][2]}: "
                  f"{bad[0][1].strip()[:200]})")
    have_ns = parse.netns_names(grader[0][1])
    missing = [n for n in (s["ns_a"], s["ns_b"]) if n not in have_ns]
    c.add("the two namespaces exist", P["the two namespaces exist"], not missing,
          f"no namespace {', '.join(missing)}; your spec names {s['ns_a']} and {s['ns_b']}"
          f" (ip netns list shows: {' '.join(have_ns) or 'nothing'})")
    where = {"(the first namespace)": (parse.links(grader[1][1]), parse.addrs(grader[2][1]))}
    for k, ns in enumerate(names):
        where[ns] = (parse.links(grader[3 + 2 * k][1]), parse.addrs(grader[4 + 2 * k][1]))

    def find(dev):
        for ns, (lk, ad) in where.items():
            if dev in lk:
                return ns, lk[dev], ad.get(dev, [])
        return None, None, []

    ends = {}
    for x in ("a", "b"):
        dev, ns = s[f"dev_{x}"], s[f"ns_{x}"]
        at, info, ad = find(dev)
        ends[x] = (at, info, ad)
        name = f"end {x} is in its namespace"
        if at is None:
            c.add(name, P[name], False, f"there is no device {dev} anywhere; your spec names it")
        else:
            c.add(name, P[name], at == ns, f"{dev} is in {at}; your spec puts it in {ns}")
    ia, ib = ends["a"][1], ends["b"][1]
    msgs = []
    if ia and ib:
        for x, me, peer in (("a", ia, ib), ("b", ib, ia)):
            want_ns = s[f"ns_{'b' if x == 'a' else 'a'}"]
            dev, pdev = s[f"dev_{x}"], s[f"dev_{'b' if x == 'a' else 'a'}"]
            # "dev@ifN link-netns NS" across namespaces, "dev@peer" within one
            if me["peer"] not in (f"if{peer['ifindex']}", pdev):
                msgs.append(f"{dev}'s peer is {me['peer'] or 'nothing'}, not {pdev}")
            elif me["netns"] != want_ns:
                msgs.append(f"{dev}'s peer {pdev} is in " +
                            (me["netns"] or f"{dev}'s own namespace") +
                            f"; your spec puts it in {want_ns}")
    else:
        msgs.append("both ends must exist")
    c.add("the ends are peers", P["the ends are peers"], not msgs, "; ".join(msgs))
    msgs = []
    for x in ("a", "b"):
        want = f"{s[f'addr_{x}']}/{s['prefix']}"
        have = ends[x][2]
        if want not in have:
            msgs.append(f"{s[f'dev_{x}']} has {', '.join(have) or 'no IPv4 address'}; "
                        f"your spec gives it {want}")
        elif len(have) > 1:
            msgs.append(f"{s[f'dev_{x}']} has more than its address: {', '.join(have)}")
    c.add("addresses and prefix", P["addresses and prefix"], not msgs, "; ".join(msgs))
    for label, key, fmt in (("MAC addresses", "mac", str), ("MTU", "mtu", int)):
        msgs = []
        for x in ("a", "b"):
            info = ends[x][1]
            want = fmt(s[f"{key}_{x}"] if key == "mac" else s["mtu"])
            have = info and info[key]
            if not info:
                msgs.append(f"{s[f'dev_{x}']} does not exist")
            elif have != want:
                msgs.append(f"{s[f'dev_{x}']} has {key} {have}; your spec says {want}")
        c.add(label, P[label], not msgs, "; ".join(msgs))
    msgs = []
    for x in ("a", "b"):
        info = ends[x][1]
        if not info or "UP" not in info["flags"] or "LOWER_UP" not in info["flags"]:
            msgs.append(f"{s[f'dev_{x}']} is " + ("missing" if not info else
                        f"<{','.join(sorted(info['flags']))}>, not UP with LOWER_UP"))
    c.add("both ends UP with carrier", P["both ends UP with carrier"], not msgs, "; ".join(msgs))
    # the pings: the grader's own commands, after the student's script
    for (cmd, out, rc), label in zip(res[-2:], ("ping a -> b", "ping b -> a")):
        sent, got = parse.ping_received(out)
        c.add(label, P[label], got == 1 and rc == 0,
              f"'{cmd}' got no reply: {out.strip().splitlines()[-1] if out.strip() else 'rc=%d' % rc}")
    if c.note:      # a failing line that no failing check explained: say it anyway
        c.add("every line of setup.sh ran", 0, False, "")
    return c.rows
