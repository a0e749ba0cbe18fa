"""What every operational lab's grader shares: results, answer files, folders."""
import os
import time

FOLDERS = {
    "7": "labs/07-namespaces",
    "8": "labs/08-arp-capture",
    "9": "labs/09-same-namespace",
    "10": "labs/10-xmit-trace",
    "11": "labs/11-lo-vs-veth",
}
MAX_FILE = 1 << 20


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
    """A regular file of the submission (no links, at most 1 MB), or None."""
    path = os.path.join(sub, FOLDERS[lab], name)
    try:
        st = os.lstat(path)
    except OSError:
        return None
    import stat
    if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE:
        return None
    with open(path, "rb") as f:
        data = f.read()
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
