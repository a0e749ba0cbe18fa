#!/usr/bin/env python3
"""Print the topology of an operational lab for one seed (make lab-spec LAB=N).

usage: labspec.py LAB [SEED]
SEED: the argument, else $VETHLAB_SEED, else the file .vethlab-seed at the top
of the kit (your course hands you one; the grader recomputes the same spec).
An instructor makes a student's seed with
    python3 -c 'from grading.oplabs.spec import seed_for; print(seed_for(ID, SECRET))'
"""
import os
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, TOP)
from grading.oplabs import spec  # noqa: E402


def main(argv):
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    seed = argv[1] if len(argv) > 1 else os.environ.get("VETHLAB_SEED", "")
    if not seed and os.path.exists(os.path.join(TOP, ".vethlab-seed")):
        seed = open(os.path.join(TOP, ".vethlab-seed")).read().strip()
    if not seed:
        print("lab-spec: no seed: make lab-spec LAB=N SEED=<the seed your course gave you>",
              file=sys.stderr)
        return 2
    try:
        s = spec.spec(seed, argv[0])
    except ValueError as e:
        print(f"lab-spec: {e}", file=sys.stderr)
        return 2
    print(f"# lab {argv[0]}: {spec.LABS[str(argv[0])]}; seed {seed}")
    sys.stdout.write(spec.describe(s))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
