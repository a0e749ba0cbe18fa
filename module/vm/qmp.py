# SPDX-License-Identifier: GPL-2.0-only
"""The few QMP commands the harness needs: stop, cont, migrate and their
status, over qemu's -qmp unix socket. QMP is one JSON object per line;
events arrive between replies and are skipped."""

import json
import socket
import time


class QMPError(Exception):
    pass


class QMP:
    def __init__(self, path, timeout=10.0):
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.settimeout(timeout)
                self.sock.connect(path)
                break
            except OSError as e:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise QMPError("cannot reach qemu's monitor at %s: %s"
                                   % (path, e.strerror))
                time.sleep(0.02)
        self.buf = b""
        self._reply()                       # the greeting
        self.cmd("qmp_capabilities")

    def _line(self):
        while b"\n" not in self.buf:
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                raise QMPError("qemu's monitor did not answer")
            if not data:
                raise QMPError("qemu's monitor closed (qemu exited?)")
            self.buf += data
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def _reply(self):
        while True:
            msg = self._line()
            if "event" not in msg:
                return msg

    def cmd(self, name, **args):
        req = {"execute": name}
        if args:
            req["arguments"] = args
        self.sock.sendall(json.dumps(req).encode() + b"\n")
        msg = self._reply()
        if "error" in msg:
            raise QMPError("%s: %s" % (name, msg["error"].get("desc")))
        return msg.get("return", msg.get("QMP"))

    def wait_status(self, want, timeout, poll=0.02):
        """Poll query-status until its status is in want; return it."""
        deadline = time.monotonic() + timeout
        while True:
            st = self.cmd("query-status")["status"]
            if st in want:
                return st
            if time.monotonic() > deadline:
                raise QMPError("guest stayed '%s' for %g s" % (st, timeout))
            time.sleep(poll)

    def migrate_to(self, uri, timeout):
        """Migrate (save) and wait until done; the guest stays paused."""
        self.cmd("migrate", uri=uri)
        deadline = time.monotonic() + timeout
        while True:
            info = self.cmd("query-migrate")
            st = info.get("status")
            if st == "completed":
                return info
            if st in ("failed", "cancelled"):
                raise QMPError("saving the guest failed: %s" %
                               info.get("error-desc", st))
            if time.monotonic() > deadline:
                raise QMPError("saving the guest took over %g s" % timeout)
            time.sleep(0.02)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass
