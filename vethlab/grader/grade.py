#!/usr/bin/env python3
"""The vethlab autograder.

    python3 -m vethlab.grader                      grade exercises/ (your work)
    python3 -m vethlab.grader --lab 3              one lab only (--lab 6 boots the VM)
    python3 -m vethlab.grader --check "xmit"       rerun only the checks whose name has "xmit"
    python3 -m vethlab.grader --tree DIR           any tree laid out like exercises/
    python3 -m vethlab.grader --submissions DIR    every DIR/<name>/ (files at their
                                                  exercises/ paths, or flat)
    options: --jobs N, --budget S, --seed N, --private DIR, --vm,
             --json F, --tap F, --gradescope F, --prairielearn F, --autolab

How a submission is graded (grading/README.md has the why):
  1. Before any student code runs, the run reads the goldens, runs the
     reference build for the expected test names and the seeded scenarios'
     transcripts, and stages a read-only kit: headers, sim/'s objects, the
     scenario scripts; no solutions/, no goldens.
  2. Intake: only the files a student edits, regular files under a size cap,
     never through a link; includes may only name plain headers.
  3. Each file is compiled alone, in the box (vethlab/box/sandbox.py), without
     -Werror (warnings are reported). A file that does not compile or whose
     object breaks the rules (vethlab/box/objcheck.py) is replaced by the untouched
     exercise: its own labs fail with the cause, the other labs still count.
  4. Tests run in the box under a time budget. Verdicts come from Check's XML
     log on a pipe that only the test runner holds (never from stdout) and
     are compared with the reference here, in a process with no student code.
"""
import argparse
import concurrent.futures as cf
import glob
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from vethlab import catalog, oplabs, report as rep, seeds, submission as staging
from vethlab.box import intake, objcheck, sandbox
from vethlab.grader import result as gradelib, seeded
from vethlab.normalize import normalize
from vethlab.paths import TOP

# grading/ holds the grader's data: results/, the release's reference.json,
# the platforms' course.json and scripts; the code is this package.
HERE = os.path.join(TOP, "grading")
GUARD = os.path.join(TOP, "vethlab", "box", "guard.c")
CONFINE = os.path.join(TOP, "vethlab", "box", "confine.c")

# What the labs are comes from the catalog (vethlab/catalog.py): the C labs
# graded by unit tests and scenarios, the module lab in the VM, and the
# operational labs (vethlab/oplabs), whose topology is the student's own,
# drawn from their student seed.
ALL_TITLES = {x.number: x.title for x in catalog.LABS}
TITLES = {n: ALL_TITLES[n] for n in catalog.numbers(catalog.UNIT) + catalog.numbers(catalog.MODULE)}
OP_TITLES = {n: ALL_TITLES[n] for n in catalog.numbers(catalog.OPERATIONAL)}
VM_LABS = set(catalog.numbers(catalog.MODULE))

MAKE = os.environ.get("MAKE", "make")
# A student release (make release) has no solutions/: the expected test names
# and what each file defines come from grading/reference.json, the shared
# objects from the exercises' build, and only the public checks run.
RELEASE = not os.path.isdir(os.path.join(TOP, "solutions"))
REFERENCE = os.path.join(HERE, "reference.json")
BASE_TREE = "exercises" if RELEASE else "solutions"
BASE = f"build/{BASE_TREE}"   # the reference build; its obj/ doubles as the shared base
GRADE_DIR = os.path.join(TOP, "build", "grade")
LABS = TITLES                 # lab numbers and titles (selftest and labcheck use the keys)
CK_TIMEOUT = "2"              # seconds per Check test; the reference needs milliseconds
# A check's time limit comes from the reference's own time for it, with
# headroom: a stuck loop costs seconds, and its message names the check.
HEADROOM, SLACK = 5.0, 2.0
DEFAULT_REF_SECS = 0.5        # when the reference's time is not known


def build_base():
    """The reference build: sim/'s objects, the tests, the solutions."""
    r = subprocess.run([MAKE, "-s", f"-j{os.cpu_count() or 2}", "build", f"TREE={BASE_TREE}"],
                       cwd=TOP)
    if r.returncode:
        sys.exit("grade: the simulator itself does not build; try 'make build'")


def make_var(name):
    out = subprocess.run([MAKE, "-s", "--no-print-directory",
                          "--eval=_print-%: ; @echo $($*)", f"_print-{name}", f"TREE={BASE_TREE}"],
                         cwd=TOP, stdout=subprocess.PIPE, text=True, check=True).stdout
    return out.split()


def flat(rel):
    return rel.replace("/", "__")


def reference():
    with open(REFERENCE, encoding="utf-8") as f:
        return json.load(f)


def student_files():
    """{path in the tree: [labs whose regions it holds]} for the C files (the catalog's)."""
    return catalog.c_files()


TEST_RE = re.compile(r'<test result="(\w+)">(.*?)</test>', re.S)


def xml_results(xml):
    """{test name: (passed, message)} from Check's XML log (possibly cut short)."""
    out = {}
    for res, body in TEST_RE.findall(xml or ""):
        def field(tag):
            m = re.search(rf"<{tag}>(.*?)</{tag}>", body, re.S)
            return html.unescape(m.group(1)) if m else ""
        name = field("id").replace("_", " ")
        it = field("iteration") or "0"
        if it != "0" or f"{name}#1" in out:
            name = f"{name}#{it}"
        out[name] = (res == "success", f"{field('fn')}: {field('message')}")
    return out


