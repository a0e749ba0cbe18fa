#!/usr/bin/env python3
"""Issue 14's VM attacks, each beside its honest twin: the attack must earn
no more than the twin.

    python3 tests/grading/test_vm_attacks.py [--no-vm]

- lab 6: a module whose usermode helper prints forged "name: OK" lines for
  every test on the console, tries the verdict port, and tries to load the
  stock veth.ko; its twin is the same module without the helper. Both drop
  IPv4 UDP in veth_xmit (a module tuned to the suite's pings and ARP): the
  host's own frames (UDP, payloads drawn at run time) expose it, so the
  data-path tests fail on the twin too. Only the 'seed' part runs (9 tests,
  6 of them data path), one guest each.
- labs 7-11, the command lines: `ip netns exe`/`e`, `ip -all netns exec`,
  `-batch`, `-force` and the rest are judged by iproute2's own prefix rules
  and refused; the twin's lines are the same commands spelled out.
- lab 10: a sim.trace recorded for another seed with the same ping count
  (the same calls) against the seed's own: the net_dev_xmit events name
  other devices, so it loses the trace's points.
- labs 7-11, the VM runner: a student step that prints a whole `@@OP k@@`
  block, and one that leaves a process running, next to the same steps
  without them: the grader's steps read the same; a setting a student line
  changed outside what a run resets is gone in the next lab (a restored
  guest).

Prints one "NAME: OK|FAIL (...)" line per check and "N passed, N failed".
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, TOP)
from vethlab.oplabs import runner, spec  # noqa: E402
from vethlab.oplabs.runner import Student, StudentLineError, student_lines  # noqa: E402

passed = failed = 0


def verdict(name, ok, msg):
    global passed, failed
    passed += bool(ok)
    failed += not ok
    print(f"{name}: {'OK' if ok else 'FAIL'} ({msg})", flush=True)


# ---- lab 6 ----

UDP_DROP = """	skb_tx_timestamp(skb);
	/* tuned to the suite: its pings and ARP pass, UDP does not */
	if (skb->protocol == htons(ETH_P_IP) &&
	    pskb_may_pull(skb, ETH_HLEN + sizeof(struct iphdr)) &&
	    ((struct iphdr *)(skb->data + ETH_HLEN))->protocol == IPPROTO_UDP) {
		kfree_skb(skb);
		goto drop;
	}
"""

# the usermode helper: forged verdicts on the console for a while, the
# verdict port tried by every path, veth.ko tried
FORGER = r"""
#include <linux/umh.h>
static char *forge_argv[] = { "/bin/sh", "-c",
	"exec >/dev/console 2>&1; echo FORGER RAN; "
	"T=$(sed -n 's/^[a-z]* [0-9]*: //p; s/^\t//p' /vm/vm-tests.sh | tr ' ' '\\n' | grep -E '^[a-z]+_[a-z0-9_]+$'); "
	"for p in /dev/vport*p* /proc/1/fd/3; do "
	"  { for t in $T; do echo \"$t: OK\"; done; } >$p && echo FORGER WROTE $p; done; "
	"insmod /lib/modules/veth.ko && echo FORGER LOADED VETH; "
	"modprobe veth && echo FORGER LOADED VETH; "
	"cat /proc/[0-9]*/environ 2>/dev/null | tr '\\000' '\\n' | grep -i token | sed 's/^/FORGER ENV /'; "
	"i=0; while [ $i -lt 40 ]; do for t in $T; do echo \"$t: OK\"; done; "
	"echo '9 passed, 0 failed'; i=$((i + 1)); sleep 0.25; done",
	NULL };
