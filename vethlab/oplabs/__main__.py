"""python3 -m vethlab.oplabs --lab N --tree exercises|solutions|DIR --seed S [--vm]

Prints gradelib-style lines (name: OK (1.2s), the reason underneath a FAIL,
Score: X/Y). --tree solutions grades the reference answers instantiated for
the seed (vethlab/oplabs/student.py plays the student). --lab may be a list
(7,8) or 'all'. --export DIR writes each lab's free-text notes there.
"""
import argparse
import json
import os
import sys
import tempfile

from vethlab import oplabs
from vethlab.oplabs import runner, student


def main(argv=None):
    p = argparse.ArgumentParser(prog="python3 -m vethlab.oplabs")
    p.add_argument("--lab", default="all")
    p.add_argument("--tree", default="exercises")
    p.add_argument("--seed", help="the student seed (default: .vethlab-seed)")
    p.add_argument("--vm", action="store_true", help="also grade on the real kernel in the VM")
    p.add_argument("--only-vm", action="store_true", help="grade in the VM only")
    p.add_argument("--ko", help="in the VM, load this vethlab.ko instead of the stock veth.ko")
    p.add_argument("--vethsim", help="vethsim binary (default build/solutions/vethsim)")
    p.add_argument("--json", help="write the results there")
    p.add_argument("--export", help="copy each lab's free-text notes.md into this folder")
    a = p.parse_args(argv)
    from vethlab import seeds
    a.seed = seeds.resolve(a.seed)
    labs = list(oplabs.LABS) if a.lab == "all" else a.lab.split(",")
    kernels = ["vm"] if a.only_vm else (["sim", "vm"] if a.vm else ["sim"])
    backends = {}
    tmp = None
    total = earned = 0
    rows_all = []
    try:
        if "sim" in kernels:
            backends["sim"] = runner.Sim(a.vethsim)
        if "vm" in kernels:
            backends["vm"] = runner.Vm(ko=a.ko)
        tree = a.tree
        if tree == "solutions":
            tmp = tempfile.TemporaryDirectory(prefix="oplabs-ref-")
            tree = student.play(a.seed, tmp.name, labs, backends)
        for lab in labs:
            print(f"== Lab {lab}: {oplabs.LABS[lab]} ==")
            lab_total = lab_earned = 0
            for k in kernels:
                rows = oplabs.grade(lab, tree, a.seed, k, backend=backends[k])
                for r in rows:
                    print(f"{r['name']}: {'OK' if r['ok'] else 'FAIL'} ({r['seconds']:.1f}s)")
                    if not r["ok"] and r["detail"]:
                        for line in r["detail"].splitlines():
                            print(f"    {line}")
                    lab_total += r["points"]
                    lab_earned += r["points"] if r["ok"] else 0
                    rows_all.append(dict(r, lab=lab, kernel=k))
            print(f"Lab {lab}: {lab_earned}/{lab_total}")
            total += lab_total
            earned += lab_earned
            if a.export:
                os.makedirs(a.export, exist_ok=True)
                with open(os.path.join(a.export, f"lab{lab}-notes.md"), "w") as f:
                    f.write(oplabs.free_text(lab, tree))
        print(f"Score: {earned}/{total}")
        if a.json:
            with open(a.json, "w") as f:
                json.dump({"score": earned, "max": total, "checks": rows_all}, f, indent=1)
    finally:
        for b in backends.values():
            if isinstance(b, runner.Vm):
                b.close()
        if tmp:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
