"""The base URL as users write it: with or without the /v1 every OpenAI client puts in it; the messages that say
which base URL a failure used and where it came from."""

from __future__ import annotations

import socket

import pytest

import deepseek_ocr
from replies import error


@pytest.mark.parametrize("suffix", ["", "/", "/v1", "/v1/"])
def test_the_base_url_with_or_without_v1_reaches_v1_chat_completions(server, png, suffix):
    with deepseek_ocr.Client(server.url + suffix, max_retries=0, timeout=30) as client:
        client.ocr(png)

    assert [request.path for request in server.requests] == ["/v1/chat/completions"]


def test_a_not_found_names_the_endpoint_tried_and_the_base_url(server, png):
    server.define("api", error(404, "no route"))  # the scenario the /api base URL names

    with deepseek_ocr.Client(server.url + "/api", max_retries=0, timeout=30) as client:
        with pytest.raises(deepseek_ocr.OcrError) as raised:
            client.ocr(png)

    assert f"POST {server.url}/api/v1/chat/completions is not a Chat Completions endpoint" in str(raised.value)
    assert f"{server.url}/api (from base_url)" in str(raised.value)


def test_nothing_listening_says_to_start_the_local_server(png):
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    with deepseek_ocr.Client(f"http://127.0.0.1:{port}", max_retries=0, timeout=30) as client:
        with pytest.raises(deepseek_ocr.OcrError) as raised:
            client.ocr(png)

    assert "src/DeepSeekOcr.Server/start-server.sh" in str(raised.value)
    assert "DEEPSEEK_OCR_BASE_URL" in str(raised.value)


def test_a_pdf_given_as_an_image_names_ocr_document(client, tmp_path):
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")

    with pytest.raises(deepseek_ocr.ImageError) as raised:
        client.ocr(str(pdf))

    assert "Client.ocr_document" in str(raised.value)
