#!/usr/bin/env python3
"""The VM harness's accelerator choice, time limits and saved guests,
tested with a fake qemu (fake_qemu.py) so that they are covered on every
host, KVM or not, in seconds: the prepared guest is made from the plain
one by one cold boot, processes wait for the one making a guest, and the
suite's and the operational labs' guests are one command line.

    python3 tests/vm/test_vethvm.py       prints "N passed, N failed"
"""
import json
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

    @classmethod
    def setUpClass(cls):
        # one untimed run first: it builds what every run then finds made
        # (the initramfs, the kind stub, possibly waiting for another
        # process's build of them), so the timed runs time only the boot
        # (a boot that stalls, given 1 s: the building happens before it)
        p, _ = cls.run_vethvm(cls, "--accel", "tcg", "--boot-timeout", "1",
                              env={"FAKE_TCG": "stall"}, limit=300)
        assert p.returncode == 3, p.stderr

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


# one guest started by vethvm.VM.start() in a process of its own, as the
# suite, the operational labs and the grader start theirs
DRIVER = r"""
import os, sys
sys.path.insert(0, sys.argv[1])
import vethvm
kernel, prepare, limit = sys.argv[2:5]
vm = vethvm.VM(vethvm.default_kver(), [], kernel=kernel, accel="tcg",
               prepare=prepare or None, boot_timeout=30)
if limit:
    vm.wait_limit = float(limit)
try:
    vm.start()
    print("boot_kind=%s" % vm.boot_kind)
    vm.poweroff()
finally:
    vm.stop()
"""
PREPARE = "sh /vm/vm-tests.sh --stock && rm -f /lib/modules/veth.ko"


def kver():
    sys.path.insert(0, os.path.dirname(VETHVM))
    import vethvm
    return vethvm.default_kver()


