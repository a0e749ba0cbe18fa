"""Run a submission's commands in a box, with the best isolation the host allows.

Levels, best first (the grader picks the first that works and says which):

  bwrap   bubblewrap: new user, pid, network, ipc, uts and mount namespaces.
          The box sees /usr (read-only), the staged kit at /kit (read-only:
          sim/, the shared objects, the scenario scripts; no solutions/, no
          goldens) and its own work folder at /work; /tmp is private. When
          the grader is root each submission also gets its own uid
          (61000 + slot), so two boxes cannot touch each other's files.
          The pid namespace dies with the command: no process outlives it.
  uid     root without namespaces: its own uid (enter.c), no capabilities,
          rlimits; at the end every process of that uid is killed
          (kill(-1) run as that uid reaches exactly them).
  rlimits neither root nor namespaces (e.g. Gradescope's unprivileged
          Docker): the grader's own uid, rlimits, a session of its own that
          is killed as a group; orphans are caught because the grader is a
          child subreaper and killed by pid.

Every level applies the rlimits (CPU seconds, address space, file size,
processes, open files, no core files), a wall-clock deadline and an output
cap; output beyond the cap is read and thrown away, so a flood cannot fill
the disk or the results.
"""
import ctypes
import functools
import hashlib
import os
import re
import select
import shutil
import signal
import subprocess
import time

from vethlab.paths import TOP

LIMITS = {"cpu": 60, "as": 1 << 30, "fsize": 64 << 20, "nproc": 128,
          "nofile": 256, "core": 0}
OUT_CAP = 256 * 1024
UID_BASE = 61000


ENTER_SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "enter.c")


