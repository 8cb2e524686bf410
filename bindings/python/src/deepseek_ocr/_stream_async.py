"""AsyncStream: the iterator that AsyncClient.stream() returns, its native call on a worker thread."""

from __future__ import annotations

from functools import partial
from typing import Any, Callable, Optional

from ._base_client import BaseClient
from ._loop import Handover, WorkerIterator
from ._native import CancelToken
from ._request import PreparedRequest
from ._stream_worker import final_result, run_stream
from ._types import OcrResult


class AsyncStream(WorkerIterator[str]):
    """The asyncio twin of :class:`Stream`."""

    VALUE_KIND = "delta"
    END_KIND = "done"
    THREAD_NAME = "deepseek_ocr-async-stream"

    def __init__(self, client: BaseClient, request: PreparedRequest) -> None:
        self._client = client
        self._request: Optional[PreparedRequest] = request
        self._token: Optional[CancelToken] = None
        self._result: Optional[OcrResult] = None
        self._error: Optional[BaseException] = None
        super().__init__()

    async def __aenter__(self) -> "AsyncStream":
        self._start()
        return self

    @property
    def result(self) -> OcrResult:
        """The whole answer, once the iteration has ended; raises the stream's error if it failed."""
        return final_result(self._result, self._error)

    async def aclose(self) -> None:
        """Stops the request if it is still running and waits (without blocking the loop) for it to end."""
        await super().aclose()

    def _worker(self, hand_over: Callable[[Handover], bool], on_exit: Callable[[], None]) -> Callable[[], None]:
        request, self._request = self._request, None
        assert request is not None
        call = self._client._begin_call()
        self._token = call.token
        return partial(run_stream, call, request, hand_over, on_exit)

    def _cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()

    def _ended(self, value: Any, error: Optional[BaseException]) -> None:
        self._result, self._error = value, error
