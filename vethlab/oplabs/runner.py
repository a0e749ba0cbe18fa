"""Run command lines on vethsim or on the real kernel in the VM.

Both backends take a list of steps and return [(step, output, rc)] in order.
A step is a command line as typed at a root shell, or one of the scenario
forms of CONTRIBUTING.md: `CMD &` (start a job), `kill %1`, `wait`,
`sleep S`. A step starting with "sim " runs only on vethsim; one starting
with "tracefs " runs only in the VM, outside any namespace (e.g.
"tracefs echo function > current_tracer"). Every run starts from a fresh
network namespace holding only lo (DOWN), as vethsim does.

The grader decides from the output of its own steps only; the student's
lines are checked against an allow-list first (see check_student_line) and
marked (Student), so that the VM runs them apart: with no descriptor on the
verdict port, their output on the console, which the grader reads for its
messages only. The grader's own steps write their output to the verdict
port (module/vm/vethvm.py) after every process a student line started is
gone, and each lab starts from a freshly restored guest.
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOKEN_RE = re.compile(r"^[A-Za-z0-9_.:/=,+@%-]+$")
# only per-namespace settings, which the VM puts back between runs
PROC_SYS_RE = re.compile(r"^/proc/sys/net/ipv[46]/(conf|neigh)/[A-Za-z0-9_.-]+/[A-Za-z0-9_]+$")
SYSCTL_KEY_RE = re.compile(r"^net[./]ipv[46][./](conf|neigh)[./][A-Za-z0-9_-]+[./][A-Za-z0-9_]+"
                           r"(=[A-Za-z0-9_.:-]*)?$")


MAX_LINES = 200


class StudentLineError(Exception):
    pass


class Student(str):
    """A student's command line, checked by check_student_line: a backend
    runs it like any step, the VM apart from the grader's own steps."""


def check_student_line(line, allow=("ip", "sysctl", "echo", "sleep")):
    """Raise StudentLineError unless `line` is one allowed command.

    Allowed: ip ... (with `ip netns exec NS` followed by an allowed command),
    sysctl ..., `echo V > /proc/sys/net/...`, sleep S. Tokens are plain words:
    no quotes, variables, pipes, `;` or `&`."""
    words = line.split()
    if not words:
        return
    for w in words:
        if w != ">" and not TOKEN_RE.match(w):
            raise StudentLineError(f"'{w}' is not a plain word (letters, digits, ._:/=,+@%-)")
    cmd = words[0]
    if cmd not in allow:
        raise StudentLineError(f"'{cmd}' is not allowed here (only {', '.join(allow)})")
    if cmd == "echo":
        if (len(words) != 4 or words[2] != ">" or not PROC_SYS_RE.match(words[3]) or
                "/./" in words[3] or "/../" in words[3]):
            raise StudentLineError("echo is allowed only as: echo VALUE > /proc/sys/net/...")
        return
    if ">" in words:
        raise StudentLineError("'>' is allowed only in: echo VALUE > /proc/sys/net/...")
    if cmd == "sysctl":
        # -p/-f/--load/--system read files: only names and name=value
        opts = [w for w in words[1:] if w.startswith("-")]
        if any(o not in ("-w", "-q", "-n", "-e") for o in opts):
            raise StudentLineError("sysctl takes only -w, -q, -n, -e and KEY or KEY=VALUE")
        for w in words[1:]:
            if not w.startswith("-") and not SYSCTL_KEY_RE.match(w):
                raise StudentLineError(f"'{w}': only net.ipv4/ipv6 conf and neigh settings")
        return
    if cmd == "sleep":
        if len(words) != 2 or not re.match(r"^\d+(\.\d+)?$", words[1]) or float(words[1]) > 5:
            raise StudentLineError("sleep takes one number of seconds, at most 5")
        return
    if cmd == "ip":
        _, rest = ip_canonical(words[1:])
        obj = rest[0] if rest else None
        if obj == "netns" and len(rest) > 1 and rest[1] == "exec":
            if len(rest) < 4:
                raise StudentLineError("ip netns exec needs a namespace and a command")
            check_student_line(" ".join(rest[3:]), allow)
        return