@functools.lru_cache(maxsize=None)
def enter_binary():
    """build/grade/enter-<hash>: enter.c (the rlimits, the uid, then exec, in
    one static process), compiled the first time a grader needs it; looked
    up once per process (every box command asks for it)."""
    with open(ENTER_SRC, "rb") as f:
        tag = hashlib.sha256(f.read()).hexdigest()[:12]
    path = os.path.join(TOP, "build", "grade", f"enter-{tag}")
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}"
        p = subprocess.run(["cc", "-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-static",
                            "-o", tmp, ENTER_SRC], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        if p.returncode:
            raise SystemExit(f"grade: cannot build the box's entry helper ({ENTER_SRC}): "
                             f"{p.stdout.strip()[-300:]}\n(a static link needs libc6-dev)")
        os.chmod(tmp, 0o755)
        os.replace(tmp, path)
    return path


ENTER = "enter"        # its name in the staged kit's lib/ (stage())


def stage(lib):
    """Put the helper in a staged kit's lib/, where every box's uid can run it."""
    dst = os.path.join(lib, ENTER)
    shutil.copy(enter_binary(), dst)
    os.chmod(dst, 0o755)


def _limits(limits):
    return ["-l", ",".join(str(limits[k]) for k in ("cpu", "as", "fsize", "nproc", "nofile",
                                                   "core"))]


_probe = {}


def _bwrap_works(as_uid):
    key = ("bwrap", as_uid)
    if key not in _probe:
        cmd = ["bwrap", "--unshare-all", "--die-with-parent", "--ro-bind", "/usr", "/usr",
               "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
               "--symlink", "usr/bin", "/bin", "--proc", "/proc", "--dev", "/dev", "true"]
        if as_uid is not None:
            cmd = _become(as_uid) + ["--"] + cmd
        try:
            _probe[key] = shutil.which("bwrap") is not None and subprocess.run(
                cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                timeout=20).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            _probe[key] = False
    return _probe[key]


def _uid_works():
    if "uid" not in _probe:
        try:
            _probe["uid"] = subprocess.run(
                _become(UID_BASE) + ["--", "true"], stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, timeout=20).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            _probe["uid"] = False
    return _probe["uid"]


def slot_dir(own):
    """Where the slots' locks live. A box's uid (61000 + slot) is the host's,
    so as root every grader on the host, whatever its checkout, takes its
    slots from one folder (/run/vethlab-slots): with a folder per checkout,
    two checkouts grading at once gave two boxes one uid, and the uid
    level's sweep (kill(-1) as that uid) killed the other's commands.
    Without root the boxes run as the grader's own uid: `own` will do."""
    if os.geteuid() == 0:
        for d in ("/run/vethlab-slots", "/tmp/vethlab-slots"):
            try:
                os.makedirs(d, mode=0o700, exist_ok=True)
                st = os.lstat(d)
                if st.st_uid == 0 and not st.st_mode & 0o022 and os.path.isdir(d):
                    return d
            except OSError:
                pass
    return own


class Slots:
    """Box uids (61000 + slot), unique across every grader running on the host:
    slot n is held with a lock on LOCKDIR/n for as long as its box lives."""

    def __init__(self, lockdir):
        self.lockdir = lockdir
        os.makedirs(lockdir, exist_ok=True)
        self.held = {}

    def take(self):
        import fcntl
        for n in range(1, 4000):
            fd = os.open(os.path.join(self.lockdir, str(n)), os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                continue
            self.held[n] = fd
            return n
        raise RuntimeError("no free box slot")

    def give(self, n):
        fd = self.held.pop(n, None)
        if fd is not None:
            os.close(fd)


def _become(uid):
    return [enter_binary(), "-u", str(uid)]


def choose_level(want=None):
    """The best level this host allows, or `want` (VETHLAB_SANDBOX) if it works."""
    want = want or os.environ.get("VETHLAB_SANDBOX") or "auto"
    root = os.geteuid() == 0
    order = ["bwrap", "uid", "rlimits"] if want == "auto" else [want]
    for level in order:
        if level == "bwrap" and _bwrap_works(UID_BASE if root else None):
            return level
        if level == "uid" and root and _uid_works():
            return level
        if level == "rlimits":
            return level
    raise SystemExit(f"grade: sandbox level '{want}' is not available here")


def become_subreaper():
    """Orphans of the boxes become our children, so we can kill them by pid."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
        return True
    except (OSError, AttributeError):
        return False


def _children_of(pid):
    kids = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                kids += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return kids


class Box:
    """One submission's box. `kit` and `work` are host paths; `.kit`/`.work`
    in commands are the paths as the box sees them."""

    def __init__(self, level, slot, kit_host, work_host, limits=None):
        self.level, self.slot = level, slot
        self.kit_host, self.work_host = kit_host, work_host
        self.limits = dict(LIMITS, **(limits or {}))
        self.token = f"{os.getpid()}-{slot}-{os.urandom(4).hex()}"
        root = os.geteuid() == 0
        self.uid = UID_BASE + slot if root and level in ("bwrap", "uid") else os.geteuid()
        if level == "bwrap":
            self.kit, self.work = "/kit", "/work"
        else:
            self.kit, self.work = kit_host, work_host
        if root and self.uid != 0:
            for d, _, files in os.walk(work_host):
                os.chown(d, self.uid, self.uid)
                for f in files:
                    os.chown(os.path.join(d, f), self.uid, self.uid, follow_symlinks=False)
            os.chmod(work_host, 0o700)

    def describe(self):
        lim = self.limits
        rl = (f"rlimits cpu={lim['cpu']}s as={lim['as'] >> 20}M fsize={lim['fsize'] >> 20}M "
              f"nproc={lim['nproc']} nofile={lim['nofile']}")
        if self.level == "bwrap":
            who = f"uid {self.uid}" if os.geteuid() == 0 else "the grader's uid, mapped"
            return (f"bwrap (user, pid, net, ipc, uts, mount namespaces; {who}; "
                    f"kit read-only; no network), {rl}")
        if self.level == "uid":
            return f"uid {self.uid}, no capabilities, no namespaces (network reachable), {rl}"
        return f"rlimits only (no namespace or uid available: own session, subreaper), {rl}"

    def _wrap(self, argv, cwd, env):
        lim = _limits(self.limits)
        if self.level == "bwrap":
            cmd = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session",
                   "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib",
                   "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin",
                   "--symlink", "usr/sbin", "/sbin",
                   "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
                   "--ro-bind-try", "/etc/alternatives", "/etc/alternatives",
                   "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
                   "--ro-bind", self.kit_host, "/kit", "--bind", self.work_host, "/work",
                   "--chdir", cwd or "/work", "--clearenv"]
            for k, v in env.items():
                cmd += ["--setenv", k, v]
            # the rlimits are set inside, by the kit's copy of the helper
            cmd = cmd + ["--", f"{self.kit}/lib/{ENTER}"] + lim + ["--"] + argv
            if os.geteuid() == 0:
                cmd = _become(self.uid) + ["--"] + cmd
            return cmd, None, {}
        if self.level == "uid":
            return _become(self.uid) + lim + ["--"] + argv, cwd or self.work, env
        return [enter_binary()] + lim + ["--"] + argv, cwd or self.work, env

    def run(self, argv, timeout, env=None, cap=OUT_CAP, pipes=()):
        """Run argv in the box. Returns (rc, output, seconds, read) where
        output is at most `cap` bytes (a note says how much was dropped) and
        read is {name: what the command wrote on that pipe} for each name in
        `pipes` (the path /dev/fd/N is in env as $NAME: $VERDICT for Check's
        log, $OBS for the probe's reports).
        rc 124: deadline; the whole process tree is gone when this returns."""
        env = dict({"PATH": "/usr/bin:/bin", "LC_ALL": "C", "HOME": self.work,
                    "TMPDIR": "/tmp" if self.level == "bwrap" else self.work,
                    "VETHLAB_BOX": self.token}, **(env or {}))
        t0 = time.time()
        ends = {}                  # read end -> (name, write end)
        for name in pipes:
            r, w = os.pipe()
            ends[r] = (name, w)
            if os.geteuid() == 0 and self.uid != 0:
                os.fchown(w, self.uid, self.uid)   # so the box may reopen /dev/fd/N
            env = {k: v.replace(f"${name}", f"/dev/fd/{w}") for k, v in env.items()}
        writers = tuple(w for _, w in ends.values())
        cmd, cwd, penv = self._wrap(argv, None, env)
        if self.level == "bwrap":
            penv = {"PATH": "/usr/bin:/bin"}
        try:
            p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, cwd=cwd, env=penv,
                                 start_new_session=True, pass_fds=writers)
        except OSError as e:
            for r, (_, w) in ends.items():
                os.close(r)
                os.close(w)
            return 127, f"{argv[0]}: {e}", 0.0, {name: "" for name in pipes}
        for w in writers:
            os.close(w)
        out, dropped = bytearray(), 0
        got = {r: bytearray() for r in ends}
        fds = {p.stdout.fileno(): "out", **{r: "pipe" for r in ends}}
        timed_out = False
        deadline = t0 + timeout
        ended = None
        while fds:
            left = deadline - time.time()
            if left <= 0:
                timed_out = ended is None
                break
            # once the command itself has ended, a descendant that keeps the
            # pipes open (a daemon) gets 0.2 s more, not the rest of the budget
            if ended is None and p.poll() is not None:
                ended = time.time()
            if ended is not None and time.time() - ended > 0.2:
                break
            ready, _, _ = select.select(list(fds), [], [], min(left, 0.1 if ended else 0.5))
            for fd in ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    del fds[fd]
                    continue
                if fds[fd] == "out":
                    room = cap - len(out)
                    out += chunk[:max(room, 0)]
                    dropped += max(len(chunk) - max(room, 0), 0)
                elif len(got[fd]) < 4 * cap:
                    got[fd] += chunk
        self._kill(p)
        try:
            rc = p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            rc = -9
        p.stdout.close()
        for r in ends:
            os.close(r)
        text = out.decode("utf-8", "replace")
        if dropped:
            text += f"\n(output cut: {dropped} more bytes were thrown away)"
        if timed_out:
            rc = 124
            text += f"\n(timed out after {timeout:.0f}s)"
        return rc, text, time.time() - t0, {ends[r][0]: got[r].decode("utf-8", "replace")
                                            for r in ends}

    def _kill(self, p):
        """Kill what the command left: its session, then what the level allows."""
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if self.level == "uid" and self.uid != 0:
            subprocess.run(_become(self.uid) + ["-k"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elif self.level == "rlimits":
            self._reap_orphans()
        self._reap_zombies(p.pid)

    def _reap_zombies(self, main):
        """Orphans of this box that died are our children now: reap them, or
        they would count against the uid's process limit."""
        for kid in _children_of(os.getpid()):
            if kid == main:
                continue
            try:
                with open(f"/proc/{kid}/status") as f:
                    st = f.read()
                uid = int(re.search(r"^Uid:\s+(\d+)", st, re.M).group(1))
                if uid == self.uid and uid != os.getuid():
                    os.waitpid(kid, os.WNOHANG)
            except (OSError, ChildProcessError, AttributeError):
                pass

    def _reap_orphans(self):
        """Orphans were reparented to us (subreaper). Ours carry this box's
        token in their environment (a daemon keeps it unless it execs with a
        clean one); kill those by pid."""
        mark = f"VETHLAB_BOX={self.token}".encode()
        for kid in _children_of(os.getpid()):
            try:
                with open(f"/proc/{kid}/environ", "rb") as f:
                    if mark in f.read().split(b"\0"):
                        os.kill(kid, signal.SIGKILL)
                        os.waitpid(kid, 0)
            except (OSError, ChildProcessError):
                pass

    def finish(self):
        """After the last command: nothing of this submission may still run."""
        if self.level == "rlimits":
            self._reap_orphans()
        if self.level == "uid" and self.uid != 0:
            subprocess.run(_become(self.uid) + ["-k"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
