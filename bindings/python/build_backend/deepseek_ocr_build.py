"""A PEP 517 build backend for deepseek-ocr that needs nothing but the standard library.

The wheel holds the Python package and the native libdeepseek_ocr, so it is tagged py3-none-<platform>: on Linux
manylinux_2_X_ARCH, read from the library (its architecture, and X from the highest GLIBC_2.X symbol version it
references: elf_wheel_tag.py), so that pip installs it only where it runs; elsewhere the platform building it.
The library is taken from, in order: the config setting ``library`` (pip: ``--config-settings library=PATH``), the
environment variable DEEPSEEK_OCR_LIBRARY, or artifacts/native/lib/libdeepseek_ocr.so of the repository (what
native/build.sh publishes; build_wheels.py builds one wheel for each artifacts/native*/). It is loaded once at build
time so that a wrong or wrong-version file fails the build, not the user; a library for another architecture, which
cannot be loaded here, must carry the version string instead.

The version is dynamic: that of the header the package mirrors, OCR_VERSION in src/deepseek_ocr/_ctypes.py (read
from its source, not imported), so that it is written in one place, native/include/deepseek_ocr.h.
"""

from __future__ import annotations

import ast
import base64
import ctypes
import hashlib
import io
import os
import platform
import re
import sysconfig
import tarfile
import zipfile
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

from elf_wheel_tag import NotManylinux, read_needs, wheel_platform_tag

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
SOURCE = PROJECT / "src"
PACKAGE = "deepseek_ocr"
# The module that mirrors the header, and in it the header's version.
VERSION_SOURCE = SOURCE / PACKAGE / "_ctypes.py"
VERSION_NAME = "OCR_VERSION"
LIBRARY_ENV = "DEEPSEEK_OCR_LIBRARY"
LIBRARY_FILE = "libdeepseek_ocr.so"
REPOSITORY_LIBRARY = PROJECT.parent.parent / "artifacts" / "native" / "lib" / LIBRARY_FILE
# Zip entries get a fixed date so that the same inputs give the same wheel.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

ConfigSettings = Optional[Mapping[str, Any]]


# --- PEP 517 hooks -------------------------------------------------------------------------------------------------

def get_requires_for_build_wheel(config_settings: ConfigSettings = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: ConfigSettings = None) -> List[str]:
    return []


def prepare_metadata_for_build_wheel(metadata_directory: str, config_settings: ConfigSettings = None) -> str:
    project = _project()
    dist_info = Path(metadata_directory) / _dist_info(project)
    dist_info.mkdir(parents=True, exist_ok=True)
    for name, content in _metadata_files(project, _platform_tag(config_settings, _library(config_settings))).items():
        (dist_info / name).write_bytes(content)
    return dist_info.name


def build_wheel(wheel_directory: str, config_settings: ConfigSettings = None,
                metadata_directory: Optional[str] = None) -> str:
    project = _project()
    library = _library(config_settings)
    tag = _platform_tag(config_settings, library)
    name = f"{_wheel_name(project)}-{project['version']}-py3-none-{tag}.whl"
    entries: List[Tuple[str, bytes, int]] = []
    for path in sorted((SOURCE / PACKAGE).rglob("*")):
        if path.is_file() and _belongs_in_package(path):
            entries.append((path.relative_to(SOURCE).as_posix(), path.read_bytes(), 0o644))
    # Stored under the unversioned name the loader looks for, whatever the versioned file is called.
    content = library.read_bytes()
    entries.append((f"{PACKAGE}/{_file_name_in_package(content)}", content, 0o755))
    dist_info = _dist_info(project)
    for file_name, content in _metadata_files(project, tag).items():
        entries.append((f"{dist_info}/{file_name}", content, 0o644))
    _write_wheel(Path(wheel_directory) / name, entries, f"{dist_info}/RECORD")
    return name


def build_sdist(sdist_directory: str, config_settings: ConfigSettings = None) -> str:
    project = _project()
    base = f"{_wheel_name(project)}-{project['version']}"
    target = Path(sdist_directory) / f"{base}.tar.gz"
    files = [PROJECT / "pyproject.toml", PROJECT / "README.md", HERE / Path(__file__).name, HERE / "elf_wheel_tag.py"]
    for folder in (SOURCE, PROJECT / "tests"):
        files += [p for p in sorted(folder.rglob("*")) if p.is_file() and _belongs_in_package(p)]
    with tarfile.open(target, "w:gz", format=tarfile.PAX_FORMAT) as archive:
        for path in files:
            _add_to_tar(archive, f"{base}/{path.relative_to(PROJECT).as_posix()}", path.read_bytes())
        _add_to_tar(archive, f"{base}/PKG-INFO", _metadata(project))
    return target.name


