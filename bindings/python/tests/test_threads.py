"""One client shared by many threads."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import deepseek_ocr
from replies import echo_prompt, sse


def test_many_threads_share_one_client_and_each_gets_its_own_answer(server, client, png):
    server.define("default", echo_prompt())

    def work(index: int) -> bool:
        prompt = f"<image>\nrequest {index}"
        if index % 2:
            return client.ocr(png, prompt=prompt).text == prompt
        stream = client.stream(png, prompt=prompt)
        return "".join(stream) == prompt and stream.result.text == prompt

    with ThreadPoolExecutor(max_workers=16) as pool:
        outcomes = list(pool.map(work, range(96)))

    assert all(outcomes)
    assert len(server.requests) == 96


def test_errors_stay_with_the_thread_that_made_the_call(server, client, png, tmp_path):
    server.define("default", echo_prompt())
    missing = tmp_path / "missing.png"

    def work(index: int) -> str:
        try:
            if index % 2:
                client.ocr(missing)
            else:
                client.ocr(b"not an image at all")
        except deepseek_ocr.ImageError as error:
            return str(error)
        return "no error"

    with ThreadPoolExecutor(max_workers=8) as pool:
        messages = list(pool.map(work, range(64)))

    for index, message in enumerate(messages):
        assert ("missing.png" in message) == bool(index % 2), message


def test_close_while_other_threads_call_lets_them_finish(server, png):
    server.queue("default", *[sse(["x", "y"], delay=0.05) for _ in range(4)])
    client = deepseek_ocr.Client(server.url, max_retries=0)
    started = threading.Barrier(5)
    texts = []

    def work() -> None:
        stream = client.stream(png)
        first = next(stream)
        started.wait(5)
        texts.append(first + "".join(stream))

    workers = [threading.Thread(target=work) for _ in range(4)]
    for worker in workers:
        worker.start()
    started.wait(5)
    client.close()
    for worker in workers:
        worker.join(10)

    assert texts == ["xy"] * 4
    assert client._here.current().handle is None  # freed by the last call to finish
