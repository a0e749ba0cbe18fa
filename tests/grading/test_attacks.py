#!/usr/bin/env python3
"""Every attack of issue 7 as a submission: each must earn exactly what the
honest code inside it earns, and none may touch anything outside its box.

    python3 tests/grading/test_attacks.py [--keep] [--only NAME[,NAME]] [--sandbox bwrap|uid|rlimits]

Run A grades the attacks with every defense on, next to honest counterparts
(the same code without the attack); an attack passes when its score equals
its counterpart's. Run B turns the static object checks off (--no-inspect)
so the box alone must stop the submissions that write goldens, edit a
classmate's file, leave a daemon, read the answer key or the network.
Prints "attack NAME: OK (got X, honest code gets Y)" and "N passed, N failed".
The submissions are generated from solutions/ and exercises/ under
build/attacks/ each run, so they follow the kit as it changes.
"""
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GRADE = [sys.executable, "-m", "vethlab.grader"]
DEV = "sim/net/core/dev.c"
VETH = "sim/drivers/net/veth.c"
WORK = os.path.join(TOP, "build", "attacks")
BUDGET = 15           # the grader's default


def src(tree, rel):
    with open(os.path.join(TOP, tree, rel), encoding="utf-8") as f:
        return f.read()


def inject(text, func, code):
    """Put code at the top of func's body."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if re.match(rf"^[a-z].*\b{re.escape(func)}\(", line) and not line.rstrip().endswith(";"):
            j = i
            while lines[j].strip() != "{":
                j += 1
            lines.insert(j + 1, code + "\n")
            return "".join(lines)
    raise SystemExit(f"test_attacks: no definition of {func}()")


def head(text, includes):
    return "".join(f"#include <{h}>\n" for h in includes) + text


@functools.lru_cache(maxsize=None)
def libc_symbols():
    """{name: address} of this machine's libc (nm -D, read once)."""
    libc = subprocess.run(["cc", "-print-file-name=libc.so.6"], stdout=subprocess.PIPE,
                          text=True).stdout.strip()
    out = subprocess.run(["nm", "-D", "--defined-only", os.path.realpath(libc)],
                         stdout=subprocess.PIPE, text=True).stdout
    addr = {}
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in "TtWi":
            addr.setdefault(f[2].split("@")[0], int(f[0], 16))
    return addr


def libc_offsets(names, base="strtol"):
    """{name: address of name minus address of base} in this machine's libc:
    what lets code reach any libc function from one it may name."""
    addr = libc_symbols()
    return {n: addr[n] - addr[base] for n in names}


def unnamed(name, proto):
    """C: a pointer to libc's name, reached from strtol without naming it."""
    off = libc_offsets([name])[name]
    return f"(({proto})((unsigned long)&strtol + ({off}L)))"


def replayed_report():
    """What the probe reports after lab 1's first test in a correct build, for
    a seed this run does not use: a report anyone could have recorded."""
    sys.path.insert(0, TOP)
    from vethlab.grader import probe
    got = probe.run_reports(os.path.join(TOP, "build/solutions/tests/check_netdev"), 1, 8, TOP)
    return next(iter(got.values())) + "\n"


