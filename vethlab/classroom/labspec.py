"""Print a student's topology for an operational lab (make lab-spec LAB=N).

    python3 -m vethlab.classroom.labspec LAB [SEED]

SEED is the student seed: the argument (make's SEED=), else .vethlab-seed,
which is written with a new seed on first use (vethlab/seeds.py). A course
hands each student theirs (make seeds); for self-study any string will do.
The grader recomputes the same topology from the same seed.
"""
import sys

from vethlab.oplabs import spec

from vethlab import catalog, seeds


def main(argv):
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        lab = catalog.lab(argv[0])
    except KeyError as e:
        print(f"lab-spec: {e.args[0]}", file=sys.stderr)
        return 2
    if lab.kind != catalog.OPERATIONAL:
        ops = ", ".join(str(n) for n in catalog.numbers(catalog.OPERATIONAL))
        print(f"lab-spec: lab {lab.number} has no topology of its own (labs {ops} do)",
              file=sys.stderr)
        return 2
    seed = seeds.resolve(argv[1] if len(argv) > 1 else None)
    s = spec.spec(seed, lab.number)
    print(f"# lab {lab.number}: {lab.title}; student seed {seed}")
    sys.stdout.write(spec.describe(s))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
