"""The one catalog of labs: what each lab is, read by everything else.

The grader (which checks to run and what a lab is worth), the platform
runners (which labs a submission holds), the student release and the
platform bundles (which files a student gets), `make help`, `make lab-spec`,
the walkthrough, the gradebook's columns and the handouts' tables all read
this file; `python3 -m vethlab.catalog --check` proves the handouts, the
SOLUTION markers and the lab folders agree with it.

A lab has a number, a title, the folder of its handout (labs/NN-name/, which
is also where its answer files sit in a student's tree), the files a student
hands in (paths in the student's tree, e.g. exercises/), a kind, the kernels
it runs on and the labs it needs first. Its checks live with the code that
runs them (unit tests tagged labN, the scenario table below, the in-VM
suite, vethlab/oplabs/labNN.py), and `points()` adds them up.
"""
import os
import re
from dataclasses import dataclass

from . import markers
from .paths import TOP

UNIT = "unit"                 # Check unit tests + scenario transcripts on vethsim
MODULE = "module"             # vethlab.ko in Debian's 6.1 kernel (the VM)
OPERATIONAL = "operational"   # the student's commands, capture, traces, answers

VETHSIM = "vethsim"
DEBIAN61 = "debian-6.1 (VM)"


@dataclass(frozen=True)
class Lab:
    number: int
    title: str
    folder: str               # labs/NN-name: the handout, and the answers' folder in a tree
    kind: str
    files: tuple              # what a student hands in, as paths in their tree
    you_write: str            # the README table's "you write" column
    kernels: tuple = (VETHSIM,)
    needs: tuple = ()         # labs that must work first
    free_text: str = ""       # answers a teacher reads, not scored (a path in the tree)
    article: str = ""

    @property
    def key(self):
        """The gradebook's column: lab01 .. lab11."""
        return f"lab{self.number:02d}"

    def flat_name(self, rel):
        """The name of rel in a flat upload (Gradescope's usual): C files keep
        their base name; answer files get the lab in front (lab08-answers.txt),
        so that two labs' answers.txt cannot collide."""
        base = os.path.basename(rel)
        return base if rel.endswith(".c") else f"{self.key}-{base}"

    def all_files(self):
        return self.files + ((self.free_text,) if self.free_text else ())


DEV_C = "sim/net/core/dev.c"
VETH_C = "sim/drivers/net/veth.c"
MODULE_C = "module/vethlab.c"


def _op(n, folder, title, files, article, needs=()):
    return Lab(n, title, folder, OPERATIONAL, tuple(f"{folder}/{f}" for f in files),
               "operational: " + title, kernels=(VETHSIM, DEBIAN61), needs=needs,
               free_text=f"{folder}/notes.md", article=article)


LABS = (
    Lab(1, "net_device and its private area (alloc_netdev_mqs, netdev_priv)",
        "labs/01-net-device", UNIT, (DEV_C,), "`alloc_netdev_mqs`, `netdev_priv`",
        article="001"),
    Lab(2, "pairing (veth_newlink, veth_dellink)", "labs/02-pairing", UNIT, (VETH_C,),
        "`veth_newlink`, `veth_dellink`", needs=(1,),
        free_text="labs/02-pairing/answers.md", article="001"),
    Lab(3, "transmit (veth_xmit)", "labs/03-xmit", UNIT, (VETH_C,), "`veth_xmit`",
        needs=(1, 2), free_text="labs/03-xmit/answers.md", article="000"),
    Lab(4, "the backlog (enqueue_to_backlog, ____napi_schedule)", "labs/04-backlog", UNIT,
        (DEV_C,), "`enqueue_to_backlog`, `____napi_schedule`", needs=(1, 2, 3),
        free_text="labs/04-backlog/answers.md", article="000"),
    Lab(5, "the receive softirq (net_rx_action, process_backlog)", "labs/05-softirq", UNIT,
        (DEV_C,), "`net_rx_action`, `process_backlog`", needs=(1, 2, 3, 4),
        free_text="labs/05-softirq/answers.md", article="000"),
    Lab(6, "vethlab.ko in a real kernel (boots the Debian VM)", "labs/06-module", MODULE,
        (MODULE_C,), "`vethlab.ko` in a real kernel", kernels=(DEBIAN61,), article="001"),
    _op(7, "labs/07-namespaces", "two namespaces and a pair (article 000)", ("setup.sh",),
        "000"),
    _op(8, "labs/08-arp-capture", "ping and the ARP exchange in tcpdump (article 003)",
        ("answers.txt", "arp.pcap"), "003"),
    _op(9, "labs/09-same-namespace",
        "the same-namespace puzzle: rp_filter and accept_local (article 003)",
        ("fix.sh", "answers.txt"), "003"),
    _op(10, "labs/10-xmit-trace", "tracing the transmit path (articles 000 and 003)",
        ("answers.txt", "sim.trace", "vm.trace"), "000, 003"),
    _op(11, "labs/11-lo-vs-veth", "lo vs veth: the one hop that differs (article 003)",
        ("answers.txt",), "003"),
)

