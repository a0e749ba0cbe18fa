"""What each lab is graded on.

A lab's checks are its tagged unit tests (one point each: the Check test
cases tagged "labN" in tests/unit/), and for the labs that finish a path,
scenario transcripts compared with the real kernel's (tests/golden/).
"""
import glob
import os
import sys

import gradelib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "tests", "realnet"))
from normalize import normalize  # noqa: E402  (the rules the goldens were made with)

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


_expected = {}


def _run_tagged(binary, lab):
    env = dict(os.environ, CK_INCLUDE_TAGS=f"lab{lab}", CK_VERBOSITY="verbose",
               CK_DEFAULT_TIMEOUT="10", CK_FORK="yes")
    rc, out, secs = gradelib.run([binary], timeout=120, env=env, cwd=TOP)
    return rc, gradelib.check_results(out), secs


def expected_tests(lab):
    """{binary name: [test names]} that the reference build runs for a lab."""
    if lab not in _expected:
        found = {}
        for binary in sorted(glob.glob(os.path.join(TOP, "build/solutions/tests/check_*"))):
            _, tests, _ = _run_tagged(binary, lab)
            if tests:
                found[os.path.basename(binary)] = sorted(tests)
        _expected[lab] = found
    return _expected[lab]


def why(msg):
    """A failure message a student can act on."""
    if "sim_start_kernel" in msg:
        return "the simulated kernel did not boot: lab 1 (alloc_netdev_mqs, netdev_priv) must work first"
    return msg


def unit_tests(lab, check, build, tree):
    """One result per Check test tagged labN in the reference build; the
    submission's run must pass it. A crash, a hang or a test that never ran
    is a failure, never a silent omission."""
    results = []
    for name, tests in expected_tests(lab).items():
        binary = os.path.join(TOP, build, "tests", name)
        rc, got, secs = _run_tagged(binary, lab)
        each = secs / max(len(tests), 1)
        for t in tests:
            ok, msg = got.get(t, (False, "did not run (timed out or crashed?)"
                                  if rc == 124 else "did not run"))
            results.append(gradelib.Result(lab, t, 1, ok, each, "" if ok else why(msg)))
    if not results:
        results.append(gradelib.Result(lab, f"lab {lab} unit tests", 1, False, 0.0,
                                       "no reference test is tagged for this lab"))
    return results


def scenario(lab, check, build, tree):
    """Run a scenario script in the submission's vethsim; compare with the golden file."""
    script = os.path.join(TOP, "tests/scenarios", check["script"])
    golden = os.path.join(TOP, "tests/golden", check["script"].replace(".sh", ".out"))
    vethsim = os.path.join(TOP, build, "vethsim")
    rc, out, secs = gradelib.run([vethsim, "-x", "-k", "-f", script], timeout=60, cwd=TOP)
    if rc == 124:
        return [gradelib.Result(lab, check["name"], check["points"], False, secs,
                                "vethsim did not finish in 60 s: is a loop stuck?")]
    with open(golden, encoding="utf-8") as f:
        ok, detail = gradelib.lines_match(normalize(out), f.read())
    return [gradelib.Result(lab, check["name"], check["points"], ok, secs, detail)]


def vm_lab(lab, check, build, tree):
    """Build the submission's module and run the VM suite on it."""
    rc, out, secs = gradelib.run(["make", "-s", "-C", "module", "vm-test", f"TREE={tree}"],
                                 timeout=900, cwd=TOP)
    return [gradelib.Result(lab, check["name"], check["points"], rc == 0, secs,
                            "" if rc == 0 else out[-3000:])]


def unit():
    return {"name": "unit tests", "points": 0, "run": unit_tests}


LABS = {
    1: {"title": "net_device and its private area (alloc_netdev_mqs, netdev_priv)",
        "checks": [unit()]},
    2: {"title": "pairing (veth_newlink, veth_dellink)",
        "checks": [unit(),
                   {"name": "seed 001: a pair in one namespace", "points": 5,
                    "script": "seed001-pair-one-namespace.sh", "run": scenario}]},
    3: {"title": "transmit (veth_xmit)",
        "checks": [unit()]},
    4: {"title": "the backlog (enqueue_to_backlog, ____napi_schedule)",
        "checks": [unit()]},
    5: {"title": "the receive softirq (net_rx_action, process_backlog)",
        "checks": [unit(),
                   {"name": "seed 000: ping between two namespaces", "points": 5,
                    "script": "seed000-two-namespaces.sh", "run": scenario},
                   {"name": "seed 003: rp_filter, accept_local and the ARP trace",
                    "points": 5, "script": "seed003-rp-filter.sh", "run": scenario}]},
    6: {"title": "vethlab.ko in a real kernel (needs --vm)", "vm": True,
        "checks": [{"name": "module VM suite", "points": 20, "run": vm_lab, "vm": True}]},
}
