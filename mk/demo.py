#!/usr/bin/env python3
"""Play a scenario script as a classroom demo.

    python3 mk/demo.py --vethsim PATH SCRIPT

Each step shows its narration ("## " lines), the command, and what vethsim
printed. Where this machine lets us make a private network namespace (root,
unshare), the same commands also run on the real kernel and each step says
whether the real output matches vethsim's after normalizing MACs and times,
or shows it. Environment: PACE=N waits N seconds between steps, PACE=key
waits for Enter; REAL=0 skips the real kernel.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tests", "realnet"))
from normalize import normalize  # noqa: E402  (the rules the tests use)
TTY = sys.stdout.isatty()


def style(text, code):
    return f"\033[{code}m{text}\033[0m" if TTY else text


def steps(script):
    """[(narration lines, command)] in script order."""
    out, notes = [], []
    with open(script, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("## "):
                notes.append(line[3:])
            elif line.strip() and not line.lstrip().startswith("#"):
                out.append((notes, line.strip()))
                notes = []
    return out


def blocks(transcript):
    """Split a transcript into per-command output, in order."""
    out, cur = [], None
    for line in transcript.splitlines():
        if line.startswith("$ "):
            cur = []
            out.append(cur)
        elif cur is not None:
            cur.append(line)
    return ["\n".join(b) for b in out]


def shown(block):
    """A block as a person reads it: no "[rc=0]", other statuses in words."""
    out = []
    for line in block.splitlines():
        m = re.fullmatch(r"\[rc=(\d+)\]", line)
        if m:
            if m.group(1) != "0":
                out.append(style(f"(exit status {m.group(1)})", "2"))
        else:
            out.append(line)
    return "\n".join(out)


def real_run(cmds):
    """Run the non-sim commands on the real kernel; None if we may not."""
    if os.environ.get("REAL", "1") == "0":
        return None, "REAL=0"
    with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as f:
        f.write("\n".join(cmds) + "\n")
        path = f.name
    try:
        p = subprocess.run([sys.executable, os.path.join(TOP, "tests/realnet/run_script.py"),
                            path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return None, "the real-kernel run timed out"
    finally:
        os.unlink(path)
    if p.returncode == 77:
        last = p.stdout.strip().splitlines()[-1:] or ["not permitted here"]
        return None, last[0]
    return blocks(p.stdout), None


def pace():
    how = os.environ.get("PACE", "0")
    if how == "key":
        if sys.stdin.isatty():
            input(style("  [Enter]", "2"))
    elif re.fullmatch(r"\d+(\.\d+)?", how) and float(how) > 0:
        time.sleep(float(how))


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--vethsim", required=True)
    ap.add_argument("script")
    args = ap.parse_args(argv)
    plan = steps(args.script)
    p = subprocess.run([args.vethsim, "-x", "-k", "-f", args.script],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       timeout=120)
    sim = blocks(p.stdout)
    if len(sim) != len(plan):
        print(p.stdout)
        sys.exit(f"demo: vethsim ran {len(sim)} of {len(plan)} commands; "
                 f"try: {args.vethsim} -x -f {args.script}")
    real_cmds = [c for _, c in plan if not c.startswith("sim ")]
    print(style("running the same commands on the real kernel ...", "2")
          if os.environ.get("REAL", "1") != "0" else "", flush=True)
    real, why = real_run(real_cmds)
    if real is None:
        print(style(f"(real kernel column off: {why})", "2"))
    ri = 0
    broken = [cmd for (_, cmd), out in zip(plan, sim)
              if re.search(r"^\[rc=(?!0\])\d+\]$", out, re.M)]
    for (notes, cmd), out in zip(plan, sim):
        print()
        for n in notes:
            print(style(n, "1;36"))
        print(style(f"vethsim# {cmd}", "1"))
        if shown(out).strip():
            print(shown(out))
        if real is not None and not cmd.startswith("sim "):
            r = real[ri] if ri < len(real) else "(missing)"
            ri += 1
            if normalize(r) == normalize(out):
                print(style("  (real kernel: the same, after normalizing MACs and times)", "32"))
            else:
                print(style("  real kernel printed:", "33"))
                print("\n".join("  | " + l for l in shown(r).splitlines()))
        pace()
    print()
    if broken:
        print(f"demo: {len(broken)} step(s) failed in vethsim: " + "; ".join(broken))
        return 1
    print(style("Try it yourself: " + args.vethsim + "   (then: sim help)", "1"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
