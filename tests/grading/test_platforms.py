#!/usr/bin/env python3
"""An instructor's dry run, end to end, on every platform's layout.

    python3 tests/grading/test_platforms.py [--keep]

roster -> `vethlab.instructor seeds` -> `vethlab.instructor reference` for
each student's seed -> the same three submissions graded by
  - the Gradescope runner: the zip of `make gradescope COURSE_SECRET=S`
    unpacked where /autograder would be, built as setup.sh does (its apt-get
    line skipped), run_autograder run as the user nobody inside a user
    namespace that forbids making another one (max_user_namespaces 0), as in
    an unprivileged container: no namespace, the rlimits level, said so;
    the student id comes from submission_metadata.json;
  - the PrairieLearn entry point (/grade/student -> results.json) and the
    Autolab Makefile (autograde.tar + handin, last line {"scores": ...});
  - the local batch grader (`grade.py --submissions DIR --course-secret S`),
    whose summary.csv has a column per lab.
The students: alice hands in the reference (flat, as Gradescope uploads),
bob the untouched exercises, carol half: lab 1's dev.c solved, lab 7 and
lab 8's answers from her reference, the rest untouched. Every runner must
give each student the same score per lab: full marks for alice, 0 for bob,
exactly labs 1, 7 and 8 for carol (lab 1's unit tests pass, and labs 2-5
need lab 2) and lab 6 a visible row that says why it is not graded there.
(Not root: VETHLAB_SANDBOX=rlimits stands in for the container.)
Prints "platform NAME: OK" lines and "N passed, N failed".
"""
import ctypes
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from vethlab import catalog, report  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(TOP, "grading")
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


SECRET = "dry run secret"
ROSTER = ["alice@uni.example", "bob@uni.example", "carol@uni.example"]


def run_py(args, **kw):
    return subprocess.run([sys.executable] + args, cwd=TOP, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, **kw)


def make_submissions(seeds):
    """{student: flat folder of what they hand in}."""
    subs = {}
    for sid in ROSTER:
        d = os.path.join(WORK, "subs", sid)
        ref = os.path.join(WORK, "refs", sid)
        p = run_py(["-m", "vethlab.instructor", "reference", "--seed", seeds[sid], "--out", ref,
                    "--flat"])
        if p.returncode:
            raise SystemExit("reference failed:\n" + p.stdout)
        os.makedirs(d)
        if sid.startswith("alice"):
            for f in os.listdir(ref):
                shutil.copy(os.path.join(ref, f), d)
        else:
            for x in catalog.LABS:
                for rel in x.all_files():
                    ex = os.path.join(TOP, "exercises", rel)
                    if os.path.exists(ex):
                        shutil.copy(ex, os.path.join(d, x.flat_name(rel)))
        if sid.startswith("carol"):
            shutil.copy(os.path.join(ref, "dev.c"), d)
            for f in os.listdir(ref):
                if f.startswith(("lab07-", "lab08-")):
                    shutil.copy(os.path.join(ref, f), d)
        subs[sid] = d
    return subs


def per_lab_from_tests(tests, name_key, score_key, max_key):
    out = {}
    for t in tests:
        lab = int(t[name_key].split(":")[0].split()[1])
        e, m = out.get(lab, (0, 0))
        out[lab] = (e + t[score_key], m + t[max_key])
    return out


CAROL = {}      # carol's per-lab scores from the local batch run, checked there


def expected(sid, full):
    """{lab: (earned, max)} this student must get, from alice's maxima."""
    if sid.startswith("alice"):
        return dict(full)
    if sid.startswith("bob"):
        return {n: (0, m) for n, (_, m) in full.items()}
    return {n: (CAROL[n], m) for n, (_, m) in full.items()}


