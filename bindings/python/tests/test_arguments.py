"""Arguments of the wrong type or out of range are refused in Python with an error that names them."""

from __future__ import annotations

import inspect

import pytest

import deepseek_ocr


@pytest.mark.parametrize("image", [123, None, 4.5, ["scan.png"], object()], ids=repr)
def test_image_of_a_wrong_type_is_a_type_error(client, image):
    with pytest.raises(TypeError, match="image must be"):
        client.ocr(image)
    with pytest.raises(TypeError, match="image must be"):
        client.stream(image)


@pytest.mark.parametrize(
    "arguments, name",
    [
        ({"prompt": 5}, "prompt"),
        ({"max_tokens": "100"}, "max_tokens"),
        ({"max_tokens": 1.5}, "max_tokens"),
        ({"max_tokens": True}, "max_tokens"),
        ({"temperature": "hot"}, "temperature"),
        ({"top_p": [0.5]}, "top_p"),
        ({"extra_body": {"x": object()}}, "extra_body"),
        ({"tools": {"a", "b"}}, "tools"),
    ],
)
def test_options_of_a_wrong_type_are_type_errors_that_name_them(client, png, arguments, name):
    with pytest.raises(TypeError, match=name):
        client.ocr(png, **arguments)


@pytest.mark.parametrize("max_tokens", [0, -1, 2**31])
def test_max_tokens_out_of_range_is_a_value_error(client, png, max_tokens):
    with pytest.raises(ValueError, match="max_tokens"):
        client.ocr(png, max_tokens=max_tokens)


def test_json_of_the_wrong_shape_is_a_value_error_from_the_library(client, png):
    with pytest.raises(deepseek_ocr.InvalidArgumentError, match="tools"):
        client.ocr(png, tools=7)


def test_empty_image_bytes_are_refused(client):
    with pytest.raises(deepseek_ocr.OcrError, match="empty"):
        client.ocr(b"")


def test_empty_path_is_refused(client):
    with pytest.raises(deepseek_ocr.InvalidArgumentError, match="empty"):
        client.ocr("")


def test_nul_in_a_string_is_refused(client, png):
    with pytest.raises(deepseek_ocr.InvalidArgumentError, match="NUL"):
        client.ocr(png, prompt="a\0b")


@pytest.mark.parametrize(
    "arguments, error",
    [
        ({"timeout": "10"}, TypeError),
        ({"timeout": 0}, ValueError),
        ({"timeout": -1}, ValueError),
        ({"connect_timeout": 10**12}, ValueError),
        ({"idle_timeout": True}, TypeError),
        ({"max_retries": -1}, ValueError),
        ({"max_retries": 1.0}, TypeError),
        ({"max_image_bytes": 0}, ValueError),
        ({"base_url": 80}, TypeError),
        ({"api_key": b"sk"}, TypeError),
    ],
)
def test_client_options_are_checked(arguments, error):
    with pytest.raises(error):
        deepseek_ocr.Client(**arguments)


def test_a_range_is_checked_once_by_the_library_in_python_terms():
    # Python checks the type and what the C field would misread; the library checks the range and says it, without
    # the C API's "-1 (default)", which is not a Python value.
    with pytest.raises(deepseek_ocr.InvalidArgumentError) as raised:
        deepseek_ocr.Client("http://127.0.0.1:9", max_retries=11)
    assert str(raised.value) == "max_retries must be 0 to 10, not 11"


def test_fractional_seconds_are_honoured(server, png):
    from replies import hold

    server.queue("default", hold())
    with deepseek_ocr.Client(server.url, timeout=0.3, max_retries=0) as client:
        with pytest.raises(deepseek_ocr.APITimeoutError, match="300 ms"):
            client.ocr(png)


@pytest.mark.parametrize("method", [deepseek_ocr.Client.ocr, deepseek_ocr.Client.stream,
                                    deepseek_ocr.AsyncClient.ocr, deepseek_ocr.AsyncClient.stream])
def test_help_shows_every_request_keyword(method):
    parameters = inspect.signature(method).parameters
    assert list(parameters)[:2] == ["self", "image"]
    assert set(parameters) - {"self", "image"} == set(deepseek_ocr.RequestOptions.__annotations__)
    assert all(p.kind is p.KEYWORD_ONLY and p.default is None for p in list(parameters.values())[2:])


def test_an_unknown_keyword_is_a_type_error_naming_it(client, png):
    with pytest.raises(TypeError, match="Client.ocr\\(\\) got an unexpected keyword argument 'langauge'"):
        client.ocr(png, langauge="en")
