"""Readers for what the grader's own commands print: ip, ping, ftrace, pcap."""
import re
import struct

LINK_RE = re.compile(r"^(\d+): ([^:@\s]+)(?:@([^:\s]+))?: <([^>]*)> mtu (\d+)(.*)$")


def links(text):
    """`ip [-d] link show` -> {name: {ifindex, peer, flags, mtu, state, mac, netns}}."""
    out, cur = {}, None
    for line in text.splitlines():
        m = LINK_RE.match(line)
        if m:
            cur = {"ifindex": int(m.group(1)), "peer": m.group(3),
                   "flags": set(m.group(4).split(",")), "mtu": int(m.group(5)),
                   "state": (re.search(r" state (\S+)", m.group(6)) or [None, None])[1],
                   "mac": None, "netns": None}
            out[m.group(2)] = cur
        elif cur is not None:
            m = re.match(r"^\s+link/\S+ (\S+)", line)
            if m and cur["mac"] is None:
                cur["mac"] = m.group(1).lower()
            m = re.search(r"link-netns (\S+)", line)
            if m:
                cur["netns"] = m.group(1)
            m = re.search(r"link-netnsid (\d+)", line)
            if m and cur["netns"] is None:
                cur["netns"] = "nsid " + m.group(1)
    return out


def addrs(text):
    """`ip -o addr show` -> {dev: [addr/prefix, ...]} (IPv4 only)."""
    out = {}
    for line in text.splitlines():
        m = re.match(r"^\d+: (\S+)\s+inet (\S+)", line)
        if m:
            out.setdefault(m.group(1), []).append(m.group(2))
    return out


def netns_names(text):
    return [l.split()[0] for l in text.splitlines() if l.strip()]


def ping_received(text):
    m = re.search(r"(\d+) packets transmitted, (\d+) received", text)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def neigh(text):
    """`ip neigh show` -> {ip: (dev, lladdr or None, state)}."""
    out = {}
    for line in text.splitlines():
        w = line.split()
        if not w or "dev" not in w:
            continue
        dev = w[w.index("dev") + 1]
        ll = w[w.index("lladdr") + 1].lower() if "lladdr" in w else None
        out[w[0]] = (dev, ll, w[-1])
    return out


# -- ftrace ----------------------------------------------------------------

MAX_LINE = 400      # a trace line is short; longer ones are not parsed
FUNC_LINE_RE = re.compile(r"^\s*\S.*?\[\d+\]\s+\S+\s+[\d.]+: (\S+) <-(\S+)\s*$")
GRAPH_RE = re.compile(r"^\s*\d+\)\s.*?\|\s*(.*)$")


def trace_calls(text):
    """Function names in call order, from a `function` or `function_graph`
    trace (entries of a function_graph: `f() {` and leaf `f();`)."""
    calls = []
    for line in text.splitlines():
        if line.startswith("#") or len(line) > MAX_LINE:
            continue
        m = FUNC_LINE_RE.match(line)
        if m:
            calls.append(m.group(1))
            continue
        m = GRAPH_RE.match(line)
        if m:
            body = m.group(1).strip()
            f = re.match(r"^([A-Za-z_][\w.]*)\(\)\s*(\{|;)", body)
            if f:
                calls.append(f.group(1))
    return calls


EVENT_RE = re.compile(r"(?:/\* |: )(net_dev_xmit): dev=(\S+) skbaddr=\S+ len=(\d+) rc=(-?\d+)")


def trace_events(text):
    """The net_dev_xmit events of a trace, in order, as "dev=D len=L rc=R"
    (skbaddr left out: a pointer, different every run)."""
    out = []
    for line in text.splitlines():
        if len(line) > MAX_LINE:
            continue
        m = EVENT_RE.search(line)
        if m:
            out.append(f"dev={m.group(2)} len={m.group(3)} rc={m.group(4)}")
    return out


def trace_parents(text):
    """{function: set of callers} from a `function` trace."""
    out = {}
    for line in text.splitlines():
        m = FUNC_LINE_RE.match(line) if len(line) <= MAX_LINE else None
        if m:
            out.setdefault(m.group(1), set()).add(m.group(2))
    return out


# -- pcap (the classic libpcap file format, what tcpdump -w writes) ---------

def pcap_frames(data):
    """Ethernet frames of a pcap file -> [dict]; raises ValueError if it is not one."""
    if len(data) < 24:
        raise ValueError("shorter than a pcap file header")
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        end = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        end = ">"
    else:
        raise ValueError("not a pcap file (bad magic)")
    linktype = struct.unpack(end + "I", data[20:24])[0]
    if linktype != 1:
        raise ValueError(f"link type {linktype}, not Ethernet (1)")
    frames, off = [], 24
    while off + 16 <= len(data):
        _, _, incl, _ = struct.unpack(end + "IIII", data[off:off + 16])
        off += 16
        pkt = data[off:off + incl]
        off += incl
        frames.append(ether(pkt))
    return frames


def _mac(b):
    return ":".join(f"{x:02x}" for x in b)


def _ip(b):
    return ".".join(str(x) for x in b)


def ether(pkt):
    f = {"dst": _mac(pkt[0:6]), "src": _mac(pkt[6:12]), "kind": "other"}
    if len(pkt) < 14:
        return f
    etype = struct.unpack(">H", pkt[12:14])[0]
    p = pkt[14:]
    if etype == 0x0806 and len(p) >= 28:
        op = struct.unpack(">H", p[6:8])[0]
        f.update(kind="arp", op={1: "request", 2: "reply"}.get(op, str(op)),
                 sha=_mac(p[8:14]), spa=_ip(p[14:18]), tha=_mac(p[18:24]), tpa=_ip(p[24:28]))
    elif etype == 0x0800 and len(p) >= 20:
        ihl = (p[0] & 15) * 4
        f.update(kind="ipv4", proto=p[9], saddr=_ip(p[12:16]), daddr=_ip(p[16:20]))
        if p[9] == 1 and len(p) >= ihl + 1:
            f.update(kind="icmp", icmp_type={8: "echo-request", 0: "echo-reply"}.get(
                p[ihl], str(p[ihl])))
    elif etype == 0x86dd:
        f["kind"] = "ipv6"
    return f


def summary(frames):
    """The ARP and ICMP frames as comparable tuples (times and ids left out)."""
    out = []
    for f in frames:
        if f["kind"] == "arp":
            out.append(("arp", f["op"], f["src"], f["dst"], f["sha"], f["spa"], f["tpa"]))
        elif f["kind"] == "icmp":
            out.append(("icmp", f["icmp_type"], f["src"], f["dst"], f["saddr"], f["daddr"]))
    return out
