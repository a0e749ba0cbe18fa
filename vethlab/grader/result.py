"""Small helpers for the autograder, in the spirit of xv6's gradelib.py.

Output looks like
    == Lab 3: veth_xmit ==
    veth_xmit forwards to the peer: OK (0.1s)
    ping between namespaces: FAIL (0.4s)
        BAD  64 bytes from 10.1.1.1: icmp_seq=1 ...
    Score: 7/10
"""
import difflib
import re
import subprocess
import time

VERBOSE_RE = re.compile(
    r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<res>[PFES]):(?P<tcase>[^:]*):"
    r"(?P<test>[^:]*):(?P<iter>\d+): ?(?P<msg>.*)$", re.M)


class Result:
    """One graded check: a name, points, whether it passed, and why not."""

    def __init__(self, lab, name, points, ok, seconds, detail=""):
        self.lab, self.name, self.points = lab, name, points
        self.ok, self.seconds, self.detail = ok, seconds, detail

    def line(self):
        status = "OK" if self.ok else "FAIL"
        return f"{self.name}: {status} ({self.seconds:.1f}s)"

    def as_dict(self):
        return {"lab": self.lab, "name": self.name, "points": self.points,
                "earned": self.points if self.ok else 0, "ok": self.ok,
                "seconds": round(self.seconds, 3), "detail": self.detail}


def run(cmd, timeout, env=None, cwd=None):
    """Run a command; return (exit status, output, seconds). Never hangs."""
    t0 = time.time()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, errors="replace", timeout=timeout,
                           env=env, cwd=cwd)
        return p.returncode, p.stdout, time.time() - t0
    except FileNotFoundError:
        return 127, f"{cmd[0]}: not found", time.time() - t0
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        return 124, out + f"\n(timed out after {timeout}s)", time.time() - t0


def check_results(output):
    """Per-test results from a Check binary run with CK_VERBOSITY=verbose:
    {name: (passed, "file:line: message")}. P is a pass; F, E and S (a
    failed fixture) are failures. A loop test's runs are "name#i"."""
    out = {}
    for m in VERBOSE_RE.finditer(output):
        name = m["test"].replace("_", " ")
        if m["iter"] != "0" or f"{name}#1" in out:
            name = f"{name}#{m['iter']}"
        out[name] = (m["res"] == "P", f"{m['file']}:{m['line']}: {m['msg']}")
    return out


def lines_match(got, want, limit=12):
    """Compare transcripts line by line. Returns (ok, detail) where detail marks
    lines as GOOD (expected and present), BAD (present, not expected) and
    MISSING (expected, absent), around the first differences only."""
    got_l, want_l = got.splitlines(), want.splitlines()
    if got_l == want_l:
        return True, ""
    out, shown = [], 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=want_l, b=got_l).get_opcodes():
        if tag == "equal":
            ctx = want_l[i1:i2]
            for l in (ctx[-2:] if shown else ctx[-1:]):
                out.append(f"GOOD    {l}")
            continue
        for l in want_l[i1:i2]:
            out.append(f"MISSING {l}")
        for l in got_l[j1:j2]:
            out.append(f"BAD     {l}")
        shown += 1
        if shown >= limit:
            out.append("...")
            break
    return False, "\n".join(out)
