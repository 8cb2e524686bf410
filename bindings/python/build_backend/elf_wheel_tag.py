"""The wheel platform tag a Linux shared library needs, read from the library itself, as auditwheel reads it.

A wheel that carries libdeepseek_ocr runs where the library runs: on the library's architecture, with a glibc that
has every symbol version the library references. Both are in the ELF file: the machine in its header, the versions
in its version-needs section (.gnu.version_r: for each needed library, the versions of it the symbols bind to, what
`readelf -V` lists and `objdump -T` shows per symbol). The tag is manylinux_2_X_ARCH (PEP 600), X the highest
GLIBC_2.X referenced. A library that needs what manylinux does not promise (another shared library than glibc's and
the compiler runtime's, or glibc's private symbols) is refused: no tag would be true for it.

Usage: python3 elf_wheel_tag.py LIBRARY   prints the tag, then what it was read from.
"""

from __future__ import annotations

import re
import struct
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Set, Tuple

# e_machine -> the architecture's name in wheel tags.
ARCHITECTURES: Dict[int, str] = {62: "x86_64", 183: "aarch64"}
# The shared libraries a manylinux system provides (PEP 600 defers to the manylinux policies: auditwheel's list,
# less the graphics libraries this library never needs).
MANYLINUX_LIBRARIES = frozenset({
    "libc.so.6", "libm.so.6", "libdl.so.2", "librt.so.1", "libpthread.so.0", "libutil.so.1", "libresolv.so.2",
    "libnsl.so.1", "libgcc_s.so.1", "libstdc++.so.6", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
})
SHT_DYNAMIC = 6
SHT_GNU_VERNEED = 0x6FFFFFFE
DT_NEEDED = 1
GLIBC_VERSION = re.compile(r"GLIBC_2\.(\d+)(?:\.\d+)?")


class NotManylinux(ValueError):
    """The library needs something no manylinux tag promises, or is not a library this script can read."""


@dataclass(frozen=True)
class LibraryNeeds:
    architecture: str
    needed: Tuple[str, ...]                    # DT_NEEDED, in order
    versions: Dict[str, Tuple[str, ...]]       # needed file -> the symbol versions referenced in it

    @property
    def glibc_minor(self) -> int:
        """X of the highest GLIBC_2.X referenced (0: none)."""
        minors = [int(match.group(1)) for names in self.versions.values() for name in names
                  for match in [GLIBC_VERSION.fullmatch(name)] if match]
        return max(minors, default=0)

    @property
    def tag(self) -> str:
        return f"manylinux_2_{self.glibc_minor}_{self.architecture}"


def read_needs(path: Path) -> LibraryNeeds:
    data = Path(path).read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise NotManylinux(f"{path} is not a 64-bit little-endian ELF file")
    (machine,) = struct.unpack_from("<H", data, 18)
    if machine not in ARCHITECTURES:
        raise NotManylinux(f"{path} is for ELF machine {machine}, not one of {sorted(ARCHITECTURES.values())}")
    section_offset, = struct.unpack_from("<Q", data, 0x28)
    entry_size, count = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, section_offset + index * entry_size) for index in range(count)]

    def strings(section_index: int, offset: int) -> str:
        start = sections[section_index][4] + offset
        return data[start:data.index(b"\0", start)].decode("ascii")

    needed: List[str] = []
    versions: Dict[str, Tuple[str, ...]] = {}
    for _, kind, _, _, offset, size, link, info, _, _ in sections:
        if kind == SHT_DYNAMIC:
            for position in range(offset, offset + size, 16):
                tag, value = struct.unpack_from("<qQ", data, position)
                if tag == DT_NEEDED:
                    needed.append(strings(link, value))
        elif kind == SHT_GNU_VERNEED:
            entry = offset
            for _ in range(info):  # sh_info: the number of needed files
                _, aux_count, file_name, aux, following = struct.unpack_from("<HHIII", data, entry)
                names: List[str] = []
                auxiliary = entry + aux
                for _ in range(aux_count):
                    _, _, _, name, aux_following = struct.unpack_from("<IHHII", data, auxiliary)
                    names.append(strings(link, name))
                    auxiliary += aux_following
                versions[strings(link, file_name)] = tuple(names)
                if not following:
                    break
                entry += following
    return LibraryNeeds(ARCHITECTURES[machine], tuple(needed), versions)


def wheel_platform_tag(path: Path) -> str:
    """manylinux_2_X_ARCH for the library at path, or NotManylinux saying what no manylinux system promises."""
    return _manylinux_tag(read_needs(path), path)


def _manylinux_tag(needs: LibraryNeeds, path: Path) -> str:
    foreign = [name for name in needs.needed if name not in MANYLINUX_LIBRARIES]
    if foreign:
        raise NotManylinux(f"{path} needs {', '.join(foreign)}, which manylinux systems do not provide")
    if any(name == "GLIBC_PRIVATE" for names in needs.versions.values() for name in names):
        raise NotManylinux(f"{path} binds to GLIBC_PRIVATE symbols, which no glibc promises to keep")
    return needs.tag


def main(arguments: List[str]) -> int:
    if len(arguments) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    path = Path(arguments[0])
    try:
        needs = read_needs(path)
        tag = _manylinux_tag(needs, path)
    except (OSError, NotManylinux) as error:
        print(f"elf_wheel_tag: {error}", file=sys.stderr)
        return 1
    print(tag)
    referenced: Set[str] = {name for names in needs.versions.values() for name in names}
    for file_name in needs.needed:
        print(f"  needs {file_name}: {' '.join(sorted(needs.versions.get(file_name, ()), key=_version_key))}")
    print(f"  highest glibc symbol version: GLIBC_2.{needs.glibc_minor} (of {len(referenced)} referenced)")
    return 0


def _version_key(name: str) -> Tuple[str, Tuple[int, ...]]:
    prefix, _, number = name.partition("_")
    return prefix, tuple(int(part) for part in re.findall(r"\d+", number))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
