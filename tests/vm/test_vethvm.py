#!/usr/bin/env python3
"""The VM harness's accelerator choice and time limits, tested with a fake
qemu (fake_qemu.py) so that they are covered on every host, KVM or not.

    python3 tests/vm/test_vethvm.py       prints "N passed, N failed"
"""
import os
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
VETHVM = os.path.join(ROOT, "module", "vm", "vethvm.py")
FAKE = os.path.join(HERE, "fake_qemu.py")
sys.path.insert(0, os.path.join(ROOT, "module", "vm"))
import accel  # noqa: E402

PROBE = 1.0     # seconds: short, the fake answers at once or never


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead for our purpose
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(") ")[1][0] != "Z"
    except OSError:
        return False


class Probe(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        d = self.tmp.name
        self.cache = os.path.join(d, "cache")
        self.log = os.path.join(d, "starts")
        # a stand-in /dev/kvm that we may open, so the probe really runs
        self.kvm = os.path.join(d, "kvm")
        open(self.kvm, "w").close()
        self.kernel = os.path.join(d, "vmlinuz")
        open(self.kernel, "w").close()
        os.environ["FAKE_LOG"] = self.log

    def tearDown(self):
        for k in ("FAKE_LOG", "FAKE_KVM"):
            os.environ.pop(k, None)
        self.tmp.cleanup()

    def starts(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log) as f:
            return [line.split() for line in f]

    def choose(self, want="auto"):
        return accel.choose(FAKE, self.kernel, self.cache, want,
                            kvm_dev=self.kvm, seconds=PROBE)

    def test_silent_kvm_falls_back_to_tcg_in_time(self):
        os.environ["FAKE_KVM"] = "hang"
        t0 = time.monotonic()
        acc, why = self.choose()
        dt = time.monotonic() - t0
        self.assertEqual(acc, "tcg")
        self.assertIn("no progress", why)
        self.assertIn("using tcg", why)
        self.assertLess(dt, PROBE + 2)
        # the probe's qemu was stopped, by its pid
        (pid, acc0), = self.starts()
        self.assertEqual(acc0, "kvm")
        self.assertFalse(alive(int(pid)), "probe qemu still running")

    def test_verdict_is_remembered(self):
        os.environ["FAKE_KVM"] = "hang"
        self.choose()
        os.environ["FAKE_KVM"] = "ok"      # would now say kvm works
        acc, why = self.choose()
        self.assertEqual(acc, "tcg")
        self.assertIn("remembered", why)
        self.assertEqual(len(self.starts()), 1, "probed twice")

    def test_working_kvm_is_used(self):
        os.environ["FAKE_KVM"] = "ok"
        acc, why = self.choose()
        self.assertEqual(acc, "kvm")
        self.assertRegex(why, r"^kvm: guest booted its kernel in \d")

    def test_kvm_refused_by_qemu(self):
        os.environ["FAKE_KVM"] = "fail"
        acc, why = self.choose()
        self.assertEqual(acc, "tcg")
        self.assertIn("Could not access KVM kernel module", why)

    def test_forced_kvm_fails_fast_and_probes_again(self):
        os.environ["FAKE_KVM"] = "hang"
        self.choose()                       # a remembered tcg verdict
        t0 = time.monotonic()
        with self.assertRaises(accel.AccelError) as e:
            self.choose("kvm")
        self.assertLess(time.monotonic() - t0, PROBE + 2)
        self.assertIn("VM_ACCEL=tcg", str(e.exception))
        self.assertEqual(len(self.starts()), 2)

    def test_forced_tcg_does_not_probe(self):
        acc, _ = self.choose("tcg")
        self.assertEqual(acc, "tcg")
        self.assertEqual(self.starts(), [])

    def test_no_device_no_probe(self):
        os.unlink(self.kvm)
        acc, why = self.choose()
        self.assertEqual((acc, self.starts()), ("tcg", []))
        self.assertIn("missing", why)
        with self.assertRaises(accel.AccelError):
            self.choose("kvm")

    def test_cache_key_follows_the_kernel(self):
        k1 = accel.machine_key(FAKE, self.kernel, self.kvm)
        with open(self.kernel, "w") as f:
            f.write("a newer kernel")
        self.assertNotEqual(k1, accel.machine_key(FAKE, self.kernel,
                                                  self.kvm))


class Verdicts(unittest.TestCase):
    """Verdicts come from the verdict port only: a module printing
    'name: OK' to the console has its line marked, and the data path's OKs
    stand only when the host's own frames crossed the pair."""

    def test_console_filter(self):
        sys.path.insert(0, os.path.dirname(VETHVM))
        import vethvm
        f = vethvm.console_filter
        for forged in ("seed_pair_list: OK\n", "  kind_dmesg: FAIL (x)\n",
                       "57 passed, 0 failed\n", "beef seed_pair_list: OK\n"):
            self.assertTrue(f(forged).startswith("# not from the suite"), forged)
        self.assertEqual(f("# robustness took 3.0 s\n"), "# robustness took 3.0 s\n")

    def test_challenge_frames(self):
        """The host's frames, as two routers pass them on, are recognized;
        a frame that did not cross (TTL untouched) or a made-up payload is
        not."""
        sys.path.insert(0, os.path.dirname(VETHVM))
        import vethvm

        class FakeVM:
            out = []

            def nic_send(self, k, frame):
                self.sent = getattr(self, "sent", []) + [frame]

            def nic_recv(self, k):
                out, self.out = self.out, []
                return out

        vm = FakeVM()
        ch = vethvm.Challenge(vm, n=3)
        ch.fire()
        self.assertEqual(len(vm.sent), 3)
        self.assertEqual(vethvm.ipv4_sum(vm.sent[0][14:34]), 0)   # a valid header

        def routed(f, ttl=62, payload=None):
            ip = bytearray(f[14:34])
            ip[8] = ttl
            return (vethvm.mac(vethvm.HOST_MACS[1]) + vethvm.mac(vethvm.NIC_MACS[1]) +
                    f[12:14] + bytes(ip) + f[34:42] + (payload or f[42:]))

        vm.out = [routed(vm.sent[0]), routed(vm.sent[1], ttl=64),
                  routed(vm.sent[2], payload=os.urandom(16))]
        ok, why = ch.result(grace=0)
        self.assertFalse(ok)
        self.assertIn("1 of the host's 3 frames", why)
        vm.out = [routed(f) for f in vm.sent]
        self.assertEqual(ch.result(grace=0), (True, ""))
        self.assertEqual(vethvm.Challenge(vm).result(grace=0)[0], False)  # never fired


class Harness(unittest.TestCase):
    """vethvm.py end to end, on the fake: every failure is one line on
    stderr, exit status 3, well inside the limits a user would wait."""

    def run_vethvm(self, *args, env=None, limit=60):
        with tempfile.TemporaryDirectory() as d:
            kernel = os.path.join(d, "vmlinuz")
            open(kernel, "w").close()
            e = dict(os.environ, VETHVM_QEMU=FAKE, **(env or {}))
            t0 = time.monotonic()
            p = subprocess.run(
                # the host's modules for the initramfs, a fake kernel
                [sys.executable, VETHVM, "--kernel", kernel,
                 "--no-snapshot", *args, "run", "--", "true"],
                env=e, capture_output=True, text=True, timeout=limit)
            return p, time.monotonic() - t0

    def last_line(self, p):
        lines = p.stderr.strip().splitlines()
        return lines[-1] if lines else ""

    def test_stalled_boot_ends_with_the_real_option(self):
        p, dt = self.run_vethvm("--accel", "tcg", "--boot-timeout", "3",
                                env={"FAKE_TCG": "stall"})
        self.assertEqual(p.returncode, 3, p.stderr)
        last = self.last_line(p)
        self.assertIn("boot timed out after 3 s (tcg)", last)
        self.assertIn("--boot-timeout", last)
        self.assertIn("-v", last)
        self.assertLess(dt, 20)

    def test_forced_kvm_is_one_line_fast(self):
        p, dt = self.run_vethvm(env={"VM_ACCEL": "kvm", "FAKE_KVM": "hang"})
        self.assertEqual(p.returncode, 3, p.stderr)
        self.assertLess(dt, 30)
        self.assertRegex(self.last_line(p), r"^vethvm: kvm: ")
        self.assertNotIn("Traceback", p.stderr)

    def test_bad_accel_name(self):
        p, _ = self.run_vethvm(env={"VM_ACCEL": "xen"})
        self.assertEqual(p.returncode, 2)
        self.assertIn("VM_ACCEL=xen", self.last_line(p))


class Suite(unittest.TestCase):
    """The suite's parts as the harness reads them, and how it splits
    them between guests."""

    def setUp(self):
        sys.path.insert(0, os.path.dirname(VETHVM))
        import vethvm
        self.vethvm = vethvm
        self.parts = vethvm.suite_parts()

    def test_parts_read_as_the_shell_reads_them(self):
        # vm-tests.sh --list only lists; it touches nothing but /tmp/vmt
        p = subprocess.run(["sh", self.vethvm.SUITE, "--list"],
                           capture_output=True, text=True, timeout=30)
        shell = [(ln.split(":")[0], ln.split(":")[1].split())
                 for ln in p.stdout.splitlines()]
        self.assertEqual(shell, [(n, t) for n, _, t in self.parts])
        names = [t for _, _, ts in self.parts for t in ts]
        self.assertEqual(len(names), len(set(names)))
        self.assertIn("counters_tx_dropped", names)
        self.assertEqual(len(names), 58)

    def test_lanes_cover_every_part_once_in_order(self):
        order = [n for n, _, _ in self.parts]
        for k in (1, 2, 3, 20):
            lanes = self.vethvm.plan_lanes(self.parts, k)
            self.assertLessEqual(len(lanes), k)
            self.assertEqual(sorted(p for ln in lanes for p in ln),
                             sorted(order))
            for ln in lanes:
                self.assertEqual(ln, [p for p in order if p in ln])
                # stock compares with the transcripts seed made
                self.assertEqual("seed" in ln, "stock" in ln)
        one, = self.vethvm.plan_lanes(self.parts, 1)
        self.assertEqual(one, order)

    def test_a_part_limit_leaves_room(self):
        for _, secs, _ in self.parts:
            self.assertGreaterEqual(self.vethvm.part_limit(secs),
                                    secs * 5 + 2)


class MakeVmRun(unittest.TestCase):
    """make vm-run CMD='...' hands the command to vethvm.py as typed,
    through the top Makefile and module/Makefile."""

    def test_dollar_survives_two_makes(self):
        cmd = "for f in a b; do echo $f; done; echo \"it's\" $HOME"
        p = subprocess.run(["make", "-n", "vm-run", "CMD=" + cmd], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
        lines = [ln for ln in p.stdout.splitlines() if "vethvm.py" in ln]
        self.assertEqual(len(lines), 1, p.stdout + p.stderr)
        self.assertTrue(lines[0].endswith(
            "run -- 'for f in a b; do echo $f; done; echo \"it'\\''s\" "
            "$HOME'"), lines[0])


if __name__ == "__main__":
    suite = unittest.defaultTestLoader.loadTestsFromModule(
        sys.modules[__name__])
    res = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    bad = len(res.failures) + len(res.errors)
    print("%d passed, %d failed" % (res.testsRun - bad, bad))
    sys.exit(1 if bad else 0)