def carol_is_half_done(got, full):
    """dev.c solved (labs 1, 4 and 5's regions), veth.c untouched, labs 7 and 8
    answered: labs 1, 7, 8 full; 2, 3, 9, 10, 11 nothing; 4 and 5 what their
    tests that need no pair give."""
    return all(got[n] == full[n][0] for n in (1, 7, 8)) and \
        all(got[n] == 0 for n in (2, 3, 9, 10, 11)) and got[5] < full[5][0]


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
    # 1. roster -> seeds
    roster = os.path.join(WORK, "roster.csv")
    with open(roster, "w", encoding="utf-8") as f:
        f.write("email,name\n" + "".join(f"{s},Someone\n" for s in ROSTER))
    p = run_py(["-m", "vethlab.instructor", "seeds", roster, "--secret", SECRET])
    rows = [l.split(",") for l in p.stdout.strip().splitlines()]
    seeds = {r[0]: r[1] for r in rows[1:]}
    verdict("make seeds", p.returncode == 0 and rows[0] == ["student", "seed"]
            and list(seeds) == ROSTER and len(set(seeds.values())) == 3,
            f"{len(seeds)} rows after the header", p.stdout)
    # 2. reference submissions, and the three students
    subs = make_submissions(seeds)
    # 3. the local batch grader
    res_dir = os.path.join(WORK, "results")
    os.makedirs(res_dir)
    with open(os.path.join(res_dir, "stale.json"), "w") as f:
        f.write("{}")
    p = run_py(["-m", "vethlab.grader", "--submissions", os.path.join(WORK, "subs"),
                "--course-secret", SECRET, "--results-dir", res_dir, "--jobs", "2"])
    import csv
    with open(os.path.join(res_dir, "summary.csv"), encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    labs = [x.number for x in catalog.LABS if f"{x.key}" in table[0]]
    full = {}
    alice = next(r for r in table if r["student"].startswith("alice"))
    with open(os.path.join(res_dir, report.safe_name(alice["student"]) + ".json"), encoding="utf-8") as f:
        for k, v in json.load(f)["labs"].items():
            full[int(k)] = (v["score"], v["max"])
    batch = {}
    for r in table:
        batch[r["student"]] = {n: int(r[catalog.lab(n).key]) for n in labs}
    CAROL.update(batch[ROSTER[2]])
    verdict("the half-done submission scores labs 1, 7, 8", carol_is_half_done(CAROL, full),
            ",".join(f"{n}:{e}" for n, e in sorted(CAROL.items())))
    ok = not os.path.exists(os.path.join(res_dir, "stale.json")) and labs == [
        n for n in catalog.numbers() if n != 6] and all(
        batch[s] == {n: e for n, (e, _) in expected(s, full).items()} for s in ROSTER)
    verdict("local batch summary.csv", ok, "columns " + ",".join(table[0]) + "; "
            + "; ".join(f"{r['student']} {r['total']}/{r['max']}" for r in table), p.stdout)
    print("    " + open(os.path.join(res_dir, "summary.csv")).read().replace("\n", "\n    "))
    # 3b. the same class split in two shards (two machines), merged
    def summary_without_seconds(path):
        with open(path, encoding="utf-8") as f:
            rows = list(csv.reader(f))
        col = rows[0].index("seconds")
        return [r[:col] + r[col + 1:] for r in rows]
    few = ["--lab", "1", "--lab", "7", "--course-secret", SECRET, "--jobs", "2"]
    whole = os.path.join(WORK, "whole")
    run_py(["-m", "vethlab.grader", "--submissions", os.path.join(WORK, "subs"), "--results-dir",
            whole] + few)
    parts = []
    for k in (1, 2):
        parts.append(os.path.join(WORK, f"shard{k}"))
        run_py(["-m", "vethlab.grader", "--submissions", os.path.join(WORK, "subs"), "--shard",
                f"{k}/2", "--results-dir", parts[-1]] + few)
    merged = os.path.join(WORK, "merged")
    p = run_py(["-m", "vethlab.grader", "--merge"] + parts + ["--results-dir", merged])
    sizes = [len([f for f in os.listdir(d) if f.endswith(".json")]) for d in parts]
    try:
        ok = summary_without_seconds(os.path.join(merged, "summary.csv")) == \
            summary_without_seconds(os.path.join(whole, "summary.csv")) and sum(sizes) == 3
    except OSError:
        ok = False
    verdict("batch shards 1/2 + 2/2, merged", ok, f"shard sizes {sizes}; the merged summary is "
            "the single run's (but its seconds)", p.stdout)

    # 4. Gradescope, as nobody in an unprivileged-container emulation
    z = os.path.join(WORK, "bundle", "autograder.zip")
    p = subprocess.run([sys.executable, "-m", "vethlab.packaging.gradescope", z], cwd=TOP,
                       env=dict(os.environ, COURSE_SECRET=SECRET), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if p.returncode:
        verdict("gradescope zip", False, "vethlab/packaging/gradescope.py failed", p.stdout)
        print(f"{passed} passed, {failed} failed")
        return 1
    ag = os.path.join(WORK, "autograder")
    src = os.path.join(ag, "source")
    with zipfile.ZipFile(z) as zf:
        for info in zf.infolist():
            zf.extract(info, src)
            os.chmod(os.path.join(src, info.filename), (info.external_attr >> 16) & 0o777)
        names = set(zf.namelist())
    verdict("gradescope zip", {"setup.sh", "run_autograder", "vethlab/grading/course.json"}
            <= names, f"{len(names)} files, setup.sh, run_autograder and the course settings")
    os.makedirs(os.path.join(ag, "results"))
    chown_tree(WORK)
    kit = os.path.join(src, "vethlab")
    p = as_nobody(["make", "-s", f"-j{os.cpu_count() or 2}", "build", "TREE=solutions"], kit)
    if p.returncode:
        verdict("gradescope setup", False, "make build failed", p.stdout)
        print(f"{passed} passed, {failed} failed")
        return 1
    for sid in ROSTER:
        sub = os.path.join(ag, "submission")
        shutil.rmtree(sub, ignore_errors=True)
        shutil.copytree(subs[sid], sub)
        with open(os.path.join(ag, "submission_metadata.json"), "w", encoding="utf-8") as f:
            json.dump({"id": 1, "users": [{"email": sid, "name": "Someone", "sid": "1"}]}, f)
        chown_tree(ag)
        p = as_nobody([os.path.join(src, "run_autograder")], ag, {"AUTOGRADER_ROOT": ag})
        try:
            with open(os.path.join(ag, "results", "results.json"), encoding="utf-8") as f:
                res = json.load(f)
            tests = res["tests"]
            got = per_lab_from_tests(tests, "name", "score", "max_score")
            want = expected(sid, full)
            lab6 = [t for t in tests if t["name"].startswith("Lab 6:")]
            ok = {n: v for n, v in got.items() if n != 6} == want and \
                res["score"] == sum(t["score"] for t in tests) and \
                "rlimits only" in res.get("output", "") and \
                len(lab6) == 1 and "not graded on this platform" in lab6[0]["output"]
            verdict(f"gradescope {sid.split('@')[0]}", ok,
                    f"score {res['score']}; per lab " + ",".join(f"{n}:{e}/{m}" for n, (e, m)
                                                                 in sorted(got.items())), p.stdout)
            if sid.startswith("alice"):
                show = [t for t in tests if t["name"].startswith("Lab 6:")]
                show += [t for t in tests if t["name"].startswith("Lab 7:")][:1]
                show += [t for t in tests if t["name"].startswith("Lab 11:")][-1:]
                print("    " + json.dumps({"score": res["score"], "tests": show})[:1200])
        except (OSError, ValueError, KeyError, IndexError) as e:
            verdict(f"gradescope {sid}", False, f"unreadable: {e}", p.stdout)
    # 4b. an attacker through the same Gradescope runner: bob's untouched
    # files but a dev.c that tries to overwrite results.json, writes a probe
    # report recorded for another seed and exits 0 in the middle of a test
    import test_attacks as atk
    mal = os.path.join(WORK, "subs-mallory")
    shutil.copytree(subs[ROSTER[1]], mal)
    results_json = os.path.join(ag, "results", "results.json")
    forge = json.dumps('{"score": 999, "tests": []}')
    code = ("\t{ int fd = " + atk.unnamed("open", "int (*)(const char *, int, ...)")
            + f"({json.dumps(results_json)}, 01 | 01000);\n"
            "\t  const char *v = " + atk.unnamed("getenv", "char *(*)(const char *)")
            + '("VETHLAB_OBS");\n'
            "\t  static const char r[] = " + json.dumps(atk.replayed_report()) + ";\n"
            "\t  long (*w)(int, const void *, unsigned long) = "
            + atk.unnamed("write", "long (*)(int, const void *, unsigned long)") + ";\n"
            f"\t  if (fd >= 0) w(fd, {forge}, sizeof {forge} - 1);\n"
            "\t  if (v) w((int)strtol(v + 8, 0, 10), r, sizeof r - 1);\n"
            "\t  " + atk.unnamed("_exit", "void (*)(int)") + "(0); }")
    with open(os.path.join(mal, "dev.c"), "w", encoding="utf-8") as f:
        f.write(atk.head(atk.inject(atk.src("exercises", atk.DEV), "alloc_netdev_mqs", code),
                         ["stdlib.h"]))
    sub = os.path.join(ag, "submission")
    shutil.rmtree(sub, ignore_errors=True)
    shutil.copytree(mal, sub)
    with open(os.path.join(ag, "submission_metadata.json"), "w", encoding="utf-8") as f:
        json.dump({"id": 1, "users": [{"email": ROSTER[1], "name": "Someone", "sid": "1"}]}, f)
    chown_tree(ag)
    p = as_nobody([os.path.join(src, "run_autograder")], ag, {"AUTOGRADER_ROOT": ag})
    try:
        with open(results_json, encoding="utf-8") as f:
            res = json.load(f)
        got = per_lab_from_tests(res["tests"], "name", "score", "max_score")
        ok = res["score"] != 999 and {n: v for n, v in got.items() if n != 6} == \
            expected(ROSTER[1], full)
        verdict("gradescope attack (forged results.json, replayed probe report, exit 0)", ok,
                f"score {res['score']}, as the untouched exercises: "
                + ",".join(f"{n}:{e}" for n, (e, _) in sorted(got.items())), p.stdout)
    except (OSError, ValueError, KeyError, IndexError) as e:
        verdict("gradescope attack", False, f"unreadable: {e}", p.stdout)
    # 5. PrairieLearn and Autolab, for the half-done student
    carol = ROSTER[2]
    pl = os.path.join(WORK, "grade")
    shutil.copytree(subs[carol], os.path.join(pl, "student"))
    os.makedirs(os.path.join(pl, "results"))
    os.makedirs(os.path.join(pl, "data"))
    with open(os.path.join(pl, "data", "data.json"), "w", encoding="utf-8") as f:
        json.dump({"submission": {"user_uid": carol}}, f)
    chown_tree(pl)
    p = as_nobody([os.path.join(kit, "grading", "platforms", "prairielearn-entrypoint")], kit,
                  {"GRADE_ROOT": pl, "VETHLAB_HOME": kit})
    try:
        with open(os.path.join(pl, "results", "results.json"), encoding="utf-8") as f:
            res = json.load(f)
        got = per_lab_from_tests(res["tests"], "name", "points", "max_points")
        ok = res["gradable"] is True and {n: v for n, v in got.items() if n != 6} == \
            expected(carol, full) and 0 < res["score"] < 1
        verdict("prairielearn carol", ok, f"score {res['score']:.3f}, per lab "
                + ",".join(f"{n}:{e}/{m}" for n, (e, m) in sorted(got.items())), p.stdout)
    except (OSError, ValueError, KeyError, IndexError) as e:
        verdict("prairielearn carol", False, f"unreadable: {e}", p.stdout)
    al = os.path.join(WORK, "autolab")
    shutil.copytree(subs[carol], al)
    shutil.copy(os.path.join(HERE, "platforms", "autograde-Makefile"), os.path.join(al, "Makefile"))
    shutil.copy(os.path.join(WORK, "bundle", "autograde.tar"), al)
    # autograde.tar is the zip's vethlab/ folder, byte for byte; the build of
    # that folder from scratch is proven above (gradescope setup), so Autolab's
    # make build starts from its objects (kept newer than the tar's files) and
    # only the grading is what it runs anew
    with zipfile.ZipFile(z) as zf:
        zkit = {n[len("vethlab/"):]: zf.read(n) for n in zf.namelist() if n.startswith("vethlab/")}
    with tarfile.open(os.path.join(al, "autograde.tar")) as tf:
        tkit = {m.name[len("vethlab/"):]: tf.extractfile(m).read() for m in tf.getmembers()
                if m.isfile() and m.name.startswith("vethlab/")}
    same = zkit == tkit and len(zkit) > 100
    verdict("autolab tar is the gradescope kit", same,
            f"{len(tkit)} files, the zip's vethlab/ byte for byte" if same else
            f"differ: {sorted(set(zkit) ^ set(tkit))[:5] or 'contents'}")
    if same:
        shutil.copytree(os.path.join(kit, "build"), os.path.join(al, "vethlab", "build"),
                        symlinks=True)
    chown_tree(al)
    p = as_nobody(["make"], al, {"VETHLAB_STUDENT_ID": carol})
    last = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ""
    try:
        scores = json.loads(last)["scores"]
        want = {catalog.lab(n).key: e for n, (e, _) in expected(carol, full).items()}
        ok = {k: v for k, v in scores.items() if k != "lab06"} == want
        verdict("autolab carol", ok, last[:160], p.stdout)
    except (ValueError, KeyError, TypeError):
        verdict("autolab carol", False, f"last line is not JSON: {last[:120]}", p.stdout)
    if "--keep" in argv:
        print(f"kept {WORK}")
    else:
        shutil.rmtree(WORK, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
