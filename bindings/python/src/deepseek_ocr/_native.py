"""Calls into the library with its conventions: a status to check, a per-thread last error, owned pointers."""

from __future__ import annotations

import ctypes
import threading
from typing import Any, Callable, Optional

from ._ctypes import NativeLibrary, Status, ocr_cancel_token_p, ocr_result
from ._errors import error_for_status
from ._loader import library
from ._types import OcrResult


def check(native: NativeLibrary, status: int) -> None:
    """Raises the exception for a failed call. Must run on the thread that made the call, right after it:
    ocr_last_error() is per thread and valid only until that thread's next ocr_* call."""
    if status != Status.OK:
        message = (native.ocr_last_error() or b"").decode("utf-8", "replace")
        raise error_for_status(status, message)


def take_result(native: NativeLibrary, pointer: "ctypes._Pointer[ocr_result]") -> OcrResult:
    """Copies a library-owned result into Python and frees it."""
    try:
        return OcrResult._from_native(pointer.contents)
    finally:
        native.ocr_result_free(pointer)


class CancelToken:
    """An ocr_cancel_token that may be cancelled from any thread, also while (or after) it is being freed."""

    def __init__(self) -> None:
        self._native = library()
        self._lock = threading.Lock()
        self._cancelled = False
        handle = ocr_cancel_token_p()
        check(self._native, self._native.ocr_cancel_token_new(ctypes.byref(handle)))
        self._handle: Optional[int] = handle.value

    @property
    def handle(self) -> Optional[int]:
        return self._handle

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._handle is not None:
                self._native.ocr_cancel_token_cancel(self._handle)

    def free(self) -> None:
        """Frees the token; only once the call that uses it has returned (the header's rule)."""
        with self._lock:
            handle, self._handle = self._handle, None
            if handle is not None:
                self._native.ocr_cancel_token_free(handle)


def run_interruptibly(call: Callable[[], Any], token: CancelToken) -> Any:
    """Runs a blocking native call so that Ctrl-C still works.

    Python delivers KeyboardInterrupt only to the main thread, and only between bytecodes, never inside a foreign
    call. So on the main thread the call runs on a worker while this thread waits in short slices; on
    KeyboardInterrupt (or any other exception here) the token is cancelled, the worker is joined (the library
    returns within about 100 ms of a cancel) and the interrupt goes on. Other threads call directly.
    """
    if threading.current_thread() is not threading.main_thread():
        return call()

    outcome: dict = {}

    def work() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed to the waiting thread, which raises it
            outcome["error"] = error

    worker = threading.Thread(target=work, name="deepseek_ocr-call", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
    except BaseException:
        token.cancel()
        _join_uninterrupted(worker)
        raise
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def _join_uninterrupted(worker: threading.Thread) -> None:
    # A second Ctrl-C while waiting for the cancelled call must not leave it running on a freed client.
    while worker.is_alive():
        try:
            worker.join(0.1)
        except KeyboardInterrupt:
            continue
