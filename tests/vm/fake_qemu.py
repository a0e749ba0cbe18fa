#!/usr/bin/env python3
"""A stand-in for qemu-system-x86_64 that misbehaves on purpose, so the
harness's accelerator probe and boot time limits are tested on any host,
including those where KVM works.

    FAKE_KVM=hang|ok|fail   what '-accel kvm' does (default hang: SeaBIOS
                            prints, then nothing, as on a host whose
                            /dev/kvm opens but runs no guest)
    FAKE_TCG=stall          what any other accelerator does: a monitor
                            that answers, a console that never speaks
    FAKE_TCG=guest          a guest the harness can boot, save, restore and
                            run commands in (below)
    FAKE_BOOT=S             seconds a cold boot of that guest takes (0.1)
    FAKE_LOG=FILE           append "PID ACCEL" per start, and " incoming
                            FILE" for a restore of FILE

The guest of FAKE_TCG=guest is what a saved guest holds: the id of the cold
boot it comes from, the snapshots it was restored from, and every command
line it ran (a line, not a shell: each succeeds). Saving it (QMP migrate to
"exec:cat > FILE") writes that as JSON; -incoming "exec:cat FILE" reads it
back, so a test can tell which boot a saved guest descends from.
"""
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time

args = sys.argv[1:]
accel = args[args.index("-accel") + 1] if "-accel" in args else "tcg"
incoming = args[args.index("-incoming") + 1] if "-incoming" in args else None
log = os.environ.get("FAKE_LOG")
if log:
    with open(log, "a") as f:
        f.write("%d %s%s\n" % (os.getpid(), accel, " incoming " +
                                 incoming.split()[-1] if incoming else ""))

if accel == "kvm":
    mode = os.environ.get("FAKE_KVM", "hang")
    if mode == "fail":
        sys.stderr.write("Could not access KVM kernel module: No such "
                         "device\nqemu-system-x86_64: failed to initialize"
                         " kvm: No such device\n")
        sys.exit(1)
    sys.stdout.write("SeaBIOS (version fake)\r\nBooting from ROM...\r\n")
    if mode == "ok":
        sys.stdout.write("[    0.000000] Linux version 6.1.0-fake\r\n")
    sys.stdout.flush()
    time.sleep(120)
    sys.exit(0)



def guest():
    """FAKE_TCG=guest: the console in this thread, QMP in another."""
    state = {"boot": None, "restored_from": [], "ran": []}
    status = ["running"]
    migration = ["none"]
    if incoming:
        p = subprocess.run(["sh", "-c", incoming[len("exec:"):]],
                           stdout=subprocess.PIPE)
        if p.returncode:
            sys.stderr.write("qemu-system-x86_64: load of migration failed\n")
            sys.exit(1)
        state = json.loads(p.stdout)
        state["restored_from"].append(incoming.split()[-1])
        status[0] = "paused"
    else:
        state["boot"] = "%d-%d" % (os.getpid(), time.time_ns())

    def monitor(path):
        srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        srv.bind(path)
        srv.listen(1)
        conn, _ = srv.accept()
        conn.sendall(b'{"QMP": {"version": {}, "capabilities": []}}\n')
        for line in conn.makefile("rb"):
            req = json.loads(line)
            cmd, ret = req.get("execute"), {}
            if cmd == "query-status":
                ret = {"status": status[0]}
            elif cmd == "stop":
                status[0] = "paused"
            elif cmd == "cont":
                status[0] = "running"
            elif cmd == "migrate":
                uri = req["arguments"]["uri"]
                p = subprocess.run(["sh", "-c", uri[len("exec:"):]],
                                   input=json.dumps(state).encode())
                migration[0] = "failed" if p.returncode else "completed"
            elif cmd == "query-migrate":
                ret = {"status": migration[0]}
            conn.sendall(json.dumps({"return": ret}).encode() + b"\n")

    qmp = [a for a in args if a.startswith("unix:")]
    threading.Thread(target=monitor, args=(qmp[0][5:].split(",")[0],),
                     daemon=True).start()
    out = sys.stdout
    if not incoming:
        time.sleep(float(os.environ.get("FAKE_BOOT", "0.1")))
        out.write("VETHLAB-READY\n")     # the pty adds the \r
        out.flush()
    rc = 0
    for line in sys.stdin:
        line = line.strip()
        m = re.search(r"echo @@RC=(\d+|\$\?)@@$", line)
        if m:
            out.write("@@RC=%s@@\n" % (rc if m.group(1) == "$?"
                                          else m.group(1)))
            out.flush()
        elif line == "poweroff -f":
            sys.exit(0)
        elif line:
            state["ran"].append(line)
            rc = 0


if accel != "kvm" and os.environ.get("FAKE_TCG") == "guest":
    guest()
    sys.exit(0)

# a QMP monitor that says yes to everything, and a silent console
qmp = [a for a in args if a.startswith("unix:")]
if qmp:
    path = qmp[0][5:].split(",")[0]
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path)
    srv.listen(1)
    conn, _ = srv.accept()
    conn.sendall(b'{"QMP": {"version": {}, "capabilities": []}}\n')
    f = conn.makefile("rb")
    deadline = time.monotonic() + 120
    for line in f:
        req = json.loads(line)
        if req.get("execute") == "query-status":
            conn.sendall(b'{"return": {"status": "running"}}\n')
        else:
            conn.sendall(b'{"return": {}}\n')
        if time.monotonic() > deadline:
            break
time.sleep(120)
