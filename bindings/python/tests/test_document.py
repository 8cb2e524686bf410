"""Client.ocr_document and AsyncClient.ocr_document: PDFs drawn here (Pillow), rendered by the library, each page sent
to the loopback server, which tells the pages apart by their width (page N is 200 + 10 N pixels wide at 72 dpi)."""

from __future__ import annotations

import asyncio
import io
import os
import pickle
import signal
import struct
import subprocess
import sys
import threading
from typing import Callable, Dict, List

import pytest

import deepseek_ocr
from deepseek_ocr import Status
from deepseek_ocr._errors import error_for_status
from replies import Scenario, completion, error, hold
from scripted_server import Exchange, Recorded

Image = pytest.importorskip("PIL.Image", reason="Pillow (python3-pil) draws the test PDFs")

DPI = 72  # one pixel per PDF point, so a page's rendered size is the size it was drawn at
HEIGHT = 300
SPLIT = "\n<--- Page Split --->\n"
MARKDOWN_PROMPT = "<image>\n<|grounding|>Convert the document to markdown."


def page_width(number: int) -> int:
    return 200 + 10 * number


def pdf_bytes(pages: int, *, figure_on: int = 0) -> bytes:
    """A PDF of white pages, page N page_width(N) x HEIGHT points; page figure_on gets a black block at
    (50, 60)-(150, 160) points."""
    drawn = []
    for number in range(1, pages + 1):
        page = Image.new("L", (page_width(number), HEIGHT), 255)
        if number == figure_on:
            page.paste(0, (50, 60, 150, 160))
        drawn.append(page)
    out = io.BytesIO()
    drawn[0].save(out, "PDF", save_all=True, append_images=drawn[1:], resolution=DPI)
    return out.getvalue()


def page_of(request: Recorded) -> int:
    """The page a request is for, from its PNG's width (IHDR)."""
    width = struct.unpack(">I", request.image_bytes[16:20])[0]
    return round((width - 200) / 10)


def grounded(number: int) -> str:
    return f"<|ref|>text<|/ref|><|det|>[[100, 100, 899, 199]]<|/det|>\nPage {number} text"


def by_page(answer: Callable[[int], Scenario]) -> Callable[[Exchange], Scenario]:
    """A reply chosen by the page the request is for: computed, since only the library knows a rendered page's
    bytes, and the test knows its width."""
    return lambda exchange: answer(page_of(exchange.request))


@pytest.fixture
def pdf(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_bytes(4))
    return path


def test_every_page_comes_back_in_order_with_its_size_regions_and_the_joined_text(server, client, pdf):
    server.define("default", by_page(lambda number: completion(grounded(number))))

    document = client.ocr_document(pdf, dpi=DPI, concurrency=3)

    assert [page.number for page in document.pages] == [1, 2, 3, 4]
    assert document.pdf_page_count == 4 and document.failed == ()
    for page in document.pages:
        assert (page.width, page.height) == (page_width(page.number), HEIGHT)
        assert page.ok and page.error is None
        assert page.result.markdown.strip() == f"Page {page.number} text"
        [region] = page.regions
        assert region.label == "text" and region.text == f"Page {page.number} text"
        assert region.boxes_normalized == ((100, 100, 899, 199),)
        assert region.boxes == ((int(100 / 999 * page.width), int(100 / 999 * HEIGHT),
                                 int(899 / 999 * page.width), int(199 / 999 * HEIGHT)),)
    assert document.raw_text == SPLIT.join(grounded(number) for number in (1, 2, 3, 4))
    assert document.markdown == SPLIT.join(page.markdown for page in document.pages)
    assert str(document) == document.markdown
    assert sorted(page_of(request) for request in server.requests) == [1, 2, 3, 4]
    assert all(request.prompt == MARKDOWN_PROMPT for request in server.requests)


