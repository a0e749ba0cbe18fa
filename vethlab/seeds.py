"""Seeds: the two kinds, and where a student's comes from.

- A **student seed** draws one student's topology for the operational labs
  (names, addresses, MTU, who pings): a string, any string. A course hands
  each student HMAC(course secret, student id) (student_seed); self-study
  students may use anything. `make lab-spec`, `make grade`, `make
  oplabs-grade` and `make walkthrough` all read it from one place (resolve):
  SEED=... if given, else the file .vethlab-seed at the top of the kit, which
  the first command that needs a seed writes, saying so.
- A **run seed** draws one grading run's parameters for the seeded scenario
  checks of labs 2 and 5 (grade.py --run-seed); it is random per run and
  printed, so a run can be repeated.
"""
import hashlib
import hmac
import os
import sys

from .paths import TOP

SEED_FILE = ".vethlab-seed"


def student_seed(student_id, secret):
    """The seed a course hands one student: HMAC-SHA256(secret, id), 16 hex digits."""
    mac = hmac.new(secret.encode(), student_id.strip().encode(), hashlib.sha256)
    return mac.hexdigest()[:16]


def resolve(explicit=None, top=TOP, create=True, say=sys.stderr):
    """The student seed: explicit (SEED=), else .vethlab-seed, else a new one
    written there (create), else None."""
    if explicit:
        return explicit.strip()
    path = os.path.join(top, SEED_FILE)
    try:
        with open(path, encoding="utf-8") as f:
            seed = f.read().strip()
        if seed:
            return seed
    except OSError:
        pass
    if not create:
        return None
    seed = os.urandom(8).hex()
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(seed + "\n")
        where = f"written to {SEED_FILE}"
    except OSError:
        where = f"{SEED_FILE} could not be written: pass SEED={seed} each time"
    if say:
        print(f"vethlab: your student seed is {seed} ({where}). Any string will do for "
              f"self-study; in a course, put the seed your course gives you in {SEED_FILE} "
              "or pass SEED=...", file=say)
    return seed


def read_roster(path):
    """Student ids from a roster: one per line, or the first column of a CSV
    (a header line whose first cell is not an id, e.g. 'student' or 'email',
    is skipped). Blank lines and # comments are ignored."""
    import csv
    ids = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    for i, row in enumerate(rows):
        if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
            continue
        cell = row[0].strip()
        if i == 0 and cell.lower() in ("student", "id", "student_id", "sid", "email", "login",
                                       "user", "username", "uid"):
            continue
        if cell not in ids:
            ids.append(cell)
    return ids
