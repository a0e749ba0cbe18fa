"""Staging a submission: every untrusted file passes one intake, once.

A submission arrives as a folder laid out like exercises/ (sim/net/core/dev.c,
labs/08-arp-capture/answers.txt, ...), or flat, as Gradescope uploads it
(dev.c, veth.c, vethlab.c, lab08-answers.txt, lab08-arp.pcap, ...), or a mix.
stage() copies the files the catalog names, and only those, into a fresh
folder at their tree paths, each read by box/intake.py (a regular file
under the size cap, reached without a symbolic link at any path component);
everything after reads the staged copy. What was not taken is said, with why.
"""
import os
import stat

from vethlab.box import intake

from . import catalog

MAX_LISTED = 20          # ignored files named in the notes, at most


def _walk(src, limit=2000):
    """Relative paths of every entry under src (links not followed), bounded."""
    out = []
    for d, dirs, files in os.walk(src, followlinks=False):
        for name in sorted(dirs + files):
            rel = os.path.relpath(os.path.join(d, name), src)
            if os.path.islink(os.path.join(d, name)) or not os.path.isdir(os.path.join(d, name)):
                out.append(rel)
            if len(out) >= limit:
                return out
        dirs[:] = [x for x in dirs if not os.path.islink(os.path.join(d, x))]
    return out


def stage(src, dst, labs=None):
    """Copy the submission src into dst (created): (taken, notes).
    taken: {tree path: where it came from}; notes: lines for the student."""
    notes = []
    taken = {}
    try:
        st = os.lstat(src)
    except OSError as e:
        return taken, [f"submission folder: {e.strerror}; nothing was taken"]
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        return taken, ["the submission folder is a symbolic link or not a folder: "
                       "nothing was taken (every lab is graded as the untouched exercise)"]
    flat = catalog.flat_names()
    wanted = catalog.handed_in(labs)
    for rel in wanted:
        lab = catalog.owner(rel)
        data, problem = intake.read_file(src, rel)
        where = rel
        if data is None and not problem:
            where = lab.flat_name(rel)
            data, problem = intake.read_file(src, where)
        if problem:
            notes.append(f"{where}: ignored: {problem}")
            continue
        if data is None:
            continue
        if rel in taken.values():
            continue
        out = os.path.join(dst, rel)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "wb") as f:
            f.write(data)
        taken[rel] = where
    os.makedirs(dst, exist_ok=True)
    ignored = []
    for rel in _walk(src):
        if rel in taken.values() or any(n.startswith(f"{rel}: ignored") for n in notes):
            continue
        if rel in wanted or rel in flat:
            continue              # a file of a lab not graded in this run
        ignored.append(rel)
    if ignored:
        names = ", ".join(ignored[:MAX_LISTED]) + (" ..." if len(ignored) > MAX_LISTED else "")
        notes.append(f"ignored {len(ignored)} file(s) no lab takes: {names} "
                     "(names a lab takes: its path in exercises/, or flat: "
                     + ", ".join(sorted(flat)[:6]) + ", ...)")
    return taken, notes
