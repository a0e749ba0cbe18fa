"""SOLUTION markers: the one parser of the regions students write.

In solutions/ (CONTRIBUTING.md), a region looks like

    /* >>> SOLUTION labN */
    ...solution lines...
    /* <<< SOLUTION */                    -> the region becomes nothing
or
    /* <<< SOLUTION, STUB:
    ...stub lines...
    */                                    -> the region becomes the stub

skeleton() turns a solution file into its exercise (make skels), regions()
lists the regions (the catalog's lab files, the release's leak check, the
mutation test), labs_in() says which labs a file holds.
"""
import re

BEGIN = re.compile(r"^\s*(?:/\* >>> SOLUTION lab(\d+) \*/|# >>> SOLUTION lab(\d+))\s*$")
END_PLAIN = re.compile(r"^\s*(?:/\* <<< SOLUTION \*/|# <<< SOLUTION)\s*$")
END_STUB = re.compile(r"^\s*(?:/\*|#) <<< SOLUTION, STUB:\s*$")
STUB_CLOSE = re.compile(r"^\s*#?\s*\*/\s*$")
# In a script or answer file (the operational labs) the markers are comments
# of its own kind: "# >>> SOLUTION labN", "# <<< SOLUTION", and
# "# <<< SOLUTION, STUB:" whose stub lines start with "# " (removed in the
# skeleton) up to a line "# */".
HASH_STUB = re.compile(r"^(\s*)# ?")


class SkelError(Exception):
    pass


def skeleton(text, path, upto=0):
    """Return the skeleton of one file's text (labs <= upto keep their solution)."""
    out, state, lab, start, hashed = [], "copy", None, 0, False
    for no, line in enumerate(text.splitlines(keepends=True), 1):
        if state == "copy":
            m = BEGIN.match(line)
            if m:
                state, lab, start = "solution", m.group(1) or m.group(2), no
                hashed = m.group(2) is not None
            elif "SOLUTION" in line and ("<<<" in line or ">>>" in line):
                raise SkelError(f"{path}:{no}: marker outside a region or malformed")
            else:
                out.append(line)
        elif state == "solution":
            if BEGIN.match(line):
                raise SkelError(f"{path}:{no}: region opened inside the region of line {start}")
            if END_PLAIN.match(line):
                state = "copy"
            elif END_STUB.match(line):
                state = "stub"
            elif int(lab) <= upto:
                out.append(line)
        else:  # stub: uncomment until the closing "*/"
            if STUB_CLOSE.match(line):
                state = "copy"
            elif "/*" in line or "*/" in line:
                raise SkelError(f"{path}:{no}: a stub may not hold comments")
            elif int(lab) > upto:
                out.append(HASH_STUB.sub(r"\1", line, count=1) if hashed else line)
    if state != "copy":
        raise SkelError(f"{path}:{start}: region for lab{lab} is never closed")
    return "".join(out)


def regions(text, path="?"):
    """[(lab, first line number, [solution lines])] of one file; raises
    SkelError on a malformed region (the same rules as skeleton())."""
    skeleton(text, path)
    out, cur = [], None
    for no, line in enumerate(text.splitlines(), 1):
        m = BEGIN.match(line)
        if m and cur is None:
            cur = (int(m.group(1) or m.group(2)), no, [])
        elif cur is not None and (END_PLAIN.match(line) or END_STUB.match(line)):
            out.append(cur)
            cur = None
        elif cur is not None:
            cur[2].append(line)
    return out


def labs_in(text, path="?"):
    """The sorted lab numbers whose regions a file holds."""
    return sorted({lab for lab, _, _ in regions(text, path)})


def spans(text, path="?"):
    """[(lab, start offset, end offset)] of each region's solution text."""
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    out = []
    for lab, begin, body in regions(text, path):
        first = starts[begin]                      # the line after the marker
        out.append((lab, first, starts[begin + len(body)]))
    return out
