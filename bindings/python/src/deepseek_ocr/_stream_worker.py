"""The thread that runs one native ocr_stream call and hands what it produces to a consumer."""

from __future__ import annotations

import codecs
import ctypes
from typing import Any, Callable, Optional, Tuple

from ._call import ClientCall
from ._ctypes import POINTER, ocr_result, ocr_stream_callback
from ._native import check, take_result
from ._request import PreparedRequest
from ._types import OcrResult

#: ("delta", str), then either ("done", OcrResult) or ("error", BaseException); nothing follows those two.
Event = Tuple[str, Any]

#: Delivers one event to the consumer; returns False once the consumer is gone, which stops the stream.
Emit = Callable[[Event], bool]


def final_result(result: Optional[OcrResult], error: Optional[BaseException]) -> OcrResult:
    """What a stream's ``.result`` gives: the whole answer, the stream's error raised, or a misuse reported."""
    if result is not None:
        return result
    if error is not None:
        raise error
    raise RuntimeError("the stream has not ended: iterate it to the end before reading .result")


def run_stream(
    call: ClientCall,
    request: PreparedRequest,
    emit: Emit,
    on_exit: Optional[Callable[[], None]] = None,
) -> None:
    """Runs ocr_stream to its end, then ends the call and runs on_exit. It must not refer to the consumer's Stream
    object, so that dropping the Stream is seen (its finaliser cancels the token) while this still runs."""
    native, token = call.native, call.token
    # Deltas are whole UTF-8 per the header; an incremental decoder keeps a character split across two deltas
    # intact all the same.
    decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def on_delta(delta: int, length: int, _user_data: Any) -> int:
        # Runs inside the native call: an exception must not escape into C, so any failure stops the stream.
        try:
            if token.cancelled:
                return 1
            text = decoder.decode(ctypes.string_at(delta, length))
            return 0 if not text or emit(("delta", text)) else 1
        except BaseException:
            return 1

    # Referenced by this frame for as long as the native call can invoke it.
    callback = ocr_stream_callback(on_delta)
    out = POINTER(ocr_result)()
    try:
        request.struct.cancel = token.handle
        status = native.ocr_stream(call.handle, ctypes.byref(request.struct), callback, None, ctypes.byref(out))
        check(native, status)
        result = take_result(native, out)
        tail = decoder.decode(b"", final=True)
        if tail:
            emit(("delta", tail))
        emit(("done", result))
    except BaseException as error:
        emit(("error", error))
    finally:
        call.end()
        if on_exit is not None:
            on_exit()
