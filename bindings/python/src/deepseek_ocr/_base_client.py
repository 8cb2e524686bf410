"""BaseClient: what Client and AsyncClient share (openai-python's _base_client.py is the model). Each of them adds
only how it waits."""

from __future__ import annotations

import ctypes
import threading
from typing import Any, Mapping, Optional

from ._call import ClientCall
from ._client_options import native_options
from ._ctypes import NativeLibrary, Status, ocr_client_options, ocr_client_p
from ._errors import InvalidArgumentError
from ._fork import PerProcess
from ._loader import library
from ._native import CancelToken, check
from ._pickling import Secret, client_settings, redacted_key, restore, reveal
from ._request import ImageSource, PreparedRequest, RequestOptions, check_keywords


class _NativeClient:
    """The client's ocr_client in one process, and the calls running on it there. A forked child starts with a new
    one: the parent's handle lives in the parent's runtime, and the parent's calls (and threads) are not in the
    child."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.native: Optional[NativeLibrary] = None
        self.handle: Optional[int] = None
        self.active_calls = 0


class BaseClient:
    """The settings of a client, its native ocr_client in each process and that client's lifetime, the preparation
    of requests, and pickling.

    The subclasses and the package's own callers (Stream, OcrMany, the document calls) use only this surface:

    - ``_prepare(image, options, caller)``: the keywords of ocr()/stream() checked and made into an ocr_request;
    - ``_begin_call()``: a :class:`ClientCall` on this process's native client, which close() cannot free until
      the caller ends it;
    - ``_ensure_open()``: raises if the client is closed (for calls that start later, as a stream's);
    - ``_native``: this process's library, for preparing what a call sends;
    - ``_release()``: what close() does, which each subclass exposes in its own way (sync or awaitable).
    """

    def __init__(
        self,
        base_url: Optional[str] = None,
        api_key: Optional[str] = None,
        model: Optional[str] = None,
        timeout: Optional[float] = None,
        connect_timeout: Optional[float] = None,
        idle_timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        *,
        allow_insecure_http: bool = False,
        max_image_bytes: Optional[int] = None,
        pickle_api_key: bool = True,
    ) -> None:
        self._closed = False
        self._base_url = base_url
        # What a pickled client carries (see __reduce__); the key is a Secret so that no repr() shows it.
        self._settings = {
            "base_url": base_url, "api_key": Secret(api_key), "model": model, "timeout": timeout,
            "connect_timeout": connect_timeout, "idle_timeout": idle_timeout, "max_retries": max_retries,
            "allow_insecure_http": allow_insecure_http, "max_image_bytes": max_image_bytes,
        }
        self._pickle_api_key = pickle_api_key
        # The options as ocr_client_options fields, checked here once; every process makes its client from them.
        self._options = native_options(**{name: reveal(value) for name, value in self._settings.items()})
        self._here: PerProcess[_NativeClient] = PerProcess(lambda _parent: _NativeClient())
        # Made now (creating a native client does no I/O), so that bad options fail here; a forked child makes its
        # own on first use.
        state = self._here.get()
        with state.lock:
            self._open_locked(state)

    def __del__(self) -> None:
        # A client dropped without close() must not leak its connection pool; __init__ may also have failed.
        here = getattr(self, "_here", None)
        state = here.current() if here is not None else None
        if state is not None and state.handle is not None:
            self._release()

    def __repr__(self) -> str:
        state = "closed" if self._closed else "open"
        key = redacted_key(self._settings["api_key"])
        return f"<deepseek_ocr.{type(self).__name__} base_url={self._base_url!r}{key} {state}>"

    def __reduce__(self) -> Any:
        # A client travels to another process (multiprocessing, Dask, Spark, Ray) as its settings and makes its own
        # native client there: the handle belongs to this process. With pickle_api_key=False the key stays here and
        # the other process reads $DEEPSEEK_OCR_API_KEY.
        return (restore, (type(self), client_settings(self._settings, self._pickle_api_key)))

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def _native(self) -> NativeLibrary:
        """This process's library, for preparing requests."""
        return library()

    def _release(self) -> None:
        """Releases the client. Calls already running on other threads finish first: the last of them frees it.
        New calls raise. Releasing twice is harmless. In a forked child it releases only the child's client."""
        self._closed = True
        state = self._here.current()
        if state is None:
            return
        with state.lock:
            if state.active_calls == 0:
                _free_locked(state)

    def _prepare(self, image: ImageSource, options: Mapping[str, Any], caller: str) -> PreparedRequest:
        check_keywords(f"{type(self).__name__}.{caller}", options)
        return PreparedRequest(self._native, image, options)

    def _begin_call(self) -> ClientCall:
        """Starts a native call: a new cancel token, and this process's native client (made here first in a forked
        child) marked in use so that close() cannot free it under the call. The caller ends it with call.end()."""
        state = self._here.get()
        token = CancelToken()
        try:
            with state.lock:
                self._ensure_open()
                if state.handle is None:
                    self._open_locked(state)
                assert state.native is not None and state.handle is not None
                state.active_calls += 1
                return ClientCall(state.native, state.handle, token, lambda: self._end_call(state))
        except BaseException:
            token.free()
            raise

    def _end_call(self, state: _NativeClient) -> None:
        with state.lock:
            state.active_calls -= 1
            if self._closed and state.active_calls == 0:
                _free_locked(state)

    def _ensure_open(self) -> None:
        if self._closed:
            raise InvalidArgumentError("the client is closed", Status.E_INVALID_ARGUMENT)

    def _open_locked(self, state: _NativeClient) -> None:
        native = library()
        options = ocr_client_options()
        native.ocr_client_options_init_size(ctypes.byref(options), ctypes.sizeof(options))
        for name, value in self._options.items():
            setattr(options, name, reveal(value))
        handle = ocr_client_p()
        check(native, native.ocr_client_new(ctypes.byref(options), ctypes.byref(handle)))
        state.native, state.handle = native, handle.value


def _free_locked(state: _NativeClient) -> None:
    handle, state.handle = state.handle, None
    if handle is not None and state.native is not None:
        state.native.ocr_client_free(handle)
