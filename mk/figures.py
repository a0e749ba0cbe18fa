#!/usr/bin/env python3
"""Draw the kit's figures from vethsim's own state, and check them.

    python3 mk/figures.py [--vethsim PATH]          rebuild docs/figures/*.dot, *.svg
    python3 mk/figures.py --check [--vethsim PATH]  prove they are current and right

Each docs/figures/NAME.sh is a vethsim script whose `sim draw ...` command
prints the DOT of the live state; Graphviz's `dot` renders it to NAME.svg.
`make docs` runs the first form; `make test` runs --check, which fails when

- a script's `sim draw` fails, or `dot` cannot render what it printed;
- a committed NAME.dot differs from what vethsim draws now (run `make docs`),
  or NAME.svg does not hold the text that NAME.dot renders to;
- a number in a figure differs from what the same script's plain commands
  print: `sim netdev` (sizeof, ALIGN, padding, netdev_priv() - dev,
  priv_size, padded, ifindex), `ip link list` (the "N: name@peer" of every
  device), `sim softnet` (queue lengths and counters), `sim trace show`
  (every function drawn was in the trace);
- a handout in labs/ embeds no figure, or a page embeds an SVG that is not there.

Prints one line per figure and "N passed, N failed".
"""
import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIGDIR = os.path.join(TOP, "docs", "figures")


def blocks(transcript):
    """[(command, output lines, rc)] of a `vethsim -x` transcript."""
    out = []
    for line in transcript.splitlines():
        if line.startswith("$ "):
            out.append([line[2:], [], None])
        elif out:
            m = re.fullmatch(r"\[rc=(\d+)\]", line)
            if m:
                out[-1][2] = int(m.group(1))
            else:
                out[-1][1].append(line)
    return [(c, o, rc) for c, o, rc in out]


def run_script(vethsim, script):
    p = subprocess.run([vethsim, "-x", "-f", script], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=120)
    return blocks(p.stdout)


def the_dot(bl, name):
    draws = [(c, o, rc) for c, o, rc in bl if c.split()[:2] == ["sim", "draw"]]
    if len(draws) != 1:
        raise ValueError(f"{name}.sh must run `sim draw` exactly once")
    cmd, out, rc = draws[0]
    if rc != 0:
        raise ValueError(f"`{cmd}` failed: " + " ".join(out)[:200])
    return "\n".join(out) + "\n"


def render(dot_text, svg_path):
    p = subprocess.run(["dot", "-Tsvg", "-o", svg_path], input=dot_text, text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise ValueError("dot cannot render it: " + p.stderr.strip()[:300])


def svg_texts(svg):
    """The words a reader sees in an SVG: its <text> elements, unescaped."""
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def facts(bl):
    """What the script's plain commands printed: [(where, text that must be drawn)]."""
    want = []
    for cmd, out, _ in bl:
        text = "\n".join(out)
        if cmd.startswith("sim netdev"):
            m = re.search(r"sizeof\(net_device\)\s+(\d+) bytes", text)
            want.append((cmd, f"sizeof = {m.group(1)} B"))
            has_priv = not re.search(r"priv_size\s+0 bytes", text)
            m = re.search(r"private area at\s+ALIGN\((\d+), (\d+)\) = (\d+) \((\d+) bytes", text)
            want.append((cmd, f"dev + {m.group(3)}"))
            if has_priv:  # without a private area there is no ALIGN and no padding
                want.append((cmd, f"ALIGN({m.group(1)}, {m.group(2)})"))
                want.append((cmd, f"padding {m.group(4)} B"))
            m = re.search(r"netdev_priv\(\) - dev\s+(\d+)", text)
            want.append((cmd, f"= dev + {m.group(1)}"))
            m = re.search(r"priv_size\s+(\d+) bytes", text)
            want.append((cmd, f"priv_size {m.group(1)}"))
            m = re.search(r"^\s+padded\s+(\d+)$", text, re.M)
            want.append((cmd, f"padded = {m.group(1)}"))
            want.append((cmd, f"dev - {m.group(1)}"))
            m = re.search(r"^struct net_device (\S+) at.*\n\s+ifindex\s+(\d+)", text, re.M)
            want.append((cmd, f"{m.group(1)}, ifindex {m.group(2)}"))
            m = re.search(r"peer\s+0x[0-9a-f]+ \((\S+), ifindex (\d+)", text)
            if m:
                want.append((cmd, f"struct net_device {m.group(1)}"))
                want.append((cmd, f"ifindex {m.group(2)}"))
        elif re.fullmatch(r"(ip netns exec \S+ )?ip (-n \S+ )?link (list|show)", cmd):
            for m in re.finditer(r"^(\d+): ([^:]+):", text, re.M):
                want.append((cmd, f"{m.group(1)}: {m.group(2)}"))
        elif cmd == "sim softnet":
            m = re.search(r"input_pkt_queue (\d+), process_queue (\d+)", text)
            want.append((cmd, f"input_pkt_queue: qlen {m.group(1)}"))
            want.append((cmd, f"process_queue: qlen {m.group(2)}"))
            m = re.search(r"processed (\d+), dropped (\d+), time_squeeze (\d+)", text)
            want += [(cmd, f"processed {m.group(1)}"), (cmd, f"dropped {m.group(2)}"),
                     (cmd, f"time_squeeze {m.group(3)}")]
            m = re.search(r"netdev_max_backlog (\d+), netdev_budget (\d+), dev_weight (\d+)",
                          text)
            want.append((cmd, m.group(0)))
    return want


def check_one(name, bl, dot_text, svg):
    """Problems with one figure, as strings."""
    bad = []
    # HTML-like labels split a cell into several <text> runs (bold, line
    # breaks): compare without white space, within one label's runs joined
    flat = re.sub(r"\s+", "", "".join(svg_texts(svg)))
    for where, text in facts(bl):
        if re.sub(r"\s+", "", text) not in flat:
            bad.append(f"`{where}` printed {text!r}, the figure does not show it")
    traces = [o for c, o, _ in bl if c == "sim trace show"]
    if traces:
        traced = set(re.findall(r"(\w+)\(\)", "\n".join(traces[-1])))
        for fn in re.findall(r'f\d+ \[label=<(\w+)<BR/>', dot_text):
            if fn not in traced:
                bad.append(f"{fn} is drawn but is not in `sim trace show`")
    return bad


IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+\.svg)\)")


