#!/usr/bin/env python3
"""Grade on each course platform's layout, emulated locally as a non-root user.

    python3 grading/test_platforms.py [--keep]

Builds the Gradescope zip (mk/gradescope.py), unpacks it where
/autograder would be, builds the reference as setup.sh does (its apt-get
line is skipped: the packages are here), and runs run_autograder as the
user nobody inside a user namespace that forbids making another one (its
max_user_namespaces is 0), as in an unprivileged container: the grader
must find no namespace, fall back to the rlimits level and say so. (Not
root here: VETHLAB_SANDBOX=rlimits stands in for that.) Then the
same for PrairieLearn (/grade/student -> /grade/results/results.json, with
a TAP file on the side) and Autolab (autograde-Makefile + autograde.tar,
last line {"scores": ...}). The submission is a solved dev.c and an
untouched veth.c, uploaded flat, so some tests pass and some fail.
Prints "platform NAME: OK" lines and "N passed, N failed".
"""
import ctypes
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
# Outside the checkout: nobody must reach it, and the checkout's own path
# may not be traversable (a clone under a 0700 home or mktemp -d).
WORK = None
NOBODY = 65534


CLONE_NEWUSER = 0x10000000


def _deny_userns_then_exec(argv, cwd, env, out_path):
    """In a forked child: enter a user namespace whose uids and gids map 1:1 to
    the host's (the parent writes the maps), forbid any further user namespace
    (max_user_namespaces = 0), become nobody and exec argv. So the grader
    cannot make a namespace, as in an unprivileged container."""
    libc = ctypes.CDLL(None, use_errno=True)
    r1, w1 = os.pipe()
    r2, w2 = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(w2)
            if libc.unshare(CLONE_NEWUSER) != 0:
                os._exit(90)
            os.write(w1, b"u")
            os.read(r2, 1)                       # the parent has written the maps
            with open("/proc/sys/user/max_user_namespaces", "w") as f:
                f.write("0")
            fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            os.chdir(cwd)
            os.execvpe("setpriv", ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}",
                                   "--clear-groups", "--inh-caps=-all"] + argv, env)
        finally:
            os._exit(91)
    os.close(w1)
    os.read(r1, 1)
    for f in ("uid_map", "gid_map"):
        with open(f"/proc/{pid}/{f}", "w") as fh:
            fh.write("0 0 4294967295\n")
    os.write(w2, b"g")
    os.close(w2)
    return pid


def as_nobody(cmd, cwd, env=None, timeout=600):
    """Run cmd as nobody where no user namespace can be made (as root here), or
    as ourselves with VETHLAB_SANDBOX=rlimits when we cannot arrange that."""
    e = {"PATH": "/usr/bin:/bin", "HOME": cwd, "LC_ALL": "C"}
    e.update(env or {})
    if os.geteuid() == 0:
        out = os.path.join(WORK, f"out-{os.getpid()}-{time.time_ns()}.txt")
        pid = _deny_userns_then_exec(cmd, cwd, e, out)
        t0 = time.time()
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.time() - t0 > timeout:
                os.kill(pid, 9)
                _, status = os.waitpid(pid, 0)
                break
            time.sleep(0.1)
        with open(out, encoding="utf-8", errors="replace") as f:
            text = f.read()
        os.remove(out)
        return subprocess.CompletedProcess(cmd, os.waitstatus_to_exitcode(status), text)
    e["VETHLAB_SANDBOX"] = "rlimits"
    return subprocess.run(cmd, cwd=cwd, env=e, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, errors="replace", timeout=timeout)


def chown_tree(path):
    if os.geteuid() == 0:
        for d, _, files in os.walk(path):
            os.chown(d, NOBODY, NOBODY)
            for f in files:
                os.chown(os.path.join(d, f), NOBODY, NOBODY, follow_symlinks=False)


def submission(dst):
    os.makedirs(dst, exist_ok=True)
    shutil.copy(os.path.join(TOP, "solutions/sim/net/core/dev.c"), dst)
    shutil.copy(os.path.join(TOP, "exercises/sim/drivers/net/veth.c"), dst)


