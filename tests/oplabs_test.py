#!/usr/bin/env python3
"""The operational labs' checks (vethlab/oplabs) can fail and can pass.

For three seeds, on vethsim: every check passes on the reference answers
(solutions/ played for that seed), every check fails on the untouched
exercises, and each lab's reference answers for one seed lose points when
graded for the next seed (a copied answer). Then, in one VM run, the
reference answers of one seed pass on the real kernel (stock veth.ko), and
the untouched exercises fail every check there. Labs 10 and 11 are also
graded in the other right forms their handouts allow (raised_in= lab 4's
____napi_schedule, a both= list copied from vethsim's traces), on vethsim
and in the same VM run.
OPLABS_VM=0 skips the VM part (exit 77 when it is all that could run).
Prints "N passed, N failed" for mk/runtests.py.
"""
import os
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, TOP)
from vethlab import oplabs, seeds               # noqa: E402
from vethlab.oplabs import runner, student     # noqa: E402

SEEDS = ["7f3a9c01d2e4b856", "0b1d2e3f4a5b6c7d", "c0ffee00deadbeef"]
passed = failed = 0


def expect(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}")


ATTACKS = ["ip -batch /etc/passwd", "ip -b /etc/passwd", "ip -force link", "sysctl -p /etc/passwd",
           "sysctl --system", "echo x > /etc/passwd", "ip netns exec ns0 sh", "ip link; id",
           "ip link show $(id)", "cat /etc/passwd", "ip link show `id`", "ping 10.1.1.1 &",
           "ip netns exec ns0 ip netns exec ns1 tcpdump -w /tmp/x",
           "sysctl -w kernel.ftrace_enabled=0", "sysctl -w net.core.netdev_max_backlog=0",
           "echo 0 > /proc/sys/net/core/netdev_max_backlog", "ip xfrm state flush",
           "ip rule add blackhole", "ip -n ns0 tunnel add t0 mode gre",
           "echo 1 > /proc/sys/net/ipv4/conf/../../../../kernel/panic",
           "echo 1 > /proc/sys/net/ipv4/conf/../ip_forward"]
GOOD = ["ip netns add red3", "ip -n red3 link set ve4 up", "ip -d link show", "ip -br link",
        "ip netns exec red3 ip addr add 10.1.2.3/24 dev ve4",
        "sysctl -w net.ipv4.conf.all.rp_filter=0", "sysctl net.ipv4.conf.ve4.accept_local",
        "ip -n red3 -d link show", "ip route add 10.9.0.0/16 dev ve4",
        "echo 1 > /proc/sys/net/ipv4/conf/ve4/accept_local", "sleep 1",
        "ip link add ve1 address 02:00:00:00:00:01 mtu 1400 type veth peer name ve2"]


def right_variants(tree, seed, out, sim):
    """A copy of the reference answers `tree` in the other right forms:
    lab 10 raised_in=____napi_schedule (lab 4's function, which raises
    NET_RX_SOFTIRQ; enqueue_to_backlog is the reference's), lab 11 a both=
    list of every function vethsim's traces of the two pings share."""
    import re
    import shutil
    from vethlab.oplabs import lab11, parse, spec, tracing
    shutil.copytree(tree, out)
    s = spec.spec(seed, "11")
    lo, _ = tracing.record(sim, s, lab11.pings(s)[0])
    veth, _ = tracing.record(sim, s, lab11.pings(s)[1])
    both = sorted(set(parse.trace_calls(lo)) & set(parse.trace_calls(veth)))
    for lab, key, value in (("10", "raised_in", "____napi_schedule"),
                            ("11", "both", ",".join(both))):
        path = os.path.join(out, oplabs.common.FOLDERS[lab], "answers.txt")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        new = re.sub(rf"^{key}=.*$", f"{key}={value}", text, count=1, flags=re.M)
        assert new != text, f"{path}: no {key}= line to change"
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)
    return out, both


def expect_variants_pass(tree, seed, backend, both):
    for lab in ("10", "11"):
        rows = oplabs.grade(lab, tree, seed, backend.kernel, backend=backend)
        bad = [r["name"] + ": " + r["detail"] for r in rows if not r["ok"]]
        expect(not bad, f"{backend.kernel} lab {lab}: a right answer in another form fails "
               f"(raised_in=____napi_schedule, both={','.join(both)}): {bad}")


