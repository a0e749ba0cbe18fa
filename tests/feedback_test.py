#!/usr/bin/env python3
"""Feedback a student can act on: each usual mistake, made on purpose, must
give the words that explain it (issue: checks that judge right).

    python3 tests/feedback_test.py

Labs 7-9 on vethsim (a failing setup.sh line is reported even when every
check passes; answer files are judged key by key, and no message gives the
answer away), lab 1 with dev->padded never set (the crash shows the C
library's own words), lab 3 with only lab 1 done (-95 is named, and lab 2 is
the one to do). Prints "feedback NAME: OK" and "N passed, N failed".
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = "feedback"


def run(args, **kw):
    return subprocess.run([sys.executable] + args, cwd=TOP, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=600, **kw).stdout


def edit(path, old, new):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not re.search(old, text, re.M):
        raise SystemExit(f"feedback_test: {path} no longer matches {old!r}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(re.sub(old, new, text, count=1, flags=re.M))


def main():
    passed = failed = 0

    def check(name, ok, out):
        nonlocal passed, failed
        passed += ok
        failed += not ok
        print(f"feedback {name}: {'OK' if ok else 'FAIL'}", flush=True)
        if not ok:
            for line in out.strip().splitlines()[-20:]:
                print(f"    {line}")

    tmp = tempfile.mkdtemp(prefix="vethlab-feedback-")
    os.chmod(tmp, 0o755)
    try:
        ref = os.path.join(tmp, "ref")
        run(["-m", "vethlab.instructor", "reference", "--seed", SEED, "--out", ref,
             "--lab", "7", "--lab", "8", "--lab", "9", "--lab", "10", "--lab", "11"])
        labs = os.path.join(ref, "labs")
        with open(os.path.join(labs, "07-namespaces", "setup.sh"), "a") as f:
            f.write("ip link set nosuchdev up\n")
        edit(os.path.join(labs, "08-arp-capture", "answers.txt"), r"^why_once=.*$",
             "why_once=ping_caches")
        edit(os.path.join(labs, "09-same-namespace", "answers.txt"), r"^called_from=.*$",
             "called_from=arp_process")
        edit(os.path.join(labs, "09-same-namespace", "answers.txt"), r"^reply_via=.*$",
             "reply_via=nothing")
        # right answers in the other forms the handouts allow
        edit(os.path.join(labs, "10-xmit-trace", "answers.txt"), r"^raised_in=.*$",
             "raised_in=____napi_schedule")
        edit(os.path.join(labs, "11-lo-vs-veth", "answers.txt"), r"^both=(.*)$",
             r"both=\1,____napi_schedule,__raise_softirq_irqoff,__netif_receive_skb_core")
        out = run(["-m", "vethlab.oplabs", "--lab", "7,8,9,10,11", "--tree", ref, "--seed", SEED])
        check("lab 10: raised_in=____napi_schedule (lab 4's function) is right",
              "where NET_RX_SOFTIRQ is raised [sim]: OK" in out, out)
        check("lab 11: a both= list copied from vethsim's trace is right",
              "what stays the same [sim]: OK" in out, out)
        check("lab 7: a failing line is said though every check passes",
              "Lab 7: 11/11" in out and 'Cannot find device "nosuchdev"' in out, out)
        lab8 = out.split("== Lab 8")[1].split("== Lab 9")[0] if "== Lab 8" in out else ""
        check("lab 8: only the wrong key is named", "why_once=ping_caches: not" in lab8
              and "arp_frames=" not in lab8, out)
        lab9 = out.split("== Lab 9")[1].split("== Lab 10")[0] if "== Lab 9" in out else ""
        check("lab 9: called_from is the wrong key, not drop_function",
              "called_from=arp_process: not" in lab9 and "drop_function=" not in lab9, out)
        check("lab 9: reply_via's message does not give the answer",
              "reply_via=nothing: not" in lab9 and " lo" not in lab9.split("reply_via=")[1]
              .split("\n")[0], out)
        # lab 1: dev->padded never set: free() aborts; its words must be shown
        bad1 = os.path.join(tmp, "padded", "sim", "net", "core")
        os.makedirs(bad1)
        shutil.copy(os.path.join(TOP, "solutions", "sim", "net", "core", "dev.c"), bad1)
        edit(os.path.join(bad1, "dev.c"), r"^\tdev->padded = .*$", "\t(void)p;")
        subprocess.run(["chmod", "-R", "a+rX", tmp])
        out = run(["-m", "vethlab.grader", "--tree", os.path.join(tmp, "padded"),
                   "--lab", "1", "--json", os.path.join(tmp, "padded.json")])
        check("lab 1: a crash shows the C library's words",
              "Received signal 6 (Aborted)" in out and "free(): invalid pointer" in out, out)
        # lab 3 with only lab 1 done: the errno named, lab 2 named
        only1 = os.path.join(tmp, "only1")
        run(["mk/skels.py", "--upto", "1", "solutions", only1])
        subprocess.run(["chmod", "-R", "a+rX", tmp])
        out = run(["-m", "vethlab.grader", "--tree", only1, "--lab", "3",
                   "--json", os.path.join(tmp, "only1.json")])
        check("lab 3 with only lab 1: -95 is -EOPNOTSUPP, lab 2's veth_newlink",
              "-EOPNOTSUPP" in out and "lab 2" in out and "veth_newlink" in out, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
