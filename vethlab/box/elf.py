"""Read an ELF object's sections and symbols as readelf and nm would, in process.

The grader inspects every compiled student object and the kit's own archives
and libraries on each run. Asking binutils costs a process per question (nm
alone loads the LTO plugin first: about 3,700 page faults, against none
here), so the few facts objcheck.py needs are read from the file itself:
  sections(data)        the section names (readelf -S);
  symbols(path)         (defined, undefined, ifunc) external names of an
                        object, a static archive (each member) or, with
                        dynamic=True, a shared library's .dynsym (nm -g / -D);
  code(data)            the bytes of the sections that hold instructions
                        (the ones objdump -d disassembles).
Only 64-bit little-endian ELF (x86-64) is read; anything else raises
ValueError, and the caller treats the file as unreadable.
"""
import struct

SHT_SYMTAB, SHT_DYNSYM, SHT_NOBITS = 2, 11, 8
SHF_EXECINSTR = 0x4
STB_LOCAL = 0
STT_SECTION, STT_FILE, STT_GNU_IFUNC = 3, 4, 10
SHN_UNDEF = 0

_SHDR = struct.Struct("<IIQQQQIIQQ")   # name type flags addr offset size link info align entsize
_SYM = struct.Struct("<IBBHQQ")         # name info other shndx value size


def _headers(data):
    """[(name, type, flags, offset, size, link)] of an ELF64 LE file's sections."""
    try:
        return _read_headers(data)
    except struct.error as e:
        raise ValueError(f"truncated ELF file ({e})") from e


def _read_headers(data):
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    if shoff == 0:
        return []
    if shnum == 0 or shstrndx == 0xFFFF:   # the counts live in section 0 instead
        first = _SHDR.unpack_from(data, shoff)
        shnum = shnum or first[5]
        shstrndx = first[7] if shstrndx == 0xFFFF else shstrndx
    if shentsize != _SHDR.size or shoff + shnum * shentsize > len(data):
        raise ValueError("truncated section header table")
    raw = [_SHDR.unpack_from(data, shoff + i * shentsize) for i in range(shnum)]
    names_at = raw[shstrndx][4] if shstrndx < shnum else 0
    return [(_cstr(data, names_at + h[0]) if names_at else "", h[1], h[2], h[4], h[5], h[6])
            for h in raw]


def _cstr(data, at):
    end = data.find(b"\0", at)
    return data[at:end if end >= 0 else len(data)].decode("utf-8", "replace")


def sections(data):
    """The section names of one ELF object, in order (readelf -S)."""
    return [h[0] for h in _headers(data) if h[0]]


def code(data):
    """The bytes of every section that holds instructions (SHF_EXECINSTR)."""
    return b"".join(data[h[3]:h[3] + h[4]] for h in _headers(data)
                    if h[2] & SHF_EXECINSTR and h[1] != SHT_NOBITS)


def _read_symbols(data, dynamic, defined, undef, ifunc):
    heads = _headers(data)
    want = SHT_DYNSYM if dynamic else SHT_SYMTAB
    for _, typ, _, off, size, link in heads:
        if typ != want or link >= len(heads):
            continue
        strtab = heads[link][3]
        for i in range(1, size // _SYM.size):       # entry 0 is the null symbol
            name_at, info, _, shndx, _, _ = _SYM.unpack_from(data, off + i * _SYM.size)
            bind, kind = info >> 4, info & 0xF
            if bind == STB_LOCAL or kind in (STT_SECTION, STT_FILE):
                continue                          # nm -g: external names only
            name = _cstr(data, strtab + name_at)
            if not name:
                continue
            if shndx == SHN_UNDEF:
                undef.add(name)
                continue
            defined.add(name)
            if kind == STT_GNU_IFUNC:
                ifunc.add(name)


def _members(data):
    """The members of a System V / GNU ar archive, index and name table left out."""
    at = 8
    while at + 60 <= len(data):
        head = data[at:at + 60]
        if head[58:60] != b"`\n":
            raise ValueError("bad archive member header")
        name = head[:16].decode("ascii", "replace").strip()
        size = int(head[48:58].decode("ascii").strip() or 0)
        body = data[at + 60:at + 60 + size]
        if name not in ("/", "//", "/SYM64/", "__.SYMDEF", "__.SYMDEF SORTED"):
            yield body
        at += 60 + size + (size & 1)


def symbols(paths, dynamic=False):
    """(defined, undefined, ifunc) external symbol names of one file or a list
    of them: objects, archives (every member) or shared libraries (dynamic)."""
    defined, undef, ifunc = set(), set(), set()
    for path in [paths] if isinstance(paths, str) else paths:
        with open(path, "rb") as f:
            data = f.read()
        if data.startswith(b"!<arch>\n"):
            for member in _members(data):
                if member.startswith(b"\x7fELF"):
                    _symbols_of(member, dynamic, defined, undef, ifunc)
        else:
            _symbols_of(data, dynamic, defined, undef, ifunc)
    return defined, undef, ifunc


def _symbols_of(data, dynamic, defined, undef, ifunc):
    try:
        _read_symbols(data, dynamic, defined, undef, ifunc)
    except struct.error as e:
        raise ValueError(f"truncated symbol table ({e})") from e
