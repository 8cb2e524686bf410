"""examples/dask_ocr.py on a distributed.LocalCluster of 2 process workers against the loopback server: 200 pages in
10 documents with one worker killed mid-run, every page still in the output exactly once and in order; and the pages
of a PDF spread over the workers and joined back in page order."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sys

import distributed  # Debian's python3-distributed, which build.sh installs
import pytest

from conftest import HERE, PACKAGE_ROOT, REPO_ROOT
from replies import Scenario, by_image, completion, error, png_bytes
from scripted_server import Exchange

SAMPLE_PDF = REPO_ROOT / "tests" / "samples" / "document.pdf"
sys.path.insert(0, str(PACKAGE_ROOT / "examples"))
import dask_ocr  # noqa: E402

# Debian's distributed 2022.12 with its tornado: the scheduler's own loop setup, nothing this test does.
pytestmark = pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")

DOCUMENTS, PAGES_PER_DOCUMENT = 10, 20
KILL_AT_REQUEST = 60
RUN_SECONDS = 180  # the whole run, worker restart included; it takes 3 to 10 s on 2 busy cores


class KillingReplies:
    """Answers "page W" for the PNG of width W (unique per page) after a short delay, so that the run lasts long
    enough to be interrupted, and SIGKILLs one worker process when the KILL_AT_REQUEST-th request arrives: code, for
    that side effect at an exact request; the answers themselves are data."""

    def __init__(self, victim: int, widths: range) -> None:
        self.victim = victim
        self.killed_at = None
        self.pages: Scenario = by_image(
            {png_bytes(width=width): {"delay_ms": 100, "then": completion(f"page {width}")} for width in widths},
            otherwise=error(500, "not a page of this test"))

    def __call__(self, exchange: Exchange) -> Scenario:
        number = exchange.request.number  # its place among the requests, counted under the server's lock
        if number == KILL_AT_REQUEST:
            os.kill(self.victim, signal.SIGKILL)
            self.killed_at = number
        return self.pages


@pytest.fixture
def dask_client(monkeypatch):
    # Workers are new processes: they find the package, the example and the library through the environment, and
    # read the API key from it (the client below does not send its key with the tasks).
    paths = [str(PACKAGE_ROOT / "src"), str(PACKAGE_ROOT / "examples"), str(HERE)]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(paths + [os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setenv("DEEPSEEK_OCR_API_KEY", "sk-from-the-workers-environment")
    local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                     dashboard_address=None, silence_logs=40)
    client = distributed.Client(local, timeout=60)
    try:
        yield client
    finally:
        client.close(timeout=20)
        local.close(timeout=20)


def test_two_process_workers_one_killed_mid_run_give_every_page_exactly_once(dask_client, server, tmp_path):
    folder = tmp_path / "scans"
    for document in range(DOCUMENTS):
        pages = folder / f"doc{document:02}"
        pages.mkdir(parents=True)
        for page in range(1, PAGES_PER_DOCUMENT + 1):
            # The width tells the server which page it got; the file names sort in page order.
            width = document * PAGES_PER_DOCUMENT + page
            (pages / f"page{page:03}.png").write_bytes(png_bytes(width=width))
    pids = dask_client.run(os.getpid, wait=True)
    assert len(pids) == 2
    replies = KillingReplies(victim=sorted(pids.values())[0], widths=range(1, DOCUMENTS * PAGES_PER_DOCUMENT + 1))
    server.define("default", replies)
    ocr_client = dask_ocr.deepseek_ocr.Client(server.url, api_key="sk-kept-home", max_retries=0, timeout=30,
                                              pickle_api_key=False)

    documents = dask_ocr.ocr_folder(dask_client, ocr_client, folder, tmp_path / "out", batch=8, concurrency=8,
                                    timeout=RUN_SECONDS)

    assert replies.killed_at == KILL_AT_REQUEST
    for document in range(DOCUMENTS):
        name = f"doc{document:02}"
        expected = [f"page {document * PAGES_PER_DOCUMENT + page}" for page in range(1, PAGES_PER_DOCUMENT + 1)]
        assert [text.markdown for text in documents[name]] == expected
        assert (tmp_path / "out" / f"{name}.md").read_text() == dask_ocr.PAGE_SPLIT.join(expected)
    assert all(text.error is None for texts in documents.values() for text in texts)
    # The batch the killed worker was running was run again: some pages were asked for twice, output once.
    assert len(server.requests) > DOCUMENTS * PAGES_PER_DOCUMENT
    keys = {request.headers.get("authorization") for request in server.requests}
    assert keys == {"Bearer sk-from-the-workers-environment"}  # the key stayed in this process
    assert sorted(pids.values())[0] not in dask_client.run(os.getpid, wait=True).values()  # the victim is gone


def digest_reply(exchange: Exchange) -> Scenario:
    """Answers with a digest of the image: the same rendered page gets the same answer in any process. Computed: only
    the library knows a rendered page's bytes."""
    return completion("digest " + hashlib.sha256(exchange.request.image_bytes).hexdigest()[:16])


def test_pdf_pages_are_recognised_across_the_workers_and_joined_in_page_order(dask_client, server, tmp_path):
    server.define("default", digest_reply)
    folder = tmp_path / "scans"
    folder.mkdir()
    shutil.copy(SAMPLE_PDF, folder / "report.pdf")
    (folder / "empty").mkdir()  # a folder without images is no document
    with dask_ocr.deepseek_ocr.Client(server.url, max_retries=0, timeout=30) as local:
        reference = local.ocr_document(SAMPLE_PDF)  # the same pages in this one process
    assert reference.pdf_page_count >= 2 and not reference.failed
    ocr_client = dask_ocr.deepseek_ocr.Client(server.url, max_retries=0, timeout=30)

    documents = dask_ocr.ocr_folder(dask_client, ocr_client, folder, tmp_path / "out", batch=1, concurrency=2,
                                    timeout=RUN_SECONDS)

    assert list(documents) == ["report"]
    assert [text.number for text in documents["report"]] == list(range(1, reference.pdf_page_count + 1))
    assert [text.markdown for text in documents["report"]] == [page.markdown for page in reference.pages]
    assert (tmp_path / "out" / "report.md").read_text() == reference.markdown