# ip's global options as iproute2 6.1 (ip/ip.c) reads them, each a prefix
# match tried in this order; the ones a student line may use, and whether
# they take an argument. -all, -batch, -force and the rest are refused:
# they run a command in every namespace, read commands from a file, or go on
# after errors.
IP_OPTIONS = [("-loops", None), ("-family", 1), ("-4", 0), ("-6", 0), ("-0", 0),
              ("-M", None), ("-B", None), ("-human", 0), ("-human-readable", 0),
              ("-iec", 0), ("-stats", 0), ("-statistics", 0), ("-details", 0),
              ("-resolve", 0), ("-oneline", 0), ("-timestamp", 0), ("-tshort", 0),
              ("-Version", None), ("-force", None), ("-batch", None), ("-brief", 0),
              ("-json", 0), ("-pretty", 0), ("-rcvbuf", None), ("-color", 0), ("-help", None),
              ("-netns", 1), ("-Numeric", 0), ("-all", None), ("-echo", None)]
EXACT = {"-4", "-6", "-0", "-M", "-B"}
# ip's objects in the order ip/ip.c matches them (first prefix match wins):
# "ip n" is neigh, "ip net" is netns
IP_CMDS = ["address", "addrlabel", "maddress", "route", "rule", "neighbor", "neighbour",
           "ntable", "ntbl", "link", "l2tp", "fou", "ila", "macsec", "tunnel", "tuntap",
           "tap", "token", "tcpmetrics", "tcp_metrics", "monitor", "xfrm", "mroute", "mrule",
           "netns", "netconf", "vrf", "sr", "nexthop", "mptcp", "ioam", "stats", "help"]
ALLOWED_CMDS = {"address": "address", "route": "route", "neighbor": "neigh",
                "neighbour": "neigh", "link": "link", "netns": "netns"}
# ip netns's subcommands in the order ip/ipnetns.c (do_netns) matches them,
# each with matches(): the word a prefix of the name ("e", "exe" -> exec)
NETNS_CMDS = ["list", "show", "lst", "list-id", "help", "add", "set", "delete", "identify",
              "pids", "exec", "monitor", "attach"]
# monitor never returns; attach takes another process's namespace
NETNS_ALLOWED = {"list", "show", "lst", "list-id", "add", "set", "delete", "identify",
                 "pids", "exec"}


def _first_match(word, table):
    return next((t for t in table if t.startswith(word)), None)


def ip_canonical(args):
    """The words after `ip` as ip itself reads them: (options, [object, ...]),
    options and object spelled out in full ("-br" -> "-brief", "n" -> "neigh",
    "netns e" -> "netns exec"). Raises StudentLineError for what a line may
    not use."""
    out, k = [], 0
    while k < len(args) and args[k].startswith("-") and args[k] != "--":
        opt = args[k][1:] if args[k].startswith("--") else args[k]
        if opt in EXACT:
            name, arg = opt, 0
        else:
            name, arg = next(((n, a) for n, a in IP_OPTIONS
                              if n not in EXACT and n.startswith(opt) and len(opt) > 1),
                             (None, None))
        if name is None or arg is None:
            what = f" ({name})" if name else ""
            raise StudentLineError(f"ip {args[k]}{what} is not allowed here (ip options allowed: "
                                   "-n NS, -4, -6, -d, -s, -br, -o, -j, -p, -c, -h, -r, -t, -N)")
        out.append(name)
        if arg:
            if k + 1 >= len(args):
                raise StudentLineError(f"ip {args[k]} needs an argument")
            out.append(args[k + 1])
        k += 1 + arg
    if k < len(args) and args[k] == "--":
        k += 1
    if k >= len(args):
        return out, []
    cmd = _first_match(args[k], IP_CMDS)
    if cmd not in ALLOWED_CMDS:
        raise StudentLineError(f"ip {args[k]}" + (f" ({cmd})" if cmd else "")
                               + ": only ip link, address, netns, neigh, route")
    rest = args[k + 1:]
    if cmd == "netns" and rest:
        sub = _first_match(rest[0], NETNS_CMDS)
        if sub not in NETNS_ALLOWED:
            raise StudentLineError(f"ip netns {rest[0]}" + (f" ({sub})" if sub else "")
                                   + ": only ip netns add, delete, list, exec, set, "
                                   "identify, pids, list-id")
        rest = [sub] + rest[1:]
    return out, [ALLOWED_CMDS[cmd]] + rest


