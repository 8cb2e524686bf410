"""OCR a folder of documents across a Dask cluster into one Markdown file per document.

A document is a PDF (each page rendered by the library and recognised), a folder of page images (the pages in name
order) or a lone image. Pages go out in batches: each task recognises its batch with one deepseek_ocr.Client
(ocr_many for images, ocr_document(pages=[...]) for PDF pages) and returns the pages' Markdown; this process joins
each document's pages with "\\n<--- Page Split --->\\n" into OUTPUT/NAME.md. A worker that dies mid-task has its task
run again elsewhere, and pages are kept by (document, page number), so each page is in the output exactly once.

    python dask_ocr.py scans/ markdown/ --workers 4 --base-url http://127.0.0.1:8000
    python dask_ocr.py scans/ markdown/ --scheduler tcp://10.0.0.5:8786

The client travels to the workers as its settings (a deepseek_ocr.Client pickles so) and each worker process makes
its own native client. The API key then travels inside each task; --key-from-env leaves it out, and the workers read
their own $DEEPSEEK_OCR_API_KEY instead (the better choice on a shared cluster).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

import deepseek_ocr

#: DeepSeek-OCR's own separator between the pages of a document.
PAGE_SPLIT = "\n<--- Page Split --->\n"
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".bmp"}
MARKDOWN_PROMPT = "<image>\nConvert the document to markdown."


@dataclass(frozen=True)
class PageRef:
    """One page to recognise: its document, its 1-based number there, and where it comes from (an image file, or
    a page of a PDF)."""

    document: str
    number: int
    image: Optional[str] = None
    pdf: Optional[str] = None


@dataclass(frozen=True)
class PageText:
    """What a task returns per page: the Markdown, or why the page failed; for a PDF, how many pages it has."""

    document: str
    number: int
    markdown: str
    error: Optional[str] = None
    pdf_page_count: int = 0


@dataclass(frozen=True)
class Document:
    name: str
    images: Tuple[str, ...] = ()
    pdf: Optional[str] = None


def find_documents(folder: Path) -> List[Document]:
    """The documents in folder: each PDF, each folder of images, each lone image."""
    documents = []
    for entry in sorted(folder.iterdir()):
        if entry.is_dir():
            images = tuple(str(path) for path in sorted(entry.iterdir()) if path.suffix.lower() in IMAGE_SUFFIXES)
            if images:
                documents.append(Document(entry.name, images=images))
        elif entry.suffix.lower() == ".pdf":
            documents.append(Document(entry.stem, pdf=str(entry)))
        elif entry.suffix.lower() in IMAGE_SUFFIXES:
            documents.append(Document(entry.stem, images=(str(entry),)))
    return documents


def recognise_pages(client: deepseek_ocr.Client, pages: Sequence[PageRef], concurrency: int) -> List[PageText]:
    """The task: recognises a batch of pages on a worker. `client` arrives unpickled, as a new native client."""
    texts: List[PageText] = []
    images = [page for page in pages if page.image is not None]
    for page, value in zip(images, client.ocr_many([page.image for page in images], concurrency=concurrency,
                                                   prompt=MARKDOWN_PROMPT)):
        if isinstance(value, Exception):
            texts.append(PageText(page.document, page.number, "", error=str(value)))
        else:
            texts.append(PageText(page.document, page.number, value.text))
    by_pdf: Dict[str, List[PageRef]] = {}
    for page in pages:
        if page.pdf is not None:
            by_pdf.setdefault(page.pdf, []).append(page)
    for pdf, pdf_pages in by_pdf.items():
        try:
            document = client.ocr_document(pdf, pages=[page.number for page in pdf_pages], concurrency=concurrency)
        except deepseek_ocr.OcrError as error:  # the PDF cannot be opened or rendered: each page says why
            texts.extend(PageText(page.document, page.number, "", error=str(error)) for page in pdf_pages)
            continue
        for ref, page in zip(pdf_pages, document.pages):
            error = str(page.error) if page.error is not None else None
            texts.append(PageText(ref.document, ref.number, page.markdown, error, document.pdf_page_count))
    return texts


def batches(pages: Sequence[PageRef], size: int) -> Iterator[List[PageRef]]:
    for start in range(0, len(pages), size):
        yield list(pages[start:start + size])


def ocr_folder(
    dask_client,
    ocr_client: deepseek_ocr.Client,
    folder: Path,
    output: Path,
    *,
    batch: int = 8,
    concurrency: int = 8,
    timeout: float = 3600.0,
) -> Dict[str, List[PageText]]:
    """Recognises every document of folder on the cluster of dask_client and writes output/NAME.md for each.
    Returns each document's pages in order. Raises TimeoutError when the whole run takes longer than timeout."""
    from distributed import wait

    deadline = time.monotonic() + timeout
    documents = find_documents(folder)
    pages: Dict[str, Dict[int, PageText]] = {document.name: {} for document in documents}
    pdf_sizes: Dict[str, int] = {}

    def submit(refs: List[PageRef]):
        # pure=False: a batch retried after a worker died is the same task, not a cached result.
        return dask_client.submit(recognise_pages, ocr_client, refs, concurrency, pure=False)

    image_pages = [PageRef(document.name, number, image=image)
                   for document in documents for number, image in enumerate(document.images, 1)]
    pending = {submit(refs) for refs in batches(image_pages, batch)}
    # A PDF's page count comes back with its first page; the other pages are asked for then.
    pending |= {submit([PageRef(document.name, 1, pdf=document.pdf)]) for document in documents if document.pdf}
    while pending:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"the OCR of {folder} took longer than {timeout} s")
        done, pending = wait(pending, timeout=remaining, return_when="FIRST_COMPLETED")
        for future in done:
            for text in future.result(timeout=max(1.0, deadline - time.monotonic())):
                pages[text.document][text.number] = text
                if text.pdf_page_count and text.document not in pdf_sizes:
                    pdf_sizes[text.document] = text.pdf_page_count
                    pdf = next(document.pdf for document in documents if document.name == text.document)
                    rest = [PageRef(text.document, number, pdf=pdf) for number in range(2, text.pdf_page_count + 1)]
                    pending |= {submit(refs) for refs in batches(rest, batch)}

    output.mkdir(parents=True, exist_ok=True)
    ordered = {name: [found[number] for number in sorted(found)] for name, found in pages.items()}
    for name, texts in ordered.items():
        (output / f"{name}.md").write_text(PAGE_SPLIT.join(_page_markdown(text) for text in texts), encoding="utf-8")
    return ordered


