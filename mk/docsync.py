#!/usr/bin/env python3
"""Check that every English doc and its Simplified Chinese twin say the same runnable things.

    python3 mk/docsync.py [--root DIR] [--selftest] [-v]

A twin sits beside its English doc: README.md -> README.zh-CN.md. The docs that
must have one are listed in REQUIRED; any other *.md that has a twin is checked
too, and a *.zh-CN.md without its English doc is an error. For each pair the
prose may differ (it is a translation); these must not:

  code       the fenced code blocks (``` or ~~~), in order, byte for byte
             (language tag included): commands, code, transcripts, diagrams;
  commands   the inline code spans that look like shell commands
             (`make grade LAB=1`, `ip link list`, `sim netdev veth0`), as a set;
  images     the image/figure references (![..](x), <img src>, <object data>),
             in order;
  links      the link targets ([..](x), [..]: x, <https://..>, href=, bare URLs),
             as a set. A link to a twin (X.zh-CN.md) counts as a link to X.md, and
             anchors of local .md links are ignored (translated headings have other
             anchors).
  twin link  the English doc links to its twin, and the twin back to it, in its
             first three non-blank lines ("中文版: ..." / "English: ...").

When a code block differs, git (uncommitted edits, else the later commit) says
which of the two files changed: "labs/03-xmit/README.md changed its code block 1
(line 29) but README.zh-CN.md did not"; outside git it just says they differ.

Prints one line per pair, "N passed, N failed" last; exits 1 on any failure.
--selftest first proves the checker catches each kind of drift on a
deliberately desynced temporary pair, then checks the repository.
"""
import difflib
import glob
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile

# English docs that must have a zh-CN twin (globs relative to the root).
REQUIRED = [
    "README.md",
    "labs/[0-9][0-9]-*/README.md",
    "docs/concepts.md",
    "docs/instructor-guide.md",
    "docs/xmit-path-6.1.md",
]
TWIN_SUFFIX = ".zh-CN.md"
SKIP_DIRS = {".git", "build", "node_modules"}

# First words of an inline span that reads as a shell command (with at least
# one argument: `ip` alone is a tool's name, `ip link list` is a command).
COMMANDS = {
    "make", "ip", "sim", "vethsim", "python3", "python", "sh", "bash", "sudo", "git",
    "ping", "tcpdump", "sysctl", "ethtool", "cat", "echo", "insmod", "rmmod", "modprobe",
    "lsmod", "apt-get", "apt", "unshare", "nsenter", "grep", "cd", "kill", "sleep",
    "dmesg", "tc", "ss", "perf", "trace-cmd", "gcc", "cc", "dot", "qemu-system-x86_64",
}
PROMPT_RE = re.compile(r"^(?:vethsim#|\$|#)\s+")

