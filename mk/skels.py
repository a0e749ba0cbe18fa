#!/usr/bin/env python3
"""Generate exercises/ from solutions/ (make skels), or check it is current.

A solution region (see CONTRIBUTING.md) is

    /* >>> SOLUTION labN */
    ...solution lines...
    /* <<< SOLUTION */                    -> the region becomes nothing
or
    /* <<< SOLUTION, STUB:
    ...stub lines...
    */                                    -> the region becomes the stub

Everything outside regions is copied unchanged, so a skeleton differs from
its solution only where a student has work to do.

usage: skels.py [--check] [--upto N] [SRC [DST]]   (defaults: solutions exercises)

--upto N keeps the solutions of labs 1..N and stubs the rest: the tree of a
student who has finished lab N. mk/labcheck.py uses it to show that lab N's
tests need nothing from later labs.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from vethlab.markers import SkelError, skeleton  # noqa: E402

# exercises/README.md is written for students, not copied from solutions/:
# solutions/README.md speaks to kit developers.
STUDENT_README = """\
# exercises/

Your working tree for the labs. Each file sits at the path the real kernel gives it:
`exercises/sim/net/core/dev.c` is your half of Linux 6.1's `net/core/dev.c` (the other half,
which you read but do not edit, is `sim/net/core/dev.c`), `exercises/sim/drivers/net/veth.c`
is your veth driver, and `exercises/module/vethlab.c` is lab 6's kernel module.

Look for the `TODO L.n` comments: lab `L`, step `n` of the handout in `labs/`. Under each one
a stub stands where your code goes. It compiles, but does not do the job, so that lab's tests
fail until you replace it. Change only those places: the grader takes your files whole.

```
make build TREE=exercises        # vethsim on your code: build/exercises/vethsim
make grade LAB=N                 # lab N's tests on your code
make demo TREE=exercises         # the classroom demo, played on your code (after lab 5)
make -C module TREE=exercises    # lab 6: your module, against Debian's 6.1 headers
```

This folder was generated from the kit's reference tree. Do not run `make skels` once you
have started: it rewrites this folder and your work would be lost.
"""


def tree(src):
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            yield os.path.relpath(os.path.join(root, name), src)


USAGE = "usage: skels.py [--check] [--upto N] [SRC [DST]]   (defaults: solutions exercises)"


def main(argv):
    if "-h" in argv or "--help" in argv:
        print(USAGE)
        return 0
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    upto = 0
    if "--upto" in args:
        i = args.index("--upto")
        if i + 1 >= len(args) or not args[i + 1].isdigit():
            print("skels: --upto takes a lab number\n" + USAGE, file=sys.stderr)
            return 2
        upto = int(args[i + 1])
        del args[i:i + 2]
    bad = [a for a in args if a.startswith("-")]
    if bad or len(args) > 2:
        print(f"skels: unknown argument {(bad or args[2:])[0]!r}\n" + USAGE, file=sys.stderr)
        return 2
    src = args[0] if args else "solutions"
    dst = args[1] if len(args) > 1 else "exercises"
    if not os.path.isdir(src):
        # an empty source would make every file of dst "extra" and delete it
        print(f"skels: {src}: no such folder\n" + USAGE, file=sys.stderr)
        return 2
    want = {}
    try:
        for rel in tree(src):
            with open(os.path.join(src, rel), encoding="utf-8") as f:
                text = f.read()
            want[rel] = skeleton(text, os.path.join(src, rel), upto)
    except SkelError as e:
        print(f"skels: {e}", file=sys.stderr)
        return 2
    if "README.md" in want:
        want["README.md"] = STUDENT_README
    have = set(tree(dst)) - {"README.md"} if os.path.isdir(dst) else set()
    stale = sorted(rel for rel in want
                   if not os.path.exists(os.path.join(dst, rel))
                   or open(os.path.join(dst, rel), encoding="utf-8").read() != want[rel])
    extra = sorted(have - set(want))
    if check:
        for rel in stale:
            print(f"skels: {dst}/{rel} is out of date with {src}/{rel}", file=sys.stderr)
        for rel in extra:
            print(f"skels: {dst}/{rel} has no source in {src}/", file=sys.stderr)
        if stale or extra:
            print("skels: run 'make skels' and commit exercises/", file=sys.stderr)
            return 1
        print(f"skels: {dst}/ is current ({len(want)} files)")
        return 0
    for rel in extra:
        os.remove(os.path.join(dst, rel))
    for rel in stale:
        path = os.path.join(dst, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(want[rel])
    print(f"skels: wrote {len(stale)} of {len(want)} files to {dst}/, removed {len(extra)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