def test_bytes_give_the_same_document_as_the_file(server, client, pdf):
    server.define("default", by_page(lambda number: completion(f"page {number}")))

    from_file = client.ocr_document(pdf, dpi=DPI)
    from_bytes = client.ocr_document(bytearray(pdf.read_bytes()), dpi=DPI)

    assert from_bytes.raw_text == from_file.raw_text == SPLIT.join(f"page {n}" for n in (1, 2, 3, 4))


def test_the_pages_asked_for_come_back_in_the_order_asked(server, client, pdf):
    server.define("default", by_page(lambda number: completion(f"page {number}")))

    document = client.ocr_document(pdf, dpi=DPI, pages=[3, 1])

    assert [page.number for page in document.pages] == [3, 1]
    assert document.raw_text == f"page 3{SPLIT}page 1"
    assert document.pdf_page_count == 4
    assert len(server.requests) == 2


def test_a_failing_page_is_reported_in_its_slot_and_the_others_are_kept(server, client, pdf):
    server.define("default", by_page(
        lambda number: error(500, "model overloaded", "server_error") if number == 2 else completion(f"page {number}")
    ))

    document = client.ocr_document(pdf, dpi=DPI, concurrency=2)

    assert [page.number for page in document.pages] == [1, 2, 3, 4]
    failed = document.pages[1]
    assert document.failed == (failed,)
    assert failed.result is None and not failed.ok
    assert isinstance(failed.error, deepseek_ocr.APIStatusError)
    assert failed.error.status == Status.E_SERVER and "model overloaded" in str(failed.error)
    assert failed.markdown == "" and failed.regions == ()
    assert document.raw_text == SPLIT.join(["page 1", "", "page 3", "page 4"])


def test_request_options_and_mode_go_with_every_page(server, client, pdf):
    client.ocr_document(pdf, dpi=DPI, pages=[1, 2], mode="ocr", max_tokens=77, temperature=0.5)
    client.ocr_document(pdf, dpi=DPI, pages=[1], prompt="<image>\nmy own prompt")

    assert [request.body["max_tokens"] for request in server.requests[:2]] == [77, 77]
    assert all(request.body["temperature"] == 0.5 for request in server.requests[:2])
    assert server.requests[0].prompt == "<image>\n<|grounding|>OCR this image."
    assert server.requests[2].prompt == "<image>\nmy own prompt"


def test_progress_counts_each_page_on_the_callers_thread(server, client, pdf):
    seen = []

    client.ocr_document(pdf, dpi=DPI, concurrency=2,
                        progress=lambda done, total: seen.append((done, total, threading.current_thread())))

    assert [(done, total) for done, total, _ in seen] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert all(thread is threading.main_thread() for _, _, thread in seen)


def test_progress_on_another_thread_runs_on_that_thread(server, client, pdf):
    seen: List[threading.Thread] = []
    worker = threading.Thread(target=lambda: client.ocr_document(
        pdf, dpi=DPI, pages=[1, 2], progress=lambda done, total: seen.append(threading.current_thread())))

    worker.start()
    worker.join(60)

    assert seen == [worker, worker]


def test_an_exception_from_progress_stops_the_document_and_is_raised(server, client, pdf):
    # Page 1 is answered, page 2 never: only the cancel the exception causes ends the call.
    server.define("default", by_page(lambda number: completion("first") if number == 1 else hold()))

    def stop(done, total):
        assert server.holding.wait(20)  # page 2 is in flight: its connection is what the cancel must close
        raise LookupError("enough")

    with pytest.raises(LookupError, match="enough"):
        client.ocr_document(pdf, dpi=DPI, concurrency=1, progress=stop)

    assert server.disconnected.wait(2)
    assert len(server.requests) == 2


