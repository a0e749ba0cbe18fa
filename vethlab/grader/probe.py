"""The probe: each graded unit test's lab run again on inputs drawn at grade time.

A unit test's verdict from Check is decided in the process that ran the
student's code, so code that finds the teardown's key can forge it. The probe
(tests/unit/probe.c) adds a verdict that has to be computed: right after the
test body, in the same process, it runs the lab's functions on inputs drawn
from this run's seed (random names, private sizes, frame lengths, backlog
limits, budgets and weights) and reports what it saw on a pipe of its own.
This module computes the reference's reports for the same seed before any
student code runs, and a test passes only if its report is one of them.

Lab 3's frames go on through lab 4's enqueue_to_backlog(), and lab 3 must
not need lab 4 (catalog: lab 3 needs labs 1 and 2): its reports are also
computed with labs 4 and 5 left as the untouched exercise, and either is right.
"""
import hashlib
import os
import subprocess
import tempfile

from vethlab import catalog, markers
from vethlab.grader.reference import xml_results

# labs whose probe reaches a later lab that it does not need, and those labs
LATER = {3: (4, 5)}


def env(lab, seed):
    """What a unit binary needs to run the probe of `lab` for this seed ($OBS is
    the box's pipe)."""
    return {"VETHLAB_PROBE": str(lab), "VETHLAB_RUN_SEED": str(seed), "VETHLAB_OBS": "$OBS"}


def blocks(text):
    """The reports in the order the tests ran: each starts with a line B and is
    complete when it ends with a line E."""
    out = []
    for line in (text or "").splitlines():
        if line == "B":
            out.append([])
        elif out:
            out[-1].append(line)
    return ["\n".join(b) for b in out]


def complete(block):
    return block.endswith("\nE") or block == "E"


def by_test(xml, obs):
    """{test name: its report} when every test Check logged left one report
    (tests run one after another, each writes B first); else {}."""
    names = list(xml_results(xml))
    got = blocks(obs)
    if len(got) != len(names):
        return {}
    return dict(zip(names, got))


def run_reports(binary, lab, seed, cwd):
    """{test: report} of one unit binary's tests of `lab`, run here (trusted)."""
    with tempfile.TemporaryFile() as obs, tempfile.TemporaryFile() as xml:
        e = dict(os.environ, CK_INCLUDE_TAGS=f"lab{lab}", CK_VERBOSITY="silent", CK_FORK="yes",
                 CK_DEFAULT_TIMEOUT="20", CK_XML_LOG_FILE_NAME=f"/dev/fd/{xml.fileno()}",
                 **env(lab, seed))
        e["VETHLAB_OBS"] = f"/dev/fd/{obs.fileno()}"
        e.pop("VETHLAB_CONFINE", None)
        subprocess.run([binary], env=e, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=300, cwd=cwd, pass_fds=(obs.fileno(), xml.fileno()))
        obs.seek(0)
        xml.seek(0)
        return by_test(xml.read().decode("utf-8", "replace"), obs.read().decode("utf-8", "replace"))


def _variant_binary(top, base, lab, binary, cc, libs, cache):
    """`binary` built with the labs in LATER[lab] left as the exercise (their
    files' other regions keep the solution). It does not depend on the seed:
    kept in `cache` under a name drawn from its inputs, built once."""
    sources, h = [], hashlib.sha256(f"{lab}:{binary}:{libs}".encode())
    for rel, labs in catalog.c_files().items():
        if rel.startswith("sim/") and set(labs) & set(LATER[lab]):
            with open(os.path.join(top, "solutions", rel), encoding="utf-8") as f:
                text = markers.skeleton(f.read(), rel, upto=min(LATER[lab]) - 1)
            sources.append((rel, text))
            h.update(text.encode())
    b = os.path.join(top, base)
    objs = [f"{b}/obj/tests/unit/{binary}.o", f"{b}/obj/tests/unit/unit.o",
            f"{b}/obj/tests/unit/probe.o"]
    archives = [f"{b}/libsimtools.a", f"{b}/libsimkernel.a"]
    for path in objs + archives:
        st = os.stat(path)
        h.update(f"{path}:{st.st_size}:{st.st_mtime_ns}".encode())
    exe = os.path.join(cache, f"{binary}-lab{lab}-{h.hexdigest()[:16]}")
    if os.path.exists(exe):
        return exe
    os.makedirs(cache, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as work:
        for rel, text in sources:
            src = os.path.join(work, rel.replace("/", "__"))
            with open(src, "w", encoding="utf-8") as f:
                f.write(text)
            cc(src, src[:-2] + ".o")
            objs.append(src[:-2] + ".o")
        # the variant's objects come first: the archive's members of the same
        # files are then never pulled in
        built = os.path.join(work, "exe")
        subprocess.run(["cc", "-o", built] + objs + archives + libs, check=True, cwd=top)
        os.replace(built, exe)      # whole, also when two runs build it at once
    return exe


def reference_reports(top, base, expected, seed, cc, libs, cache):
    """{(lab, binary): [{test: report}, ...]}: the reference's reports for this
    seed, one dict per acceptable build; cc(src, obj) compiles a kit file as
    the grader's trusted objects are compiled."""
    out = {}
    for lab, bins in expected.items():
        for binary in bins:
            refs = [run_reports(os.path.join(top, base, "tests", binary), lab, seed, top)]
            if lab in LATER:
                exe = _variant_binary(top, base, lab, binary, cc, libs, cache)
                refs.append(run_reports(exe, lab, seed, top))
            out[(lab, binary)] = refs
    return out


def judge(test, lab, got, refs):
    """None when the test's report is one the reference gives, else why not."""
    mine = got.get(test)
    if any(mine is not None and r.get(test) == mine for r in refs):
        return None
    if mine is None:
        return (f"the grader's probe of lab {lab} left no report for this test: the test's "
                "process ended before the probe that runs after it, or wrote reports of its own")
    if not complete(mine):
        last = mine.splitlines()[-1] if mine else "(nothing)"
        return (f"the grader's probe of lab {lab}, run after this test on inputs drawn at grade "
                f"time, did not finish: it stopped after \"{last}\"")
    want = next((r[test] for r in refs if test in r), "")
    for a, b in zip(mine.splitlines(), want.splitlines()):
        if a != b:
            return (f"this test's own checks passed, but the grader's probe of lab {lab}, run "
                    "after it on inputs drawn at grade time, differs from the reference "
                    f"kernel:\n  yours:     {a.strip()}\n  reference: {b.strip()}")
    return (f"the grader's probe of lab {lab}, run after this test on inputs drawn at grade "
            "time, reported something other than the reference kernel")