BY_NUMBER = {lab.number: lab for lab in LABS}

# The scenario checks of the C labs: a public scenario compared with the real
# kernel's transcript (tests/golden/), and the same scenario with names,
# subnets, MTU, ping count and backlog limit drawn from the run's seed,
# compared with what the reference build prints for it at grade time.
# (lab, kind, check name, points, script in tests/scenarios/)
SCENARIOS = (
    (2, "golden", "article 001: a pair in one namespace", 5, "seed001-pair-one-namespace.sh"),
    (2, "seeded", "article 001 with this run's names, addresses and MTU", 3,
     "seed001-pair-one-namespace.sh"),
    (5, "golden", "article 000: ping between two namespaces", 5, "seed000-two-namespaces.sh"),
    (5, "seeded", "article 000 with this run's names, addresses, MTU and ping count", 3,
     "seed000-two-namespaces.sh"),
    (5, "golden", "article 003: rp_filter, accept_local and the ARP trace", 5,
     "seed003-rp-filter.sh"),
    (5, "seeded", "article 003 with this run's names, addresses and ping count", 3,
     "seed003-rp-filter.sh"),
)
UNIT_POINTS = 1               # each Check test case tagged labN
VM_POINTS = 1                 # each test of the in-VM suite
PRIVATE_POINTS = 3            # an instructor's private scenario, unless "# points: P"


def lab(n):
    """The lab numbered n (an int or a string such as "7" or "lab07")."""
    try:
        num = int(str(n).lower().removeprefix("lab"))
        return BY_NUMBER[num]
    except (KeyError, ValueError):
        raise KeyError(f"no lab {n}; labs are {', '.join(str(x.number) for x in LABS)}") from None


def owner(rel):
    """The lab a handed-in file (a path in the tree) belongs to."""
    return next(x for x in LABS if rel in x.all_files())


def numbers(kind=None):
    return [x.number for x in LABS if kind is None or x.kind == kind]


def c_files():
    """{path in the tree: [labs whose regions it holds]} for the C files."""
    out = {}
    for x in LABS:
        for f in x.files:
            if f.endswith(".c"):
                out.setdefault(f, []).append(x.number)
    return out


def handed_in(labs=None):
    """Every file a student hands in for these labs (default all), in the tree."""
    seen = []
    for x in LABS:
        if labs is None or x.number in labs:
            for f in x.all_files():
                if f not in seen:
                    seen.append(f)
    return seen


def flat_names():
    """{flat upload name: path in the tree}."""
    out = {}
    for x in LABS:
        for f in x.all_files():
            out.setdefault(x.flat_name(f), f)
    return out


def held_by(tree):
    """The labs a submission holds: those with at least one graded file present
    (at its tree path or under its flat name). Nothing is read here; intake reads."""
    held = []
    for x in LABS:
        for f in x.files:
            if os.path.lexists(os.path.join(tree, f)) or \
                    os.path.lexists(os.path.join(tree, x.flat_name(f))):
                held.append(x.number)
                break
    return held


def private_checks(folder):
    """[(lab, "private", name, points, path)] from an instructor's folder of
    labN-NAME.sh scenarios ("# points: P" in the first lines)."""
    found = []
    if not folder:
        return found
    for f in sorted(os.listdir(folder)):
        m = re.match(r"^lab(\d+)-.*\.sh$", f)
        if not m or int(m.group(1)) not in BY_NUMBER:
            continue
        points = PRIVATE_POINTS
        with open(os.path.join(folder, f), encoding="utf-8") as fh:
            for line in fh.read().splitlines()[:5]:
                if line.startswith("# points:"):
                    points = int(line.split(":")[1])
        found.append((int(m.group(1)), "private", f"private: {f[:-3]}", points,
                      os.path.join(folder, f)))
    return found


