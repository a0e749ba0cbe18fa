#!/usr/bin/env python3
"""Show that every grader check can fail: each must pass on solutions/ and
fail on the untouched exercises/. Lab 6 (the VM) only with SELFTEST_VM=1, as `make test` sets it.

Prints "lab N: <check>: OK" per check and a closing "N passed, N failed".
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from vethlab.grader import grade  # noqa: E402


def main():
    use_vm = os.environ.get("SELFTEST_VM") == "1"
    labs = [n for n in sorted(grade.LABS) if use_vm or n not in grade.VM_LABS]
    grade.build_base()
    top = grade.TOP
    run = grade.Run(labs, use_vm=use_vm)
    try:
        good = {(r.lab, r.name): r for r in grade.grade_one(
            "selftest-solutions", os.path.join(top, "solutions"), labs, use_vm, run)}
        bad = {(r.lab, r.name): r for r in grade.grade_one(
            "selftest-exercises", os.path.join(top, "exercises"), labs, use_vm, run)}
    finally:
        run.cleanup()
    passed = failed = 0
    for key in sorted(set(good) | set(bad)):
        g, b = good.get(key), bad.get(key)
        why = None
        if g is None:
            why = "not run on the solutions"
        elif not g.ok:
            why = "fails on the solutions:\n" + g.detail
        elif b is not None and b.ok:
            why = "passes on the untouched exercises"
        name = f"lab {key[0]}: {key[1]}"
        if why:
            failed += 1
            print(f"{name}: FAIL ({why.splitlines()[0]})")
            for l in why.splitlines()[1:20]:
                print(f"    {l}")
        else:
            passed += 1
            print(f"{name}: OK")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
