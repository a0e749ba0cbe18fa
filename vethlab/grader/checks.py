"""One submission in its box: intake, build, unit tests and scenarios."""
import os
import re
import shlex
import shutil
import subprocess
import threading
import time

from vethlab import catalog
from vethlab.box import intake, objcheck, sandbox
from vethlab.grader import probe, result as gradelib
from vethlab.normalize import normalize
from vethlab.grader.vmlab import vm_lab
from vethlab.grader.reference import (CK_TIMEOUT, DEFAULT_REF_SECS, HEADROOM, SLACK, VM_LABS,
                                      flat, own_output, why, xml_results)


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
            targets.append((b, [f"{k}/tests/{b}.o", f"{k}/tests/unit.o", f"{k}/tests/probe.o"],
                            run.libs))
        # one box for every link: a link runs no student code, and a box costs
        # more than a link; the first that fails stops the rest, as before
        script = " && ".join(
            shlex.join(["cc"] + run.ldflags + ["-o", f"{box.work}/out/{name}"] + first + group
                       + libs) for name, first, libs in targets)
        rc, out, _, _ = box.run(["sh", "-c", script], timeout=max(min(60, self.left()), 1))
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
            refs = run.probe_refs.get((lab, binary))
            env = {"CK_INCLUDE_TAGS": f"lab{lab}", "CK_VERBOSITY": "silent", "CK_FORK": "yes",
                   **run.confine_env, **(probe.env(lab, run.seed) if refs else {}),
                   "CK_DEFAULT_TIMEOUT": CK_TIMEOUT, "CK_XML_LOG_FILE_NAME": "$VERDICT"}
            rc, out, secs, read = box.run([f"{box.work}/out/{binary}"], env=env,
                                          timeout=limit, pipes=("VERDICT", "OBS"))
            got = xml_results(read["VERDICT"])
            reports = probe.by_test(read["VERDICT"], read["OBS"])
            own = own_output(out, list(got))
            each = secs / max(len(tests), 1)
            order = run.ref_order.get((lab, binary), tests)
            stuck = next((t for t in order if t not in got), None) if rc == 124 else None
            if stuck and not self.hung:
                self.hung = stuck
            for t, p in names:
                if t in got:
                    ok, msg = got[t]
                    # Check's verdict came from the process that ran student
                    # code; the probe's report has to match the reference's
                    if ok and refs:
                        bad = probe.judge(t, lab, reports, refs)
                        if bad:
                            ok, msg = False, bad
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
