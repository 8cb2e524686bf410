"""A loopback Chat Completions server for the tests: canned JSON and SSE answers, and a record of every request."""

from __future__ import annotations

import base64
import json
import select
import socket
import struct
import threading
import time
import zlib
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Deque, Dict, List, Optional

HOLD_LIMIT_SECONDS = 20.0  # a held answer never outlives a test by more than this


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A real (tiny, grey) PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


class Recorded:
    """One request as the server received it."""

    def __init__(self, path: str, headers: Dict[str, str], body: Dict[str, Any]) -> None:
        self.path = path
        self.headers = headers
        self.body = body

    @property
    def image_url(self) -> str:
        return self.body["messages"][-1]["content"][0]["image_url"]["url"]

    @property
    def image_bytes(self) -> bytes:
        return base64.b64decode(self.image_url.split(",", 1)[1])

    @property
    def prompt(self) -> str:
        return self.body["messages"][0]["content"]


Reply = Callable[["_Handler", Recorded], None]


def completion(text: str, *, finish_reason: str = "stop", usage: Optional[Dict[str, int]] = None,
               id: str = "chatcmpl-1", model: str = "deepseek-ocr", created: int = 1700000000) -> Reply:
    body = {
        "id": id, "object": "chat.completion", "created": created, "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish_reason}],
        "usage": usage or {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }
    return raw(200, json.dumps(body).encode(), "application/json")


def error(status: int, message: str, type: str = "invalid_request_error", *, code: Any = None, param: Any = None,
          headers: Optional[Dict[str, str]] = None) -> Reply:
    """An OpenAI-style error answer: {"error": {"message", "type", "param", "code"}}, param and code only if given."""
    body: Dict[str, Any] = {"message": message, "type": type}
    if param is not None:
        body["param"] = param
    if code is not None:
        body["code"] = code
    return raw(status, json.dumps({"error": body}).encode(), "application/json", headers=headers)


def raw(status: int, body: bytes, content_type: str, *, headers: Optional[Dict[str, str]] = None) -> Reply:
    def reply(handler: "_Handler", _request: Recorded) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        # Said explicitly: without it the library reuses the connection this HTTP/1.0 server is about to close,
        # and concurrent tests then fail now and then with a premature EOF.
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(body)

    return reply


def sse(deltas: List[str], *, finish_reason: str = "stop", usage: Optional[Dict[str, int]] = None,
        hold_after: Optional[int] = None, error_after: Optional[int] = None, truncate_after: Optional[int] = None,
        delay: float = 0.0, error_object: Optional[Dict[str, Any]] = None,
        headers: Optional[Dict[str, str]] = None) -> Reply:
    """A streamed answer. hold_after=k: after k deltas, wait until the client goes away (or the hold limit).
    error_after=k: after k deltas send an error object (error_object, else a server_error "model overloaded").
    truncate_after=k: after k deltas close without [DONE]."""

    def reply(handler: "_Handler", _request: Recorded) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.send_header("Cache-Control", "no-cache")
        handler.send_header("Connection", "close")
        handler.end_headers()

        def send(payload: Dict[str, Any]) -> None:
            handler.wfile.write(b"data: " + json.dumps(payload).encode() + b"\n\n")
            handler.wfile.flush()

        def chunk(delta: Dict[str, Any], finish: Optional[str] = None) -> Dict[str, Any]:
            return {"id": "chatcmpl-s", "object": "chat.completion.chunk", "created": 1700000001,
                    "model": "deepseek-ocr", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

        send(chunk({"role": "assistant", "content": ""}))
        for index, delta in enumerate(deltas):
            if index == hold_after:
                handler.server.hold(handler)  # type: ignore[attr-defined]
                return
            if index == error_after:
                send({"error": error_object or {"message": "model overloaded", "type": "server_error"}})
                return
            if index == truncate_after:
                return
            send(chunk({"content": delta}))
            if delay:
                time.sleep(delay)
        if len(deltas) == hold_after:
            handler.server.hold(handler)  # type: ignore[attr-defined]
            return
        send(chunk({}, finish_reason))
        final = chunk({}, None)
        final["choices"] = []
        final["usage"] = usage or {"prompt_tokens": 10, "completion_tokens": len(deltas), "total_tokens": 10 + len(deltas)}
        send(final)
        handler.wfile.write(b"data: [DONE]\n\n")

    return reply


def hold() -> Reply:
    """Never answers: waits until the client goes away (or the hold limit)."""

    def reply(handler: "_Handler", _request: Recorded) -> None:
        handler.server.hold(handler)  # type: ignore[attr-defined]

    return reply


def echo_prompt() -> Reply:
    """Answers with the request's prompt, so that concurrent callers can check they got their own answer."""

    def reply(handler: "_Handler", request: Recorded) -> None:
        if request.body.get("stream"):
            sse([request.prompt])(handler, request)
        else:
            completion(request.prompt)(handler, request)

    return reply


class _Handler(BaseHTTPRequestHandler):
    server: "FakeOcrServer"

    def log_message(self, format: str, *args: Any) -> None:  # silence the default stderr logging
        pass

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length", "0"))
        raw_body = self.rfile.read(length)
        request = Recorded(self.path, {k.lower(): v for k, v in self.headers.items()}, json.loads(raw_body or b"{}"))
        reply = self.server.record(request)
        try:
            reply(self, request)
        except (BrokenPipeError, ConnectionResetError):
            self.server.disconnected.set()


class FakeOcrServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # many clients connect at once in the thread tests

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        self.requests: List[Recorded] = []
        self.replies: Deque[Reply] = deque()
        self.default_reply: Reply = completion("# Title\n\nHello, world.")
        self.holding = threading.Event()
        self.disconnected = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> "FakeOcrServer":
        self._thread.start()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join(5)

    def then(self, *replies: Reply) -> "FakeOcrServer":
        """Queues replies for the next requests, in order; after them the default reply answers."""
        self.replies.extend(replies)
        return self

    def record(self, request: Recorded) -> Reply:
        with self._lock:
            self.requests.append(request)
            return self.replies.popleft() if self.replies else self.default_reply

    def hold(self, handler: _Handler) -> None:
        """Keeps the connection open, sending nothing, until the client closes it; sets `disconnected` then."""
        self.holding.set()
        connection: socket.socket = handler.connection
        deadline = time.monotonic() + HOLD_LIMIT_SECONDS
        while time.monotonic() < deadline:
            readable, _, _ = select.select([connection], [], [], 0.02)
            if readable:
                try:
                    if connection.recv(1, socket.MSG_PEEK) == b"":
                        self.disconnected.set()
                        return
                except OSError:
                    self.disconnected.set()
                    return


#: A markdown-mode answer as DeepSeek-OCR writes it: a title, a figure with two boxes, an HTML table, a Chinese line.
GROUNDED_MARKDOWN = (
    "<|ref|>title<|/ref|><|det|>[[84, 48, 915, 92]]<|/det|>\n# Report\n\n"
    "<|ref|>image<|/ref|><|det|>[[120, 200, 500, 420], [520, 200, 880, 420]]<|/det|>\n\n"
    "<|ref|>table<|/ref|><|det|>[[84, 460, 915, 600]]<|/det|>\n<table><tr><td>Q1</td></tr></table>\n\n"
    "<|ref|>text<|/ref|><|det|>[[84, 780, 915, 820]]<|/det|>\n营收增长。\n"
)
