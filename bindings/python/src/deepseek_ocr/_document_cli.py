"""The command line's documents: PDFs (and the images given with them, as one-page documents) recognised page by
page and written as DeepSeek-OCR's own PDF pipeline writes them: NAME.md, NAME.raw.md, NAME.regions.json and the
figures under images/."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import io
import json
import re
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union

from ._async import AsyncClient
from ._ctypes import Status
from ._document import Document, Figure, Page
from ._errors import OcrError
from ._progress import Progress
from ._request import is_url
from ._types import OcrResult, Region

#: How a PDF begins (ISO 32000: "%PDF-1.7"); readers accept it within the first 1024 bytes.
PDF_SIGNATURE = b"%PDF-"
#: The figure links of ocr_image's Markdown (GroundingParser: N counts the image regions from 0).
_IMAGE_LINK = re.compile(r"!\[\]\(images/(\d+)\.jpg\)")

#: A JSON list of numbers as json.dumps indents it, one number a line.
_NUMBER_LIST = re.compile(r"\[\s*(-?\d+(?:,\s*-?\d+)*)\s*\]")

Source = Union[str, bytes]


def is_pdf(source: Source) -> bool:
    """True for a PDF, told by its first bytes (a file that cannot be read: by a .pdf name, so that its error is
    the document's); URLs are images."""
    if isinstance(source, bytes):
        return PDF_SIGNATURE in source[:1024]
    if is_url(source):
        return False
    try:
        with open(source, "rb") as file:
            return PDF_SIGNATURE in file.read(1024)
    except OSError:
        return source.lower().endswith(".pdf")


def page_list(text: str) -> List[int]:
    """--pages: "1-3,5" is [1, 2, 3, 5], in the order written."""
    numbers: List[int] = []
    for part in text.split(","):
        first, dash, last = part.strip().partition("-")
        try:
            start = int(first)
            end = int(last) if dash else start
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected page numbers such as 1-3,5, got {text!r}") from None
        if start < 1 or end < start:
            raise argparse.ArgumentTypeError(f"expected page numbers from 1 and ranges low-high, got {part.strip()!r}")
        numbers.extend(range(start, end + 1))
    return numbers


async def run_documents(
    arguments: argparse.Namespace, sources: List[Source], names: List[str], program: str
) -> int:
    """Recognises every source as a document; returns the exit status (1 when an input or a page failed)."""
    show_progress = arguments.progress
    if show_progress is None:
        show_progress = sys.stderr.isatty()
    pdfs = [is_pdf(source) for source in sources]
    progress = Progress(0, sys.stderr, enabled=show_progress, unit="pages")
    for pdf in pdfs:
        if not pdf:
            progress.grow(1)
        elif arguments.pages is not None:
            progress.grow(len(arguments.pages))
        else:
            progress.unsized += 1

    async with AsyncClient(arguments.base_url, model=arguments.model, timeout=arguments.timeout) as client:
        job = _DocumentJob(client, arguments, names, progress, program)
        limit = asyncio.Semaphore(arguments.jobs)

        async def one(index: int) -> None:
            async with limit:
                await job.recognise(index, sources[index], pdfs[index])

        tasks = [asyncio.ensure_future(one(index)) for index in range(len(sources))]
        try:
            await asyncio.gather(*tasks)
        except BrokenPipeError:
            # Nobody reads the rest: stop the calls still running before the client closes under them.
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
    progress.finish()
    return 1 if job.failures else 0


class _DocumentJob:
    def __init__(self, client: AsyncClient, arguments: argparse.Namespace, names: List[str], progress: Progress,
                 program: str) -> None:
        self._client = client
        self._arguments = arguments
        self._names = names
        self._progress = progress
        self._program = program
        # A document run asks in markdown mode, as DeepSeek-OCR's PDF pipeline, unless told otherwise.
        self._mode: Optional[str] = arguments.mode
        if arguments.mode is None and arguments.prompt is None:
            self._mode = "markdown"
        self._request: Dict[str, Any] = {
            "prompt": arguments.prompt, "mode": self._mode, "locate_text": arguments.locate,
            "max_tokens": arguments.max_tokens,
        }
        self._ready: Dict[int, Optional[Union[str, List[Path]]]] = {}
        self._next_to_print = 0
        self.failures = 0

    async def recognise(self, index: int, source: Source, pdf: bool) -> None:
        output: Optional[Union[str, List[Path]]] = None
        try:
            if pdf:
                document = await self._pdf(index, source)
            else:
                document = await self._image(index, source)
            for page in document.failed:
                self.failures += 1
                self._progress.failed += 1
                self._say(f"{self._label(index)}: page {page.number}: {_one_line(str(page.error))}")
            if self._arguments.output_dir is not None:
                output = self._write(index, document)
            else:
                output = document.markdown if self._mode is not None else document.raw_text
        except (OcrError, OSError) as error:
            self.failures += 1
            message = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self._say(f"{self._label(index)}: {_one_line(message)}")
        self._ready[index] = output
        self._print_ready()

    async def _pdf(self, index: int, source: Source) -> Document:
        progress = self._progress
        expected = len(self._arguments.pages) if self._arguments.pages is not None else None
        seen = {"done": 0}

        def report(done: int, total: int) -> None:
            nonlocal expected
            if expected is None:
                expected = total
                progress.unsized -= 1
                progress.grow(total)
            while seen["done"] < done:
                seen["done"] += 1
                progress.advance(ok=True)

        try:
            return await self._client.ocr_document(
                source, dpi=self._arguments.dpi, pages=self._arguments.pages, concurrency=self._arguments.concurrency,
                crop_figures=True, name=self._names[index], progress=report, **self._request,
            )
        except BaseException:
            # The pages that will not end leave the total.
            if expected is None:
                progress.unsized -= 1
            else:
                progress.grow(seen["done"] - expected)
            raise

    async def _image(self, index: int, source: Source) -> Document:
        try:
            result = await self._client.ocr(source, **self._request)
        except BaseException:
            self._progress.advance(ok=False)
            raise
        self._progress.advance(ok=True)
        page = _image_page(result, source, self._names[index])
        return Document(pages=(page,), markdown=page.markdown, raw_text=page.raw_text, pdf_page_count=1)

    def _write(self, index: int, document: Document) -> List[Path]:
        directory: Path = self._arguments.output_dir
        name = self._names[index]
        markdown = directory / f"{name}.md"
        raw = directory / f"{name}.raw.md"
        regions = directory / f"{name}.regions.json"
        markdown.write_text(_with_newline(document.markdown), encoding="utf-8")
        raw.write_text(_with_newline(document.raw_text), encoding="utf-8")
        report = {
            "source": self._label(index),
            "pdf_page_count": document.pdf_page_count,
            "pages": [_page_report(page) for page in document.pages],
        }
        regions.write_text(_json_text(report), encoding="utf-8")
        written = [markdown, raw, regions]
        for page in document.pages:
            for figure in page.figures:
                path = directory / "images" / figure.name
                path.parent.mkdir(exist_ok=True)
                path.write_bytes(figure.png)
                written.append(path)
        return written

    def _print_ready(self) -> None:
        # Documents end in any order with --jobs; stdout gets them in the order they were given.
        several = len(self._names) > 1
        while self._next_to_print in self._ready:
            output = self._ready.pop(self._next_to_print)
            if isinstance(output, list):
                sys.stdout.write("".join(f"{path}\n" for path in output))
            elif output is not None:
                if several:
                    sys.stdout.write(f"<!-- {self._label(self._next_to_print)} -->\n")
                sys.stdout.write(_with_newline(output))
            sys.stdout.flush()
            self._next_to_print += 1

    def _label(self, index: int) -> str:
        return self._arguments.images[index]

    def _say(self, line: str) -> None:
        self._progress.message(f"{self._program}: error: {line}")


def _image_page(result: OcrResult, source: Source, name: str) -> Page:
    """An image as page 1 of a document: its figures cropped (with Pillow, when installed) and linked the way
    ocr_document links a page's figures, images/NAME_1_N.png."""
    width, height = result.image_size or (0, 0)
    crops = _crop_figures(result, source)
    figures: List[Figure] = []

    def link(match: "re.Match[str]") -> str:
        number = int(match.group(1))
        if number not in crops:
            return ""  # nothing to link to: the figure was not cropped
        region_index, png = crops[number]
        figure = Figure(f"{name}_1_{number}.png", png, result.regions[region_index], region_index)
        figures.append(figure)
        return f"![](images/{figure.name})"

    markdown = _IMAGE_LINK.sub(link, result.markdown)
    page_result = dataclasses.replace(result, markdown=markdown)
    return Page(number=1, width=width, height=height, result=page_result, error=None, figures=tuple(figures))


def _crop_figures(result: OcrResult, source: Source) -> Dict[int, Tuple[int, bytes]]:
    """The image regions of result cut from the source image as PNG, by their number among the image regions."""
    images = [(index, region) for index, region in enumerate(result.regions) if region.label == "image"]
    if not images or not result.image_size:
        return {}
    try:
        from PIL import Image  # optional: only images given beside PDFs need it, for their figures
    except ImportError:
        return {}
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    crops: Dict[int, Tuple[int, bytes]] = {}
    with Image.open(io.BytesIO(data)) as picture:
        for number, (index, region) in enumerate(images):
            if not region.boxes:
                continue
            out = io.BytesIO()
            picture.crop(region.boxes[0]).save(out, format="PNG")
            crops[number] = (index, out.getvalue())
    return crops


def _page_report(page: Page) -> Dict[str, Any]:
    status = page.error.status if page.error is not None else Status.OK
    figures = {figure.region_index: figure.name for figure in page.figures}
    return {
        "number": page.number,
        "width": page.width,
        "height": page.height,
        "status": f"OCR_{status.name}" if isinstance(status, Status) else f"OCR_STATUS_{status}",
        "error": str(page.error) if page.error is not None else None,
        "regions": [_region_report(index, region, figures.get(index)) for index, region in enumerate(page.regions)],
    }


def _region_report(index: int, region: Region, figure: Optional[str]) -> Dict[str, Any]:
    report: Dict[str, Any] = {
        "index": index,
        "label": region.label,
        "text": region.text,
        "boxes": [list(box) for box in region.boxes],
        "boxes_normalized": [list(box) for box in region.boxes_normalized],
    }
    if figure is not None:
        report["figure"] = f"images/{figure}"
    return report


def _json_text(report: Dict[str, Any]) -> str:
    """Indented JSON with each box on one line: [x1, y1, x2, y2]."""
    text = json.dumps(report, ensure_ascii=False, indent=2)
    return _NUMBER_LIST.sub(lambda match: "[" + ", ".join(match.group(1).replace(",", " ").split()) + "]", text) + "\n"


def _with_newline(text: str) -> str:
    return text if text.endswith("\n") or not text else text + "\n"


def _one_line(message: str) -> str:
    return " ".join(message.split())

