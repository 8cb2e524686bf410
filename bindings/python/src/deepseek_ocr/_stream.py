"""Stream: the iterator that client.stream() returns."""

from __future__ import annotations

import queue
import threading
from typing import Any, Iterator, Optional

from ._base_client import BaseClient
from ._ctypes import Status
from ._errors import ForkedProcessError
from ._native import CancelToken
from ._request import PreparedRequest
from ._stream_worker import Event, final_result, run_stream
from ._types import OcrResult


class Stream(Iterator[str]):
    """The text of one image as it arrives: iterate it for str deltas; afterwards ``.result`` is the whole
    :class:`OcrResult`. Closing it, leaving its ``with`` block, breaking out of the loop or dropping it stops the
    request promptly. A failure is raised from the iteration as an :class:`OcrError` subclass."""

    def __init__(self, client: BaseClient, request: PreparedRequest) -> None:
        self._client = client
        self._request: Optional[PreparedRequest] = request
        self._events: "queue.SimpleQueue[Event]" = queue.SimpleQueue()
        self._token: Optional[CancelToken] = None
        self._worker: Optional[threading.Thread] = None
        self._finished = False
        self._result: Optional[OcrResult] = None
        self._error: Optional[BaseException] = None

    def __iter__(self) -> "Stream":
        return self

    def __next__(self) -> str:
        if self._finished:
            raise StopIteration
        self._start()
        try:
            kind, value = self._next_event()
        except BaseException:
            # KeyboardInterrupt while waiting: stop the request before the interrupt goes on.
            self.close()
            raise
        if kind == "delta":
            return value
        self._finished = True
        self._join()
        if kind == "done":
            self._result = value
            raise StopIteration
        self._error = value
        raise value

    def __enter__(self) -> "Stream":
        self._start()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()

    @property
    def result(self) -> OcrResult:
        """The whole answer, once the iteration has ended; raises the stream's error if it failed."""
        return final_result(self._result, self._error)

    def close(self) -> None:
        """Stops the request (if it is still running) and waits for the native call to return; idempotent."""
        if getattr(self, "_finished", True):
            return
        self._finished = True
        if self._token is not None:
            self._token.cancel()
        self._join()

    def _start(self) -> None:
        if self._worker is not None or self._finished:
            return
        request, self._request = self._request, None
        assert request is not None
        call = self._client._begin_call()
        self._token = call.token
        events = self._events

        def emit(event: Event) -> bool:
            events.put(event)
            return True

        self._worker = threading.Thread(
            target=run_stream,
            args=(call, request, emit),
            name="deepseek_ocr-stream",
            daemon=True,
        )
        self._worker.start()

    def _next_event(self) -> Event:
        # Waiting in slices keeps the main thread responsive to Ctrl-C on every platform.
        while True:
            try:
                return self._events.get(timeout=0.1)
            except queue.Empty:
                if self._worker is not None and not self._worker.is_alive():
                    return self._last_event()

    def _last_event(self) -> Event:
        # The worker puts its last event before it ends, so a worker gone with nothing queued never ran here: it was
        # a thread of the parent process, which fork() did not copy, and its request went on there.
        try:
            return self._events.get_nowait()
        except queue.Empty:
            return ("error", ForkedProcessError(
                "this stream was started before fork(), so its request belongs to the parent process; start a new "
                "stream in this process", Status.E_FORKED))

    def _join(self) -> None:
        worker = self._worker
        if worker is None or worker is threading.current_thread():
            return
        while worker.is_alive():
            try:
                worker.join(0.1)
            except KeyboardInterrupt:
                # The request is already cancelled and ends within about 100 ms; the client must outlive it.
                continue