def plan(top_attacks, marker):
    sol_dev, sol_veth = src("solutions", DEV), src("solutions", VETH)
    ex_dev, ex_veth = src("exercises", DEV), src("exercises", VETH)
    golden = os.path.join(TOP, "tests/golden/seed001-pair-one-namespace.out")
    classmate = os.path.join(top_attacks, "h-solution", VETH)
    summary = os.path.join(WORK, "results-b", "summary.csv")
    fake = ('__attribute__((constructor)) static void fake(void)\n{\n'
            '\tprintf("check_netdev.c:1:P:alloc:test_alloc_setup_and_defaults:0: Passed\\n");\n'
            '\tprintf("100%%: Checks: 54, Failures: 0, Errors: 0\\n");\n\tfflush(stdout);\n'
            '\t_exit(0);\n}\n')
    with open(golden, encoding="utf-8") as f:
        gold_c = json.dumps(f.read())      # a valid C string literal for this text
    subs = {
        # honest counterparts
        "h-exercises": {},
        "h-solution": {DEV: sol_dev, VETH: sol_veth},
        "h-soldev": {DEV: sol_dev},
        "h-soldev-exveth": {DEV: sol_dev, VETH: ex_veth},
        "h-xmit-crash": {DEV: sol_dev, VETH: inject(sol_veth, "veth_xmit", "\t__builtin_trap();")},
        "h-print-once": {DEV: sol_dev, VETH: inject(sol_veth, "veth_dellink",
                                                    '\tprintf("AAAA\\n");')},
        # attacks: (files, counterpart)
        "a-ctor-fake-pass": {DEV: head(ex_dev, ["stdio.h", "unistd.h"]) + fake},
        "a-cmdline-golden": {DEV: sol_dev, VETH: head(inject(ex_veth, "veth_newlink",
            '\t{ char b[4096]; FILE *f = fopen("/proc/self/cmdline", "r");\n'
            '\t  if (f) { fread(b, 1, sizeof b, f); fclose(f); }\n'
            f'\t  f = fopen("{golden}", "r");\n'
            '\t  while (f && fgets(b, sizeof b, f)) fputs(b, stdout); }'), ["stdio.h"])},
        "a-embedded-golden": {DEV: head(inject(sol_dev, "alloc_netdev_mqs",
            f'\tprintf("%s", {gold_c}); fflush(stdout); _exit(0);'), ["stdio.h", "unistd.h"]),
            VETH: sol_veth},
        "a-exit-in-xmit": {DEV: sol_dev, VETH: head(inject(sol_veth, "veth_xmit", "\texit(0);"),
                                                     ["stdlib.h"])},
        "a-forged-passed": {DEV: sol_dev, VETH: inject(ex_veth, "veth_xmit",
            '\tprintf("check_veth.c:313:P:xmit:test_xmit_forwards_and_accounts:0: Passed\\n"\n'
            '\t       "test_xmit_forwards_and_accounts:1: Passed\\n");')},
        "a-symlink-solutions": {DEV: sol_dev, VETH: ("symlink", os.path.join(TOP, "solutions", VETH))},
        "a-symlink-classmate": {DEV: sol_dev, VETH: ("symlink", classmate)},
        "a-include-solutions": {DEV: sol_dev,
                                VETH: '#include "../../../../../../solutions/sim/drivers/net/veth.c"\n'},
        # the include line's pattern hides behind a comment; the preprocessor
        # still opens the absolute path (at the uid level it can read it)
        "a-include-abs-comment": {DEV: sol_dev, VETH: '#/**/include "'
                                  + os.path.join(TOP, "solutions", VETH) + '"\n'},
        "a-append-golden": {DEV: sol_dev, VETH: head(inject(sol_veth, "veth_newlink",
            f'\t{{ FILE *f = fopen("{golden}", "a"); if (f) {{ fputs("forged\\n", f); fclose(f); }} }}'),
            ["stdio.h"])},
        "a-edit-classmate": {DEV: sol_dev, VETH: head(inject(sol_veth, "veth_newlink",
            f'\t{{ FILE *f = fopen("{classmate}", "w"); if (f) {{ fputs("int x;\\n", f); fclose(f); }} }}'),
            ["stdio.h"])},
        "a-daemon": {DEV: sol_dev, VETH: head(inject(sol_veth, "veth_newlink",
            '\tif (fork() == 0) { setsid(); if (fork() == 0) { sleep(2);\n'
            f'\t\tFILE *f = fopen("{summary}", "w"); if (f) {{ fputs("pwned\\n", f); fclose(f); }}\n'
            f'\t\tf = fopen("/tmp/{marker}", "w"); if (f) fclose(f); }} _exit(0); }}'),
            ["stdio.h", "unistd.h"])},
        "a-network": {DEV: sol_dev, VETH: head(inject(sol_veth, "veth_newlink",
            '\t{ int s = socket(AF_INET, SOCK_STREAM, 0); struct sockaddr_in a = { .sin_family = AF_INET,'
            ' .sin_port = htons(80), .sin_addr.s_addr = htonl(0x01010101) };'
            ' connect(s, (struct sockaddr *)&a, sizeof a); }'),
            ["sys/socket.h", "netinet/in.h", "arpa/inet.h"])},
        "a-syscall-asm": {DEV: sol_dev, VETH: inject(sol_veth, "veth_xmit",
            '\t{ long r; __asm__ volatile("syscall" : "=a"(r) : "a"(39L) : "rcx", "r11", "memory"); (void)r; }')},
        "a-override-check": {DEV: sol_dev, VETH: sol_veth +
            "\nint srunner_ntests_failed(void *sr);\nint srunner_ntests_failed(void *sr) { return 0; }\n"},
        "a-dangling-fifo": {DEV: ("symlink", "/nonexistent/dev.c"), VETH: ("fifo",)},
        "a-devzero": {DEV: ("symlink", "/dev/zero"), VETH: ("big", 1 << 20)},
        "a-sleep-alloc": {DEV: inject(sol_dev, "alloc_netdev_mqs",
            "\tfor (;;) { volatile unsigned long i; for (i = 0; i < 100000000UL; i++) ; }"),
            VETH: sol_veth},
        "a-flood-100mb": {DEV: sol_dev, VETH: inject(sol_veth, "veth_dellink",
            '\t{ static char b[65536]; int i; memset(b, \'A\', sizeof b - 1);'
            ' for (i = 0; i < 1600; i++) fputs(b, stdout); }')},
        "a-unused-variable": {DEV: sol_dev, VETH: inject(sol_veth, "veth_xmit", "\tint unused_var;")},
        # the golden written straight to stdout with libc's fputs, reached
        # without naming it, then exit: vethsim's transcript is the golden
        "a-stdout-golden": {DEV: head(inject(sol_dev, "alloc_netdev_mqs",
            "\t{ static int once; if (!once) { once = 1;\n\t  "
            + unnamed("fputs", "int (*)(const char *, void *)") + f"({gold_c}, stdout);\n\t  "
            + unnamed("exit", "void (*)(int)") + "(0); } }"), ["stdio.h", "stdlib.h"])},
        # _exit(0) reached without naming it: a fork that ends with 0 was a pass
        "a-unnamed-exit0": {DEV: head(inject(ex_dev, "alloc_netdev_mqs",
            f"\t{unnamed('_exit', 'void (*)(int)')}(0);"), ["stdlib.h"])},
        # forged XML on the verdict pipe, then the runner killed before it
        # writes the real log: every test of the run "passed"
        "a-verdict-forge": {DEV: head(inject(ex_dev, "alloc_netdev_mqs",
            "\t{ const char *v = " + unnamed("getenv", "char *(*)(const char *)")
            + '("CK_XML_LOG_FILE_NAME");\n'
            "\t  int fd = v ? " + unnamed("open", "int (*)(const char *, int, ...)") + "(v, 1) : -1;\n"
            '\t  static const char x[] = "<testsuites><suite><test result=\\"success\\">'
            '<id>test_alloc_setup_and_defaults</id><fn>x</fn><message>Passed</message></test>'
            '</suite></testsuites>";\n'
            "\t  if (fd >= 0) " + unnamed("write", "long (*)(int, const void *, unsigned long)")
            + "(fd, x, sizeof x - 1);\n"
            "\t  " + unnamed("kill", "int (*)(int, int)") + "("
            + unnamed("getppid", "int (*)(void)") + "(), 9); }"), ["stdlib.h"])},
        # the probe's report of a correct build for another seed, written on
        # the probe's pipe, then exit 0: a report that is not this run's
        "a-probe-replay": {DEV: head(inject(ex_dev, "alloc_netdev_mqs",
            "\t{ const char *v = " + unnamed("getenv", "char *(*)(const char *)")
            + '("VETHLAB_OBS");\n'
            "\t  static const char r[] = " + json.dumps(replayed_report()) + ";\n"
            "\t  if (v) " + unnamed("write", "long (*)(int, const void *, unsigned long)")
            + "((int)strtol(v + 8, 0, 10), r, sizeof r - 1);\n"
            "\t  " + unnamed("_exit", "void (*)(int)") + "(0); }"), ["stdlib.h"])},
        "a-syntax-error": {DEV: sol_dev, VETH: inject(sol_veth, "veth_xmit", "\tthis is not C;")},
        "Ada Lovelace": {DEV: sol_dev, VETH: sol_veth},
        # a folder whose plain spelling is another's: its own row, not the other's
        "Ada_Lovelace": {DEV: sol_dev, VETH: sol_veth},
    }
    expect = {
        "a-ctor-fake-pass": "h-exercises", "a-cmdline-golden": "h-soldev-exveth",
        "a-exit-in-xmit": "h-xmit-crash", "a-forged-passed": "h-soldev-exveth",
        "a-symlink-solutions": "h-soldev", "a-symlink-classmate": "h-soldev",
        "a-include-solutions": "h-soldev", "a-append-golden": "h-soldev",
        "a-include-abs-comment": "h-soldev",
        "a-edit-classmate": "h-soldev", "a-daemon": "h-soldev", "a-network": "h-soldev",
        "a-syscall-asm": "h-soldev", "a-override-check": "h-soldev",
        "a-dangling-fifo": "h-exercises", "a-devzero": "h-exercises",
        "a-sleep-alloc": "h-exercises", "a-flood-100mb": "h-print-once",
        "a-unused-variable": "h-solution", "Ada Lovelace": "h-solution",
        "Ada_Lovelace": "h-solution",
        "a-syntax-error": "h-soldev", "a-embedded-golden": "h-exercises",
        "a-unnamed-exit0": "h-exercises", "a-verdict-forge": "h-exercises",
        "a-stdout-golden": "h-exercises", "a-probe-replay": "h-exercises",
    }
    return subs, expect


