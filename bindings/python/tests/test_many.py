"""client.ocr_many(): many images in flight from one thread over ocr_multi, against the loopback server that counts
what it receives (requests, requests at once, clients that went away)."""

from __future__ import annotations

import _thread
import asyncio
import base64
import subprocess
import sys
import threading
import time
from typing import Callable, Iterable, Iterator, List

import pytest

import deepseek_ocr
from replies import Scenario, by_image, completion, error, hold, png_bytes
from test_fork import run_in_fork
from workers import leftover_workers


def answers_by_width(answered: Iterable[int], delay: Callable[[int], float] = lambda width: 0.0) -> Scenario:
    """Answers the image of each width in `answered` (the tests tell their images apart by width) with "page W" after
    delay(W) seconds, and holds any other (never answers: the request waits until the client goes away). The server
    counts what the tests check: requests at once (`most_at_once`), clients that went away (`gone`)."""
    return by_image({png_bytes(width=width): {"delay_ms": delay(width) * 1000, "then": completion(f"page {width}")}
                     for width in answered}, otherwise=hold())


def pages(count: int) -> List[bytes]:
    return [png_bytes(width=width) for width in range(1, count + 1)]


def texts(values) -> List[str]:
    return [value.text if isinstance(value, deepseek_ocr.OcrResult) else repr(value) for value in values]


def test_results_come_in_the_order_of_the_images(server, client):
    # Later images answer sooner, so the completions arrive reversed.
    server.define("default", answers_by_width(range(1, 11), delay=lambda width: (10 - width) * 0.03))

    values = list(client.ocr_many(pages(10), concurrency=10))

    assert texts(values) == [f"page {width}" for width in range(1, 11)]
    assert len(server.requests) == 10


def test_as_completed_yields_index_and_result_pairs_as_they_end(server, client):
    server.define("default", answers_by_width(range(1, 7), delay=lambda width: (6 - width) * 0.3))

    pairs = list(client.ocr_many(pages(6), concurrency=6, ordered=False))

    assert sorted(index for index, _ in pairs) == list(range(6))
    assert all(value.text == f"page {index + 1}" for index, value in pairs)
    assert [index for index, _ in pairs][:2] == [5, 4]  # the fastest first: 0.3 s apart, a wide margin


def test_a_bad_image_yields_its_error_in_its_slot_and_the_others_succeed(server, client, tmp_path):
    server.define("default", answers_by_width(range(1, 4)))
    good = pages(3)
    images = [good[0], b"not an image", str(tmp_path / "missing.png"), 123, good[1], "a\0b", good[2]]

    values = list(client.ocr_many(images, concurrency=4))

    assert len(values) == 7
    assert [values[i].text for i in (0, 4, 6)] == ["page 1", "page 2", "page 3"]
    assert isinstance(values[1], deepseek_ocr.ImageError) and values[1].status == deepseek_ocr.Status.E_UNSUPPORTED_IMAGE
    assert isinstance(values[2], deepseek_ocr.ImageError) and values[2].status == deepseek_ocr.Status.E_IO
    assert isinstance(values[3], TypeError)
    assert isinstance(values[5], deepseek_ocr.InvalidArgumentError)
    assert len(server.requests) == 3


def test_a_server_error_for_one_image_is_that_images_error_with_its_details(server, client):
    server.define("default", answers_by_width(range(1, 3)))
    server.queue("default", error(400, "bad page", code="page_error", param="image"))

    values = list(client.ocr_many(pages(2), concurrency=1))

    assert isinstance(values[0], deepseek_ocr.APIStatusError)
    assert (values[0].status_code, values[0].code, values[0].param) == (400, "page_error", "image")
    assert "bad page" in str(values[0])
    assert values[1].text == "page 2"


def test_the_concurrency_bound_holds_at_the_server(server, client):
    server.define("default", answers_by_width(range(1, 41), delay=lambda width: 0.05))

    values = list(client.ocr_many(pages(40), concurrency=5))

    assert len(values) == 40 and all(isinstance(value, deepseek_ocr.OcrResult) for value in values)
    assert server.most_at_once("default") <= 5
    assert server.most_at_once("default") >= 2  # it does run several at once


