#!/usr/bin/env python3
"""Write the Gradescope autograder zip (make gradescope).

    python3 mk/gradescope.py [OUT]        default build/gradescope/autograder.zip

The zip's root holds setup.sh and run_autograder (grading/platforms/) and
vethlab/, the kit's tracked files that grading needs: sim/, tests/, grading/,
mk/, the Makefile, solutions/ (the reference: the zip stays with the staff)
and exercises/ (the stubs a missing file is graded as). Also writes
autograde.tar next to it for Autolab (the same vethlab/ folder).
"""
import os
import subprocess
import sys
import tarfile
import zipfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARTS = ["Makefile", "sim", "tests", "grading", "mk", "solutions", "exercises"]


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


def main(argv):
    out = argv[0] if argv else os.path.join(TOP, "build", "gradescope", "autograder.zip")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    names = files()
    with zipfile.ZipFile(out, "w") as z:
        for f in ("setup.sh", "run_autograder"):
            add(z, f, os.path.join(TOP, "grading", "platforms", f))
        for f in names:
            add(z, "vethlab/" + f, os.path.join(TOP, f))
    tar = os.path.join(os.path.dirname(os.path.abspath(out)), "autograde.tar")
    with tarfile.open(tar, "w") as t:
        for f in names:
            t.add(os.path.join(TOP, f), "vethlab/" + f)
    print(f"gradescope: {os.path.relpath(out)} ({len(names)} files; upload it as the autograder)")
    print(f"autolab: {os.path.relpath(tar)} with grading/platforms/autograde-Makefile")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