def write(root, subs):
    shutil.rmtree(root, ignore_errors=True)
    for name, files in subs.items():
        d = os.path.join(root, name)
        os.makedirs(d)
        for rel, body in files.items():
            path = os.path.join(d, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if isinstance(body, str):
                with open(path, "w", encoding="utf-8") as f:
                    f.write(body)
            elif body[0] == "symlink":
                os.symlink(body[1], path)
            elif body[0] == "fifo":
                os.mkfifo(path)
            elif body[0] == "big":
                with open(path, "wb") as f:
                    f.write(b"/* */\n" * (body[1] // 6 + 1))


SANDBOX = []


def grade(root, results, extra):
    cmd = GRADE + ["--submissions", root,
           "--results-dir", results, "--budget", str(BUDGET), "--jobs", str(os.cpu_count() or 2),
           "--lab", "1", "--lab", "2", "--lab", "3", "--lab", "4", "--lab", "5"] + SANDBOX + extra
    t0 = time.time()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       errors="replace", timeout=600, cwd=TOP)
    return p, time.time() - t0


def scores(results):
    out = {}
    for f in os.listdir(results):
        if f.endswith(".json"):
            with open(os.path.join(results, f), encoding="utf-8") as fh:
                d = json.load(fh)
            out[d["submission"]] = d
    return out


def digest(paths):
    h = hashlib.sha256()
    for p in sorted(paths):
        with open(p, "rb") as f:
            h.update(p.encode() + f.read())
    return h.hexdigest()


def main(argv):
    global WORK
    keep = "--keep" in argv
    if "--sandbox" in argv:
        SANDBOX[:] = ["--sandbox", argv[argv.index("--sandbox") + 1]]
        WORK += "-" + SANDBOX[1]     # its own folder: make test runs the levels side by side
    only = argv[argv.index("--only") + 1].split(",") if "--only" in argv else None
    marker = f"vethlab-daemon-{os.getpid()}"
    passed = failed = 0

    def verdict(name, ok, msg):
        nonlocal passed, failed
        passed += ok
        failed += not ok
        print(f"attack {name}: {'OK' if ok else 'FAIL'} ({msg})", flush=True)

    goldens = [os.path.join(TOP, "tests/golden", f) for f in os.listdir(os.path.join(TOP, "tests/golden"))]
    before = digest(goldens)

    # ---- run A: every defense on ----
    root = os.path.join(WORK, "subs")
    subs, expect = plan(root, marker)
    if only:
        keepn = set(only) | {expect.get(n, n) for n in only}
        subs = {k: v for k, v in subs.items() if k in keepn or k == "h-solution"}
    write(root, subs)
    # a golden that is missing must cost that check only, for everyone
    gold = os.path.join(WORK, "goldens")
    shutil.rmtree(gold, ignore_errors=True)
    shutil.copytree(os.path.join(TOP, "tests/golden"), gold)
    os.remove(os.path.join(gold, "seed003-rp-filter.out"))
    os.remove(os.path.join(gold, "seed000-two-namespaces.out"))
    os.mkfifo(os.path.join(gold, "seed000-two-namespaces.out"))   # would block a plain read
    res = os.path.join(WORK, "results-a")
    shutil.rmtree(res, ignore_errors=True)
    p, secs = grade(root, res, ["--goldens", gold, "--seed", "7"])
    got = scores(res)
    if p.returncode or len(got) != len(subs):
        print(p.stdout[-3000:])
        verdict("run A", False, f"grader exit {p.returncode}, {len(got)} of {len(subs)} rows")
    else:
        verdict("run A", True, f"{len(got)} rows in {secs:.1f}s, one per submission")
    times = {}
    for line in p.stdout.splitlines():
        m = re.match(r"\[\d+/\d+\] (.*): \d+/\d+ \(([\d.]+)s\)", line)
        if m:
            times[m.group(1)] = float(m.group(2))
    for name, honest in expect.items():
        if name not in subs:
            continue
        a, h = got.get(name), got.get(honest)
        if not a or not h:
            verdict(name, False, "no result row")
            continue
        ok = a["score"] == h["score"]
        why = f"got {a['score']}/{a['max']}, honest code gets {h['score']} ({honest}); {times.get(name, 0):.1f}s"
        if name == "a-sleep-alloc":
            # stopped within 20 s in all, and the check that hung is named
            ok = ok and times.get(name, 99) <= 20 and any(
                c["detail"].startswith("did not finish") for c in a["checks"]) and any(
                "hung" in c["detail"] for c in a["checks"])
            why += f", budget {BUDGET}s, each check limited by the reference's time"
        if name == "a-unused-variable":
            ok = ok and any("warning" in n for n in a["notes"])
        if name == "a-syntax-error":
            ok = ok and any(c["detail"].startswith("veth.c does not compile")
                            for c in a["checks"] if c["lab"] == 2 and not c["ok"])
        if name == "a-exit-in-xmit":
            ok = ok and any("exit" in n for n in a["notes"])
        if not ok:
            for n in a["notes"][:6]:
                why += f"\n    note: {n}"
        verdict(name, ok, why)
    sol = got.get("h-solution")
    if sol:
        bad = ("article 003:", "article 000:")
        miss = [c for c in sol["checks"] if c["name"].startswith(bad)]
        ok = len(miss) == 2 and all(not c["ok"] and "golden" in c["detail"] for c in miss) and \
            all(c["ok"] for c in sol["checks"] if not c["name"].startswith(bad))
        verdict("missing golden, FIFO golden", ok, "each costs its own check only, and says why")
    # an instructor's private check: seeded, computed by the reference, kept
    # out of the student release (graded at the host's best level: it tests
    # the check, not the box, so the runs at the other levels leave it out)
    priv = os.path.join(WORK, "private")
    os.makedirs(priv, exist_ok=True)
    with open(os.path.join(priv, "lab2-pair-down-up.sh"), "w") as f:
        f.write("# points: 4\nip link add veth0 type veth peer name veth1\n"
                "ip link set veth0 up\nip link set veth1 up\nip link set veth1 down\n"
                "ip link show\n")
    outs = {}
    for tree in ("solutions", "exercises") if not SANDBOX else ():
        p = subprocess.run(GRADE + ["--tree",
                            os.path.join(TOP, tree), "--lab", "2", "--private", priv,
                            "--check", "private", "--json", os.path.join(WORK, f"priv-{tree}.json")],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=TOP)
        outs[tree] = re.search(r"^Score: (\d+)/(\d+)$", p.stdout, re.M)
    if outs:
        ok = outs["solutions"] and outs["solutions"].group(0) == "Score: 4/4" and \
            outs["exercises"] and outs["exercises"].group(0) == "Score: 0/4"
        verdict("private check", bool(ok), "an instructor's labN-*.sh: 4/4 on the solutions, "
                "0/4 on the exercises")
    size = max((os.path.getsize(os.path.join(res, f)) for f in os.listdir(res)), default=0)
    verdict("results stay small", size < 2 << 20, f"largest results file {size} bytes")

    # ---- two layers, each holding alone: the seccomp filter and the probe ----
    confined = [n for n in ("a-unnamed-exit0", "a-verdict-forge", "a-probe-replay") if n in subs]
    if confined:
        layers = {}
        # a-verdict-forge kills Check's runner: that is the filter's part alone
        probed = [n for n in confined if n != "a-verdict-forge"]
        for tag, extra, names in (("neither", ["--no-confine", "--no-probe"], confined),
                                  ("probe only", ["--no-confine"], probed)):
            rootc = os.path.join(WORK, "subs-c")
            write(rootc, {n: subs[n] for n in names})
            resc = os.path.join(WORK, "results-c")
            shutil.rmtree(resc, ignore_errors=True)
            p, _ = grade(rootc, resc, extra + ["--seed", "7"])
            layers[tag] = (p, scores(resc))
        p, open_ = layers["neither"]
        # without either layer an attack earns more, or (at the rlimits
        # level, where the grader shares the uid) kills the grader itself: a
        # test fork orphaned by the killed runner has the grader as its parent
        downed = len(open_) != len(confined) and p.returncode == -9
        for n in confined:
            a = open_.get(n, {}).get("score", 0)
            held = got.get(n, {}).get("score", 0)
            verdict(f"{n} without the seccomp filter or the probe", a > held or downed,
                    (f"earns {a}" if not downed else "kills the grader (SIGKILL, no results)")
                    + f", so the two layers are what hold it at {held}")
        p, probe_only = layers["probe only"]
        for n in probed:
            a = probe_only.get(n, {}).get("score")
            held = got.get(n, {}).get("score", 0)
            verdict(f"{n} with the probe alone (no seccomp filter)", a is not None and a <= held,
                    f"earns {a} (confined: {held}): a forged pass needs this run's probe report, "
                    "which only a working lab computes")

    # ---- run B: the box alone ----
    if SANDBOX[1:] == ["rlimits"] and os.geteuid() == 0:
        # rlimits alone cannot keep root's writes in; run it as a user instead
        if not keep:
            shutil.rmtree(WORK, ignore_errors=True)
        print("run B skipped: level rlimits as root has no box to test")
        print(f"{passed} passed, {failed} failed")
        return 1 if failed else 0
    rootb = os.path.join(WORK, "subs-b")
    subs_b, _ = plan(rootb, marker)
    subs_b = {k: v for k, v in subs_b.items() if k in ("h-solution", "a-append-golden",
                                                      "a-edit-classmate", "a-daemon",
                                                      "a-cmdline-golden", "h-soldev-exveth")}
    write(rootb, subs_b)
    classmate = os.path.join(rootb, "h-solution", VETH)
    mate = digest([classmate])
    resb = os.path.join(WORK, "results-b")
    shutil.rmtree(resb, ignore_errors=True)
    summary = os.path.join(resb, "summary.csv")
    p, secs = grade(rootb, resb, ["--no-inspect", "--seed", "7"])
    with open(summary) as f:
        first = f.read()
    time.sleep(3)
    got = scores(resb)
    verdict("run B", p.returncode == 0 and len(got) == len(subs_b),
            f"box only: {len(got)} rows in {secs:.1f}s")
    verdict("goldens untouched", digest(goldens) == before, "tests/golden/ is byte for byte the same")
    verdict("classmate untouched", digest([classmate]) == mate, "h-solution's veth.c is the same")
    with open(summary) as f:
        later = f.read()
    ok = later == first and "pwned" not in later and not os.path.exists(f"/tmp/{marker}")
    verdict("no daemon outlives the grader", ok, "summary.csv unchanged 3 s later, no marker file")
    a, h = got.get("a-cmdline-golden"), got.get("h-soldev-exveth")
    if a and h and SANDBOX[1:] not in (["uid"], ["rlimits"]):
        # without a mount namespace the goldens are readable; the object
        # checks of run A are what keeps them out of reach there
        verdict("golden out of reach", a["score"] == h["score"],
                f"reading the golden from the box gets {a['score']}, honest {h['score']}")
    if not keep:
        shutil.rmtree(WORK, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
