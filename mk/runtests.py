#!/usr/bin/env python3
"""Run every test of the kit, gradelib-style, and print one closing count.

    python3 mk/runtests.py [--only NAME[,NAME]] [--list]

Each step is a command; a tuple of lanes runs side by side, a lane being a
step or a list of steps run one after the other (each step's output is kept
and shown in order when all lanes have ended). A step passes with exit 0, is skipped with exit 77
(automake's convention: a test that cannot run here, e.g. no permission to
make network namespaces) and fails otherwise. When a step's output carries
its own counts (Check's "Checks: N, Failures: F, Errors: E" or a line
"N passed, N failed"), those are added to the total; otherwise the step
counts as one test. The last line is "N passed, N failed, N skipped".

With RUNTESTS_TIMES=FILE, one JSON line per step is appended to FILE: its
name, when it ended (seconds since the start), its wall seconds and the CPU
seconds (user, sys) of its process tree, to
measure where make test spends its time (the printed lines stay the same).
"""
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time

MAKE = os.environ.get("MAKE", "make")
T0 = time.time()
JOBS = f"-j{os.cpu_count() or 2}"

class Pool(tuple):
    """Chains of steps run side by side, at most `slots` steps at a time: a
    free slot takes the next step of the first chain (in the table's order)
    that has none running. A chain's steps run one after the other: steps
    that share a folder or a cache go in one chain."""

    def __new__(cls, slots, *chains):
        self = super().__new__(cls, chains)
        self.slots = slots
        return self


# the attacks of issue 14, each beside its honest twin
SECCOMP_ATTACKS = ("a-unnamed-exit0,a-verdict-forge,a-stdout-golden,a-include-abs-comment,"
                   "a-sleep-alloc,Ada_Lovelace,a-probe-replay")

