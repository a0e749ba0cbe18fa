#!/usr/bin/env python3
"""Lint the "6.1:" comments of the simulated kernel against Linux 6.1.

    python3 mk/lint61.py [--root .] [--index mk/linux61.index]

For every kernel file of the kit (sim/ minus sim/tools/, solutions/sim/, and
solutions/module/vethlab.c, which plays drivers/net/veth.c):
  - its path mirrors a real 6.1 file (sim/X plays X, sim/include/X plays
    include/X), unless SIM_ONLY below says why not;
  - every function whose comment has a "6.1:" line plays a function that
    6.1 defines: its own name or one the 6.1: paragraph names ("6.1:
    NAME(): ..."), looked up in the mirrored file, in the paths the comment
    names, and in the paths the file's header comment names;
  - no comment has two "6.1:" lines;
  - a header's file comment says what of 6.1 it plays (its inline helpers
    are covered by it, not by a line each);
  - every function that has the name of a function of those 6.1 files has a
    "6.1:" line; a non-static function without one says "sim:" or
    "Not in 6.1"; a "Not in 6.1" function is not in 6.1.
The 6.1 facts come from mk/linux61.index (mk/gen61index.py writes it from
Debian's source), so this runs without the kernel source.
Prints FILE:LINE: problem for each, then "lint61: N passed, N failed".
"""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import c61  # noqa: E402

KERNEL_TREES = ["sim", "solutions/sim"]
# Kit files outside those trees that play one 6.1 file.
PLAYS = {"solutions/module/vethlab.c": "drivers/net/veth.c"}

# Kit files that play no single 6.1 file, and why.
SIM_ONLY = {
    "sim/net/ipv4/pernet.h":
        "the one pernet_operations of the simulator (6.1 has one per file)",
    "sim/include/net/af_packet.h":
        "the packet-socket system calls tcpdump makes (6.1: "
        "net/packet/internal.h and include/uapi/linux/if_packet.h)",
}

SIX_ONE = re.compile(r"^6\.1:\s*(.*)")
NAMED = re.compile(r"^(?:the\s+)?([A-Za-z_]\w*)\(\)")


def load_index(path):
    idx = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or ":" not in line:
            continue
        p, names = line.split(":", 1)
        names = names.split()
        idx[p.strip()] = None if names == ["-"] else set(names)
    return idx


def mirror(rel):
    if rel in PLAYS:
        return PLAYS[rel]
    for tree in ("solutions/sim/", "sim/"):
        if rel.startswith(tree):
            return rel[len(tree):]
    return None


def kit_files(root):
    for tree in KERNEL_TREES:
        for d, _, files in os.walk(os.path.join(root, tree)):
            rel_d = os.path.relpath(d, root)
            if rel_d == "sim/tools" or rel_d.startswith("sim/tools/"):
                continue
            for f in sorted(files):
                if f.endswith((".c", ".h")):
                    yield os.path.relpath(os.path.join(d, f), root)
    for rel in PLAYS:
        if os.path.exists(os.path.join(root, rel)):
            yield rel


def file_comment(text):
    """A file's first comment that is not its SPDX line."""
    for m in re.finditer(r"/\*.*?\*/", text, re.S):
        if "SPDX-License-Identifier" not in m.group(0):
            return m.group(0)
    return ""


def header_paths(text):
    """Kernel paths named in a file's first comment."""
    return c61.KERNEL_PATH.findall(file_comment(text))