def test_figures_are_cropped_from_the_rendered_page_and_linked(server, client, tmp_path):
    path = tmp_path / "figures.pdf"
    path.write_bytes(pdf_bytes(2, figure_on=2))
    # page 2 is 220 x 300: (50, 60)-(150, 160) is [[227, 199, 681, 532]] in 0-999 (rounded outwards).
    figure_answer = ("<|ref|>image<|/ref|><|det|>[[227, 199, 681, 532]]<|/det|>\n\n"
                     "<|ref|>image_caption<|/ref|><|det|>[[227, 540, 681, 600]]<|/det|>\nA black square")
    server.define("default", by_page(lambda number: completion(figure_answer if number == 2 else "no figure")))

    document = client.ocr_document(path, dpi=DPI, crop_figures=True, name="report")

    assert document.pages[0].figures == ()
    [figure] = document.pages[1].figures
    assert figure.name == "report_2_0.png"
    assert figure.region_index == 0 and figure.region.label == "image"
    assert "![](images/report_2_0.png)" in document.pages[1].markdown
    cropped = Image.open(io.BytesIO(figure.png))
    x1, y1, x2, y2 = figure.region.boxes[0]
    assert cropped.format == "PNG" and cropped.size == (x2 - x1, y2 - y1)
    # The block is black and fills the box but for the rounding at its edges.
    inner = cropped.convert("L").crop((3, 3, cropped.width - 3, cropped.height - 3))
    assert max(inner.getdata()) < 60


def test_without_crop_figures_there_are_none(server, client, tmp_path):
    path = tmp_path / "figures.pdf"
    path.write_bytes(pdf_bytes(1, figure_on=1))
    server.define("default", completion("<|ref|>image<|/ref|><|det|>[[100, 100, 500, 500]]<|/det|>\n"))

    document = client.ocr_document(path, dpi=DPI)

    assert document.pages[0].figures == ()
    assert document.pages[0].regions[0].label == "image"


def test_a_document_pickles_with_its_failed_pages(server, client, pdf):
    server.define("default",
                  by_page(lambda number: error(400, "bad page") if number == 3 else completion(grounded(number))))

    document = client.ocr_document(pdf, dpi=DPI, pages=[1, 3])
    copy = pickle.loads(pickle.dumps(document))

    assert copy.markdown == document.markdown and copy.raw_text == document.raw_text
    assert copy.pages[0] == document.pages[0]
    assert type(copy.pages[1].error) is type(document.pages[1].error) is deepseek_ocr.APIStatusError
    assert copy.pages[1].error.status == Status.E_HTTP and str(copy.pages[1].error) == str(document.pages[1].error)
    assert [page.number for page in copy.failed] == [3]


@pytest.mark.parametrize(
    "pages, exception_type",
    [([5], deepseek_ocr.InvalidArgumentError), ([0], deepseek_ocr.InvalidArgumentError),
     ([], deepseek_ocr.InvalidArgumentError), ("1-2", TypeError), ([1.0], TypeError)],
    ids=["past the last page", "page 0", "none", "a string", "a float"],
)
def test_bad_page_numbers_are_refused_before_anything_is_sent(server, client, pdf, pages, exception_type):
    with pytest.raises(exception_type):
        client.ocr_document(pdf, dpi=DPI, pages=pages)

    assert server.requests == []


def test_what_is_not_a_pdf_is_refused_as_the_whole_call(server, client, tmp_path, png):
    with pytest.raises(deepseek_ocr.ImageError) as not_pdf:
        client.ocr_document(png)
    with pytest.raises(deepseek_ocr.ImageError) as missing:
        client.ocr_document(tmp_path / "missing.pdf")
    with pytest.raises(deepseek_ocr.InvalidArgumentError):
        client.ocr_document("https://example.invalid/report.pdf")
    with pytest.raises(TypeError, match="unexpected keyword argument 'image_size'"):
        client.ocr_document(png, image_size=(10, 10))

    assert not_pdf.value.status == Status.E_UNSUPPORTED_IMAGE
    assert missing.value.status == Status.E_IO and "missing.pdf" in str(missing.value)
    assert server.requests == []


