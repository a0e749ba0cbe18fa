#!/usr/bin/env python3
"""The vethlab autograder.

    python3 grading/grade.py                      grade exercises/ (your work)
    python3 grading/grade.py --lab 3              one lab only
    python3 grading/grade.py --tree solutions     any tree laid out like exercises/
    python3 grading/grade.py --submissions DIR    every DIR/<name>/ (files at the
                                                  paths they have in exercises/;
                                                  missing ones come from exercises/)
    options: --jobs N, --json FILE, --vm (also grade lab 6 in the Debian VM)

Prints xv6-style lines ("name: OK (0.1s)", "Score: X/Y") and writes
machine-readable results to grading/results/<name>.json and, for many
submissions, grading/results/summary.csv. The simulator's own objects are
built once and shared; a submission costs a compile of its own files, a link
and the test runs.
"""
import argparse
import concurrent.futures as cf
import csv
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gradelib  # noqa: E402
from labs import LABS, expected_tests, unit_tests  # noqa: E402

MAKE = os.environ.get("MAKE", "make")
BASE = "build/solutions"   # the solutions build doubles as the shared base


def build_base():
    """The objects of sim/ and the tests, shared by every submission."""
    r = subprocess.run([MAKE, "-s", f"-j{os.cpu_count() or 2}", "build",
                        "TREE=solutions"], cwd=TOP)
    if r.returncode:
        sys.exit("grade: the simulator itself does not build; try 'make build'")


def overlay(name, src):
    """exercises/ with the submission's files laid over it, in build/grade/<name>/tree."""
    tree = os.path.join(TOP, "build", "grade", name, "tree")
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(os.path.join(TOP, "exercises"), tree)
    if os.path.abspath(src) != os.path.join(TOP, "exercises"):
        for root, _, files in os.walk(src):
            for f in files:
                rel = os.path.relpath(os.path.join(root, f), src)
                dst = os.path.join(tree, rel)
                if os.path.exists(dst):      # only files a student edits count
                    shutil.copyfile(os.path.join(root, f), dst)
    return tree


def build_submission(name, tree, labs):
    """Build the submission's vethsim and only the test binaries its labs use."""
    build = os.path.join("build", "grade", name, "out")
    bins = sorted({b for n in labs if not LABS[n].get("vm")
                   for b in expected_tests(n)})
    targets = [f"{build}/vethsim"] + [f"{build}/tests/{b}" for b in bins]
    rc, out, _ = gradelib.run([MAKE, "-s", *targets, f"TREE={tree}", f"BUILD={build}",
                               f"BASE_BUILD={BASE}"], timeout=300, cwd=TOP)
    return (build if rc == 0 else None), out


def grade_one(name, src, labs, use_vm):
    tree = overlay(name, src)
    build, out = build_submission(name, tree, labs)
    results = []
    for n in labs:
        lab = LABS[n]
        if lab.get("vm") and not use_vm:
            continue
        for check in lab["checks"]:
            if build is None and not check.get("vm"):
                results.extend(not_compiled(n, check, out))
                continue
            results.extend(check["run"](n, check, build, tree))
    return results


def not_compiled(n, check, out):
    """Every test of a check fails, each saying why, when the tree does not build."""
    err = [l for l in out.splitlines() if "error" in l][:5] or out.splitlines()[-5:]
    detail = "does not compile:\n" + "\n".join(err)
    if check["run"] is unit_tests:
        names = [t for tests in expected_tests(n).values() for t in tests]
        return [gradelib.Result(n, t, 1, False, 0.0, detail) for t in names]
    return [gradelib.Result(n, check["name"], check["points"], False, 0.0, detail)]


def report(name, results, labs, stream=sys.stdout):
    total = earned = 0
    for n in labs:
        lab_results = [r for r in results if r.lab == n]
        if not lab_results:
            continue
        print(f"== Lab {n}: {LABS[n]['title']} ==", file=stream)
        for r in lab_results:
            print(r.line(), file=stream)
            if not r.ok and r.detail:
                for l in r.detail.splitlines()[:30]:
                    print(f"    {l}", file=stream)
            total += r.points
            earned += r.points if r.ok else 0
    print(f"Score: {earned}/{total}", file=stream)
    return earned, total


def save(name, results, earned, total, path=None):
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    path = path or os.path.join(HERE, "results", f"{name}.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"submission": name, "score": earned, "max": total,
                   "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                   "checks": [r.as_dict() for r in results]}, f, indent=1)
    return path


def main(argv):
    ap = argparse.ArgumentParser(description="Grade vethlab exercises.")
    ap.add_argument("--lab", type=int, action="append", help="grade only this lab")
    ap.add_argument("--tree", default="exercises", help="the tree to grade")
    ap.add_argument("--submissions", help="a folder of submissions, one folder each")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--json", help="where to write the results (one tree only)")
    ap.add_argument("--vm", action="store_true", help="also grade the module lab in the VM")
    args = ap.parse_args(argv)
    labs = sorted(args.lab or LABS)
    for n in labs:
        if n not in LABS:
            ap.error(f"no lab {n}; labs are {', '.join(map(str, sorted(LABS)))}")
    build_base()
    if not args.submissions:
        src = os.path.abspath(args.tree)
        if not os.path.isdir(src):
            ap.error(f"{args.tree}: no such folder")
        name = os.path.basename(src.rstrip("/"))
        results = grade_one(name, src, labs, args.vm)
        earned, total = report(name, results, labs)
        print(f"results: {os.path.relpath(save(name, results, earned, total, args.json))}")
        return 0 if earned == total else 1
    subs = sorted(d for d in os.listdir(args.submissions)
                  if os.path.isdir(os.path.join(args.submissions, d)))
    if not subs:
        ap.error(f"{args.submissions}: no submission folders inside")
    print(f"grading {len(subs)} submissions with {args.jobs} jobs", flush=True)
    rows, t0 = [], time.time()
    with cf.ThreadPoolExecutor(args.jobs) as pool:
        futs = {pool.submit(grade_one, s, os.path.join(args.submissions, s), labs, args.vm): s
                for s in subs}
        for i, fut in enumerate(cf.as_completed(futs), 1):
            s = futs[fut]
            results = fut.result()
            with open(os.devnull, "w") as null:
                earned, total = report(s, results, labs, stream=null)
            save(s, results, earned, total)
            rows.append((s, earned, total))
            print(f"[{i}/{len(subs)}] {s}: {earned}/{total}", flush=True)
    path = os.path.join(HERE, "results", "summary.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["submission", "score", "max"])
        w.writerows(sorted(rows))
    print(f"graded {len(subs)} in {time.time() - t0:.1f}s; summary: {os.path.relpath(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