STEPS = [
    ("exercises are current", "python3 mk/skels.py --check"),
    # one truth per lab: the SOLUTION markers, handouts and tables agree with it
    ("the lab catalog agrees with the kit", "python3 -m vethlab.catalog --selftest"),
    ("build", f"{MAKE} -s {JOBS} build TREE=solutions"),
    # Everything after the build runs side by side, three steps at a time,
    # as chains: a chain's steps in order, the longest chains first (by their
    # wall time in a make test), so that the run does not end on one long
    # step while a core idles. On two cores the steps fill each other's
    # waits: the VM runs on one core (TCG), the real-kernel scenarios sleep
    # on pings and timers, the grader waits on its time limits, while builds
    # and grading take the other core. Steps that share a folder or a cache
    # are one chain: the VM harness test needs the module built; the fuzz
    # smoke links against the sanitizer build of the ASan unit tests
    # (build/solutions-san, one build for both). The VM's saved guests
    # (build/vm) are shared by a lock of their own: the first step that needs
    # one boots cold, the others wait and restore it. Each sandbox level of
    # the attacks has its own build/attacks-*.
    Pool(
        3,
        [
            ("module builds", f"{MAKE} -s -C module"),
            # after the module build: make -n vm-run resolves the module's rule
            ("VM harness: accelerator probe and time limits",
             "python3 tests/vm/test_vethvm.py"),
            ("operational labs 7-11: 3 seeds on vethsim, one VM run",
             "python3 tests/oplabs_test.py"),
        ],
        # the student release has no answer key, builds and grades
        ("student release",
         "python3 -m vethlab.packaging.release --check build/release-check/vethlab"),
        [
            # lab 6 scored per in-VM test (canned guest output; the module is compiled)
            ("grader lab 6 scoring", "python3 tests/grading/test_lab6.py"),
            # issue 14: the VM's verdicts, ip's abbreviations, a trace of another
            # seed, each attack beside its honest twin (two short VM runs of lab
            # 6's seed part)
            ("grader VM attacks", "python3 tests/grading/test_vm_attacks.py"),
        ],
        [
            # one sanitizer build (clang, build/solutions-san) serves both: the
            # unit tests build it with -j, then the fuzz smoke only links its two
            # fuzz targets against it and runs each for a fixed time on one core
            ("unit tests under ASan+UBSan", f"{MAKE} -s {JOBS} unit TREE=solutions SAN=1"),
            ("fuzz smoke", f"{MAKE} -s {JOBS} fuzz-smoke"),
        ],
        # an instructor's dry run: roster -> seeds -> reference submissions ->
        # Gradescope (as nobody, no namespaces), PrairieLearn, Autolab and the
        # batch grader (also in two shards, merged) agree on every lab's score
        ("instructor dry run on every platform", "python3 tests/grading/test_platforms.py"),
        # every attack of issue 7 earns what the honest code inside it earns
        ("grader attacks", "python3 tests/grading/test_attacks.py"),
        # every grader check, lab 6's VM suite included, fails on the exercises
        # and passes on the solutions: so this step also runs the in-VM suite
        # on the reference module and needs all of it to pass
        ("grader self-test", "SELFTEST_VM=${SELFTEST_VM:-1} python3 tests/grading/selftest.py"),
        # the scenarios mostly wait on pings and timers
        ("vethsim vs the real kernel", "sh tests/realnet/diff_all.sh"),
        [
            ("build: headers and deleted sources", "python3 mk/buildcheck.py"),
            ("build: the build check fails without the fixes", "python3 mk/buildcheck.py --selftest"),
        ],
        # the attacks seccomp and the grader's own checks hold, also at the levels
        # without namespaces (uid: root elsewhere; rlimits: Gradescope, PrairieLearn)
        ("grader attacks at the uid level",
         f"python3 tests/grading/test_attacks.py --sandbox uid --only {SECCOMP_ATTACKS}"),
        ("grader attacks at the rlimits level",
         f"python3 tests/grading/test_attacks.py --sandbox rlimits --only {SECCOMP_ATTACKS}"),
        [
            ("labs: stubs fail, solutions pass", "python3 mk/labcheck.py"),
            ("labs: each curated mistake fails its lab's tests", "python3 mk/mutants.py"),
        ],
        [
            # after the build: the archives' symbols are part of the check
            ("build: kernel/tools boundary", "python3 mk/boundary.py"),
            ("build: the boundary check fails on broken trees", "python3 mk/boundary.py --selftest"),
            ("build: every 6.1: line checked against Linux 6.1", "python3 mk/lint61.py"),
            ("build: the 6.1: lint fails on broken trees", "python3 mk/lint61.py --selftest"),
            ("build: the module's and the sim's veth agree", "python3 mk/veth_drift.py"),
            ("build: the veth drift check fails on drifted copies",
             "python3 mk/veth_drift.py --selftest"),
            ("unit tests", f"{MAKE} -s unit TREE=solutions"),
            ("golden transcripts", "sh tests/golden_test.sh"),
            # every docs/figures/*.svg is what `sim draw` gives now, and shows the
            # numbers `sim netdev`, `sim softnet` and `ip link` print
            ("figures are current and match vethsim", "python3 mk/figures.py --check"),
            # ... and fits a projector: no line wider than 100 columns
            ("the classroom demo plays",
             "REAL=0 python3 -m vethlab.classroom.demo --max-width 100 "
             "--vethsim build/solutions/vethsim labs/00-demo/demo.sh"),
            # the zh-CN twins keep the English docs' code, commands, figures and links
            ("docs: zh-CN twins in sync", "python3 mk/docsync.py --selftest"),
        ],
        [
            ("walkthrough, end to end with pexpect", "python3 tests/walkthrough_test.py"),
            # the usual mistakes, made on purpose, give the words that explain them
            ("feedback a student can act on", "python3 tests/feedback_test.py"),
        ],
    ),
]

CHECK_RE = re.compile(r"Checks: (\d+), Failures: (\d+), Errors: (\d+)")
PLAIN_RE = re.compile(r"^(?:\w+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$", re.M)


def counts(out):
    """Counts a step reports about itself, or None."""
    checks = CHECK_RE.findall(out)
    if checks:
        total = sum(int(n) for n, _, _ in checks)
        bad = sum(int(f) + int(e) for _, f, e in checks)
        return total - bad, bad, 0
    plain = PLAIN_RE.findall(out)
    if plain:
        p, f, s = plain[-1]
        return int(p), int(f), int(s or 0)
    return None