def test_a_closed_client_refuses_documents(server, pdf):
    client = deepseek_ocr.Client(server.url)
    client.close()

    with pytest.raises(deepseek_ocr.InvalidArgumentError, match="closed"):
        client.ocr_document(pdf)


def test_async_document_reports_progress_on_the_loop(server, pdf):
    server.define("default", by_page(lambda number: completion(f"page {number}")))
    seen = []

    async def main():
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0) as client:
            loop_thread = threading.current_thread()
            document = await client.ocr_document(
                pdf, dpi=DPI, progress=lambda done, total: seen.append((done, total, threading.current_thread()))
            )
            return document, loop_thread

    document, loop_thread = asyncio.run(main())

    assert document.raw_text == SPLIT.join(f"page {n}" for n in (1, 2, 3, 4))
    assert [(done, total) for done, total, _ in seen] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert all(thread is loop_thread for _, _, thread in seen)


def test_cancelling_the_async_task_stops_the_document(server, pdf):
    server.define("default", hold())

    async def main():
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0) as client:
            task = asyncio.ensure_future(client.ocr_document(pdf, dpi=DPI, concurrency=1))
            assert await asyncio.get_running_loop().run_in_executor(None, server.holding.wait, 20)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    asyncio.run(main())

    assert server.disconnected.wait(2)
    assert len(server.requests) == 1


def test_an_exception_from_async_progress_stops_the_document(server, pdf):
    server.define("default", by_page(lambda number: completion("first") if number == 1 else hold()))

    def stop(done, total):
        assert server.holding.wait(20)  # page 2 is in flight: its connection is what the cancel must close
        raise LookupError("enough")

    async def main():
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0) as client:
            await client.ocr_document(pdf, dpi=DPI, concurrency=1, progress=stop)

    with pytest.raises(LookupError, match="enough"):
        asyncio.run(main())
    assert server.disconnected.wait(2)
    assert len(server.requests) == 2


