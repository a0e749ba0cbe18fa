"""A grading run: everything it trusts, settled before student code runs."""
import glob
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time

from vethlab import catalog, report as rep
from vethlab.box import intake, objcheck, sandbox
from vethlab.grader import probe, seeded
from vethlab.normalize import normalize
from vethlab.paths import TOP
from vethlab.grader.reference import (BASE, CONFINE, DEFAULT_REF_SECS, GRADE_DIR, GUARD,
                                      RELEASE, VM_LABS, flat, make_var, reference,
                                      student_files, xml_results)

class Run:
    """What one grading run trusts, all of it settled before student code runs."""

    def __init__(self, labs, seed=None, private=None, goldens=None, budget=15.0,
                 level=None, inspect=True, only=None, use_vm=False, confine=True,
                 probe=True):
        self.labs, self.budget, self.inspect = labs, budget, inspect
        # graded processes install confine.c's seccomp filter (tests turn it off
        # to show what an attack would earn without it)
        self.confine_env = {"VETHLAB_CONFINE": "1"} if confine else {}
        self.use_probe = probe     # grader/probe.py (tests turn it off too)
        self.only = [o.lower() for o in (only or [])]
        self.use_vm = use_vm
        self.vm_rows = False      # labs 7-11 in the VM too (grade.py --vm)
        self.seed = seed if seed is not None else int.from_bytes(os.urandom(4), "big")
        self.level = sandbox.choose_level(level)
        sandbox.become_subreaper()
        self.files = student_files()
        # student files are kernel units: the kernel's include paths only (mk/build.mk)
        # (no -g: nothing in grading reads debug info, and without it compiles
        # and links do a third less work)
        self.cflags = [f for f in make_var("KERNEL_CFLAGS")
                       if f not in ("-Werror", "-MMD", "-MP", "-g")]
        # gold links the kit's binaries in two thirds of bfd's time (binutils has both)
        self.ldflags = ["-fuse-ld=gold"] if shutil.which("ld.gold") else []
        self.libs = make_var("CHECK_LIBS") + make_var("PCAP_LIBS")
        self.pcap = make_var("PCAP_LIBS")
        self.sim_srcs = make_var("SIM_SRCS")
        # The kit and the submissions are staged where every box's uid can
        # reach them: the checkout's own path may not be traversable (a clone
        # under a 0700 home or mktemp -d), so a fresh 0711 directory in the
        # system's temp dir, removed by cleanup().
        self.root = tempfile.mkdtemp(prefix="vethlab-grade-")
        os.chmod(self.root, 0o711)
        self.kit = os.path.join(self.root, "kit")
        self._slots = sandbox.Slots(sandbox.slot_dir(os.path.join(GRADE_DIR, "slots")))
        self._lock = threading.Lock()
        self.checks = self._plan(private)
        self.expected_unit = self._expected_unit()
        self.probe_refs = self._probe_refs()
        self._stage_kit()
        self.expected_text = self._expected_text(goldens)
        self._symbol_rules()

    # ---- the plan and what the reference says ----
    def _plan(self, private):
        checks = []
        for lab, kind, name, points, script in list(catalog.SCENARIOS) + catalog.private_checks(private):
            if RELEASE and kind != "golden":
                continue     # seeded and private checks need the reference: instructors run them
            if lab in self.labs:
                checks.append({"lab": lab, "kind": kind, "name": name, "points": points,
                               "script": script})
        return checks

    def _expected_unit(self):
        """{lab: {binary: [test names]}} from the reference build, run here;
        also the order it runs them in and its time (self.ref_order, ref_secs)."""
        exp = {n: {} for n in self.labs if n not in VM_LABS}
        self.ref_order, self.ref_secs = {}, {}
        if RELEASE:
            data = reference()
            for n in exp:
                for b, names in data["unit"].get(str(n), {}).items():
                    exp[n][b] = names
                    key = f"{n}:{b}"
                    self.ref_order[(n, b)] = data.get("unit_order", {}).get(key, names)
                    self.ref_secs[(n, b)] = data.get("unit_secs", {}).get(key, DEFAULT_REF_SECS)
            return exp
        binaries = sorted(glob.glob(os.path.join(TOP, BASE, "tests", "check_*")))
        # the same reference binaries give the same answers: kept in build/grade/
        # by their size and time, so the grader's tests do not rerun them each time
        h = hashlib.sha256(repr(sorted(exp)).encode())
        for b in binaries:
            st = os.stat(b)
            h.update(f"{b}:{st.st_size}:{st.st_mtime_ns}".encode())
        cache = os.path.join(GRADE_DIR, f"unit-ref-{h.hexdigest()[:16]}.json")
        try:
            with open(cache, encoding="utf-8") as f:
                data = json.load(f)
            for row in data:
                lab, b = row["lab"], row["binary"]
                exp[lab][b] = sorted(row["order"])
                self.ref_order[(lab, b)] = row["order"]
                self.ref_secs[(lab, b)] = row["secs"]
            return exp
        except (OSError, ValueError, KeyError):
            pass
        for binary in binaries:
            for lab in exp:
                env = dict(os.environ, CK_INCLUDE_TAGS=f"lab{lab}", CK_VERBOSITY="silent",
                           CK_FORK="yes", CK_DEFAULT_TIMEOUT="20",
                           CK_XML_LOG_FILE_NAME="/dev/fd/1")
                t0 = time.time()
                out = subprocess.run([binary], env=env, stdout=subprocess.PIPE, text=True,
                                     errors="replace", timeout=300, cwd=TOP).stdout
                order = list(xml_results(out))
                if order:
                    b = os.path.basename(binary)
                    exp[lab][b] = sorted(order)
                    self.ref_order[(lab, b)] = order
                    self.ref_secs[(lab, b)] = time.time() - t0
        os.makedirs(GRADE_DIR, exist_ok=True)
        rep.write_atomic(cache, json.dumps([{"lab": n, "binary": b, "order": o,
                                             "secs": self.ref_secs[(n, b)]}
                                            for (n, b), o in self.ref_order.items()]))
        return exp

    def _probe_refs(self):
        """{(lab, binary): the reference's probe reports for this run's seed}
        (grader/probe.py); a student release has no reference to run."""
        if RELEASE or not self.use_probe:
            return {}
        return probe.reference_reports(TOP, BASE, self.expected_unit, self.seed,
                                       self._cc_trusted, self.libs,
                                       os.path.join(GRADE_DIR, "probe"))

    def _expected_text(self, goldens):
        """{check name: expected normalized transcript or None} — goldens read now,
        seeded ones computed by the reference vethsim."""
        goldens = goldens or os.path.join(TOP, "tests", "golden")
        out = {}
        for c in self.checks:
            if c["kind"] == "golden":
                path = os.path.join(goldens, c["script"].replace(".sh", ".out"))
                data, problem = intake.read_file(os.path.dirname(path), os.path.basename(path))
                if data is None:
                    out[c["name"]] = None
                    c["internal"] = (f"internal error: the golden {os.path.relpath(path, TOP)} "
                                     f"cannot be read ({problem or 'it is missing'}); "
                                     "tell your instructor")
                else:
                    out[c["name"]] = data.decode("utf-8", "replace")
            if RELEASE and c["kind"] == "golden":
                continue      # no reference vethsim of the student's tree to time
            script = os.path.join(self.kit, "scenarios", flat(c["name"]) + ".sh")
            t0 = time.time()
            p = subprocess.run([os.path.join(TOP, BASE, "vethsim"), "-x", "-k", "-f", script],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               errors="replace", timeout=120, cwd=TOP)
            self.ref_secs[c["name"]] = time.time() - t0
            if c["kind"] != "golden":
                out[c["name"]] = normalize(p.stdout)
        return out

    def _stage_kit(self):
        kit = self.kit
        shutil.rmtree(kit, ignore_errors=True)
        for d in ("sim/include", "sim/tools"):
            shutil.copytree(os.path.join(TOP, d), os.path.join(kit, d),
                            ignore=shutil.ignore_patterns("*.c", "*.o"))
        os.makedirs(os.path.join(kit, "tests/unit"))
        for h in glob.glob(os.path.join(TOP, "tests/unit/*.h")):
            shutil.copy(h, os.path.join(kit, "tests/unit"))
        lib = os.path.join(kit, "lib")
        built = self._compiled_kit()
        shutil.copytree(os.path.join(built, "lib"), lib)
        shutil.copytree(os.path.join(built, "stubs"), os.path.join(kit, "stubs"))
        os.makedirs(os.path.join(kit, "module"))
        for f in ("Makefile", "Kbuild"):
            if os.path.exists(os.path.join(TOP, "module", f)):
                shutil.copy(os.path.join(TOP, "module", f), os.path.join(kit, "module"))
        scen = os.path.join(kit, "scenarios")
        os.makedirs(scen)
        self.params = {}
        for c in self.checks:
            src = c["script"] if c["kind"] == "private" else os.path.join(TOP, "tests/scenarios",
                                                                          c["script"])
            with open(src, encoding="utf-8") as f:
                text = f.read()
            if c["kind"] != "golden":
                text, self.params[c["name"]] = seeded.seeded_script(text, self.seed, c["name"])
            with open(os.path.join(scen, flat(c["name"]) + ".sh"), "w", encoding="utf-8") as f:
                f.write(text)
        for d, dirs, files in os.walk(kit):
            os.chmod(d, 0o755)
            for f in files:
                os.chmod(os.path.join(d, f), 0o644)
        sandbox.stage(lib)

    def _compiled_kit(self):
        """build/grade/kit-<hash>: the kit's compiled half (lib/: sim/'s objects
        as one archive, the tools, the unit tests' objects, guard.o, confine.o;
        stubs/: the untouched exercises), made once for the inputs it is
        built from and copied into each run's kit: a class is graded by many
        runs, each of which used to rebuild it (an ar, a strip, four cc)."""
        objs = [os.path.join(TOP, BASE, "obj", s[:-2] + ".o") for s in self.sim_srcs]
        tools = [os.path.join(TOP, BASE, f) for f in ("libsimtools.a",
                                                     "obj/sim/tools/vethsim/main.o")]
        tests = sorted(glob.glob(os.path.join(TOP, BASE, "obj/tests/unit/*.o")))
        stubs = [os.path.join(TOP, "exercises", rel) for rel in self.files
                 if rel.startswith("sim/")]
        headers = sorted(glob.glob(os.path.join(TOP, "sim/include/**/*.h"), recursive=True))
        h = hashlib.sha256("\0".join(self.cflags + self.ldflags).encode())
        for path in objs + tools + tests + stubs + headers + [GUARD, CONFINE]:
            with open(path, "rb") as f:
                h.update(path.encode() + b"\0" + hashlib.sha256(f.read()).digest())
        done = os.path.join(GRADE_DIR, "kit-" + h.hexdigest()[:16])
        if os.path.isdir(done):
            return done
        tmp = tempfile.mkdtemp(prefix="kit-", dir=GRADE_DIR)
        lib = os.path.join(tmp, "lib")
        os.makedirs(os.path.join(lib, "tests"))
        subprocess.run(["ar", "rcs", os.path.join(lib, "libsimkernel-base.a")] + objs, check=True)
        for path in tools:
            shutil.copy(path, lib)
        for path in tests:
            shutil.copy(path, os.path.join(lib, "tests"))
        # nothing in grading reads debug info: ld moves a fifth less without it
        subprocess.run(["strip", "--strip-debug", os.path.join(lib, "libsimkernel-base.a"),
                        os.path.join(lib, "libsimtools.a"), os.path.join(lib, "main.o")]
                       + glob.glob(os.path.join(lib, "tests", "*.o")), check=True)
        self._cc_trusted(GUARD, os.path.join(lib, "guard.o"))
        # the seccomp filter graded processes install on themselves (confine.c)
        subprocess.run(["cc", "-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-c", CONFINE,
                        "-o", os.path.join(lib, "confine.o")], check=True, cwd=TOP)
        os.makedirs(os.path.join(tmp, "stubs"))
        for rel, src in zip([r for r in self.files if r.startswith("sim/")], stubs):
            self._cc_trusted(src, os.path.join(tmp, "stubs", flat(rel) + ".o"))
        try:
            os.rename(tmp, done)
        except OSError:            # another run made it first: the same bytes
            shutil.rmtree(tmp, ignore_errors=True)
        # keep the newest four, and any made in the last hour (a run may be copying it)
        old = sorted(glob.glob(os.path.join(GRADE_DIR, "kit-" + "?" * 16)),
                     key=os.path.getmtime, reverse=True)[4:]
        for d in old:
            if time.time() - os.path.getmtime(d) > 3600:
                shutil.rmtree(d, ignore_errors=True)
        return done

    def _cc_trusted(self, src, obj):
        flags = [f.replace("-Isim/", f"-I{TOP}/sim/").replace("-Itests/", f"-I{TOP}/tests/")
                 for f in self.cflags]
        subprocess.run(["cc"] + flags + ["-c", src, "-o", obj], check=True, cwd=TOP)

    def _symbol_rules(self):
        lib = os.path.join(self.kit, "lib")
        kernel, _, _ = objcheck.symbols(os.path.join(lib, "libsimkernel-base.a"))
        self.own = {}
        if RELEASE:
            self.own = {k: set(v) for k, v in reference()["globals"].items()}
        for rel in self.files:
            if rel.startswith("sim/") and not RELEASE:
                ref = os.path.join(TOP, BASE, "tree", rel[:-2] + ".o")
                self.own[rel] = objcheck.symbols(ref)[0]
        reserved = set(kernel)
        trusted = [os.path.join(lib, f) for f in ("libsimtools.a", "main.o", "guard.o",
                                                  "confine.o")]
        ck = subprocess.run(["cc", "-print-file-name=libcheck_pic.a"], stdout=subprocess.PIPE,
                            text=True).stdout.strip()
        reserved |= objcheck.symbols(trusted + glob.glob(os.path.join(lib, "tests/*.o"))
                                     + ([ck] if os.path.exists(ck) else []))[0]
        libs = []
        for name in ("libc.so.6", "libm.so.6", "libpcap.so", "libsubunit.so", "libseccomp.so"):
            path = subprocess.run(["cc", f"-print-file-name={name}"], stdout=subprocess.PIPE,
                                  text=True).stdout.strip()
            if os.path.exists(path):
                libs.append(os.path.realpath(path))
        if libs:
            reserved |= objcheck.symbols(libs, dynamic=True)[0]
        self.kernel_syms, self.reserved = kernel, reserved

    def slot(self):
        with self._lock:
            return self._slots.take()

    def release(self, s):
        with self._lock:
            self._slots.give(s)

    def selected(self, name):
        return not self.only or any(o in name.lower() for o in self.only)

    def cleanup(self):
        shutil.rmtree(self.root, ignore_errors=True)
