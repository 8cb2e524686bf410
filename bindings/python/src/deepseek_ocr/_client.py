"""Client: one native ocr_client shared by every thread that uses it."""

from __future__ import annotations

import ctypes
import threading
from typing import Any, Callable, Iterable, Optional, Sequence, Tuple

from ._ctypes import POINTER, NativeLibrary, Status, ocr_client_options, ocr_client_p, ocr_result
from ._document import Document, DocumentSource, recognise_on_callers_thread
from ._document import prepare as prepare_document
from ._errors import InvalidArgumentError
from ._fork import PerProcess
from ._loader import library
from ._many import OcrMany, ProgressCallback
from ._native import CancelToken, check, run_interruptibly, take_result
from ._pickling import Secret, client_settings, redacted_key, restore_client, reveal
from ._request import ImageSource, JsonArgument, PreparedRequest
from ._stream import Stream
from ._types import OcrResult

_INT32_MAX = 2**31 - 1


class _NativeClient:
    """The client's ocr_client in one process, and the calls running on it there. A forked child starts with a new
    one: the parent's handle lives in the parent's runtime, and the parent's calls (and threads) are not in the
    child."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.native: Optional[NativeLibrary] = None
        self.handle: Optional[int] = None
        self.active_calls = 0


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


class Client:
    """A connection to a DeepSeek-OCR service.

    Every argument left as None takes the library's default: ``base_url`` from $DEEPSEEK_OCR_BASE_URL (else
    https://api.codingplanx.ai), ``api_key`` from $DEEPSEEK_OCR_API_KEY, model "deepseek-ocr", timeouts of
    600 s (whole request), 10 s (connect) and 60 s (longest silence while streaming), and 2 retries.

    Use it as a context manager or call :meth:`close`. One client may be shared by any number of threads. A client
    made before fork() works in the child too: there it makes its own native client, with the same options, on
    first use.

    A client pickles as its arguments (for multiprocessing, Dask, Spark, Ray) and makes a new native client in the
    process that unpickles it; arguments left None take that process's defaults and environment. The API key
    travels inside the pickle unless ``pickle_api_key=False``: then the other process reads its own
    $DEEPSEEK_OCR_API_KEY. repr() never shows the key.
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
        self._options = {
            "base_url": _utf8("base_url", base_url),
            "api_key": Secret(_utf8("api_key", api_key)),
            "model": _utf8("model", model),
            "timeout_ms": _milliseconds("timeout", timeout),
            "connect_timeout_ms": _milliseconds("connect_timeout", connect_timeout),
            "idle_timeout_ms": _milliseconds("idle_timeout", idle_timeout),
            "max_retries": _retries(max_retries),
            "allow_insecure_http": 1 if allow_insecure_http else 0,
            "max_image_bytes": _image_bytes(max_image_bytes),
        }
        self._here: PerProcess[_NativeClient] = PerProcess(lambda _parent: _NativeClient())
        # Made now, so that bad options fail here; a forked child makes its own on first use.
        state = self._here.get()
        with state.lock:
            self._open_locked(state)

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def __del__(self) -> None:
        # A client dropped without close() must not leak its connection pool; __init__ may also have failed.
        here = getattr(self, "_here", None)
        state = here.current() if here is not None else None
        if state is not None and state.handle is not None:
            self.close()

    def __repr__(self) -> str:
        state = "closed" if self._closed else "open"
        key = redacted_key(self._settings["api_key"])
        return f"<deepseek_ocr.Client base_url={self._base_url!r}{key} {state}>"

    def __reduce__(self) -> Any:
        # A client travels to another process (multiprocessing, Dask, Spark, Ray) as its settings and makes its own
        # native client there: the handle belongs to this process. With pickle_api_key=False the key stays here and
        # the other process reads $DEEPSEEK_OCR_API_KEY.
        return (restore_client, (client_settings(self._settings, self._pickle_api_key),))

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def _native(self) -> NativeLibrary:
        """This process's library, for preparing requests."""
        return library()

    def close(self) -> None:
        """Releases the client. Calls already running on other threads finish first: the last of them frees it.
        New calls raise. Closing twice is harmless. In a forked child it releases only the child's client."""
        self._closed = True
        state = self._here.current()
        if state is None:
            return
        with state.lock:
            if state.active_calls == 0:
                _free_locked(state)

    def ocr(
        self,
        image: ImageSource,
        *,
        prompt: Optional[str] = None,
        mode: Optional[str] = None,
        locate_text: Optional[str] = None,
        image_size: Optional[Tuple[int, int]] = None,
        max_tokens: Optional[int] = None,
        temperature: Optional[float] = None,
        top_p: Optional[float] = None,
        response_format: Optional[JsonArgument] = None,
        tools: Optional[JsonArgument] = None,
        extra_body: Optional[JsonArgument] = None,
        more_images: Optional[Sequence[ImageSource]] = None,
    ) -> OcrResult:
        """Recognises one image and returns the whole answer.

        ``image`` is a path (str or os.PathLike), the image's bytes, or an http://, https:// or data: URL.
        ``mode`` names one of DeepSeek-OCR's official prompts: "free" (the default), "markdown", "ocr", "figure",
        "describe" or "locate" (with ``locate_text``, the text to find); a ``prompt`` wins over the mode's. The
        grounding modes (markdown, ocr, locate) fill ``result.regions``; ``image_size`` (width, height) gives pixel
        boxes for an image URL (a file or bytes are measured from their header).
        ``response_format``, ``tools`` and ``extra_body`` are JSON: Python data, or a str of JSON text.
        ``more_images`` (images as ``image``) are sent after it in the same request, which the service answers
        with one text, pages split by ``<--- Page Split --->`` (pixel boxes are then unknown).
        Raises an :class:`OcrError` subclass on failure; KeyboardInterrupt stops the request at once.
        """
        request = PreparedRequest(
            self._native, image, prompt=prompt, mode=mode, locate_text=locate_text, image_size=image_size,
            max_tokens=max_tokens, temperature=temperature, top_p=top_p,
            response_format=response_format, tools=tools, extra_body=extra_body, more_images=more_images,
        )
        call = self._begin_call()
        try:
            return run_interruptibly(lambda: self._ocr_image(call, request), call.token)
        finally:
            call.end()

    def stream(
        self,
        image: ImageSource,
        *,
        prompt: Optional[str] = None,
        mode: Optional[str] = None,
        locate_text: Optional[str] = None,
        image_size: Optional[Tuple[int, int]] = None,
        max_tokens: Optional[int] = None,
        temperature: Optional[float] = None,
        top_p: Optional[float] = None,
        response_format: Optional[JsonArgument] = None,
        tools: Optional[JsonArgument] = None,
        extra_body: Optional[JsonArgument] = None,
        more_images: Optional[Sequence[ImageSource]] = None,
    ) -> Stream:
        """Recognises one image, yielding the text piece by piece as the server sends it.

        The returned :class:`Stream` is an iterator of str and a context manager; once exhausted, ``.result``
        holds the whole :class:`OcrResult`. Breaking out of the loop or closing it stops the request promptly.
        The request starts at the first ``next()`` (or ``with``). Arguments are those of :meth:`ocr`.
        """
        request = PreparedRequest(
            self._native, image, prompt=prompt, mode=mode, locate_text=locate_text, image_size=image_size,
            max_tokens=max_tokens, temperature=temperature, top_p=top_p,
            response_format=response_format, tools=tools, extra_body=extra_body, more_images=more_images,
        )
        self._ensure_open()
        return Stream(self, request)

    def ocr_many(
        self,
        images: Iterable[ImageSource],
        *,
        concurrency: int = 16,
        ordered: bool = True,
        progress: Optional[ProgressCallback] = None,
        **request_options: Any,
    ) -> OcrMany:
        """Recognises many images with up to ``concurrency`` (1 to 1024) requests in flight, driven from the
        calling thread, and yields one value per image: its :class:`OcrResult`, or the exception that image failed
        with, which does not stop the others.

        ``ordered=True`` yields the values in the order of ``images``; ``ordered=False`` yields
        ``(index, result_or_exception)`` pairs as the images end. ``images`` is any iterable of what :meth:`ocr`
        takes (paths, bytes, URLs); it is read as room frees up, never all at once. ``progress(done, total)`` is
        called after each image ends (``total`` is None for an iterable without len()). ``request_options`` are
        the keyword arguments of :meth:`ocr`, the same for every image. Breaking out of the loop (or ``close()``,
        or leaving its ``with`` block) cancels what is in flight. See :class:`OcrMany`.

            for path, result in zip(paths, client.ocr_many(paths, concurrency=32)):
                if isinstance(result, Exception):
                    print(path, "failed:", result)
                else:
                    print(path, result.text)
        """
        self._ensure_open()
        return OcrMany(
            self, images, concurrency=concurrency, ordered=ordered, progress=progress, options=request_options
        )

    def ocr_document(
        self,
        document: DocumentSource,
        *,
        mode: Optional[str] = "markdown",
        dpi: int = 144,
        pages: Optional[Iterable[int]] = None,
        concurrency: int = 4,
        crop_figures: bool = False,
        name: Optional[str] = None,
        progress: Optional[Callable[[int, int], Any]] = None,
        **request_options: Any,
    ) -> Document:
        """Recognises the pages of a PDF and returns a :class:`Document`, its pages in the order asked for.

        ``document`` is a path to a PDF or its bytes. Each page is rendered at ``dpi`` (36 to 600; 144 as
        DeepSeek-OCR's own pipeline) and sent as a PNG image with ``mode``'s prompt ("markdown" by default, which
        gives labelled regions in pixels of the rendered page), ``concurrency`` pages (1 to 64) in flight. ``pages``
        picks 1-based page numbers (e.g. ``[1, 3]`` or ``range(1, 4)``); None: every page. ``crop_figures=True``
        cuts each page's image regions into ``page.figures`` as PNG files named ``NAME_PAGE_N.png`` (``name``,
        else the file's name less extension, or "document"), which the page's Markdown links as
        ``images/NAME_PAGE_N.png``. ``progress(done, total)`` is called on this thread after each page ends; an
        exception from it stops the document and is raised here. ``request_options`` are the other keyword
        arguments of :meth:`ocr` (prompt, max_tokens, temperature, ...), the same for every page.

        A page that fails does not fail the call: it has ``page.error`` (the exception :meth:`ocr` would have
        raised) and ``document.failed`` lists it. The call raises only when the PDF cannot be opened
        (:class:`ImageError`), a page number is out of range (:class:`InvalidArgumentError`), it is cancelled
        (KeyboardInterrupt stops it at once), or Poppler, which renders the pages, is not installed
        (:class:`UnavailableError`, naming the package).
        """
        request, prepared = prepare_document(
            self._native, document, mode=mode, dpi=dpi, pages=pages, concurrency=concurrency,
            crop_figures=crop_figures, name=name, request_options=request_options,
        )
        call = self._begin_call()
        try:
            return recognise_on_callers_thread(call, request, prepared, progress)
        finally:
            call.end()

    @staticmethod
    def _ocr_image(call: ClientCall, request: PreparedRequest) -> OcrResult:
        native = call.native
        request.struct.cancel = call.token.handle
        out = POINTER(ocr_result)()
        check(native, native.ocr_image(call.handle, ctypes.byref(request.struct), ctypes.byref(out)))
        return take_result(native, out)

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


