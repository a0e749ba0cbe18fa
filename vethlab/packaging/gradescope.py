#!/usr/bin/env python3
"""Write the Gradescope autograder zip (make gradescope).

    python3 -m vethlab.packaging.gradescope [OUT]        default build/gradescope/autograder.zip
    (make gradescope COURSE_SECRET=S [ID_FIELD=email|sid] [VM=1] [LABS="3 7"])

The zip's root holds setup.sh and run_autograder (grading/platforms/) and
vethlab/, the kit's tracked files that grading needs: sim/, tests/, grading/,
mk/, the Makefile, solutions/ (the reference: the zip stays with the staff)
and exercises/ (the stubs a missing file is graded as). Also writes
autograde.tar next to it for Autolab (the same vethlab/ folder).

The course's settings are baked in as vethlab/grading/course.json
(vethlab/platform.py reads it): the course secret that turns a student id
into the student seed (without COURSE_SECRET a new one is drawn, printed and
kept in build/gradescope/course-secret.txt for `make seeds`), which field of
Gradescope's users[0] is the id, whether lab 6 and the VM rows run (VM=1),
and which labs the assignment grades (LABS, default every lab held).
"""
import json
import os
import subprocess
import sys
import tarfile
import zipfile

from vethlab.paths import TOP
PARTS = ["Makefile", "vethlab", "sim", "tests", "grading", "mk", "module", "solutions", "exercises"]


def files():
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "--"] + PARTS, cwd=TOP, stdout=subprocess.PIPE,
                         text=True, check=True).stdout.split("\n")
    return [f for f in out if f and os.path.isfile(os.path.join(TOP, f))]


def add(z, arc, path):
    info = zipfile.ZipInfo(arc, date_time=(2026, 1, 1, 0, 0, 0))
    mode = os.stat(path).st_mode & 0o777
    info.external_attr = (0o100000 | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    with open(path, "rb") as f:
        z.writestr(info, f.read())


def course(outdir):
    """The course settings baked into the bundle (grading/course.json)."""
    secret = os.environ.get("COURSE_SECRET", "")
    if not secret:
        secret = os.urandom(12).hex()
        keep = os.path.join(outdir, "course-secret.txt")
        with open(keep, "w", encoding="utf-8") as f:
            f.write(secret + "\n")
        print(f"gradescope: no COURSE_SECRET given: drew one, kept in {os.path.relpath(keep)} "
              "(make seeds ROSTER=... COURSE_SECRET=$(cat it) gives each student's seed)")
    labs = [int(x) for x in os.environ.get("LABS", "").replace(",", " ").split()]
    return {"course_secret": secret, "id_field": os.environ.get("ID_FIELD") or "email",
            "vm": os.environ.get("VM") == "1", "labs": labs or None,
            "budget": int(os.environ.get("VETHLAB_BUDGET") or 240)}


def main(argv):
    out = argv[0] if argv else os.path.join(TOP, "build", "gradescope", "autograder.zip")
    outdir = os.path.dirname(os.path.abspath(out))
    os.makedirs(outdir, exist_ok=True)
    names = [f for f in files() if f != "grading/course.json"]
    conf = json.dumps(course(outdir), indent=1) + "\n"
    conf_path = os.path.join(outdir, "course.json")
    with open(conf_path, "w", encoding="utf-8") as f:
        f.write(conf)
    os.chmod(conf_path, 0o600)
    with zipfile.ZipFile(out, "w") as z:
        for f in ("setup.sh", "run_autograder"):
            add(z, f, os.path.join(TOP, "grading", "platforms", f))
        for f in names:
            add(z, "vethlab/" + f, os.path.join(TOP, f))
        add(z, "vethlab/grading/course.json", conf_path)
    tar = os.path.join(outdir, "autograde.tar")
    with tarfile.open(tar, "w") as t:
        for f in names:
            t.add(os.path.join(TOP, f), "vethlab/" + f)
        t.add(conf_path, "vethlab/grading/course.json")
    print(f"gradescope: {os.path.relpath(out)} ({len(names)} files; upload it as the autograder)")
    print(f"autolab: {os.path.relpath(tar)} with grading/platforms/autograde-Makefile")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
