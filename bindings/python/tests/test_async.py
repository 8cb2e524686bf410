"""AsyncClient: the same calls under asyncio, and the event loop never waits on the network."""

from __future__ import annotations

import asyncio
import time

import pytest

import deepseek_ocr
from replies import completion, echo_prompt, error, hold, sse


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, 20))


def test_async_ocr_returns_the_result(server, png):
    server.queue("default", completion("async text"))

    async def main():
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0) as client:
            return await client.ocr(png)

    result = run(main())
    assert result.text == "async text"
    assert result.finish_reason == "stop"


def test_async_calls_run_concurrently(server, png):
    server.define("default", echo_prompt())

    async def main():
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0) as client:
            return await asyncio.gather(*(client.ocr(png, prompt=f"p{i}") for i in range(20)))

    results = run(main())
    assert [r.text for r in results] == [f"p{i}" for i in range(20)]


def test_async_stream_yields_deltas_then_the_result(server, png):
    server.queue("default", sse(["al", "pha", " beta"]))

    async def main():
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0) as client:
            stream = client.stream(png)
            deltas = [delta async for delta in stream]
            return deltas, stream.result

    deltas, result = run(main())
    assert deltas == ["al", "pha", " beta"]
    assert result.text == "alpha beta"


def test_async_errors_are_the_same_exceptions(server, png):
    server.queue("default", error(429, "slow down"), error(401, "who are you"))

    async def main():
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0) as client:
            with pytest.raises(deepseek_ocr.RateLimitError) as rate:
                await client.ocr(png)
            with pytest.raises(deepseek_ocr.AuthenticationError) as auth:
                async for _ in client.stream(png):
                    pass
            return rate.value, auth.value

    rate, auth = run(main())
    assert rate.http_status == 429
    assert auth.http_status == 401


def test_the_event_loop_keeps_running_while_a_call_waits(server, png):
    server.queue("default", hold())

    async def main():
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0, timeout=1) as client:
            ticks = 0

            async def ticker():
                nonlocal ticks
                while True:
                    await asyncio.sleep(0.01)
                    ticks += 1

            ticking = asyncio.ensure_future(ticker())
            with pytest.raises(deepseek_ocr.APITimeoutError):
                await client.ocr(png)
            ticking.cancel()
            return ticks

    # About 100 ticks fit in the one-second wait; a blocked loop would manage none.
    assert run(main()) > 30


def test_cancelling_the_task_stops_the_request(server, png):
    server.queue("default", hold())

    async def main():
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0) as client:
            task = asyncio.ensure_future(client.ocr(png))
            while not server.holding.is_set():
                await asyncio.sleep(0.01)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    start = time.monotonic()
    run(main())
    assert server.disconnected.wait(2)
    assert time.monotonic() - start < 5


def test_breaking_out_of_an_async_stream_and_closing_it_stops_the_request(server, png):
    server.queue("default", sse(["first", "never"], hold_after=1))

    async def main():
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0) as client:
            async with client.stream(png) as stream:
                async for delta in stream:
                    assert delta == "first"
                    break

    start = time.monotonic()
    run(main())
    assert server.disconnected.wait(2)
    assert time.monotonic() - start < 3


def test_dropping_an_unfinished_async_stream_stops_the_request(server, png):
    server.queue("default", sse(["first", "never"], hold_after=1))

    async def main():
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0) as client:
            async for delta in client.stream(png):
                assert delta == "first"
                break
            assert server.disconnected.wait(2)

    run(main())
