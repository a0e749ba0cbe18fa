"""What a grading run trusts before any student code runs: the reference build,
its data (or, in a student release, grading/reference.json), the lab table,
and the helpers that read Check's verdicts."""
import hashlib
import html
import json
import os
import re
import subprocess
import sys

from vethlab import catalog
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


# a run reads these; the first make_var asks make for all of them at once
# (each make reads the whole build: a fifth of a CPU second)
RUN_VARS = ("KERNEL_CFLAGS", "CHECK_LIBS", "PCAP_LIBS", "SIM_SRCS")
_vars = {}


def make_var(name):
    if name not in _vars:
        names = [name] + [n for n in RUN_VARS if n != name and n not in _vars]
        out = subprocess.run([MAKE, "-s", "-j1", "--no-print-directory",
                              "--eval=_print-%: ; @echo $($*)"] + [f"_print-{n}" for n in names]
                             + [f"TREE={BASE_TREE}"],
                             cwd=TOP, stdout=subprocess.PIPE, text=True, check=True).stdout
        lines = out.split("\n")
        for n, line in zip(names, lines[:len(names)]):
            _vars[n] = line.split()
    return list(_vars[name])


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
