#!/usr/bin/env python3
"""Play a scenario script as a classroom demo.

    python3 -m vethlab.classroom.demo --vethsim PATH [--max-width N] SCRIPT

Each step shows its narration ("## " lines), the command, and what vethsim
printed. Where this machine lets us make a private network namespace (root,
unshare), the same commands also run on the real kernel and each step says
whether the real output matches vethsim's after normalizing MACs and times,
or shows it. Environment: PACE=N waits N seconds between steps, PACE=key
waits for Enter; REAL=0 skips the real kernel.

The script is a plain scenario script (vethsim and the real-kernel runner
skip its comments); these comment lines steer the demo:

    #= TITLE            a part heading, shown before the next step
    ## TEXT             narration for the next step
    #@ expect-fail WHY  the next step should fail: its failure is the lesson
    #@ show /REGEX/     show only the output lines matching REGEX (a trace
                        trimmed to the path); the hidden lines are counted
    #@ timing /REGEX/ WHY
                        if the real kernel differs only in lines matching
                        REGEX, say so with WHY in one line instead of
                        printing its output

Output lines longer than the width (100 columns) are folded at a space,
except a #@ show step's, which must fit as they are; with --max-width N the
demo fails if any line it printed (narration and commands included) is wider
than N.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

from vethlab.normalize import normalize   # the rules the tests use
from vethlab.paths import TOP
TTY = sys.stdout.isatty()
WIDTH = 100
ANSI = re.compile(r"\033\[[0-9;]*m")
widest = 0
widest_line = ""


def style(text, code):
    return f"\033[{code}m{text}\033[0m" if TTY else text


def say(text=""):
    """Print, keeping count of the widest line a viewer sees."""
    global widest, widest_line
    for line in text.split("\n"):
        plain = ANSI.sub("", line)
        if len(plain) > widest:
            widest, widest_line = len(plain), plain
    print(text)


def fold(line, prefix=""):
    """@line as lines of at most WIDTH columns, cut at spaces, with @prefix."""
    out, room = [], WIDTH - len(prefix)
    while len(line) > room:
        cut = line.rfind(" ", room // 2, room)
        if cut < 0:
            cut = room
        out.append(prefix + line[:cut])
        line = "    " + line[cut:].lstrip()
    out.append(prefix + line)
    return out


class Step:
    def __init__(self, cmd, notes, part, meta):
        self.cmd = cmd
        self.notes = notes
        self.part = part
        self.expect_fail = meta.get("expect-fail")
        self.show = meta.get("show")
        self.timing = meta.get("timing")


DIRECTIVE = re.compile(r"#@ (expect-fail|show|timing)(?:\s+(.*))?$")
SLASHED = re.compile(r"/(.*?)/(?:\s+(.*))?$")


def steps(script):
    """[Step] in script order."""
    out, notes, part, meta = [], [], None, {}
    with open(script, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            d = DIRECTIVE.match(line)
            if line.startswith("## "):
                notes.append(line[3:])
            elif line.startswith("#= "):
                part = line[3:]
            elif d:
                arg = d.group(2) or ""
                if d.group(1) == "expect-fail":
                    meta["expect-fail"] = arg
                    continue
                m = SLASHED.match(arg)
                if not m:
                    sys.exit(f"{script}:{n}: #@ {d.group(1)} needs /REGEX/")
                meta[d.group(1)] = (re.compile(m.group(1)), m.group(2) or "")
            elif line.strip() and not line.lstrip().startswith("#"):
                out.append(Step(line.strip(), notes, part, meta))
                notes, part, meta = [], None, {}
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


def split_rc(block):
    """(output lines, exit status) of one command's block."""
    lines, rc = [], 0
    for line in block.splitlines():
        m = re.fullmatch(r"\[rc=(\d+)\]", line)
        if m:
            rc = int(m.group(1))
        else:
            lines.append(line)
    return lines, rc


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


def show_output(step, lines, rc):
    """Print a step's vethsim output; returns whether the step went wrong."""
    shown = lines
    if step.show:
        shown = [l for l in lines if step.show[0].search(l)]
    for line in shown:
        # a trimmed trace must fit as it is: never folded, so --max-width sees it
        for part in ([line] if step.show else fold(line)):
            say(part)
    if step.show and len(shown) < len(lines):
        say(style(f"  ({len(lines) - len(shown)} of {len(lines)} lines not shown: "
                  f"only the path's functions)", "2"))
    if step.expect_fail is not None:
        if rc:
            why = f": {step.expect_fail}" if step.expect_fail else ""
            for part in fold(f"(exit status {rc}, as expected{why})"):
                say(style(part, "33"))
            return False
        say(style("(this step should have failed, and did not)", "31"))
        return True
    if rc:
        say(style(f"(exit status {rc})", "2"))
    return rc != 0


def compare_real(step, sim, real):
    a, b = normalize(real), normalize(sim)
    if a == b:
        say(style("  (real kernel: the same, after normalizing MACs and times)", "32"))
        return
    if step.timing:
        rx, why = step.timing
        keep = lambda t: [l for l in t.splitlines() if not rx.search(l)]  # noqa: E731
        if keep(a) == keep(b):
            for part in fold(f"(real kernel: the same but for timing: {why})", "  "):
                say(style(part, "32"))
            return
    say(style("  real kernel printed:", "33"))
    lines, rc = split_rc(real)
    for line in lines + ([f"(exit status {rc})"] if rc else []):
        for part in fold(line, "  | "):
            say(part)


def main(argv):
    global widest
    ap = argparse.ArgumentParser()
    ap.add_argument("--vethsim", required=True)
    ap.add_argument("--max-width", type=int, default=0)
    ap.add_argument("script")
    args = ap.parse_args(argv)
    plan = steps(args.script)
    p = subprocess.run([args.vethsim, "-x", "-k", "-f", args.script],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       timeout=120)
    sim = blocks(p.stdout)
    if len(sim) != len(plan):
        print(p.stdout)
        if "did not boot" in p.stdout:
            print("demo: the simulated kernel needs lab 1 to boot (and labs 2-5 for the pings)")
        sys.exit(f"demo: vethsim ran {len(sim)} of {len(plan)} commands; "
                 f"try: {args.vethsim} -x -f {args.script}")
    real_cmds = [s.cmd for s in plan if not s.cmd.startswith("sim ")]
    if os.environ.get("REAL", "1") != "0":
        say(style("running the same commands on the real kernel ...", "2"))
    real, why = real_run(real_cmds)
    if real is None:
        say(style(f"(real kernel column off: {why})", "2"))
    ri = 0
    broken = []
    for step, out in zip(plan, sim):
        if step.part:
            say()
            say(style(f"=== {step.part} ===", "1;35"))
        say()
        for n in step.notes:
            say(style(n, "1;36"))
        say(style(f"vethsim# {step.cmd}", "1"))
        lines, rc = split_rc(out)
        if show_output(step, lines, rc):
            broken.append(step.cmd)
        if real is not None and not step.cmd.startswith("sim "):
            r = real[ri] if ri < len(real) else "(missing)"
            ri += 1
            compare_real(step, out, r)
        sys.stdout.flush()
        pace()
    say()
    if broken:
        print(f"demo: {len(broken)} step(s) went wrong in vethsim: " + "; ".join(broken))
        return 1
    say(style("Try it yourself: " + args.vethsim + "   (then: sim help)", "1"))
    if args.max_width:
        print(f"demo: widest line {widest} columns (limit {args.max_width})")
        if widest > args.max_width:
            print(f"demo: too wide for a projector: {widest_line}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
