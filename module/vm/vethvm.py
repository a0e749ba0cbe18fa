#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot the Debian kernel in qemu with vethlab.ko and drive its console.

    vethvm.py [options] shell           interactive root shell in the VM
    vethvm.py [options] run -- CMD...   run commands, exit with the last rc
    vethvm.py [options] test            run guest/vm-tests.sh, one boot

Nothing here needs root on the host and nothing touches the host's network:
the initramfs is written by this script (cpio newc, uid 0 in the headers),
qemu's two network cards end in unix sockets this script holds (no host
network), and every network command runs inside the guest.

What the harness takes as a verdict never comes from the console, which
anything in the guest can write: the suite writes its verdicts to a
virtio-serial port that the guest's first shell opened at boot and holds
(a port opens once at a time, so nothing started later can open it), and
the data path is judged by the host itself, from frames it draws at run
time and sends through the module's pair (module/README.md).
"""

import argparse
import base64
import fcntl
import gzip
import hashlib
import io
import os
import re
import shlex
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

try:
    import pexpect
except ImportError:
    sys.exit("vethvm: python3-pexpect is missing; install it with "
             "'apt-get install python3-pexpect' or 'pip install pexpect'")

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import accel as accelmod  # noqa: E402
from qmp import QMP, QMPError  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
GUEST = os.path.join(HERE, "guest")
BUILD = os.path.join(ROOT, "build", "vm")
# where the saved guests (snap-<hash>.mig) and their locks are: build/vm, or
# another checkout's (the student release's check uses the instructor's; a
# snapshot's name says which guest it fits, so only a fitting one is used)
SNAPDIR = os.path.abspath(os.environ.get("VETHVM_SNAPDIR") or BUILD)

# Host programs copied into the guest, with the libraries ldd lists.
HOST_PROGS = ["ip", "ping", "tcpdump", "ethtool"]
# Debian's busybox-static prefers its own applets over $PATH, so the
# guest's /bin/sh is the host's dash and busybox only fills in /bbin.
SHELL = "/bin/dash"
# Kernel modules copied from /lib/modules/<ver>/kernel (path, optional).
STOCK_MODULES = [("drivers/net/veth.ko", False), ("net/core/pktgen.ko", True)]
# the verdict port and the two NICs: Debian builds virtio as modules; init
# loads them from /lib/modules/virtio/ in this order
VIRTIO_MODULES = ["drivers/virtio/virtio.ko", "drivers/virtio/virtio_ring.ko",
                  "drivers/virtio/virtio_pci_legacy_dev.ko",
                  "drivers/virtio/virtio_pci_modern_dev.ko",
                  "drivers/virtio/virtio_pci.ko", "drivers/char/virtio_console.ko",
                  "net/core/failover.ko", "drivers/net/net_failover.ko",
                  "drivers/net/virtio_net.ko"]
# the virtio-serial port the suite writes its verdicts to (guest/init)
CHANNEL = "vethlab.verdict"
# the guest's eth0 and eth1, and the host's made-up ends of their wires
NIC_MACS = ("52:54:00:76:6c:10", "52:54:00:76:6c:11")
HOST_MACS = ("52:54:00:76:6c:01", "52:54:00:76:6c:02")
# stands in for the rundir in the qemu command line a snapshot is named by
RUNDIR = "@RUNDIR@"

READY = "VETHLAB-READY"
RC_RE = re.compile(rb"@@RC=(\d+)@@\r?\n")
# With oops=panic and panic=-1 any oops ends in a panic and qemu exits
# (-no-reboot), so these are seen just before EOF.
FATAL_RE = re.compile(rb"(BUG: [^\r\n]*|Oops[^\r\n]*|"
                      rb"Kernel panic - not syncing[^\r\n]*|"
                      rb"general protection fault[^\r\n]*)")


# one lock for every line written: the suite's lanes are threads, and a
# verdict glued to the end of a log line would be lost to its reader
OUT_LOCK = threading.Lock()


def say(text, f=None):
    f = f or sys.stdout
    with OUT_LOCK:
        f.write(text)
        f.flush()


class VMError(Exception):
    """Something ended the VM run; str() is the one-line message."""


class PartTimeout(Exception):
    """A part of the suite ran past its time limit (VM.stream)."""


def die(msg, code=1):
    say("vethvm: " + msg + "\n", sys.stderr)
    sys.exit(code)


def find_prog(name):
    for d in ("/usr/sbin", "/usr/bin", "/sbin", "/bin"):
        p = os.path.join(d, name)
        if os.access(p, os.X_OK):
            return p
    raise VMError("%s not found on the host; install it (apt-get install "
                  "iproute2 iputils-ping tcpdump ethtool)" % name)


def ldd(path):
    """Shared libraries of an executable, as absolute host paths."""
    out = subprocess.run(["ldd", path], capture_output=True, text=True)
    libs = []
    for line in out.stdout.splitlines():
        m = re.search(r"(/\S+) \(0x", line)
        if m and os.path.exists(m.group(1)):
            libs.append(m.group(1))
    return libs


class Cpio:
    """A minimal writer for the newc format the kernel unpacks."""

    def __init__(self):
        self.buf = io.BytesIO()
        self.ino = 1
        self.seen = set()

    def _entry(self, name, mode, data=b"", rdev=(0, 0)):
        name = name.lstrip("/")
        if name in self.seen:
            return
        self.seen.add(name)
        nb = name.encode() + b"\0"
        hdr = "070701" + "".join("%08X" % v for v in (
            self.ino, mode, 0, 0, 1, 0, len(data), 0, 0,
            rdev[0], rdev[1], len(nb), 0))
        self.ino += 1
        self.buf.write(hdr.encode() + nb)
        self.buf.write(b"\0" * (-(110 + len(nb)) % 4))
        self.buf.write(data)
        self.buf.write(b"\0" * (-len(data) % 4))

    def dir(self, name):
        parts = name.strip("/").split("/")
        for i in range(1, len(parts) + 1):
            self._entry("/".join(parts[:i]), 0o040755)

    def file(self, name, data, mode=0o644):
        self.dir(os.path.dirname(name.strip("/")) or ".")
        self._entry(name, 0o100000 | mode, data)

    def symlink(self, name, target):
        self.dir(os.path.dirname(name.strip("/")) or ".")
        self._entry(name, 0o120777, target.encode())

    def chardev(self, name, major, minor):
        self._entry(name, 0o020600, rdev=(major, minor))

    def host_file(self, src, dst=None):
        with open(src, "rb") as f:
            data = f.read()
        mode = os.stat(src).st_mode & 0o777
        self.file(dst or src, data, mode)

    def finish(self):
        self._entry("TRAILER!!!", 0)
        self.buf.write(b"\0" * (-self.buf.tell() % 512))
        return self.buf.getvalue()


def initramfs_inputs(kver, kos):
    """(guest path, host path) for every file the initramfs holds."""
    files = [("/bin/busybox", "/bin/busybox")]
    if not os.path.exists("/bin/busybox"):
        raise VMError("/bin/busybox not found; install busybox-static")
    if not os.path.exists(SHELL):
        raise VMError("%s not found; install dash" % SHELL)
    files.append(("/bin/sh", os.path.realpath(SHELL)))
    libs = set(ldd(SHELL))
    for p in HOST_PROGS:
        path = find_prog(p)
        files.append(("/usr/sbin/" + p, os.path.realpath(path)))
        libs.update(ldd(path))
    # the guest has no /usr merge: each library goes where ldd found it
    for lib in sorted(libs):
        files.append((lib, os.path.realpath(lib)))
    mdir = "/lib/modules/%s/kernel" % kver
    for rel, optional in STOCK_MODULES:
        src = os.path.join(mdir, rel)
        if not os.path.exists(src):
            if optional:
                continue
            raise VMError("%s not found; install linux-image-%s" %
                          (src, kver))
        files.append(("/lib/modules/" + os.path.basename(rel), src))
    for rel in VIRTIO_MODULES:
        src = os.path.join(mdir, rel)
        if not os.path.exists(src):
            raise VMError("%s not found; install linux-image-%s" % (src, kver))
        files.append(("/lib/modules/virtio/" + os.path.basename(rel), src))
    kind = build_kindstub(kver)
    if kind:
        files.append(("/lib/modules/vethkind.ko", kind))
    for ko in kos:
        if not os.path.exists(ko):
            raise VMError("%s not found; build it with 'make -C module'" %
                          ko)
        files.append(("/lib/modules/" + os.path.basename(ko), ko))
    files.append(("/usr/sbin/vethlab-reseed", build_reseed()))
    for name in sorted(os.listdir(GUEST)):
        files.append(("/vm/" + name, os.path.join(GUEST, name)))
    return files


def build_reseed():
    """build/vm/vethlab-reseed, static, from reseed.c."""
    src = os.path.join(HERE, "reseed.c")
    out = os.path.join(BUILD, "vethlab-reseed")
    if os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(src):
        return out
    os.makedirs(BUILD, exist_ok=True)
    tmp = "%s.%d.tmp" % (out, os.getpid())
    p = subprocess.run(["cc", "-std=c11", "-D_DEFAULT_SOURCE", "-O2",
                        "-Wall", "-Wextra", "-Werror", "-static", "-o", tmp,
                        src], capture_output=True, text=True)
    if p.returncode:
        raise VMError("cannot build %s: %s; install gcc and libc6-dev" % (
            src, (p.stderr.strip().splitlines() or ["cc failed"])[0]))
    os.replace(tmp, out)
    return out


def build_kindstub(kver):
    """build/vm/vethkind/vethkind.ko from vethkind.c, with Kbuild: the kind
    "veth" without veth.ko, for the suite's kind_* tests (the stock veth.ko
    is gone from the guest before a student's module loads). None, and the
    kind tests fail saying why, where the kernel headers are missing."""
    src = os.path.join(HERE, "vethkind.c")
    kdir = "/lib/modules/%s/build" % kver
    out_dir = os.path.join(BUILD, "vethkind-" + kver)
    ko = os.path.join(out_dir, "vethkind.ko")

    def current():
        # the recipe is here: a newer vethvm.py builds it again
        return os.path.exists(ko) and os.path.getmtime(ko) >= max(
            os.path.getmtime(src), os.path.getmtime(os.path.abspath(__file__)))

    if not os.path.exists(os.path.join(kdir, "Makefile")):
        return ko if current() else None
    os.makedirs(BUILD, exist_ok=True)
    # one Kbuild at a time in out_dir, and no reader while it writes the .ko:
    # make test starts several VM users at once, and two builds there broke
    # each other's modpost
    with open(out_dir + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if current():
            return ko
        return _kbuild_kindstub(src, kdir, out_dir, ko)


def _kbuild_kindstub(src, kdir, out_dir, ko):
    os.makedirs(out_dir, exist_ok=True)
    shutil.copy(src, os.path.join(out_dir, "vethkind.c"))
    with open(os.path.join(out_dir, "Kbuild"), "w") as f:
        f.write("obj-m := vethkind.o\n")
    # the same bytes from any checkout (no path in its debug info, so the
    # same build id): another checkout's initramfs is then the same file,
    # and fits the same saved guests (VETHVM_SNAPDIR)
    p = subprocess.run(["make", "-s", "-C", kdir, "M=" + out_dir,
                        "KCFLAGS=-ffile-prefix-map=%s/=" % out_dir, "modules"],
                       capture_output=True, text=True)
    if p.returncode or not os.path.exists(ko):
        raise VMError("cannot build %s: %s" % (src, (p.stderr.strip().splitlines()
                                                     or ["make failed"])[-1]))
    return ko


def build_initramfs(kver, kos, log):
    """Build (or reuse) build/vm/initramfs-<hash>.cpio.gz."""
    files = initramfs_inputs(kver, kos)
    h = hashlib.sha256(kver.encode())
    for dst, src in files:
        h.update(dst.encode() + b"\0")
        with open(src, "rb") as f:
            h.update(hashlib.sha256(f.read()).digest())
        if os.path.islink(src):
            h.update(os.readlink(src).encode())
    key = h.hexdigest()[:16]
    out = os.path.join(BUILD, "initramfs-%s.cpio.gz" % key)
    if os.path.exists(out):
        log("initramfs: cached %s" % os.path.relpath(out, ROOT))
        return out
    log("initramfs: building %s" % os.path.relpath(out, ROOT))
    c = Cpio()
    for d in ("dev", "proc", "sys", "tmp", "run", "etc", "root",
              "var", "bbin", "usr/bin", "usr/sbin"):
        c.dir(d)
    c.symlink("var/run", "/run")
    c.chardev("dev/console", 5, 1)
    c.chardev("dev/null", 1, 3)
    for dst, src in files:
        if os.path.islink(src):
            c.symlink(dst, os.readlink(src))
        else:
            c.host_file(src, dst)
    c.file("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n"
           b"tcpdump:x:102:109::/nonexistent:/bin/false\n")
    c.file("etc/group", b"root:x:0:\ntcpdump:x:109:\n")
    with open(os.path.join(GUEST, "init"), "rb") as f:
        c.file("init", f.read(), 0o755)
    os.makedirs(BUILD, exist_ok=True)
    # keep the four newest images (solutions, exercises, ...)
    olds = sorted((os.path.getmtime(os.path.join(BUILD, f)), f)
                  for f in os.listdir(BUILD)
                  if f.startswith("initramfs-") and f.endswith(".cpio.gz"))
    for _, f in olds[:-3]:
        try:
            os.unlink(os.path.join(BUILD, f))
        except FileNotFoundError:
            pass
    tmp = "%s.%d.tmp" % (out, os.getpid())
    with open(tmp, "wb") as f:
        f.write(gzip.compress(c.finish(), compresslevel=1))
    os.rename(tmp, out)
    return out


SNAP_KEEP = 4           # newest snapshots kept in build/vm (plain and
                        # prepared for the suite, this and the last guest)
RESTORE_TIMEOUT = 30    # seconds a restore may take before a cold boot
SAVE_TIMEOUT = 60       # seconds saving the booted guest may take
PREPARE_TIMEOUT = 300   # seconds the prepare command may take
WAIT_SAY = 15           # seconds between the lines of a wait for a lock


def find_qemu(path=None):
    qemu = path or os.environ.get("VETHVM_QEMU") or \
        shutil.which("qemu-system-x86_64")
    if not qemu or not os.access(qemu, os.X_OK):
        raise VMError("qemu-system-x86_64 not found; install "
                      "qemu-system-x86")
    return qemu


def file_id(path):
    """Name, size and mtime: enough to notice a replaced file."""
    st = os.stat(path)
    return "%s %d %d" % (path, st.st_size, st.st_mtime_ns)


def shown(path):
    """A path as the log shows it: from the top of the kit if inside it."""
    rel = os.path.relpath(path, ROOT)
    return path if rel.startswith("..") else rel


def lock_snapshot(snap, limit, log):
    """Take the lock for making snap: flock on snap-<hash>.lock beside it.
    A process that holds it is making that guest; wait for it (saying so
    every WAIT_SAY seconds), then look again, instead of booting cold too.
    Returns the lock's descriptor, or None after limit seconds: the holder
    is stuck past every time limit of its own, so go on without the lock
    (the saves are atomic: at worst a second cold boot, never a torn
    file)."""
    try:
        os.makedirs(os.path.dirname(snap), exist_ok=True)
        fd = os.open(snap[:-len(".mig")] + ".lock", os.O_RDWR | os.O_CREAT,
                     0o666)
    except OSError as e:
        # a read-only kit: nothing will be saved there either
        log("cannot lock %s (%s); going on without the lock" % (
            shown(snap), e.strerror))
        return None
    t0 = said = time.monotonic()
    waited = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if waited:
                log("waited %.1f s for the saved guest %s" % (
                    time.monotonic() - t0, shown(snap)))
            return fd
        except BlockingIOError:
            pass
        now = time.monotonic()
        if not waited:
            log("waiting for another process making the saved guest %s "
                "(up to %d s)" % (shown(snap), limit))
            waited = True
        elif now - said >= WAIT_SAY:
            log("still waiting for the saved guest %s: %.0f of %d s" % (
                shown(snap), now - t0, limit))
            said = now
        if now - t0 >= limit:
            os.close(fd)
            log("gave up waiting for the saved guest %s after %d s; going "
                "on without it" % (shown(snap), limit))
            return None
        time.sleep(0.1)


def unlock_snapshot(fd):
    if fd is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def prune_snapshot(snap):
    """Delete an old saved guest, and its lock unless a process holds it
    (one waiting for it then still makes its guest: at worst twice)."""
    try:
        os.unlink(snap)
    except FileNotFoundError:
        pass
    lock = snap[:-len(".mig")] + ".lock"
    try:
        fd = os.open(lock, os.O_RDWR)
    except FileNotFoundError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.unlink(lock)
    except (BlockingIOError, FileNotFoundError):
        pass
    finally:
        os.close(fd)


def stripped(ko):
    """The module without debug info: the same code, a tenth the bytes to
    send over the serial console."""
    fd, tmp = tempfile.mkstemp(suffix=".ko")
    os.close(fd)
    try:
        if shutil.which("objcopy") and subprocess.run(
                ["objcopy", "--strip-debug", ko, tmp],
                capture_output=True).returncode == 0:
            with open(tmp, "rb") as f:
                return f.read()
        with open(ko, "rb") as f:
            return f.read()
    finally:
        os.unlink(tmp)


class VM:
    """One qemu process and its serial console.

    A boot is either cold (the kernel boots, init runs, the shell starts:
    5-10 s under TCG) or a restore of the guest saved right after such a
    boot (under 1 s). The saved guest holds only the kit's fixed files;
    the modules under test (--ko) are sent over the console afterwards, so
    one snapshot serves every submission."""

    def __init__(self, kver, kos, verbose=False, boot_timeout=120,
                 smp=1, append="", kernel=None, qemu_args=(),
                 accel=None, snapshot=True, qemu=None, prepare=None):
        self.kver = kver
        # prepare: a shell command run on the plain guest (a cold boot's, or
        # its saved copy restored) before it is saved again as the prepared
        # guest (the suite's stock transcripts); it names the snapshot
        self.prepare = prepare
        self.qemu_args = list(qemu_args)
        self.kernel = kernel or "/boot/vmlinuz-%s" % kver
        self.kos = kos
        self.verbose = verbose
        self.boot_timeout = boot_timeout
        self.smp = smp
        self.append = append
        # VM_ACCEL, as for vethvm.py: every guest of a run on the same
        # command line, so that they share their saved guests
        self.want_accel = accel or os.environ.get("VM_ACCEL") or "auto"
        # snapshot: True (restore if saved, else boot cold and save),
        # False (boot cold), "fresh" (boot cold and save anew).
        # -v shows the boot console, which a restored guest does not have
        self.snapshot = snapshot if not verbose else False
        self.qemu_path = qemu
        # seconds to wait for another process making the saved guest; by
        # default the longest that making the prepared guest may take
        self.wait_limit = boot_timeout + PREPARE_TIMEOUT + \
            2 * (SAVE_TIMEOUT + RESTORE_TIMEOUT)
        self.child = None
        self.qmp = None
        self.rundir = None
        self.buf = b""
        self.hist = b""
        self.boot_seconds = None
        self.boot_kind = None
        self.accel = None
        self.line_filter = None
        self.nics = []
        self.chan_buf = b""
        self.chan_off = 0

    def log(self, msg):
        say("vethvm: " + msg + "\n", sys.stderr)

    def choose_accel(self):
        if "-icount" in self.qemu_args:
            self.accel = "tcg"
            self.log("tcg: -icount needs the emulator")
            return
        try:
            self.accel, why = accelmod.choose(
                self.qemu, self.kernel, BUILD, self.want_accel)
        except accelmod.AccelError as e:
            raise VMError(str(e))
        self.log(why)

    def qemu_cmd(self, initrd):
        if self.accel == "kvm":
            accel = ["-accel", "kvm", "-cpu", "max"]
        elif "-icount" in self.qemu_args:
            accel = ["-accel", "tcg", "-cpu", "max"]   # one thread
        else:
            accel = ["-accel", "tcg,thread=multi", "-cpu", "max"]
        if self.verbose:
            # the whole console: every kernel line, not only errors
            append = "console=ttyS0 panic=-1 oops=panic softlockup_panic=1 " \
                     "loglevel=7 mitigations=off rdinit=/init "
        else:
            append = "console=ttyS0 panic=-1 oops=panic softlockup_panic=1 " \
                     "quiet loglevel=3 mitigations=off rdinit=/init "
        # the verdict port, written to a file the host reads; two NICs
        # whose wires end in unix datagram sockets of this run's rundir
        # (RUNDIR: the snapshot's name must not depend on it)
        chan = ["-device", "virtio-serial-pci",
                "-chardev", "file,id=verdict,path=%s/verdict" % RUNDIR,
                "-device", "virtserialport,chardev=verdict,name=" + CHANNEL]
        for k in (0, 1):
            chan += ["-netdev", "dgram,id=n%d,local.type=unix,"
                     "local.path=%s/q%d,remote.type=unix,remote.path=%s/h%d"
                     % (k, RUNDIR, k, RUNDIR, k),
                     "-device", "virtio-net-pci,netdev=n%d,mac=%s" %
                     (k, NIC_MACS[k])]
        return [self.qemu, *accel, "-smp", str(self.smp), "-m", "512M",
                "-nographic", "-nic", "none", "-no-reboot",
                "-kernel", self.kernel, "-initrd", initrd,
                "-append", (append + self.append).strip()] + chan + \
            self.qemu_args

    def snapshot_path(self, cmd, plain=False):
        """SNAPDIR/snap-<hash>.mig for exactly this qemu, kernel, initramfs
        and command line, prepared with this VM's prepare command or, with
        plain, not prepared. The initramfs counts by its name, which is the
        hash of its contents, not by its path or age: another checkout's
        build of the same image fits the same guest (VETHVM_SNAPDIR)."""
        k = cmd.index("-initrd") + 1
        initrd = cmd[k]
        key = cmd[:k] + [os.path.basename(initrd)] + cmd[k + 1:]
        h = hashlib.sha256("\0".join(
            key + ["" if plain else self.prepare or ""]).encode())
        for path in (self.qemu, self.kernel):
            h.update(file_id(path).encode())
        h.update(b" %d" % os.path.getsize(initrd))
        return os.path.join(SNAPDIR, "snap-%s.mig" % h.hexdigest()[:16])

    def _spawn(self, cmd):
        self.rundir = tempfile.mkdtemp(prefix="vethvm-")
        sock = os.path.join(self.rundir, "qmp.sock")
        cmd = [a.replace(RUNDIR, self.rundir) for a in cmd]
        cmd = cmd + ["-qmp", "unix:%s,server=on,wait=off" % sock]
        self.buf = self.hist = b""
        self.chan_buf = b""
        self.chan_off = 0
        # the host's ends of the NICs' wires, there before qemu sends
        self.nics = []
        for k in (0, 1):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            s.bind(os.path.join(self.rundir, "h%d" % k))
            s.setblocking(False)
            self.nics.append(s)
        self.child = pexpect.spawn(cmd[0], cmd[1:], echo=False,
                                   timeout=None)
        self.child.delaybeforesend = None
        try:
            self.qmp = QMP(sock)
        except QMPError as e:
            raise self._fatal("start (%s)" % e)

    def start(self):
        self.qemu = find_qemu(self.qemu_path)
        if not os.access(self.kernel, os.R_OK):
            raise VMError("%s is missing or unreadable; install "
                          "linux-image-%s, pass --kver, or copy it where "
                          "you can read it and pass --kernel PATH" %
                          (self.kernel, self.kver))
        self.choose_accel()
        initrd = build_initramfs(self.kver, [], self.log)
        cmd = self.qemu_cmd(initrd)
        if self.snapshot:
            self.guest(cmd, plain=not self.prepare)
        else:
            self.boot(cmd, None)
            if self.prepare:
                self.run_prepare()
        for ko in self.kos:
            self.put_file(stripped(ko), "/lib/modules/" +
                          os.path.basename(ko))

    def guest(self, cmd, plain):
        """Leave the guest of snapshot_path(cmd, plain) running: restored
        from that file if it is there; else made and saved, holding the
        file's lock, so that other processes wanting it wait instead of
        booting cold too. A plain guest is made by a cold boot; a prepared
        one from the plain guest of the same command line (restored, or
        made as above and saved too) by running the prepare command. So a
        build/vm without snapshots costs one cold boot for both, and the
        plain guest is the one the operational labs restore
        (vethlab/oplabs/runner.py)."""
        snap = self.snapshot_path(cmd, plain)
        fresh = self.snapshot == "fresh"
        if not fresh and self.boot(cmd, snap):
            return
        lock = lock_snapshot(snap, self.wait_limit, self.log)
        try:
            # saved by the process we waited for, or before we looked
            if not fresh and self.boot(cmd, snap):
                return
            if plain:
                self.boot(cmd, None)
            else:
                self.guest(cmd, plain=True)
                if self.boot_kind == "restored":
                    self.boot_kind = "restored plain guest"
                if not self.run_prepare():
                    return
            self.save(snap)
        finally:
            unlock_snapshot(lock)

    def boot(self, cmd, snap):
        """Restore the guest saved in snap, or boot cold if snap is None.
        False if snap is not there, or if restoring it failed (then it is
        deleted, the half-started qemu stopped)."""
        t0 = time.monotonic()
        if snap is None:
            self.cold_boot(cmd)
            self.boot_kind = "cold boot"
        else:
            if not os.path.exists(snap):
                return False
            try:
                self.restore(cmd, snap)
            except VMError as e:
                self.stop()
                self.log("restoring %s failed (%s); booting cold" %
                         (shown(snap), e))
                try:
                    os.unlink(snap)
                except FileNotFoundError:
                    pass
                return False
            self.boot_kind = "restored"
        self.boot_seconds = time.monotonic() - t0
        self.log("shell up after %.2f s (%s, %s)" % (
            self.boot_seconds, self.boot_kind, self.accel))
        return True

    def run_prepare(self):
        """Run the prepare command in the guest; False if it failed."""
        t1 = time.monotonic()
        rc, out = self.run(self.prepare, timeout=PREPARE_TIMEOUT, show=False,
                           what="prepare")
        if rc:
            self.log("'%s' failed (%s); not saving the guest" % (
                self.prepare, out.strip()[-200:]))
            return False
        self.log("prepared the guest in %.1f s (%s)" % (
            time.monotonic() - t1, self.prepare))
        return True

    def cold_boot(self, cmd):
        self.log("booting %s (%s)%s" % (
            self.kver, self.accel, ": the console follows" if self.verbose
            else ""))
        self._spawn(cmd)
        self.wait_for(READY.encode() + rb"\r?\n", self.boot_timeout,
                      show=self.verbose, what="boot",
                      hint="rerun with -v to see the console%s, or raise "
                      "--boot-timeout" % (
                          ", VM_ACCEL=tcg to leave KVM out"
                          if self.accel == "kvm" else ""))
        # swallow the shell banner and prompts
        self.child.send("PS1=''; PS2=''; echo @@RC=0@@\n")
        self.wait_for(RC_RE, 30, what="shell start")

    def restore(self, cmd, snap):
        """Load the guest saved by save(): paused, then continued."""
        self._spawn(cmd + ["-incoming", "exec:cat %s" % shlex.quote(snap)])
        try:
            st = self.qmp.wait_status(("paused", "running", "postmigrate"),
                                      RESTORE_TIMEOUT)
            if st != "running":
                self.qmp.cmd("cont")
        except QMPError as e:
            raise self._fatal("restore (%s)" % e)
        self.child.send("echo @@RC=0@@\n")
        self.wait_for(RC_RE, RESTORE_TIMEOUT, what="restore")
        # the saved random state is the same every time: mix in the host's
        rc, out = self.run("vethlab-reseed " + os.urandom(32).hex(),
                           show=False, what="reseed")
        if rc:
            self.log("could not reseed the guest's random numbers (%s); "
                     "MACs may repeat between runs" % out.strip()[:100])

    def save(self, snap):
        """Save the running guest as snap (atomically: other runs may be
        restoring the previous one), then let it go on."""
        t0 = time.monotonic()
        tmp = "%s.%d.%d.tmp" % (snap, os.getpid(), threading.get_ident())
        try:
            self.qmp.cmd("stop")
            self.qmp.migrate_to("exec:cat > %s" % shlex.quote(tmp),
                                SAVE_TIMEOUT)
            self.qmp.cmd("cont")
            os.replace(tmp, snap)
        except (QMPError, OSError) as e:
            self.log("could not save the booted guest (%s); every run "
                     "will boot cold" % e)
            try:
                os.unlink(tmp)
            except OSError:
                pass
            try:        # a failed migration leaves the guest stopped
                self.qmp.cmd("cont")
            except QMPError:
                pass
            return
        olds = sorted((os.path.getmtime(os.path.join(SNAPDIR, f)), f)
                      for f in os.listdir(SNAPDIR)
                      if f.startswith("snap-") and f.endswith(".mig"))
        for _, f in olds[:-SNAP_KEEP]:
            prune_snapshot(os.path.join(SNAPDIR, f))
        self.log("saved the guest as %s in %.1f s (%d MB); next runs "
                 "restore it" % (shown(snap), time.monotonic() - t0,
                                 os.path.getsize(snap) >> 20))

    def put_file(self, data, path, chunk=32768):
        """Write data to path in the guest through the console: gzipped (a
        module is a quarter of its size: the console carries ~15 KB/s
        under TCG), base64 in here-documents of chunk bytes, each
        acknowledged, then gunzip and a checksum."""
        t0 = time.monotonic()
        text = base64.encodebytes(gzip.compress(data, 6)).decode()
        q = shlex.quote(path)
        qz = shlex.quote(path + ".gz")
        rc, _ = self.run(": > %s" % qz, show=False, what="writing " + path)
        lines = text.splitlines(keepends=True)
        per = max(1, chunk // 77)
        for i in range(0, len(lines), per):
            body = "".join(lines[i:i + per])
            rc, out = self.run("base64 -d >> %s <<'@@B64@@'\n%s@@B64@@" %
                               (qz, body), show=False, what="sending " + path)
            if rc:
                raise VMError("sending %s to the guest failed: %s" %
                              (path, out.strip()[:200]))
        rc, out = self.run("gunzip -f %s && sha256sum %s" % (qz, q),
                           show=False, what="checking " + path)
        if rc or hashlib.sha256(data).hexdigest() not in out:
            raise VMError("%s arrived damaged in the guest (checksum); "
                          "try again" % path)
        self.log("%s sent (%d KB in %.2f s)" % (
            path, len(data) >> 10, time.monotonic() - t0))

    def _read(self, timeout):
        try:
            data = self.child.read_nonblocking(65536, timeout=timeout)
        except pexpect.TIMEOUT:
            return b""
        except pexpect.EOF:
            raise
        return data

    def _fatal(self, what):
        if self.child is not None:
            try:        # what qemu said before it went
                self.hist += self.child.read_nonblocking(65536, timeout=0.2)
            except (pexpect.TIMEOUT, pexpect.EOF, OSError):
                pass
        m = FATAL_RE.search(self.hist)
        tail = m.group(1).decode(errors="replace") if m else None
        said = [ln for ln in self.hist.decode(errors="replace").splitlines()
                if ln.startswith("qemu-system")]
        self.stop()
        if tail:
            return VMError("kernel died during %s: %s" % (what, tail))
        if said:
            return VMError("qemu exited during %s: %s" % (what,
                                                          said[-1].strip()))
        return VMError("qemu exited during %s; rerun with -v to see the "
                       "console" % what)

    def wait_for(self, regex, timeout, show=False, what="command",
                 out=None, hint="rerun with -v, or raise --timeout"):
        """Read until regex. Lines before it are printed if show and
        appended to the list out if given; after timeout seconds, stop
        qemu and raise VMError with hint."""
        rx = re.compile(regex)
        deadline = time.monotonic() + timeout
        keep = show or out is not None
        while True:
            m = rx.search(self.buf)
            if m:
                before = self.buf[:m.start()]
                self.buf = self.buf[m.end():]
                if keep:
                    self._emit(before, show, out)
                return m
            if keep:
                cut = self.buf.rfind(b"\n") + 1
                # keep a partial sentinel line in the buffer
                if cut:
                    self._emit(self.buf[:cut], show, out)
                    self.buf = self.buf[cut:]
            left = deadline - time.monotonic()
            if left <= 0:
                self.stop()
                raise VMError("%s timed out after %d s (%s); %s" %
                              (what, timeout, self.accel, hint))
            try:
                data = self._read(min(left, 0.5))
                self.hist = (self.hist + data)[-32768:]
                self.buf += data
            except pexpect.EOF:
                raise self._fatal(what)

    def _emit(self, data, show, out):
        text = data.replace(b"\r\n", b"\n").replace(b"\r", b"")
        text = text.decode(errors="replace")
        if self.line_filter:
            text = "".join(self.line_filter(ln)
                           for ln in text.splitlines(keepends=True))
        if out is not None:
            out.append(text)
        if show:
            sys.stdout.write(text)
            sys.stdout.flush()

    def run(self, cmd, timeout=300, show=True, what=None):
        """Run one shell command line; return (rc, its output)."""
        self.child.send(cmd.rstrip("\n") + "\n echo @@RC=$?@@\n")
        out = []
        m = self.wait_for(RC_RE, timeout, show=show, out=out,
                          what=what or ("'%s'" % cmd[:60]))
        return int(m.group(1)), "".join(out)

    def channel(self):
        """The complete lines written to the verdict port since the last
        call (the shell's fd 3 in the guest; see guest/init)."""
        if not self.rundir:
            return []
        try:
            with open(os.path.join(self.rundir, "verdict"), "rb") as f:
                f.seek(self.chan_off)
                data = f.read()
        except FileNotFoundError:
            return []
        self.chan_off += len(data)
        self.chan_buf += data
        cut = self.chan_buf.rfind(b"\n") + 1
        text, self.chan_buf = self.chan_buf[:cut], self.chan_buf[cut:]
        return text.decode(errors="replace").splitlines(keepends=True)

    def channel_until(self, last, timeout=5.0):
        """The port's lines up to one that equals last. A write to the port
        returns before qemu has it (virtio_console does not wait for the
        host), so what a command wrote may come after its exit status on
        the console: wait for its last line, up to timeout seconds."""
        lines = []
        end = time.monotonic() + timeout
        while True:
            lines += self.channel()
            if last in lines or time.monotonic() > end:
                return lines
            time.sleep(0.01)

    def check_channel(self):
        """The guest's shell holds the verdict port open as fd 3: say so
        once, or end the run (no verdict could be trusted without it)."""
        rc, out = self.run("echo @@CHANNEL@@ >&3", show=False,
                           what="the verdict port")
        if rc or "@@CHANNEL@@\n" not in self.channel_until("@@CHANNEL@@\n"):
            raise VMError("the guest's shell has no verdict port on fd 3 (%s); "
                          "was the initramfs built without virtio_console?"
                          % (out.strip()[:100] or "rc=%d" % rc))

    def nic_send(self, k, frame):
        """Put an Ethernet frame on the wire of the guest's eth<k>."""
        self.nics[k].sendto(frame, os.path.join(self.rundir, "q%d" % k))

    def nic_recv(self, k):
        """The frames the guest sent out of eth<k> since the last call."""
        out = []
        while True:
            try:
                out.append(self.nics[k].recv(65536))
            except (BlockingIOError, InterruptedError):
                return out

    def stream(self, cmd, on_line, deadline, end_re=None):
        """Run one shell command line; pass each line to on_line(line,
        trusted) as it comes: trusted for a line of the verdict port, not
        for one of the console (which anything in the guest can write).
        deadline() gives the monotonic time by which the next line must
        come (it may move as lines arrive); past it, qemu is stopped and
        PartTimeout raised. end_re: the port's last line, waited for (up
        to 5 s) after the exit status. Returns the exit status."""
        self.child.send(cmd.rstrip("\n") + "\n echo @@RC=$?@@\n")
        seen_end = False
        while True:
            for line in self.channel():
                seen_end = seen_end or bool(end_re and end_re.match(line))
                on_line(line, True)
            m = RC_RE.search(self.buf)
            end = m.start() if m else self.buf.rfind(b"\n") + 1
            if end:
                out = []
                self._emit(self.buf[:end], False, out)
                for line in "".join(out).splitlines(keepends=True):
                    on_line(line, False)
            if m:
                self.buf = self.buf[m.end():]
                # what the suite wrote last may still be on its way
                if end_re:
                    until = time.monotonic() + 5
                    while not seen_end and time.monotonic() < until:
                        for line in self.channel():
                            seen_end = seen_end or bool(end_re.match(line))
                            on_line(line, True)
                        time.sleep(0.01)
                for line in self.channel():
                    on_line(line, True)
                return int(m.group(1))
            self.buf = self.buf[end:]
            left = deadline() - time.monotonic()
            if left <= 0:
                self.stop()
                raise PartTimeout()
            try:
                data = self._read(min(left, 0.05))
                self.hist = (self.hist + data)[-32768:]
                self.buf += data
            except pexpect.EOF:
                raise self._fatal("vm-tests.sh")

    def interact(self):
        self.log("interactive shell; leave with 'poweroff -f' or Ctrl-]")
        if self.buf:
            sys.stdout.write(self.buf.decode(errors="replace"))
            self.buf = b""
        self.child.send("stty echo; PS1='vm# '; echo\n")
        try:
            self.child.interact(escape_character="\x1d")
        except OSError:
            pass

    def stop(self):
        """Stop qemu by its own PID: TERM, then KILL."""
        if self.qmp:
            self.qmp.close()
            self.qmp = None
        for sk in self.nics:
            sk.close()
        self.nics = []
        if self.rundir:
            shutil.rmtree(self.rundir, ignore_errors=True)
            self.rundir = None
        c = self.child
        if c is None:
            return
        self.child = None
        pid = c.pid
        if c.isalive():
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            for _ in range(50):
                if not c.isalive():
                    break
                time.sleep(0.1)
            if c.isalive():
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        try:
            c.close(force=False)
        except Exception:
            pass

    def poweroff(self):
        if self.child is None:
            return
        try:
            self.child.send("poweroff -f\n")
            self.child.expect(pexpect.EOF, timeout=20)
        except (pexpect.TIMEOUT, OSError):
            pass
        self.stop()


VERDICT_RE = re.compile(r"[A-Za-z0-9_]+: (OK|FAIL)\b|\d+ passed, \d+ failed")


def console_filter(line):
    """A console line as the harness passes it on: one that looks like a
    verdict (a module or a program it started printing to the console) is
    marked, so that no reader of the output takes it for one. Verdicts come
    from the verdict port only."""
    if VERDICT_RE.search(line):
        return "# not from the suite, ignored: " + line
    return line


def ipv4_sum(hdr):
    s = sum(struct.unpack("!%dH" % (len(hdr) // 2), hdr))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def mac(text):
    return bytes(int(x, 16) for x in text.split(":"))


class Challenge:
    """The host's own check of the data path: CHALLENGE_FRAMES UDP frames
    with payloads drawn now go in on the guest's eth0, which the suite put
    in a namespace with one end of a pair the module made; the other end's
    namespace routes them out of eth1 (guest/vm-tests.sh, challenge). Each
    must come out whole, with its TTL down by the two routers, or the
    module's pair did not carry it. Nothing in the guest can know the
    payloads before they cross."""

    SRC, DST = bytes([10, 200, 1, 1]), bytes([10, 200, 3, 1])

    def __init__(self, vm, n=None):
        self.vm = vm
        self.nonces = [os.urandom(16) for _ in range(n or CHALLENGE_FRAMES)]
        self.sent = False

    def frame(self, k):
        udp = struct.pack("!HHHH", 40000 + k, 9, 8 + 16, 0) + self.nonces[k]
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), k + 1, 0,
                         64, 17, 0, self.SRC, self.DST)
        ip = ip[:10] + struct.pack("!H", ipv4_sum(ip)) + ip[12:]
        return mac(NIC_MACS[0]) + mac(HOST_MACS[0]) + b"\x08\x00" + ip + udp

    def fire(self):
        self.vm.nic_recv(1)         # whatever the guest said before
        for k in range(len(self.nonces)):
            self.vm.nic_send(0, self.frame(k))
        self.sent = True

    def seen(self):
        """The nonces that came out of eth1 as the routers send them."""
        got = set()
        for f in self.vm.nic_recv(1):
            if len(f) < 14 + 20 + 8 + 16 or f[:6] != mac(HOST_MACS[1]) or \
                    f[12:14] != b"\x08\x00":
                continue
            ip = f[14:34]
            if ip[9] != 17 or ip[12:16] != self.SRC or ip[16:20] != self.DST \
                    or ip[8] != 62:
                continue
            got.add(f[42:58])
        return got & set(self.nonces)

    def result(self, grace=1.0):
        """(ok, why): every frame came out."""
        if not self.sent:
            return False, "the guest never set up the host's check"
        got = set()
        end = time.monotonic() + grace
        while True:
            got |= self.seen()
            if len(got) == len(self.nonces) or time.monotonic() > end:
                break
            time.sleep(0.02)
        n = len(self.nonces)
        if len(got) == n:
            return True, ""
        return False, "%d of the host's %d frames with random payloads came " \
            "out of the pair's other end" % (len(got), n)


CHALLENGE_FRAMES = 8
# the tests whose OK says that frames crossed the pair: taken only when the
# host's own frames crossed it in the same guest
DATAPATH = set("""seed_twons_ping seed_onens_ping seed_onens_via_veth
seed_tcpdump_arp_request seed_tcpdump_arp_reply seed_tcpdump_echo_request
trace_xmit_path counters_tx_rx counters_rx_tx counters_bytes counters_count
robust_del_during_flood_sent stock_same_twons stock_same_onens
stock_same_tcpdump""".split())


SUITE = os.path.join(GUEST, "vm-tests.sh")
# veth.ko's transcripts are made before the guest is saved; then it goes,
# so no student module can load it or call into it (module/README.md)
STOCK_PREPARE = "sh /vm/vm-tests.sh --stock && rm -f /lib/modules/veth.ko"
GATE_SECONDS = 30       # insmod and the pair gate, before the first part
PART_FACTOR, PART_SLACK = 5, 2.0    # a part's limit: ref * 5 + 2 s
STOCK_LIVE_SECONDS = 60  # making the stock transcripts in the run
MAX_RESTARTS = 3        # fresh guests per lane after a hang or a panic
TEST_LINE = re.compile(r"^([A-Za-z0-9_]+): (OK|FAIL)(?: \((.*)\))?\s*$")
COUNT_LINE = re.compile(r"^\d+ passed, \d+ failed\s*$")


def suite_parts(path=SUITE):
    """[(name, reference seconds, [tests])] from the PARTS list of
    vm-tests.sh, in the suite's order."""
    with open(path, encoding="utf-8") as f:
        m = re.search(r"^PARTS='\n(.*?)^'", f.read(), re.M | re.S)
    parts = []
    for line in m.group(1).splitlines():
        if re.match(r"^[a-z]", line):
            name, rest = line.split(" ", 1)
            secs, tests = rest.split(":", 1)
            parts.append((name, float(secs), tests.split()))
        elif line.strip():
            parts[-1][2].extend(line.split())
    return parts


def part_limit(secs):
    return secs * PART_FACTOR + PART_SLACK


GUEST_MB = 640      # one guest's 512 MB and qemu's own


def memory_mb():
    """What this process may use: the smaller of MemAvailable and the
    cgroup's limit (v2 memory.max or v1 memory.limit_in_bytes)."""
    best = None
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    best = int(line.split()[1]) // 1024
    except OSError:
        pass
    paths = ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"]
    try:
        with open("/proc/self/cgroup") as f:      # this process's own cgroup
            for line in f:
                _, ctrl, where = line.rstrip("\n").split(":", 2)
                if ctrl == "":
                    paths.append(f"/sys/fs/cgroup{where}/memory.max")
                elif "memory" in ctrl.split(","):
                    paths.append(f"/sys/fs/cgroup/memory{where}/memory.limit_in_bytes")
    except (OSError, ValueError):
        pass
    for path in paths:
        try:
            with open(path) as f:
                v = f.read().strip()
            if v.isdigit():
                mb = int(v) >> 20
                best = mb if best is None else min(best, mb)
        except OSError:
            pass
    return best or 0


def default_lanes():
    """Two guests where two CPUs and two guests' memory are there (a
    Gradescope container's 768 MB gets one)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(2, cpus, memory_mb() // GUEST_MB))


def plan_lanes(parts, n):
    """Split the parts into at most n lanes of about equal reference time,
    longest first; stock goes with seed (it compares seed's transcripts).
    Each lane keeps the suite's order."""
    units = {}
    for name, secs, _ in parts:
        key = "seed" if name == "stock" and "seed" in units else name
        units[key] = units.get(key, 0) + secs
    lanes = [[0.0, set()] for _ in range(max(1, n))]
    for key, secs in sorted(units.items(), key=lambda kv: -kv[1]):
        lane = min(lanes, key=lambda ln: ln[0])
        lane[0] += secs
        lane[1].add(key)
        if key == "seed":
            lane[1].add("stock")
    return [[p for p, _, _ in parts if p in ln[1]] for ln in lanes if ln[1]]


class Lane(threading.Thread):
    """One guest (or, after a hang or a panic, a fresh one) running some
    parts of the suite; its output is kept per part for the printer."""

    def __init__(self, names, parts, make_vm, board):
        super().__init__(daemon=True)
        self.names = names
        self.info = {p: (secs, tests) for p, secs, tests in parts}
        self.make_vm = make_vm
        self.board = board
        self.vm = None
        self.seconds = 0.0

    def put(self, part, line, verdict=None):
        """A line for the printer; verdict (name, ok, reason) only for a
        line of the verdict port or of the harness itself."""
        with self.board.cond:
            self.board.out[part].append(line)
            if verdict:
                self.board.count[verdict[1]] += 1
                self.board.verdicts[verdict[0]] = [verdict[1], verdict[2]]
            self.board.cond.notify_all()

    def verdict(self, part, name, ok, why=""):
        self.put(part, "%s: %s\n" % (name, "OK" if ok else "FAIL (%s)" % why),
                 (name, ok, why))

    def close(self, part):
        with self.board.cond:
            self.board.done.add(part)
            self.board.cond.notify_all()

    def needs_challenge(self, todo):
        return any(set(self.info[p][1]) & DATAPATH for p in todo)

    def run(self):
        todo = list(self.names)
        restarts = 0
        t0 = time.monotonic()
        while todo:
            st = {"part": None, "test": None, "seen": set(),
                  "until": time.monotonic() + GATE_SECONDS,
                  "challenge": None, "chal": None}

            def on_line(line, trusted):
                if not trusted:
                    self.put(st["part"] or todo[0], console_filter(line))
                    return
                text = line
                if text.startswith("# part "):
                    if st["part"]:
                        self.close(st["part"])
                    st["part"] = text[7:].strip()
                    st["test"] = None
                    st["until"] = time.monotonic() + part_limit(
                        self.info.get(st["part"], (60, []))[0])
                    if st["part"] == "stock" and \
                            self.vm.boot_kind != "restored":
                        # no saved stock transcripts: made in this run
                        st["until"] += STOCK_LIVE_SECONDS
                    return
                if text.startswith("# running "):
                    st["test"] = text[10:].strip()
                    return
                if text.startswith("# challenge ready"):
                    st["challenge"] = Challenge(self.vm)
                    st["challenge"].fire()
                    return
                if text.startswith("# challenge done"):
                    if st["challenge"]:
                        st["chal"] = st["challenge"].result()
                    return
                if COUNT_LINE.match(text):
                    return
                m = TEST_LINE.match(text)
                if not m:
                    self.put(st["part"] or todo[0], text)
                    if st["part"] and st["part"] == todo[-1] and \
                            text.startswith("# %s took" % st["part"]):
                        st["until"] = time.monotonic() + GATE_SECONDS
                    return
                name, ok = m.group(1), m.group(2) == "OK"
                why = "" if ok else (m.group(3) or "")
                if name in st["seen"] or name in self.board.verdicts:
                    # the suite says each once: a second line is not its own
                    ok, why = False, "reported twice on the verdict port"
                st["seen"].add(name)
                if ok and name in DATAPATH and need:
                    chal = st["chal"] or (False, "the guest never set up the "
                                          "host's check")
                    if not chal[0]:
                        ok, why = False, "the host's own check of the data " \
                            "path failed: %s; the guest's OK is not taken" % \
                            chal[1]
                self.verdict(st["part"] or todo[0], name, ok, why)

            need = self.needs_challenge(todo)
            why = None
            try:
                self.vm = self.make_vm()
                self.vm.start()
                self.vm.check_channel()
                st["until"] = time.monotonic() + GATE_SECONDS + (
                    STOCK_LIVE_SECONDS if self.vm.boot_kind != "restored"
                    else 0)
                self.vm.stream("VMT_FD=3%s sh /vm/vm-tests.sh %s" % (
                    " VMT_CHALLENGE=1" if need else "", " ".join(todo)),
                    on_line, lambda: st["until"], end_re=COUNT_LINE)
                self.vm.poweroff()
            except PartTimeout:
                part = st["part"] or todo[0]
                why = "the guest hung: part '%s' ran past its limit of " \
                      "%.0f s" % (part, part_limit(self.info[part][0])) \
                      if st["part"] else "the guest hung before the " \
                      "first test (insmod or the pair gate)"
            except VMError as e:
                why = str(e)
            finally:
                if self.vm:
                    self.vm.stop()
            if why is None:
                for p in todo:
                    self.close(p)
                break
            part = st["part"] or todo[0]
            rest = todo[todo.index(part) + 1:]
            running = st["test"]
            for n in self.info[part][1]:
                if n in st["seen"]:
                    continue
                if n == running:
                    self.verdict(part, n, False, "%s while this test ran" %
                                 why)
                else:
                    self.verdict(part, n, False, "not run: %s%s" % (
                        why, " during %s" % running if running else ""))
            self.close(part)
            restarts += 1
            if rest and restarts > MAX_RESTARTS:
                for p in rest:
                    for n in self.info[p][1]:
                        self.verdict(p, n, False, "not run: the guest failed "
                                     "%d times" % restarts)
                    self.close(p)
                rest = []
            if rest:
                self.put(rest[0], "# %s; the next parts run in a fresh "
                         "guest\n" % why)
            todo = rest
        self.seconds = time.monotonic() - t0


class Board:
    """What the lanes print, per part, and the verdict counts."""

    def __init__(self, names):
        self.cond = threading.Condition()
        self.out = {p: [] for p in names}
        self.done = set()
        self.count = {True: 0, False: 0}
        self.verdicts = {}


def suite_vm(a):
    """The suite's guest: the plain guest of the same command line as the
    operational labs' (vethlab/oplabs/runner.py, VM(kver, [ko])), prepared
    with veth.ko's transcripts and without veth.ko."""
    return VM(a.kver, a.ko, verbose=a.verbose, boot_timeout=a.boot_timeout,
              smp=a.smp, kernel=a.kernel, accel=a.accel,
              snapshot=not a.no_snapshot, qemu=a.qemu, prepare=STOCK_PREPARE)


def run_suite(a):
    """vethvm.py test: the suite's parts in --lanes guests at once, printed
    in the suite's order; returns the exit status."""
    parts = suite_parts()
    names = [p for p, _, _ in parts]
    want = a.parts or names
    bad = [p for p in want if p not in names]
    if bad:
        die("no part %s; the parts are: %s" % (", ".join(bad),
                                               " ".join(names)), 2)
    parts = [pt for pt in parts if pt[0] in want]
    plan = plan_lanes(parts, a.lanes)
    board = Board([p for p, _, _ in parts])

    def make_vm():
        return suite_vm(a)

    t0 = time.monotonic()
    lanes = [Lane(names_, parts, make_vm, board) for names_ in plan]
    # the accelerator and the initramfs once, before the lanes; the first
    # lane to want the saved guest makes it, the others wait for its lock
    probe = make_vm()
    probe.qemu = find_qemu(a.qemu)
    probe.choose_accel()
    build_initramfs(a.kver, [], lambda m: None)
    for ln in lanes:
        ln.start()
    try:
        with board.cond:
            for p, _, _ in parts:
                i = 0
                while True:
                    lines = board.out[p]
                    if lines[i:]:
                        say("".join(lines[i:]))
                    i = len(lines)
                    if p in board.done:
                        break
                    board.cond.wait(0.5)
    except KeyboardInterrupt:
        for ln in lanes:
            if ln.vm:
                ln.vm.stop()
        raise
    for ln in lanes:
        ln.join()
    ok, failed = board.count[True], board.count[False]
    say("%d passed, %d failed\n" % (ok, failed))
    if a.verdicts:
        # what a grader reads: the verdict port's lines and the host's own
        # checks, never the console
        import json
        tmp = a.verdicts + ".tmp"
        with open(tmp, "w") as f:
            json.dump({"verdicts": board.verdicts, "passed": ok,
                       "failed": failed}, f, indent=1, sort_keys=True)
        os.replace(tmp, a.verdicts)
    log = "vethvm: tests %.1f s in %d guest%s (%s)" % (
        time.monotonic() - t0, len(lanes), "s at once" if len(lanes) > 1
        else "",
        "; ".join("%s: %.1f s" % ("+".join(ln.names), ln.seconds)
                  for ln in lanes))
    say(log + "\n", sys.stderr)
    return 1 if failed or not ok else 0


def default_kver():
    """The kernel module/Makefile's KVER names (the one the module is built
    for, the lab 6 suite's): the first /lib/modules/<ver> with a build/
    link and a /boot/vmlinuz-<ver>; else the first with a vmlinuz."""
    vers = [d for d in sorted(os.listdir("/lib/modules"))
            if os.path.exists("/boot/vmlinuz-" + d)]
    built = [d for d in vers
             if os.path.exists(os.path.join("/lib/modules", d, "build"))]
    return (built + vers + [""])[0]


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Run the vethlab VM (see module/README.md).")
    p.add_argument("--kver", default=default_kver(),
                   help="kernel version to boot (default: %(default)s)")
    p.add_argument("--kernel", help="bzImage to boot (default "
                   "/boot/vmlinuz-KVER); it must match the modules")
    p.add_argument("--ko", action="append", default=[],
                   help="extra module to put in /lib/modules (repeatable)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="boot cold and show the whole boot console")
    p.add_argument("--timeout", type=int, default=300,
                   help="seconds one command may take (default 300)")
    p.add_argument("--boot-timeout", type=int, default=120,
                   help="seconds a cold boot may take (default 120)")
    p.add_argument("--accel", choices=("auto", "kvm", "tcg"),
                   default=os.environ.get("VM_ACCEL") or "auto",
                   help="kvm, tcg, or auto: kvm if a %g s probe boot shows "
                   "it works, remembered in build/vm (default: $VM_ACCEL "
                   "or auto)" % accelmod.PROBE_SECONDS)
    p.add_argument("--no-snapshot", action="store_true",
                   help="always boot cold; neither restore nor save the "
                   "booted guest")
    p.add_argument("--qemu", help="qemu-system-x86_64 to run (default: "
                   "$VETHVM_QEMU or the one in $PATH)")
    p.add_argument("--smp", type=int, default=1,
                   help="guest CPUs (default 1: with 2, qemu 7.2's TCG "
                   "once left a vCPU in a soft lockup under heavy load)")
    p.add_argument("--no-load", action="store_true",
                   help="shell, run: do not insmod the --ko modules first")
    sub = p.add_subparsers(dest="cmd")
    sub.add_parser("shell", help="interactive root shell")
    r = sub.add_parser("run", help="run command lines, stop at a failure")
    r.add_argument("cmdline", nargs="+")
    t = sub.add_parser("test", help="run the in-VM test suite")
    t.add_argument("--lanes", type=int, default=default_lanes(),
                   help="guests that run parts of the suite at once "
                   "(default: 2 where two cores and two guests' memory are "
                   "there, else 1)")
    t.add_argument("--verdicts", metavar="FILE",
                   help="write the verdicts as JSON to FILE ({name: [ok, "
                   "reason]}): from the verdict port and the host's checks, "
                   "never from the console")
    t.add_argument("parts", nargs="*",
                   help="parts to run (default: all; see PARTS in "
                   "guest/vm-tests.sh)")
    a = p.parse_args(argv)
    if a.accel not in ("auto", "kvm", "tcg"):
        p.error("VM_ACCEL=%s: use kvm, tcg or auto" % a.accel)
    if not a.cmd:
        p.error("say what to do: shell, run -- CMD, or test")
    if not a.kver:
        p.error("no kernel found (/boot/vmlinuz-<ver> with "
                "/lib/modules/<ver>); pass --kver")
    return a


def main(argv=None):
    a = parse_args(argv)
    if a.cmd == "test":
        try:
            return run_suite(a)
        except VMError as e:
            die(str(e), 3)
        except KeyboardInterrupt:
            die("interrupted", 130)
    vm = VM(a.kver, a.ko, verbose=a.verbose, boot_timeout=a.boot_timeout,
            smp=a.smp, kernel=a.kernel, accel=a.accel,
            snapshot=not a.no_snapshot, qemu=a.qemu)
    rc = 0
    try:
        vm.start()
        if a.cmd in ("shell", "run") and not a.no_load:
            for ko in a.ko:
                name = os.path.basename(ko)
                krc, out = vm.run("insmod /lib/modules/" + name,
                                  show=False, what="insmod " + name)
                if krc:
                    vm.log("insmod %s failed (%s); going on without it, "
                           "see 'dmesg' in the VM" % (
                               name, out.strip() or "rc=%d" % krc))
                else:
                    vm.log("%s loaded" % name)
        if a.cmd == "shell":
            vm.interact()
        elif a.cmd == "run":
            for line in a.cmdline:
                # a subshell, so that "exit" does not end PID 1's shell
                rc, _ = vm.run("(\n%s\n)" % line, timeout=a.timeout,
                               what="'%s'" % line[:60])
                if rc:
                    vm.log("'%s' exited with %d" % (line, rc))
                    break
        vm.poweroff()
    except VMError as e:
        vm.stop()
        die(str(e), 3)
    except KeyboardInterrupt:
        vm.stop()
        die("interrupted", 130)
    finally:
        vm.stop()
    return rc


if __name__ == "__main__":
    sys.exit(main())