# --- the library ---------------------------------------------------------------------------------------------------

def _library(config_settings: ConfigSettings) -> Path:
    configured = (config_settings or {}).get("library") or os.environ.get(LIBRARY_ENV)
    candidate = Path(configured) if configured else REPOSITORY_LIBRARY
    origin = "--config-settings library" if (config_settings or {}).get("library") else (
        f"${LIBRARY_ENV}" if configured else "the repository's artifacts/native/lib")
    if not candidate.is_file():
        raise RuntimeError(
            f"deepseek-ocr: the native library is needed to build the wheel, but {candidate} (from {origin}) does "
            f"not exist. Build it first with native/build.sh from the repository root, or point {LIBRARY_ENV} "
            f"(or --config-settings library=PATH) at a built libdeepseek_ocr."
        )
    resolved = candidate.resolve()  # the real file behind libdeepseek_ocr.so -> .so.1 -> .so.1.0.0
    _check_library(resolved, origin)
    return resolved


def _check_library(path: Path, origin: str) -> None:
    version = _project()["version"]
    if not _runs_here(path):
        # Built for another architecture (a cross-compiled library): it cannot be loaded to ask, but ocr_version()
        # returns the header's OCR_VERSION, which it carries as a string.
        if f"\0{version}\0".encode() not in path.read_bytes():
            raise RuntimeError(
                f"deepseek-ocr: {path} (from {origin}) does not carry the version {version} of this package: "
                f"build the library of the same release with native/build.sh --rid RID."
            )
        return
    try:
        library = ctypes.CDLL(str(path))
        library.ocr_version.restype = ctypes.c_char_p
        found = library.ocr_version().decode("ascii", "replace")
    except (OSError, AttributeError) as error:
        raise RuntimeError(f"deepseek-ocr: {path} (from {origin}) is not a usable libdeepseek_ocr: {error}") from error
    # The loader's rule: the same major, and a minor no older than the header's.
    wanted, given = version.split("."), (found.split(".") + ["", ""])[:2]
    if not (given[0] == wanted[0] and given[1].isdigit() and int(given[1]) >= int(wanted[1])):
        raise RuntimeError(
            f"deepseek-ocr: {path} (from {origin}) is libdeepseek_ocr {found}, but this package is {version}: "
            f"build the library of the same release with native/build.sh."
        )