def lanes_of(entry):
    """A STEPS entry as chains: [[(name, cmd), ...], ...]. A step alone is one
    chain of one step; a tuple or Pool holds chains, each a step or a list of
    steps run one after the other."""
    if isinstance(entry[0], str):
        return [[entry]]
    return [list(lane) if isinstance(lane, list) else [lane] for lane in entry]


def run_group(lanes, slots=None):
    """Run the chains side by side, at most `slots` steps at a time (default:
    one per chain), each chain's steps one after the other. Yields ("start",
    name) as a step starts and ("end", result) as it ends; a result is its
    name, command, process, output (read by the thread that runs it, so no
    step blocks on a full pipe while another is awaited), its own wall time
    and the rusage of its process tree."""
    events = queue.Queue()
    cond = threading.Condition()
    nxt = [0] * len(lanes)
    busy = [False] * len(lanes)

    def take():
        for i, steps in enumerate(lanes):
            if not busy[i] and nxt[i] < len(steps):
                busy[i] = True
                nxt[i] += 1
                return i, nxt[i] - 1
        return None

    def worker():
        while True:
            with cond:
                got = take()
                while got is None and any(busy):
                    cond.wait()
                    got = take()
                if got is None:
                    return
            i, j = got
            name, cmd = lanes[i][j]
            events.put(("start", name))
            t0 = time.time()
            proc = subprocess.Popen(cmd, shell=True, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True, errors="replace")
            out = proc.stdout.read()
            proc.stdout.close()
            _, status, ru = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            events.put(("end", (name, cmd, proc, out, time.time() - t0, ru)))
            with cond:
                busy[i] = False
                cond.notify_all()

    threads = [threading.Thread(target=worker, daemon=True)
               for _ in range(min(slots or len(lanes), len(lanes)))]
    for t in threads:
        t.start()
    for _ in range(2 * sum(len(steps) for steps in lanes)):
        yield events.get()
    for t in threads:
        t.join()


def main(argv):
    times_file = os.environ.get("RUNTESTS_TIMES")
    only = None
    if "--list" in argv:
        for entry in STEPS:
            for steps in lanes_of(entry):
                for name, cmd in steps:
                    print(f"{name}: {cmd}")
        return 0
    if "--only" in argv:
        only = argv[argv.index("--only") + 1].split(",")
    passed = failed = skipped = 0
    bad_steps = []

    def report(name, cmd, proc, out, dt):
        nonlocal passed, failed, skipped
        c = counts(out)
        if proc.returncode == 77:
            print(f"{name}: SKIP ({dt:.1f}s)")
            last = [l for l in out.strip().splitlines() if l.strip()]
            if last:
                print(f"    {last[-1]}")
            skipped += 1
            return
        ok = proc.returncode == 0
        if c:
            passed += c[0]
            failed += c[1]
            skipped += c[2]
            if not ok and c[1] == 0:
                failed += 1  # the step broke without a failing count
        else:
            passed += ok
            failed += not ok
        detail = f"{c[0]} passed, {c[1]} failed" if c else ""
        if ok:
            print(f"{name}: OK ({dt:.1f}s){'  ' + detail if detail else ''}")
        else:
            bad_steps.append(name)
            print(f"{name}: FAIL ({dt:.1f}s){'  ' + detail if detail else ''}")
            tail = out.strip().splitlines()[-40:]
            for line in tail:
                print(f"    {line}")
            print(f"    to rerun: {cmd}")
        sys.stdout.flush()

    for entry in STEPS:
        lanes = [[(n, c) for n, c in steps if not only or any(o in n for o in only)]
                 for steps in lanes_of(entry)]
        lanes = [steps for steps in lanes if steps]
        if not lanes:
            continue
        for kind, ev in run_group(lanes, getattr(entry, "slots", None)):
            if kind == "start":
                print(f"== {ev} ==", flush=True)
                continue
            name, cmd, p, out, dt, ru = ev
            report(name, cmd, p, out, dt)
            if times_file:
                with open(times_file, "a") as f:
                    f.write(json.dumps({"step": name, "end": round(time.time() - T0, 1),
                                        "wall": round(dt, 2),
                                        "user": round(ru.ru_utime, 2),
                                        "sys": round(ru.ru_stime, 2)}) + "\n")
    if bad_steps:
        print("failed steps: " + "; ".join(bad_steps))
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
