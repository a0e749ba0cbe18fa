"""Results, written for whoever reads them.

A result is a gradelib.Result (lab, name, points, ok, seconds, detail). This
module turns a submission's results into: the gradelib-style text a student
reads (== Lab N ==, name: OK (0.1s), Lab N: x/y, Score: X/Y), the JSON file
kept per submission, the class summary CSV (a column per lab, for a
gradebook), Gradescope's and PrairieLearn's results.json, Autolab's scores
line and TAP. Every writer replaces its file atomically.
"""
import csv
import hashlib
import io
import json
import os
import re
import sys
import time

from . import catalog


def totals(results):
    return (sum(r.points for r in results if r.ok), sum(r.points for r in results))


def by_lab(results):
    """{lab: (earned, max)} in lab order."""
    out = {}
    for r in results:
        e, t = out.get(r.lab, (0, 0))
        out[r.lab] = (e + (r.points if r.ok else 0), t + r.points)
    return dict(sorted(out.items()))


def text(results, labs, notes=(), stream=sys.stdout):
    """The student's view; returns (earned, max)."""
    for n in notes:
        print(n, file=stream)
    for n in labs:
        lab_results = [r for r in results if r.lab == n]
        if not lab_results:
            continue
        print(f"== Lab {n}: {catalog.lab(n).title} ==", file=stream)
        for r in lab_results:
            print(r.line(), file=stream)
            if not r.ok and r.detail:
                for line in r.detail.splitlines()[:30]:
                    print(f"    {line}", file=stream)
        e, t = totals(lab_results)
        print(f"Lab {n}: {e}/{t}", file=stream)
    earned, total = totals(results)
    print(f"Score: {earned}/{total}", file=stream)
    return earned, total


def safe_name(name):
    """A file name for a submission's results that no other name maps to: the
    name itself when it is plain, else its plain letters and a hash of it."""
    plain = re.sub(r"[^A-Za-z0-9._-]", "_", name)[:60].lstrip(".") or "submission"
    if plain == name:
        return plain
    return f"{plain}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"


def write_atomic(path, data):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(data)
    os.replace(tmp, path)
    return path


def save_json(path, name, results, notes=(), extra=None):
    earned, total = totals(results)
    data = {"submission": name, "score": earned, "max": total,
            "labs": {str(k): {"score": e, "max": t} for k, (e, t) in by_lab(results).items()},
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "notes": list(notes), "checks": [r.as_dict() for r in results]}
    data.update(extra or {})
    return write_atomic(path, json.dumps(data, indent=1) + "\n")


def why_missing(results, notes):
    """One line: why points are missing, for the class summary's note column."""
    causes = []
    for n in notes:
        for key in ("does not compile", "does not link", "rejected", "ignored",
                    "internal error", "not graded", "not handed in"):
            if key in n:
                causes.append(n.strip())
                break
    failed = [r for r in results if not r.ok]
    for r in failed:
        first = (r.detail or "").strip().splitlines()[:1]
        if first and ("time budget" in first[0] or "did not finish" in first[0]
                      or "timed out" in first[0]):
            causes.append(f"lab {r.lab}: {first[0]}")
            break
    idle = set()
    for n in notes:
        if n.startswith("not handed in"):
            idle |= {int(x) for x in re.findall(r"\d+", n.split("lab", 1)[-1])}
    labs = sorted({r.lab for r in failed} - idle)
    if labs and not any("does not compile" in c or "internal error" in c for c in causes):
        causes.append("failing checks in lab " + ", ".join(map(str, labs)))
    seen, out = set(), []
    for c in causes:
        if c not in seen:
            seen.add(c)
            out.append(c)
    return "; ".join(out)[:500]


SUMMARY_HEAD = ["student", "seed"]


def summary_row(student, seed, results, notes, seconds):
    """One submission's line of the class summary, also kept in its JSON file
    (so shards graded on other machines merge into the same summary)."""
    earned, total = totals(results)
    return {"student": student, "seed": seed or "",
            "labs": {str(k): e for k, (e, _) in by_lab(results).items()},
            "total": earned, "max": total, "seconds": round(seconds, 1),
            "note": why_missing(results, notes)}


def summary_csv(path, rows, labs):
    """rows: [summary_row] -> a gradebook CSV: student, seed, lab01..lab11
    (the labs graded), total, max, seconds, note; sorted by student."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(SUMMARY_HEAD + [catalog.lab(n).key for n in labs]
               + ["total", "max", "seconds", "note"])
    for row in sorted(rows, key=lambda r: r["student"]):
        w.writerow([row["student"], row["seed"]] + [row["labs"].get(str(n), 0) for n in labs]
                   + [row["total"], row["max"], f"{row['seconds']:.1f}", row["note"]])
    return write_atomic(path, buf.getvalue())


def shard_of(name, n):
    """The shard (1..n) a submission belongs to: stable across machines and runs."""
    return int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % n + 1


def merge(dirs, out):
    """The one class summary from the per-submission JSON files of several
    shards' results folders (grade.py --merge)."""
    rows, labs = [], set()
    for d in dirs:
        for f in sorted(os.listdir(d)):
            if not f.endswith(".json"):
                continue
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                data = json.load(fh)
            row = data.get("summary")
            if row:
                rows.append(row)
                labs |= set(data.get("graded_labs") or [])
    if not rows:
        raise SystemExit(f"merge: no graded submissions in {', '.join(dirs)}")
    return summary_csv(out, rows, sorted(labs)), len(rows)


def gradescope(results, notes, secs):
    earned, _ = totals(results)
    tests = []
    for i, r in enumerate(results, 1):
        tests.append({"name": f"Lab {r.lab}: {r.name}", "number": f"{r.lab}.{i}",
                      "score": r.points if r.ok else 0, "max_score": r.points,
                      "status": "passed" if r.ok else "failed", "output": r.detail,
                      "tags": [catalog.lab(r.lab).key], "visibility": "visible"})
    return {"score": earned, "execution_time": round(secs), "output": "\n".join(notes),
            "output_format": "text", "visibility": "visible", "stdout_visibility": "hidden",
            "tests": tests}


def prairielearn(results, notes):
    earned, total = totals(results)
    return {"gradable": True, "score": earned / total if total else 0.0,
            "message": "\n".join(list(notes)[:20]),
            "tests": [{"name": f"Lab {r.lab}: {r.name}", "points": r.points if r.ok else 0,
                       "max_points": r.points, "output": r.detail} for r in results]}


def tap(results):
    lines = ["TAP version 13", f"1..{len(results)}"]
    for i, r in enumerate(results, 1):
        lines.append(f"{'ok' if r.ok else 'not ok'} {i} - lab{r.lab}: {r.name}")
        if not r.ok and r.detail:
            lines += ["  ---", "  message: |"] + ["    " + l for l in r.detail.splitlines()[:20]] \
                + ["  ..."]
    return "\n".join(lines) + "\n"


def autolab(results):
    scores = {catalog.lab(k).key: e for k, (e, _) in by_lab(results).items()}
    return json.dumps({"scores": scores, "scoreboard": [totals(results)[0]]})
