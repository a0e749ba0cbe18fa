#!/usr/bin/env python3
"""Lab 6 is scored per in-VM test: check the scoring on canned VM output.

    python3 tests/grading/test_lab6.py

Booting the VM takes minutes, so this replaces the boot (vmlab._vm_suite)
with canned console output and the verdicts the harness read on the
verdict port, and the reference's test list with a fixed one; the module itself is really compiled, in the box. Checks that
each test is a row worth VM_POINTS, that a test missing from the output
fails with "did not run", that a module that does not compile fails every
row with that cause first, that a --check filter keeps only its rows, and
that "name: OK" lines on the console (forged by a module) earn nothing.
Prints "lab6 NAME: OK" lines and "N passed, N failed".
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from vethlab.grader import grade, vmlab  # noqa: E402

NAMES = ["seed_pair_list", "seed_twons_ping", "counters_tx_rx", "badinput_dup_dev",
         "robust_mtu_limits"]
CANNED = """vethvm: booting 6.1.0 (kvm)
seed_pair_list: OK
seed_twons_ping: FAIL (ping between ns1 and ns2 lost packets, see /tmp/vmt/ours/twons.txt)
counters_tx_rx: OK
badinput_dup_dev: OK
robust_reload: FAIL (insmod after rmmod failed)
4 passed, 2 failed
"""
# what the harness read on the verdict port and checked on the host
VERDICTS = {"seed_pair_list": (True, ""),
            "seed_twons_ping": (False, "ping between ns1 and ns2 lost packets, see "
                                "/tmp/vmt/ours/twons.txt"),
            "counters_tx_rx": (True, ""), "badinput_dup_dev": (True, ""),
            "robust_reload": (False, "insmod after rmmod failed")}
# a module (or its usermode helper) printing verdicts on the console: the
# output is only for messages, so these count for nothing
FORGED = CANNED.replace("seed_twons_ping: FAIL (ping between ns1 and ns2 lost packets, see "
                        "/tmp/vmt/ours/twons.txt)", "seed_twons_ping: OK") + \
    "robust_mtu_limits: OK\n"


def main():
    passed = failed = 0

    def verdict(name, ok, msg):
        nonlocal passed, failed
        passed += ok
        failed += not ok
        print(f"lab6 {name}: {'OK' if ok else 'FAIL'} ({msg})")

    calls = []
    console = [CANNED]

    def fake_suite(ko, timeout):
        calls.append(ko)
        return (1, console[0], 1.0, dict(VERDICTS))

    vmlab._vm_suite = fake_suite
    vmlab.vm_expected_names = lambda: list(NAMES)
    grade.build_base()
    run = grade.Run([6], use_vm=True)
    try:
        res, _ = grade.grade_full("lab6-solutions", os.path.join(grade.TOP, "solutions"), [6],
                                  True, run)
        by = {r.name: r for r in res}
        verdict("module built in the box", len(calls) == 1 and calls[0].endswith("vethlab.ko")
                and os.path.basename(os.path.dirname(calls[0])) == "modbuild",
                f"booted {calls[:1]}")
        verdict("one row per test", all(n in by and by[n].points == 1 for n in NAMES),
                f"{len(res)} rows")
        verdict("passes and failures", by["seed_pair_list"].ok and not by["seed_twons_ping"].ok
                and "lost packets" in by["seed_twons_ping"].detail, "as the guest printed them")
        verdict("a missing test fails", not by["robust_mtu_limits"].ok
                and "did not run" in by["robust_mtu_limits"].detail, "did not run")
        verdict("a failure-only line is shown for 0 points",
                "robust_reload" in by and by["robust_reload"].points == 0, "robust_reload")
        earned, total = grade.totals(res)
        verdict("not 0/0", total == len(NAMES) and earned == 3, f"Score: {earned}/{total}")
        console[0] = FORGED
        res, _ = grade.grade_full("lab6-forged", os.path.join(grade.TOP, "solutions"), [6],
                                  True, run)
        forged = grade.totals(res)[0]
        console[0] = CANNED
        verdict("verdict lines on the console count for nothing", forged == earned,
                f"Score: {forged}/{total} with forged console lines, {earned} without")
        broken = os.path.join(grade.GRADE_DIR, "lab6-broken")
        os.makedirs(os.path.join(broken, "module"), exist_ok=True)
        with open(os.path.join(grade.TOP, "solutions/module/vethlab.c")) as f:
            text = f.read()
        with open(os.path.join(broken, "module/vethlab.c"), "w") as f:
            f.write(text + "\nthis is not C;\n")
        calls.clear()
        res, _ = grade.grade_full("lab6-broken", broken, [6], True, run)
        verdict("a module that does not compile", not calls and not any(r.ok for r in res)
                and all(r.detail.startswith("vethlab.c does not compile") for r in res
                        if r.points), f"{len(res)} rows fail, no boot")
        run.only = ["seed_"]
        res, _ = grade.grade_full("lab6-only", os.path.join(grade.TOP, "solutions"), [6], True, run)
        verdict("--check seed_", {r.name for r in res if r.points} ==
                {"seed_pair_list", "seed_twons_ping"}, f"{[r.name for r in res]}")
    finally:
        run.cleanup()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
