"""What every operational lab's grader shares: results, answer files, folders."""
import time

from vethlab import catalog
from vethlab.box import intake

# {"7": "labs/07-namespaces", ...}: where each lab's files sit in a tree
FOLDERS = {str(x.number): x.folder for x in catalog.LABS if x.kind == catalog.OPERATIONAL}


class Checks:
    """Collects the results of one lab: [{name, points, ok, detail}]."""

    def __init__(self, backend):
        self.kernel = getattr(backend, "label", backend.kernel)
        self.rows = []
        self.t0 = time.time()
        self.note = ""

    def add(self, name, points, ok, detail=""):
        now = time.time()
        if not ok and self.note:
            detail, self.note = f"{detail}\n{self.note}".strip(), ""
        self.rows.append({"name": f"{name} [{self.kernel}]", "points": points,
                          "ok": bool(ok), "detail": "" if ok else detail,
                          "seconds": round(now - self.t0, 3)})
        self.t0 = now
        return ok

    def fail_rest(self, names_points, why):
        for name, points in names_points:
            self.add(name, points, False, why)


def read_file(sub, lab, name, binary=False):
    """A file of the submission through the one intake (vethlab/box/intake.py: a
    regular file under the size cap, no link at any path component), or None."""
    data, _ = intake.read_file(sub, f"{FOLDERS[lab]}/{name}")
    if data is None:
        return None
    return data if binary else data.decode("utf-8", errors="replace")


def answers(text):
    """key=value lines (# comments, blanks ignored) -> dict; values stripped."""
    out = {}
    for line in (text or "").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        k, v = line.split("=", 1)
        out[k.strip().lower()] = v.strip()
    return out


def norm_set(v):
    return {w.strip().lower() for w in (v or "").replace(";", ",").split(",") if w.strip()}


def wrong_keys(keys):
    """One message per wrong key of an answer file, each with its own hint:
    [(key, value, ok, hint)] -> "key=value: hint; ..." for the wrong ones only
    (never the right value)."""
    return "; ".join(f"{k}={v or '(empty)'}: {hint}" for k, v, ok, hint in keys if not ok)
