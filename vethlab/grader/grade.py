#!/usr/bin/env python3
"""The vethlab autograder.

    python3 -m vethlab.grader                      grade exercises/ (your work)
    python3 -m vethlab.grader --lab 3              one lab only (--lab 6 boots the VM)
    python3 -m vethlab.grader --check "xmit"       rerun only the checks whose name has "xmit"
    python3 -m vethlab.grader --tree DIR           any tree laid out like exercises/
    python3 -m vethlab.grader --submissions DIR    every DIR/<name>/ (files at their
                                                  exercises/ paths, or flat)
    options: --jobs N, --budget S, --seed N, --private DIR, --vm,
             --json F, --tap F, --gradescope F, --prairielearn F, --autolab

How a submission is graded (grading/README.md has the why):
  1. Before any student code runs, the run reads the goldens, runs the
     reference build for the expected test names and the seeded scenarios'
     transcripts, and stages a read-only kit: headers, sim/'s objects, the
     scenario scripts; no solutions/, no goldens.
  2. Intake: only the files a student edits, regular files under a size cap,
     never through a link; includes may only name plain headers.
  3. Each file is compiled alone, in the box (vethlab/box/sandbox.py), without
     -Werror (warnings are reported). A file that does not compile or whose
     object breaks the rules (vethlab/box/objcheck.py) is replaced by the untouched
     exercise: its own labs fail with the cause, the other labs still count.
  4. Tests run in the box under a time budget. Verdicts come from Check's XML
     log on a pipe that only the test runner holds (never from stdout) and
     are compared with the reference here, in a process with no student code.
"""
import argparse
import concurrent.futures as cf
import json
import os
import shutil
import tempfile
import time

from vethlab import catalog, oplabs, report as rep, seeds, submission as staging
from vethlab.box import intake
from vethlab.grader import result as gradelib
from vethlab.grader.reference import (ALL_TITLES, HERE, OP_TITLES, TITLES, VM_LABS, build_base,
                                      template_hashes, untouched)
from vethlab.grader.run import Run
from vethlab.grader.checks import Submission
from vethlab.grader.reference import GRADE_DIR, LABS, TOP  # noqa: F401 (the grader's API)
from vethlab.grader.vmlab import vm_expected_names

# what the kit's tests and the packaging use of the grader
__all__ = ["main", "build_base", "write_reference", "grade_one", "grade_full", "totals",
           "Run", "Submission", "vm_expected_names", "LABS", "VM_LABS", "GRADE_DIR", "TOP"]

def write_reference(path):
    """The instructor bundle a student release grades with: names only, no code."""
    labs = [n for n in TITLES if n not in VM_LABS]
    run = Run(labs, seed=0, level="rlimits")
    try:
        data = {"files": run.files, "templates": template_hashes(),
                "unit": {str(n): run.expected_unit[n] for n in labs},
                "unit_order": {f"{n}:{b}": o for (n, b), o in run.ref_order.items()},
                "unit_secs": {f"{k[0]}:{k[1]}": round(t, 3) for k, t in run.ref_secs.items()
                              if isinstance(k, tuple)},
                "globals": {k: sorted(v) for k, v in run.own.items()}}
    finally:
        run.cleanup()
    rep.write_atomic(path, json.dumps(data, indent=1, sort_keys=True) + "\n")
    return path


_default = {}


def grade_one(name, src, labs, use_vm, run=None):
    """Grade one folder: its results."""
    return grade_full(name, src, labs, use_vm, run)[0]


def grade_full(name, src, labs, use_vm, run=None):
    """Grade one folder: (results, notes). Never raises: an internal error is
    a result of its own."""
    if run is None:
        key = tuple(labs)
        if key not in _default:
            _default[key] = Run(labs, use_vm=use_vm)
        run = _default[key]
    sub = Submission(run, name, src)
    try:
        results = sub.grade()
    except Exception as e:  # noqa: BLE001 - one submission must not stop the run
        import traceback
        results = [gradelib.Result(min(labs), "internal error", 0, False, time.time() - sub.t0,
                                   f"the grader failed on this submission: {e!r}\n"
                                   + traceback.format_exc()[-1500:])]
        sub.notes.append("internal error: see the 'internal error' row")
    for r in results:
        r.detail = r.detail[:4000]
    return results, sub.notes


# ---- reports (vethlab/report.py writes them) ----
totals = rep.totals


