#!/usr/bin/env python3
"""Write the student release: the kit without its answer key (make release).

    python3 -m vethlab.packaging.release [DIR]         default build/release/vethlab
    python3 -m vethlab.packaging.release --check [DIR]  write it, then prove it: no solution
                                         text in it, it builds, and make grade
                                         runs every lab's public checks

The release is the kit's files minus solutions/ and the instructor tools
(self-tests, attack and platform tests, the Gradescope packager, the lab
checker, the skeleton generator, CI). TREE defaults to exercises in it, and
grading/reference.json, written here from the reference build, holds what
the grader needs to know without the reference: each lab's test names and
the names each student file defines. No code. Seeded and private checks
stay with the instructor bundle (make gradescope). The folder is a git
repository with one commit, ready to push for students to clone.
"""
import os
import re
import shutil
import subprocess
import sys

from vethlab import markers
from vethlab.grader import grade
from vethlab.paths import TOP

DROP = re.compile(r"^(solutions/|\.ci/|tests/grading/|"
                  r"grading/platforms/|grading/results/|grading/course\.json$|"
                  r"vethlab/(instructor|platform)\.py$|vethlab/packaging/|"
                  r"mk/(gradescope|release|labcheck|skels|runtests|mutants|mutants_vm)\.py$)")
# (file, old, new): the release builds the exercises by default
PATCHES = [
    ("mk/build.mk", "TREE\t?= solutions", "TREE\t?= exercises"),
    ("module/Makefile", "TREE\t?= solutions", "TREE\t?= exercises"),
    ("Makefile", "TREE=solutions", "TREE=exercises"),
    ("Makefile", "@python3 mk/runtests.py", "@$(MAKE) -s unit TREE=exercises"),
    ("Makefile", "@python3 mk/skels.py", "@echo 'make skels: the student release has no solutions/'"),
    ("tests/golden_test.sh", "build/solutions/vethsim", "build/exercises/vethsim"),
]
NOTE = """
## This copy: the student release

This tree was written by `make release`: it has no `solutions/`. Work in `exercises/`,
then `make grade` (or `make grade LAB=N`) runs every lab's public checks: its unit tests
and the scenarios compared with the real kernel's transcripts. Your instructor grades
with more checks (the same scenarios with other names, addresses and sizes).
"""


def files():
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                         cwd=TOP, stdout=subprocess.PIPE, text=True, check=True).stdout
    return [f for f in out.splitlines()
            if f and os.path.isfile(os.path.join(TOP, f)) and not DROP.match(f)]


def write(dst):
    shutil.rmtree(dst, ignore_errors=True)
    for f in files():
        os.makedirs(os.path.dirname(os.path.join(dst, f)) or dst, exist_ok=True)
        shutil.copy2(os.path.join(TOP, f), os.path.join(dst, f))
    for f, old, new in PATCHES:
        path = os.path.join(dst, f)
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        if old not in text:
            raise SystemExit(f"release: {f} no longer holds {old!r}; update vethlab/packaging/release.py")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text.replace(old, new))
    with open(os.path.join(dst, "README.md"), "a", encoding="utf-8") as fh:
        fh.write(NOTE)
    # labs 7-11 run on the reference vethsim, so that a student can do lab 7
    # before lab 1: ship it built, stripped (a binary of the simulator,
    # whose student parts mirror Linux 6.1's public source)
    ref = os.path.join(TOP, "build", "solutions", "vethsim")
    subprocess.run(["make", "-s", "build/solutions/vethsim", "TREE=solutions"], cwd=TOP,
                   check=True, stdout=subprocess.DEVNULL)
    os.makedirs(os.path.join(dst, "grading", "bin"), exist_ok=True)
    out = os.path.join(dst, "grading", "bin", "vethsim-reference")
    subprocess.run(["strip", "-o", out, ref], check=True)
    grade.build_base()
    # (lab 6's test names are the suite's own PARTS list, which the release has)
    grade.write_reference(os.path.join(dst, "grading", "reference.json"))
    if shutil.which("git"):
        env = dict(os.environ, GIT_AUTHOR_NAME="vethlab", GIT_AUTHOR_EMAIL="vethlab@localhost",
                   GIT_COMMITTER_NAME="vethlab", GIT_COMMITTER_EMAIL="vethlab@localhost")
        for cmd in (["git", "init", "-q"], ["git", "add", "-A"],
                    ["git", "commit", "-q", "-m", "vethlab student release"]):
            subprocess.run(cmd, cwd=dst, env=env, check=True, stdout=subprocess.DEVNULL)
    print(f"release: {os.path.relpath(dst)} written")