TEST_MARK = "@@vethlab-test@@"    # confine.c writes it as each test's fork starts


def own_output(out, names):
    """{test name: the last lines it printed} for the tests of one binary run,
    in the order Check ran (and logged) them, when every test left its mark;
    the C library's own words (free(): invalid pointer) and the sim's BUG
    lines are what a crash leaves there."""
    parts = out.split(TEST_MARK)[1:]
    if len(parts) != len(names):
        return {}
    keep = {}
    for name, text in zip(names, parts):
        lines = [l for l in text.strip().splitlines() if l.strip()][-8:]
        if lines:
            keep[name] = "\n".join("  " + l[:300] for l in lines)
    return keep


def why(msg):
    """A failure message a student can act on, cause first."""
    if "sim_start_kernel" in msg or "boot failed" in msg:
        hint = " (-12 is -ENOMEM: alloc_netdev_mqs returned NULL?)" if "-12" in msg else ""
        return ("the simulated kernel did not boot" + hint + ": lab 1 (alloc_netdev_mqs, "
                "netdev_priv) must work first\n" + msg)
    if "signal 9" in msg:
        return "killed (it called exit() or ran out of a limit)\n" + msg
    return msg


class Run:
    """What one grading run trusts, all of it settled before student code runs."""

    def __init__(self, labs, seed=None, private=None, goldens=None, budget=15.0,
                 level=None, inspect=True, only=None, use_vm=False, confine=True):
        self.labs, self.budget, self.inspect = labs, budget, inspect
        # graded processes install confine.c's seccomp filter (tests turn it off
        # to show what an attack would earn without it)
        self.confine_env = {"VETHLAB_CONFINE": "1"} if confine else {}
        self.only = [o.lower() for o in (only or [])]
        self.use_vm = use_vm
        self.vm_rows = False      # labs 7-11 in the VM too (grade.py --vm)
        self.seed = seed if seed is not None else int.from_bytes(os.urandom(4), "big")
        self.level = sandbox.choose_level(level)
        sandbox.become_subreaper()
        self.files = student_files()
        # student files are kernel units: the kernel's include paths only (mk/build.mk)
        self.cflags = [f for f in make_var("KERNEL_CFLAGS") if f not in ("-Werror", "-MMD", "-MP")]
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
        self._slots = sandbox.Slots(os.path.join(GRADE_DIR, "slots"))
        self._lock = threading.Lock()
        self.checks = self._plan(private)
        self.expected_unit = self._expected_unit()
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
        os.makedirs(os.path.join(lib, "tests"))
        objs = [os.path.join(TOP, BASE, "obj", s[:-2] + ".o") for s in self.sim_srcs]
        subprocess.run(["ar", "rcs", os.path.join(lib, "libsimkernel-base.a")] + objs, check=True)
        shutil.copy(os.path.join(TOP, BASE, "libsimtools.a"), lib)
        shutil.copy(os.path.join(TOP, BASE, "obj/sim/tools/vethsim/main.o"), lib)
        for o in glob.glob(os.path.join(TOP, BASE, "obj/tests/unit/*.o")):
            shutil.copy(o, os.path.join(lib, "tests"))
        self._cc_trusted(GUARD, os.path.join(lib, "guard.o"))
        # the seccomp filter graded processes install on themselves (confine.c)
        subprocess.run(["cc", "-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-c", CONFINE,
                        "-o", os.path.join(lib, "confine.o")], check=True, cwd=TOP)
        stubs = os.path.join(kit, "stubs")
        os.makedirs(stubs)
        for rel in self.files:
            if rel.startswith("sim/"):
                self._cc_trusted(os.path.join(TOP, "exercises", rel),
                                 os.path.join(stubs, flat(rel) + ".o"))
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
        for path in trusted + glob.glob(os.path.join(lib, "tests/*.o")):
            reserved |= objcheck.symbols(path)[0]
        for name in ("libc.so.6", "libm.so.6", "libpcap.so", "libsubunit.so", "libseccomp.so"):
            path = subprocess.run(["cc", f"-print-file-name={name}"], stdout=subprocess.PIPE,
                                  text=True).stdout.strip()
            if os.path.exists(path):
                reserved |= objcheck.symbols(os.path.realpath(path), dynamic=True)[0]
        ck = subprocess.run(["cc", "-print-file-name=libcheck_pic.a"], stdout=subprocess.PIPE,
                            text=True).stdout.strip()
        if os.path.exists(ck):
            reserved |= objcheck.symbols(ck)[0]
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


def trust_goldens(ran):
    """A public golden is text anyone can print; the same scenario with this
    run's names, addresses and sizes is not. A golden check passes only if
    its seeded twin, where this run has one, passes too."""
    seeded_ok = {}
    for c, r in ran:
        if c["kind"] == "seeded":
            seeded_ok[c["script"]] = seeded_ok.get(c["script"], True) and r.ok
    for c, r in ran:
        if c["kind"] == "golden" and r.ok and seeded_ok.get(c["script"]) is False:
            r.ok = False
            r.detail = ("the transcript matches the public golden, but the same scenario with "
                        "this run's names, addresses and sizes does not (its check below): a "
                        "golden alone is not trusted, since a printed copy would match it")


