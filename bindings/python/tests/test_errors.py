"""Every failure reaches Python as the OcrError subclass for its status, with the library's message."""

from __future__ import annotations

import pytest

import deepseek_ocr
from deepseek_ocr import Status
from deepseek_ocr._errors import error_for_status
from replies import error, hold, raw, sse


@pytest.mark.parametrize(
    "http_status, exception_type, status",
    [
        (400, deepseek_ocr.APIStatusError, Status.E_HTTP),
        (401, deepseek_ocr.AuthenticationError, Status.E_AUTH),
        (403, deepseek_ocr.AuthenticationError, Status.E_AUTH),
        (404, deepseek_ocr.APIStatusError, Status.E_HTTP),
        (429, deepseek_ocr.RateLimitError, Status.E_RATE_LIMITED),
        (500, deepseek_ocr.APIStatusError, Status.E_SERVER),
        (503, deepseek_ocr.APIStatusError, Status.E_SERVER),
    ],
)
def test_http_errors_map_to_typed_exceptions_with_the_http_status(server, client, png, http_status, exception_type,
                                                                  status):
    server.queue("default", error(http_status, "the server says no"))

    with pytest.raises(exception_type) as caught:
        client.ocr(png)

    assert caught.value.status == status
    assert caught.value.http_status == http_status
    assert "the server says no" in str(caught.value)
    assert isinstance(caught.value, deepseek_ocr.APIStatusError)
    assert isinstance(caught.value, deepseek_ocr.OcrError)


def test_http_errors_while_streaming_map_the_same_way(server, client, png):
    server.queue("default", error(401, "bad key"))

    with pytest.raises(deepseek_ocr.AuthenticationError) as caught:
        list(client.stream(png))

    assert caught.value.http_status == 401


def test_error_object_mid_stream_is_an_api_status_error(server, client, png):
    server.queue("default", sse(["one ", "two ", "three"], error_after=2))
    stream = client.stream(png)

    received = []
    with pytest.raises(deepseek_ocr.APIStatusError) as caught:
        for delta in stream:
            received.append(delta)

    assert received == ["one ", "two "]
    assert caught.value.status == Status.E_SERVER
    assert "model overloaded" in str(caught.value)
    with pytest.raises(deepseek_ocr.APIStatusError):
        stream.result
    assert list(stream) == []


def test_truncated_stream_is_a_protocol_error(server, client, png):
    server.queue("default", sse(["one ", "two "], truncate_after=1))

    with pytest.raises(deepseek_ocr.ProtocolError) as caught:
        list(client.stream(png))

    assert caught.value.status == Status.E_PROTOCOL


def test_malformed_json_answer_is_a_protocol_error(server, client, png):
    server.queue("default", raw(200, b'{"choices": [', "application/json"))

    with pytest.raises(deepseek_ocr.ProtocolError):
        client.ocr(png)


def test_bytes_that_are_not_an_image_are_an_image_error_before_anything_is_sent(server, client):
    with pytest.raises(deepseek_ocr.ImageError) as caught:
        client.ocr(b"this is plain text, not a picture")

    assert caught.value.status == Status.E_UNSUPPORTED_IMAGE
    assert caught.value.http_status is None
    assert server.requests == []


def test_missing_file_is_an_image_error_that_names_it(server, client, tmp_path):
    missing = tmp_path / "nowhere.png"

    with pytest.raises(deepseek_ocr.ImageError) as caught:
        client.ocr(missing)

    assert caught.value.status == Status.E_IO
    assert "nowhere.png" in str(caught.value)
    assert server.requests == []


def test_directory_is_an_image_error(client, tmp_path):
    with pytest.raises(deepseek_ocr.ImageError, match="directory"):
        client.ocr(tmp_path)


def test_image_over_max_image_bytes_is_too_large(server, png):
    with deepseek_ocr.Client(server.url, max_image_bytes=len(png) - 1) as client:
        with pytest.raises(deepseek_ocr.ImageTooLargeError) as caught:
            client.ocr(png)

    assert caught.value.status == Status.E_TOO_LARGE
    assert isinstance(caught.value, deepseek_ocr.ImageError)


def test_refused_connection_is_an_api_connection_error(png):
    with deepseek_ocr.Client("http://127.0.0.1:9", max_retries=0) as client:
        with pytest.raises(deepseek_ocr.APIConnectionError) as caught:
            client.ocr(png)

    assert caught.value.status == Status.E_NETWORK


