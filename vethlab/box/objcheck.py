"""Inspect a student's compiled object before anything runs it.

Rejected (the file is graded as the untouched exercise, the reason shown):
  - a constructor or destructor (.init_array, .fini_array, .ctors, ...),
    or an IFUNC (its resolver runs at load time, like a constructor);
  - a call to, or use of, anything outside the allow-list: the simulated
    kernel's own functions and data, the other student file's functions,
    and a few pure libc helpers (memcpy, strlen, snprintf, calloc, ...);
    so no files, processes, exec, signals, sockets, environment, syscall();
  - a raw system call instruction (syscall, sysenter, int $0x80);
  - a definition of a name the kit, libc or Check already defines (it
    would replace theirs: fprintf, srunner_run_all, sim_start_kernel...).
Redirected (the object is kept): exit, _exit, _Exit, quick_exit go to the
grader's trap (vethlab/box/guard.c), which kills the process, so a test that
reaches one fails instead of "exiting 0 = passed"; printf, puts, fwrite and
the rest of stdio output go to silent twins that print nothing.
"""
import re
import subprocess

from vethlab.box import elf

EXITS = ["exit", "_exit", "_Exit", "quick_exit"]
TRAP = "vethlab_trap"
# output from graded code is thrown away (guard.c): debug prints cost nothing,
# and nothing a student writes can appear in a transcript the grader compares
OUTPUTS = ["printf", "fprintf", "vprintf", "vfprintf", "__printf_chk", "__fprintf_chk",
           "__vprintf_chk", "__vfprintf_chk", "puts", "fputs", "putchar", "fputc", "putc",
           "fwrite", "fflush", "perror"]
QUIET = "vethlab_quiet"

LIBC_OK = set("""
memcpy memmove memset memcmp memchr strcmp strncmp strlen strnlen strcpy strncpy
strcat strncat strchr strrchr strstr strspn strcspn strtol strtoul strtoll strtoull
atoi snprintf vsnprintf sprintf vsprintf sscanf calloc malloc realloc free
abort __assert_fail __stack_chk_fail __memcpy_chk __memmove_chk __memset_chk
__strcpy_chk __strncpy_chk __strcat_chk __snprintf_chk __vsnprintf_chk __sprintf_chk
__vsprintf_chk stdout stderr
qsort bsearch abs labs llabs toupper tolower __ctype_b_loc __ctype_tolower_loc
__ctype_toupper_loc __errno_location _GLOBAL_OFFSET_TABLE_
""".split()) | set(EXITS) | set(OUTPUTS)

BAD_SECTIONS = re.compile(r"^\.(init_array|fini_array|preinit_array|ctors|dtors|init|fini)(\.|$)")
SYSCALL_RE = re.compile(r"\t(syscall|sysenter|int\s+\$0x80)\b")
SYSCALL_BYTES = (b"\x0f\x05", b"\x0f\x34", b"\xcd\x80")


def _run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       errors="replace", timeout=60)
    if p.returncode:
        raise RuntimeError(f"{cmd[0]}: {p.stderr.strip()[:200]}")
    return p.stdout


def symbols(path, dynamic=False):
    """(defined globals, undefined, ifuncs) of an object, archive or library,
    or of several together (a list), read in process (elf.py)."""
    try:
        return elf.symbols(path, dynamic)
    except (OSError, ValueError) as e:
        raise RuntimeError(f"cannot read the symbols of {path}: {e}") from e


def inspect(path, own_globals, allowed, reserved):
    """(problems, redirects) for one compiled student object.
    own_globals: what the reference object of this file defines (allowed to define);
    allowed: names it may use; reserved: names it may not define."""
    problems = []
    try:
        with open(path, "rb") as f:
            data = f.read()
        names, text = elf.sections(data), elf.code(data)
    except (OSError, ValueError) as e:
        raise RuntimeError(f"cannot read {path}: {e}") from e
    for s in names:
        if BAD_SECTIONS.match(s):
            problems.append(f"has a constructor or destructor (section {s})")
            break
    defined, undef, ifunc = symbols(path)
    for name in sorted(ifunc):
        problems.append(f"defines {name} as an IFUNC")
    for name in sorted(defined - own_globals):
        if name in reserved:
            problems.append(f"defines {name}(), which the kit or the C library already defines")
    for name in sorted(undef):
        if name not in allowed and name not in LIBC_OK:
            problems.append(f"calls {name}(), which graded code may not use")
    # objdump decides, but only where the code holds the bytes of one: every
    # syscall, sysenter or int $0x80 it could find is one of these pairs
    if any(op in text for op in SYSCALL_BYTES):
        m = SYSCALL_RE.search(_run(["objdump", "-d", "--no-show-raw-insn", path]))
        if m:
            problems.append(f"contains a raw system call instruction ({m.group(1)})")
    redirects = sorted(n for n in undef if n in EXITS or n in OUTPUTS)
    return problems, redirects


def redirect(path, names):
    """Point calls to exit() and friends at the grader's trap, and printf()
    and friends at its silent twins."""
    if names:
        cmd = ["objcopy"]
        for n in names:
            cmd += ["--redefine-sym", f"{n}={TRAP if n in EXITS else QUIET}_{n}"]
        _run(cmd + [path])
