"""The package works in child processes without the user doing anything: after os.fork() (the parent's client and
new ones), in multiprocessing pools and ProcessPoolExecutor with the fork start method after the parent used a client,
and with spawn and forkserver. Every child is bounded in time, so a hang fails the test instead of blocking it."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import multiprocessing
import os
import select
import signal
import time
import traceback
from pathlib import Path
from typing import Any, Callable, List

import pytest

import deepseek_ocr
import fork_workers
from replies import echo_prompt, error, sse

TEXT = "# Title\n\nHello, world."
CHILD_SECONDS = 60  # generous: a forked child loads a fresh 8 MiB library and starts its runtime


def run_in_fork(body: Callable[[], Any]) -> Any:
    """Runs body in a child made by os.fork() and returns what it returned (JSON); raises AssertionError with the
    child's traceback if it failed, and kills it if it does not finish within CHILD_SECONDS."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            os.close(read_end)
            try:
                payload = json.dumps({"value": body()})
                code = 0
            except BaseException:
                payload = json.dumps({"error": traceback.format_exc()})
            with os.fdopen(write_end, "w") as pipe:
                pipe.write(payload)
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        output = _read_all(read_end, time.monotonic() + CHILD_SECONDS)
    finally:
        os.close(read_end)
        status = _wait_or_kill(pid)
    assert output is not None, f"the forked child did not finish within {CHILD_SECONDS} s (killed)"
    answer = json.loads(output or '{"error": "the child wrote nothing"}')
    assert "error" not in answer, answer["error"]
    assert os.waitstatus_to_exitcode(status) == 0
    return answer["value"]


