# SPDX-License-Identifier: GPL-2.0-only
"""Choose qemu's accelerator by trying it, not by looking at /dev/kvm.

Some hosts hand root a /dev/kvm that opens fine but whose guests never run:
qemu starts, SeaBIOS prints "Booting from ROM...", and the kernel never
says a word (a nested host without vmx/svm passed down). So KVM counts as
working only when a short probe boot shows the kernel's first console line,
"Linux version ...", within a few seconds; a working KVM gets there in well
under one. The verdict is kept per machine under build/vm/ so the probe is
paid once, and every run says in one line which accelerator it uses and why.
"""

import hashlib
import json
import os
import platform
import select
import subprocess
import time

PROBE_SECONDS = 3.0
FIRST_LINE = b"Linux version"


class AccelError(Exception):
    """KVM was asked for by name and does not work; str() says why."""


def _cpu_flags():
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return line.split(":", 1)[1].split()
    except OSError:
        pass
    return []


def hw_virt():
    """'vmx', 'svm' or '' as /proc/cpuinfo shows the CPU to us."""
    flags = _cpu_flags()
    for f in ("vmx", "svm"):
        if f in flags:
            return f
    return ""


def machine_key(qemu, kernel, kvm_dev):
    """What the verdict depends on: this host's CPU, its kernel and KVM
    device, qemu, and the guest kernel. A build/ copied elsewhere, a new
    qemu or a new kernel probes again."""
    h = hashlib.sha256()
    for part in (platform.node(), os.uname().release, " ".join(_cpu_flags()),
                 kvm_dev, qemu, kernel):
        h.update(part.encode() + b"\0")
    for path in (qemu, kernel, kvm_dev):
        try:
            st = os.stat(path)
            h.update(("%d %d %d" % (st.st_size, st.st_mtime_ns,
                                    st.st_rdev)).encode())
        except OSError:
            h.update(b"-")
    return h.hexdigest()[:16]


def probe_kvm(qemu, kernel, seconds=PROBE_SECONDS):
    """Boot the kernel under KVM alone (no TCG fallback) until its first
    console line. Returns (works, one-line detail)."""
    cmd = [qemu, "-accel", "kvm", "-cpu", "max", "-m", "128M",
           "-display", "none", "-monitor", "none", "-serial", "stdio",
           "-nic", "none", "-no-reboot", "-kernel", kernel,
           "-append", "console=ttyS0 earlyprintk=ttyS0 panic=-1 "
           "rdinit=/vethlab-probe"]
    t0 = time.monotonic()
    try:
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             start_new_session=True)
    except OSError as e:
        return False, "qemu did not start (%s)" % e.strerror
    out = b""
    try:
        while True:
            left = t0 + seconds - time.monotonic()
            if left <= 0:
                return False, "guest made no progress in %g s" % seconds
            r, _, _ = select.select([p.stdout], [], [], min(left, 0.1))
            if not r:
                continue
            data = os.read(p.stdout.fileno(), 4096)
            if not data:
                # qemu exited: KVM refused (no module, no permission, ...)
                err = p.stderr.read().decode(errors="replace").strip()
                first = err.splitlines()[0] if err else "no message"
                return False, "qemu could not use it: %s" % first
            out = (out + data)[-8192:]
            if FIRST_LINE in out:
                return True, "guest booted its kernel in %.1f s" % (
                    time.monotonic() - t0)
    finally:
        # our own child, stopped by its own pid
        if p.poll() is None:
            p.kill()
        p.wait()
        p.stdout.close()
        p.stderr.close()


def choose(qemu, kernel, cache_dir, want="auto", kvm_dev="/dev/kvm",
           seconds=PROBE_SECONDS):
    """Return (accel, reason): accel is 'kvm' or 'tcg', reason one line.

    want: 'auto' (probe once, remember), 'kvm' (probe now, AccelError if
    it does not work) or 'tcg' (no probe)."""
    if want == "tcg":
        return "tcg", "tcg: chosen with --accel tcg / VM_ACCEL=tcg"
    if want not in ("auto", "kvm"):
        raise AccelError("unknown accelerator '%s'; use kvm, tcg or auto"
                         % want)
    if not os.access(kvm_dev, os.R_OK | os.W_OK):
        why = "%s is missing or not ours to open" % kvm_dev
        if want == "kvm":
            raise AccelError("kvm: %s; use VM_ACCEL=tcg (or leave it unset)"
                             % why)
        return "tcg", "kvm: %s, using tcg" % why
    path = os.path.join(cache_dir, "accel-%s.json" %
                        machine_key(qemu, kernel, kvm_dev))
    if want == "auto":
        try:
            with open(path, encoding="utf-8") as f:
                v = json.load(f)
            if v.get("accel") in ("kvm", "tcg"):
                return v["accel"], v["reason"] + " (remembered in %s)" % (
                    os.path.basename(path))
        except (OSError, ValueError, AttributeError):
            pass
    works, detail = probe_kvm(qemu, kernel, seconds)
    if works:
        accel, reason = "kvm", "kvm: %s" % detail
    else:
        hint = "" if hw_virt() else " (no vmx/svm in /proc/cpuinfo)"
        accel, reason = "tcg", "kvm: %s%s, using tcg" % (detail, hint)
        if want == "kvm":
            raise AccelError("kvm: %s%s; use VM_ACCEL=tcg (or leave it "
                             "unset to choose by probing)" % (detail, hint))
    os.makedirs(cache_dir, exist_ok=True)
    tmp = "%s.%d.tmp" % (path, os.getpid())
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"accel": accel, "reason": reason,
                   "probed": time.strftime("%Y-%m-%dT%H:%M:%S")}, f)
    os.replace(tmp, path)
    return accel, reason
