"""Lab 8: one ping and its ARP exchange in tcpdump (article 003).

The student names the capture and ping commands they ran (answers.txt),
hands in the capture (arp.pcap) and reads it: who asked, who answered with
which MAC, how many ARP frames and why only one exchange, what `ip neigh`
shows afterwards on each side. The grader builds the spec's topology itself,
reruns the two commands, reads its own pcap with a pcap parser
(vethlab/oplabs/parse.py) and compares the student's pcap and answers with
what it recorded."""
import re

from . import parse
from .common import Checks, answers, read_file, wrong_keys

CHECKS = [("your commands follow your spec", 1), ("arp.pcap is a capture of your ping", 2),
          ("who asked", 1), ("who answered, with which MAC", 1),
          ("ARP frames, and why only one exchange", 1), ("ICMP frames", 1),
          ("ip neigh on each side afterwards", 1)]
WHY_ONCE = {"neighbour_cache", "broadcast_once", "ping_caches", "veth_has_no_arp"}


def setup(s):
    lines = ["sysctl -w net.ipv6.conf.all.disable_ipv6=1",
             "sysctl -w net.ipv6.conf.default.disable_ipv6=1"]
    for x in ("a", "b"):
        # a new namespace starts with IPv6 on whatever the first one says
        lines += [f"ip netns add {s[f'ns_{x}']}",
                  f"ip netns exec {s[f'ns_{x}']} sysctl -w net.ipv6.conf.all.disable_ipv6=1",
                  f"ip netns exec {s[f'ns_{x}']} sysctl -w net.ipv6.conf.default.disable_ipv6=1"]
    lines.append(f"ip link add {s['dev_a']} address {s['mac_a']} type veth "
                 f"peer name {s['dev_b']} address {s['mac_b']}")
    for x in ("a", "b"):
        ns, dev = s[f"ns_{x}"], s[f"dev_{x}"]
        lines += [f"ip link set {dev} netns {ns}",
                  f"ip -n {ns} addr add {s[f'addr_{x}']}/{s['prefix']} dev {dev}",
                  f"ip -n {ns} link set {dev} up"]
    return lines


def want_commands(s):
    p, o, c = s["pinger"], "b" if s["pinger"] == "a" else "a", s["capture_on"]
    return (s[f"ns_{c}"], s[f"dev_{c}"]), (s[f"ns_{p}"], s[f"addr_{o}"], s["count"])


CAP_RE = re.compile(r"^ip netns exec (\S+) tcpdump((?: -[nelU]+| --immediate-mode)*) -i (\S+)"
                    r"((?: -[nelU]+| --immediate-mode)*) -w arp\.pcap$")
PING_RE = re.compile(r"^ip netns exec (\S+) ping -c (\d+) -i 0\.2(?: -I \S+)? (\S+)$")


def check_commands(s, ans):
    cap, png = ans.get("capture", ""), ans.get("ping", "")
    (cns, cdev), (pns, paddr, count) = want_commands(s)
    m, n = CAP_RE.match(cap), PING_RE.match(png)
    msgs = []
    if not m:
        msgs.append("capture= must read 'ip netns exec NS tcpdump -i DEV -w arp.pcap' "
                    "(options -n -e -l -U --immediate-mode allowed)")
    elif (m.group(1), m.group(3)) != (cns, cdev):
        msgs.append(f"you capture on {m.group(3)} in {m.group(1)}; your spec says {cdev} in {cns}")
    if not n:
        msgs.append("ping= must read 'ip netns exec NS ping -c N -i 0.2 [-I DEV] ADDRESS'")
    elif (n.group(1), n.group(3), n.group(2)) != (pns, paddr, count):
        msgs.append(f"you ping {n.group(3)} {n.group(2)} times from {n.group(1)}; your spec says "
                    f"{paddr} {count} times from {pns}")
    return msgs


def record(backend, s, cap, png):
    """Set up, capture, ping; return (pcap bytes or None, neigh per namespace)."""
    steps = setup(s) + [cap + " &", png, "sleep 1", "kill %1", "wait"]
    steps += [f"ip -n {s['ns_a']} neigh show", f"ip -n {s['ns_b']} neigh show"]
    res, files = backend.run(steps, files=["arp.pcap"])
    return files.get("arp.pcap"), parse.neigh(res[-2][1]), parse.neigh(res[-1][1])


def play(s, folder, backends):
    """The reference student records their capture on one kernel."""
    ans = answers(open(f"{folder}/answers.txt").read())
    backend = backends.get("sim") or backends.get("vm")
    pcap, _, _ = record(backend, s, ans["capture"], ans["ping"])
    with open(f"{folder}/arp.pcap", "wb") as f:
        f.write(pcap or b"")