def _utf8(name: str, value: Optional[str]) -> Optional[bytes]:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str or None, not {type(value).__name__}")
    if "\0" in value:
        raise InvalidArgumentError(f"{name} contains a NUL character", Status.E_INVALID_ARGUMENT)
    return value.encode("utf-8")


def _milliseconds(name: str, seconds: Optional[float]) -> int:
    # The library takes milliseconds and reads 0 as "default", so a Python 0 (or less) is refused here rather
    # than quietly becoming the default.
    if seconds is None:
        return 0
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise TypeError(f"{name} must be a number of seconds or None, not {type(seconds).__name__}")
    if not 0 < seconds <= _INT32_MAX / 1000:
        raise InvalidArgumentError(
            f"{name} must be a positive number of seconds up to {_INT32_MAX // 1000}, got {seconds}",
            Status.E_INVALID_ARGUMENT,
        )
    return max(1, round(seconds * 1000))


def _retries(value: Optional[int]) -> int:
    if value is None:
        return -1  # the header's "default"
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_retries must be an int or None, not {type(value).__name__}")
    # Only what the C field would misread: a negative number (-1 means "the default" there) or one past 32 bits.
    # The library checks the range and says it.
    if not 0 <= value <= _INT32_MAX:
        raise InvalidArgumentError(f"max_retries must be 0 or more (None: the default), got {value}", Status.E_INVALID_ARGUMENT)
    return value


def _image_bytes(value: Optional[int]) -> int:
    if value is None:
        return 0  # the header's "default" (20 MiB)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_image_bytes must be an int or None, not {type(value).__name__}")
    if not 0 < value < 2**63:
        raise InvalidArgumentError(f"max_image_bytes must be positive, got {value}", Status.E_INVALID_ARGUMENT)
    return value
