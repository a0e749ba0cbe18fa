#!/usr/bin/env python3
"""Run a vethlab scenario script on the real kernel and print its transcript.

Usage: run_script.py [--timeout SECONDS] [--total-timeout SECONDS] SCRIPT

The runner is the reference for the transcript format described in
CONTRIBUTING.md ("Scenario scripts"); `vethsim -x -f SCRIPT` must print the
same thing (after vethlab/normalize.py).

Safety: every command runs inside a private network namespace and a private
mount namespace.  The runner re-executes itself under

    unshare --mount --net --propagation private

and, inside, mounts a private tmpfs on /run/netns (so `ip netns add` names
never collide with the host's and vanish with the namespace) and a fresh
sysfs on /sys (so /sys/class/net shows our namespace, not the host's).
Nothing is changed in the host's namespaces.  When the last process of the
namespaces exits (normal end, error, Ctrl-C, timeout) everything is gone.

Exit status: 0 when the script ran (whatever the commands returned),
77 when the real-kernel run is not possible here (message "skipped: ..."
on stderr), 2 for usage or script syntax errors.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import termios
import threading
import time

SKIP = 77
INSIDE_ENV = "VETHLAB_REALNET_INSIDE"
DEFAULT_TIMEOUT = 30.0          # per command, seconds
DEFAULT_TOTAL_TIMEOUT = 300.0   # whole script, seconds
CAPTURE_READY_TIMEOUT = 10.0    # wait for "listening on" from tcpdump
# After a command that takes a link up or down, as long as a person takes
# to type the next one: the carrier change reaches the peer through
# linkwatch, a kernel worker that runs after `ip` has returned (late on a
# loaded machine), and until it has run the peer shows NO-CARRIER and
# sends into noop_qdisc.  vethsim runs it before `ip` returns.
LINK_SETTLE = 0.2
LINK_UPDOWN_RE = re.compile(r"\blink\s+set\b.*\s(up|down)(\s|$)")

# Environment of every command: fixed, so output does not depend on the
# caller's locale or shell startup files.
CMD_ENV = {
    "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "HOME": "/root",
    "LC_ALL": "C",
    "LANG": "C",
    "TERM": "dumb",
}


def skip(reason):
    print("skipped: run_script.py: %s" % reason, file=sys.stderr)
    sys.exit(SKIP)


def die(msg, code=2):
    print("run_script.py: %s" % msg, file=sys.stderr)
    sys.exit(code)


# ---------------------------------------------------------------- script file

BG_RE = re.compile(r"^(.*?)\s*&$")
KILL_RE = re.compile(r"^kill\s+%(\d+)$")
SLEEP_RE = re.compile(r"^sleep\s+([0-9]+(?:\.[0-9]+)?)$")


def parse_script(path):
    """Return the script's command lines (comments and blank lines dropped)."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        die("cannot read %s: %s" % (path, e.strerror))
    cmds = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("&&") or "|" in line or ";" in line or "$" in line:
            die("%s:%d: pipes, ';', '&&' and variables are not allowed: %s"
                % (path, n, line))
        cmds.append(line)
    return cmds


# ------------------------------------------------------------ running commands

def out(s):
    sys.stdout.write(s)


def emit_stream(data):
    """Print a captured stream; a missing final newline is added."""
    if not data:
        return
    s = data.decode("utf-8", errors="backslashreplace")
    out(s if s.endswith("\n") else s + "\n")


def kill_group(pid, sig=signal.SIGKILL):
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def rc_of(returncode):
    """Shell convention: death by signal S is 128+S."""
    return 128 - returncode if returncode < 0 else returncode


