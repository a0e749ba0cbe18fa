"""The operational labs (7-11): the student does what the articles do.

Entry point for the grader:

    from vethlab import oplabs
    rows = oplabs.grade(lab, submission_dir, seed, kernel)   # kernel: "sim" | "vm"

returns [{"name", "points", "ok", "detail", "seconds"}]. submission_dir holds
the student's files at their exercises/ paths (labs/07-namespaces/setup.sh,
...). Every verdict is computed here, from the output of commands the grader
runs itself on vethsim or in the VM after the student's allow-listed lines.
"""
from . import common, spec
from .runner import Sim, Vm

LABS = spec.LABS


def _module(lab):
    import importlib
    return importlib.import_module(f".lab{int(lab):02d}", __name__)


def checks(lab):
    """[(name, points)] of one lab on one kernel (the names without [kernel])."""
    return list(_module(lab).CHECKS)


def grade(lab, submission_dir, seed, kernel="sim", backend=None, vethsim=None):
    """Grade one operational lab of one submission for one seed."""
    lab = str(lab)
    if backend is None:
        backend = Sim(vethsim) if kernel == "sim" else Vm()
        own = kernel == "vm"
    else:
        own = False
    try:
        if hasattr(backend, "new_lab"):
            backend.new_lab()       # the VM: a restored guest for each lab
        return _module(lab).grade(submission_dir, spec.spec(seed, lab), backend)
    except Exception as e:   # one submission's trouble is its own rows, not a crash
        label = getattr(backend, "label", kernel)
        return [{"name": f"{n} [{label}]", "points": p, "ok": False, "seconds": 0.0,
                 "detail": f"internal error while grading: {type(e).__name__}: {e}"}
                for n, p in checks(lab)]
    finally:
        if own:
            backend.close()


def free_text(lab, submission_dir):
    """The optional free-text part (notes.md) for manual grading, or ''."""
    return common.read_file(submission_dir, str(lab), "notes.md") or ""