def grade(sub, s, backend):
    c = Checks(backend)
    ans = answers(read_file(sub, "8", "answers.txt"))
    if not any(ans.values()) and not read_file(sub, "8", "arp.pcap", binary=True):
        c.fail_rest(CHECKS, "nothing handed in: answers.txt has no answers and there is no arp.pcap")
        return c.rows
    msgs = check_commands(s, ans)
    c.add("your commands follow your spec", 1, not msgs, "; ".join(msgs))
    (cns, cdev), (pns, paddr, count) = want_commands(s)
    # the grader's own recording, with the spec's commands
    cap = f"ip netns exec {cns} tcpdump -i {cdev} -n -U -w arp.pcap"
    png = f"ip netns exec {pns} ping -c {count} -i 0.2 {paddr}"
    pcap, neigh_a, neigh_b = record(backend, s, cap, png)
    try:
        mine = parse.summary(parse.pcap_frames(pcap or b""))
    except ValueError as e:
        c.fail_rest(CHECKS[1:], f"grader error: its own capture is unreadable ({e})")
        return c.rows
    theirs_raw = read_file(sub, "8", "arp.pcap", binary=True)
    try:
        theirs = parse.summary(parse.pcap_frames(theirs_raw)) if theirs_raw else None
        why = "no labs/08-arp-capture/arp.pcap in the submission"
    except ValueError as e:
        theirs, why = None, f"arp.pcap: {e}"
    if theirs is not None and theirs != mine:
        why = (f"your capture holds {len(theirs)} ARP/ICMP frames, the grader's rerun of your "
               f"spec's commands {len(mine)}; first difference: " +
               next((f"frame {k + 1}: yours {a}, rerun {b}" for k, (a, b) in
                     enumerate(zip(theirs, mine)) if a != b), "one is longer"))
    c.add("arp.pcap is a capture of your ping", 2, theirs is not None and theirs == mine, why)
    arp = [f for f in mine if f[0] == "arp"]
    req = [f for f in arp if f[1] == "request"]
    rep = [f for f in arp if f[1] == "reply"]
    asker, asked = ans.get("arp_asker_mac", "").lower(), ans.get("arp_asked_for", "")
    ask_ok = bool(req) and asker == req[0][4] and asked == req[0][6]
    c.add("who asked", 1, ask_ok, wrong_keys([
        ("arp_asker_mac", asker, bool(req) and asker == req[0][4],
         "not the sender MAC of the ARP request in the capture"),
        ("arp_asked_for", asked, bool(req) and asked == req[0][6],
         "not the address the ARP request asks about")]))
    answer = ans.get("arp_answer_mac", "").lower()
    c.add("who answered, with which MAC", 1, bool(rep) and answer == rep[0][4], wrong_keys([
        ("arp_answer_mac", answer, bool(rep) and answer == rep[0][4],
         "not the MAC the ARP reply announces")]))
    frames, once = ans.get("arp_frames", ""), ans.get("why_once", "")
    c.add("ARP frames, and why only one exchange", 1,
          frames == str(len(arp)) and once == "neighbour_cache", wrong_keys([
              ("arp_frames", frames, frames == str(len(arp)),
               "not the number of ARP frames in the capture"),
              ("why_once", once, once == "neighbour_cache",
               "not why the later pings need no ARP" + (
                   "" if once in WHY_ONCE else f" (choices: {', '.join(sorted(WHY_ONCE))})"))]))
    icmp = [f for f in mine if f[0] == "icmp"]
    c.add("ICMP frames", 1, ans.get("icmp_frames", "") == str(len(icmp)),
          f"icmp_frames={ans.get('icmp_frames') or '(empty)'}: count them in your capture")
    msgs = []
    for x, table in (("a", neigh_a), ("b", neigh_b)):
        o = "b" if x == "a" else "a"
        got = table.get(s[f"addr_{o}"])
        want = f"{s[f'addr_{o}']},{got[1]}" if got and got[1] else "none"
        have = ans.get(f"neigh_{x}", "").lower().replace(" ", "")
        if have != want:
            msgs.append(f"neigh_{x} ({s[f'ns_{x}']}): '{have or '(empty)'}' is not what "
                        "ip neigh shows there (write IP,MAC or none)")
    c.add("ip neigh on each side afterwards", 1, not msgs, "; ".join(msgs))
    return c.rows


def reference(s):
    p, o, c = s["pinger"], "b" if s["pinger"] == "a" else "a", s["capture_on"]
    return {"ns_cap": s[f"ns_{c}"], "dev_cap": s[f"dev_{c}"], "ns_ping": s[f"ns_{p}"],
            "addr_target": s[f"addr_{o}"], "mac_ping": s[f"mac_{p}"], "mac_target": s[f"mac_{o}"],
            "icmp_frames": str(2 * int(s["count"]))}