class Terminal:
    """A pty that plays the terminal a command's stdout and stderr share.

    Both streams go to the one slave side, so the transcript has them in
    the order the command wrote them, as a terminal shows them.  A real
    terminal also changes how the tools buffer: glibc makes stdout line
    buffered on a tty (fully buffered on a pipe), so `ping` and
    `tcpdump -r` interleave their stdout and stderr lines exactly as on
    screen.  The line discipline is set so that it changes no byte (no
    "\\n" -> "\\r\\n", no echo, no signal characters).
    """

    def __init__(self):
        self.master, self.slave = os.openpty()
        attrs = termios.tcgetattr(self.slave)
        attrs[1] &= ~termios.OPOST
        attrs[3] &= ~(termios.ECHO | termios.ICANON | termios.ISIG |
                      termios.IEXTEN)
        termios.tcsetattr(self.slave, termios.TCSANOW, attrs)
        self.lock = threading.Lock()
        self.data = bytearray()
        self.reader = threading.Thread(target=self._read, daemon=True)

    def start(self, cmd):
        """Run `bash -c CMD` on this terminal; return its Popen."""
        try:
            p = subprocess.Popen(["bash", "-c", cmd], stdin=subprocess.DEVNULL,
                                 stdout=self.slave, stderr=self.slave,
                                 env=CMD_ENV, start_new_session=True)
        finally:
            os.close(self.slave)
        self.reader.start()
        return p

    def _read(self):
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:         # EIO: every writer closed the slave
                break
            if not chunk:
                break
            with self.lock:
                self.data += chunk
        os.close(self.master)

    def text(self):
        with self.lock:
            return bytes(self.data)

    def finish(self, timeout=5.0):
        """Everything written, once the writers are gone (or after timeout)."""
        self.reader.join(timeout)
        return self.text()


def run_fg(cmd, timeout):
    term = Terminal()
    p = term.start(cmd)
    extra = b""
    try:
        p.wait(timeout=timeout)
        rc = rc_of(p.returncode)
    except subprocess.TimeoutExpired:
        kill_group(p.pid)
        p.wait()
        extra = ("run_script.py: timeout: '%s' still running after %g s, "
                 "killed\n" % (cmd, timeout)).encode()
        rc = 124
    # A process the command left behind in its group may hold the terminal.
    data = term.finish()
    if term.reader.is_alive():
        kill_group(p.pid)
        data = term.finish()
    emit_stream(data + extra)
    out("[rc=%d]\n" % rc)


class Job:
    def __init__(self, n, cmd):
        self.n = n
        self.cmd = cmd
        self.term = Terminal()
        self.p = self.term.start(cmd)
        self.reaped = False

    def wait_capturing(self):
        """tcpdump: return once it is really capturing (or has exited)."""
        deadline = time.monotonic() + CAPTURE_READY_TIMEOUT
        while time.monotonic() < deadline:
            if b"listening on" in self.term.text():
                return True
            if self.p.poll() is not None:
                return True
            time.sleep(0.02)
        return False


def uses_tcpdump(cmd):
    return re.search(r"(^|\s|/)tcpdump(\s|$)", cmd) is not None


def run_script(cmds, timeout):
    jobs = {}
    try:
        for cmd in cmds:
            out("$ %s\n" % cmd)
            m_bg = BG_RE.match(cmd)
            m_kill = KILL_RE.match(cmd)
            m_sleep = SLEEP_RE.match(cmd)
            if m_bg:
                n = len(jobs) + 1
                job = Job(n, m_bg.group(1))
                jobs[n] = job
                if uses_tcpdump(job.cmd) and not job.wait_capturing():
                    print("run_script.py: warning: job %d did not report "
                          "'listening on' within %g s"
                          % (n, CAPTURE_READY_TIMEOUT), file=sys.stderr)
                out("[%d] started\n[rc=0]\n" % n)
            elif m_kill:
                n = int(m_kill.group(1))
                if n not in jobs or jobs[n].reaped:
                    out("bash: kill: %%%d: no such job\n[rc=1]\n" % n)
                    continue
                kill_group(jobs[n].p.pid, signal.SIGTERM)
                out("[rc=0]\n")
            elif cmd == "wait":
                for n in sorted(jobs):
                    job = jobs[n]
                    if job.reaped:
                        continue
                    extra = b""
                    try:
                        job.p.wait(timeout=timeout)
                    except subprocess.TimeoutExpired:
                        kill_group(job.p.pid)
                        job.p.wait()
                        extra = ("run_script.py: timeout: job %d still "
                                 "running after %g s, killed\n"
                                 % (n, timeout)).encode()
                    job.reaped = True
                    out("[%d] %s\n" % (n, job.cmd))
                    emit_stream(job.term.finish() + extra)
                    out("[%d] rc=%d\n" % (n, rc_of(job.p.returncode)))
                out("[rc=0]\n")
            elif m_sleep:
                time.sleep(float(m_sleep.group(1)))
                out("[rc=0]\n")
            else:
                run_fg(cmd, timeout)
                if LINK_UPDOWN_RE.search(cmd):
                    time.sleep(LINK_SETTLE)
            sys.stdout.flush()
    finally:
        for job in jobs.values():
            if job.p.poll() is None:
                kill_group(job.p.pid)
                job.p.wait()


