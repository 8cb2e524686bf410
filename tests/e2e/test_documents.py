"""Documents end to end: a PDF drawn here (Pillow, DejaVu fonts) through the C example, the Python binding and the
command line, against the local Tesseract server.

Each page is drawn as one 144 DPI image, so the library's rendering at 144 DPI gives the drawn pixels back (same size,
same places): the regions' pixel boxes are checked against where the words were drawn, and against the word boxes
Tesseract itself finds on the drawn page (libtesseract.so.5, which the server needs anyway, called through ctypes).
"""
import ctypes
import io
import json
import os
import random
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from conftest import EXAMPLE, ROOT
from test_e2e import MAX_CER, cer

import deepseek_ocr

Image = pytest.importorskip("PIL.Image", reason="Pillow (python3-pil) draws the test PDF")
from PIL import ImageDraw, ImageFont  # noqa: E402

FONTS = Path("/usr/share/fonts/truetype/dejavu")
DPI = 144
SIZE = (1190, 1684)  # A4 at 144 DPI
SPLIT = "\n<--- Page Split --->\n"
TOLERANCE = 4  # pixels: boxes go through 0-999 and are truncated back to pixels
PHOTO = (120, 560, 1070, 1120)  # the figure of page 2: a photo-like gradient block
NOISE = (145, 420, 1045, 1220)  # page 4: noise, whose PNG alone is larger than TOO_LARGE_LIMIT
TOO_LARGE_LIMIT = 400_000  # max_image_bytes for the broken-page test: pages 1-3 are PNGs under 100 KB, page 4 over 700 KB

Box = Tuple[int, int, int, int]

PAGES = [
    [("DejaVuSans-Bold.ttf", 44, ["A Short History of the Harbour"]),
     ("DejaVuSans.ttf", 28, ["The harbour was built in 1821 to shelter the",
                             "fishing boats of the bay from the winter storms",
                             "that come down from the north every year."]),
     ("DejaVuSans.ttf", 28, ["Its stone walls were raised by two hundred men",
                             "in four summers, and they still stand today."])],
    [("DejaVuSans-Bold.ttf", 36, ["Visitors by Season"]),
     ("DejaVuSans.ttf", 28, ["The picture below was taken from the lighthouse",
                             "on a clear morning in the spring of last year."])],
    [("DejaVuSans-Bold.ttf", 36, ["Opening Hours"]),
     ("DejaVuSans.ttf", 28, ["The museum opens from Tuesday to Sunday, from",
                             "ten in the morning until five in the afternoon."]),
     ("DejaVuSans.ttf", 28, ["Groups of more than twelve people are asked to",
                             "write to the keeper a week before their visit."])],
    [("DejaVuSans-Bold.ttf", 36, ["Sea Spray"]),
     ("DejaVuSans.ttf", 28, ["A scan of the weathered map kept in the archive."])],
]
CAPTION = "Figure 1: the harbour seen from the lighthouse"
CLEAN_PAGES = (1, 2, 3)  # page 4 is mostly noise: its text is not what is measured


@dataclass
class DrawnPage:
    image: "Image.Image"
    text: str
    lines: List[Tuple[str, Box]] = field(default_factory=list)


def draw_page(number: int) -> DrawnPage:
    image = Image.new("L", SIZE, 255)
    draw = ImageDraw.Draw(image)
    drawn = DrawnPage(image, "")
    paragraphs = []
    y = 120

    def write(font_name: str, size: int, lines: List[str]) -> None:
        nonlocal y
        font = ImageFont.truetype(str(FONTS / font_name), size)
        for line in lines:
            draw.text((120, y), line, font=font, fill=0)
            drawn.lines.append((line, draw.textbbox((120, y), line, font=font)))
            y += int(size * 1.5)
        paragraphs.append("\n".join(lines))
        y += size

    for font_name, size, lines in PAGES[number - 1]:
        write(font_name, size, lines)
    if number == 2:
        x1, y1, x2, y2 = PHOTO
        for row in range(y1, y2):
            shade = [int(40 + 170 * ((column - x1) / (x2 - x1)) * ((row - y1) / (y2 - y1))) for column in range(x1, x2)]
            image.paste(Image.frombytes("L", (x2 - x1, 1), bytes(shade)), (x1, row))
        y = y2 + 40
        write("DejaVuSans.ttf", 24, [CAPTION])
    if number == 4:
        x1, y1, x2, y2 = NOISE
        noise = random.Random(4).randbytes((x2 - x1) * (y2 - y1))
        image.paste(Image.frombytes("L", (x2 - x1, y2 - y1), noise), (x1, y1))
    drawn.text = "\n\n".join(paragraphs)
    return drawn


@pytest.fixture(scope="module")
def drawn() -> Dict[int, DrawnPage]:
    return {number: draw_page(number) for number in range(1, len(PAGES) + 1)}


@pytest.fixture(scope="module")
def pdf(drawn, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("documents") / "harbour.pdf"
    images = [drawn[number].image for number in sorted(drawn)]
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=DPI, quality=95)
    return path


