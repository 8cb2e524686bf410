"""client.ocr(): what it sends and what it returns."""

from __future__ import annotations

import pathlib
import re

import pytest

import deepseek_ocr
from conftest import REPO_ROOT
from replies import completion


def test_ocr_returns_every_result_field(server, client, png_file):
    server.queue("default", completion("Grüße, 世界", finish_reason="length", id="chatcmpl-42", model="deepseek-ocr-v2",
                                       created=1712345678,
                                       usage={"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10}))

    result = client.ocr(png_file)

    assert result.text == "Grüße, 世界"
    assert result.finish_reason == "length"
    assert result.id == "chatcmpl-42"
    assert result.model == "deepseek-ocr-v2"
    assert result.created == 1712345678
    assert result.usage == deepseek_ocr.Usage(prompt_tokens=7, completion_tokens=3, total_tokens=10)
    assert result.http_status == 200
    assert str(result) == "Grüße, 世界"


def test_ocr_sends_the_file_as_a_png_data_url_with_the_default_prompt(server, client, png_file, png):
    client.ocr(str(png_file))

    sent = server.requests[0]
    assert sent.path == "/v1/chat/completions"
    assert sent.body["model"] == "deepseek-ocr"
    assert sent.image_url.startswith("data:image/png;base64,")
    assert sent.image_bytes == png
    assert sent.prompt == "<image>\nFree OCR."
    assert "stream" not in sent.body or sent.body["stream"] is False


@pytest.mark.parametrize("wrap", [bytes, bytearray, memoryview, pathlib.Path], ids=lambda t: t.__name__)
def test_ocr_accepts_bytes_bytearray_memoryview_and_pathlike(server, client, png_file, png, wrap):
    image = wrap(png_file) if wrap is pathlib.Path else wrap(png)

    client.ocr(image)

    assert server.requests[0].image_bytes == png


@pytest.mark.parametrize("url", ["https://example.com/scan.png", "http://example.com/a.png",
                                 "data:image/png;base64,iVBORw0KGgo=", "HTTPS://EXAMPLE.COM/X.PNG"])
def test_ocr_sends_url_strings_as_they_are(server, client, url):
    client.ocr(url)

    assert server.requests[0].image_url == url


def test_ocr_sends_every_optional_field(server, client, png):
    client.ocr(png, prompt="<image>\nConvert to markdown.", max_tokens=128, temperature=0.5, top_p=0.9,
               response_format={"type": "json_object"}, tools=[{"type": "function", "function": {"name": "f"}}],
               extra_body={"skip_special_tokens": False, "repetition_penalty": 1.05})

    body = server.requests[0].body
    assert server.requests[0].prompt == "<image>\nConvert to markdown."
    assert body["max_tokens"] == 128
    assert body["temperature"] == 0.5
    assert body["top_p"] == 0.9
    assert body["response_format"] == {"type": "json_object"}
    assert body["tools"] == [{"type": "function", "function": {"name": "f"}}]
    assert body["skip_special_tokens"] is False
    assert body["repetition_penalty"] == 1.05


def test_ocr_takes_json_text_as_is(server, client, png):
    client.ocr(png, response_format='{"type": "json_object"}', extra_body='{"seed": 7}')

    assert server.requests[0].body["response_format"] == {"type": "json_object"}
    assert server.requests[0].body["seed"] == 7


def test_ocr_leaves_unset_options_out_of_the_request(server, client, png):
    client.ocr(png)

    body = server.requests[0].body
    for name in ("max_tokens", "temperature", "top_p", "response_format", "tools"):
        assert body.get(name) is None, name


def test_client_sends_api_key_and_model(server, png):
    with deepseek_ocr.Client(server.url, api_key="sk-test-123", model="ocr-large", max_retries=0) as client:
        client.ocr(png)

    assert server.requests[0].headers["authorization"] == "Bearer sk-test-123"
    assert server.requests[0].body["model"] == "ocr-large"


def test_client_without_api_key_sends_no_authorization(server, client, png):
    client.ocr(png)

    assert "authorization" not in server.requests[0].headers


def test_client_repr_never_shows_the_api_key(server):
    with deepseek_ocr.Client(server.url, api_key="sk-secret-value") as client:
        assert "sk-secret-value" not in repr(client)
        assert server.url in repr(client)


def test_closed_client_refuses_calls(server, png):
    client = deepseek_ocr.Client(server.url)
    client.close()
    client.close()

    assert client.closed
    with pytest.raises(deepseek_ocr.InvalidArgumentError, match="closed"):
        client.ocr(png)
    with pytest.raises(deepseek_ocr.InvalidArgumentError, match="closed"):
        client.stream(png)


def test_library_header_and_package_versions_are_the_one_in_the_header():
    header = (REPO_ROOT / "native" / "include" / "deepseek_ocr.h").read_text()
    written = re.search(r'^#define OCR_VERSION "([^"]+)"', header, re.M).group(1)

    assert deepseek_ocr.library_version() == deepseek_ocr.HEADER_VERSION == deepseek_ocr.__version__ == written
