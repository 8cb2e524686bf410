"""AsyncOcrMany: AsyncClient.ocr_many(), an OcrMany driven by a worker thread and handed over to the event loop."""

from __future__ import annotations

import asyncio
import threading
from functools import partial
from typing import Any, Callable, Optional

from ._async_source import AsyncSource
from ._loop import Handover, WorkerIterator
from ._many import OcrMany

# How often a worker waiting for the consumer to take a value looks whether it was closed.
_POLL_SECONDS = 0.1


class AsyncOcrMany(WorkerIterator[Any]):
    """The asyncio twin of :class:`OcrMany`, with the same values in the same order: ``async for`` it, ideally in
    ``async with`` (or ``await aclose()``), which also waits for the requests to stop.

    A worker thread drives the run (the event loop never waits on the library) and hands each value over to the
    loop. It runs at most ``concurrency`` values ahead of the consumer, then waits: a slow consumer does not make
    results pile up. Breaking out of the loop, cancelling the consuming task or dropping it cancels the requests
    in flight."""

    VALUE_KIND = "item"
    END_KIND = "end"
    THREAD_NAME = "deepseek_ocr-many"

    def __init__(self, many: OcrMany, ahead: int, source: Optional[AsyncSource] = None) -> None:
        self._many = many
        self._source = source  # the images, when they are an async iterable
        self._room = threading.Semaphore(ahead)  # values the worker may hand over before the consumer takes one
        self._stop = threading.Event()
        super().__init__()

    async def __aenter__(self) -> "AsyncOcrMany":
        return self

    def __repr__(self) -> str:
        return repr(self._many).replace("deepseek_ocr.OcrMany", "deepseek_ocr.AsyncOcrMany", 1)

    def cancel(self) -> None:
        """Stops the run from any thread; see :meth:`OcrMany.cancel`."""
        self._stop.set()
        self._many.cancel()

    async def aclose(self) -> None:
        """Cancels what is in flight and waits (without blocking the loop) for the requests to stop."""
        await super().aclose()

    def _worker(self, hand_over: Callable[[Handover], bool], on_exit: Callable[[], None]) -> Callable[[], None]:
        # ("item", value) for each value of the OcrMany, then ("end", None) or ("error", exception of the whole run);
        # the worker closes the run itself.
        if self._source is not None:
            self._source.bind(asyncio.get_running_loop(), self._stop)
        return partial(_drive, self._many, hand_over, self._room, self._stop, on_exit)

    def _cancel(self) -> None:
        self.cancel()

    def _taken(self) -> None:
        self._room.release()

    def _never_started(self) -> None:
        self._many.close()  # nothing runs


def _drive(
    many: OcrMany,
    hand_over: Callable[[Handover], bool],
    room: threading.Semaphore,
    stop: threading.Event,
    on_exit: Callable[[], None],
) -> None:
    try:
        while True:
            if not _wait_for_room(room, stop):
                return
            try:
                value = next(many)
            except StopIteration:
                hand_over(("end", None))
                return
            if stop.is_set() or not hand_over(("item", value)):
                return
    except BaseException as error:  # the run failed as a whole: the consumer raises it
        hand_over(("error", error))
    finally:
        many.close()
        on_exit()


def _wait_for_room(room: threading.Semaphore, stop: threading.Event) -> bool:
    while not room.acquire(timeout=_POLL_SECONDS):
        if stop.is_set():
            return False
    return not stop.is_set()
