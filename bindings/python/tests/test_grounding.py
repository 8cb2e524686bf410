"""Modes on the wire and grounding regions through the real library, against the fake server."""

from __future__ import annotations

from pathlib import Path

import pytest

import deepseek_ocr
from replies import GROUNDED_MARKDOWN, completion, png_bytes, sse
from scripted_server import ScriptedServer


@pytest.mark.parametrize(
    "mode, locate, prompt",
    [
        (None, None, "<image>\nFree OCR."),
        ("markdown", None, "<image>\n<|grounding|>Convert the document to markdown."),
        ("ocr", None, "<image>\n<|grounding|>OCR this image."),
        ("figure", None, "<image>\nParse the figure."),
        ("describe", None, "<image>\nDescribe this image in detail."),
        ("locate", "Total", "<image>\nLocate <|ref|>Total<|/ref|> in the image."),
    ],
)
def test_each_mode_sends_its_prompt(server: ScriptedServer, client: deepseek_ocr.Client, png: bytes, mode, locate, prompt) -> None:
    client.ocr(png, mode=mode, locate_text=locate)

    body = server.requests[-1].body
    assert body["messages"][0]["content"] == prompt
    if mode in ("markdown", "ocr", "locate"):
        assert body["skip_special_tokens"] is False
    else:
        assert "skip_special_tokens" not in body


def test_markdown_mode_gives_pixel_regions_and_clean_markdown(server: ScriptedServer, client: deepseek_ocr.Client) -> None:
    server.queue("default", completion(GROUNDED_MARKDOWN))

    result = client.ocr(png_bytes(1654, 2339), mode="markdown")

    assert result.raw_text == result.text == GROUNDED_MARKDOWN
    assert result.image_size == (1654, 2339)
    assert [r.label for r in result.regions] == ["title", "image", "table", "text"]
    assert result.regions[0].text == "# Report"
    assert result.regions[0].boxes == ((139, 112, 1514, 215),)
    assert result.regions[0].boxes_normalized == ((84, 48, 915, 92),)
    assert result.regions[1].boxes == ((198, 468, 827, 983), (860, 468, 1456, 983))
    assert result.regions[3].text == "营收增长。"
    assert "<|" not in result.markdown
    assert "![](images/0.jpg)" in result.markdown
    assert "<table><tr><td>Q1</td></tr></table>" in result.markdown


def test_image_url_without_size_gives_only_normalized_boxes(server: ScriptedServer, client: deepseek_ocr.Client) -> None:
    server.queue("default", completion("<|ref|>Total<|/ref|><|det|>[[10, 20, 30, 40]]<|/det|>"),
                 completion("<|ref|>Total<|/ref|><|det|>[[10, 20, 30, 40]]<|/det|>"))

    plain = client.ocr("https://example.invalid/page.png", mode="locate", locate_text="Total")
    sized = client.ocr("https://example.invalid/page.png", mode="locate", locate_text="Total", image_size=(1000, 2000))

    assert plain.image_size is None
    assert plain.regions[0].boxes == ()
    assert plain.regions[0].boxes_normalized == ((10, 20, 30, 40),)
    assert sized.regions[0].boxes == ((10, 40, 30, 80),)
    assert (sized.regions[0].label, sized.regions[0].text) == ("Total", "Total")


def test_cut_answer_keeps_what_parsed(server: ScriptedServer, client: deepseek_ocr.Client, png: bytes) -> None:
    cut = "<|ref|>text<|/ref|><|det|>[[1, 2, 3, 4]]<|/det|>\nfirst\n<|ref|>text<|/ref|><|det|>[[5, 6"
    server.queue("default", completion(cut, finish_reason="length"))

    result = client.ocr(png, mode="markdown")

    assert result.finish_reason == "length"
    assert result.text == cut
    assert [r.text for r in result.regions] == ["first"]
    assert result.markdown == "\nfirst\n"


def test_stream_has_regions_in_its_final_result(server: ScriptedServer, client: deepseek_ocr.Client, png: bytes) -> None:
    server.queue("default", sse(["<|ref|>Hel", "lo<|/ref|><|det|>[[10, 10,", " 20, 20]]<|/det|>"]))

    with client.stream(png, mode="ocr") as stream:
        pieces = list(stream)

    assert "".join(pieces) == stream.result.text
    assert [(r.text, r.boxes_normalized) for r in stream.result.regions] == [("Hello", ((10, 10, 20, 20),))]
    assert stream.result.markdown == "Hello"


def test_bad_mode_is_invalid_argument(client: deepseek_ocr.Client, png: bytes) -> None:
    with pytest.raises(deepseek_ocr.InvalidArgumentError):
        client.ocr(png, mode="poster")
    with pytest.raises(deepseek_ocr.InvalidArgumentError, match="locate_text"):
        client.ocr(png, mode="locate")


def test_cli_mode_prints_clean_markdown(server: ScriptedServer, tmp_path: Path, subprocess_env: dict) -> None:
    import subprocess
    import sys

    image = tmp_path / "page.png"
    image.write_bytes(png_bytes(1654, 2339))
    server.define("default", completion(GROUNDED_MARKDOWN))

    done = subprocess.run(
        [sys.executable, "-m", "deepseek_ocr", str(image), "--mode", "markdown", "--base-url", server.url],
        env=subprocess_env, capture_output=True, text=True, timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert "# Report" in done.stdout and "<|ref|>" not in done.stdout
    assert server.requests[-1].body["messages"][0]["content"] == "<image>\n<|grounding|>Convert the document to markdown."


def test_more_images_go_in_one_request_in_order(server: ScriptedServer, client: deepseek_ocr.Client, png: bytes, tmp_path: Path) -> None:
    second = tmp_path / "second.png"
    second.write_bytes(png_bytes(20, 10))
    server.queue("default", completion(GROUNDED_MARKDOWN))

    result = client.ocr(png, mode="markdown", more_images=[second, "https://example.invalid/third.png", bytearray(png)])

    assert len(server.requests) == 1
    urls = [part["image_url"]["url"] for part in server.requests[-1].body["messages"][1]["content"]]
    assert len(urls) == 4
    assert urls[0] == urls[3] and urls[0].startswith("data:image/png;base64,")
    assert urls[1] != urls[0] and urls[1].startswith("data:image/png;base64,")
    assert urls[2] == "https://example.invalid/third.png"
    assert result.image_size is None  # a box may belong to any of the images
    assert result.regions[0].boxes == () and result.regions[0].boxes_normalized == ((84, 48, 915, 92),)


def test_more_images_are_checked_and_named(client: deepseek_ocr.Client, png: bytes) -> None:
    with pytest.raises(TypeError, match="a sequence of images"):
        client.ocr(png, more_images=png)
    with pytest.raises(TypeError, match=r"more_images\[1\] must be a path"):
        client.ocr(png, more_images=[png, 42])
    with pytest.raises(deepseek_ocr.ImageError):
        client.ocr(png, more_images=[b"GIF89a not an image at all"])
