#!/usr/bin/env python3
"""Normalize a vethlab transcript: replace what differs between runs.

Usage: normalize.py [FILE]      (reads stdin without FILE; writes stdout)

Both the real-kernel transcript (run_script.py) and vethsim's transcript go
through this filter before they are compared; golden files hold its output.
Every rule is listed below.  Everything else is kept byte for byte.

Rules, applied line by line in this order:

 1. tcpdump timestamps: a line starting "HH:MM:SS.UUUUUU " (tcpdump's
    default time stamp) starts "TIME " instead.
 2. IPv6 link-local addresses made from a MAC (EUI-64: fe80::/64 whose
    interface id has ff:fe in the middle) become "fe80::EUI(MACn)", where
    MACn is the token of the MAC it was made from (rule 3 numbering).
 3. MAC addresses (six lowercase hex pairs with ':') become MAC1, MAC2, ...
    numbered by first appearance in the whole transcript.  Kept as they
    are: 00:00:00:00:00:00, ff:ff:ff:ff:ff:ff, multicast MACs made from
    IP addresses (01:00:5e:..., 33:33:...), and any MAC written in a
    command line ("$ ..."), since the script fixes those.
 0. Command lines ("$ ...") themselves are never changed.
 4. ping's round trip times: "time=0.061 ms" becomes "time=T ms".
 5. ping's summary duration: "time 3066ms" becomes "time Nms".
 6. ping's rtt line: "rtt min/avg/max/mdev = a/b/c/d ms" becomes
    "rtt min/avg/max/mdev = T/T/T/T ms".
 7. ICMP ids in tcpdump lines: "id 15841," becomes "id ID,"; so does the
    IPv4 header's id that tcpdump -v prints ("ttl 64, id 48140, offset").
 8. /proc/net/softnet_stat lines (one per CPU, 10 to 16 columns of 8 hex
    digits) become "SOFTNET <number of columns>": their values are
    machine-wide, not per namespace, and change all the time.
 9. An inet6 address line's "tentative" flag is dropped: whether IPv6
    duplicate address detection (about a second, plus a random delay) is
    over when `ip addr` runs depends on how loaded the machine is.
10. On the veth line of `ip -d link` ("    veth ..."), "numtxqueues N
    numrxqueues N" becomes "numtxqueues NCPUS numrxqueues NCPUS": 6.1's
    veth has one queue of each per possible CPU (veth_get_num_queues()),
    a number of the machine (vethsim's has one CPU, the test box more).

tcpdump's "N packets captured / received by filter / dropped by kernel"
counts are NOT normalized: they are stable when the capture waits for
"listening on" (the runner does) and IPv6 noise is off (the scenarios do).
"""

import ipaddress
import re
import sys

TS_RE = re.compile(r"^\d{2}:\d{2}:\d{2}\.\d{6} ")
LL6_RE = re.compile(r"\bfe80:[0-9a-f:]*[0-9a-f]\b")
MAC_RE = re.compile(r"(?<![0-9a-f:])(?:[0-9a-f]{2}:){5}[0-9a-f]{2}(?![0-9a-f:])")
PING_T_RE = re.compile(r"\btime=[0-9]+(?:\.[0-9]+)? ms\b")
PING_DUR_RE = re.compile(r"\btime [0-9]+ms\b")
RTT_RE = re.compile(r"^rtt min/avg/max/mdev = [0-9./]+ ms$")
ICMP_ID_RE = re.compile(r"\bid [0-9]+,")
TENTATIVE_RE = re.compile(r"^(    inet6 .*) tentative( ?)$")
VETH_QUEUES_RE = re.compile(r"^(    veth .*)numtxqueues \d+ numrxqueues \d+ ")
SOFTNET_RE = re.compile(r"^[0-9a-f]{8}(?: [0-9a-f]{8}){9,15}$")

KEEP_MACS = {"00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff"}


class Normalizer:
    def __init__(self, keep=()):
        self.macs = {}
        self.keep = KEEP_MACS | set(keep)

    def mac_token(self, mac):
        if mac in self.keep or mac.startswith(("01:00:5e:", "33:33:")):
            return mac
        if mac not in self.macs:
            self.macs[mac] = "MAC%d" % (len(self.macs) + 1)
        return self.macs[mac]

    def ll6(self, m):
        text = m.group(0)
        try:
            packed = ipaddress.IPv6Address(text).packed
        except ValueError:
            return text
        if packed[:8] != b"\xfe\x80" + b"\0" * 6 or packed[11:13] != b"\xff\xfe":
            return text
        mac = bytes([packed[8] ^ 0x02]) + packed[9:11] + packed[13:16]
        return "fe80::EUI(%s)" % self.mac_token(
            ":".join("%02x" % b for b in mac))

    def line(self, s):
        if s.startswith("$ "):                             # rule 0
            return s
        s = TS_RE.sub("TIME ", s)                          # rule 1
        s = LL6_RE.sub(self.ll6, s)                        # rule 2
        s = MAC_RE.sub(lambda m: self.mac_token(m.group(0)), s)   # rule 3
        s = PING_T_RE.sub("time=T ms", s)                  # rule 4
        s = PING_DUR_RE.sub("time Nms", s)                 # rule 5
        if RTT_RE.match(s):                                # rule 6
            s = "rtt min/avg/max/mdev = T/T/T/T ms"
        s = ICMP_ID_RE.sub("id ID,", s)                    # rule 7
        if SOFTNET_RE.match(s):                            # rule 8
            s = "SOFTNET %d" % len(s.split())
        s = TENTATIVE_RE.sub(r"\1\2", s)                  # rule 9
        s = VETH_QUEUES_RE.sub(r"\1numtxqueues NCPUS numrxqueues NCPUS ",
                               s)                          # rule 10
        return s


def normalize(text):
    lines = text.split("\n")
    typed = [m.group(0) for s in lines if s.startswith("$ ")
             for m in MAC_RE.finditer(s)]
    n = Normalizer(typed)
    return "\n".join(n.line(s) for s in lines)


def main():
    """normalize.py [FILE]: FILE (or stdin) normalized, on stdout.
    normalize.py --to IN OUT [IN OUT ...]: each IN normalized into its OUT,
    for the test scripts that would otherwise start a Python per file."""
    args = sys.argv[1:]
    if args[:1] == ["--to"] and len(args) >= 3 and len(args) % 2 == 1:
        pairs = list(zip(args[1::2], args[2::2]))
    elif len(args) <= 1 and args[:1] != ["--to"]:
        pairs = [(args[0] if args else None, None)]
    else:
        print("usage: normalize.py [FILE] | normalize.py --to IN OUT [IN OUT ...]",
              file=sys.stderr)
        return 2
    for src, dst in pairs:
        if src is None:
            text = sys.stdin.buffer.read().decode("utf-8", "surrogateescape")
        else:
            with open(src, encoding="utf-8", errors="surrogateescape") as f:
                text = f.read()
        data = normalize(text).encode("utf-8", "surrogateescape")
        if dst is None:
            sys.stdout.buffer.write(data)
        else:
            with open(dst, "wb") as f:
                f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