# ---------------------------------------------------------------- namespaces

def setup_inside():
    """Inside the new mount+net namespace: private /run/netns and /sys."""
    # Refuse to touch the mounts of the caller's (the host's) namespaces,
    # e.g. when VETHLAB_REALNET_INSIDE leaked into a host shell.  The outer
    # runner passes its own namespace inodes; by hand, pass "1" and we
    # compare with PID 1's namespaces (when /proc/1/ns is readable).
    outer = os.environ.get(INSIDE_ENV, "")
    for ns in ("net", "mnt"):
        mine = os.stat("/proc/self/ns/" + ns).st_ino
        m = re.search(r"%s:(\d+)" % ns, outer)
        try:
            theirs = int(m.group(1)) if m else \
                os.stat("/proc/1/ns/" + ns).st_ino
        except OSError:
            die("refusing to run: cannot check that this is a private %s "
                "namespace" % ns, 3)
        if mine == theirs:
            die("refusing to run: not inside a private %s namespace" % ns, 3)
    os.makedirs("/run/netns", exist_ok=True)
    for argv in (["mount", "--make-rprivate", "/"],
                 ["mount", "-t", "tmpfs", "-o", "mode=0755",
                  "vethlab-netns", "/run/netns"],
                 ["mount", "-t", "sysfs", "sysfs", "/sys"]):
        r = subprocess.run(argv, capture_output=True, text=True, timeout=10)
        if r.returncode != 0:
            die("inside namespace: %s failed: %s"
                % (" ".join(argv), r.stderr.strip()), 3)
    # A booted host: its init (ifupdown's `auto lo`, systemd-networkd)
    # has brought lo up.  Namespaces the script makes keep lo DOWN.
    r = subprocess.run(["ip", "link", "set", "lo", "up"], capture_output=True,
                       text=True, timeout=10)
    if r.returncode != 0:
        die("inside namespace: ip link set lo up failed: %s"
            % r.stderr.strip(), 3)


def reexec_under_unshare(args, total_timeout):
    if os.geteuid() != 0:
        skip("needs root for network namespaces")
    for tool in ("unshare", "ip", "bash", "mount"):
        if shutil.which(tool) is None:
            skip("%s not found" % tool)
    probe = ["unshare", "--mount", "--net", "--propagation", "private",
             "true"]
    try:
        r = subprocess.run(probe, capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        skip("unshare probe timed out")
    if r.returncode != 0:
        skip("unshare --mount --net not permitted: %s"
             % (r.stderr.strip() or "rc=%d" % r.returncode))
    env = dict(os.environ)
    env[INSIDE_ENV] = "net:%d,mnt:%d" % (
        os.stat("/proc/self/ns/net").st_ino,
        os.stat("/proc/self/ns/mnt").st_ino)
    argv = probe[:-1] + ["--", sys.executable,
                         os.path.abspath(__file__)] + args
    p = subprocess.Popen(argv, env=env, start_new_session=True)
    try:
        rc = p.wait(timeout=total_timeout)
    except subprocess.TimeoutExpired:
        kill_group(p.pid)
        p.wait()
        die("whole script still running after %g s, killed" % total_timeout,
            124)
    except KeyboardInterrupt:
        kill_group(p.pid)
        p.wait()
        raise
    sys.exit(rc)


def main():
    args = sys.argv[1:]
    timeout = DEFAULT_TIMEOUT
    total = DEFAULT_TOTAL_TIMEOUT
    rest = list(args)
    script = None
    while rest:
        a = rest.pop(0)
        if a == "--timeout" and rest:
            timeout = float(rest.pop(0))
        elif a == "--total-timeout" and rest:
            total = float(rest.pop(0))
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        elif script is None and not a.startswith("-"):
            script = a
        else:
            die("usage: run_script.py [--timeout S] [--total-timeout S] "
                "SCRIPT")
    if script is None:
        die("usage: run_script.py [--timeout S] [--total-timeout S] SCRIPT")
    cmds = parse_script(script)
    if not os.environ.get(INSIDE_ENV):
        reexec_under_unshare(args, total)
    setup_inside()
    # SIGTERM from the outer runner: clean up jobs via the finally clause.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    run_script(cmds, timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