def student_lines(text, allow=("ip", "sysctl", "echo", "sleep")):
    """The command lines of a student's script (comments and blanks dropped).

    Raises StudentLineError naming the line that is not allowed."""
    out = []
    if len(text.splitlines()) > MAX_LINES:
        raise StudentLineError(f"more than {MAX_LINES} lines")
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if no == 1 and line.startswith("#!"):
            continue
        line = " ".join(line.split())
        try:
            check_student_line(line, allow)
        except StudentLineError as e:
            raise StudentLineError(f"line {no}: {e}") from None
        out.append(Student(line))
    return out


def reference_vethsim():
    """The reference vethsim the operational labs run on: the kit's build of
    solutions/, or, in a student release (no solutions/), the prebuilt one
    that make release ships, so that labs 7-11 work before labs 1-5 do."""
    if os.path.isdir(os.path.join(TOP, "solutions")):
        return os.path.join(TOP, "build", "solutions", "vethsim")
    return os.path.join(TOP, "grading", "bin", "vethsim-reference")


class Sim:
    """vethsim, a fresh process per run (deterministic mode)."""
    kernel = "sim"

    def __init__(self, vethsim=None):
        self.vethsim = vethsim or reference_vethsim()
        if not os.access(self.vethsim, os.X_OK):
            raise RuntimeError(f"{self.vethsim} not found; run 'make build'")

    def run(self, steps, timeout=60, files=None):
        """Run the steps in one vethsim; files {name: bytes} are fetched back
        from its working directory afterwards (e.g. a pcap)."""
        steps = [s for s in steps if not s.startswith("tracefs ")]
        with tempfile.TemporaryDirectory(prefix="oplabs-sim-") as d:
            script = os.path.join(d, "steps.sh")
            with open(script, "w") as f:
                f.write("".join(s + "\n" for s in steps))
            p = subprocess.run([self.vethsim, "-x", "-k", "-f", script], cwd=d,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, errors="replace", timeout=timeout)
            got = {}
            for name in files or ():
                path = os.path.join(d, name)
                if os.path.isfile(path):
                    with open(path, "rb") as f:
                        got[name] = f.read()
        res = parse_transcript(p.stdout, steps)
        return (res, got) if files is not None else res


def parse_transcript(text, steps):
    """Split a -x transcript into [(step, output, rc)] for the given steps."""
    lines = text.splitlines(keepends=True)
    out, i = [], 0
    for step in steps:
        while i < len(lines) and lines[i].rstrip("\n") != "$ " + step:
            i += 1
        i += 1
        body = []
        rc = None
        while i < len(lines):
            m = re.match(r"^\[rc=(\d+)\]$", lines[i].rstrip("\n"))
            i += 1
            if m:
                rc = int(m.group(1))
                break
            body.append(lines[i - 1])
        out.append((step, "".join(body), rc if rc is not None else -1))
    return out


RESET = [
    "ip -all netns delete 2>/dev/null",
    # shell globs and one ip -batch: each ip started costs ~0.15 s in the guest
    "for d in /sys/class/net/*; do d=${d##*/}; [ $d = lo ] || "
    "[ ! -e /sys/class/net/$d ] || ip link del $d 2>/dev/null; done",
    "printf '%s\\n' 'link set lo down' 'addr flush dev lo' 'addr add 127.0.0.1/8 dev lo' "
    "'neigh flush all' 'route flush table main' 'link set lo mtu 65536' | "
    "ip -force -batch - >/dev/null 2>&1",
    "for k in all default; do for v in rp_filter accept_local; do "
    "echo 0 > /proc/sys/net/ipv4/conf/$k/$v; done; "
    "echo 0 > /proc/sys/net/ipv6/conf/$k/disable_ipv6; done",
    "echo 0 > /proc/sys/net/ipv4/conf/lo/rp_filter; echo 0 > /proc/sys/net/ipv4/conf/lo/accept_local",
    # every conf/neigh setting of all, default and lo as the guest booted with
    "while read f v; do echo \"$v\" > $f; done < /tmp/op-base 2>/dev/null",
    "rm -rf /tmp/op; mkdir -p /tmp/op; cd /tmp/op",
    "echo 0 > /sys/kernel/tracing/tracing_on; echo nop > /sys/kernel/tracing/current_tracer",
    "echo > /sys/kernel/tracing/set_ftrace_filter; echo > /sys/kernel/tracing/set_graph_function",
]


