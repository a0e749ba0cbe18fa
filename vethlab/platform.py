"""The course platforms' runners: one code path for Gradescope, PrairieLearn
and Autolab.

    python3 -m vethlab.platform gradescope     (run_autograder calls it)
    python3 -m vethlab.platform prairielearn   (prairielearn-entrypoint)
    python3 -m vethlab.platform autolab        (the Autolab Makefile)

Each grades every lab of the catalog that the submission holds (its files at
their exercises/ paths or flat: dev.c, veth.c, vethlab.c, lab08-answers.txt,
...). The student seed of labs 7-11 is HMAC(course secret, the platform's
student id); the secret and the id's field are baked into the bundle when it
is built (`make gradescope COURSE_SECRET=S [ID_FIELD=sid] [VM=1]`, written to
grading/course.json). A lab the platform does not grade (lab 6 and the VM
rows without VM=1) is a visible row that says so, never silently dropped.
"""
import json
import os
import subprocess
import sys

from . import catalog, seeds
from .paths import TOP

COURSE = os.path.join(TOP, "grading", "course.json")


def course():
    try:
        with open(COURSE, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def gradescope_id(root, field):
    """The student id from Gradescope's submission_metadata.json (users[0][field])."""
    try:
        with open(os.path.join(root, "submission_metadata.json"), encoding="utf-8") as f:
            users = json.load(f).get("users") or [{}]
        return str(users[0].get(field) or users[0].get("email") or "") or None
    except (OSError, ValueError, AttributeError):
        return None


def prairielearn_id(root, field):
    """The submitting user from PrairieLearn's /grade/data/data.json, if it
    carries one (field, else the usual names), else $VETHLAB_STUDENT_ID."""
    try:
        with open(os.path.join(root, "data", "data.json"), encoding="utf-8") as f:
            data = json.load(f)
        for where in (data, data.get("submission") or {}, data.get("params") or {}):
            for key in (field, "user_uid", "auth_user_uid", "uid", "email"):
                if key and isinstance(where, dict) and where.get(key):
                    return str(where[key])
    except (OSError, ValueError, AttributeError):
        pass
    return os.environ.get("VETHLAB_STUDENT_ID") or None


def plan(submission, conf):
    """(labs to grade, [(lab, check, why)] rows for labs held but not graded here)."""
    held = catalog.held_by(submission)
    wanted = conf.get("labs") or catalog.numbers()
    labs, rows = [], []
    for n in held:
        lab = catalog.lab(n)
        if n not in wanted:
            continue
        if lab.kind == catalog.MODULE and not conf.get("vm"):
            rows.append((n, "lab 6 in the Debian VM",
                         "not graded on this platform: this course's bundle was built without "
                         "the VM (make gradescope VM=1 grades it, about a minute per submission "
                         "on half a CPU); run 'make grade LAB=6' yourself"))
            continue
        labs.append(n)
    return labs, rows


def grade(kind, submission, out_args, student_id, conf):
    labs, rows = plan(submission, conf)
    ops = [n for n in labs if catalog.lab(n).kind == catalog.OPERATIONAL]
    secret = conf.get("course_secret")
    cmd = [sys.executable, "-m", "vethlab.grader", "--tree", submission,
           "--jobs", "1", "--budget", str(conf.get("budget", 240))] + list(out_args)
    if ops and secret and student_id:
        cmd += ["--student-seed", seeds.student_seed(student_id, secret)]
    elif ops:
        why = ("this course's bundle has no course secret" if not secret
               else f"{kind} gave no student id")
        labs = [n for n in labs if n not in ops]
        rows += [(n, "your topology", f"not graded: {why}, so no student seed") for n in ops]
    for n in labs:
        cmd += ["--lab", str(n)]
    if not labs:
        cmd += ["--lab", "0"]       # nothing to grade: only the rows below
    if conf.get("vm"):
        cmd.append("--vm")
    for lab, name, why in rows:
        cmd += ["--extra-row", f"{lab}|{name}|{why}"]
    if not labs and not rows:
        cmd += ["--extra-row", "1|your submission|nothing to grade: no file any lab takes "
                "(dev.c, veth.c, vethlab.c, labNN-answers.txt, ...)"]
    return subprocess.call(cmd, cwd=TOP)


def main(argv):
    if not argv or argv[0] not in ("gradescope", "prairielearn", "autolab"):
        print("usage: python3 -m vethlab.platform gradescope|prairielearn|autolab [SUBMISSION]")
        return 2
    kind, conf = argv[0], course()
    field = conf.get("id_field", "email")
    if kind == "gradescope":
        root = os.environ.get("AUTOGRADER_ROOT", "/autograder")
        sub = os.path.join(root, "submission")
        res = os.path.join(root, "results")
        return grade(kind, sub, ["--json", os.path.join(res, "vethlab.json"),
                                 "--gradescope", os.path.join(res, "results.json")],
                     gradescope_id(root, field), conf)
    if kind == "prairielearn":
        root = os.environ.get("GRADE_ROOT", "/grade")
        return grade(kind, os.path.join(root, "student"),
                     ["--prairielearn", os.path.join(root, "results", "results.json")],
                     prairielearn_id(root, field), conf)
    sub = os.path.abspath(argv[1] if len(argv) > 1 else "handin-files")
    return grade(kind, sub, ["--autolab"], os.environ.get("VETHLAB_STUDENT_ID")
                 or os.environ.get("USER_EMAIL"), conf)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
