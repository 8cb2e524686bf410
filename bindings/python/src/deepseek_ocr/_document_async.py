"""AsyncClient.ocr_document: the native call on its own thread, progress reported on the event loop."""

from __future__ import annotations

import asyncio
from typing import Dict, Optional

from ._call import ClientCall
from ._document import Document, PreparedDocument, ProgressCallback, recognise
from ._loop import call_soon, on_worker_thread
from ._request import PreparedRequest


async def recognise_async(
    call: ClientCall, request: PreparedRequest, document: PreparedDocument, progress: Optional[ProgressCallback]
) -> Document:
    """Runs ocr_document for call (which the worker ends) on a worker thread. progress is called on the loop's
    thread, in order, before this returns; an exception from it cancels the document and is raised here. Cancelling
    the awaiting task cancels the document (the worker ends within about 100 ms, freeing the token and ending the
    client call itself)."""
    loop = asyncio.get_running_loop()
    future: "asyncio.Future[Document]" = loop.create_future()
    progress_failure: Dict[str, BaseException] = {}

    if progress is not None:
        report = progress

        def deliver(done: int, total: int) -> None:
            if progress_failure:
                return
            try:
                report(done, total)
            except BaseException as error:  # raised from the await below
                progress_failure["error"] = error
                call.token.cancel()

        document.report_to(lambda done, total: call_soon(loop, lambda: deliver(done, total)))

    try:
        outcome = await on_worker_thread(
            call, lambda: recognise(call, request, document), "deepseek_ocr-async-document"
        )
    except asyncio.CancelledError:
        raise
    except BaseException:
        if progress_failure:
            raise progress_failure["error"] from None
        raise
    if progress_failure:
        raise progress_failure["error"]
    return outcome