def _file_name_in_package(content: bytes) -> str:
    """The name the package's loader looks for (_loader.library_file_name), by the library's file format."""
    if content.startswith(b"MZ"):
        return "deepseek_ocr.dll"
    if content[:4] in (b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe"):  # Mach-O 64-bit, universal
        return "libdeepseek_ocr.dylib"
    return LIBRARY_FILE


def _runs_here(path: Path) -> bool:
    """False for an ELF library of another architecture than this interpreter's machine."""
    try:
        architecture = read_needs(path).architecture
    except NotManylinux:
        return True  # not an ELF this script reads: loading it says whether it runs
    return architecture == {"amd64": "x86_64", "arm64": "aarch64"}.get(platform.machine().lower(),
                                                                       platform.machine().lower())


def _platform_tag(config_settings: ConfigSettings, library: Path) -> str:
    configured = (config_settings or {}).get("platform-tag")
    if configured:
        return str(configured)
    if library.read_bytes()[:4] == b"\x7fELF":
        try:
            return wheel_platform_tag(library)
        except NotManylinux as error:
            raise RuntimeError(f"deepseek-ocr: no manylinux tag fits the library: {error}") from error
    return re.sub(r"[^A-Za-z0-9]", "_", sysconfig.get_platform())


# --- metadata ------------------------------------------------------------------------------------------------------

def _project() -> Dict[str, Any]:
    """pyproject.toml's [project] table, with the version filled in."""
    text = (PROJECT / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib
    except ImportError:  # Python < 3.11: pyproject.toml here keeps to what _read_simple_toml understands
        project = _read_simple_toml(text)["project"]
    else:
        project = tomllib.loads(text)["project"]
    if "version" in project.get("dynamic", []):
        project = dict(project, version=header_version())
    return project


def header_version() -> str:
    """OCR_VERSION as assigned in _ctypes.py (a plain or annotated assignment of a string literal)."""
    tree = ast.parse(VERSION_SOURCE.read_text(encoding="utf-8"), str(VERSION_SOURCE))
    for node in tree.body:
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else (
            node.target if isinstance(node, ast.AnnAssign) else None)
        value = getattr(node, "value", None)
        if (isinstance(target, ast.Name) and target.id == VERSION_NAME and isinstance(value, ast.Constant)
                and isinstance(value.value, str) and re.fullmatch(r"\d+\.\d+\.\d+", value.value)):
            return value.value
    raise RuntimeError(f"deepseek-ocr: {VERSION_SOURCE} assigns no {VERSION_NAME} = \"MAJOR.MINOR.PATCH\"")


def _read_simple_toml(text: str) -> Dict[str, Any]:
    """Tables, and keys whose values are strings or arrays of strings: all that pyproject.toml uses."""
    document: Dict[str, Any] = {}
    table = document
    pending_key = ""
    pending: Optional[List[str]] = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if pending is not None:
            if line.startswith("]"):
                table[pending_key], pending = pending, None
            else:
                pending.append(_toml_string(line.rstrip(",")))
            continue
        header = re.fullmatch(r"\[([\w.-]+)\]", line)
        if header:
            table = document
            for part in header.group(1).split("."):
                table = table.setdefault(part, {})
            continue
        key, _, value = (part.strip() for part in line.partition("="))
        if value == "[":
            pending_key, pending = key, []
        elif value.startswith("["):
            table[key] = [_toml_string(item) for item in re.findall(r'"[^"]*"', value)]
        else:
            table[key] = _toml_string(value)
    return document


def _toml_string(value: str) -> str:
    return value.strip().strip('"')


def _metadata(project: Mapping[str, Any]) -> bytes:
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {project['version']}",
        f"Summary: {project['description']}",
        f"Requires-Python: {project['requires-python']}",
        f"Keywords: {','.join(project.get('keywords', []))}",
    ]
    lines += [f"Classifier: {classifier}" for classifier in project.get("classifiers", [])]
    lines.append("Description-Content-Type: text/markdown")
    readme = (PROJECT / project["readme"]).read_text(encoding="utf-8")
    return ("\n".join(lines) + "\n\n" + readme).encode("utf-8")


def _metadata_files(project: Mapping[str, Any], tag: str) -> Dict[str, bytes]:
    wheel = (
        "Wheel-Version: 1.0\n"
        "Generator: deepseek_ocr_build\n"
        "Root-Is-Purelib: false\n"
        f"Tag: py3-none-{tag}\n"
    )
    scripts = project.get("scripts", {})
    entry_points = "[console_scripts]\n" + "".join(f"{name} = {target}\n" for name, target in scripts.items())
    return {"METADATA": _metadata(project), "WHEEL": wheel.encode(), "entry_points.txt": entry_points.encode()}


def _wheel_name(project: Mapping[str, Any]) -> str:
    return re.sub(r"[-_.]+", "_", project["name"]).lower()


def _dist_info(project: Mapping[str, Any]) -> str:
    return f"{_wheel_name(project)}-{project['version']}.dist-info"


def _belongs_in_package(path: Path) -> bool:
    return "__pycache__" not in path.parts and path.suffix not in (".pyc", ".so", ".dll", ".dylib")


# --- archives ------------------------------------------------------------------------------------------------------

def _write_wheel(target: Path, entries: List[Tuple[str, bytes, int]], record_name: str) -> None:
    record = io.StringIO()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content, mode in entries:
            _add_to_zip(archive, name, content, mode)
            digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
            record.write(f"{name},sha256={digest},{len(content)}\n")
        record.write(f"{record_name},,\n")
        _add_to_zip(archive, record_name, record.getvalue().encode(), 0o644)


def _add_to_zip(archive: zipfile.ZipFile, name: str, content: bytes, mode: int) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.external_attr = (0o100000 | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, content)


def _add_to_tar(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(content))
