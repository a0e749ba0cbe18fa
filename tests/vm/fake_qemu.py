#!/usr/bin/env python3
"""A stand-in for qemu-system-x86_64 that misbehaves on purpose, so the
harness's accelerator probe and boot time limits are tested on any host,
including those where KVM works.

    FAKE_KVM=hang|ok|fail   what '-accel kvm' does (default hang: SeaBIOS
                            prints, then nothing, as on a host whose
                            /dev/kvm opens but runs no guest)
    FAKE_TCG=stall          what any other accelerator does: a monitor
                            that answers, a console that never speaks
    FAKE_LOG=FILE           append "PID ACCEL" per start
"""
import json
import os
import socket
import sys
import time

args = sys.argv[1:]
accel = args[args.index("-accel") + 1] if "-accel" in args else "tcg"
log = os.environ.get("FAKE_LOG")
if log:
    with open(log, "a") as f:
        f.write("%d %s\n" % (os.getpid(), accel))

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
