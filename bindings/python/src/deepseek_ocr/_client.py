"""Client: one native ocr_client shared by every thread that uses it; native calls wait on the calling thread."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional

from ._base_client import BaseClient
from ._call import recognise_image
from ._document import Document, DocumentSource, recognise_on_callers_thread
from ._document import prepare as prepare_document
from ._many import OcrMany, ProgressCallback
from ._native import run_interruptibly
from ._request import ImageSource, with_option_keywords
from ._stream import Stream
from ._types import OcrResult

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ._request import RequestOptions


class Client(BaseClient):
    """A connection to a DeepSeek-OCR service.

    Every argument left as None takes the library's default: ``base_url`` from $DEEPSEEK_OCR_BASE_URL (else
    https://api.codingplanx.ai), ``api_key`` from $DEEPSEEK_OCR_API_KEY, model "deepseek-ocr", timeouts of
    600 s (whole request), 10 s (connect) and 60 s (longest silence while streaming), and 2 retries.

    Use it as a context manager or call :meth:`close`. One client may be shared by any number of threads. A client
    made before fork() works in the child too: there it makes its own native client, with the same options, on
    first use.

    A client pickles as its arguments (for multiprocessing, Dask, Spark, Ray) and makes a new native client in the
    process that unpickles it; arguments left None take that process's defaults and environment. The API key
    travels inside the pickle unless ``pickle_api_key=False``: then the other process reads its own
    $DEEPSEEK_OCR_API_KEY. repr() never shows the key.
    """

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def close(self) -> None:
        """Releases the client. Calls already running on other threads finish first: the last of them frees it.
        New calls raise. Closing twice is harmless. In a forked child it releases only the child's client."""
        self._release()

    @with_option_keywords
    def ocr(self, image: ImageSource, **options: Unpack[RequestOptions]) -> OcrResult:
        """Recognises one image and returns the whole answer.

        ``image`` is a path (str or os.PathLike), the image's bytes, or an http://, https:// or data: URL.
        ``mode`` names one of DeepSeek-OCR's official prompts: "free" (the default), "markdown", "ocr", "figure",
        "describe" or "locate" (with ``locate_text``, the text to find); a ``prompt`` wins over the mode's. The
        grounding modes (markdown, ocr, locate) fill ``result.regions``; ``image_size`` (width, height) gives pixel
        boxes for an image URL (a file or bytes are measured from their header).
        ``response_format``, ``tools`` and ``extra_body`` are JSON: Python data, or a str of JSON text.
        ``more_images`` (images as ``image``) are sent after it in the same request, which the service answers
        with one text, pages split by ``<--- Page Split --->`` (pixel boxes are then unknown).
        The options (:class:`RequestOptions`) are prompt, mode, locate_text, image_size, max_tokens, temperature,
        top_p, response_format, tools, extra_body and more_images; each left out (or None) takes the default.
        Raises an :class:`OcrError` subclass on failure; KeyboardInterrupt stops the request at once.
        """
        request = self._prepare(image, options, "ocr")
        call = self._begin_call()
        try:
            return run_interruptibly(lambda: recognise_image(call, request), call.token)
        finally:
            call.end()

    @with_option_keywords
    def stream(self, image: ImageSource, **options: Unpack[RequestOptions]) -> Stream:
        """Recognises one image, yielding the text piece by piece as the server sends it.

        The returned :class:`Stream` is an iterator of str and a context manager; once exhausted, ``.result``
        holds the whole :class:`OcrResult`. Breaking out of the loop or closing it stops the request promptly.
        The request starts at the first ``next()`` (or ``with``). Arguments are those of :meth:`ocr`.
        """
        request = self._prepare(image, options, "stream")
        self._ensure_open()
        return Stream(self, request)

    def ocr_many(
        self,
        images: Iterable[ImageSource],
        *,
        concurrency: int = 16,
        ordered: bool = True,
        progress: Optional[ProgressCallback] = None,
        **request_options: Any,
    ) -> OcrMany:
        """Recognises many images with up to ``concurrency`` (1 to 1024) requests in flight, driven from the
        calling thread, and yields one value per image: its :class:`OcrResult`, or the exception that image failed
        with, which does not stop the others.

        ``ordered=True`` yields the values in the order of ``images``; ``ordered=False`` yields
        ``(index, result_or_exception)`` pairs as the images end. ``images`` is any iterable of what :meth:`ocr`
        takes (paths, bytes, URLs); it is read as room frees up, never all at once. ``progress(done, total)`` is
        called after each image ends (``total`` is None for an iterable without len()). ``request_options`` are
        the keyword arguments of :meth:`ocr`, the same for every image. Breaking out of the loop (or ``close()``,
        or leaving its ``with`` block) cancels what is in flight. See :class:`OcrMany`.

            for path, result in zip(paths, client.ocr_many(paths, concurrency=32)):
                if isinstance(result, Exception):
                    print(path, "failed:", result)
                else:
                    print(path, result.text)
        """
        self._ensure_open()
        return OcrMany(
            self, images, concurrency=concurrency, ordered=ordered, progress=progress, options=request_options
        )

    def ocr_document(
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
        """Recognises the pages of a PDF and returns a :class:`Document`, its pages in the order asked for.

        ``document`` is a path to a PDF or its bytes. Each page is rendered at ``dpi`` (36 to 600; 144 as
        DeepSeek-OCR's own pipeline) and sent as a PNG image with ``mode``'s prompt ("markdown" by default, which
        gives labelled regions in pixels of the rendered page), ``concurrency`` pages (1 to 64) in flight. ``pages``
        picks 1-based page numbers (e.g. ``[1, 3]`` or ``range(1, 4)``); None: every page. ``crop_figures=True``
        cuts each page's image regions into ``page.figures`` as PNG files named ``NAME_PAGE_N.png`` (``name``,
        else the file's name less extension, or "document"), which the page's Markdown links as
        ``images/NAME_PAGE_N.png``. ``progress(done, total)`` is called on this thread after each page ends; an
        exception from it stops the document and is raised here. ``request_options`` are the other keyword
        arguments of :meth:`ocr` (prompt, max_tokens, temperature, ...), the same for every page.

        A page that fails does not fail the call: it has ``page.error`` (the exception :meth:`ocr` would have
        raised) and ``document.failed`` lists it. The call raises only when the PDF cannot be opened
        (:class:`ImageError`), a page number is out of range (:class:`InvalidArgumentError`), it is cancelled
        (KeyboardInterrupt stops it at once), or Poppler, which renders the pages, is not installed
        (:class:`UnavailableError`, naming the package).
        """
        request, prepared = prepare_document(
            self._native, document, mode=mode, dpi=dpi, pages=pages, concurrency=concurrency,
            crop_figures=crop_figures, name=name, request_options=request_options,
        )
        call = self._begin_call()
        try:
            return recognise_on_callers_thread(call, request, prepared, progress)
        finally:
            call.end()

