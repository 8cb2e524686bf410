"""AsyncSource: an async iterable of images, read by the worker thread that drives AsyncClient.ocr_many()."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from typing import Any, AsyncIterable, AsyncIterator, Iterator, Optional

# How often a worker waiting for the next image looks whether the run was stopped or the loop closed.
_POLL_SECONDS = 0.1

_END = object()


class AsyncSource(Iterator[Any]):
    """A plain iterator over an async iterable, for the worker thread of an AsyncOcrMany: each ``next()`` awaits the
    iterable's next item on the event loop that consumes the run, so an async generator runs where it was written
    for. The run binds the loop when it starts (``bind``); ``next()`` ends the input early when the run is
    stopped or the loop has closed, so a worker never waits on a loop that will not answer."""

    def __init__(self, images: AsyncIterable[Any]) -> None:
        self._images: AsyncIterator[Any] = images.__aiter__()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._stop: Optional[threading.Event] = None

    def bind(self, loop: asyncio.AbstractEventLoop, stop: threading.Event) -> None:
        self._loop, self._stop = loop, stop

    def __next__(self) -> Any:
        loop, stop = self._loop, self._stop
        assert loop is not None and stop is not None, "the run binds the loop before it reads an image"
        if stop.is_set() or loop.is_closed():
            raise StopIteration
        try:
            future = asyncio.run_coroutine_threadsafe(self._next(), loop)
        except RuntimeError:  # the loop closed meanwhile
            raise StopIteration from None
        while True:
            try:
                item = future.result(timeout=_POLL_SECONDS)
            except concurrent.futures.TimeoutError:
                if stop.is_set() or loop.is_closed():
                    future.cancel()
                    raise StopIteration from None
                continue
            if item is _END:
                raise StopIteration
            return item

    async def _next(self) -> Any:
        try:
            return await self._images.__anext__()
        except StopAsyncIteration:  # a coroutine cannot hand StopAsyncIteration over as a result
            return _END
