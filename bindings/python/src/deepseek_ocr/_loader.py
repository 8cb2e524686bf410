"""Finds and loads libdeepseek_ocr once per process, and refuses a library whose version does not match these bindings.

A child forked after its parent loaded the library cannot use the parent's copy: the .NET runtime inside it does not
survive fork() (every call there returns OCR_E_FORKED). Such a child loads a fresh copy of the same file on its first
use: the file copied into an anonymous memory file (memfd_create), or a temporary file where that is missing, which
the dynamic loader maps as a new object with a runtime of its own.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import List, Optional

from ._ctypes import OCR_VERSION, OCR_VERSION_MAJOR, OCR_VERSION_MINOR, NativeLibrary
from ._errors import LibraryError
from ._fork import PerProcess

#: The environment variable that names the shared library to load instead of the one inside the package.
LIBRARY_ENV = "DEEPSEEK_OCR_LIBRARY"


def _load_in_this_process(parent: Optional[NativeLibrary]) -> NativeLibrary:
    # parent: the library a forked parent had loaded, whose runtime is dead here; its file is loaded afresh.
    return _load() if parent is None else _load_fresh_copy(parent.path)


_library: PerProcess[NativeLibrary] = PerProcess(_load_in_this_process)


def library() -> NativeLibrary:
    """This process's library: the first call loads it (thread-safe), later calls return the same one. In a child
    forked after the parent loaded it, the first call loads a fresh copy of the same file."""
    return _library.get()


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


def _load_fresh_copy(path: str) -> NativeLibrary:
    origin = "a fresh copy for this forked process"
    try:
        with open(path, "rb") as source:
            memfd = _memfd()
            if memfd is not None:
                try:
                    with os.fdopen(memfd, "wb", closefd=False) as copy:
                        shutil.copyfileobj(source, copy)
                    # Loaded while the descriptor is open; the mapping outlives it.
                    return _open(f"/proc/self/fd/{memfd}", origin, shown_path=path)
                finally:
                    os.close(memfd)
            handle, temporary = tempfile.mkstemp(prefix="libdeepseek_ocr-", suffix=".so")
            try:
                with os.fdopen(handle, "wb") as copy:
                    shutil.copyfileobj(source, copy)
                return _open(temporary, origin, shown_path=path)
            finally:
                os.unlink(temporary)
    except LibraryError:
        raise
    except OSError as error:
        raise LibraryError(
            f"this process was forked after its parent loaded libdeepseek_ocr, whose runtime does not survive "
            f"fork(), and a fresh copy of {path} could not be loaded: {error}. Use the 'spawn' or 'forkserver' "
            f"start method of multiprocessing, or fork before the parent's first call."
        ) from error


def _memfd() -> Optional[int]:
    if not hasattr(os, "memfd_create"):
        return None
    try:
        return os.memfd_create("libdeepseek_ocr.so", os.MFD_CLOEXEC)
    except OSError:  # e.g. a kernel older than 3.17, or a seccomp filter that refuses it
        return None


def _open(path: str, origin: str, shown_path: Optional[str] = None) -> NativeLibrary:
    try:
        cdll = ctypes.CDLL(path)
    except OSError as error:
        raise LibraryError(
            f"could not load libdeepseek_ocr from {origin} ({path}): {error}. "
            f"Point {LIBRARY_ENV} at a libdeepseek_ocr built for this machine, or reinstall the package."
        ) from error
    shown = shown_path or _file_of(cdll) or os.path.abspath(path)
    # The version first: a library of another version may lack functions, and its version says more.
    _check_version(cdll, shown, origin)
    try:
        return NativeLibrary(cdll, shown)
    except AttributeError as error:
        raise LibraryError(
            f"{shown} (from {origin}) is not a usable libdeepseek_ocr: {error}. "
            f"Point {LIBRARY_ENV} at libdeepseek_ocr {OCR_VERSION_MAJOR}.x, or reinstall the package."
        ) from error


class _DlInfo(ctypes.Structure):
    _fields_ = [("dli_fname", ctypes.c_char_p), ("dli_fbase", ctypes.c_void_p),
                ("dli_sname", ctypes.c_char_p), ("dli_saddr", ctypes.c_void_p)]


def _file_of(cdll: ctypes.CDLL) -> Optional[str]:
    """The file a library was loaded from, which a fresh copy after fork needs: a library found on the system path
    is loaded by its bare name (libdeepseek_ocr.so.1)."""
    if os.sep in cdll._name or sys.platform == "win32":
        return None
    try:
        dladdr = ctypes.CDLL(None).dladdr
        dladdr.argtypes = [ctypes.c_void_p, ctypes.POINTER(_DlInfo)]
        info = _DlInfo()
        if dladdr(ctypes.cast(cdll["ocr_version"], ctypes.c_void_p), ctypes.byref(info)) and info.dli_fname:
            return os.fsdecode(info.dli_fname)
    except (AttributeError, OSError):
        pass
    return None


def _check_version(cdll: ctypes.CDLL, path: str, origin: str) -> None:
    try:
        ocr_version = cdll["ocr_version"]  # a function object of its own, not the one NativeLibrary binds
    except AttributeError as error:
        raise LibraryError(
            f"{path} (from {origin}) is not a usable libdeepseek_ocr: {error}. "
            f"Point {LIBRARY_ENV} at libdeepseek_ocr {OCR_VERSION_MAJOR}.x, or reinstall the package."
        ) from error
    ocr_version.argtypes = []
    ocr_version.restype = ctypes.c_char_p
    version = (ocr_version() or b"").decode("utf-8", "replace")
    if not _is_compatible(version):
        raise LibraryError(
            f"{path} (from {origin}) is libdeepseek_ocr {version or '(no version)'}, but this package "
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