def main():
    for line in ATTACKS:
        try:
            runner.check_student_line(line)
            expect(False, f"a student line is allowed: {line}")
        except runner.StudentLineError:
            expect(True, "")
    for line in GOOD:
        try:
            runner.check_student_line(line)
            expect(True, "")
        except runner.StudentLineError as e:
            expect(False, f"a plain line is refused: {line}: {e}")
    labs = list(oplabs.LABS)
    sim = runner.Sim()
    with tempfile.TemporaryDirectory(prefix="oplabs-test-") as tmp:
        trees = {}
        for seed in SEEDS:
            trees[seed] = student.play(seed, os.path.join(tmp, seed), labs, {"sim": sim})
        for k, seed in enumerate(SEEDS):
            nxt = SEEDS[(k + 1) % len(SEEDS)]
            for lab in labs:
                rows = oplabs.grade(lab, trees[seed], seed, "sim", backend=sim)
                expect([(r["name"].rsplit(" [", 1)[0], r["points"]) for r in rows] ==
                       oplabs.checks(lab), f"lab {lab}: the rows are not oplabs.checks()")
                bad = [r["name"] + ": " + r["detail"] for r in rows if not r["ok"]]
                expect(not bad, f"seed {seed} lab {lab}: solutions fail: {bad}")
                rows = oplabs.grade(lab, os.path.join(TOP, "exercises"), seed, "sim", backend=sim)
                good = [r["name"] for r in rows if r["ok"]]
                expect(not good, f"seed {seed} lab {lab}: exercises pass: {good}")
                rows = oplabs.grade(lab, trees[seed], nxt, "sim", backend=sim)
                expect(not all(r["ok"] for r in rows),
                       f"lab {lab}: seed {seed}'s answers pass for seed {nxt}")
        # a trace recorded for another student's ping does not pass as yours
        import shutil
        from vethlab.oplabs import spec
        a, b = SEEDS[0], SEEDS[1]
        if spec.spec(a, "10")["count"] != spec.spec(b, "10")["count"]:
            forged = os.path.join(tmp, "forged")
            shutil.copytree(trees[b], forged)
            shutil.copyfile(os.path.join(trees[a], "labs/10-xmit-trace/sim.trace"),
                            os.path.join(forged, "labs/10-xmit-trace/sim.trace"))
            rows = oplabs.grade("10", forged, b, "sim", backend=sim)
            bad = [r["name"] for r in rows if not r["ok"]]
            expect(bad == ["your trace is a recording of that ping [sim]"],
                   f"a copied sim.trace: failing checks {bad}")
        else:
            expect(False, "test seeds must give lab 10 different ping counts")
        variant, both = right_variants(trees[SEEDS[0]], SEEDS[0],
                                       os.path.join(tmp, "variant"), sim)
        expect_variants_pass(variant, SEEDS[0], sim, both)
        print(f"vethsim: 3 seeds x {len(labs)} labs: solutions pass, exercises fail, "
              "copies fail; labs 10-11's other right forms pass")
        # the same through grade.py: make grade SEED=..., and a course secret
        # that gives each submission folder its own seed
        import subprocess
        grade = [sys.executable, "-m", "vethlab.grader", "--lab", "7",
                 "--lab", "9", "--results-dir", os.path.join(tmp, "results")]

        def score(args, env=None):
            p = subprocess.run(grade + args, capture_output=True, text=True, cwd=TOP,
                               env=dict(os.environ, **(env or {})))
            m = [ln for ln in p.stdout.splitlines() if ln.startswith(("Score:", "["))]
            return m[-1] if m else p.stdout + p.stderr
        top = 11 + 8
        got = score(["--tree", trees[SEEDS[0]], "--op-seed", SEEDS[0]])
        expect(got == f"Score: {top}/{top}", f"grade.py on the reference answers: {got}")
        got = score(["--tree", trees[SEEDS[0]], "--op-seed", SEEDS[1]])
        expect(got.startswith("Score: ") and got != f"Score: {top}/{top}",
               f"grade.py passes one seed's answers for another: {got}")
        got = score(["--tree", os.path.join(TOP, "exercises"), "--op-seed", SEEDS[0]])
        expect(got == f"Score: 0/{top}", f"grade.py on the exercises: {got}")
        subs = os.path.join(tmp, "subs")
        os.makedirs(subs)
        name = "student-42"
        own = seeds.student_seed(name, "course secret")
        shutil.copytree(student.play(own, os.path.join(tmp, "own"), ["7", "9"], {"sim": sim}),
                        os.path.join(subs, name))
        got = score(["--submissions", subs], {"VETHLAB_COURSE_SECRET": "course secret"})
        expect(f"{name}: {top}/{top}" in got, f"grade.py --submissions with a course secret: {got}")
        print("grade.py: SEED=, a wrong seed, the exercises, a course secret")
        if os.environ.get("OPLABS_VM", "1") == "0":
            print("VM part skipped (OPLABS_VM=0)")
        else:
            vm = runner.Vm()
            try:
                seed = SEEDS[0]
                tree = student.play(seed, os.path.join(tmp, "vm"), labs, {"vm": vm})
                for lab in labs:
                    rows = oplabs.grade(lab, tree, seed, "vm", backend=vm)
                    bad = [r["name"] + ": " + r["detail"] for r in rows if not r["ok"]]
                    expect(not bad, f"VM lab {lab}: solutions fail: {bad}")
                    rows = oplabs.grade(lab, os.path.join(TOP, "exercises"), seed, "vm",
                                        backend=vm)
                    good = [r["name"] for r in rows if r["ok"]]
                    expect(not good, f"VM lab {lab}: exercises pass: {good}")
                # the other right forms, on this run's own vm.trace
                vt = os.path.join(tmp, "vm-variant")
                variant, both = right_variants(tree, seed, vt, sim)
                expect_variants_pass(variant, seed, vm, both)
                # a submission that leaves the guest's settings broken does not
                # change the next run: every run puts them back
                hostile = os.path.join(tmp, "hostile")
                os.makedirs(os.path.join(hostile, "labs/09-same-namespace"))
                with open(os.path.join(hostile, "labs/09-same-namespace/fix.sh"), "w") as f:
                    f.write("sysctl -w net.ipv4.conf.all.arp_ignore=8\n"
                            "sysctl -w net.ipv4.conf.default.arp_ignore=8\n"
                            "sysctl -w net.ipv4.neigh.default.mcast_solicit=0\n")
                with open(os.path.join(hostile, "labs/09-same-namespace/answers.txt"), "w") as f:
                    f.write("dropped_packet=arp_request\n")
                oplabs.grade("9", hostile, seed, "vm", backend=vm)
                rows = oplabs.grade("7", tree, seed, "vm", backend=vm)
                expect(all(r["ok"] for r in rows), "VM: settings left by one run leak into the next: "
                       + "; ".join(r["detail"] for r in rows if not r["ok"]))
            finally:
                vm.close()
            print(f"VM: seed {seed}: the reference answers and labs 10-11's other right "
                  "forms pass on the real kernel, the exercises fail")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