def test_images_are_taken_lazily_from_the_iterable(server, client):
    server.define("default", answers_by_width(range(1, 51), delay=lambda width: 0.02))
    taken = []

    def images() -> Iterator[bytes]:
        for number in range(10_000):
            taken.append(number)
            yield png_bytes(width=number % 50 + 1)

    with client.ocr_many(images(), concurrency=8) as results:
        first = [next(results) for _ in range(3)]

    assert [value.text for value in first] == ["page 1", "page 2", "page 3"]
    assert len(taken) < 8 * 3 + 3  # concurrency plus a small margin ahead, never the whole iterable


def test_breaking_out_cancels_the_requests_in_flight(server, client):
    server.define("default", answers_by_width([1]))  # only the first image is answered

    start = time.monotonic()
    for value in client.ocr_many(pages(100), concurrency=4):
        assert value.text == "page 1"
        break

    assert time.monotonic() - start < 10  # the holds last 20 s
    deadline = time.monotonic() + 5
    while server.gone("default") < len(server.requests) - 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.gone("default") == len(server.requests) - 1  # every held request was cancelled
    assert len(server.requests) <= 4 + 1 + 4  # never all 100: in flight plus the margin queued at most
    assert leftover_workers() == []


def test_dropping_the_iterator_unfinished_cancels_too(server, client):
    server.define("default", answers_by_width([1]))

    results = client.ocr_many(pages(50), concurrency=3)
    next(results)
    deadline = time.monotonic() + 10
    # The next two are held at the server (every request after the first is).
    while len(server.requests) < 1 + 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    del results

    deadline = time.monotonic() + 5
    while server.gone("default") < len(server.requests) - 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert 2 <= server.gone("default") == len(server.requests) - 1


def test_progress_counts_each_image_once(server, client):
    server.define("default", answers_by_width(range(1, 6)))
    seen = []

    values = list(client.ocr_many(pages(5) + [b"bad"], concurrency=2, progress=lambda done, total: seen.append((done, total))))

    assert len(values) == 6
    assert seen == [(done, 6) for done in range(1, 7)]


def test_bad_options_are_refused_up_front_not_per_image(client):
    with pytest.raises(deepseek_ocr.InvalidArgumentError):
        client.ocr_many(pages(2), mode="shout")
    with pytest.raises(TypeError):
        client.ocr_many(pages(2), colour="blue")
    with pytest.raises(deepseek_ocr.InvalidArgumentError):
        client.ocr_many(pages(2), concurrency=0)
    with pytest.raises(TypeError):
        client.ocr_many("one/path.png")  # iterable by character: refused


def test_request_options_reach_every_request(server, client):
    server.define("default", answers_by_width(range(1, 4)))

    list(client.ocr_many(pages(3), concurrency=3, prompt="read it", max_tokens=77))

    assert [request.prompt for request in server.requests] == ["read it"] * 3
    assert [request.body["max_tokens"] for request in server.requests] == [77] * 3


def test_paths_and_urls_are_images_too(server, client, tmp_path):
    server.define("default", answers_by_width([7, 9]))
    path = tmp_path / "page.png"
    path.write_bytes(png_bytes(width=7))
    data_url = "data:image/png;base64," + base64.b64encode(png_bytes(width=9)).decode()

    values = list(client.ocr_many([str(path), path, data_url], concurrency=2))

    assert texts(values) == ["page 7", "page 7", "page 9"]


def test_ctrl_c_stops_the_iteration_and_its_requests_at_once(server, client):
    server.define("default", hold())  # no image is answered

    def interrupt() -> None:
        if server.holding.wait(10):
            time.sleep(0.2)
            _thread.interrupt_main()

    interrupter = threading.Thread(target=interrupt, daemon=True)
    interrupter.start()
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        list(client.ocr_many(pages(20), concurrency=4))

    assert time.monotonic() - start < 5
    deadline = time.monotonic() + 5
    while server.gone("default") < len(server.requests) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.gone("default") == len(server.requests)
    interrupter.join(5)