def grade_oplabs(src, op_labs, seed, use_vm):
    """Labs 7-11 of one submission for its student seed: on the reference
    vethsim, and in the VM too with --vm (one guest for all its labs: each
    run puts the guest's state back first). The verdicts come from commands
    the grader runs itself after the student's allow-listed lines
    (vethlab/oplabs/README.md)."""
    results = []
    if not op_labs:
        return results
    backends = [("sim", oplabs.Sim())]
    if use_vm:
        try:
            backends.append(("vm", oplabs.Vm()))
        except Exception:  # noqa: BLE001 - oplabs.grade makes that its rows
            backends.append(("vm", None))
    try:
        for lab in op_labs:
            for kernel, backend in backends:
                for r in oplabs.grade(lab, src, seed, kernel, backend=backend):
                    results.append(gradelib.Result(lab, r["name"], r["points"], r["ok"],
                                                   r.get("seconds", 0.0), r["detail"]))
    finally:
        for _, backend in backends[1:]:
            if backend:
                backend.close()
    return results


def free_text(src, labs):
    """{lab: text} of the answers a teacher reads (the handouts' questions),
    from the staged tree; untouched templates are not answers."""
    out = {}
    for lab in labs:
        rel = catalog.lab(lab).free_text
        if not rel or untouched(src, rel):
            continue
        data, problem = intake.read_file(src, rel)
        if data and not problem:
            out[str(lab)] = data.decode("utf-8", "replace")[:20000]
    return out


def grade_all(name, src, labs, op_labs, use_vm, run, seed):
    """Every lab asked of one submission: (results, notes, free text). src is
    first staged (vethlab/submission.py): only the catalog's files, through
    the one intake; everything after reads the staged copy."""
    staged = tempfile.mkdtemp(prefix="staged-", dir=run.root)
    try:
        taken, notes = staging.stage(src, staged)
        idle = [n for n in list(labs) + list(op_labs)
                if all(untouched(staged, f) for f in catalog.lab(n).files)]
        if idle:
            notes.append("not handed in (missing, or still the untouched template): lab "
                         + ", ".join(map(str, idle)))
        results, more = grade_full(name, staged, labs, use_vm, run) if labs else ([], [])
        notes = more[:1] + notes + more[1:]
        if op_labs:
            if seed:
                notes.append(f"labs {op_labs[0]}-{op_labs[-1]}: your topology comes from "
                             f"student seed {seed} (make lab-spec LAB=N SEED={seed})")
                # labs 7-11's [vm] rows only when asked (--vm): a started
                # module turns on lab 6 alone
                results += grade_oplabs(staged, op_labs, seed, run.vm_rows)
            else:
                for n in op_labs:
                    for cname, points in catalog.op_checks(n):
                        results.append(gradelib.Result(
                            n, f"{cname} [sim]", points, False, 0.0,
                            "not graded: no student seed for this submission (the course "
                            "grades it with --course-secret)"))
                notes.append("not graded: labs 7-11 need a student seed")
        free = free_text(staged, list(labs) + list(op_labs))
        if free:
            notes.append("answers for a teacher (not scored): lab " + ", ".join(free)
                         + "; in the results file under free_text")
        return results, notes, free
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def choose_labs(args, ap, tree=None):
    """(C labs, operational labs, notes) this run grades. Default: every lab
    of the catalog; lab 6 (the VM) only with --vm, LAB=6, or when the tree's
    module differs from the untouched exercise."""
    notes = []
    if args.lab:
        for n in args.lab:
            if n not in ALL_TITLES and n != 0:     # --lab 0: none, only --extra-row rows
                ap.error(f"no lab {n}; labs are {', '.join(map(str, sorted(ALL_TITLES)))}")
        wanted = sorted(set(args.lab) - {0})
    else:
        wanted = list(ALL_TITLES)
    vm = args.vm or (args.lab is not None and any(n in VM_LABS for n in wanted))
    for n in [n for n in wanted if n in VM_LABS and not vm]:
        lab = catalog.lab(n)
        if tree and not all(untouched(tree, f) for f in lab.files):
            vm = True
            continue
        wanted.remove(n)
        why = "its module is the untouched exercise here, and " if tree else ""
        notes.append(f"lab {n} not graded: {why}it boots the VM (make grade LAB={n}, or --vm)")
    c_labs = [n for n in wanted if n not in OP_TITLES]
    op_labs = [n for n in wanted if n in OP_TITLES]
    return c_labs, op_labs, vm, notes


