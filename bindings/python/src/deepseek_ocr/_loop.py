"""Handing what a worker thread produced over to an asyncio event loop (the async clients, streams and runs)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any, AsyncIterator, Callable, Optional, Tuple, TypeVar

from ._call import ClientCall

_T = TypeVar("_T")


def call_soon(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> bool:
    """Schedules callback on the loop from a worker thread; False if the loop has already closed."""
    try:
        loop.call_soon_threadsafe(callback)
        return True
    except RuntimeError:
        return False


def settle(future: "asyncio.Future[Any]", result: Any, error: Optional[BaseException]) -> None:
    """Completes future on the loop's thread. The awaiting task may have been cancelled, which cancels the future:
    then there is no one to tell."""
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


async def on_worker_thread(call: ClientCall, work: Callable[[], _T], name: str) -> _T:
    """Runs work, the native call of call, on a worker thread of its own, which then ends call, and awaits its
    result or error. Cancelling the awaiting task cancels call's token: the worker then ends within about 100 ms,
    freeing the token and ending the client call itself."""
    loop = asyncio.get_running_loop()
    future: "asyncio.Future[_T]" = loop.create_future()

    def run() -> None:
        result: Optional[_T] = None
        failure: Optional[BaseException] = None
        try:
            result = work()
        except BaseException as error:
            failure = error
        finally:
            call.end()
        call_soon(loop, lambda: settle(future, result, failure))

    threading.Thread(target=run, name=name, daemon=True).start()
    try:
        return await future
    except asyncio.CancelledError:
        call.token.cancel()
        raise


#: What a worker thread hands over: (kind, value), the kinds named by the WorkerIterator that reads them.
Handover = Tuple[str, Any]

_Self = TypeVar("_Self", bound="WorkerIterator[Any]")


class WorkerIterator(AsyncIterator[_T]):
    """An async iterator over what a worker thread hands over to the event loop: ``(VALUE_KIND, value)`` for each
    value, then ``(END_KIND, value)`` or ``("error", exception)``. The worker starts at the first ``__anext__``
    (or where a subclass calls ``_start``). Subclasses say what the worker runs (``_worker``), how to stop it
    (``_cancel``) and what the end leaves behind (``_ended``)."""

    VALUE_KIND = "value"
    END_KIND = "end"
    THREAD_NAME = "deepseek_ocr-worker"

    def __init__(self) -> None:
        self._handovers: "Optional[asyncio.Queue[Handover]]" = None
        self._worker_done: "Optional[asyncio.Future[None]]" = None
        self._finished = False

    def __aiter__(self: _Self) -> _Self:
        return self

    async def __anext__(self) -> _T:
        if self._finished:
            raise StopAsyncIteration
        self._start()
        assert self._handovers is not None
        try:
            kind, value = await self._handovers.get()
        except BaseException:
            await self.aclose()
            raise
        self._taken()
        if kind == self.VALUE_KIND:
            return value
        self._finished = True
        if kind == self.END_KIND:
            self._ended(value, None)
            raise StopAsyncIteration
        self._ended(None, value)
        raise value

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.aclose()

    def __del__(self) -> None:
        # `async for` does not close an iterator it breaks out of; dropping it must still stop the worker, which then
        # ends on its own.
        if not getattr(self, "_finished", True):
            self._cancel()

    async def aclose(self) -> None:
        """Stops the worker if it is still running and waits (without blocking the loop) for it to end."""
        self._finished = True
        self._cancel()
        if self._worker_done is not None:
            await asyncio.shield(self._worker_done)
        else:
            self._never_started()

    def _start(self) -> None:
        if self._handovers is not None or self._finished:
            return
        loop = asyncio.get_running_loop()
        handovers: "asyncio.Queue[Handover]" = asyncio.Queue()
        worker_done: "asyncio.Future[None]" = loop.create_future()

        # Neither closure holds this object, so that dropping it is seen (and its finalizer stops the worker).
        def hand_over(handover: Handover) -> bool:
            return call_soon(loop, lambda: handovers.put_nowait(handover))

        def on_exit() -> None:
            call_soon(loop, lambda: settle(worker_done, None, None))

        work = self._worker(hand_over, on_exit)
        self._handovers, self._worker_done = handovers, worker_done
        threading.Thread(target=work, name=self.THREAD_NAME, daemon=True).start()

    def _worker(self, hand_over: Callable[[Handover], bool], on_exit: Callable[[], None]) -> Callable[[], None]:
        """What the worker thread runs: it hands each value over (False once the loop is gone, which stops it) and
        calls on_exit last. It must not hold this object."""
        raise NotImplementedError

    def _cancel(self) -> None:
        """Stops the worker from any thread (it then ends on its own)."""
        raise NotImplementedError

    def _taken(self) -> None:
        """Called on the loop's thread after each handover is taken."""

    def _ended(self, value: Any, error: Optional[BaseException]) -> None:
        """Called once with the end's value, or the error that ended it."""

    def _never_started(self) -> None:
        """Called by aclose() when the worker never started."""