def solution_lines():
    """Lines of solution regions that no file outside solutions/ holds (a stub,
    sim/'s own code or CONTRIBUTING.md's example may share a line)."""
    public = set()
    for f in files():
        with open(os.path.join(TOP, f), encoding="utf-8", errors="replace") as fh:
            public |= set(l.strip() for l in fh)
    lines = set()
    for root, _, fs in os.walk(os.path.join(TOP, "solutions")):
        for f in fs:
            with open(os.path.join(root, f), encoding="utf-8") as fh:
                text = fh.read()
            for _, _, body in markers.regions(text, f):
                for line in body:
                    s = line.strip()
                    if len(s) >= 16 and s not in public and not s.startswith(("/*", "*", "//")):
                        lines.add(s)
    return lines


def check(dst):
    passed = failed = 0

    def verdict(name, ok, msg, out=""):
        nonlocal passed, failed
        passed += ok
        failed += not ok
        print(f"release {name}: {'OK' if ok else 'FAIL'} ({msg})", flush=True)
        if not ok and out:
            for line in out.strip().splitlines()[-20:]:
                print(f"    {line}")

    key = solution_lines()
    hits, nfiles = [], 0
    for root, dirs, fs in os.walk(dst):
        dirs[:] = [d for d in dirs if d not in (".git", "build")]
        for f in fs:
            nfiles += 1
            path = os.path.join(root, f)
            rel = os.path.relpath(path, dst)
            if rel.startswith("solutions/"):
                hits.append(rel)
            with open(path, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
            if re.search(r"^\s*/\* >>> SOLUTION lab\d+ \*/\s*$", text, re.M):
                if rel != "CONTRIBUTING.md":      # it documents the markers
                    hits.append(f"{rel}: a solution marker")
            body = set(l.strip() for l in text.splitlines())
            for s in key & body:
                hits.append(f"{rel}: {s[:60]}")
    catch = []
    for rel in ("sim/net/core/dev.c", "sim/drivers/net/veth.c", "module/vethlab.c"):
        with open(os.path.join(TOP, "solutions", rel), encoding="utf-8") as fh:
            catch.append(len(key & set(l.strip() for l in fh)))
    verdict("would see a leak", all(catch),
            f"each solution file has lines only it holds: {catch}")
    verdict("has no answer key", not hits and len(key) > 20,
            f"{nfiles} files, none holds any of the {len(key)} solution lines"
            + (": " + "; ".join(hits[:5]) if hits else ""))
    env = dict(os.environ, MAKEFLAGS="")
    p = subprocess.run(["make", "-s", f"-j{os.cpu_count() or 2}", "build"], cwd=dst, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    verdict("builds", p.returncode == 0, "make build (TREE=exercises by default)", p.stdout)
    # the commands its README, handouts and make help name
    p = subprocess.run(["make", "help"], cwd=dst, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    named = set(re.findall(r"make ([a-z][a-z-]+)", p.stdout))
    db = subprocess.run(["make", "-pRrq", ":"], cwd=dst, env=env, stdout=subprocess.PIPE,
                        stderr=subprocess.DEVNULL, text=True).stdout
    defined = set(re.findall(r"^([a-z][a-z-]*):", db, re.M))
    absent = ({"seeds", "reference", "gradescope", "release", "skels"} & named) | \
        (named - defined)
    verdict("make help names only what it has", p.returncode == 0 and not absent
            and "exercises|exercises" not in p.stdout and "ASan" not in p.stdout,
            f"names make {', '.join(sorted(named))}" + (f"; but not {absent}" if absent else ""),
            p.stdout)
    # every make target its docs name exists there (make -n resolves it)
    named, missing = set(), []
    for root, dirs, fs in os.walk(dst):
        dirs[:] = [d for d in dirs if d not in (".git", "build")]
        for f in fs:
            if f.endswith(".md"):
                with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
                    named |= set(re.findall(r"`make ([a-z][a-z-]*)", fh.read()))
    missing = [f"make {t}" for t in sorted(named - defined)]
    verdict("every make target its docs name exists", not missing and len(named) > 5 and
            len(defined) > len(named),
            f"{len(named)} targets named" + ("; " + "; ".join(missing[:4]) if missing else ""))
    ref = os.path.join(dst, "build", "solutions", "vethsim")
    p = subprocess.run([ref, "-h"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) \
        if os.path.exists(ref) else None
    verdict("the reference vethsim is where the handouts say", p is not None and
            p.returncode == 0, "build/solutions/vethsim after make build")
    p = subprocess.run(["make", "-s", "lab-spec", "LAB=7"], cwd=dst, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seed_file = os.path.join(dst, ".vethlab-seed")
    verdict("make lab-spec writes and says the student seed", p.returncode == 0 and
            os.path.exists(seed_file) and ".vethlab-seed" in p.stdout and "dev_a=" in p.stdout,
            p.stdout.splitlines()[0] if p.stdout else "no output", p.stdout)
    # make grade: every lab the tree holds, untouched and then solved. Its VM
    # restores this checkout's saved guests (made by the grader self-test):
    # only those whose name, a hash of the copy's own qemu command line,
    # kernel and initramfs, says they fit; the copy builds its own initramfs
    # and module, and a guest that differs boots cold there
    env = dict(env, VETHVM_SNAPDIR=os.environ.get("VETHVM_SNAPDIR")
               or os.path.join(TOP, "build", "vm"))
    p = subprocess.run(["make", "-s", "grade"], cwd=dst, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=900)
    m = re.search(r"^Score: (\d+)/(\d+)$", p.stdout, re.M)
    heads = [int(n) for n in re.findall(r"^== Lab (\d+):", p.stdout, re.M)]
    verdict("grades the untouched exercises", bool(m) and m.group(1) == "0" and int(m.group(2)) > 0
            and heads == [n for n in range(1, 12) if n != 6] and "lab 6 not graded" in p.stdout,
            (m.group(0) if m else "no score") + f", labs {heads}", p.stdout)
    from vethlab import instructor
    with open(seed_file, encoding="utf-8") as f:
        seed = f.read().strip()
    instructor.write_reference(seed, os.path.join(dst, "exercises"))
    # a warning in the student's own file is shown and costs nothing
    veth = os.path.join(dst, "exercises", "sim", "drivers", "net", "veth.c")
    with open(veth, encoding="utf-8") as f:
        text = f.read()
    with open(veth, "w", encoding="utf-8") as f:
        f.write(text + "\nstatic int vethlab_unused_warning;\n")
    p = subprocess.run(["make", "-s", "grade"], cwd=dst, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=900)
    m = re.search(r"^Score: (\d+)/(\d+)$", p.stdout, re.M)
    heads = [int(n) for n in re.findall(r"^== Lab (\d+):", p.stdout, re.M)]
    lab6 = re.search(r"^Lab 6: (\d+)/(\d+)$", p.stdout, re.M)
    verdict("grades a solved copy, lab 6 in the VM included, a warning shown", bool(m)
            and m.group(1) == m.group(2) and heads == list(range(1, 12)) and bool(lab6)
            and int(lab6.group(2)) > 0 and "warning" in p.stdout,
            (m.group(0) if m else "no score") + (f", {lab6.group(0)}" if lab6 else ", no lab 6"),
            p.stdout)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def main(argv):
    do_check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    dst = os.path.abspath(args[0] if args else os.path.join(TOP, "build", "release", "vethlab"))
    write(dst)
    if do_check:
        rc = check(dst)
        shutil.rmtree(dst, ignore_errors=True)
        return rc
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
