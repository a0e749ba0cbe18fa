"""Take a submission's files in without trusting anything about them.

Only the files a student edits are read (their paths in exercises/, or the
bare file name at the top of the submission, as Gradescope uploads them).
Each must be a regular file under SIZE_CAP reached without any symbolic
link; it is opened with O_NOFOLLOW and checked again after opening. Its
#include lines may only name headers by a plain relative name (no "..", no
absolute path, no macro, no include_next/embed, no trigraphs, no .incbin).
"""
import os
import re
import stat

SIZE_CAP = 256 * 1024

INCLUDE_RE = re.compile(r"^[ \t]*(?:#|%:)[ \t]*(include_next|include|import|embed)\b(.*)$", re.M)
NAME_RE = re.compile(r"^[ \t]*(<[A-Za-z0-9_./+-]+>|\"[A-Za-z0-9_./+-]+\")[ \t]*(?://.*|/\*.*)?$")


def _walk_safe(root, rel):
    """The path of root/rel if every component is a real directory and the last
    a regular file; else raise ValueError saying why."""
    st = os.lstat(root)
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        raise ValueError("the submission folder is a symbolic link or not a folder")
    path = root
    parts = rel.split("/")
    for i, part in enumerate(parts):
        path = os.path.join(path, part)
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            raise FileNotFoundError(rel)
        last = i == len(parts) - 1
        if stat.S_ISLNK(st.st_mode):
            raise ValueError(f"{'/'.join(parts[:i + 1])} is a symbolic link (links are never followed)")
        if not last and not stat.S_ISDIR(st.st_mode):
            raise ValueError(f"{'/'.join(parts[:i + 1])} is not a folder")
        if last and not stat.S_ISREG(st.st_mode):
            kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else
                    "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else
                    "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file")
            raise ValueError(f"{rel} is {kind}")
    return path


def read_file(root, rel):
    """(bytes, None) or (None, reason). A missing file gives (None, None)."""
    try:
        path = _walk_safe(root, rel)
    except FileNotFoundError:
        return None, None
    except ValueError as e:
        return None, str(e)
    except OSError as e:
        return None, f"{rel}: {e.strerror}"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as e:
        return None, f"{rel}: cannot open ({e.strerror})"
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None, f"{rel} is not a regular file"
        if st.st_size > SIZE_CAP:
            return None, f"{rel} is {st.st_size} bytes; the limit is {SIZE_CAP}"
        data = b""
        while len(data) <= SIZE_CAP:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            data += chunk
        if len(data) > SIZE_CAP:
            return None, f"{rel} is larger than {SIZE_CAP} bytes"
        return data, None
    finally:
        os.close(fd)


def find(root, rel):
    """The submission's copy of rel: at its exercises/ path, else its bare name
    at the top. Returns (bytes or None, reason or None, where)."""
    data, why = read_file(root, rel)
    if data is not None or why:
        return data, why, rel
    base = os.path.basename(rel)
    data, why = read_file(root, base)
    return data, why, base


def include_problems(text):
    """Reasons the source may not be compiled, [] if none."""
    bad = []
    joined = re.sub(r"\\\r?\n", "", text)
    if "??=" in joined or "??/" in joined:
        bad.append("uses trigraphs")
    if re.search(r"\.incbin\b", joined):
        bad.append("uses .incbin")
    for m in INCLUDE_RE.finditer(joined):
        kind, rest = m.group(1), m.group(2)
        line = joined[:m.start()].count("\n") + 1
        if kind != "include":
            bad.append(f"line {line}: #{kind} is not allowed")
            continue
        n = NAME_RE.match(rest)
        if not n:
            bad.append(f"line {line}: #include{rest[:60]} is not a plain header name")
            continue
        name = n.group(1)[1:-1]
        if name.startswith("/") or ".." in name.split("/"):
            bad.append(f"line {line}: #include {n.group(1)} reaches outside the allowed headers")
    return bad