def clean_results(res_dir):
    """A class run starts from a clean results folder: the files an earlier
    run wrote there (per-submission JSON, the summary) are removed."""
    os.makedirs(res_dir, exist_ok=True)
    for f in os.listdir(res_dir):
        if f.endswith(".json") or f == "summary.csv":
            os.remove(os.path.join(res_dir, f))


def main(argv):
    ap = argparse.ArgumentParser(prog="python3 -m vethlab.grader", description="Grade vethlab exercises.")
    ap.add_argument("--lab", type=int, action="append", help="grade only this lab")
    ap.add_argument("--check", action="append", help="only the checks whose name contains this")
    ap.add_argument("--tree", default="exercises", help="the tree to grade")
    ap.add_argument("--submissions", help="a folder of submissions, one folder each")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--budget", type=float, default=float(os.environ.get("VETHLAB_BUDGET", 15)),
                    help="seconds per submission for labs 1-5 (default 15; each check also has "
                         "a limit of its own, from the reference's time)")
    ap.add_argument("--run-seed", "--seed", dest="run_seed", type=int,
                    help="this run's seed for the seeded scenario checks (default: random)")
    ap.add_argument("--private", help="an instructor's folder of private checks (labN-*.sh)")
    ap.add_argument("--goldens", help=argparse.SUPPRESS)
    ap.add_argument("--sandbox", help="bwrap, uid or rlimits (default: the best available)")
    ap.add_argument("--no-inspect", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--no-confine", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--no-probe", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--vm", action="store_true", help="also grade lab 6 and labs 7-11 in the VM")
    ap.add_argument("--json", help="where to write the results (one tree only)")
    ap.add_argument("--results-dir", help="where to write per-submission results")
    ap.add_argument("--tap", help="also write TAP here")
    ap.add_argument("--gradescope", help="also write Gradescope's results.json here")
    ap.add_argument("--prairielearn", help="also write PrairieLearn's results.json here")
    ap.add_argument("--autolab", action="store_true", help="end with Autolab's scores line")
    ap.add_argument("--student-seed", "--op-seed", dest="student_seed",
                    help="your student seed (make grade SEED=...; default: .vethlab-seed)")
    ap.add_argument("--course-secret", default=os.environ.get("VETHLAB_COURSE_SECRET") or None,
                    help="with --submissions: each folder's student seed is "
                         "HMAC(secret, folder name = student id)")
    ap.add_argument("--shard", help="K/N: grade only the submissions of shard K of N (a stable "
                    "split by name); --merge joins the shards' results")
    ap.add_argument("--merge", nargs="+", metavar="RESULTS_DIR",
                    help="write one summary.csv (in --results-dir) from shards' results folders")
    ap.add_argument("--extra-row", action="append", default=[], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.merge:
        out = os.path.join(args.results_dir or os.path.join(HERE, "results"), "summary.csv")
        path, n = rep.merge(args.merge, out)
        print(f"merged {n} submissions from {len(args.merge)} folder(s): {os.path.relpath(path)}")
        return 0
    shard = None
    if args.shard:
        try:
            k, n = (int(x) for x in args.shard.split("/"))
            assert 1 <= k <= n
        except (ValueError, AssertionError):
            ap.error(f"--shard {args.shard}: want K/N with 1 <= K <= N, e.g. 2/8")
        shard = (k, n)
    tree = None if args.submissions else os.path.abspath(args.tree)
    labs, op_labs, use_vm, lab_notes = choose_labs(args, ap, tree)
    build_base()
    t0 = time.time()
    run = Run(labs, seed=args.run_seed, private=args.private, goldens=args.goldens,
              budget=args.budget, level=args.sandbox, inspect=not args.no_inspect,
              only=args.check, use_vm=use_vm, confine=not args.no_confine,
              probe=not args.no_probe)
    run.vm_rows = args.vm
    res_dir = args.results_dir or os.path.join(HERE, "results")
    head = f"run seed {run.seed}; isolation level {run.level}"
    try:
        if not args.submissions:
            if not os.path.isdir(tree):
                ap.error(f"{args.tree}: no such folder")
            name = os.path.basename(tree.rstrip("/"))
            seed = None
            if op_labs:
                seed = seeds.resolve(args.student_seed, create=not args.gradescope
                                     and not args.prairielearn and not args.autolab)
                if seed is None and args.course_secret:
                    seed = seeds.student_seed(name, args.course_secret)
            print(head)
            results, notes, free = grade_all(name, tree, labs, op_labs, use_vm, run, seed)
            for row in args.extra_row:
                lab_s, cname, why_s = row.split("|", 2)
                results.append(gradelib.Result(int(lab_s), cname, 0, False, 0.0, why_s))
            notes = lab_notes + notes
            earned, total = rep.text(results, sorted(set(labs + op_labs) | {r.lab for r in results}),
                                     notes)
            os.makedirs(res_dir, exist_ok=True)
            path = args.json or os.path.join(res_dir, f"{rep.safe_name(name)}.json")
            saved = rep.save_json(path, name, results, notes,
                                  {"run_seed": run.seed, "student_seed": seed, "free_text": free})
            print(f"results: {os.path.relpath(saved)}")
            secs = time.time() - t0
            if args.gradescope:
                rep.write_atomic(args.gradescope,
                                 json.dumps(rep.gradescope(results, notes, secs), indent=1))
            if args.prairielearn:
                rep.write_atomic(args.prairielearn,
                                 json.dumps(rep.prairielearn(results, notes), indent=1))
            if args.tap:
                rep.write_atomic(args.tap, rep.tap(results))
            if args.autolab:
                print(rep.autolab(results), flush=True)
            return 0 if earned == total and total > 0 else 1
        root = args.submissions
        if not os.path.isdir(root):
            ap.error(f"{root}: no such folder")
        subs = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d))
                      or os.path.islink(os.path.join(root, d)))
        if not subs:
            ap.error(f"{root}: no submission folders inside")
        if shard:
            subs = [d for d in subs if rep.shard_of(d, shard[1]) == shard[0]]
            head += f"; shard {shard[0]}/{shard[1]}"
        clean_results(res_dir)
        if op_labs and not args.course_secret:
            lab_notes.append("labs 7-11: no --course-secret (COURSE_SECRET=), so no student "
                             "seeds: their checks fail with that note")
        print(f"grading {len(subs)} submissions with {args.jobs} jobs; {head}", flush=True)
        for n in lab_notes:
            print(n)
        rows = []
        with cf.ThreadPoolExecutor(args.jobs) as pool:
            futs = {pool.submit(_grade_row, s, os.path.join(root, s), labs, use_vm, run,
                                res_dir, op_labs, seeds.student_seed(s, args.course_secret)
                                if args.course_secret else None): s for s in subs}
            for i, fut in enumerate(cf.as_completed(futs), 1):
                s = futs[fut]
                row = fut.result()
                rows.append(row)
                e, t = rep.totals(row["results"])
                note = rep.why_missing(row["results"], row["notes"])
                print(f"[{i}/{len(subs)}] {s}: {e}/{t} ({row['seconds']:.1f}s)"
                      f"{'  ' + note if note else ''}", flush=True)
        path = rep.summary_csv(os.path.join(res_dir, "summary.csv"),
                               [r["summary"] for r in rows], labs + op_labs)
        print(f"graded {len(subs)} in {time.time() - t0:.1f}s; summary: {os.path.relpath(path)}")
        return 0
    finally:
        run.cleanup()


def _grade_row(s, path, labs, use_vm, run, res_dir, op_labs=(), seed=None):
    t0 = time.time()
    try:
        results, notes, free = grade_all(s, path, labs, list(op_labs), use_vm, run, seed)
    except Exception as e:  # noqa: BLE001
        results, notes, free = [gradelib.Result(min(list(labs) + list(op_labs)), "internal error",
                                                0, False, 0.0, repr(e))], [f"internal error: {e!r}"], {}
    secs = time.time() - t0
    summary = rep.summary_row(s, seed, results, notes, secs)
    rep.save_json(os.path.join(res_dir, f"{rep.safe_name(s)}.json"), s, results, notes,
                  {"run_seed": run.seed, "student_seed": seed, "seconds": round(secs, 2),
                   "free_text": free, "summary": summary,
                   "graded_labs": list(labs) + list(op_labs)})
    return {"student": s, "seed": seed, "results": results, "notes": notes, "seconds": secs,
            "summary": summary}
