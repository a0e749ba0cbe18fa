#!/usr/bin/env python3
"""Show that every lab's unit tests tell a finished lab from an unfinished one.

For each lab N with a solution region under solutions/sim/, the Check test
cases tagged "labN" run (CK_INCLUDE_TAGS=labN) against two trees made by
`mk/skels.py --upto`: the tree of a student who finished labs 1..N, and of
one who finished labs 1..N-1. They must pass on the first (so lab N needs
nothing from later labs) and fail on the second (so they cannot pass on an
untouched stub). Prints "labN: OK" or "labN: FAIL (why)", then a closing
"N passed, N failed".
"""
import glob
import os
import re
import subprocess
import sys

MAKE = os.environ.get("MAKE", "make")
JOBS = f"-j{os.cpu_count() or 2}"
CHECK_RE = re.compile(r"Checks: (\d+), Failures: (\d+), Errors: (\d+)")


def labs(root="solutions/sim"):
    found = set()
    for path in glob.glob(f"{root}/**/*.[ch]", recursive=True):
        with open(path, encoding="utf-8") as f:
            found.update(int(n) for n in re.findall(r">>> SOLUTION lab(\d+)", f.read()))
    return sorted(found)


def build_upto(n):
    """Build the unit tests of the tree with labs 1..n solved; return its build dir."""
    tree, build = f"build/labtrees/upto{n}", f"build/labs/upto{n}"
    subprocess.run([sys.executable, "mk/skels.py", "--upto", str(n), "solutions", tree],
                   check=True, stdout=subprocess.DEVNULL)
    r = subprocess.run([MAKE, "-s", JOBS, "unit-build", f"TREE={tree}", f"BUILD={build}",
                        "BASE_BUILD=build/solutions"])
    if r.returncode:
        raise RuntimeError(f"the tree with labs 1..{n} solved does not build")
    return build


def run_tagged(build, lab):
    """(tests run, tests failed) over every unit binary of one build."""
    env = dict(os.environ, CK_INCLUDE_TAGS=f"lab{lab}", CK_VERBOSITY="normal",
               CK_DEFAULT_TIMEOUT="20")
    ran = bad = 0
    for binary in sorted(glob.glob(f"{build}/tests/check_*")):
        out = subprocess.run([binary], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True,
                             errors="replace", timeout=600).stdout
        for n, f, e in CHECK_RE.findall(out):
            ran += int(n)
            bad += int(f) + int(e)
    return ran, bad


def main():
    all_labs = labs()
    if not all_labs:
        print("labcheck: no solution regions under solutions/sim")
        print("0 passed, 1 failed")
        return 1
    builds = {}
    try:
        for n in [0] + all_labs:
            builds[n] = build_upto(n)
    except (RuntimeError, subprocess.CalledProcessError) as e:
        print(f"labcheck: {e}; try 'make skels && make build TREE=exercises'")
        print("0 passed, 1 failed")
        return 1
    passed = failed = 0
    prev = 0
    for lab in all_labs:
        done_ran, done_bad = run_tagged(builds[lab], lab)
        before_ran, before_bad = run_tagged(builds[prev], lab)
        prev = lab
        why = None
        if done_ran == 0:
            why = "no unit test is tagged for it"
        elif done_bad:
            why = f"{done_bad} of {done_ran} tests fail with labs 1..{lab} solved"
        elif before_bad == 0:
            why = f"all {before_ran} tests pass before the lab is done"
        if why:
            failed += 1
            print(f"lab{lab}: FAIL ({why})")
        else:
            passed += 1
            print(f"lab{lab}: OK ({done_ran} tests pass when done; "
                  f"{before_bad} fail on the stub)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