def op_checks(n):
    """[(name, points)] of operational lab n on one kernel."""
    import importlib
    return list(importlib.import_module(f"vethlab.oplabs.lab{n:02d}").CHECKS)


def help_lines():
    """The labs as `make help` lists them."""
    out = []
    for x in LABS:
        runs = " and ".join(x.kernels)
        needs = f"; needs lab {', '.join(map(str, x.needs))}" if x.needs else ""
        out.append(f"  {x.number:>2}  {x.title}  [{x.kind}, {runs}{needs}]")
    return out


# ---- the proofs that the rest of the kit agrees with the catalog ----


def problems(top=TOP):
    """Where the kit disagrees with the catalog: [] when it agrees."""
    bad = []
    sol = os.path.join(top, "solutions")
    if os.path.isdir(sol):
        for rel, labs in c_files().items():
            with open(os.path.join(sol, rel), encoding="utf-8") as f:
                marked = markers.labs_in(f.read(), rel)
            if marked != sorted(labs):
                bad.append(f"solutions/{rel}: SOLUTION regions of labs {marked}, "
                           f"the catalog says {sorted(labs)}")
        for d, _, files in os.walk(sol):
            for f in files:
                rel = os.path.relpath(os.path.join(d, f), sol)
                if rel.endswith(".c") and rel not in c_files():
                    bad.append(f"solutions/{rel}: a student file no lab of the catalog names")
    for x in LABS:
        if not os.path.isfile(os.path.join(top, x.folder, "README.md")):
            bad.append(f"lab {x.number}: no handout {x.folder}/README.md")
        for f in x.all_files():
            if f.endswith((".pcap", ".trace")):
                continue          # recorded by the student, not shipped
            if not os.path.isfile(os.path.join(top, "exercises", f)):
                bad.append(f"lab {x.number}: exercises/{f} is missing")
    readme = open(os.path.join(top, "README.md"), encoding="utf-8").read()
    for x in LABS:
        if x.kind != OPERATIONAL and f"| {x.number} | {x.you_write} |" not in readme:
            bad.append(f"README.md: the labs table has no row '| {x.number} | {x.you_write} |'")
    index = open(os.path.join(top, "labs", "README.md"), encoding="utf-8").read()
    for x in LABS:
        if f"`{os.path.basename(x.folder)}/`" not in index:
            bad.append(f"labs/README.md: no row for {os.path.basename(x.folder)}/")
    return bad


def selftest():
    """problems() must see each kind of disagreement on a broken copy."""
    import shutil
    import tempfile
    breaks = {
        "a region of another lab": ("solutions/" + VETH_C, "/* >>> SOLUTION lab3 */",
                                    "/* >>> SOLUTION lab4 */"),
        "a README row gone": ("README.md", f"| 3 | {BY_NUMBER[3].you_write} |", "| 3 | x |"),
        "a handout index row gone": ("labs/README.md", "`09-same-namespace/`", "`09-gone/`"),
    }
    ok = 0
    for what, (rel, old, new) in breaks.items():
        with tempfile.TemporaryDirectory() as tmp:
            for d in ("solutions", "exercises", "labs"):
                shutil.copytree(os.path.join(TOP, d), os.path.join(tmp, d))
            shutil.copy(os.path.join(TOP, "README.md"), tmp)
            path = os.path.join(tmp, rel)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if old not in text:
                print(f"catalog selftest: {rel} no longer holds {old!r}")
                continue
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.replace(old, new, 1))
            found = problems(tmp)
            print(f"catalog selftest {what}: {'OK' if found else 'FAIL (not seen)'}")
            ok += bool(found)
    return ok == len(breaks)


def main(argv):
    if argv[:1] == ["--selftest"]:
        good = not problems()
        print(f"catalog agrees with the kit: {'OK' if good else 'FAIL'}")
        good = selftest() and good
        return 0 if good else 1
    if argv[:1] == ["--help-lines"]:
        print("\n".join(help_lines()))
        return 0
    if argv[:1] == ["--check"]:
        bad = problems()
        for b in bad:
            print(b)
        print(f"catalog: {len(LABS)} labs, {len(bad)} disagreement(s)")
        return 1 if bad else 0
    if argv[:1] == ["--json"]:
        import json
        print(json.dumps([dict(x.__dict__, key=x.key) for x in LABS], indent=1))
        return 0
    print("usage: python3 -m vethlab.catalog --check | --help-lines | --json")
    return 2


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv[1:]))
