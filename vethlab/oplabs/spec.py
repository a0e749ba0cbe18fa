"""Per-student topologies for the operational labs, drawn from a seed.

A seed is a string given to the student (e.g. seeds.student_seed(student_id, secret),
an HMAC the course platform prints); the grader recomputes the same spec from
it. Every value a handout shows as an example (veth0, ns0, 10.1.1.1/24) is
replaced by a drawn one, so an answer copied from the handout or from a
classmate names devices and addresses that do not exist in your topology.
"""
import hashlib
import random

from vethlab import catalog

# the operational labs of the catalog: {"7": title, ...}
LABS = {str(x.number): x.title for x in catalog.LABS if x.kind == catalog.OPERATIONAL}

NS_WORDS = ["red", "blue", "green", "amber", "cyan", "olive", "coral", "plum",
            "teal", "ivory", "jade", "rust", "sand", "slate", "pearl", "mint"]
DEV_WORDS = ["ve", "vp", "lnk", "port", "end", "tap", "wire", "pipe"]




def _rng(seed, lab):
    h = hashlib.sha256(f"vethlab-oplabs:{seed}:{lab}".encode()).digest()
    return random.Random(int.from_bytes(h[:8], "big"))


def _mac(r):
    # locally administered unicast: second hex digit 2, 6, a or e
    first = r.choice([0x02, 0x06, 0x0a, 0x0e, 0x12, 0x16, 0x1a, 0x1e])
    return ":".join(f"{b:02x}" for b in [first] + [r.randrange(256) for _ in range(5)])


def _addrs(r):
    """Two host addresses in one subnet of 10.0.0.0/8 or 172.16.0.0/12."""
    prefix = r.choice([24, 25, 26, 27, 28, 29])
    size = 1 << (32 - prefix)
    if r.random() < 0.5:
        base = (10 << 24) | (r.randrange(1, 255) << 16) | (r.randrange(256) << 8)
    else:
        base = (172 << 24) | ((16 + r.randrange(16)) << 16) | (r.randrange(256) << 8)
    base += r.randrange(256 // size) * size if prefix > 24 else 0
    hosts = r.sample(range(1, size - 1), 2)
    dot = lambda n: ".".join(str((n >> s) & 255) for s in (24, 16, 8, 0))
    return dot(base + hosts[0]), dot(base + hosts[1]), prefix


def spec(seed, lab):
    """The topology of one lab for one seed: a dict of str -> str."""
    lab = str(lab)
    if lab not in LABS:
        raise ValueError(f"no operational lab {lab} (have {', '.join(LABS)})")
    r = _rng(seed, lab)
    ns = r.sample(NS_WORDS, 2)
    word = r.choice(DEV_WORDS)
    nums = r.sample(range(10), 2)
    a, b, prefix = _addrs(r)
    s = {
        "lab": lab,
        "ns_a": f"{ns[0]}{r.randrange(10)}",
        "ns_b": f"{ns[1]}{r.randrange(10)}",
        "dev_a": f"{word}{nums[0]}",
        "dev_b": f"{word}{nums[1]}",
        "addr_a": a,
        "addr_b": b,
        "prefix": str(prefix),
        "mac_a": _mac(r),
        "mac_b": _mac(r),
        "mtu": str(r.choice(range(1280, 1501, 4))),
        "count": str(r.randrange(2, 5)),
    }
    # who pings, who captures (lab 8), who sends (labs 9-11)
    s["pinger"] = r.choice(["a", "b"])
    if lab == "8":
        s["capture_on"] = r.choice(["a", "b"])
    if lab == "10":
        # more pings, 0.2 s apart: a trace is bound to its count (2..12)
        s["count"] = str(r.randrange(2, 13))
    if lab == "9":
        # the state of the host before the student touches it (article 003's
        # host had strict reverse-path filtering; others have loose or none)
        s["start_rp_filter"] = str(r.choice([1, 1, 2, 0]))
    if lab == "9":
        del s["ns_a"], s["ns_b"]      # both ends in one namespace
    return s


def side(s, which):
    """(namespace, device, address, mac) of end 'a' or 'b'."""
    return (s.get(f"ns_{which}"), s[f"dev_{which}"], s[f"addr_{which}"], s[f"mac_{which}"])


def other(which):
    return "b" if which == "a" else "a"


def describe(s):
    """The lines `make lab-spec` prints."""
    return "".join(f"{k}={v}\n" for k, v in s.items())