def test_ctrl_c_stops_a_document_on_the_main_thread(server, subprocess_env, pdf):
    # In a child, whose main thread gets the SIGINT, as a user's script would.
    server.define("default", hold())
    script = (
        "import sys, deepseek_ocr\n"
        "client = deepseek_ocr.Client(sys.argv[1], max_retries=0)\n"
        "try:\n"
        "    client.ocr_document(sys.argv[2], dpi=72)\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted', flush=True)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script, server.url, str(pdf)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=subprocess_env)
    try:
        assert server.holding.wait(20)
        child.send_signal(signal.SIGINT)
        stdout, stderr = child.communicate(timeout=10)
    finally:
        child.kill()

    assert stdout.decode().strip() == "interrupted", stderr.decode()
    assert server.disconnected.wait(2)


def _poppler_path() -> str:
    listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    for line in listing.splitlines():
        if line.strip().startswith("libpoppler-glib.so.8 ") and "=>" in line:
            return os.path.realpath(line.split("=>")[1].strip())
    pytest.skip("libpoppler-glib.so.8 is not installed")


def test_without_poppler_a_document_is_unavailable_naming_the_package_and_images_still_work(
    server, subprocess_env, pdf, png_file
):
    # The child runs where Poppler's file reads as empty (a private mount namespace binds /dev/null over it), so
    # the library cannot load it, as on a machine without libpoppler-glib8.
    if subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode != 0:
        pytest.skip("unshare -rm (an unprivileged mount namespace) is not allowed here")
    script = (
        "import sys, deepseek_ocr\n"
        "with deepseek_ocr.Client(sys.argv[1], max_retries=0) as client:\n"
        "    print(client.ocr(sys.argv[3]).text)\n"
        "    try:\n"
        "        client.ocr_document(sys.argv[2])\n"
        "    except deepseek_ocr.UnavailableError as error:\n"
        "        print(error.status.name, error)\n"
    )
    run = subprocess.run(
        ["unshare", "-rm", "sh", "-c", 'mount --bind /dev/null "$0" && exec "$@"', _poppler_path(),
         sys.executable, "-c", script, server.url, str(pdf), str(png_file)],
        capture_output=True, env=subprocess_env, timeout=60,
    )

    assert run.returncode == 0, run.stderr.decode()
    *image_text, unavailable = run.stdout.decode().splitlines()
    assert image_text == ["# Title", "", "Hello, world."]
    assert unavailable.startswith("E_UNAVAILABLE ") and "libpoppler-glib8" in unavailable
    assert len(server.requests) == 1


def test_unavailable_is_its_own_error_naming_the_package():
    raised = error_for_status(Status.E_UNAVAILABLE, "ocr_document needs libpoppler-glib8")

    assert type(raised) is deepseek_ocr.UnavailableError
    assert isinstance(raised, deepseek_ocr.OcrError) and not isinstance(raised, deepseek_ocr.LibraryError)
    assert raised.status == Status.E_UNAVAILABLE and "libpoppler-glib8" in str(raised)


def test_every_failure_status_has_an_exception_of_its_own():
    exception_types: Dict[Status, type] = {
        status: type(error_for_status(status, "m")) for status in Status if status != Status.OK
    }

    assert all(exception_type is not deepseek_ocr.OcrError for exception_type in exception_types.values())


# The command line: python -m deepseek_ocr FILE.pdf IMAGE... --output-dir DIR

FIGURE_ANSWER = ("<|ref|>image<|/ref|><|det|>[[227, 199, 681, 532]]<|/det|>\n\n"
                 "<|ref|>image_caption<|/ref|><|det|>[[227, 540, 681, 600]]<|/det|>\nA black square")


def cli(env, *arguments):
    return subprocess.run([sys.executable, "-m", "deepseek_ocr", *arguments], capture_output=True, env=env, timeout=60)


def test_cli_writes_markdown_raw_output_regions_and_figures_for_pdfs_and_images(server, subprocess_env, tmp_path):
    import json

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(pdf_bytes(2, figure_on=2))
    image = tmp_path / "scan.png"
    drawn = Image.new("L", (page_width(20), HEIGHT), 255)  # asked as "page 20"
    drawn.paste(0, (90, 59, 272, 159))  # where FIGURE_ANSWER's box falls on it
    drawn.save(image)
    server.define("default", by_page(lambda number: completion(grounded(1) if number == 1 else FIGURE_ANSWER)))
    out = tmp_path / "out"

    run = cli(subprocess_env, "--base-url", server.url, "--mode", "markdown", "--dpi", str(DPI), "--output-dir",
              str(out), str(pdf), str(image))

    assert run.returncode == 0, run.stderr
    written = ["report.pdf.md", "report.pdf.raw.md", "report.pdf.regions.json", "images/report.pdf_2_0.png",
               "scan.png.md", "scan.png.raw.md", "scan.png.regions.json", "images/scan.png_1_0.png"]
    assert run.stdout.decode().splitlines() == [str(out / name) for name in written]
    markdown = (out / "report.pdf.md").read_text()
    first, second = markdown.split(SPLIT)
    assert first.strip() == "Page 1 text"
    assert "![](images/report.pdf_2_0.png)" in second and "A black square" in second and "<|ref|>" not in second
    assert (out / "report.pdf.raw.md").read_text() == grounded(1) + SPLIT + FIGURE_ANSWER + "\n"
    assert "![](images/scan.png_1_0.png)" in (out / "scan.png.md").read_text()
    report = json.loads((out / "report.pdf.regions.json").read_text())
    assert report["pdf_page_count"] == 2
    assert [(page["number"], page["width"], page["height"], page["status"], page["error"])
            for page in report["pages"]] == [(1, 210, HEIGHT, "OCR_OK", None), (2, 220, HEIGHT, "OCR_OK", None)]
    image_region = report["pages"][1]["regions"][0]
    assert image_region["label"] == "image" and image_region["figure"] == "images/report.pdf_2_0.png"
    assert image_region["boxes"] == [[49, 59, 149, 159]] and image_region["boxes_normalized"] == [[227, 199, 681, 532]]
    assert report["pages"][0]["regions"][0]["text"] == "Page 1 text"
    for name in ("report.pdf", "scan.png"):
        regions = json.loads((out / f"{name}.regions.json").read_text())["pages"][-1]["regions"]
        [(x1, y1, x2, y2)] = regions[0]["boxes"]
        figure = Image.open(out / regions[0]["figure"])
        assert figure.size == (x2 - x1, y2 - y1)
        assert max(figure.crop((3, 3, figure.width - 3, figure.height - 3)).convert("L").getdata()) < 60


def test_cli_names_a_failed_page_exits_1_and_still_writes_the_others(server, subprocess_env, pdf, tmp_path):
    import json

    server.define("default", by_page(
        lambda number: error(500, "model overloaded", "server_error") if number == 2 else completion(f"page {number}")
    ))
    out = tmp_path / "out"

    run = cli(subprocess_env, "--base-url", server.url, "--dpi", str(DPI), "--output-dir", str(out), str(pdf))

    assert run.returncode == 1
    [line] = run.stderr.decode().splitlines()
    assert line.startswith(f"python -m deepseek_ocr: error: {pdf}: page 2: ") and "model overloaded" in line
    assert (out / "report.pdf.md").read_text() == SPLIT.join(["page 1", "", "page 3", "page 4"]) + "\n"
    pages = json.loads((out / "report.pdf.regions.json").read_text())["pages"]
    assert [page["status"] for page in pages] == ["OCR_OK", "OCR_E_SERVER", "OCR_OK", "OCR_OK"]
    assert "model overloaded" in pages[1]["error"] and pages[1]["regions"] == []


def test_cli_prints_the_pages_asked_for_without_an_output_dir(server, subprocess_env, pdf):
    server.define("default", by_page(lambda number: completion(f"page {number}")))

    run = cli(subprocess_env, "--base-url", server.url, "--dpi", str(DPI), "--pages", "2-3", str(pdf))

    assert run.returncode == 0, run.stderr
    assert run.stdout.decode() == f"page 2{SPLIT}page 3\n"
    assert all(request.prompt == MARKDOWN_PROMPT for request in server.requests)  # a PDF's default mode


def test_cli_progress_bar_counts_pages(server, subprocess_env, pdf, png_file):
    run = cli(subprocess_env, "--base-url", server.url, "--dpi", str(DPI), "--concurrency", "2", "--progress",
              str(pdf))

    assert run.returncode == 0, run.stderr
    lines = run.stderr.decode().splitlines()
    assert [line.split("] ")[1] for line in lines] == ["1/4 pages", "2/4 pages", "3/4 pages", "4/4 pages"]


def test_cli_progress_bar_shows_an_unknown_total_until_the_pdf_says(server, subprocess_env, pdf, png_file):
    run = cli(subprocess_env, "--base-url", server.url, "--dpi", str(DPI), "--progress", str(png_file), str(pdf))

    assert run.returncode == 0, run.stderr
    lines = run.stderr.decode().splitlines()
    assert [line.split("] ")[1] for line in lines] == ["1/1+ pages", "2/5 pages", "3/5 pages", "4/5 pages",
                                                       "5/5 pages"]


@pytest.mark.parametrize(
    "arguments", [["--stream"], ["--pages", "3-1"], ["--pages", "x"], ["--dpi", "0"]],
    ids=["stream", "reversed range", "not a number", "dpi 0"],
)
def test_cli_refuses_a_wrong_document_command_line_with_usage(server, subprocess_env, pdf, arguments):
    run = cli(subprocess_env, "--base-url", server.url, *arguments, str(pdf))

    assert run.returncode == 2
    assert b"usage: python -m deepseek_ocr" in run.stderr
    assert server.requests == []
