"""Play the reference student: instantiate solutions/labs for one seed.

The files under solutions/labs/ are the reference answers written with the
spec's keys in braces ({dev_a}, {addr_b}, ...). play() fills them in for one
seed, then, for the labs whose answer includes something recorded (a pcap, a
trace), runs the student's recorded commands the way a student would and
saves what they recorded. The grader never fills in braces: a submission
holding "{dev_a}" names a device that does not exist.
"""
import os
import re

from . import spec as specmod, _module
from .common import FOLDERS

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def render(text, s):
    return re.sub(r"\{([a-z_]+)\}", lambda m: s.get(m.group(1), m.group(0)), text)


def play(seed, out, labs, backends):
    """Write the reference submission for `seed` under `out`; return `out`."""

    for lab in labs:
        s = specmod.spec(seed, lab)
        mod = _module(lab)
        if hasattr(mod, "reference"):
            s = dict(s, **mod.reference(s))
        src = os.path.join(TOP, "solutions", FOLDERS[lab])
        dst = os.path.join(out, FOLDERS[lab])
        os.makedirs(dst, exist_ok=True)
        for name in sorted(os.listdir(src)):
            with open(os.path.join(src, name), encoding="utf-8") as f:
                text = render(f.read(), s)
            with open(os.path.join(dst, name), "w", encoding="utf-8") as f:
                f.write(text)
        if hasattr(mod, "play"):
            mod.play(s, dst, backends)
    return out