def test_an_empty_iterable_yields_nothing(client):
    assert list(client.ocr_many([])) == []


def test_a_closed_client_refuses(server):
    client = deepseek_ocr.Client(server.url)
    client.close()
    with pytest.raises(deepseek_ocr.InvalidArgumentError):
        client.ocr_many(pages(1))


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, 30))


def test_async_ocr_many_in_order_and_as_completed(server):
    server.define("default", answers_by_width(range(1, 7), delay=lambda width: (6 - width) * 0.05))

    async def main():
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0) as client:
            in_order = [value async for value in client.ocr_many(pages(6), concurrency=6)]
            as_completed = [pair async for pair in client.ocr_many(pages(6) + [b"bad"], ordered=False)]
            return in_order, as_completed

    in_order, as_completed = run(main())
    assert texts(in_order) == [f"page {width}" for width in range(1, 7)]
    assert sorted(index for index, _ in as_completed) == list(range(7))
    errors = [index for index, value in as_completed if isinstance(value, deepseek_ocr.ImageError)]
    assert errors == [6]


def test_async_ocr_many_keeps_the_loop_free_and_cancels_on_break(server):
    server.define("default", answers_by_width([1]))
    ticks = []

    async def ticker():
        while True:
            ticks.append(time.monotonic())
            await asyncio.sleep(0.01)

    async def main():
        tick = asyncio.ensure_future(ticker())
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0) as client:
            async with client.ocr_many(pages(30), concurrency=4) as results:
                async for value in results:
                    assert value.text == "page 1"
                    await asyncio.sleep(0.3)  # the loop runs while the others wait at the server
                    break
        tick.cancel()

    run(main())
    assert len(ticks) > 10
    deadline = time.monotonic() + 5
    while server.gone("default") < len(server.requests) - 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.gone("default") == len(server.requests) - 1
    assert leftover_workers() == []


def test_async_ocr_many_cancelled_task_cancels_the_requests(server):
    server.define("default", hold())

    async def main():
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0) as client:
            async def consume():
                return [value async for value in client.ocr_many(pages(10), concurrency=3)]

            task = asyncio.ensure_future(consume())
            await asyncio.get_running_loop().run_in_executor(None, server.holding.wait, 10)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    run(main())
    deadline = time.monotonic() + 5
    while server.gone("default") < len(server.requests) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert 0 < server.gone("default") == len(server.requests) <= 3 + 4
    assert leftover_workers() == []


def test_async_ocr_many_reads_an_async_generator_lazily_on_the_loop(server):
    server.define("default", answers_by_width(range(1, 51), delay=lambda width: 0.02))
    taken = []
    loops = set()

    async def images():
        for number in range(10_000):
            loops.add(id(asyncio.get_running_loop()))  # it runs on the consumer's loop, not on a thread of its own
            taken.append(number)
            await asyncio.sleep(0)
            yield png_bytes(width=number % 50 + 1)

    async def main():
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0) as client:
            async with client.ocr_many(images(), concurrency=8) as results:
                first = [await results.__anext__() for _ in range(3)]
            return first, id(asyncio.get_running_loop())

    first, loop = run(main())
    assert texts(first) == ["page 1", "page 2", "page 3"]
    assert len(taken) < 8 * 3 + 3  # concurrency plus a small margin ahead, never the whole iterable
    assert loops == {loop}
    assert leftover_workers() == []


def test_async_ocr_many_of_an_async_generator_that_raises_ends_with_its_error(server):
    server.define("default", answers_by_width(range(1, 4)))

    async def images():
        for number in range(1, 4):
            yield png_bytes(width=number)
        raise RuntimeError("the listing failed")

    async def main():
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0) as client:
            seen = []
            with pytest.raises(RuntimeError, match="the listing failed"):
                async for value in client.ocr_many(images(), concurrency=2, ordered=False):
                    seen.append(value)
            return seen

    seen = run(main())
    assert len(seen) <= 3  # what ended before the error, never more than was listed
    assert leftover_workers() == []