def _read_all(fd: int, deadline: float):
    chunks: List[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        readable, _, _ = select.select([fd], [], [], remaining)
        if readable:
            chunk = os.read(fd, 65536)
            if not chunk:
                return b"".join(chunks).decode()
            chunks.append(chunk)


def _wait_or_kill(pid: int) -> int:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    return os.waitpid(pid, 0)[1]


@pytest.fixture
def images(tmp_path: Path, png: bytes) -> List[str]:
    paths = []
    for index in range(4):
        path = tmp_path / f"page{index}.png"
        path.write_bytes(png)
        paths.append(str(path))
    return paths


def test_os_fork_child_uses_the_parents_client_and_new_ones(server, client, png):
    server.define("default", echo_prompt())
    assert client.ocr(png, prompt="parent").text == "parent"  # the parent's runtime is started, its client used
    parent_async = deepseek_ocr.AsyncClient(server.url, max_retries=0, timeout=30)

    def child():
        untouched = not fork_workers.loaded_a_fresh_copy()  # forking alone loads nothing
        reused = client.ocr(png, prompt="reused").text
        streamed = "".join(client.stream(png, prompt="streamed"))
        with deepseek_ocr.Client(server.url, max_retries=0, timeout=30) as made_here:
            new = made_here.ocr(png, prompt="new").text
        reused_async = asyncio.run(parent_async.ocr(png, prompt="async")).text
        client.close()  # frees the child's native client only
        return [untouched, reused, streamed, new, reused_async, fork_workers.loaded_a_fresh_copy(),
                deepseek_ocr.library_path()]

    untouched, reused, streamed, new, reused_async, fresh, path = run_in_fork(child)

    assert untouched and fresh
    assert [reused, streamed, new, reused_async] == ["reused", "streamed", "new", "async"]
    assert path == deepseek_ocr.library_path()  # the copy is reported as the file it was copied from
    assert client.ocr(png, prompt="parent again").text == "parent again"  # the parent's client is untouched
    asyncio.run(parent_async.close())


def test_a_grandchild_forked_from_a_child_that_used_the_library_works_too(server, client, png):
    client.ocr(png)

    def child():
        client.ocr(png)
        return run_in_fork(lambda: client.ocr(png).text)

    assert run_in_fork(child) == TEXT


def test_fresh_copy_falls_back_to_a_temporary_file_without_memfd_create(server, client, png, monkeypatch):
    client.ocr(png)

    def refuse(*_args):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(os, "memfd_create", refuse)

    def child():
        text = client.ocr(png).text
        with open("/proc/self/maps") as maps:
            copies = {line.split()[-2] if line.rstrip().endswith("(deleted)") else line.split()[-1]
                      for line in maps if "libdeepseek_ocr-" in line}
        return [text, sorted(copies), any(os.path.exists(copy) for copy in copies)]

    text, copies, still_on_disk = run_in_fork(child)

    assert text == TEXT
    assert copies, "the library was not loaded from a temporary copy"
    assert not still_on_disk  # unlinked once loaded


def test_a_stream_started_before_fork_fails_in_the_child_without_hanging(server, client, png):
    server.queue("default", sse(["first ", "second"], hold_after=1))
    stream = client.stream(png)
    assert next(stream) == "first "
    assert server.holding.wait(10)

    def child():
        started = time.monotonic()
        try:
            next(stream)
        except deepseek_ocr.ForkedProcessError as error:
            stream.close()
            return [error.status, time.monotonic() - started]
        return ["no error", 0]

    status, seconds = run_in_fork(child)

    assert status == deepseek_ocr.Status.E_FORKED
    assert seconds < 10
    stream.close()  # the parent's request is still its own, and stops
    assert server.disconnected.wait(10)


def test_multiprocessing_pool_with_fork_after_the_parent_used_a_client(server, client, images):
    server.define("default", echo_prompt())
    assert client.ocr(images[0], prompt="parent").text == "parent"
    fork_workers.CLIENT = client
    try:
        with multiprocessing.get_context("fork").Pool(2) as pool:
            answers = pool.map_async(fork_workers.ocr, jobs(images)).get(timeout=CHILD_SECONDS)
    finally:
        fork_workers.CLIENT = None

    assert [text for _pid, text, _fresh in answers] == [f"page {i}" for i in range(len(images))]
    assert all(fresh for _pid, _text, fresh in answers)
    assert os.getpid() not in {pid for pid, _text, _fresh in answers}


def test_an_error_in_a_forked_pool_worker_reaches_the_parent_with_its_fields(server, client, images):
    server.define("default", error(429, "slow down", type="rate_limit_error", headers={"x-request-id": "req-pool"}))
    fork_workers.CLIENT = client
    try:
        with multiprocessing.get_context("fork").Pool(1) as pool:
            with pytest.raises(deepseek_ocr.RateLimitError) as caught:
                pool.map_async(fork_workers.ocr, jobs(images[:1])).get(timeout=CHILD_SECONDS)
    finally:
        fork_workers.CLIENT = None

    assert (caught.value.status_code, caught.value.type, caught.value.request_id) == (429, "rate_limit_error",
                                                                                      "req-pool")


def test_process_pool_executor_with_fork_after_the_parent_used_a_client(server, client, images):
    server.define("default", echo_prompt())
    client.ocr(images[0], prompt="parent")
    fork_workers.CLIENT = client
    executor = concurrent.futures.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork"))
    try:
        answers = list(executor.map(fork_workers.ocr, jobs(images), timeout=CHILD_SECONDS))
    finally:
        fork_workers.CLIENT = None
        _shut_down(executor)

    assert [text for _pid, text, _fresh in answers] == [f"page {i}" for i in range(len(images))]
    assert all(fresh for _pid, _text, fresh in answers)


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_multiprocessing_pool_with_spawn_and_forkserver(server, client, images, method):
    server.define("default", echo_prompt())
    client.ocr(images[0], prompt="parent")
    context = multiprocessing.get_context(method)
    with context.Pool(2, initializer=fork_workers.make_client, initargs=(server.url,)) as pool:
        answers = pool.map_async(fork_workers.ocr, jobs(images)).get(timeout=CHILD_SECONDS * 2)

    assert [text for _pid, text, _fresh in answers] == [f"page {i}" for i in range(len(images))]
    assert not any(fresh for _pid, _text, fresh in answers)  # a new process loads the file itself


def jobs(images: List[str]) -> List[Any]:
    return [(path, f"page {index}") for index, path in enumerate(images)]


def _shut_down(executor: concurrent.futures.ProcessPoolExecutor) -> None:
    # A hung worker must fail the test, not block it: kill what is still running, then shut down.
    processes = list(getattr(executor, "_processes", {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(5)
        if process.is_alive():
            process.kill()
