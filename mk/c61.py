"""C scanning shared by mk/gen61index.py and mk/lint61.py.

Good enough for kernel-style C: comments and strings are blanked first, a
function definition is a name followed by a parenthesised list and then a
brace, starting in column 0; function-like macros count as definitions.
"""
import re

KERNEL_PATH = re.compile(
    r"(?<![\w/.<\"-])((?:net|include|drivers|kernel|lib|init|fs|mm|block|arch)/[\w/.+-]+?\.[ch])\b")

_DEF_START = re.compile(r"^(?=[A-Za-z_])[^;{}()#=\n]*?\b([A-Za-z_]\w*)\s*\(", re.M)
_MACRO = re.compile(r"^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)\(", re.M)
_NOT_NAMES = {"if", "for", "while", "switch", "return", "sizeof", "defined"}


def blank(text):
    """@text with comments and string/char literals replaced by spaces."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j]) + (c if j < n else ""))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _close_paren(text, i):
    depth = 0
    n = len(text)
    while i < n:
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def definitions(text):
    """[(name, offset of the definition's first line, is_static)] in order."""
    b = blank(text)
    out = []
    for m in _DEF_START.finditer(b):
        name = m.group(1)
        if name in _NOT_NAMES:
            continue
        close = _close_paren(b, m.end() - 1)
        if close < 0:
            continue
        k = close + 1
        # attributes after the parameter list: __acquires(x), __releases(x)
        while True:
            rest = b[k:]
            s = rest.lstrip()
            k += len(rest) - len(s)
            a = re.match(r"(__\w+)\s*\(", s)
            if a:
                c2 = _close_paren(b, k + a.end() - 1)
                if c2 < 0:
                    break
                k = c2 + 1
                continue
            break
        if k < len(b) and b[k] == "{":
            head = b[m.start():m.end()]
            out.append((name, m.start(), bool(re.match(r"\s*static\b", head))))
    for m in _MACRO.finditer(b):
        out.append((m.group(1), m.start(), True))
    out.sort(key=lambda t: t[1])
    return out


def comment_before(text, offset):
    """The comment block that ends on the line just above @offset, or ''."""
    start = text.rfind("\n", 0, offset)
    before = text[:start + 1] if start >= 0 else ""
    stripped = before.rstrip()
    if not stripped.endswith("*/"):
        return ""
    open_at = stripped.rfind("/*")
    if open_at < 0:
        return ""
    # the comment must stand alone: only whitespace before it on its line
    line_start = stripped.rfind("\n", 0, open_at) + 1
    if stripped[line_start:open_at].strip():
        return ""
    # ... and only whitespace between it and the definition
    if "\n\n" in before[len(stripped):].replace(" ", "").replace("\t", "") and \
            before[len(stripped):].count("\n") > 1:
        return ""
    return stripped[open_at:]


def comment_lines(comment):
    """The text of each line of a /* */ comment, without the decoration."""
    out = []
    for line in comment.splitlines():
        line = line.strip()
        if line.startswith("/*"):
            line = line[2:]
        if line.endswith("*/"):
            line = line[:-2]
        line = line.strip()
        if line.startswith("*"):
            line = line[1:]
        out.append(line.strip())
    return out
