"""Finds and loads libdeepseek_ocr once, and refuses a library whose version does not match these bindings."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
import threading
from pathlib import Path
from typing import List, Optional

from ._ctypes import OCR_VERSION, OCR_VERSION_MAJOR, OCR_VERSION_MINOR, NativeLibrary
from ._errors import LibraryError

#: The environment variable that names the shared library to load instead of the one inside the package.
LIBRARY_ENV = "DEEPSEEK_OCR_LIBRARY"

_lock = threading.Lock()
_library: Optional[NativeLibrary] = None


def library() -> NativeLibrary:
    """The loaded library; the first call loads it (thread-safe) and later calls return the same one."""
    global _library
    if _library is None:
        with _lock:
            if _library is None:
                _library = _load()
    return _library


def library_version() -> str:
    """The version of the loaded libdeepseek_ocr, e.g. "1.0.0" (loading it if need be)."""
    return (library().ocr_version() or b"").decode("ascii", "replace")


def library_path() -> str:
    """Where the loaded libdeepseek_ocr was found (loading it if need be)."""
    return library().path


def library_file_name() -> str:
    """The platform's file name of the library: libdeepseek_ocr.so, libdeepseek_ocr.dylib or deepseek_ocr.dll."""
    if sys.platform == "win32":
        return "deepseek_ocr.dll"
    if sys.platform == "darwin":
        return "libdeepseek_ocr.dylib"
    return "libdeepseek_ocr.so"


def _load() -> NativeLibrary:
    override = os.environ.get(LIBRARY_ENV)
    if override:
        # An explicit choice is never second-guessed by falling back to another copy.
        return _open(override, f"${LIBRARY_ENV}")
    bundled = Path(__file__).resolve().parent / library_file_name()
    if bundled.is_file():
        return _open(str(bundled), "the copy inside the package")
    system = ctypes.util.find_library("deepseek_ocr")
    if system:
        return _open(system, "the system library path")
    raise LibraryError(
        f"libdeepseek_ocr was not found: not inside the package ({bundled}), not on the system library path, "
        f"and ${LIBRARY_ENV} is not set. Install a deepseek-ocr wheel built with the library (see "
        f"bindings/python/README.md), or set {LIBRARY_ENV} to the path of libdeepseek_ocr built by native/build.sh."
    )


def _open(path: str, origin: str) -> NativeLibrary:
    try:
        cdll = ctypes.CDLL(path)
    except OSError as error:
        raise LibraryError(
            f"could not load libdeepseek_ocr from {origin} ({path}): {error}. "
            f"Point {LIBRARY_ENV} at a libdeepseek_ocr built for this machine, or reinstall the package."
        ) from error
    try:
        native = NativeLibrary(cdll, path)
    except AttributeError as error:
        raise LibraryError(
            f"{path} (from {origin}) is not a usable libdeepseek_ocr: {error}. "
            f"Point {LIBRARY_ENV} at libdeepseek_ocr {OCR_VERSION_MAJOR}.x, or reinstall the package."
        ) from error
    _check_version(native, origin)
    return native


def _check_version(native: NativeLibrary, origin: str) -> None:
    version = (native.ocr_version() or b"").decode("utf-8", "replace")
    if not _is_compatible(version):
        raise LibraryError(
            f"{native.path} (from {origin}) is libdeepseek_ocr {version or '(no version)'}, but this package "
            f"needs {OCR_VERSION_MAJOR}.x with x >= {OCR_VERSION_MINOR} (its header is {OCR_VERSION}). "
            f"Install the deepseek-ocr package that matches the library, or set {LIBRARY_ENV} to a "
            f"libdeepseek_ocr {OCR_VERSION_MAJOR}.{OCR_VERSION_MINOR} or newer {OCR_VERSION_MAJOR}.x."
        )


def _is_compatible(version: str) -> bool:
    # Same major: the ABI is the same. Minor at least ours: every struct field these bindings set exists there.
    parts: List[str] = version.split(".")
    if len(parts) < 2 or not parts[0].isdigit() or not parts[1].isdigit():
        return False
    return int(parts[0]) == OCR_VERSION_MAJOR and int(parts[1]) >= OCR_VERSION_MINOR