def test_request_over_its_timeout_is_an_api_timeout_error(server, png):
    server.queue("default", hold())

    with deepseek_ocr.Client(server.url, timeout=0.5, max_retries=0) as client:
        with pytest.raises(deepseek_ocr.APITimeoutError) as caught:
            client.ocr(png)

    assert caught.value.status == Status.E_TIMEOUT
    assert isinstance(caught.value, deepseek_ocr.APIConnectionError)
    assert server.disconnected.wait(5)


def test_invalid_value_checked_by_the_library_is_a_value_error(client, png):
    with pytest.raises(ValueError) as caught:
        client.ocr(png, temperature=5.0)

    assert isinstance(caught.value, deepseek_ocr.InvalidArgumentError)
    assert caught.value.status == Status.E_INVALID_ARGUMENT
    assert "temperature" in str(caught.value)


def test_malformed_json_option_is_a_value_error(client, png):
    with pytest.raises(deepseek_ocr.InvalidArgumentError, match="response_format"):
        client.ocr(png, response_format="{not json")


def test_bad_base_url_is_a_value_error():
    with pytest.raises(deepseek_ocr.InvalidArgumentError):
        deepseek_ocr.Client("not a url")


def test_api_key_over_plain_http_to_another_host_is_refused_and_never_shown():
    with pytest.raises(deepseek_ocr.InvalidArgumentError) as caught:
        deepseek_ocr.Client("http://ocr.example.com", api_key="sk-very-secret")

    assert "sk-very-secret" not in str(caught.value)


def test_retries_are_passed_to_the_library(server, png):
    server.queue("default", error(503, "busy"), error(503, "busy"))

    with deepseek_ocr.Client(server.url, max_retries=1) as client:
        with pytest.raises(deepseek_ocr.APIStatusError):
            client.ocr(png)

    assert len(server.requests) == 2


@pytest.mark.parametrize(
    "status, exception_type",
    [
        (Status.E_INVALID_ARGUMENT, deepseek_ocr.InvalidArgumentError),
        (Status.E_IO, deepseek_ocr.ImageError),
        (Status.E_UNSUPPORTED_IMAGE, deepseek_ocr.ImageError),
        (Status.E_NETWORK, deepseek_ocr.APIConnectionError),
        (Status.E_TIMEOUT, deepseek_ocr.APITimeoutError),
        (Status.E_CANCELLED, deepseek_ocr.CancelledError),
        (Status.E_AUTH, deepseek_ocr.AuthenticationError),
        (Status.E_RATE_LIMITED, deepseek_ocr.RateLimitError),
        (Status.E_HTTP, deepseek_ocr.APIStatusError),
        (Status.E_SERVER, deepseek_ocr.APIStatusError),
        (Status.E_PROTOCOL, deepseek_ocr.ProtocolError),
        (Status.E_TOO_LARGE, deepseek_ocr.ImageTooLargeError),
        (Status.E_INTERNAL, deepseek_ocr.InternalError),
        (Status.E_FORKED, deepseek_ocr.ForkedProcessError),
        (Status.E_UNSUPPORTED_CPU, deepseek_ocr.UnsupportedCpuError),
        (Status.E_UNAVAILABLE, deepseek_ocr.UnavailableError),
    ],
)
def test_every_status_has_its_exception(status, exception_type):
    raised = error_for_status(status, "message from the library")

    assert type(raised) is exception_type
    assert raised.status == status
    assert str(raised) == "message from the library"


def test_an_unsupported_cpu_is_a_library_error_and_a_fork_refusal_is_not():
    assert isinstance(error_for_status(Status.E_UNSUPPORTED_CPU, "no SSE4.2"), deepseek_ocr.LibraryError)
    assert not isinstance(error_for_status(Status.E_FORKED, "forked"), deepseek_ocr.LibraryError)


def test_a_status_newer_than_the_bindings_is_still_an_ocr_error():
    raised = error_for_status(99, "something new")

    assert type(raised) is deepseek_ocr.OcrError
    assert raised.status == 99


def test_every_status_of_the_library_has_a_name():
    library = deepseek_ocr._loader.library()
    for status in Status:
        assert library.ocr_status_string(status).decode().startswith(f"OCR_{status.name}" if status else "OCR_OK")
