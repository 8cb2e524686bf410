"""AsyncClient and AsyncStream: the same calls for asyncio, each native call on its own thread so that the event
loop never waits on the network."""

from __future__ import annotations

import asyncio
import threading
from typing import Any, AsyncIterator, Callable, Iterable, Optional, Sequence, Tuple

from ._client import Client
from ._document import Document, DocumentSource
from ._document import prepare as prepare_document
from ._document_async import recognise_async
from ._many import OcrMany, ProgressCallback
from ._many_async import AsyncOcrMany
from ._native import CancelToken
from ._pickling import client_settings, restore_async_client
from ._request import ImageSource, JsonArgument, PreparedRequest
from ._stream_worker import Event, final_result, run_stream
from ._types import OcrResult


class AsyncClient:
    """The asyncio twin of :class:`Client`: ``await client.ocr(...)`` and ``async for delta in
    client.stream(...)``. Arguments and defaults are those of :class:`Client`. Cancelling the awaiting task
    cancels the request."""

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
        # Creating a native client does no I/O, so it is done here, on the caller's thread.
        self._client = Client(
            base_url, api_key, model, timeout, connect_timeout, idle_timeout, max_retries,
            allow_insecure_http=allow_insecure_http, max_image_bytes=max_image_bytes, pickle_api_key=pickle_api_key,
        )

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.close()

    def __repr__(self) -> str:
        return repr(self._client).replace("deepseek_ocr.Client", "deepseek_ocr.AsyncClient", 1)

    def __reduce__(self) -> Any:
        # As a Client pickles (see Client.__reduce__).
        client = self._client
        return (restore_async_client, (client_settings(client._settings, client._pickle_api_key),))

    @property
    def closed(self) -> bool:
        return self._client.closed

    async def close(self) -> None:
        """Releases the client; calls still running finish first (see :meth:`Client.close`)."""
        self._client.close()

    async def ocr(
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
        """Recognises one image; see :meth:`Client.ocr`."""
        client = self._client
        request = PreparedRequest(
            client._native, image, prompt=prompt, mode=mode, locate_text=locate_text, image_size=image_size,
            max_tokens=max_tokens, temperature=temperature, top_p=top_p,
            response_format=response_format, tools=tools, extra_body=extra_body, more_images=more_images,
        )
        loop = asyncio.get_running_loop()
        future: "asyncio.Future[OcrResult]" = loop.create_future()
        call = client._begin_call()

        def work() -> None:
            result: Optional[OcrResult] = None
            failure: Optional[BaseException] = None
            try:
                result = client._ocr_image(call, request)
            except BaseException as error:
                failure = error
            finally:
                call.end()
            _call_soon(loop, lambda: _settle(future, result, failure))

        threading.Thread(target=work, name="deepseek_ocr-async-call", daemon=True).start()
        try:
            return await future
        except asyncio.CancelledError:
            # The worker frees the token and ends the client call itself, within about 100 ms of this.
            call.token.cancel()
            raise

    async def ocr_document(
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
        """Recognises the pages of a PDF; see :meth:`Client.ocr_document`. ``progress`` is called on the event
        loop's thread; cancelling the awaiting task cancels the document."""
        client = self._client
        request, prepared = prepare_document(
            client._native, document, mode=mode, dpi=dpi, pages=pages, concurrency=concurrency,
            crop_figures=crop_figures, name=name, request_options=request_options,
        )
        return await recognise_async(client, request, prepared, progress)

    def ocr_many(
        self,
        images: Iterable[ImageSource],
        *,
        concurrency: int = 16,
        ordered: bool = True,
        progress: Optional[ProgressCallback] = None,
        **request_options: Any,
    ) -> AsyncOcrMany:
        """Recognises many images with up to ``concurrency`` in flight; ``async for`` the values, which are those
        of :meth:`Client.ocr_many` (in order, or ``(index, value)`` pairs with ``ordered=False``). ``images`` is
        a plain iterable, read on a worker thread; ``progress`` runs on that thread too."""
        client = self._client
        client._ensure_open()
        many = OcrMany(
            client, images, concurrency=concurrency, ordered=ordered, progress=progress, options=request_options
        )
        return AsyncOcrMany(many, ahead=concurrency)

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
    ) -> "AsyncStream":
        """Recognises one image piece by piece; see :meth:`Client.stream`. Use ``async for`` (and ideally
        ``async with`` or ``await stream.aclose()``, which also wait for the request to stop)."""
        client = self._client
        request = PreparedRequest(
            client._native, image, prompt=prompt, mode=mode, locate_text=locate_text, image_size=image_size,
            max_tokens=max_tokens, temperature=temperature, top_p=top_p,
            response_format=response_format, tools=tools, extra_body=extra_body, more_images=more_images,
        )
        client._ensure_open()
        return AsyncStream(client, request)


class AsyncStream(AsyncIterator[str]):
    """The asyncio twin of :class:`Stream`."""

    def __init__(self, client: Client, request: PreparedRequest) -> None:
        self._client = client
        self._request: Optional[PreparedRequest] = request
        self._events: "Optional[asyncio.Queue[Event]]" = None
        self._token: Optional[CancelToken] = None
        self._worker_done: "Optional[asyncio.Future[None]]" = None
        self._finished = False
        self._result: Optional[OcrResult] = None
        self._error: Optional[BaseException] = None

    def __aiter__(self) -> "AsyncStream":
        return self

    async def __anext__(self) -> str:
        if self._finished:
            raise StopAsyncIteration
        self._start()
        assert self._events is not None
        try:
            kind, value = await self._events.get()
        except BaseException:
            await self.aclose()
            raise
        if kind == "delta":
            return value
        self._finished = True
        if kind == "done":
            self._result = value
            raise StopAsyncIteration
        self._error = value
        raise value

    async def __aenter__(self) -> "AsyncStream":
        self._start()
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.aclose()

    def __del__(self) -> None:
        # Breaking out of `async for` does not close an iterator object; dropping it must still stop the request.
        # The worker ends on its own once cancelled.
        token = getattr(self, "_token", None)
        if token is not None and not self._finished:
            token.cancel()

    @property
    def result(self) -> OcrResult:
        """The whole answer, once the iteration has ended; raises the stream's error if it failed."""
        return final_result(self._result, self._error)

    async def aclose(self) -> None:
        """Stops the request if it is still running and waits (without blocking the loop) for it to end."""
        self._finished = True
        if self._token is not None:
            self._token.cancel()
        if self._worker_done is not None:
            await asyncio.shield(self._worker_done)

    def _start(self) -> None:
        if self._token is not None or self._finished:
            return
        loop = asyncio.get_running_loop()
        request, self._request = self._request, None
        assert request is not None
        # The worker must not hold this stream (only its client), so that a stream dropped unfinished is collected
        # and its finalizer stops the request.
        client = self._client
        call = client._begin_call()
        self._token = call.token
        events: "asyncio.Queue[Event]" = asyncio.Queue()
        worker_done: "asyncio.Future[None]" = loop.create_future()
        self._events, self._worker_done = events, worker_done

        def emit(event: Event) -> bool:
            return _call_soon(loop, lambda: events.put_nowait(event))

        def on_exit() -> None:
            _call_soon(loop, lambda: _settle(worker_done, None, None))

        threading.Thread(
            target=run_stream,
            args=(call, request, emit, on_exit),
            name="deepseek_ocr-async-stream",
            daemon=True,
        ).start()


def _call_soon(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> bool:
    """Schedules callback on the loop from a worker thread; False if the loop has already closed."""
    try:
        loop.call_soon_threadsafe(callback)
        return True
    except RuntimeError:
        return False


def _settle(future: "asyncio.Future[Any]", result: Any, error: Optional[BaseException]) -> None:
    # The awaiting task may have been cancelled, which cancels the future: then there is no one to tell.
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)