def main(argv):
    passed = failed = 0

    def verdict(name, ok, msg, out=""):
        nonlocal passed, failed
        passed += ok
        failed += not ok
        print(f"platform {name}: {'OK' if ok else 'FAIL'} ({msg})", flush=True)
        if not ok and out:
            for line in out.strip().splitlines()[-25:]:
                print(f"    {line}")

    global WORK
    import tempfile
    WORK = tempfile.mkdtemp(prefix="vethlab-platforms-")
    os.chmod(WORK, 0o755)
    z = os.path.join(WORK, "autograder.zip")
    subprocess.run([sys.executable, os.path.join(TOP, "mk/gradescope.py"), z], check=True,
                   stdout=subprocess.DEVNULL)
    ag = os.path.join(WORK, "autograder")
    src = os.path.join(ag, "source")
    with zipfile.ZipFile(z) as zf:
        for info in zf.infolist():
            zf.extract(info, src)
            os.chmod(os.path.join(src, info.filename), (info.external_attr >> 16) & 0o777)
    names = set(zipfile.ZipFile(z).namelist())
    verdict("gradescope zip", {"setup.sh", "run_autograder"} <= names,
            f"{len(names)} files, setup.sh and run_autograder at the root")
    submission(os.path.join(ag, "submission"))
    os.makedirs(os.path.join(ag, "results"))
    chown_tree(WORK)
    kit = os.path.join(src, "vethlab")
    # setup.sh's build step, as the image build would run it
    p = as_nobody(["make", "-s", f"-j{os.cpu_count() or 2}", "build", "TREE=solutions"], kit)
    if p.returncode:
        verdict("gradescope setup", False, "make build failed", p.stdout)
        print(f"{passed} passed, {failed} failed")
        return 1
    p = as_nobody([os.path.join(src, "run_autograder")], ag, {"AUTOGRADER_ROOT": ag})
    try:
        with open(os.path.join(ag, "results", "results.json"), encoding="utf-8") as f:
            res = json.load(f)
        tests = res["tests"]
        keys = all({"name", "score", "max_score", "status", "output"} <= set(t) for t in tests)
        good = [t for t in tests if t["status"] == "passed"]
        bad = [t for t in tests if t["status"] == "failed"]
        total = sum(t["score"] for t in tests)
        ok = keys and good and bad and res["score"] == total and \
            "rlimits only" in res.get("output", "") and \
            all(t["score"] == (t["max_score"] if t["status"] == "passed" else 0) for t in tests)
        verdict("gradescope results.json", bool(ok),
                f"{len(tests)} tests, {len(good)} passed, score {res['score']}/"
                f"{sum(t['max_score'] for t in tests)}; isolation said: "
                f"{res.get('output', '').splitlines()[0] if res.get('output') else '?'}", p.stdout)
        print("    " + json.dumps({"score": res["score"], "tests": tests[:2] + tests[-1:]})[:900])
    except (OSError, ValueError, KeyError) as e:
        verdict("gradescope results.json", False, f"unreadable: {e}", p.stdout)

    # PrairieLearn: /grade/student in, /grade/results/results.json out; TAP on the side
    pl = os.path.join(WORK, "grade")
    submission(os.path.join(pl, "student"))
    os.makedirs(os.path.join(pl, "results"))
    chown_tree(pl)
    p = as_nobody([os.path.join(kit, "grading", "platforms", "prairielearn-entrypoint")], kit,
                  {"GRADE_ROOT": pl, "VETHLAB_HOME": kit})
    as_nobody([sys.executable, "grading/grade.py", "--tree", os.path.join(pl, "student"),
               "--lab", "1", "--lab", "2", "--lab", "3", "--lab", "4", "--lab", "5",
               "--jobs", "1", "--tap", os.path.join(pl, "results", "results.tap")], kit)
    try:
        with open(os.path.join(pl, "results", "results.json"), encoding="utf-8") as f:
            res = json.load(f)
        ok = res["gradable"] is True and 0 < res["score"] < 1 and all(
            {"name", "points", "max_points", "output"} <= set(t) for t in res["tests"])
        verdict("prairielearn results.json", ok,
                f"score {res['score']:.3f}, {len(res['tests'])} tests", p.stdout)
        with open(os.path.join(pl, "results", "results.tap"), encoding="utf-8") as f:
            tap = f.read().splitlines()
        n = len(res["tests"])
        ok = tap[1] == f"1..{n}" and sum(l.startswith(("ok ", "not ok ")) for l in tap) == n
        verdict("tap", ok, f"plan 1..{n}, one line per test")
    except (OSError, ValueError, KeyError, IndexError) as e:
        verdict("prairielearn results.json", False, f"unreadable: {e}", p.stdout)

    # Autolab: the run folder holds Makefile, autograde.tar and the handin
    al = os.path.join(WORK, "autolab")
    submission(al)
    shutil.copy(os.path.join(HERE, "platforms", "autograde-Makefile"), os.path.join(al, "Makefile"))
    shutil.copy(os.path.join(WORK, "autograde.tar"), al)
    chown_tree(al)
    p = as_nobody(["make"], al)
    last = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ""
    try:
        scores = json.loads(last)["scores"]
        ok = set(scores) == {f"lab{n}" for n in range(1, 6)} and scores["lab1"] > 0
        verdict("autolab scores line", ok, last[:120], p.stdout)
    except (ValueError, KeyError, TypeError):
        verdict("autolab scores line", False, f"last line is not JSON: {last[:120]}", p.stdout)
    if "--keep" in argv:
        print(f"kept {WORK}")
    else:
        shutil.rmtree(WORK, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
