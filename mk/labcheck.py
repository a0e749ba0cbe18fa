#!/usr/bin/env python3
"""Show that every lab's unit tests fail on the skeleton and pass on the solution.

For each lab N with a solution region under solutions/sim/, the Check test
cases tagged "labN" are run against both builds (CK_INCLUDE_TAGS=labN):
  - the solutions build must run at least one such test and fail none;
  - the exercises build must fail at least one, else the tests cannot tell
    a finished lab from an untouched one.
Prints "labN: OK" or "labN: FAIL (why)" and a closing "N passed, N failed".
"""
import glob
import os
import re
import subprocess
import sys

MAKE = os.environ.get("MAKE", "make")
CHECK_RE = re.compile(r"Checks: (\d+), Failures: (\d+), Errors: (\d+)")


def labs(root="solutions/sim"):
    found = set()
    for path in glob.glob(f"{root}/**/*.[ch]", recursive=True):
        with open(path, encoding="utf-8") as f:
            found.update(int(n) for n in re.findall(r">>> SOLUTION lab(\d+)", f.read()))
    return sorted(found)


def run_tagged(tree, lab):
    """(tests run, tests failed) over every unit binary of one build."""
    env = dict(os.environ, CK_INCLUDE_TAGS=f"lab{lab}", CK_VERBOSITY="normal")
    ran = bad = 0
    for binary in sorted(glob.glob(f"build/{tree}/tests/check_*")):
        if binary.endswith(".d"):
            continue
        out = subprocess.run([binary], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True,
                             errors="replace", timeout=300).stdout
        for n, f, e in CHECK_RE.findall(out):
            ran += int(n)
            bad += int(f) + int(e)
    return ran, bad


def main():
    for tree in ("solutions", "exercises"):
        r = subprocess.run([MAKE, "-s", f"-j{os.cpu_count() or 2}", "unit-build",
                            f"TREE={tree}"])
        if r.returncode:
            print(f"labcheck: the {tree} build failed; try 'make build TREE={tree}'")
            print("0 passed, 1 failed")
            return 1
    passed = failed = 0
    for lab in labs():
        sol_ran, sol_bad = run_tagged("solutions", lab)
        ex_ran, ex_bad = run_tagged("exercises", lab)
        why = None
        if sol_ran == 0:
            why = "no unit test is tagged for it"
        elif sol_bad:
            why = f"{sol_bad} of {sol_ran} tests fail on the solution"
        elif ex_bad == 0:
            why = f"all {ex_ran} tests pass on the untouched skeleton"
        if why:
            failed += 1
            print(f"lab{lab}: FAIL ({why})")
        else:
            passed += 1
            print(f"lab{lab}: OK ({sol_ran} tests; {ex_bad} fail on the skeleton)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
