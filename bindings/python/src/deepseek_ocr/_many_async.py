"""AsyncOcrMany: AsyncClient.ocr_many(), an OcrMany driven by a worker thread and handed over to the event loop."""

from __future__ import annotations

import asyncio
import threading
from typing import Any, AsyncIterator, Callable, Optional, Tuple

from ._loop import call_soon
from ._many import OcrMany

# ("item", value) for each value of the OcrMany, then ("end", None) or ("error", exception of the whole run).
_Handover = Tuple[str, Any]

# How often a worker waiting for the consumer to take a value looks whether it was closed.
_POLL_SECONDS = 0.1


class AsyncOcrMany(AsyncIterator[Any]):
    """The asyncio twin of :class:`OcrMany`, with the same values in the same order: ``async for`` it, ideally in
    ``async with`` (or ``await aclose()``), which also waits for the requests to stop.

    A worker thread drives the run (the event loop never waits on the library) and hands each value over to the
    loop. It runs at most ``concurrency`` values ahead of the consumer, then waits: a slow consumer does not make
    results pile up. Breaking out of the loop, cancelling the consuming task or dropping it cancels the requests
    in flight."""

    def __init__(self, many: OcrMany, ahead: int) -> None:
        self._many = many
        self._room = threading.Semaphore(ahead)  # values the worker may hand over before the consumer takes one
        self._stop = threading.Event()
        self._values: "Optional[asyncio.Queue[_Handover]]" = None
        self._worker_done: "Optional[asyncio.Future[None]]" = None
        self._finished = False

    def __aiter__(self) -> "AsyncOcrMany":
        return self

    async def __anext__(self) -> Any:
        if self._finished:
            raise StopAsyncIteration
        self._start()
        assert self._values is not None
        try:
            kind, value = await self._values.get()
        except BaseException:
            await self.aclose()
            raise
        self._room.release()
        if kind == "item":
            return value
        self._finished = True
        if kind == "end":
            raise StopAsyncIteration
        raise value

    async def __aenter__(self) -> "AsyncOcrMany":
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.aclose()

    def __del__(self) -> None:
        # `async for` does not close an iterator it breaks out of; dropping it must still stop the requests. The
        # worker then closes the run itself.
        if not getattr(self, "_finished", True):
            self._stop.set()
            self._many.cancel()

    def __repr__(self) -> str:
        return repr(self._many).replace("deepseek_ocr.OcrMany", "deepseek_ocr.AsyncOcrMany", 1)

    def cancel(self) -> None:
        """Stops the run from any thread; see :meth:`OcrMany.cancel`."""
        self._stop.set()
        self._many.cancel()

    async def aclose(self) -> None:
        """Cancels what is in flight and waits (without blocking the loop) for the requests to stop."""
        self._finished = True
        self.cancel()
        if self._worker_done is not None:
            await asyncio.shield(self._worker_done)
        else:
            self._many.close()  # never started: nothing runs

    def _start(self) -> None:
        if self._values is not None:
            return
        loop = asyncio.get_running_loop()
        values: "asyncio.Queue[_Handover]" = asyncio.Queue()
        worker_done: "asyncio.Future[None]" = loop.create_future()
        self._values, self._worker_done = values, worker_done

        def hand_over(value: _Handover) -> bool:
            return call_soon(loop, lambda: values.put_nowait(value))

        def on_exit() -> None:
            call_soon(loop, lambda: None if worker_done.done() else worker_done.set_result(None))

        # The worker holds the run and the handover, never this object, so that dropping this object is seen.
        threading.Thread(
            target=_drive,
            args=(self._many, hand_over, self._room, self._stop, on_exit),
            name="deepseek_ocr-many",
            daemon=True,
        ).start()


def _drive(
    many: OcrMany,
    hand_over: Callable[[_Handover], bool],
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