def _page_markdown(text: PageText) -> str:
    return text.markdown if text.error is None else f"<!-- page {text.number} failed: {text.error} -->"


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", type=Path, help="the folder of PDFs, page-image folders and images")
    parser.add_argument("output", type=Path, help="where NAME.md is written per document")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler; default: a LocalCluster")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster process workers (default: 2)")
    parser.add_argument("--batch", type=int, default=8, help="pages per task (default: 8)")
    parser.add_argument("--concurrency", type=int, default=8, help="pages in flight per task (default: 8)")
    parser.add_argument("--base-url", help="the OCR service (default: $DEEPSEEK_OCR_BASE_URL)")
    parser.add_argument("--key-from-env", action="store_true",
                        help="do not send the API key with the tasks: workers read $DEEPSEEK_OCR_API_KEY")
    arguments = parser.parse_args(argv)

    from distributed import Client as DaskClient, LocalCluster

    ocr_client = deepseek_ocr.Client(arguments.base_url, pickle_api_key=not arguments.key_from_env)
    if arguments.scheduler:
        cluster = None
        dask_client = DaskClient(arguments.scheduler)
    else:
        cluster = LocalCluster(n_workers=arguments.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        dask_client = DaskClient(cluster)
    try:
        documents = ocr_folder(dask_client, ocr_client, arguments.input, arguments.output, batch=arguments.batch,
                               concurrency=arguments.concurrency)
    finally:
        dask_client.close()
        if cluster is not None:
            cluster.close()
    failed = [(name, text) for name, texts in documents.items() for text in texts if text.error is not None]
    for name, text in failed:
        print(f"{name} page {text.number}: {text.error}", file=sys.stderr)
    print(f"{len(documents)} documents, {sum(map(len, documents.values()))} pages, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