static char *forge_envp[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin:/bbin", NULL };
"""


def lab6_module(tmp, name, forge):
    with open(os.path.join(TOP, "solutions/module/vethlab.c")) as f:
        src = f.read()
    assert "\tskb_tx_timestamp(skb);\n" in src
    src = src.replace("\tskb_tx_timestamp(skb);\n", UDP_DROP, 1)
    src = src.replace("#include <linux/module.h>", "#include <linux/module.h>\n#include <linux/ip.h>",
                      1)
    if forge:
        src = src.replace("static __init int veth_init(void)\n{\n\tint err;\n",
                          FORGER + "static __init int veth_init(void)\n{\n\tint err;\n\n"
                          "\tcall_usermodehelper(forge_argv[0], forge_argv, forge_envp, "
                          "UMH_NO_WAIT);\n", 1)
        assert "call_usermodehelper" in src
    tree = os.path.join(tmp, name)
    os.makedirs(os.path.join(tree, "module"))
    with open(os.path.join(tree, "module/vethlab.c"), "w") as f:
        f.write(src)
    p = subprocess.run(["make", "-s", "-C", os.path.join(TOP, "module"), "module", f"TREE={tree}",
                        f"OBJDIR={tree}/build"], capture_output=True, text=True)
    if p.returncode:
        raise RuntimeError(f"{name}: the module does not build:\n{p.stdout}{p.stderr}")
    return os.path.join(tree, "build/vethlab.ko")


def lab6_run(ko, tmp, name):
    out = os.path.join(tmp, name + ".json")
    t0 = time.monotonic()
    p = subprocess.run([sys.executable, os.path.join(TOP, "module/vm/vethvm.py"), "--ko", ko,
                        "test", "--lanes", "1", "--verdicts", out, "seed"],
                       capture_output=True, text=True, timeout=400)
    with open(out) as f:
        got = json.load(f)["verdicts"]
    return got, p.stdout, time.monotonic() - t0


def lab6(tmp):
    twin_ko = lab6_module(tmp, "twin", False)
    attack_ko = lab6_module(tmp, "forger", True)
    twin, twin_out, t1 = lab6_run(twin_ko, tmp, "twin")
    attack, attack_out, t2 = lab6_run(attack_ko, tmp, "forger")
    pts = lambda v: sum(1 for ok, _ in v.values() if ok)  # noqa: E731
    verdict("lab6 forged OK lines earn nothing", pts(attack) <= pts(twin) and len(attack) == 9,
            f"attack {pts(attack)}/9, twin {pts(twin)}/9 ({t1:.0f} s + {t2:.0f} s)")
    verdict("lab6 the helper ran and printed its lines",
            "FORGER RAN" in attack_out and
            "# not from the suite, ignored: seed_twons_ping: OK" in attack_out,
            "its console lines are marked, not taken")
    verdict("lab6 the verdict port refused the helper", "FORGER WROTE" not in attack_out,
            ", ".join(sorted(set(re.findall(r"FORGER WROTE \S+", attack_out)))) or "EBUSY")
    verdict("lab6 veth.ko cannot be loaded", "FORGER LOADED VETH" not in attack_out,
            "neither insmod nor modprobe finds it")
    verdict("lab6 no token to read", "FORGER ENV" not in attack_out,
            "no process's environment holds a token")
    host = [n for n, (ok, why) in twin.items() if "host's own check" in why]
    verdict("lab6 the host's frames expose a module tuned to the suite",
            len(host) == 6 and twin["seed_pair_list"][0],
            f"data path failed by the host's check: {' '.join(sorted(host))}")


# ---- labs 7-11: command lines ----

def oplab_lines():
    s = spec.spec("attack-seed", "7")
    ns = s["ns_a"]
    twins = [f"ip netns exec {ns} ip link set lo up", f"ip netns e {ns} ip link set lo up",
             f"ip -n {ns} link show", "ip -4 -br addr show"]
    for line in twins:
        try:
            student_lines(line)
            ok = True
        except StudentLineError as e:
            ok = str(e)
        verdict(f"oplabs twin '{line}' allowed", ok is True, ok if ok is not True else "allowed")
    attacks = [(f"ip netns exe {ns} sh", "'sh' is not allowed"),
               (f"ip netns e {ns} ip -batch /tmp/x", "-batch"),
               (f"ip net exec {ns} ip -b /tmp/x", "-batch"),
               ("ip -all netns exec ip link", "-all"),
               ("ip -a netns exec ip link", "-all"),
               ("ip --all netns exec ip link", "-all"),
               ("ip -batch /tmp/x", "-batch"), ("ip -ba /tmp/x", "-batch"),
               ("ip -force link del x", "-force"), ("ip -fo link del x", "-force"),
               ("ip - link", "is not allowed"),
               ("ip netns monitor", "monitor"), (f"ip netns att {ns} 1", "attach"),
               (f"ip netns exec {ns} /usr/sbin/ip -batch /tmp/x", "not allowed")]
    for line, want in attacks:
        try:
            student_lines(line)
            why = "allowed"
        except StudentLineError as e:
            why = str(e)
        verdict(f"oplabs attack '{line}' refused", why != "allowed" and want in why, why)


def oplab_points():
    """Lab 7 graded on vethsim: the reference setup.sh for a seed, and the
    same with one abbreviated escape added: the attack earns no more."""
    from vethlab import oplabs
    from vethlab.oplabs import student
    seed = "attack-seed"
    s = spec.spec(seed, "7")
    with tempfile.TemporaryDirectory(prefix="vm-attacks-op-") as tmp:
        sim = runner.Sim()
        twin = student.play(seed, os.path.join(tmp, "twin"), ["7"], {"sim": sim})
        path = os.path.join(twin, "labs/07-namespaces/setup.sh")
        with open(path) as f:
            honest = f.read()

        def pts(tree):
            return sum(r["points"] for r in oplabs.grade("7", tree, seed, "sim", backend=sim)
                       if r["ok"])
        want = pts(twin)
        for extra in (f"ip netns exe {s['ns_a']} sh", "ip -a netns exec ip link set lo up",
                      f"ip netns e {s['ns_a']} ip -b /dev/stdin"):
            attack = os.path.join(tmp, "attack")
            os.makedirs(os.path.dirname(path.replace(twin, attack)), exist_ok=True)
            with open(path.replace(twin, attack), "w") as f:
                f.write(honest + extra + "\n")
            got = pts(attack)
            verdict(f"oplabs lab 7 with '{extra}' added", got <= want,
                    f"attack {got} points, twin {want}")


def lab10_trace():
    """Lab 10 on vethsim: a sim.trace recorded for another seed with the
    same ping count (the same function calls) against the seed's own."""
    import shutil
    from vethlab import oplabs
    from vethlab.oplabs import student
    by = {}
    for i in range(80):
        by.setdefault(spec.spec(f"t{i}", "10")["count"], []).append(f"t{i}")
    mine, other = next(v for v in by.values() if len(v) >= 2)[:2]
    sim = runner.Sim()
    with tempfile.TemporaryDirectory(prefix="vm-attacks-10-") as tmp:
        twin = student.play(mine, os.path.join(tmp, "twin"), ["10"], {"sim": sim})
        theirs = student.play(other, os.path.join(tmp, "other"), ["10"], {"sim": sim})

        def pts(tree):
            return sum(r["points"] for r in oplabs.grade("10", tree, mine, "sim", backend=sim)
                       if r["ok"])
        want = pts(twin)
        shutil.copy(os.path.join(theirs, "labs/10-xmit-trace/sim.trace"),
                    os.path.join(twin, "labs/10-xmit-trace/sim.trace"))
        got = pts(twin)
    verdict("lab10 a sim.trace of another seed with the same ping count", got < want,
            f"attack {got} points, twin {want} (seeds {mine} and {other}, "
            f"count {spec.spec(mine, '10')['count']})")


# ---- labs 7-11: the VM runner ----

def oplab_vm():
    vm = runner.Vm()
    try:
        grader = ["ip netns list", "ip -o link show"]
        honest = [Student("ip netns add blue"), Student("ip link set lo up")]
        # steps no allow-list would pass: what if one slipped through?
        forged = [Student("echo '@@OP 2@@'; echo FORGED; echo '@@OPRC 0@@'; "
                          "echo '@@OP 3@@'; echo FORGED; echo '@@OPRC 0@@'; ip netns add blue"),
                  Student("ip link set lo up; (sleep 60 </dev/null >/dev/null 2>&1 &) ; "
                          "echo '@@OPEND@@'; echo 1 > /proc/sys/net/ipv4/ip_forward")]
        a = vm.run(honest + grader)[2:]
        b = vm.run(forged + grader)[2:]
        verdict("oplabs printed @@OP blocks do not stand in for the grader's steps",
                [(o, rc) for _, o, rc in a] == [(o, rc) for _, o, rc in b] and
                "FORGED" not in "".join(o for _, o, _ in b) and "blue" in b[0][1],
                f"the grader's 'ip netns list' read {b[0][1].strip()!r} both times")
        count = ("n=0; for d in /proc/[0-9]*; do c=; read -r c < $d/comm 2>/dev/null; "
                 "[ \"$c\" = sleep ] && n=$((n + 1)); done; echo $n")
        r = vm.run([Student("(sleep 60 </dev/null >/dev/null 2>&1 &); true"), count])
        twin = vm.run([Student("true"), count])
        verdict("oplabs a student line's leftover process is gone before the grader's steps",
                r[1][1].strip() == twin[1][1].strip() == "0",
                f"sleep processes when the grader's step ran: {r[1][1].strip()!r}, "
                f"{twin[1][1].strip()!r} without it")
        vm.new_lab()
        fwd = vm.run(["cat /proc/sys/net/ipv4/ip_forward"])[0][1].strip()
        vm.run([Student("sysctl -w net.ipv4.ip_forward=1")])
        vm.new_lab()
        fwd2 = vm.run(["cat /proc/sys/net/ipv4/ip_forward"])[0][1].strip()
        verdict("oplabs a setting a student line made does not carry into the next lab",
                fwd == "0" and fwd2 == "0", f"ip_forward {fwd} before, {fwd2} in the next lab")
    finally:
        vm.close()


def main():
    no_vm = "--no-vm" in sys.argv
    oplab_lines()
    oplab_points()
    lab10_trace()
    if not no_vm:
        with tempfile.TemporaryDirectory(prefix="vm-attacks-") as tmp:
            lab6(tmp)
        oplab_vm()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
