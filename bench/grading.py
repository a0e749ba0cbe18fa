#!/usr/bin/env python3
"""make bench, part 4: how fast the grader grades, measured here, side by side.

    python3 bench/grading.py [--quick]

  - labs 1-5 and 7-11 on vethsim: a class of reference submissions (one per
    student seed, from vethlab.instructor) graded by the batch grader at
    --jobs 2, in submissions per minute;
  - lab 6: the same submissions' module in the Debian 6.1 VM (the saved
    guest warm), seconds per submission (target 20 s);
  - each operational lab's [vm] rows for one submission (target 10 s each).
--quick skips the VM. Each line starts "grading:"; mk/bench.sh repeats them
among the ratios.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, TOP)
from vethlab import catalog, seeds  # noqa: E402

SECRET = "bench"
CLASS = 6


def run(args, **kw):
    t0 = time.time()
    p = subprocess.run([sys.executable] + args, cwd=TOP, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, **kw)
    return p, time.time() - t0


def main(argv):
    quick = "--quick" in argv
    tmp = tempfile.mkdtemp(prefix="vethlab-bench-")
    os.chmod(tmp, 0o755)
    try:
        subs = os.path.join(tmp, "subs")
        for k in range(CLASS):
            sid = f"student{k:02d}"
            p, _ = run(["-m", "vethlab.instructor", "reference", "--out",
                        os.path.join(subs, sid), "--seed", seeds.student_seed(sid, SECRET)])
            if p.returncode:
                sys.exit("bench: cannot write reference submissions:\n" + p.stdout[-800:])
        subprocess.run(["chmod", "-R", "a+rX", tmp])
        ops = [str(n) for n in catalog.numbers(catalog.OPERATIONAL)]
        labs = sum((["--lab", str(n)] for n in catalog.numbers(catalog.UNIT)), []) + \
            sum((["--lab", n] for n in ops), [])
        p, secs = run(["-m", "vethlab.grader", "--submissions", subs, "--course-secret",
                       SECRET, "--jobs", "2", "--results-dir", os.path.join(tmp, "r1")] + labs)
        import re
        full = sum(1 for e, t in re.findall(r"^\[\d+/\d+\] \S+: (\d+)/(\d+)", p.stdout, re.M)
                   if e == t)
        print(f"grading: labs 1-5 and 7-11 on vethsim: {CLASS} submissions in {secs:.1f} s at "
              f"--jobs 2: {CLASS / secs * 60:.1f} per minute ({secs / CLASS:.1f} s each)",
              flush=True)
        if p.returncode or full != CLASS:
            print(f"    only {full} of {CLASS} reference submissions got full marks:")
            print("    " + "\n    ".join(p.stdout.strip().splitlines()[-5:]))
        if quick:
            return 0
        two = os.path.join(tmp, "two")
        os.makedirs(two)
        for sid in sorted(os.listdir(subs))[:2]:
            shutil.copytree(os.path.join(subs, sid), os.path.join(two, sid))
        # warm: the reference module's test list and the saved guest exist after this
        run(["-m", "vethlab.grader", "--tree", os.path.join(two, sorted(os.listdir(two))[0]),
             "--lab", "6", "--json", os.path.join(tmp, "warm.json")])
        p, secs = run(["-m", "vethlab.grader", "--submissions", two, "--lab", "6", "--jobs", "2",
                       "--results-dir", os.path.join(tmp, "r6")])
        print(f"grading: lab 6 in the VM: 2 submissions in {secs:.1f} s at --jobs 2: "
              f"{secs / 2:.1f} s per submission, {2 / secs * 60:.1f} per minute (target 20 s)",
              flush=True)
        # the [vm] rows: a reference that also recorded its vm.trace in the VM
        sid = sorted(os.listdir(two))[0]
        seed = seeds.student_seed(sid, SECRET)
        one = os.path.join(tmp, "vm-ref", sid)
        run(["-m", "vethlab.instructor", "reference", "--seed", seed, "--out", one, "--vm"])
        subprocess.run(["chmod", "-R", "a+rX", tmp])
        for lab in ops:
            p, secs = run(["-m", "vethlab.oplabs", "--lab", lab, "--tree", one, "--seed", seed,
                           "--only-vm"])
            score = [l for l in p.stdout.splitlines() if l.startswith(f"Lab {lab}:")]
            print(f"grading: lab {lab} [vm] rows: {secs:.1f} s for one submission "
                  f"({score[0] if score else 'no score'}; target 10 s)", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