@pytest.fixture(scope="module")
def tesseract_words(drawn) -> Dict[int, List[Tuple[str, Box]]]:
    return {number: _tesseract_words(drawn[number].image) for number in CLEAN_PAGES}


@pytest.fixture(scope="module")
def document(server_url, pdf) -> deepseek_ocr.Document:
    with deepseek_ocr.Client(base_url=server_url) as client:
        return client.ocr_document(pdf, crop_figures=True, concurrency=4)


def without_links(markdown: str) -> str:
    return re.sub(r"!\[\]\(images/[^)]*\)", "", markdown)


def _tesseract_words(image: "Image.Image") -> List[Tuple[str, Box]]:
    """The words Tesseract reads on the page with its own layout analysis, confident ones only, with their boxes."""
    tesseract = ctypes.CDLL("libtesseract.so.5")
    tesseract.TessBaseAPICreate.restype = ctypes.c_void_p
    tesseract.TessBaseAPIInit3.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
    tesseract.TessBaseAPISetImage.argtypes = [ctypes.c_void_p, ctypes.c_char_p] + [ctypes.c_int] * 4
    tesseract.TessBaseAPIGetTsvText.argtypes = [ctypes.c_void_p, ctypes.c_int]
    tesseract.TessBaseAPIGetTsvText.restype = ctypes.c_void_p
    tesseract.TessDeleteText.argtypes = [ctypes.c_void_p]
    tesseract.TessBaseAPIDelete.argtypes = [ctypes.c_void_p]
    api = tesseract.TessBaseAPICreate()
    try:
        tessdata = os.environ.get("TESSDATA_PREFIX", "/usr/share/tesseract-ocr/5/tessdata").encode()
        assert tesseract.TessBaseAPIInit3(api, tessdata, b"eng") == 0, "Tesseract's English data is missing"
        tesseract.TessBaseAPISetImage(api, image.tobytes(), image.width, image.height, 1, image.width)
        text = tesseract.TessBaseAPIGetTsvText(api, 0)
        tsv = ctypes.string_at(text).decode("utf-8")
        tesseract.TessDeleteText(text)
    finally:
        tesseract.TessBaseAPIDelete(api)
    words = []
    for row in tsv.splitlines():
        level, *_, left, top, width, height, confidence, word = row.split("\t")
        if level == "5" and float(confidence) >= 80 and len(re.sub(r"\W", "", word)) >= 3:
            words.append((word, (int(left), int(top), int(left) + int(width), int(top) + int(height))))
    return words


def inside(inner: Box, outer: Box) -> bool:
    return (inner[0] >= outer[0] - TOLERANCE and inner[1] >= outer[1] - TOLERANCE
            and inner[2] <= outer[2] + TOLERANCE and inner[3] <= outer[3] + TOLERANCE)


def check_regions_hold_their_words(regions: List[Tuple[str, str, Box]], page: DrawnPage,
                                   words: List[Tuple[str, Box]]) -> None:
    """regions as (label, text, first pixel box). Each drawn line lies in the box of a region holding its text, and
    so does each word Tesseract reads on the drawn page."""
    text_regions = [(text, box) for label, text, box in regions if label != "image"]
    for line, line_box in page.lines:
        assert any(inside(line_box, box) for text, box in text_regions if line.split()[0] in text), \
            (line, line_box, text_regions)
    # The server reads each block on its own, so a word may come out differently there: those are left out, but
    # nearly all must be found.
    found = [(word, word_box, [box for text, box in text_regions if word in text]) for word, word_box in words]
    found = [(word, word_box, holding) for word, word_box, holding in found if holding]
    assert words and len(found) >= 0.9 * len(words), (words, text_regions)
    for word, word_box, holding in found:
        assert any(inside(word_box, box) for box in holding), (word, word_box, text_regions)


def check_figure(png: bytes, box: Box) -> None:
    figure = Image.open(io.BytesIO(png))
    assert figure.format == "PNG" and figure.size == (box[2] - box[0], box[3] - box[1])
    # The crop is the gradient (mean about 80), not the white page.
    pixels = list(figure.convert("L").getdata())
    assert sum(pixels) / len(pixels) < 150


