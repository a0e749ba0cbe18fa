"""Scenario scripts with parameters drawn at grade time from the run's seed.

A seeded check is a public scenario with its device and namespace names,
its IPv4 subnets, the pair's MTU, ping's packet count and the backlog limit
replaced by values drawn from random.Random(seed); the expected transcript
is what the reference build prints for that script, computed when the run
starts. A submission cannot have the answer in advance.
"""
import random
import re
import string


def _name(rng, prefix, taken):
    while True:
        n = prefix + "".join(rng.choice(string.ascii_lowercase) for _ in range(3)) + str(rng.randrange(10))
        if n not in taken:
            taken.add(n)
            return n


def seeded_script(text, seed, label):
    """(script text, {parameter: value}) for one scenario and seed."""
    rng = random.Random(f"{seed}:{label}")
    taken = set()
    params = {}
    for old in ("veth0", "veth1"):
        params[old] = _name(rng, "v", taken)
    for old in ("ns0", "ns1", "ns2", "ns3"):
        params[old] = _name(rng, "n", taken)
    subnets = {}
    for pre in sorted(set(re.findall(r"\b(10\.1\.1|10\.0\.4|192\.168\.1)\.\d+", text))):
        while True:
            new = (f"10.{rng.randrange(2, 250)}.{rng.randrange(1, 250)}" if pre.startswith("10.")
                   else f"192.168.{rng.randrange(2, 250)}")
            if new not in subnets.values():
                subnets[pre] = new
                break
    params.update(subnets)
    count = rng.randrange(2, 7)
    mtu = rng.randrange(1280, 9001)
    backlog = rng.randrange(50, 5000)
    out = []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            out.append(line)
            continue
        for old in ("veth0", "veth1", "ns0", "ns1", "ns2", "ns3"):
            line = re.sub(rf"\b{old}\b", params[old], line)
        for pre, new in subnets.items():
            line = re.sub(rf"\b{re.escape(pre)}\.", new + ".", line)
        line = re.sub(r"(\bping\b.*-c )\d+", rf"\g<1>{count}", line)
        out.append(line)
        m = re.match(r"^ip link add (\S+) type veth peer name (\S+)$", line)
        if m:
            out.append(f"ip link set dev {m.group(1)} mtu {mtu}")
            out.append(f"ip link set dev {m.group(2)} mtu {mtu}")
    # the backlog limit goes first, after the opening comments
    i = 0
    while i < len(out) and (out[i].startswith("#") or not out[i].strip()):
        i += 1
    out.insert(i, f"sysctl -w net.core.netdev_max_backlog={backlog}")
    used = {k: v for k, v in params.items() if re.search(rf"\b{re.escape(k)}\b", text)}
    if re.search(r"\bping\b.*-c \d", text):
        used["ping -c"] = count
    if any(" mtu " in line for line in out) and " mtu " not in text:
        used["mtu"] = mtu
    used["netdev_max_backlog"] = backlog
    return "\n".join(out) + "\n", used
