"""Documents: the pages of a PDF recognised by the library's ocr_document, and what it returns, copied into Python."""

from __future__ import annotations

import ctypes
import os
import queue
import threading
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple, Union

from ._ctypes import (
    POINTER,
    NativeLibrary,
    Status,
    c_int32,
    c_uint8,
    ocr_document_options,
    ocr_document_result,
    ocr_figure,
    ocr_page,
    ocr_progress_callback,
)
from ._call import ClientCall
from ._errors import InvalidArgumentError, OcrError, error_for_status
from ._native import CancelToken, check
from ._request import NO_IMAGE, PreparedRequest, is_url, option_names
from ._types import OcrResult, Region

#: What ``document`` may be: a path to a PDF file, or the PDF's bytes.
DocumentSource = Union[str, "os.PathLike[str]", "os.PathLike[bytes]", bytes, bytearray, memoryview]

#: Called as progress(done, total) after each page ends: how many of the pages asked for have ended, of how many.
ProgressCallback = Callable[[int, int], Any]

#: What joins the pages of Document.markdown and Document.raw_text: DeepSeek-OCR's own PDF script's separator.
PAGE_SPLIT = "\n<--- Page Split --->\n"

_INT32_MAX = 2**31 - 1


@dataclass(frozen=True)
class Figure:
    """An ``image`` region of a page, cropped from the rendered page (``crop_figures=True``)."""

    name: str
    """The file name the page's Markdown links it as, under images/: "NAME_PAGE_N.png" (N from 0 on each page)."""
    png: bytes
    """The PNG file."""
    region: Region
    """The region it was cut from (its first box)."""
    region_index: int
    """The region's index in the page's ``result.regions``."""


