"""Ctrl-C during a long call interrupts it at once instead of after its timeout."""

from __future__ import annotations

import _thread
import threading
import time

import pytest

from replies import hold, sse
from workers import leftover_workers


def interrupt_main_when(event: threading.Event) -> threading.Thread:
    def fire() -> None:
        if event.wait(10):
            time.sleep(0.1)
            _thread.interrupt_main()

    thread = threading.Thread(target=fire, daemon=True)
    thread.start()
    return thread


def test_ctrl_c_interrupts_a_waiting_ocr_call_and_stops_its_request(server, client, png):
    server.queue("default", hold())
    interrupter = interrupt_main_when(server.holding)

    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        client.ocr(png)

    assert time.monotonic() - start < 3  # the client's timeout is 30 s
    assert server.disconnected.wait(2)
    interrupter.join(5)
    assert leftover_workers() == []


def test_ctrl_c_interrupts_a_waiting_stream_and_stops_its_request(server, client, png):
    server.queue("default", sse(["first", "never"], hold_after=1))
    interrupter = interrupt_main_when(server.holding)

    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        for _ in client.stream(png):
            pass

    assert time.monotonic() - start < 3
    assert server.disconnected.wait(2)
    interrupter.join(5)
    assert leftover_workers() == []
