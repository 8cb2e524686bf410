"""Builds one wheel per architecture the library has been built for, each tagged by what its library needs.

Usage: python3 bindings/python/build_wheels.py [OUTPUT]   (default: artifacts/wheels of the repository)

The libraries are those native/build.sh lays out: artifacts/native (this machine's) and artifacts/native-RID (another
architecture's, native/build.sh --rid linux-arm64). Each wheel's tag is manylinux_2_X_ARCH, read from its library
(build_backend/elf_wheel_tag.py), so pip installs it only on that architecture with a glibc of 2.X or newer.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent.parent
sys.path.insert(0, str(HERE / "build_backend"))

import deepseek_ocr_build  # noqa: E402  (the package's own build backend, from the path above)


def built_libraries() -> List[Path]:
    """Every artifacts/native*/lib/libdeepseek_ocr.so, this machine's first."""
    artifacts = REPOSITORY / "artifacts"
    found = [artifacts / "native" / "lib" / "libdeepseek_ocr.so"]
    found += sorted(artifacts.glob("native-*/lib/libdeepseek_ocr.so"))
    return [library for library in found if library.is_file()]


def main(arguments: List[str]) -> int:
    output = Path(arguments[0]) if arguments else REPOSITORY / "artifacts" / "wheels"
    output.mkdir(parents=True, exist_ok=True)
    libraries = built_libraries()
    if not libraries:
        print("build_wheels: no library under artifacts/native*/lib: run native/build.sh [--rid RID] first",
              file=sys.stderr)
        return 1
    for library in libraries:
        name = deepseek_ocr_build.build_wheel(str(output), {"library": str(library)})
        print(f"{output / name}  (from {library.relative_to(REPOSITORY)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
