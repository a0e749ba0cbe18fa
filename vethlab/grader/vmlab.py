"""Lab 6: the student's module in Debian's 6.1 kernel, one result per in-VM test."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from vethlab import catalog
from vethlab.grader import result as gradelib
from vethlab.paths import TOP
from vethlab.grader.reference import GRADE_DIR, MAKE



def _kver():
    out = subprocess.run([MAKE, "-s", "--no-print-directory", "-C", os.path.join(TOP, "module"),
                          "--eval=_print-%: ; @echo $($*)", "_print-KVER"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    return out.strip()


def _vm_suite(ko, timeout):
    """Boot the VM with the module ko and run the in-VM suite: (rc, output,
    seconds, verdicts). verdicts {name: (ok, reason)} is what the harness
    read on the guest's verdict port and checked on the host (the data
    path, by frames it drew at run time), never the console, which the
    module under test can print anything to; None if the harness wrote none.
    The output is for the messages only."""
    fd, path = tempfile.mkstemp(prefix="vm-verdicts-", suffix=".json", dir=GRADE_DIR)
    os.close(fd)
    os.unlink(path)
    try:
        rc, out, secs = gradelib.run([sys.executable, os.path.join(TOP, "module/vm/vethvm.py"),
                                      "--kver", _kver(), "--ko", ko, "test", "--verdicts", path],
                                     timeout=timeout, cwd=TOP)[:3]
        try:
            with open(path, encoding="utf-8") as f:
                got = json.load(f)["verdicts"]
            verdicts = {n: (bool(v[0]), str(v[1])) for n, v in got.items()}
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            verdicts = None
    finally:
        if os.path.exists(path):
            os.unlink(path)
    return rc, out, secs, verdicts


def vm_expected_names():
    """The in-VM tests, as the suite declares them: the PARTS list of
    module/vm/guest/vm-tests.sh, which the harness also runs the parts by.
    (They used to come from a whole run of the reference module, cached:
    half a minute of a core per checkout for the list PARTS already gives.
    A declared test the reference does not print fails on the solutions,
    which the grader's self-test shows, so no test can go missing unseen.)"""
    sys.path.insert(0, os.path.join(TOP, "module", "vm"))
    try:
        import vethvm
    finally:
        sys.path.pop(0)
    return sorted(t for _, _, tests in vethvm.suite_parts() for t in tests)


def vm_lab(lab, sub, srcs):
    """Lab 6, one result per in-VM test. Kbuild compiles the module in the
    box; qemu boots it outside: the guest VM is what isolates it."""
    expected = vm_expected_names()
    names = [n for n in expected if sub.run.selected(n)]
    rel = "module/vethlab.c"
    box = sub.box
    os.makedirs(os.path.join(sub.work, "vmtree", "module"), exist_ok=True)
    src = os.path.join(sub.work, "src", rel) if rel in srcs else os.path.join(TOP, "exercises", rel)
    shutil.copy(src, os.path.join(sub.work, "vmtree", rel))
    if os.geteuid() == 0 and box.uid != 0:
        for d in ("vmtree", "vmtree/module", "vmtree/" + rel):
            os.chown(os.path.join(sub.work, d), box.uid, box.uid)
    # Kbuild compiles the student's C in the box; only the boot happens outside
    rc, out, secs = box.run([MAKE, "-s", "-C", f"{box.kit}/module", "module",
                             f"TREE={box.work}/vmtree", f"OBJDIR={box.work}/modbuild",
                             f"KVER={_kver()}"], timeout=300)[:3]
    got = {}
    if rc:
        err = [l for l in out.splitlines() if "error" in l][:5] or out.splitlines()[-5:]
        sub.file_cause.setdefault(rel, "vethlab.c does not compile:\n" + "\n".join(err))
        out = ""
    else:
        rc, out, secs, verdicts = _vm_suite(os.path.join(sub.work, "modbuild", "vethlab.ko"),
                                            900)
        # the verdict port's lines and the host's checks only: a line on the
        # console that reads "name: OK" counts for nothing
        got = dict(verdicts or {})
    tail = "\n".join(out.strip().splitlines()[-8:])
    cause = sub.file_cause.get(rel, "")
    results = []
    if not expected:
        return [gradelib.Result(lab, "module VM suite", catalog.VM_POINTS, False, secs,
                                "internal error: the reference module's VM run printed no "
                                "tests, so there is nothing to compare with; the VM said:\n"
                                + tail)]
    for n in names:
        if n in got:
            ok, msg = got[n]
        else:
            ok, msg = False, "did not run; the suite ended early:\n" + tail
        if not ok and cause:
            msg = cause + "\n" + msg
        results.append(gradelib.Result(lab, n, catalog.VM_POINTS, ok, secs / max(len(names), 1),
                                       "" if ok else msg))
    for n in sorted(set(got) - set(expected)):   # e.g. "robust_reload: FAIL", printed only on failure
        if not got[n][0]:
            results.append(gradelib.Result(lab, n, 0, False, 0.0, got[n][1]))
    # A suite that ended early needs no row of its own: every test it did
    # not reach already fails above with "did not run" and the VM's last words.
    return results
