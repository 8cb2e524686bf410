"""AsyncClient: the same calls for asyncio, each native call on its own thread so that the event loop never waits on
the network."""

from __future__ import annotations

import collections.abc
from typing import TYPE_CHECKING, Any, AsyncIterable, Callable, Iterable, Optional, Union, cast

from ._async_source import AsyncSource
from ._base_client import BaseClient
from ._call import recognise_image
from ._document import Document, DocumentSource
from ._document import prepare as prepare_document
from ._document_async import recognise_async
from ._loop import on_worker_thread
from ._many import OcrMany, ProgressCallback
from ._many_async import AsyncOcrMany
from ._request import ImageSource, with_option_keywords
from ._stream_async import AsyncStream
from ._types import OcrResult

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ._request import RequestOptions


class AsyncClient(BaseClient):
    """The asyncio twin of :class:`Client`: ``await client.ocr(...)`` and ``async for delta in
    client.stream(...)``. Arguments and defaults are those of :class:`Client`. Cancelling the awaiting task
    cancels the request."""

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.close()

    async def close(self) -> None:
        """Releases the client; calls still running finish first (see :meth:`Client.close`)."""
        self._release()

    @with_option_keywords
    async def ocr(self, image: ImageSource, **options: Unpack[RequestOptions]) -> OcrResult:
        """Recognises one image; see :meth:`Client.ocr`."""
        request = self._prepare(image, options, "ocr")
        call = self._begin_call()
        return await on_worker_thread(call, lambda: recognise_image(call, request), "deepseek_ocr-async-call")

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
        request, prepared = prepare_document(
            self._native, document, mode=mode, dpi=dpi, pages=pages, concurrency=concurrency,
            crop_figures=crop_figures, name=name, request_options=request_options,
        )
        return await recognise_async(self._begin_call(), request, prepared, progress)

    def ocr_many(
        self,
        images: Union[Iterable[ImageSource], AsyncIterable[ImageSource]],
        *,
        concurrency: int = 16,
        ordered: bool = True,
        progress: Optional[ProgressCallback] = None,
        **request_options: Any,
    ) -> AsyncOcrMany:
        """Recognises many images with up to ``concurrency`` in flight; ``async for`` the values, which are those
        of :meth:`Client.ocr_many` (in order, or ``(index, value)`` pairs with ``ordered=False``). ``images`` is
        an iterable, read on a worker thread, or an async iterable (an async generator, say), awaited on the event
        loop as the run needs more; either is read about ``concurrency`` ahead. ``progress`` runs on the worker
        thread."""
        self._ensure_open()
        source = AsyncSource(images) if isinstance(images, collections.abc.AsyncIterable) else None
        readable = source if source is not None else cast(Iterable[ImageSource], images)
        many = OcrMany(
            self, readable, concurrency=concurrency, ordered=ordered, progress=progress, options=request_options
        )
        return AsyncOcrMany(many, ahead=concurrency, source=source)

    @with_option_keywords
    def stream(self, image: ImageSource, **options: Unpack[RequestOptions]) -> AsyncStream:
        """Recognises one image piece by piece; see :meth:`Client.stream`. Use ``async for`` (and ideally
        ``async with`` or ``await stream.aclose()``, which also wait for the request to stop)."""
        request = self._prepare(image, options, "stream")
        self._ensure_open()
        return AsyncStream(self, request)