def check_embeds():
    """Every handout shows a figure; every embedded figure exists. [(where, problem)]"""
    bad = []
    docs = [os.path.join("labs", d, "README.md") for d in sorted(os.listdir(
        os.path.join(TOP, "labs"))) if os.path.isfile(os.path.join(TOP, "labs", d, "README.md"))]
    docs += [os.path.join("docs", f) for f in sorted(os.listdir(os.path.join(TOP, "docs")))
             if f.endswith(".md")]
    docs.append("README.md")
    for rel in docs:
        with open(os.path.join(TOP, rel), encoding="utf-8") as f:
            links = IMAGE.findall(f.read())
        if rel.startswith("labs/") and rel != "labs/README.md" and not links:
            bad.append((rel, "embeds no figure"))
        for link in links:
            path = os.path.normpath(os.path.join(TOP, os.path.dirname(rel), link))
            if not os.path.exists(path):
                bad.append((rel, f"embeds {link}, which does not exist"))
    return bad


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--vethsim", default=os.path.join(TOP, "build/solutions/vethsim"))
    args = ap.parse_args(argv)
    if not shutil.which("dot"):
        print("figures: Graphviz's dot is missing: apt-get install graphviz", file=sys.stderr)
        return 1
    if not os.access(args.vethsim, os.X_OK):
        print(f"figures: {args.vethsim} not built: make build", file=sys.stderr)
        return 1
    scripts = sorted(f for f in os.listdir(FIGDIR) if f.endswith(".sh"))
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for s in scripts:
            name = s[:-3]
            dot_path = os.path.join(FIGDIR, name + ".dot")
            svg_path = os.path.join(FIGDIR, name + ".svg")
            try:
                bl = run_script(args.vethsim, os.path.join(FIGDIR, s))
                dot_text = the_dot(bl, name)
                fresh = os.path.join(tmp, name + ".svg")
                render(dot_text, fresh)
                with open(fresh, encoding="utf-8") as f:
                    svg = f.read()
                bad = check_one(name, bl, dot_text, svg)
                if args.check:
                    if not os.path.exists(dot_path) or open(dot_path).read() != dot_text:
                        bad.append(f"docs/figures/{name}.dot is stale: run `make docs`")
                    if not os.path.exists(svg_path):
                        bad.append(f"docs/figures/{name}.svg is missing: run `make docs`")
                    elif svg_texts(open(svg_path, encoding="utf-8").read()) != svg_texts(svg):
                        bad.append(f"docs/figures/{name}.svg is stale: run `make docs`")
                elif not bad:
                    with open(dot_path, "w") as f:
                        f.write(dot_text)
                    shutil.copyfile(fresh, svg_path)
            except (ValueError, AttributeError, subprocess.TimeoutExpired) as e:
                bad = [f"{type(e).__name__}: {e}"]
            if bad:
                failed += 1
                print(f"{name}: FAIL")
                for b in bad:
                    print(f"  {b}")
            else:
                passed += 1
                print(f"{name}: OK" + ("" if args.check else f" (docs/figures/{name}.svg)"))
    if args.check:
        bad = check_embeds()
        for rel, problem in bad:
            print(f"{rel}: FAIL ({problem})")
        failed += bool(bad)
        passed += not bad
        if not bad:
            print("handouts and docs: OK (every handout embeds a figure; every figure exists)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
