"""One native call on a client: what the clients hand to the code that makes the call (Stream, OcrMany, documents)."""

from __future__ import annotations

import ctypes
from typing import Callable

from ._ctypes import POINTER, NativeLibrary, ocr_result
from ._native import CancelToken, check, take_result
from ._request import PreparedRequest
from ._types import OcrResult


class ClientCall:
    """One native call on a client: the library and client handle to use, and the call's cancel token. ``end()``
    (exactly once, when the native call has returned) frees the token and lets close() free the client."""

    def __init__(self, native: NativeLibrary, handle: int, token: CancelToken, ending: Callable[[], None]) -> None:
        self.native = native
        self.handle = handle
        self.token = token
        self._ending = ending

    def end(self) -> None:
        self.token.free()
        self._ending()


def recognise_image(call: ClientCall, request: PreparedRequest) -> OcrResult:
    """The native ocr_image call on the calling thread, cancelled by the call's token."""
    native = call.native
    request.struct.cancel = call.token.handle
    out = POINTER(ocr_result)()
    check(native, native.ocr_image(call.handle, ctypes.byref(request.struct), ctypes.byref(out)))
    return take_result(native, out)