# after the student's lines, before the grader's: end every process but
# PID 1, this script's shell and the grader's own jobs (kernel threads have
# an empty cmdline); a
# shell builtin loop, as a process start costs ~0.15 s in the guest
KILL_PASS = ("for d in /proc/[0-9]*; do p=${d#/proc/}; [ $p = 1 ] || [ $p = $$ ] && continue; "
             "case \" $JOBS \" in *\" $p \"*) continue;; esac; x=; "
             "read -r x < $d/cmdline 2>/dev/null; [ -n \"$x\" ] && kill -9 $p 2>/dev/null; done")
# twice: a process caught between fork and exec by the first pass
KILL_REST = KILL_PASS + "; " + KILL_PASS + "; true"


class Vm:
    """The Debian 6.1 guest of module/vm/vethvm.py, with the stock veth.ko.

    Each lab starts from the saved booted guest, restored (new_lab(), about
    half a second), so nothing a student line of one lab did carries into
    the next. Within a lab the guest's own network namespace plays the
    fresh one vethsim starts in: each run first deletes every named
    namespace and every device but lo, puts lo down and the sysctls the labs
    touch back to the kernel's defaults. (Running the steps under `ip netns
    exec` instead would not do: a namespace the student's `ip netns add`
    made there is bound in a mount namespace that ends with the command.)

    The student's lines (Student) run without the verdict port, their
    output on the console; the grader's steps write theirs to the port,
    after every process the student's lines left is killed. The results of
    the grader's steps are read from the port only."""
    kernel = "vm"

    def __init__(self, kver=None, ko=None):
        """ko: a vethlab.ko to load instead of the stock veth.ko (it registers
        the link kind "veth", so every lab runs on it unchanged)."""
        sys.path.insert(0, os.path.join(TOP, "module", "vm"))
        import vethvm
        self.vethvm = vethvm
        self.kver = kver or vethvm.default_kver()
        self.ko = ko
        mod = os.path.basename(ko) if ko else "veth.ko"
        self.mod = mod
        self.label = "vm:" + mod[:-3] if ko else "vm"
        self.vm = None
        self.n = 0
        self.labs = 0
        self._boot()

    def _boot(self):
        self.vm = self.vethvm.VM(self.kver, [self.ko] if self.ko else [])
        self.vm.start()
        mod = self.mod
        # "FILE VALUE" per writable setting, read by one grep: a cat per file
        # took 5-9 s in the guest (and the shell's read gets one byte of a
        # sysctl file: a read at an offset past 0 returns nothing)
        self.vm.run("grep -H . $(for f in /proc/sys/net/ipv[46]/conf/all/* "
                    "/proc/sys/net/ipv[46]/conf/default/* /proc/sys/net/ipv[46]/conf/lo/* "
                    "/proc/sys/net/ipv[46]/neigh/default/* /proc/sys/net/ipv[46]/neigh/lo/*; "
                    "do [ -w $f ] && echo $f; done) 2>/dev/null | sed 's/:/ /' > /tmp/op-base",
                    show=False)
        # a student's module (--ko) runs without the stock veth.ko beside it
        rm = "rm -f /lib/modules/veth.ko; " if self.ko else ""
        rc, out = self.vm.run(f"insmod /lib/modules/{mod} 3>&- && echo @@LOADED@@; {rm}"
                              "mkdir -p /tmp/op; "
                              "mountpoint -q /sys/kernel/tracing || "
                              "mount -t tracefs nodev /sys/kernel/tracing; echo ok",
                              show=False)
        if "@@LOADED@@" not in out:
            self.vm.poweroff()
            raise RuntimeError(f"insmod {mod} failed in the VM: {out.strip()[-200:]}")
        self.vm.check_channel()
        self.n = 0

    def new_lab(self):
        """A fresh guest for the next lab (the saved one, restored), unless
        this one has run nothing yet."""
        self.labs += 1
        if self.n:
            self.vm.stop()
            self._boot()

    def close(self):
        self.vm.poweroff()

    def run(self, steps, timeout=120, files=None):
        self.n += 1
        self.vm.channel()       # whatever the port said before
        lines = RESET[:]
        jobs = 0
        runnable = [s for s in steps if not s.startswith("sim ")]
        student_before = False
        for k, s in enumerate(runnable):
            if isinstance(s, Student):
                # no descriptor on the verdict port; output on the console
                lines.append(f"echo '@@OP {k}@@'")
                lines.append(f"(\n{s}\n) 2>&1 3>&-")
                lines.append("echo \"@@OPRC $?@@\"")
                student_before = True
                continue
            if student_before:
                lines.append(KILL_REST)
                student_before = False
            lines.append(f"{{ echo '@@OP {k}@@'")
            if s.startswith("tracefs "):
                lines.append("(cd /sys/kernel/tracing && " + s[len("tracefs "):] + ") 2>&1")
            elif s.endswith(" &"):
                jobs += 1
                # exec: `kill %N` must reach the program (tcpdump flushes its
                # -w file on SIGTERM), not a shell around it
                lines.append(f"sh -c {shlex.quote('exec ' + s[:-2])} "
                             f">/tmp/op/job{jobs}.out 2>&1 3>&- & JOB{jobs}=$!; JOBS=\"$JOBS $!\"")
                # up to 5 s for "listening on", looked for every 20 ms
                lines.append(f"i=0; while [ $i -lt 250 ]; do case $(cat /tmp/op/job{jobs}.out "
                             f"2>/dev/null) in *'listening on'*) break;; esac; "
                             f"i=$((i + 1)); sleep 0.02; done")
                lines.append("true")
            elif re.match(r"^kill %\d+$", s):
                lines.append(f"kill $JOB{s[6:]}")
            elif s == "wait":
                lines.append("wait; cat /tmp/op/job*.out 2>/dev/null; true")
            elif s.startswith("sleep "):
                lines.append(s)
            else:
                # a subshell, not sh -c: starting a shell costs ~60 ms in the guest
                lines.append(f"(\n{s}\n) 2>&1")
            lines.append(f"echo \"@@OPRC $?@@\"; }} >&3")
        if student_before:
            lines.append(KILL_REST)
        for name in files or ():
            lines.append(f"{{ echo '@@FILE {name}@@'; base64 /tmp/op/{name} 2>/dev/null; "
                         "echo '@@FILEEND@@'; } >&3")
        lines.append("echo '@@OPEND@@' >&3")
        self.vm.put_file(("\n".join(lines) + "\n").encode(), "/tmp/opsteps.sh")
        rc, out = self.vm.run("sh /tmp/opsteps.sh", timeout=timeout, show=False)
        chan = "".join(self.vm.channel_until("@@OPEND@@\n"))
        res = []
        cpos = opos = 0
        for k, s in enumerate(runnable):
            # the grader's steps from the verdict port, the student's from
            # the console (their output is only ever shown, never judged)
            text, pos = (out, opos) if isinstance(s, Student) else (chan, cpos)
            m = re.compile(r"(?:^|\n)@@OP %d@@\n(.*?)@@OPRC (\d+)@@\n" % k, re.S).search(
                text, pos)
            if m:
                res.append((s, m.group(1), int(m.group(2))))
                if isinstance(s, Student):
                    opos = m.end() - 1
                else:
                    cpos = m.end() - 1
            else:
                res.append((s, "", -1))
        if files is None:
            return res
        got = {}
        for m in re.finditer(r"(?:^|\n)@@FILE ([^@\n]+)@@\n(.*?)@@FILEEND@@\n", chan[cpos:], re.S):
            if m.group(1) not in (files or ()):
                continue
            import base64
            try:
                data = "".join(l for l in m.group(2).splitlines()
                               if re.match(r"^[A-Za-z0-9+/=]+$", l))
                if data:
                    got[m.group(1)] = base64.b64decode(data)
            except ValueError:
                pass
        return res, got


def output_of(res, step_prefix):
    """The output and rc of the first of the grader's steps starting with
    step_prefix (a student's line never stands in for one)."""
    for s, out, rc in res:
        if s.startswith(step_prefix) and not isinstance(s, Student):
            return out, rc
    return "", -1
