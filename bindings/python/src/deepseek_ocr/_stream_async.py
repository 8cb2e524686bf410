"""AsyncStream: the iterator that AsyncClient.stream() returns, its native call on a worker thread."""

from __future__ import annotations

import asyncio
import threading
from typing import Any, AsyncIterator, Optional

from ._base_client import BaseClient
from ._loop import call_soon, settle
from ._native import CancelToken
from ._request import PreparedRequest
from ._stream_worker import Event, final_result, run_stream
from ._types import OcrResult


class AsyncStream(AsyncIterator[str]):
    """The asyncio twin of :class:`Stream`."""

    def __init__(self, client: BaseClient, request: PreparedRequest) -> None:
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
            return call_soon(loop, lambda: events.put_nowait(event))

        def on_exit() -> None:
            call_soon(loop, lambda: settle(worker_done, None, None))

        threading.Thread(
            target=run_stream,
            args=(call, request, emit, on_exit),
            name="deepseek_ocr-async-stream",
            daemon=True,
        ).start()