def overlap(a: Box, b: Box) -> float:
    """Intersection over union."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    area = lambda box: (box[2] - box[0]) * (box[3] - box[1])  # noqa: E731
    return width * height / (area(a) + area(b) - width * height)


# Python

def test_python_document_has_every_page_in_order_at_the_rendered_size(document):
    assert [page.number for page in document.pages] == [1, 2, 3, 4]
    assert document.pdf_page_count == 4 and document.failed == ()
    assert all((page.width, page.height) == SIZE for page in document.pages)


@pytest.mark.parametrize("number", CLEAN_PAGES)
def test_python_page_text_is_within_cer(document, drawn, number):
    page = document.pages[number - 1]
    assert cer(drawn[number].text, without_links(page.markdown)) <= MAX_CER, page.markdown


def test_python_pages_are_joined_with_page_markers(document):
    assert document.markdown.count(SPLIT) == 3
    assert document.markdown.split(SPLIT) == [page.markdown for page in document.pages]
    assert document.raw_text.split(SPLIT) == [page.raw_text for page in document.pages]


@pytest.mark.parametrize("number", CLEAN_PAGES)
def test_python_regions_hold_their_words(document, drawn, tesseract_words, number):
    regions = [(region.label, region.text, region.boxes[0]) for region in document.pages[number - 1].regions]
    check_regions_hold_their_words(regions, drawn[number], tesseract_words[number])


def test_python_figure_is_the_photo_cropped_and_linked(document):
    page = document.pages[1]
    [image] = [region for region in page.regions if region.label == "image"]
    assert overlap(image.boxes[0], PHOTO) > 0.9, image.boxes
    [figure] = page.figures
    assert figure.name == "harbour_2_0.png" and figure.region == image
    assert "![](images/harbour_2_0.png)" in page.markdown
    check_figure(figure.png, image.boxes[0])
    assert any(region.label == "image_caption" and CAPTION in region.text for region in page.regions)


def test_python_a_page_over_max_image_bytes_fails_alone(server_url, pdf, drawn):
    with deepseek_ocr.Client(base_url=server_url, max_image_bytes=TOO_LARGE_LIMIT) as client:
        document = client.ocr_document(pdf, concurrency=2)

    [broken] = document.failed
    assert broken.number == 4 and broken.result is None
    assert isinstance(broken.error, deepseek_ocr.ImageTooLargeError)
    assert broken.error.status == deepseek_ocr.Status.E_TOO_LARGE
    assert document.markdown.split(SPLIT)[3] == ""
    for number in CLEAN_PAGES:
        assert cer(drawn[number].text, without_links(document.pages[number - 1].markdown)) <= MAX_CER


# Command line

@pytest.fixture(scope="module")
def cli_output(server_url, pdf, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli")
    env = dict(os.environ, DEEPSEEK_OCR_BASE_URL=server_url, PYTHONPATH=str(ROOT / "bindings/python/src"))
    run = subprocess.run([sys.executable, "-m", "deepseek_ocr", "--mode", "markdown", "--output-dir", str(out),
                          str(pdf)], env=env, capture_output=True, text=True, timeout=300)
    return run, out


def test_cli_writes_the_document_files(cli_output):
    run, out = cli_output
    assert run.returncode == 0, run.stderr
    written = run.stdout.splitlines()
    assert written[:3] == [str(out / name) for name in ("harbour.pdf.md", "harbour.pdf.raw.md", "harbour.pdf.regions.json")]
    # Then the figures: the photo of page 2 (and whatever Tesseract's layout analysis calls a picture in the noise).
    assert written[3] == str(out / "images/harbour.pdf_2_0.png")
    assert all(Path(path).is_file() for path in written)


def test_cli_markdown_pages_are_within_cer(cli_output, drawn):
    _, out = cli_output
    pages = (out / "harbour.pdf.md").read_text(encoding="utf-8").split(SPLIT)
    assert len(pages) == 4
    for number in CLEAN_PAGES:
        assert cer(drawn[number].text, without_links(pages[number - 1])) <= MAX_CER, pages[number - 1]
    assert "![](images/harbour.pdf_2_0.png)" in pages[1]
    raw = (out / "harbour.pdf.raw.md").read_text(encoding="utf-8")
    assert raw.count(SPLIT) == 3 and "<|ref|>image<|/ref|>" in raw.split(SPLIT)[1]


def test_cli_regions_hold_their_words_and_the_figure_is_cropped(cli_output, drawn, tesseract_words):
    _, out = cli_output
    report = json.loads((out / "harbour.pdf.regions.json").read_text(encoding="utf-8"))
    assert [(page["number"], page["width"], page["height"], page["status"]) for page in report["pages"]] == \
        [(number, *SIZE, "OCR_OK") for number in (1, 2, 3, 4)]
    for number in CLEAN_PAGES:
        regions = [(region["label"], region["text"], tuple(region["boxes"][0]))
                   for region in report["pages"][number - 1]["regions"]]
        check_regions_hold_their_words(regions, drawn[number], tesseract_words[number])
    [image] = [region for region in report["pages"][1]["regions"] if region["label"] == "image"]
    assert image["figure"] == "images/harbour.pdf_2_0.png"
    check_figure((out / image["figure"]).read_bytes(), tuple(image["boxes"][0]))


# The C example

def test_c_example_prints_the_pages_within_cer(server_url, pdf, drawn):
    env = dict(os.environ, DEEPSEEK_OCR_BASE_URL=server_url)
    run = subprocess.run([str(EXAMPLE), "--mode", "markdown", str(pdf)], env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    pages = run.stdout.split(SPLIT)
    assert len(pages) == 4, run.stdout
    for number in CLEAN_PAGES:
        assert cer(drawn[number].text, without_links(pages[number - 1])) <= MAX_CER, pages[number - 1]
