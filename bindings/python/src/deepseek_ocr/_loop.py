"""Handing what a worker thread produced over to an asyncio event loop (the async clients, streams and runs)."""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Optional


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