class Submission:
    """One submission's grading: its box, its notes, its clock."""

    def __init__(self, run, name, src):
        self.run, self.name, self.src = run, name, src
        self.notes = []           # shown first: warnings, rejections, isolation
        self.file_cause = {}      # rel -> why its labs fail (compile error, rejected)
        self.redirected = {}
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)[:60] or "submission"
        self.work = os.path.join(run.root, f"{safe}-{threading.get_ident() % 100000}")
        self.t0 = time.time()
        self.hung = None          # the first check that ran out of its time

    def left(self):
        return self.run.budget - (time.time() - self.t0)

    def limit(self, key):
        """(seconds this check may take, the reference's time for it)."""
        ref = self.run.ref_secs.get(key, DEFAULT_REF_SECS)
        return max(min(HEADROOM * ref + SLACK, self.left()), 0.5), ref

    def out_of_time(self):
        """What a check that did not get to run is told."""
        if self.hung:
            return f"not run: the time went to '{self.hung}', which hung"
        return "time budget exhausted"

    def grade(self):
        run = self.run
        shutil.rmtree(self.work, ignore_errors=True)
        for d in ("src", "obj", "out"):
            os.makedirs(os.path.join(self.work, d))
        srcs = self.take_in()
        slot = run.slot()
        try:
            self.box = sandbox.Box(run.level, slot, run.kit, self.work)
            self.notes.insert(0, f"isolation: {self.box.describe()}")
            results = self.build_and_test(srcs)
        finally:
            if hasattr(self, "box"):
                self.box.finish()
            run.release(slot)
            shutil.rmtree(self.work, ignore_errors=True)
        return results

    # ---- intake ----
    def take_in(self):
        srcs = {}
        for rel in self.run.files:
            data, problem, where = intake.find(self.src, rel)
            if problem:
                self.notes.append(f"{rel}: ignored: {problem}; graded as the untouched exercise")
                self.file_cause[rel] = f"{os.path.basename(rel)} was not taken: {problem}"
                continue
            if data is None:
                continue
            text = data.decode("utf-8", "replace")
            bad = intake.include_problems(text)
            if bad:
                self.notes.append(f"{rel}: rejected: {bad[0]}")
                self.file_cause[rel] = f"{os.path.basename(rel)} was rejected: " + "; ".join(bad[:3])
                continue
            srcs[rel] = data
            path = os.path.join(self.work, "src", rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
        return srcs

    # ---- build ----
    def compile(self, rel):
        box, run = self.box, self.run
        flags = [f.replace("-Isim/", f"-I{box.kit}/sim/").replace("-Itests/", f"-I{box.kit}/tests/")
                 for f in run.cflags]
        obj = f"{box.work}/obj/{flat(rel)}.o"
        rc, out, _, _ = box.run(["cc"] + flags + ["-fdiagnostics-color=never", "-MD", "-MF",
                                                  f"{obj}.d", "-c", f"{box.work}/src/{rel}",
                                                  "-o", obj],
                                timeout=max(min(60, self.left()), 1))
        base = os.path.basename(rel)
        out = out.replace(f"{box.work}/src/", "")
        if rc:
            err = [l for l in out.splitlines() if "error" in l][:5] or out.splitlines()[-5:]
            if rc == 124:
                err = ["the compiler ran out of time"]
            self.file_cause[rel] = f"{base} does not compile:\n" + "\n".join(err)
            first = err[0].split(": error")[0] if err and ": error" in err[0] else ""
            self.notes.append(f"{rel}: does not compile{f' (first error at {first})' if first else ''}"
                              "; graded as the untouched exercise")
            return None
        outside = self.headers_outside(rel)
        if outside:
            self.file_cause[rel] = (f"{base} was rejected: it includes {outside}, outside the "
                                    "kit's headers and the system's")
            self.notes.append(f"{rel}: rejected: includes {outside}")
            return None
        warns = [l for l in out.splitlines() if "warning:" in l]
        if warns:
            self.notes.append(f"{rel}: {len(warns)} compiler warning(s) (not penalized):")
            self.notes.extend("  " + w for w in warns[:5])
        host_obj = os.path.join(self.work, "obj", flat(rel) + ".o")
        if run.inspect:
            allowed = set(run.kernel_syms)
            for other, syms in run.own.items():
                if other != rel:
                    allowed |= syms
            try:
                problems, redirects = objcheck.inspect(host_obj, run.own.get(rel, set()), allowed,
                                                       run.reserved - run.own.get(rel, set()))
                objcheck.redirect(host_obj, redirects)
            except (RuntimeError, subprocess.TimeoutExpired) as e:
                problems, redirects = [f"cannot be inspected ({e})"], []
            if problems:
                self.file_cause[rel] = f"{base} was rejected: " + "; ".join(problems[:4])
                self.notes.append(f"{rel}: rejected: " + "; ".join(problems[:4]))
                return None
            exits = [n for n in redirects if n in objcheck.EXITS]
            prints = [n for n in redirects if n in objcheck.OUTPUTS]
            if exits:
                self.notes.append(f"{rel}: calls {', '.join(exits)}(): a test that reaches "
                                  "it is killed and fails")
            if prints:
                self.notes.append(f"{rel}: calls {', '.join(prints)}(): graded code prints "
                                  "nothing (run vethsim yourself to see it)")
            self.redirected[rel] = redirects
        if box.uid != os.geteuid() and os.geteuid() == 0:
            os.chown(host_obj, box.uid, box.uid)
        return obj

    def headers_outside(self, rel):
        """The first file the preprocessor opened for rel that is neither the
        kit's headers, the system's, nor the submission's own source: judged on
        what was opened (the compiler's dependency list), not on how the
        #include line was spelled."""
        box = self.box
        try:
            with open(os.path.join(self.work, "obj", flat(rel) + ".o.d"), encoding="utf-8",
                      errors="replace") as f:
                text = f.read().replace("\\\n", " ")
        except OSError:
            return "(no dependency list)"
        deps = text.split(":", 1)[1].split() if ":" in text else []
        ok = (f"{box.kit}/", f"{box.work}/src/", "/usr/include/", "/usr/lib/gcc/",
              "/usr/local/include/")
        for d in deps:
            path = os.path.normpath(d if d.startswith("/") else os.path.join(box.work, d))
            if not path.startswith(ok):
                return path
        return None

    def build_and_test(self, srcs):
        run, box = self.run, self.box
        objs = {}
        for rel in run.files:
            if not rel.startswith("sim/"):
                continue
            obj = self.compile(rel) if rel in srcs else None
            objs[rel] = obj or f"{box.kit}/stubs/{flat(rel)}.o"
        link_err = self.link(objs)
        if link_err:
            # try the untouched exercise for each file in turn, so one file's
            # missing function does not cost the other file's labs
            for rel in list(objs):
                if objs[rel].startswith(f"{box.kit}/stubs/"):
                    continue
                trial = dict(objs, **{rel: f"{box.kit}/stubs/{flat(rel)}.o"})
                if not self.link(trial):
                    self.file_cause[rel] = f"{os.path.basename(rel)} does not link:\n{link_err}"
                    self.notes.append(f"{rel}: does not link; graded as the untouched exercise")
                    link_err = None
                    break
        results = []
        for n in run.labs:
            if n in VM_LABS:
                results += self.vm_lab(n, srcs)
                continue
            cause = "; ".join(self.file_cause[r] for r, labs in run.files.items()
                              if n in labs and r in self.file_cause)
            results += self.unit_tests(n, link_err, cause)
            ran = [(c, self.scenario(c, link_err, cause)) for c in run.checks
                   if c["lab"] == n and run.selected(c["name"])]
            trust_goldens(ran)
            results += [r for _, r in ran]
        return results

    def link(self, objs):
        box, run = self.box, self.run
        k = f"{box.kit}/lib"
        group = ["-Wl,--start-group", f"{k}/libsimtools.a", f"{k}/libsimkernel-base.a"] + \
            sorted(objs.values()) + [f"{k}/guard.o", f"{k}/confine.o", "-Wl,--end-group",
                                     "-lseccomp"]
        targets = [("vethsim", [f"{k}/main.o"], run.pcap)]
        bins = sorted({b for n in run.labs if n not in VM_LABS for b in run.expected_unit[n]})
        for b in bins:
            targets.append((b, [f"{k}/tests/{b}.o", f"{k}/tests/unit.o"], run.libs))
        for name, first, libs in targets:
            rc, out, _, _ = box.run(["cc", "-o", f"{box.work}/out/{name}"] + first + group + libs,
                                    timeout=max(min(60, self.left()), 1))
            if rc:
                return "\n".join(([l for l in out.splitlines() if "undefined" in l or "multiple" in l]
                                  or out.splitlines())[:5])
        return None

    # ---- checks ----
    def _fail_all(self, lab, names, why_, secs=0.0):
        return [gradelib.Result(lab, t, p, False, secs, why_) for t, p in names]

    def unit_tests(self, lab, link_err, cause):
        run, box = self.run, self.box
        results = []
        for binary, tests in run.expected_unit.get(lab, {}).items():
            names = [(t, catalog.UNIT_POINTS) for t in tests if run.selected(t)]
            if not names:
                continue
            if link_err:
                results += self._fail_all(lab, names, (cause + "\n" if cause else "") +
                                          "does not link:\n" + link_err)
                continue
            if self.left() <= 0:
                results += self._fail_all(lab, names, self.out_of_time())
                continue
            limit, ref = self.limit((lab, binary))
            env = {"CK_INCLUDE_TAGS": f"lab{lab}", "CK_VERBOSITY": "silent", "CK_FORK": "yes",
                   **run.confine_env,
                   "CK_DEFAULT_TIMEOUT": CK_TIMEOUT, "CK_XML_LOG_FILE_NAME": "$VERDICT"}
            rc, out, secs, verdict = box.run([f"{box.work}/out/{binary}"], env=env,
                                             timeout=limit, verdict_fd=True)
            got = xml_results(verdict)
            own = own_output(out, list(got))
            each = secs / max(len(tests), 1)
            order = run.ref_order.get((lab, binary), tests)
            stuck = next((t for t in order if t not in got), None) if rc == 124 else None
            if stuck and not self.hung:
                self.hung = stuck
            for t, p in names:
                if t in got:
                    ok, msg = got[t]
                elif t == stuck:
                    ok, msg = False, (f"did not finish: lab {lab}'s tests in {binary} were stopped "
                                      f"after {limit:.1f} s while this one ran (the reference "
                                      f"needs {ref:.2f} s for all of them): is a loop stuck, or a "
                                      "queue never emptied?")
                elif rc == 124:
                    ok, msg = False, (f"not run: '{stuck}' hung before it" if stuck
                                      else self.out_of_time())
                else:
                    ok, msg = False, "did not run"
                detail = ""
                if not ok:
                    detail = why(msg)
                    if own.get(t):
                        detail += "\nwhat this test printed before it ended:\n" + own[t]
                    if cause:
                        detail = cause + "\n" + detail
                results.append(gradelib.Result(lab, t, p, ok, each, detail))
        return results

    def scenario(self, c, link_err, cause):
        box = self.box
        lab, name, points = c["lab"], c["name"], c["points"]
        if c.get("internal"):
            return gradelib.Result(lab, name, points, False, 0.0, c["internal"])
        if link_err:
            return gradelib.Result(lab, name, points, False, 0.0,
                                   (cause + "\n" if cause else "") + "does not link:\n" + link_err)
        if self.left() <= 0:
            return gradelib.Result(lab, name, points, False, 0.0, self.out_of_time())
        script = f"{box.kit}/scenarios/{flat(name)}.sh"
        limit, ref = self.limit(name)
        rc, out, secs, _ = box.run([f"{box.work}/out/vethsim", "-x", "-k", "-f", script],
                                   env=dict(self.run.confine_env), timeout=limit)
        if rc == 124:
            if not self.hung:
                self.hung = name
            msg = (f"did not finish: vethsim was stopped after {limit:.1f} s on this scenario "
                   f"(the reference needs {ref:.2f} s): is a loop stuck?\nits last lines:\n"
                   + "\n".join("  " + l for l in out.strip().splitlines()[-6:]))
            return gradelib.Result(lab, name, points, False, secs, msg)
        ok, detail = gradelib.lines_match(normalize(out), self.run.expected_text[name])
        if not ok:
            first = [l for l in out.splitlines()[:5] if "boot failed" in l or "did not boot" in l]
            head = []
            if first:
                head.append(why(first[0]))
            if cause:
                head.insert(0, cause)
            if name in self.run.params:
                head.append("this run's parameters: " + ", ".join(
                    f"{k}={v}" for k, v in self.run.params[name].items()))
            detail = "\n".join(head + [detail])
        return gradelib.Result(lab, name, points, ok, secs, detail)

    def vm_lab(self, lab, srcs):
        """Build the submission's module and run the in-VM suite; one result per test.
        Runs outside the box: the guest VM is the isolation (see grading/README.md)."""
        return vm_lab(lab, self, srcs)


VM_LINE = re.compile(r"^([A-Za-z0-9_]+): (OK|FAIL)(?: \((.*)\))?\r*$", re.M)
VM_COUNT = re.compile(r"^(\d+) passed, (\d+) failed\r*$", re.M)


def _kver():
    out = subprocess.run([MAKE, "-s", "--no-print-directory", "-C", os.path.join(TOP, "module"),
                          "--eval=_print-%: ; @echo $($*)", "_print-KVER"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    return out.strip()


def _vm_suite(ko, timeout):
    """Boot the VM with the module ko and run the in-VM suite: (rc, output, seconds)."""
    return gradelib.run([sys.executable, os.path.join(TOP, "module/vm/vethvm.py"),
                         "--kver", _kver(), "--ko", ko, "test"], timeout=timeout, cwd=TOP)


def vm_expected_names():
    """The in-VM tests the reference module prints, from one reference run,
    cached under build/grade/ by the hash of the suite, the harness and the
    reference source (a VM boot takes minutes)."""
    h = hashlib.sha256()
    for rel in ("module/vm/guest/vm-tests.sh", "module/vm/vethvm.py",
                "solutions/module/vethlab.c"):
        try:
            with open(os.path.join(TOP, rel), "rb") as f:
                h.update(f.read())
        except OSError:
            pass
    cache = os.path.join(GRADE_DIR, f"vm-expected-{h.hexdigest()[:16]}.json")
    if RELEASE:
        return reference().get("vm", [])
    try:
        with open(cache, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        pass
    objdir = os.path.join(GRADE_DIR, "vm-reference")
    rc, out, _ = gradelib.run([MAKE, "-s", "-C", os.path.join(TOP, "module"), "module",
                               "TREE=solutions", f"OBJDIR={objdir}"], timeout=300, cwd=TOP)
    if rc == 0:
        rc, out, _ = _vm_suite(os.path.join(objdir, "vethlab.ko"), 1200)
    names = sorted({m[0] for m in VM_LINE.findall(out)})
    if not (names and VM_COUNT.search(out)):
        sys.stderr.write("grade: the reference module's VM run gave no test list:\n"
                         + "\n".join(out.strip().splitlines()[-15:]) + "\n")
    if names and VM_COUNT.search(out):
        os.makedirs(GRADE_DIR, exist_ok=True)
        with open(cache, "w", encoding="utf-8") as f:
            json.dump(names, f)
    return names


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
    if rc:
        err = [l for l in out.splitlines() if "error" in l][:5] or out.splitlines()[-5:]
        sub.file_cause.setdefault(rel, "vethlab.c does not compile:\n" + "\n".join(err))
        out = ""
    else:
        rc, out, secs = _vm_suite(os.path.join(sub.work, "modbuild", "vethlab.ko"), 900)
    got = {m[0]: (m[1] == "OK", m[2] or "") for m in VM_LINE.findall(out)}
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


def write_reference(path, with_vm=False):
    """The instructor bundle a student release grades with: names only, no code."""
    labs = [n for n in TITLES if n not in VM_LABS]
    run = Run(labs, seed=0, level="rlimits")
    try:
        data = {"files": run.files, "templates": template_hashes(),
                "unit": {str(n): run.expected_unit[n] for n in labs},
                "unit_order": {f"{n}:{b}": o for (n, b), o in run.ref_order.items()},
                "unit_secs": {f"{k[0]}:{k[1]}": round(t, 3) for k, t in run.ref_secs.items()
                              if isinstance(k, tuple)},
                "globals": {k: sorted(v) for k, v in run.own.items()},
                "vm": vm_expected_names() if with_vm else []}
    finally:
        run.cleanup()
    rep.write_atomic(path, json.dumps(data, indent=1, sort_keys=True) + "\n")
    return path


_default = {}


def grade_one(name, src, labs, use_vm, run=None):
    """Grade one folder: its results."""
    return grade_full(name, src, labs, use_vm, run)[0]


def grade_full(name, src, labs, use_vm, run=None):
    """Grade one folder: (results, notes). Never raises: an internal error is
    a result of its own."""
    if run is None:
        key = tuple(labs)
        if key not in _default:
            _default[key] = Run(labs, use_vm=use_vm)
        run = _default[key]
    sub = Submission(run, name, src)
    try:
        results = sub.grade()
    except Exception as e:  # noqa: BLE001 - one submission must not stop the run
        import traceback
        results = [gradelib.Result(min(labs), "internal error", 0, False, time.time() - sub.t0,
                                   f"the grader failed on this submission: {e!r}\n"
                                   + traceback.format_exc()[-1500:])]
        sub.notes.append("internal error: see the 'internal error' row")
    for r in results:
        r.detail = r.detail[:4000]
    return results, sub.notes


# ---- reports (vethlab/report.py writes them) ----
totals = rep.totals


def grade_oplabs(src, op_labs, seed, use_vm):
    """Labs 7-11 of one submission for its student seed: on the reference
    vethsim, and in the VM too with --vm (one guest for all its labs: each
    run puts the guest's state back first). The verdicts come from commands
    the grader runs itself after the student's allow-listed lines
    (vethlab/oplabs/README.md)."""
    results = []
    if not op_labs:
        return results
    backends = [("sim", oplabs.Sim())]
    if use_vm:
        try:
            backends.append(("vm", oplabs.Vm()))
        except Exception:  # noqa: BLE001 - oplabs.grade makes that its rows
            backends.append(("vm", None))
    try:
        for lab in op_labs:
            for kernel, backend in backends:
                for r in oplabs.grade(lab, src, seed, kernel, backend=backend):
                    results.append(gradelib.Result(lab, r["name"], r["points"], r["ok"],
                                                   r.get("seconds", 0.0), r["detail"]))
    finally:
        for _, backend in backends[1:]:
            if backend:
                backend.close()
    return results


def template_hashes():
    """{path in the tree: sha256 of the untouched exercise}: from solutions/
    through the skeleton generator (students work in exercises/ itself, so it
    is no reference), or in a student release from grading/reference.json."""
    if RELEASE:
        return reference().get("templates", {})
    from vethlab import markers
    out = {}
    for rel in catalog.handed_in():
        try:
            with open(os.path.join(TOP, "solutions", rel), encoding="utf-8") as f:
                text = markers.skeleton(f.read(), rel)
        except OSError:
            continue
        out[rel] = hashlib.sha256(text.encode()).hexdigest()
    return out


_TEMPLATES = {}


def untouched(tree, rel):
    """True when tree/rel is missing or still the untouched exercise."""
    if not _TEMPLATES:
        _TEMPLATES.update(template_hashes())
    try:
        with open(os.path.join(tree, rel), "rb") as f:
            return hashlib.sha256(f.read()).hexdigest() == _TEMPLATES.get(rel)
    except OSError:
        return True


def free_text(src, labs):
    """{lab: text} of the answers a teacher reads (the handouts' questions),
    from the staged tree; untouched templates are not answers."""
    out = {}
    for lab in labs:
        rel = catalog.lab(lab).free_text
        if not rel or untouched(src, rel):
            continue
        data, problem = intake.read_file(src, rel)
        if data and not problem:
            out[str(lab)] = data.decode("utf-8", "replace")[:20000]
    return out


def grade_all(name, src, labs, op_labs, use_vm, run, seed):
    """Every lab asked of one submission: (results, notes, free text). src is
    first staged (vethlab/submission.py): only the catalog's files, through
    the one intake; everything after reads the staged copy."""
    staged = tempfile.mkdtemp(prefix="staged-", dir=run.root)
    try:
        taken, notes = staging.stage(src, staged)
        results, more = grade_full(name, staged, labs, use_vm, run) if labs else ([], [])
        notes = more[:1] + notes + more[1:]
        if op_labs:
            if seed:
                notes.append(f"labs {op_labs[0]}-{op_labs[-1]}: your topology comes from "
                             f"student seed {seed} (make lab-spec LAB=N SEED={seed})")
                # labs 7-11's [vm] rows only when asked (--vm): a started
                # module turns on lab 6 alone
                results += grade_oplabs(staged, op_labs, seed, run.vm_rows)
            else:
                for n in op_labs:
                    for cname, points in catalog.op_checks(n):
                        results.append(gradelib.Result(
                            n, f"{cname} [sim]", points, False, 0.0,
                            "not graded: no student seed for this submission (the course "
                            "grades it with --course-secret)"))
                notes.append("not graded: labs 7-11 need a student seed")
        free = free_text(staged, list(labs) + list(op_labs))
        if free:
            notes.append("answers for a teacher (not scored): lab " + ", ".join(free)
                         + "; in the results file under free_text")
        return results, notes, free
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def choose_labs(args, ap, tree=None):
    """(C labs, operational labs, notes) this run grades. Default: every lab
    of the catalog; lab 6 (the VM) only with --vm, LAB=6, or when the tree's
    module differs from the untouched exercise."""
    notes = []
    if args.lab:
        for n in args.lab:
            if n not in ALL_TITLES and n != 0:     # --lab 0: none, only --extra-row rows
                ap.error(f"no lab {n}; labs are {', '.join(map(str, sorted(ALL_TITLES)))}")
        wanted = sorted(set(args.lab) - {0})
    else:
        wanted = list(ALL_TITLES)
    vm = args.vm or (args.lab is not None and any(n in VM_LABS for n in wanted))
    for n in [n for n in wanted if n in VM_LABS and not vm]:
        lab = catalog.lab(n)
        if tree and not all(untouched(tree, f) for f in lab.files):
            vm = True
            continue
        wanted.remove(n)
        why = "its module is the untouched exercise here, and " if tree else ""
        notes.append(f"lab {n} not graded: {why}it boots the VM (make grade LAB={n}, or --vm)")
    c_labs = [n for n in wanted if n not in OP_TITLES]
    op_labs = [n for n in wanted if n in OP_TITLES]
    return c_labs, op_labs, vm, notes


def clean_results(res_dir):
    """A class run starts from a clean results folder: the files an earlier
    run wrote there (per-submission JSON, the summary) are removed."""
    os.makedirs(res_dir, exist_ok=True)
    for f in os.listdir(res_dir):
        if f.endswith(".json") or f == "summary.csv":
            os.remove(os.path.join(res_dir, f))


def main(argv):
    ap = argparse.ArgumentParser(prog="python3 -m vethlab.grader", description="Grade vethlab exercises.")
    ap.add_argument("--lab", type=int, action="append", help="grade only this lab")
    ap.add_argument("--check", action="append", help="only the checks whose name contains this")
    ap.add_argument("--tree", default="exercises", help="the tree to grade")
    ap.add_argument("--submissions", help="a folder of submissions, one folder each")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--budget", type=float, default=float(os.environ.get("VETHLAB_BUDGET", 15)),
                    help="seconds per submission for labs 1-5 (default 15; each check also has "
                         "a limit of its own, from the reference's time)")
    ap.add_argument("--run-seed", "--seed", dest="run_seed", type=int,
                    help="this run's seed for the seeded scenario checks (default: random)")
    ap.add_argument("--private", help="an instructor's folder of private checks (labN-*.sh)")
    ap.add_argument("--goldens", help=argparse.SUPPRESS)
    ap.add_argument("--sandbox", help="bwrap, uid or rlimits (default: the best available)")
    ap.add_argument("--no-inspect", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--no-confine", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--vm", action="store_true", help="also grade lab 6 and labs 7-11 in the VM")
    ap.add_argument("--json", help="where to write the results (one tree only)")
    ap.add_argument("--results-dir", help="where to write per-submission results")
    ap.add_argument("--tap", help="also write TAP here")
    ap.add_argument("--gradescope", help="also write Gradescope's results.json here")
    ap.add_argument("--prairielearn", help="also write PrairieLearn's results.json here")
    ap.add_argument("--autolab", action="store_true", help="end with Autolab's scores line")
    ap.add_argument("--student-seed", "--op-seed", dest="student_seed",
                    help="your student seed (make grade SEED=...; default: .vethlab-seed)")
    ap.add_argument("--course-secret", default=os.environ.get("VETHLAB_COURSE_SECRET") or None,
                    help="with --submissions: each folder's student seed is "
                         "HMAC(secret, folder name = student id)")
    ap.add_argument("--shard", help="K/N: grade only the submissions of shard K of N (a stable "
                    "split by name); --merge joins the shards' results")
    ap.add_argument("--merge", nargs="+", metavar="RESULTS_DIR",
                    help="write one summary.csv (in --results-dir) from shards' results folders")
    ap.add_argument("--extra-row", action="append", default=[], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.merge:
        out = os.path.join(args.results_dir or os.path.join(HERE, "results"), "summary.csv")
        path, n = rep.merge(args.merge, out)
        print(f"merged {n} submissions from {len(args.merge)} folder(s): {os.path.relpath(path)}")
        return 0
    shard = None
    if args.shard:
        try:
            k, n = (int(x) for x in args.shard.split("/"))
            assert 1 <= k <= n
        except (ValueError, AssertionError):
            ap.error(f"--shard {args.shard}: want K/N with 1 <= K <= N, e.g. 2/8")
        shard = (k, n)
    tree = None if args.submissions else os.path.abspath(args.tree)
    labs, op_labs, use_vm, lab_notes = choose_labs(args, ap, tree)
    build_base()
    t0 = time.time()
    run = Run(labs, seed=args.run_seed, private=args.private, goldens=args.goldens,
              budget=args.budget, level=args.sandbox, inspect=not args.no_inspect,
              only=args.check, use_vm=use_vm, confine=not args.no_confine)
    run.vm_rows = args.vm
    res_dir = args.results_dir or os.path.join(HERE, "results")
    head = f"run seed {run.seed}; isolation level {run.level}"
    try:
        if not args.submissions:
            if not os.path.isdir(tree):
                ap.error(f"{args.tree}: no such folder")
            name = os.path.basename(tree.rstrip("/"))
            seed = None
            if op_labs:
                seed = seeds.resolve(args.student_seed, create=not args.gradescope
                                     and not args.prairielearn and not args.autolab)
                if seed is None and args.course_secret:
                    seed = seeds.student_seed(name, args.course_secret)
            print(head)
            results, notes, free = grade_all(name, tree, labs, op_labs, use_vm, run, seed)
            for row in args.extra_row:
                lab_s, cname, why_s = row.split("|", 2)
                results.append(gradelib.Result(int(lab_s), cname, 0, False, 0.0, why_s))
            notes = lab_notes + notes
            earned, total = rep.text(results, sorted(set(labs + op_labs) | {r.lab for r in results}),
                                     notes)
            os.makedirs(res_dir, exist_ok=True)
            path = args.json or os.path.join(res_dir, f"{rep.safe_name(name)}.json")
            saved = rep.save_json(path, name, results, notes,
                                  {"run_seed": run.seed, "student_seed": seed, "free_text": free})
            print(f"results: {os.path.relpath(saved)}")
            secs = time.time() - t0
            if args.gradescope:
                rep.write_atomic(args.gradescope,
                                 json.dumps(rep.gradescope(results, notes, secs), indent=1))
            if args.prairielearn:
                rep.write_atomic(args.prairielearn,
                                 json.dumps(rep.prairielearn(results, notes), indent=1))
            if args.tap:
                rep.write_atomic(args.tap, rep.tap(results))
            if args.autolab:
                print(rep.autolab(results), flush=True)
            return 0 if earned == total and total > 0 else 1
        root = args.submissions
        if not os.path.isdir(root):
            ap.error(f"{root}: no such folder")
        subs = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d))
                      or os.path.islink(os.path.join(root, d)))
        if not subs:
            ap.error(f"{root}: no submission folders inside")
        if shard:
            subs = [d for d in subs if rep.shard_of(d, shard[1]) == shard[0]]
            head += f"; shard {shard[0]}/{shard[1]}"
        clean_results(res_dir)
        if op_labs and not args.course_secret:
            lab_notes.append("labs 7-11: no --course-secret (COURSE_SECRET=), so no student "
                             "seeds: their checks fail with that note")
        print(f"grading {len(subs)} submissions with {args.jobs} jobs; {head}", flush=True)
        for n in lab_notes:
            print(n)
        rows = []
        with cf.ThreadPoolExecutor(args.jobs) as pool:
            futs = {pool.submit(_grade_row, s, os.path.join(root, s), labs, use_vm, run,
                                res_dir, op_labs, seeds.student_seed(s, args.course_secret)
                                if args.course_secret else None): s for s in subs}
            for i, fut in enumerate(cf.as_completed(futs), 1):
                s = futs[fut]
                row = fut.result()
                rows.append(row)
                e, t = rep.totals(row["results"])
                note = rep.why_missing(row["results"], row["notes"])
                print(f"[{i}/{len(subs)}] {s}: {e}/{t} ({row['seconds']:.1f}s)"
                      f"{'  ' + note if note else ''}", flush=True)
        path = rep.summary_csv(os.path.join(res_dir, "summary.csv"),
                               [r["summary"] for r in rows], labs + op_labs)
        print(f"graded {len(subs)} in {time.time() - t0:.1f}s; summary: {os.path.relpath(path)}")
        return 0
    finally:
        run.cleanup()


def _grade_row(s, path, labs, use_vm, run, res_dir, op_labs=(), seed=None):
    t0 = time.time()
    try:
        results, notes, free = grade_all(s, path, labs, list(op_labs), use_vm, run, seed)
    except Exception as e:  # noqa: BLE001
        results, notes, free = [gradelib.Result(min(list(labs) + list(op_labs)), "internal error",
                                                0, False, 0.0, repr(e))], [f"internal error: {e!r}"], {}
    secs = time.time() - t0
    summary = rep.summary_row(s, seed, results, notes, secs)
    rep.save_json(os.path.join(res_dir, f"{rep.safe_name(s)}.json"), s, results, notes,
                  {"run_seed": run.seed, "student_seed": seed, "seconds": round(secs, 2),
                   "free_text": free, "summary": summary,
                   "graded_labs": list(labs) + list(op_labs)})
    return {"student": s, "seed": seed, "results": results, "notes": notes, "seconds": secs,
            "summary": summary}


