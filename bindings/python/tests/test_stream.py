"""client.stream(): deltas in order, the whole result at the end, and a prompt stop when the consumer leaves."""

from __future__ import annotations

import gc
import time

import pytest

import deepseek_ocr
from replies import sse
from workers import leftover_workers


def test_stream_yields_deltas_in_order_then_the_whole_result(server, client, png):
    server.queue("default", sse(["# Ti", "tle\n\n", "Grüße ", "世界"],
                                usage={"prompt_tokens": 3, "completion_tokens": 4, "total_tokens": 7}))
    stream = client.stream(png)

    deltas = list(stream)

    assert deltas == ["# Ti", "tle\n\n", "Grüße ", "世界"]
    assert stream.result.text == "".join(deltas)
    assert stream.result.finish_reason == "stop"
    assert stream.result.id == "chatcmpl-s"
    assert stream.result.model == "deepseek-ocr"
    assert stream.result.created == 1700000001
    assert stream.result.usage == deepseek_ocr.Usage(3, 4, 7)
    assert server.requests[0].body["stream"] is True
    assert leftover_workers() == []


def test_stream_deltas_arrive_as_the_server_sends_them(server, client, png):
    # The server sends "a", then nothing until the test has seen it and releases the rest: a client that waited for
    # more before yielding would only see "a" after the hold ran out, followed by "late".
    server.queue("default", {"stream": [
        {"role": "assistant", "delta": ""}, {"delta": "a"},
        {"hold": {"until": "release", "limit_ms": 20000},
         "released": [{"delta": "b"}, {"delta": "c"}, {"end": "stop"}], "late": [{"delta": "late"}, {"end": "stop"}]}]})
    deltas = []

    for delta in client.stream(png):
        deltas.append(delta)
        if delta == "a":
            assert server.holding.wait(5)
            server.release()

    assert deltas == ["a", "b", "c"]


def test_stream_reports_length_finish_reason(server, client, png):
    server.queue("default", sse(["cut"], finish_reason="length"))
    with client.stream(png, max_tokens=1) as stream:
        assert list(stream) == ["cut"]

    assert stream.result.finish_reason == "length"
    assert server.requests[0].body["max_tokens"] == 1


def test_result_before_the_end_is_an_error_that_says_what_to_do(server, client, png):
    server.queue("default", sse(["a", "b"]))
    with client.stream(png) as stream:
        next(stream)
        with pytest.raises(RuntimeError, match="iterate it to the end"):
            stream.result


def test_breaking_out_of_the_loop_stops_the_request_promptly(server, client, png):
    server.queue("default", sse(["first", "never"], hold_after=1))

    start = time.monotonic()
    for delta in client.stream(png):
        assert delta == "first"
        break

    assert server.disconnected.wait(2)
    assert time.monotonic() - start < 2
    assert leftover_workers() == []


def test_leaving_the_with_block_stops_the_request(server, client, png):
    server.queue("default", sse(["first", "never"], hold_after=1))

    with client.stream(png) as stream:
        assert next(stream) == "first"
    start = time.monotonic()

    assert server.disconnected.wait(2)
    assert time.monotonic() - start < 2
    assert leftover_workers() == []
    assert list(stream) == []
    with pytest.raises(RuntimeError):
        stream.result


def test_dropping_an_unfinished_stream_stops_the_request(server, client, png):
    server.queue("default", sse(["first", "never"], hold_after=1))
    stream = client.stream(png)
    assert next(stream) == "first"

    del stream
    gc.collect()

    assert server.disconnected.wait(2)
    assert leftover_workers() == []


def test_closing_before_any_delta_stops_a_silent_server(server, client, png):
    server.queue("default", sse([], hold_after=0))
    stream = client.stream(png)
    stream.__enter__()
    assert server.holding.wait(5)

    stream.close()

    assert server.disconnected.wait(2)
    assert leftover_workers() == []


def test_a_stream_never_iterated_sends_nothing(server, client, png):
    stream = client.stream(png)
    stream.close()

    assert server.requests == []


def test_client_closed_during_a_stream_is_freed_after_it(server, png):
    server.queue("default", sse(["a", "b", "c"], delay=0.1))
    client = deepseek_ocr.Client(server.url, max_retries=0)
    stream = client.stream(png)
    assert next(stream) == "a"

    client.close()

    assert list(stream) == ["b", "c"]
    assert stream.result.text == "abc"