def test_async_ocr_many_of_an_empty_async_iterable_yields_nothing(server):
    async def nothing():
        return
        yield  # an async generator that yields nothing

    async def main():
        async with deepseek_ocr.AsyncClient(server.url, max_retries=0) as client:
            return [value async for value in client.ocr_many(nothing())]

    assert run(main()) == []
    assert server.requests == []


def cli(env, *arguments):
    return subprocess.run([sys.executable, "-m", "deepseek_ocr", *arguments], capture_output=True, env=env, timeout=60)


def test_cli_jobs_runs_that_many_at_once_in_order(server, subprocess_env, tmp_path):
    server.define("default", answers_by_width(range(1, 13), delay=lambda width: 0.1))
    paths = []
    for width in range(1, 13):
        path = tmp_path / f"p{width:02}.png"
        path.write_bytes(png_bytes(width=width))
        paths.append(str(path))
    missing = str(tmp_path / "missing.png")

    run_ = cli(subprocess_env, "--base-url", server.url, "--jobs", "4", *paths[:6], missing,
               *paths[6:])

    assert run_.returncode == 1
    expected = "".join(f"<!-- {path} -->\npage {number}\n" for number, path in enumerate(paths, 1))
    assert run_.stdout.decode() == expected
    assert run_.stderr.decode().count("\n") == 1 and missing in run_.stderr.decode()
    assert 2 <= server.most_at_once("default") <= 4


def test_other_threads_run_while_it_waits(server, client):
    # ocr_multi_wait is a foreign call, which releases the GIL.
    server.define("default", answers_by_width(range(1, 5), delay=lambda width: 0.3))
    counted = []
    stop = threading.Event()

    def count() -> None:
        while not stop.is_set():
            counted.append(1)
            time.sleep(0.001)

    counter = threading.Thread(target=count, daemon=True)
    counter.start()
    try:
        values = list(client.ocr_many(pages(4), concurrency=4))
    finally:
        stop.set()
        counter.join(5)

    assert len(values) == 4
    # About 300 in the 0.3 s the answers take; a wait holding the GIL would let it run only between slices.
    assert len(counted) > 30


def test_a_forked_child_runs_its_own_ocr_many_and_refuses_the_parents(server, client):
    server.define("default", answers_by_width(range(1, 4)))
    started = client.ocr_many(pages(3), concurrency=1)
    assert next(started).text == "page 1"  # a multi of the parent's, with items still in flight

    def child():
        own = texts(client.ocr_many(pages(2), concurrency=2))
        try:
            next(started)
            refused = "no"
        except deepseek_ocr.ForkedProcessError:
            refused = "ForkedProcessError"
        return own, refused

    assert run_in_fork(child) == [["page 1", "page 2"], "ForkedProcessError"]
    assert texts(started) == ["page 2", "page 3"]  # the parent's goes on


def test_repr_says_how_far_it_got(server, client):
    server.define("default", answers_by_width(range(1, 3)))
    many = client.ocr_many(pages(2), concurrency=3, ordered=False)

    assert repr(many) == "<deepseek_ocr.OcrMany concurrency=3 ordered=False 0 ended, 0 in flight>"
    list(many)
    assert repr(many) == "<deepseek_ocr.OcrMany concurrency=3 ordered=False finished>"


def test_an_iterable_that_raises_ends_the_run_with_its_error_and_cancels_the_rest(server, client):
    server.define("default", hold())

    def images():
        yield from pages(3)
        server.holding.wait(10)
        raise RuntimeError("the listing failed")

    with pytest.raises(RuntimeError, match="the listing failed"):
        list(client.ocr_many(images(), concurrency=4))

    deadline = time.monotonic() + 5
    while server.gone("default") < len(server.requests) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert 0 < server.gone("default") == len(server.requests) <= 3
