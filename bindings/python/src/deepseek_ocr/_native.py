"""Calls into the library with its conventions: a status to check, a per-thread last error, owned pointers."""

from __future__ import annotations

import ctypes
import threading
from typing import Any, Callable, Optional

from ._ctypes import NativeLibrary, Status, ocr_cancel_token_p, ocr_error_details, ocr_result
from ._errors import OcrError, error_for_status
from ._fork import generation
from ._loader import library
from ._types import OcrResult

# retry_after_ms is known to the library only if the struct_size it reports reaches past it.
_RETRY_AFTER_END = ocr_error_details.retry_after_ms.offset + ctypes.sizeof(ctypes.c_int64)


def check(native: NativeLibrary, status: int) -> None:
    """Raises the exception for a failed call. Must run on the thread that made the call, right after it: the
    last error is per thread and valid only until that thread's next ocr_* call."""
    if status != Status.OK:
        raise last_error(native, status)


def last_error(native: NativeLibrary, status: int) -> OcrError:
    """The exception for the calling thread's last failure, with the details the library keeps beside it."""
    details = ocr_error_details()
    if native.ocr_last_error_details_size(ctypes.byref(details), ctypes.sizeof(details)) != Status.OK:
        return error_for_status(status, _text(native.ocr_last_error()) or "")
    return error_from_details(status, details)


def error_from_details(status: int, details: ocr_error_details) -> OcrError:
    """The exception for a failure the library described in details (the last error, or an ocr_multi event's)."""
    error_object = {
        "message": _text(details.error_message),
        "type": _text(details.error_type),
        "param": _text(details.error_param),
        "code": _text(details.error_code),
    }
    known = details.struct_size >= _RETRY_AFTER_END and details.retry_after_ms >= 0
    return error_for_status(
        status,
        _text(details.message) or "",
        status_code=details.http_status or None,
        type=error_object["type"],
        code=error_object["code"],
        param=error_object["param"],
        body=error_object if any(value is not None for value in error_object.values()) else None,
        request_id=_text(details.request_id),
        retry_after=details.retry_after_ms / 1000.0 if known else None,
    )


def _text(value: Optional[bytes]) -> Optional[str]:
    return value.decode("utf-8", "replace") if value is not None else None


def take_result(native: NativeLibrary, pointer: "ctypes._Pointer[ocr_result]") -> OcrResult:
    """Copies a library-owned result into Python and frees it."""
    try:
        return OcrResult._from_native(pointer.contents)
    finally:
        native.ocr_result_free(pointer)


class CancelToken:
    """An ocr_cancel_token that may be cancelled from any thread, also while (or after) it is being freed.

    It belongs to the process that made it: in a forked child it is only marked cancelled, and its handle, which
    lives in the parent's runtime, is neither used nor freed there."""

    def __init__(self) -> None:
        self._native = library()
        self._generation = generation()
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
        if self._forgotten_in_fork_child():
            return
        with self._lock:
            self._cancelled = True
            if self._handle is not None:
                self._native.ocr_cancel_token_cancel(self._handle)

    def free(self) -> None:
        """Frees the token; only once the call that uses it has returned (the header's rule)."""
        if self._forgotten_in_fork_child():
            return
        with self._lock:
            handle, self._handle = self._handle, None
            if handle is not None:
                self._native.ocr_cancel_token_free(handle)

    def _forgotten_in_fork_child(self) -> bool:
        # Checked before taking the lock, which a thread of the parent may have held at fork().
        if self._generation == generation():
            return False
        self._cancelled = True
        self._handle = None
        return True


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