def lint_file(root, rel, idx, bad):
    """Returns how many things were checked in @rel."""
    text = open(os.path.join(root, rel), encoding="utf-8").read()
    checked = 1
    m = mirror(rel)
    if m is None:
        return 0
    if m.startswith("include/") is False and rel.startswith("sim/include/"):
        m = "include/" + m
    if rel.startswith("sim/include/"):
        m = "include/" + rel[len("sim/include/"):]
    if rel in SIM_ONLY:
        pass
    elif m not in idx:
        bad.append(f"{rel}:1: {m} is not in the index: run mk/gen61index.py")
    elif idx[m] is None:
        bad.append(f"{rel}:1: Linux 6.1 has no {m}: move the file to the path "
                   "it plays, or say why in SIM_ONLY (mk/lint61.py)")
    if not rel.endswith(".c"):
        # a header's inlines are covered by its file comment's 6.1 line
        if "6.1" not in file_comment(text):
            bad.append(f"{rel}:1: the file comment says nothing of 6.1 (what it "
                       "plays, what it leaves out)")
        return checked
    file_paths = [m] + header_paths(text)
    for name, off, static in c61.definitions(text):
        line = text.count("\n", 0, off) + 1
        comment = c61.comment_before(text, off)
        lines = c61.comment_lines(comment)
        six = [SIX_ONE.match(l).group(1) for l in lines if SIX_ONE.match(l)]
        not_in = any(re.search(r"\bNot in 6\.1\b", l) for l in lines)
        sim_only = any(l.startswith("sim:") or l.startswith("Added by") for l in lines)
        paths = list(file_paths) + c61.KERNEL_PATH.findall(comment)
        known = [p for p in paths if idx.get(p)]
        missing = [p for p in paths if p not in idx]
        checked += 1
        if len(six) > 1:
            bad.append(f"{rel}:{line}: {name}: {len(six)} lines start with 6.1:; "
                       "say it in one")
        if six:
            # the 6.1 function played: this one's name, or one the 6.1:
            # paragraph names (its first line, and the lines after it)
            at = next(i for i, l in enumerate(lines) if SIX_ONE.match(l))
            para = " ".join(lines[at:])
            candidates = [name] + re.findall(r"\b([A-Za-z_]\w*)\(", para)
            if not any(c in idx[p] for c in candidates for p in known):
                where = ", ".join(dict.fromkeys(known)) or "no indexed 6.1 file"
                hint = f" (not indexed: {', '.join(missing)})" if missing else ""
                n = NAMED.match(six[0])
                kname = n.group(1) if n else name
                bad.append(f"{rel}:{line}: {name}: its 6.1: line plays {kname}(), "
                           f"which is not defined in {where}{hint}")
            continue
        in61 = [p for p in known if name in idx[p]]
        if in61 and not_in:
            bad.append(f"{rel}:{line}: {name}: says Not in 6.1, but {in61[0]} defines it")
        elif in61 and not sim_only:
            bad.append(f"{rel}:{line}: {name}: plays {in61[0]}'s {name}() "
                       "but has no 6.1: line")
        elif not static and not (not_in or sim_only):
            bad.append(f"{rel}:{line}: {name}: no 6.1: line, and no sim: or "
                       "Not in 6.1 to say it plays nothing")
    return checked


def lint(root, index):
    """The problems found in the tree at @root."""
    idx = load_index(index)
    bad = []
    checked = 0
    for rel in kit_files(root):
        checked += lint_file(root, rel, idx, bad)
    return checked, bad


# Deliberately broken trees: (what, file, old text, new text, expected words)
BREAKAGES = [
    ("a function that plays 6.1 loses its 6.1: line", "sim/net/core/dev.c",
     "/* 6.1: same. */\nint dev_open(", "/* Open. */\nint dev_open(",
     "dev_open: plays net/core/dev.c's dev_open() but has no 6.1: line"),
    ("a 6.1: line names a function 6.1 does not have", "sim/net/core/dev.c",
     "/* 6.1: same. */\nint dev_open(", "/* 6.1: dev_open_fast(): same. */\nint dev_open_sim(",
     "dev_open_sim: its 6.1: line plays dev_open_fast()"),
    ("Not in 6.1 on a 6.1 function", "sim/net/core/dev.c",
     "/* 6.1: same. */\nint dev_open(", "/* Not in 6.1: opens. */\nint dev_open(",
     "dev_open: says Not in 6.1"),
    ("a comment with two 6.1: lines", "sim/net/core/dev.c",
     "/* 6.1: same. */\nint dev_open(", "/*\n * 6.1: same.\n * 6.1: also same.\n */\nint dev_open(",
     "dev_open: 2 lines start with 6.1:"),
    ("a sim file at a path 6.1 lacks", None, "sim/net/core/zz_nothing.c", "",
     "Linux 6.1 has no net/core/zz_nothing.c"),
]


def selftest(root, index):
    """Each breakage must be reported; returns the number missed."""
    import shutil
    import tempfile
    missed = 0
    for what, rel, old, new, expect in BREAKAGES:
        with tempfile.TemporaryDirectory(prefix="lint61-") as d:
            for tree in KERNEL_TREES:
                shutil.copytree(os.path.join(root, tree), os.path.join(d, tree),
                                ignore=shutil.ignore_patterns("tools"))
            if rel:
                path = os.path.join(d, rel)
                text = open(path, encoding="utf-8").read()
                if old not in text:
                    print(f"selftest: cannot break {rel} ({what})")
                    missed += 1
                    continue
                open(path, "w").write(text.replace(old, new, 1))
            else:
                open(os.path.join(d, old), "w").write("/* nothing */\n")
            idx = load_index(index)
            if old.endswith(".c") and not rel:
                # as if the index had been regenerated: 6.1 has no such file
                idx[mirror(old)] = None
            bad = []
            for f in kit_files(d):
                lint_file(d, f, idx, bad)
            ok = any(expect in b for b in bad)
            print(f"selftest: {'caught' if ok else 'MISSED'}: {what}")
            missed += not ok
    return missed


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=".")
    ap.add_argument("--index", default=None)
    ap.add_argument("--selftest", action="store_true",
                    help="check that broken copies of the tree fail")
    a = ap.parse_args(argv)
    index = a.index or os.path.join(a.root, "mk/linux61.index")
    if a.selftest:
        missed = selftest(a.root, index)
        print(f"selftest: {len(BREAKAGES) - missed} passed, {missed} failed")
        return 1 if missed else 0
    checked, bad = lint(a.root, index)
    for b in bad:
        print(b)
    print(f"lint61: {checked - len(bad)} passed, {len(bad)} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
