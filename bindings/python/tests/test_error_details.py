"""A failure's details reach the exception as fields, read from the library (ocr_last_error_details), not from the
message: the HTTP status, the server's error object, the request id and Retry-After."""

from __future__ import annotations

import asyncio
import pickle

import pytest

import deepseek_ocr
from deepseek_ocr import Status
from replies import error, raw, sse


def test_401_carries_the_error_object_and_the_request_id(server, client, png):
    server.queue("default", error(401, "Incorrect API key provided", code="invalid_api_key",
                      headers={"x-request-id": "req-401-abc"}))

    with pytest.raises(deepseek_ocr.AuthenticationError) as caught:
        client.ocr(png)

    raised = caught.value
    assert raised.status == Status.E_AUTH
    assert raised.status_code == 401 and raised.http_status == 401
    assert raised.type == "invalid_request_error"
    assert raised.code == "invalid_api_key"
    assert raised.param is None
    assert raised.request_id == "req-401-abc"
    assert raised.retry_after is None
    assert raised.body == {"message": "Incorrect API key provided", "type": "invalid_request_error", "param": None,
                           "code": "invalid_api_key"}
    assert "Incorrect API key provided" in raised.message == str(raised)


def test_404_carries_the_param_at_fault(server, client, png):
    server.queue("default", error(404, "The model 'deepseek-ocr' does not exist", code="model_not_found", param="model",
                      headers={"x-request-id": "req-404"}))

    with pytest.raises(deepseek_ocr.APIStatusError) as caught:
        client.ocr(png)

    raised = caught.value
    assert type(raised) is deepseek_ocr.APIStatusError
    assert raised.status == Status.E_HTTP
    assert raised.status_code == 404
    assert (raised.type, raised.code, raised.param) == ("invalid_request_error", "model_not_found", "model")
    assert raised.request_id == "req-404"
    assert raised.body["message"] == "The model 'deepseek-ocr' does not exist"


def test_429_carries_retry_after_in_seconds(server, client, png):
    server.queue("default", error(429, "Rate limit reached", type="rate_limit_error", code="rate_limit_exceeded",
                      headers={"Retry-After": "7", "x-request-id": "req-429"}))

    with pytest.raises(deepseek_ocr.RateLimitError) as caught:
        client.ocr(png)

    raised = caught.value
    assert raised.status == Status.E_RATE_LIMITED
    assert raised.status_code == 429
    assert raised.retry_after == 7.0
    assert (raised.type, raised.code) == ("rate_limit_error", "rate_limit_exceeded")
    assert raised.request_id == "req-429"


def test_500_with_a_numeric_code_gives_it_as_its_digits(server, client, png):
    server.queue("default", error(500, "The server had an error", type="server_error", code=500,
                      headers={"x-request-id": "req-500"}))

    with pytest.raises(deepseek_ocr.APIStatusError) as caught:
        client.ocr(png)

    raised = caught.value
    assert raised.status == Status.E_SERVER
    assert raised.status_code == 500
    assert (raised.type, raised.code, raised.param) == ("server_error", "500", None)
    assert raised.request_id == "req-500"
    assert raised.retry_after is None
    assert raised.body == {"message": "The server had an error", "type": "server_error", "param": None, "code": "500"}


def test_an_error_object_mid_stream_carries_its_fields(server, client, png):
    server.queue("default", sse(["one ", "two "], error_after=1, headers={"x-request-id": "req-stream"},
                    error_object={"message": "model overloaded", "type": "server_error", "code": "overloaded"}))

    received = []
    with pytest.raises(deepseek_ocr.APIStatusError) as caught:
        for delta in client.stream(png):
            received.append(delta)

    raised = caught.value
    assert received == ["one "]
    assert raised.status == Status.E_SERVER
    assert raised.status_code == 200  # the answer that failed arrived with 200; the error came inside it
    assert (raised.type, raised.code, raised.param) == ("server_error", "overloaded", None)
    assert raised.request_id == "req-stream"
    assert raised.body == {"message": "model overloaded", "type": "server_error", "param": None,
                           "code": "overloaded"}


def test_an_http_error_before_a_stream_starts_carries_its_fields(server, client, png):
    server.queue("default", error(401, "bad key", code="invalid_api_key", headers={"x-request-id": "req-s401"}))

    with pytest.raises(deepseek_ocr.AuthenticationError) as caught:
        list(client.stream(png))

    assert (caught.value.status_code, caught.value.code, caught.value.request_id) == (401, "invalid_api_key",
                                                                                      "req-s401")


def test_async_errors_carry_the_same_fields(server, png):
    server.queue("default", error(429, "slow down", type="rate_limit_error", headers={"Retry-After": "3"}))

    async def main():
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0) as client:
            return await client.ocr(png)

    with pytest.raises(deepseek_ocr.RateLimitError) as caught:
        asyncio.run(main())

    assert (caught.value.status_code, caught.value.type, caught.value.retry_after) == (429, "rate_limit_error", 3.0)


def test_a_failure_without_an_answer_has_no_http_fields(server, client):
    with pytest.raises(deepseek_ocr.ImageError) as caught:
        client.ocr(b"plain text, not an image")

    raised = caught.value
    assert raised.status == Status.E_UNSUPPORTED_IMAGE
    assert (raised.status_code, raised.type, raised.code, raised.param) == (None, None, None, None)
    assert (raised.body, raised.request_id, raised.retry_after) == (None, None, None)


def test_an_answer_without_an_error_object_has_no_body(server, client, png):
    server.queue("default", raw(503, b"Service Unavailable", "text/plain", headers={"x-request-id": "req-plain"}))

    with pytest.raises(deepseek_ocr.APIStatusError) as caught:
        client.ocr(png)

    raised = caught.value
    assert raised.status_code == 503
    assert (raised.body, raised.type, raised.code) == (None, None, None)
    assert raised.request_id == "req-plain"


@pytest.mark.parametrize("exception_type", [deepseek_ocr.RateLimitError, deepseek_ocr.UnsupportedCpuError,
                                            deepseek_ocr.InvalidArgumentError])
def test_errors_pickle_with_every_field(exception_type):
    # What a multiprocessing worker does with an error it raises, to send it to the parent.
    raised = exception_type("HTTP 429: slow down", Status.E_RATE_LIMITED, 429, type="rate_limit_error", code="rl",
                            body={"message": "slow down", "type": "rate_limit_error", "param": None, "code": "rl"},
                            request_id="req-1", retry_after=1.5)

    copy = pickle.loads(pickle.dumps(raised))

    assert type(copy) is exception_type
    assert str(copy) == "HTTP 429: slow down"
    assert copy.__dict__ == raised.__dict__