@unittest.skipUnless(kver(), "no kernel in /lib/modules for the initramfs")
class SavedGuests(unittest.TestCase):
    """The saved guests, on a fake qemu whose guest a snapshot carries
    (fake_qemu.py, FAKE_TCG=guest): the prepared guest is the plain one,
    restored or just saved, with the prepare command run in it, so one cold
    boot makes both; processes that want a guest being made wait for it,
    for a limited time; VETHVM_SNAPDIR moves the snapshots."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        d = self.tmp.name
        self.snaps = os.path.join(d, "snaps")
        self.log = os.path.join(d, "starts")
        self.kernel = os.path.join(d, "vmlinuz")
        open(self.kernel, "w").close()
        self.env = dict(os.environ, VETHVM_QEMU=FAKE, FAKE_TCG="guest",
                        FAKE_LOG=self.log, VETHVM_SNAPDIR=self.snaps,
                        FAKE_BOOT="0.1")

    def tearDown(self):
        self.tmp.cleanup()

    def start(self, prepare="", limit="", boot=None):
        env = dict(self.env, FAKE_BOOT=boot) if boot else self.env
        return subprocess.Popen(
            [sys.executable, "-c", DRIVER, os.path.dirname(VETHVM),
             self.kernel, prepare, limit], env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def guest(self, prepare="", limit="", boot=None):
        p = self.start(prepare, limit, boot)
        out, err = p.communicate(timeout=60)
        self.assertEqual(p.returncode, 0, err)
        return out.strip().split("=")[-1], err

    def starts(self):
        """[(pid, "cold") or (pid, snapshot restored)] in order."""
        if not os.path.exists(self.log):
            return []
        with open(self.log) as f:
            rows = [line.split() for line in f]
        return [(r[0], r[3] if len(r) > 3 else "cold") for r in rows]

    def colds(self):
        return [s for s in self.starts() if s[1] == "cold"]

    def saved(self):
        """{snapshot file name: what the guest in it holds}"""
        out = {}
        for f in sorted(os.listdir(self.snaps)):
            if f.endswith(".mig"):
                with open(os.path.join(self.snaps, f)) as fh:
                    out[f] = json.load(fh)
        return out

    def plain_and_prepared(self):
        snaps = self.saved()
        self.assertEqual(len(snaps), 2, snaps)
        prep = [f for f, g in snaps.items() if PREPARE in g["ran"]]
        plain = [f for f, g in snaps.items() if PREPARE not in g["ran"]]
        self.assertEqual((len(prep), len(plain)), (1, 1), snaps)
        return plain[0], snaps[plain[0]], prep[0], snaps[prep[0]]

    def test_one_cold_boot_makes_the_prepared_guest_and_the_plain_one(self):
        kind, err = self.guest(PREPARE)
        self.assertEqual(kind, "cold boot")
        self.assertEqual(len(self.starts()), 1, self.starts())
        plain, pg, prep, qg = self.plain_and_prepared()
        # the prepared guest is the plain one's cold boot, prepared after
        # the plain one was saved
        self.assertEqual(qg["boot"], pg["boot"])
        self.assertEqual(pg["ran"], [])
        self.assertEqual(qg["ran"], [PREPARE])
        self.assertIn("saved the guest as %s" % os.path.join(self.snaps, plain), err)
        # later runs restore either, and boot nothing
        self.assertEqual(self.guest()[0], "restored")
        self.assertEqual(self.guest(PREPARE)[0], "restored")
        self.assertEqual([s[1] for s in self.starts()],
                         ["cold", os.path.join(self.snaps, plain),
                          os.path.join(self.snaps, prep)])

    def test_the_prepared_guest_is_made_from_the_saved_plain_one(self):
        # the operational labs first: they save the plain guest
        self.assertEqual(self.guest()[0], "cold boot")
        (plain, pg), = self.saved().items()
        kind, err = self.guest(PREPARE)
        self.assertEqual(kind, "restored plain guest")
        # no second cold boot: the suite's run restored the plain guest
        self.assertEqual([s[1] for s in self.starts()],
                         ["cold", os.path.join(self.snaps, plain)])
        _, pg2, prep, qg = self.plain_and_prepared()
        self.assertEqual(pg2, pg, "the plain guest was saved again")
        self.assertEqual(qg["boot"], pg["boot"])
        self.assertEqual(qg["restored_from"], [os.path.join(self.snaps, plain)])
        self.assertEqual(qg["ran"][-1], PREPARE)
        self.assertTrue(qg["ran"][0].startswith("vethlab-reseed "), qg["ran"])

    def test_processes_wait_for_the_one_making_the_guest(self):
        # three at once, as make test's steps and the suite's lanes start:
        # one boots cold, the others wait and restore
        ps = [self.start(PREPARE, boot="2"), self.start(boot="2"),
              self.start(PREPARE, boot="2")]
        errs = []
        for p in ps:
            _, err = p.communicate(timeout=60)
            self.assertEqual(p.returncode, 0, err)
            errs.append(err)
        self.assertEqual(len(self.colds()), 1, self.starts())
        waits = [e for e in errs
                 if "waiting for another process making the saved guest" in e]
        self.assertGreaterEqual(len(waits), 2, errs)
        self.plain_and_prepared()

    def test_a_wait_has_a_time_limit(self):
        import fcntl
        self.guest()
        (plain, _), = self.saved().items()
        snap = os.path.join(self.snaps, plain)
        lock = snap[:-len(".mig")] + ".lock"
        self.assertTrue(os.path.exists(lock))
        os.unlink(snap)
        # a process that holds the lock and never saves
        with open(lock) as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            t0 = time.monotonic()
            kind, err = self.guest(limit="1.5")
            dt = time.monotonic() - t0
        self.assertEqual(kind, "cold boot")
        self.assertIn("waiting for another process making the saved guest", err)
        self.assertIn("gave up waiting", err)
        self.assertGreater(dt, 1.5)
        self.assertLess(dt, 20)
        self.assertEqual(len(self.colds()), 2)
        self.assertTrue(os.path.exists(snap), "saved without the lock")

    def test_a_snapshot_dir_that_cannot_be_written(self):
        self.env["VETHVM_SNAPDIR"] = "/dev/null/snaps"
        kind, err = self.guest(PREPARE)
        self.assertEqual(kind, "cold boot")
        self.assertIn("going on without the lock", err)
        self.assertIn("could not save", err)


class OneGuestForAll(unittest.TestCase):
    """The suite's guest and the operational labs' are the same qemu command
    line, so the suite's prepared guest is made from the labs' plain one;
    the snapshot's name holds the initramfs by its content, not its path."""

    def setUp(self):
        sys.path.insert(0, os.path.dirname(VETHVM))
        sys.path.insert(0, ROOT)
        import vethvm
        self.vethvm = vethvm
        self.tmp = tempfile.TemporaryDirectory()
        self.kernel = os.path.join(self.tmp.name, "vmlinuz")
        open(self.kernel, "w").close()

    def tearDown(self):
        self.tmp.cleanup()

    def initrd(self, where, name="initramfs-0123456789abcdef.cpio.gz",
               data=b"x" * 100):
        d = os.path.join(self.tmp.name, where)
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def oplabs_vm(self):
        """The VM object vethlab/oplabs/runner.py makes, not started."""
        vethvm = self.vethvm
        made = []

        class Recorder(vethvm.VM):
            def start(self):
                made.append(self)
                raise StopIteration

        from vethlab.oplabs import runner
        real, vethvm.VM = vethvm.VM, Recorder
        try:
            runner.Vm(kver="6.1.0-test", ko="/x/vethlab.ko")
        except StopIteration:
            pass
        finally:
            vethvm.VM = real
        return made[0]

    def cmd(self, vm, initrd):
        vm.qemu, vm.accel = FAKE, "tcg"
        return vm.qemu_cmd(initrd)

    def check_same_line(self):
        ops = self.oplabs_vm()
        suite = self.vethvm.suite_vm(self.vethvm.parse_args(
            ["--kver", "6.1.0-test", "--ko", "/x/vethlab.ko", "test"]))
        self.assertEqual(ops.want_accel, suite.want_accel)
        self.assertIsNone(ops.prepare)
        self.assertEqual(suite.prepare, PREPARE)
        self.assertEqual(self.vethvm.STOCK_PREPARE, PREPARE)
        initrd = self.initrd("a")
        self.assertEqual(self.cmd(ops, initrd), self.cmd(suite, initrd))
        for vm in (ops, suite):
            vm.kernel = self.kernel
        c = self.cmd(ops, initrd)
        self.assertEqual(ops.snapshot_path(c), suite.snapshot_path(c, plain=True))
        self.assertNotEqual(ops.snapshot_path(c), suite.snapshot_path(c))

    def test_oplabs_and_suite_run_the_same_command_line(self):
        self.check_same_line()

    def test_vm_accel_reaches_both(self):
        os.environ["VM_ACCEL"] = "tcg"
        try:
            self.check_same_line()
            self.assertEqual(self.oplabs_vm().want_accel, "tcg")
        finally:
            del os.environ["VM_ACCEL"]

    def test_snapshot_name_holds_the_initramfs_by_content(self):
        vm = self.vethvm.VM("6.1.0-test", [], kernel=self.kernel)
        a, b = self.initrd("a"), self.initrd("b/c")
        other = self.initrd("a", "initramfs-fedcba9876543210.cpio.gz")
        self.assertEqual(vm.snapshot_path(self.cmd(vm, a)),
                         vm.snapshot_path(self.cmd(vm, b)))
        self.assertNotEqual(vm.snapshot_path(self.cmd(vm, a)),
                            vm.snapshot_path(self.cmd(vm, other)))

    def test_snapdir_from_the_environment(self):
        d = os.path.join(self.tmp.name, "elsewhere")
        p = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, "
                            "sys.argv[1]); import vethvm; print(vethvm.SNAPDIR)",
                            os.path.dirname(VETHVM)], capture_output=True, text=True,
                           env=dict(os.environ, VETHVM_SNAPDIR=d), timeout=30)
        self.assertEqual(p.stdout.strip(), d, p.stderr)


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
