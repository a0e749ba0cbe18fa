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

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vethlab import markers  # noqa: E402

MAKE = os.environ.get("MAKE", "make")
JOBS = f"-j{os.cpu_count() or 2}"
CHECK_RE = re.compile(r"Checks: (\d+), Failures: (\d+), Errors: (\d+)")


def labs(root="solutions/sim"):
    found = set()
    for path in glob.glob(f"{root}/**/*.[ch]", recursive=True):
        with open(path, encoding="utf-8") as f:
            found.update(markers.labs_in(f.read(), path))
    return sorted(found)


def lab_binaries(lab=None):
    """The unit binaries holding a test tagged labN (any lab when lab is
    None): the only ones worth linking and running for a lab (mutants.py
    asks too)."""
    tag = rf"lab{lab}" if lab is not None else r"lab\d+"
    out = []
    for src in sorted(glob.glob("tests/unit/check_*.c")):
        with open(src, encoding="utf-8") as f:
            if re.search(rf'"(?:[^"]*\s)?{tag}(?:\s[^"]*)?"', f.read()):
                out.append(os.path.basename(src)[:-2])
    return out


def build_upto(n):
    """Build vethsim and the tagged unit tests of the tree with labs 1..n
    solved; return its build dir."""
    tree, build = f"build/labtrees/upto{n}", f"build/labs/upto{n}"
    subprocess.run([sys.executable, "mk/skels.py", "--upto", str(n), "solutions", tree],
                   check=True, stdout=subprocess.DEVNULL)
    r = subprocess.run([MAKE, "-s", JOBS, f"{build}/vethsim"]
                       + [f"{build}/tests/{b}" for b in lab_binaries()]
                       + [f"TREE={tree}", f"BUILD={build}", "BASE_BUILD=build/solutions"])
    if r.returncode:
        raise RuntimeError(f"the tree with labs 1..{n} solved does not build")
    return build


def run_tagged(build, lab):
    """(tests run, tests failed) over every unit binary of one build."""
    env = dict(os.environ, CK_INCLUDE_TAGS=f"lab{lab}", CK_VERBOSITY="normal",
               CK_DEFAULT_TIMEOUT="20")
    ran = bad = 0
    for binary in [f"{build}/tests/{b}" for b in lab_binaries()]:
        out = subprocess.run([binary], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True,
                             errors="replace", timeout=600).stdout
        for n, f, e in CHECK_RE.findall(out):
            ran += int(n)
            bad += int(f) + int(e)
    return ran, bad


def tryit_commands(lab):
    """The vethsim# lines of lab N's "Try it" section, without comments:
    [(command, may_fail)]; a command whose comment says "fails" may fail."""
    found = glob.glob(os.path.join("labs", f"{lab:02d}-*", "README.md"))
    if not found:
        return []
    text = open(found[0], encoding="utf-8").read()
    m = re.search(r"^## Try it\n(.*?)(?=^## )", text, re.S | re.M)
    cmds = []
    for line in (m.group(1) if m else "").splitlines():
        if line.startswith("vethsim# "):
            cmd, _, comment = line[len("vethsim# "):].partition("#")
            cmds.append((cmd.strip(), "fails" in comment))
    return cmds


def run_tryit(build, lab):
    """None if every command of lab N's try-it works on the tree with labs
    1..N done (build/.../vethsim), else why not."""
    cmds = tryit_commands(lab)
    if not cmds:
        return "its handout has no vethsim# lines under 'Try it'"
    script = os.path.join(build, f"tryit{lab}.sh")
    with open(script, "w", encoding="utf-8") as f:
        f.write("".join(c + "\n" for c, _ in cmds))
    out = subprocess.run([os.path.join(build, "vethsim"), "-x", "-f", script],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         errors="replace", timeout=120).stdout
    rcs = [int(r) for r in re.findall(r"^\[rc=(\d+)\]$", out, re.M)]
    if len(rcs) != len(cmds):
        return f"vethsim ran {len(rcs)} of {len(cmds)} commands:\n{out[-800:]}"
    for (cmd, may_fail), rc in zip(cmds, rcs):
        if rc and not may_fail:
            block = out.split(f"$ {cmd}\n", 1)[-1].split("[rc=", 1)[0].strip()
            return f"'{cmd}' exited {rc} with labs 1..{lab} done: {block[-300:]}"
    return None


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
        # the handout's "Try it" works with labs 1..N done, no later one
        why = run_tryit(builds[lab], lab)
        if why:
            failed += 1
            print(f"lab{lab} try-it: FAIL ({why})")
        else:
            passed += 1
            print(f"lab{lab} try-it: OK ({len(tryit_commands(lab))} commands work with "
                  f"labs 1..{lab} done)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