FENCE_RE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
# a code span may wrap across lines, not across a paragraph break
CODESPAN_RE = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)
IMAGE_RE = re.compile(r"!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
LINK_RE = re.compile(r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
REFDEF_RE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.M)
AUTOLINK_RE = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
HTML_IMG_RE = re.compile(r"<(?:img|source)\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']|<object\b[^>]*?\bdata\s*=\s*[\"']([^\"']+)[\"']", re.I)
HREF_RE = re.compile(r"\bhref\s*=\s*[\"']([^\"']+)[\"']", re.I)
BARE_URL_RE = re.compile(r"https?://[^\s<>()\]\[\"'`，。；：、）]+")


def twin_of(path):
    return path[: -len(".md")] + TWIN_SUFFIX


def english_of(twin):
    return twin[: -len(TWIN_SUFFIX)] + ".md"


class Doc:
    """What a markdown file says that a translation must keep."""

    def __init__(self, path, text):
        self.path = path
        self.code = []      # (line, info string, body)
        self.commands = {}  # normalized span -> first line
        self.images = []    # (line, target)
        self.links = {}     # normalized target -> first line
        self.head = []      # link targets in the first three non-blank lines
        self._parse(text)

    def _parse(self, text):
        lines = text.split("\n")
        prose = []          # (line number, text) outside fences
        i = 0
        while i < len(lines):
            m = FENCE_RE.match(lines[i])
            if m and not (m.group(2)[0] == "`" and "`" in m.group(3)):
                indent, fence, info = len(m.group(1)), m.group(2), m.group(3).strip()
                start, body = i + 1, []
                i += 1
                while i < len(lines):
                    c = re.match(r"^ {0,3}(`{3,}|~{3,})\s*$", lines[i])
                    if c and c.group(1)[0] == fence[0] and len(c.group(1)) >= len(fence):
                        break
                    line = lines[i]
                    body.append(line[min(indent, len(line) - len(line.lstrip(" "))):])
                    i += 1
                self.code.append((start, info, "\n".join(body)))
                i += 1
                continue
            prose.append((i + 1, lines[i]))
            i += 1
        # Rejoin the prose so code spans and links may wrap across lines, and
        # remember where each character came from.
        text, starts = "", []
        for n, line in prose:
            starts.append((len(text), n))
            text += line + "\n"

        def line_at(pos):
            lo = 0
            for off, n in starts:
                if off > pos:
                    break
                lo = n
            return lo

        def blank(m):
            return " " * (m.end() - m.start())

        spans = []
        for m in CODESPAN_RE.finditer(text):
            spans.append((m.start(), " ".join(m.group(2).split())))
        plain = CODESPAN_RE.sub(blank, text)
        for pos, span in spans:
            if looks_like_command(span):
                self.commands.setdefault(span, line_at(pos))

        for m in IMAGE_RE.finditer(plain):
            self.images.append((line_at(m.start()), m.group(1)))
        for m in HTML_IMG_RE.finditer(plain):
            self.images.append((line_at(m.start()), m.group(1) or m.group(2)))
        self.images.sort()
        rest = IMAGE_RE.sub(blank, plain)
        found = []
        for rx in (LINK_RE, REFDEF_RE, AUTOLINK_RE, HREF_RE):
            for m in rx.finditer(rest):
                found.append((m.start(), m.group(1)))
            rest = rx.sub(blank, rest)
        for m in BARE_URL_RE.finditer(rest):
            found.append((m.start(), m.group(0).rstrip(".,;:")))
        head_lines = [n for n, line in prose if line.strip()][:3]
        for pos, target in sorted(found):
            n = line_at(pos)
            if n in head_lines:
                self.head.append(target)
            self.links.setdefault(target, n)


def looks_like_command(span):
    span = PROMPT_RE.sub("", span)
    words = span.split()
    if len(words) < 2:
        return False
    return words[0] in COMMANDS or posixpath.basename(words[0]) in COMMANDS


def norm_link(target, doc_dir, self_paths):
    """A link target as compared between twins, or None for the twin link itself."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
        return target                       # a URL: compared exactly, anchor too
    path, _, anchor = target.partition("#")
    if path.endswith(TWIN_SUFFIX):
        path = english_of(path)
    if not path:
        return "#" + anchor                 # an anchor in the same page
    resolved = posixpath.normpath(posixpath.join(doc_dir, path))
    if resolved in self_paths:
        return None
    if path.endswith(".md"):
        return path                         # translated headings: anchors differ
    return path + ("#" + anchor if anchor else "")


def compare(en_path, zh_path, en, zh, changed=None):
    """Problems (strings) between an English doc and its twin.

    changed is "en" or "zh" when git says which of the two changed last.
    """
    out = []
    en_name, zh_name = en_path, posixpath.basename(zh_path)

    # twin links at the top
    if not any(norm_link(t, posixpath.dirname(en_path), {en_path}) is None
               and t.partition("#")[0].endswith(TWIN_SUFFIX) for t in en.head):
        out.append(f"{en_name} does not link to {zh_name} in its first three lines "
                   f'(add "中文版: [{zh_name}]({zh_name})" at the top)')
    if not any(norm_link(t, posixpath.dirname(zh_path), {en_path}) is None
               and not t.partition("#")[0].endswith(TWIN_SUFFIX) for t in zh.head):
        base = posixpath.basename(en_path)
        out.append(f"{zh_path} does not link back to {base} in its first three lines "
                   f'(add "English: [{base}]({base})" at the top)')

    # fenced code blocks, in order
    a = [(info, body) for _, info, body in en.code]
    b = [(info, body) for _, info, body in zh.code]
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                ei, zj = i1 + k, j1 + k
                en_at = f"code block {ei + 1} (line {en.code[ei][0]})"
                zh_at = f"code block {zj + 1} (line {zh.code[zj][0]})"
                if changed == "en":
                    out.append(f"{en_name} changed its {en_at} but {zh_name} did not "
                               f"(its code block {zj + 1}, line {zh.code[zj][0]}); "
                               f"from the twin to the English:")
                elif changed == "zh":
                    out.append(f"{zh_path} changed its {zh_at} but {posixpath.basename(en_path)} "
                               f"did not (its code block {ei + 1}, line {en.code[ei][0]}); "
                               f"from the twin to the English:")
                else:
                    out.append(f"{en_name} {en_at} differs from {zh_name} {zh_at}; "
                               f"from the twin to the English:")
                diff = difflib.unified_diff(
                    fence_text(zh.code[zj]).split("\n"), fence_text(en.code[ei]).split("\n"),
                    f"{zh_path}:{zh.code[zj][0]}", f"{en_path}:{en.code[ei][0]}", lineterm="", n=1)
                out.extend("    " + d for d in diff)
            continue
        for ei in range(i1, i2):
            out.append(f"{en_name} has code block {ei + 1} (line {en.code[ei][0]}) that "
                       f"{zh_name} lacks:\n" + indent(fence_text(en.code[ei])))
        for zj in range(j1, j2):
            out.append(f"{zh_name} has code block {zj + 1} (line {zh.code[zj][0]}) that "
                       f"{en_name} lacks:\n" + indent(fence_text(zh.code[zj])))

    # inline commands, as a set
    for span in sorted(set(en.commands) - set(zh.commands)):
        out.append(f"{en_name} line {en.commands[span]} has the command `{span}` "
                   f"that {zh_name} lacks")
    for span in sorted(set(zh.commands) - set(en.commands)):
        out.append(f"{zh_name} line {zh.commands[span]} has the command `{span}` "
                   f"that {en_name} lacks")

    # images, in order
    ia = [t for _, t in en.images]
    ib = [t for _, t in zh.images]
    if ia != ib:
        sm = difflib.SequenceMatcher(a=ia, b=ib, autojunk=False)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            for ei in range(i1, i2) if op != "equal" else ():
                out.append(f"{en_name} line {en.images[ei][0]} shows the figure {ia[ei]} "
                           f"that {zh_name} does not show in the same place")
            for zj in range(j1, j2) if op != "equal" else ():
                out.append(f"{zh_name} line {zh.images[zj][0]} shows the figure {ib[zj]} "
                           f"that {en_name} does not show in the same place")

    # link targets, as a set
    self_paths = {en_path, zh_path}
    la = {}
    for t, n in en.links.items():
        k = norm_link(t, posixpath.dirname(en_path), self_paths)
        if k is not None:
            la.setdefault(k, (t, n))
    lb = {}
    for t, n in zh.links.items():
        k = norm_link(t, posixpath.dirname(zh_path), self_paths)
        if k is not None:
            lb.setdefault(k, (t, n))
    for k in sorted(set(la) - set(lb)):
        out.append(f"{en_name} line {la[k][1]} links to {la[k][0]} but {zh_name} does not")
    for k in sorted(set(lb) - set(la)):
        out.append(f"{zh_name} line {lb[k][1]} links to {lb[k][0]} but {en_name} does not")
    return out


def fence_text(block):
    _, info, body = block
    return "```" + info + "\n" + body + "\n```"


def indent(s):
    return "\n".join("    " + l for l in s.split("\n"))


def changed_last(root, en_path, zh_path):
    """"en" or "zh": which of the pair git saw change last (uncommitted edits
    first, then the later commit), or None when git cannot tell."""
    def git(*args):
        r = subprocess.run(["git", "-C", root] + list(args), stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
        if r.returncode:
            raise OSError
        return r.stdout
    try:
        d_en = bool(git("status", "--porcelain", "--", en_path).strip())
        d_zh = bool(git("status", "--porcelain", "--", zh_path).strip())
        if d_en != d_zh:
            return "en" if d_en else "zh"
        if d_en:
            return None
        t_en = git("log", "-1", "--format=%ct", "--", en_path).strip()
        t_zh = git("log", "-1", "--format=%ct", "--", zh_path).strip()
        if t_en and t_zh and t_en != t_zh:
            return "en" if int(t_en) > int(t_zh) else "zh"
    except OSError:
        pass
    return None


def read(root, rel):
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        return f.read()


def all_md(root):
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for f in sorted(files):
            if f.endswith(".md"):
                yield posixpath.relpath(posixpath.join(dirpath.replace(os.sep, "/"), f),
                                        root.replace(os.sep, "/"))


def check(root, verbose=False, out=print):
    """Check every pair under root; return (passed, failed)."""
    docs = set(all_md(root))
    required = set()
    for pattern in REQUIRED:
        required.update(posixpath.relpath(p.replace(os.sep, "/"), root.replace(os.sep, "/"))
                        for p in glob.glob(os.path.join(root, pattern)))
    english = sorted((required | {english_of(d) for d in docs if d.endswith(TWIN_SUFFIX)}))
    passed = failed = 0
    for en_path in english:
        zh_path = twin_of(en_path)
        problems = []
        if en_path not in docs:
            problems.append(f"{zh_path} has no English doc {posixpath.basename(en_path)}")
        elif zh_path not in docs:
            problems.append(f"{en_path} has no Chinese twin: write {zh_path}")
        else:
            problems = compare(en_path, zh_path, Doc(en_path, read(root, en_path)),
                               Doc(zh_path, read(root, zh_path)),
                               changed_last(root, en_path, zh_path))
        if problems:
            failed += 1
            out(f"{en_path}: FAIL")
            for p in problems:
                out("    " + p.replace("\n", "\n    "))
        else:
            passed += 1
            if verbose:
                out(f"{en_path}: OK")
    return passed, failed


# ---------------------------------------------------------------- self-test

SELFTEST_EN = """\
中文版: [README.zh-CN.md](README.zh-CN.md)

# Lab 9: a test

Run `make grade LAB=9` and then `ip link list`; read `veth_xmit` and
[`veth_xmit()`](https://elixir.bootlin.com/linux/v6.1/source/drivers/net/veth.c#L319),
and [the concepts](../../docs/concepts.md#4-transmit).

![the pair](../../docs/figures/pair.svg)

```
vethsim# ip link add veth0 type veth peer name veth1
vethsim# sim netdev veth0        # the private area
```

```c
static int answer = 42;
```
"""

SELFTEST_ZH = """\
English: [README.md](README.md)

# 实验 9：测试

先运行 `make grade LAB=9`，再运行 `ip link list`；阅读
[`veth_xmit()`](https://elixir.bootlin.com/linux/v6.1/source/drivers/net/veth.c#L319)
和[概念](../../docs/concepts.zh-CN.md#4-发送)。

![veth 对](../../docs/figures/pair.svg)

```
vethsim# ip link add veth0 type veth peer name veth1
vethsim# sim netdev veth0        # the private area
```

```c
static int answer = 42;
```
"""

# (name, file to edit, old, new, a phrase the report must contain[, how]).
# how: "dirty" (default): both files committed, then the edit left uncommitted;
# "later": the edit committed a day after both files; "together": one commit
# holds both files already desynced; "nogit": no repository at all.
SELFTEST_CASES = [
    ("a changed command in a code block", "en",
     "sim netdev veth0 ", "sim netdev veth1 ",
     "labs/09-test/README.md changed its code block 1 (line 11) but README.zh-CN.md did not"),
    ("a changed line of C, committed after the twin", "en",
     "answer = 42;", "answer = 43;",
     "labs/09-test/README.md changed its code block 2 (line 16) but README.zh-CN.md did not",
     "later"),
    ("a changed language tag in the twin", "zh", "```c\n", "```C\n",
     "labs/09-test/README.zh-CN.md changed its code block 2 (line 16) but README.md did not"),
    ("a code block change git cannot place", "en", "answer = 42", "answer = 41",
     "labs/09-test/README.md code block 2 (line 16) differs from README.zh-CN.md code block 2",
     "together"),
    ("a code block change outside git", "en", "answer = 42", "answer = 41",
     "labs/09-test/README.md code block 2 (line 16) differs from README.zh-CN.md code block 2",
     "nogit"),
    ("a code block added to the English only", "en", "```c\n",
     "```\nmake build\n```\n\n```c\n", "has code block 2 (line 16) that README.zh-CN.md lacks"),
    ("a code block left in the twin only", "zh", "```c\nstatic", "```\nmake build\n```\n\n```c\nstatic",
     "README.zh-CN.md has code block 2"),
    ("a changed inline command", "en", "`make grade LAB=9`", "`make grade LAB=8`",
     "has the command `make grade LAB=8` that README.zh-CN.md lacks"),
    ("an inline command wrapped differently still matches", "zh", "`ip link list`",
     "`ip link\n   list`", None),
    ("a dropped inline command", "zh", "再运行 `ip link list`", "再列出设备",
     "has the command `ip link list` that README.zh-CN.md lacks"),
    ("a kernel identifier is not a command", "zh", "阅读\n", "阅读 `veth_xmit` 以及\n", None),
    ("a stray backtick hides no command", "zh", "# 实验 9：测试\n", "# 实验 9：测试 `\n", None),
    ("a figure added to the English only", "en", "```\nvethsim#",
     "![the path](../../docs/figures/path.svg)\n\n```\nvethsim#",
     "shows the figure ../../docs/figures/path.svg that README.zh-CN.md does not show"),
    ("a figure swapped for another", "zh", "figures/pair.svg", "figures/pair.png",
     "shows the figure ../../docs/figures/pair.svg"),
    ("an <img> in the twin only", "zh", "![veth 对](../../docs/figures/pair.svg)",
     "![veth 对](../../docs/figures/pair.svg)\n<img src=\"x.svg\">",
     "README.zh-CN.md line 10 shows the figure x.svg"),
    ("a changed link target", "en", "veth.c#L319", "veth.c#L320",
     "links to https://elixir.bootlin.com/linux/v6.1/source/drivers/net/veth.c#L320 but"),
    ("a link to the twin of a doc counts as a link to the doc", "zh",
     "concepts.zh-CN.md#4-发送", "concepts.md", None),
    ("a link only in the twin", "zh", "和[概念]", "和<https://example.org/x>[概念]",
     "links to https://example.org/x but labs/09-test/README.md does not"),
    ("no link to the twin", "en", "中文版: [README.zh-CN.md](README.zh-CN.md)\n", "",
     "does not link to README.zh-CN.md in its first three lines"),
    ("no link back", "zh", "English: [README.md](README.md)", "English",
     "does not link back to README.md"),
    ("a missing twin", "rm", None, None, "has no Chinese twin: write labs/09-test/README.zh-CN.md"),
    ("a twin without its English doc", "rm-en", None, None,
     "labs/09-test/README.zh-CN.md has no English doc README.md"),
]


def _git(root, *args, date=None):
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-C", root, "-c", "user.name=docsync", "-c", "user.email=docsync@invalid",
                    "-c", "commit.gpgsign=false"] + list(args), env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _selftest_case(name, side, old, new, expect, how):
    root = tempfile.mkdtemp(prefix="docsync-")
    try:
        d = os.path.join(root, "labs", "09-test")
        os.makedirs(d)
        files = {"en": os.path.join(d, "README.md"), "zh": os.path.join(d, "README.zh-CN.md")}

        def write(texts):
            for k, path in files.items():
                if (side, k) in (("rm", "zh"), ("rm-en", "en")):
                    if os.path.exists(path):
                        os.remove(path)
                    continue
                with open(path, "w", encoding="utf-8") as f:
                    f.write(texts[k])

        texts = {"en": SELFTEST_EN, "zh": SELFTEST_ZH}
        if how != "nogit":
            _git(root, "init", "-q")
        if how in ("dirty", "later"):
            write(texts)
            _git(root, "add", "-A")
            _git(root, "commit", "-q", "-m", "synced", date="2026-01-01T00:00:00Z")
        if side in texts:
            if old not in texts[side]:
                raise AssertionError(f"self-test {name!r}: {old!r} not in the {side} text")
            texts[side] = texts[side].replace(old, new, 1)
        write(texts)
        if how in ("later", "together"):
            _git(root, "add", "-A")
            _git(root, "commit", "-q", "-m", "edit", date="2026-01-02T00:00:00Z")
        lines = []
        p, f = check(root, out=lines.append)
        report = "\n".join(lines)
        if expect is None:
            return f == 0 and p == 1, "expected no problem, got:\n" + report
        return f == 1 and expect in report, \
            f"expected a failure saying {expect!r}, got:\n" + (report or "(nothing)")
    finally:
        shutil.rmtree(root)


def selftest():
    """Run the checker on a synced pair and on each desynced copy; return (passed, failed)."""
    passed = failed = 0
    have_git = shutil.which("git") is not None
    saved = os.environ.get("GIT_CEILING_DIRECTORIES")
    # never let a repository around the temporary directory answer for it
    os.environ["GIT_CEILING_DIRECTORIES"] = os.path.realpath(tempfile.gettempdir())
    try:
        for case in [("a synced pair passes", None, None, None, None)] + SELFTEST_CASES:
            name, side, old, new, expect = case[:5]
            how = case[5] if len(case) > 5 else "dirty"
            if not have_git and how != "nogit":
                how = "nogit"
                if expect and "changed its code block" in expect:
                    print(f"selftest: {name}: SKIP (no git to tell which file changed)")
                    continue
            ok, why = _selftest_case(name, side, old, new, expect, how)
            if ok:
                passed += 1
                print(f"selftest: {name}: OK")
            else:
                failed += 1
                print(f"selftest: {name}: FAIL\n    " + why.replace("\n", "\n    "))
    finally:
        if saved is None:
            del os.environ["GIT_CEILING_DIRECTORIES"]
        else:
            os.environ["GIT_CEILING_DIRECTORIES"] = saved
    return passed, failed


def main(argv):
    root = "."
    if "--root" in argv:
        root = argv[argv.index("--root") + 1]
    verbose = "-v" in argv
    sp = sf = 0
    if "--selftest" in argv:
        sp, sf = selftest()
        verbose = True
    p, f = check(root, verbose=verbose)
    print(f"docsync: {p + sp} passed, {f + sf} failed")
    return 1 if f + sf else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