@dataclass(frozen=True)
class Page:
    """One page of a document: its number, the size it was rendered at, and its result or why it failed."""

    number: int
    """The page's 1-based number in the PDF."""
    width: int
    """The rendered page in pixels (the pixel boxes of the result's regions are in it); 0 if it was not rendered."""
    height: int
    result: Optional[OcrResult]
    """The page's answer, as :meth:`Client.ocr` returns it; None when the page failed."""
    error: Optional[OcrError]
    """Why the page failed (the exception :meth:`Client.ocr` would have raised), None when it did not."""
    figures: Tuple[Figure, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def markdown(self) -> str:
        """The page's clean Markdown ("" for a failed page), figures linked as images/NAME_PAGE_N.png."""
        return self.result.markdown if self.result is not None else ""

    @property
    def raw_text(self) -> str:
        """The page's text as the server sent it ("" for a failed page)."""
        return self.result.text if self.result is not None else ""

    @property
    def regions(self) -> Tuple[Region, ...]:
        return self.result.regions if self.result is not None else ()


@dataclass(frozen=True)
class Document:
    """A recognised PDF: its pages in the order asked for, each with its own result or error."""

    pages: Tuple[Page, ...]
    markdown: str
    """The pages' Markdown joined by "\\n<--- Page Split --->\\n" (a failed page adds "")."""
    raw_text: str
    """The pages' text as the server sent it, joined the same way."""
    pdf_page_count: int
    """How many pages the PDF has (all of them, not only those asked for)."""

    @property
    def failed(self) -> Tuple[Page, ...]:
        """The pages that failed; each has its ``error``."""
        return tuple(page for page in self.pages if page.error is not None)

    def __str__(self) -> str:
        return self.markdown


#: The keyword arguments of Client.ocr that ocr_document passes on for every page: not mode (a parameter of its
#: own), image_size (pages are measured as they are rendered) or more_images (the pages are the images).
REQUEST_OPTIONS = option_names("mode", "image_size", "more_images")


def prepare(
    native: NativeLibrary,
    document: DocumentSource,
    *,
    mode: Optional[str],
    dpi: Optional[int],
    pages: Optional[Iterable[int]],
    concurrency: Optional[int],
    crop_figures: bool,
    name: Optional[str],
    request_options: Dict[str, Any],
) -> Tuple[PreparedRequest, "PreparedDocument"]:
    """The ocr_request (no image: the pages are its images) and ocr_document_options of one ocr_document call."""
    unknown = sorted(set(request_options) - REQUEST_OPTIONS)
    if unknown:
        raise TypeError(f"ocr_document() got an unexpected keyword argument {unknown[0]!r}")
    request = PreparedRequest(native, NO_IMAGE, dict(request_options, mode=mode))
    prepared = PreparedDocument(native, document, dpi=dpi, pages=pages, concurrency=concurrency,
                                crop_figures=crop_figures, name=name)
    return request, prepared


class PreparedDocument:
    """An ocr_document_options plus the Python objects its pointers refer to; they live as long as this object."""

    def __init__(
        self,
        native: NativeLibrary,
        document: DocumentSource,
        *,
        dpi: Optional[int],
        pages: Optional[Iterable[int]],
        concurrency: Optional[int],
        crop_figures: bool,
        name: Optional[str],
    ) -> None:
        self._keep: List[Any] = []
        self.struct = ocr_document_options()
        native.ocr_document_options_init_size(ctypes.byref(self.struct), ctypes.sizeof(self.struct))
        self._set_source(document)
        self.struct.dpi = _whole("dpi", dpi)
        self.struct.concurrency = _whole("concurrency", concurrency)
        self.struct.crop_figures = 1 if crop_figures else 0
        if name is not None:
            if not isinstance(name, str):
                raise TypeError(f"name must be a str or None, not {type(name).__name__}")
            self.struct.name = self._keep_bytes("name", name.encode("utf-8"))
        if pages is not None:
            numbers = _page_numbers(pages)
            array = (c_int32 * len(numbers))(*numbers)
            self._keep.append(array)
            self.struct.pages = ctypes.cast(array, POINTER(c_int32))
            self.struct.page_count = len(numbers)
        self.reporter: Optional[_ProgressReporter] = None

    def report_to(self, sink: ProgressCallback) -> "_ProgressReporter":
        """Has the library call sink(done, total) after each page; an exception from it stops the document."""
        self.reporter = _ProgressReporter(sink)
        self.struct.progress = self.reporter.callback
        return self.reporter

    def _set_source(self, document: DocumentSource) -> None:
        if isinstance(document, str) and is_url(document):
            raise InvalidArgumentError(
                "document must be a PDF file or its bytes; a URL is not fetched", Status.E_INVALID_ARGUMENT
            )
        if isinstance(document, (str, os.PathLike)):
            path = os.fsencode(document)
            if not path:
                raise InvalidArgumentError("document is an empty path", Status.E_INVALID_ARGUMENT)
            self.struct.pdf_path = self._keep_bytes("document", path)
        elif isinstance(document, (bytes, bytearray, memoryview)):
            # As for images: bytes without a copy, a mutable buffer copied once.
            data = document if isinstance(document, bytes) else memoryview(document).tobytes()
            self._keep.append(data)
            self.struct.pdf_data = ctypes.cast(ctypes.c_char_p(data), POINTER(c_uint8))
            self.struct.pdf_size = len(data)
        else:
            raise TypeError(
                f"document must be a path (str or os.PathLike) or the PDF's bytes, not {type(document).__name__}"
            )

    def _keep_bytes(self, name: str, value: bytes) -> bytes:
        if b"\0" in value:
            raise InvalidArgumentError(f"{name} contains a NUL character", Status.E_INVALID_ARGUMENT)
        self._keep.append(value)
        return value


class _ProgressReporter:
    """The ocr_progress_callback given to the library. An exception raised by the sink cannot cross the C call: it
    is kept here, the callback returns nonzero (which stops the document with OCR_E_CANCELLED), and the caller
    raises it instead of that status."""

    def __init__(self, sink: ProgressCallback) -> None:
        self._sink = sink
        self.failure: Optional[BaseException] = None
        self.callback = ocr_progress_callback(self._called)  # referenced here for as long as the call runs

    def _called(self, done: int, total: int, _user_data: Any) -> int:
        if self.failure is not None:
            return 1
        try:
            self._sink(done, total)
            return 0
        except BaseException as error:  # raised by the caller once the library has returned
            self.failure = error
            return 1


def recognise(call: ClientCall, request: PreparedRequest, document: PreparedDocument) -> Document:
    """The native ocr_document call on the calling thread; the document is copied out and freed at once."""
    native = call.native
    request.struct.cancel = call.token.handle
    out = POINTER(ocr_document_result)()
    status = native.ocr_document(call.handle, ctypes.byref(request.struct), ctypes.byref(document.struct),
                                 ctypes.byref(out))
    reporter = document.reporter
    if reporter is not None and reporter.failure is not None:
        if status == Status.OK:
            native.ocr_document_result_free(out)
        raise reporter.failure
    check(native, status)
    try:
        return _document(out.contents)
    finally:
        native.ocr_document_result_free(out)


def recognise_on_callers_thread(
    call: ClientCall, request: PreparedRequest, document: PreparedDocument, progress: Optional[ProgressCallback]
) -> Document:
    """Runs ocr_document so that progress is called on this thread and Ctrl-C still works.

    On a thread other than the main one the library's own callback calls progress directly (the library calls it
    on the thread that called ocr_document). On the main thread the call runs on a worker, as run_interruptibly
    does, because Python raises KeyboardInterrupt only there and never inside a foreign call; this thread waits for
    the worker's progress reports in short slices and calls progress with each. An exception from progress (or a
    KeyboardInterrupt) cancels the document; the worker is joined (the library returns within about 100 ms) and the
    exception goes on.
    """
    if threading.current_thread() is not threading.main_thread():
        if progress is not None:
            document.report_to(progress)
        return recognise(call, request, document)

    reports: "queue.Queue[Tuple[int, int]]" = queue.Queue()
    if progress is not None:
        document.report_to(lambda done, total: reports.put((done, total)))
    outcome: dict = {}

    def work() -> None:
        try:
            outcome["value"] = recognise(call, request, document)
        except BaseException as error:  # handed to the waiting thread, which raises it
            outcome["error"] = error

    worker = threading.Thread(target=work, name="deepseek_ocr-document", daemon=True)
    worker.start()
    try:
        while worker.is_alive() or not reports.empty():
            try:
                done, total = reports.get(timeout=0.1)
            except queue.Empty:
                continue
            assert progress is not None
            progress(done, total)
    except BaseException:
        _cancel_and_join(call.token, worker)
        raise
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _cancel_and_join(token: CancelToken, worker: threading.Thread) -> None:
    token.cancel()
    # A second Ctrl-C while waiting for the cancelled call must not leave it running on a freed client.
    while worker.is_alive():
        try:
            worker.join(0.1)
        except KeyboardInterrupt:
            continue


def _document(native: ocr_document_result) -> Document:
    return Document(
        pages=tuple(_page(native.pages[index]) for index in range(native.page_count)),
        markdown=_decode(native.markdown),
        raw_text=_decode(native.raw_text),
        pdf_page_count=native.pdf_page_count,
    )


def _page(native: ocr_page) -> Page:
    result = OcrResult._from_native(native.result.contents) if native.result else None
    error = None
    if native.status != Status.OK:
        error = error_for_status(native.status, _decode(native.error))
    figures = tuple(_figure(native.figures[index], result) for index in range(native.figure_count))
    return Page(number=native.number, width=native.width, height=native.height, result=result, error=error,
                figures=figures)


def _figure(native: ocr_figure, result: Optional[OcrResult]) -> Figure:
    regions = result.regions if result is not None else ()
    index = native.region
    return Figure(
        name=_decode(native.file_name),
        png=ctypes.string_at(native.png, native.png_size) if native.png else b"",
        region=regions[index] if index < len(regions) else Region("image", "", (), ()),
        region_index=index,
    )


def _page_numbers(pages: Iterable[int]) -> List[int]:
    if isinstance(pages, (str, bytes)):
        raise TypeError("pages must be page numbers (e.g. [1, 3] or range(1, 4)), not a string")
    numbers = list(pages)
    for number in numbers:
        if isinstance(number, bool) or not isinstance(number, int):
            raise TypeError(f"pages must hold ints, not {type(number).__name__}")
        if not 1 <= number <= _INT32_MAX:
            raise InvalidArgumentError(f"page numbers start at 1, got {number}", Status.E_INVALID_ARGUMENT)
    if not numbers:
        raise InvalidArgumentError("pages is empty (None: every page)", Status.E_INVALID_ARGUMENT)
    return numbers


def _whole(name: str, value: Optional[int]) -> int:
    # 0 is the header's "default"; the library checks the range and names the field.
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int or None, not {type(value).__name__}")
    if not 0 < value <= _INT32_MAX:
        raise InvalidArgumentError(f"{name} must be 1 or more, got {value}", Status.E_INVALID_ARGUMENT)
    return value


def _decode(value: Optional[bytes]) -> str:
    return value.decode("utf-8", "replace") if value else ""
