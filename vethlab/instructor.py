"""A course's set-up, for an instructor.

    python3 -m vethlab.instructor seeds ROSTER --secret S
        CSV "student,seed": one row per student id of the roster (one id per
        line, or the first column of a CSV). `make seeds ROSTER=F COURSE_SECRET=S`.
    python3 -m vethlab.instructor reference --seed S --out DIR [--flat] [--vm]
        a complete reference submission for one student seed: the C files at
        their exercises/ paths, labs 7-11 answered for that seed's topology,
        with the capture and traces they record (on vethsim; --vm also records
        vm.trace in the Debian VM). --flat lays it out as Gradescope uploads
        do. `make reference SEED=S OUT=DIR`.
"""
import argparse
import csv
import os
import shutil
import sys
import tempfile

from . import catalog, seeds
from .paths import TOP


def cmd_seeds(a):
    if not a.secret:
        sys.exit("seeds: no course secret: make seeds ROSTER=FILE COURSE_SECRET=S")
    try:
        ids = seeds.read_roster(a.roster)
    except OSError as e:
        sys.exit(f"seeds: {a.roster}: {e.strerror}")
    if not ids:
        sys.exit(f"seeds: {a.roster}: no student ids in it")
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["student", "seed"])
    for sid in ids:
        w.writerow([sid, seeds.student_seed(sid, a.secret)])
    return 0


def write_reference(seed, out, flat=False, use_vm=False, labs=None):
    """The reference submission for one student seed, written under out."""
    from vethlab.oplabs import runner, student
    labs = labs or catalog.numbers()
    sol = os.path.join(TOP, "solutions")
    if not os.path.isdir(sol):
        raise SystemExit("reference: this kit has no solutions/ (a student release)")
    tree = tempfile.mkdtemp(prefix="reference-")
    try:
        for rel in catalog.handed_in(labs):
            if catalog.owner(rel).kind != catalog.OPERATIONAL and \
                    os.path.exists(os.path.join(sol, rel)):
                os.makedirs(os.path.dirname(os.path.join(tree, rel)), exist_ok=True)
                shutil.copy(os.path.join(sol, rel), os.path.join(tree, rel))
        ops = [str(n) for n in labs if catalog.lab(n).kind == catalog.OPERATIONAL]
        backends = {"sim": runner.Sim()}
        if use_vm:
            backends["vm"] = runner.Vm()
        try:
            if ops:
                student.play(seed, tree, ops, backends)
        finally:
            for b in backends.values():
                if hasattr(b, "close"):
                    b.close()
        os.makedirs(out, exist_ok=True)
        for rel in catalog.handed_in(labs):
            src = os.path.join(tree, rel)
            if not os.path.exists(src):
                continue
            dst = os.path.join(out, catalog.owner(rel).flat_name(rel) if flat else rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy(src, dst)
    finally:
        shutil.rmtree(tree, ignore_errors=True)
    return out


def cmd_reference(a):
    if not a.seed or not a.out:
        sys.exit("reference: make reference SEED=<student seed> OUT=<folder>")
    labs = [catalog.lab(n).number for n in a.lab] if a.lab else None
    write_reference(a.seed, a.out, flat=a.flat, use_vm=a.vm, labs=labs)
    print(f"reference submission for student seed {a.seed}: {a.out}"
          f"{' (flat, as Gradescope uploads it)' if a.flat else ''}")
    return 0


def main(argv):
    ap = argparse.ArgumentParser(prog="python3 -m vethlab.instructor")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("seeds", help="student,seed CSV from a roster")
    p.add_argument("roster")
    p.add_argument("--secret", default=os.environ.get("COURSE_SECRET"))
    p = sub.add_parser("reference", help="a complete reference submission for a student seed")
    p.add_argument("--seed")
    p.add_argument("--out")
    p.add_argument("--flat", action="store_true")
    p.add_argument("--vm", action="store_true")
    p.add_argument("--lab", action="append")
    a = ap.parse_args(argv)
    return {"seeds": cmd_seeds, "reference": cmd_reference}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
