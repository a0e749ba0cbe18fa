#!/usr/bin/env python3
"""The build rebuilds what changed and links nothing stale.

    python3 mk/buildcheck.py [--build-mk FILE]

Runs in a scratch copy of the tree (the real one is not touched) and checks:
  - after a build, make has nothing to do;
  - a header edit rebuilds every object that read it: tests/unit/unit.o for
    tests/unit/unit.h, kernel and test objects for sim/include/linux/ktime.h
    (auto-dependencies, -MMD);
  - a source that is deleted leaves the archive: its symbol is gone from
    libsimkernel.a / libsimtools.a and from nothing links it any more.
--build-mk FILE uses another mk/build.mk (e.g. an old one, to see it fail).
Prints one line per check and "N passed, N failed".
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COPY = ["Makefile", "mk", "sim", "solutions", "tests/unit"]
TARGETS = ["build/solutions/vethsim", "build/solutions/tests/check_skbuff"]
# What is checked is make's dependency graph, the same at any -O: the scratch
# builds compile without optimizer or debug info, a third of the CPU time
# (`make build` compiles the tree at the usual -O2 -g).
OPT = "-O0"


def make(d, *args, dry=False):
    cmd = ["make", "-s" if not dry else "-n", "-j2", "TREE=solutions", f"OPT={OPT}"] + list(args)
    return subprocess.run(cmd, cwd=d, capture_output=True, text=True)


def bump(path):
    """A later mtime than anything built so far, as an edit gives (not a
    future one: what is rebuilt next must come out newer than it)."""
    time.sleep(0.05)
    t = time.time()
    os.utime(path, (t, t))


def compiles(out, src):
    """Does make -n's output compile @src?"""
    return any(" -c " in l and src in l.split() for l in out.splitlines())


def archive_has(d, lib, sym):
    out = subprocess.run(["nm", "-g", "--defined-only", os.path.join(d, lib)],
                         capture_output=True, text=True).stdout
    return any(l.split()[-1] == sym for l in out.splitlines() if l.strip())


def broken_build_mk(path):
    """mk/build.mk without unit.o's .d file and the archives' manifests."""
    text = open(os.path.join(TOP, "mk/build.mk")).read()
    for old, new in (("$(UNIT_OBJ:.o=.d)", ""),
                     ("$(KERNEL_OBJS) $(BUILD)/libsimkernel.list", "$(KERNEL_OBJS)"),
                     ("$(TOOLS_OBJS) $(BUILD)/libsimtools.list", "$(TOOLS_OBJS)")):
        if old not in text:
            raise SystemExit(f"selftest: mk/build.mk has no '{old}' to break")
        text = text.replace(old, new)
    with open(path, "w") as f:
        f.write(text)


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-mk")
    ap.add_argument("--selftest", action="store_true",
                    help="run with a build.mk missing the fixes: checks must fail")
    a = ap.parse_args(argv)
    if a.selftest:
        with tempfile.TemporaryDirectory() as d:
            mk = os.path.join(d, "build.mk")
            broken_build_mk(mk)
            out = subprocess.run([sys.executable, os.path.abspath(__file__), "--build-mk", mk],
                                 capture_output=True, text=True).stdout
        want = ["editing tests/unit/unit.h rebuilds unit.o",
                "editing linux/ktime.h rebuilds unit.o",
                "deleting sim/net/core/zz_buildcheck.c takes it out of libsimkernel.a",
                "deleting sim/tools/ip/zz_buildcheck.c takes it out of libsimtools.a"]
        missed = 0
        for w in want:
            ok = f"FAIL {w}" in out
            print(f"selftest: {'caught' if ok else 'MISSED'}: {w}")
            missed += not ok
        print(f"selftest: {len(want) - missed} passed, {missed} failed")
        return 1 if missed else 0
    results = []

    def check(name, ok, detail=""):
        results.append(ok)
        print(f"{'ok  ' if ok else 'FAIL'} {name}{(': ' + detail) if detail and not ok else ''}")

    with tempfile.TemporaryDirectory(prefix="vethlab-buildcheck-") as d:
        for p in COPY:
            src = os.path.join(TOP, p)
            dst = os.path.join(d, p)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            if os.path.isdir(src):
                shutil.copytree(src, dst)
            else:
                shutil.copy2(src, dst)
        if a.build_mk:
            shutil.copy(a.build_mk, os.path.join(d, "mk/build.mk"))
        r = make(d, *TARGETS)
        check("the tree builds", r.returncode == 0, r.stderr[-2000:])
        if r.returncode:
            print(f"{sum(results)} passed, {len(results) - sum(results)} failed")
            return 1
        r = make(d, *TARGETS, dry=True)
        check("then make has nothing to do", not any(" -c " in l for l in r.stdout.splitlines()),
              r.stdout[:500])

        bump(os.path.join(d, "tests/unit/unit.h"))
        r = make(d, *TARGETS, dry=True)
        check("editing tests/unit/unit.h rebuilds unit.o", compiles(r.stdout, "tests/unit/unit.c"))
        make(d, *TARGETS)

        bump(os.path.join(d, "sim/include/linux/ktime.h"))
        r = make(d, *TARGETS, dry=True)
        check("editing linux/ktime.h rebuilds unit.o", compiles(r.stdout, "tests/unit/unit.c"))
        check("editing linux/ktime.h rebuilds sim/kernel/time/timer.c",
              compiles(r.stdout, "sim/kernel/time/timer.c"))
        check("editing linux/ktime.h leaves sim/lib/checksum.c alone",
              not compiles(r.stdout, "sim/lib/checksum.c"))
        make(d, *TARGETS)

        for lib, src, sym in (
                ("build/solutions/libsimkernel.a", "sim/net/core/zz_buildcheck.c",
                 "zz_buildcheck_kernel"),
                ("build/solutions/libsimtools.a", "sim/tools/ip/zz_buildcheck.c",
                 "zz_buildcheck_tools")):
            path = os.path.join(d, src)
            with open(path, "w") as f:
                f.write(f"int {sym}(void);\nint {sym}(void)\n{{\n\treturn 0;\n}}\n")
            r = make(d, *TARGETS)
            check(f"a new {src} enters {os.path.basename(lib)}",
                  r.returncode == 0 and archive_has(d, lib, sym), r.stderr[-500:])
            os.remove(path)
            r = make(d, *TARGETS)
            check(f"deleting {src} takes it out of {os.path.basename(lib)}",
                  r.returncode == 0 and not archive_has(d, lib, sym), r.stderr[-500:])

    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
