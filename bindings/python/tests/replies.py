"""Replies for the scripted test server (tests/server/scripted_server.py): each builder returns a scenario, data in
the language of tests/server/README.md, for `server.queue("default", ...)` or `server.define("default", ...)`.
Also the test images and a grounded answer the tests share."""

from __future__ import annotations

import base64
import struct
import zlib
from typing import Any, Dict, List, Optional

Scenario = Dict[str, Any]

DEFAULT_USAGE = {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A real (tiny, grey) PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def completion(text: str, *, finish_reason: str = "stop", usage: Optional[Dict[str, int]] = None,
               id: str = "chatcmpl-1", model: str = "deepseek-ocr", created: int = 1700000000) -> Scenario:
    return {"completion": text, "finish_reason": finish_reason, "usage": usage or DEFAULT_USAGE,
            "fields": {"id": id, "model": model, "created": created}}


def error(status: int, message: str, type: str = "invalid_request_error", *, code: Any = None, param: Any = None,
          headers: Optional[Dict[str, str]] = None) -> Scenario:
    """An OpenAI-style error answer: {"error": {"message", "type", "param", "code"}}, param and code only if given."""
    body: Dict[str, Any] = {"message": message, "type": type}
    if param is not None:
        body["param"] = param
    if code is not None:
        body["code"] = code
    return {"status": status, "headers": headers or {}, "json": {"error": body}}


def raw(status: int, body: bytes, content_type: str, *, headers: Optional[Dict[str, str]] = None) -> Scenario:
    return {"status": status, "headers": headers or {}, "content_type": content_type,
            "base64": base64.b64encode(body).decode()}


def sse(deltas: List[str], *, finish_reason: str = "stop", usage: Optional[Dict[str, int]] = None,
        hold_after: Optional[int] = None, error_after: Optional[int] = None, truncate_after: Optional[int] = None,
        delay: float = 0.0, error_object: Optional[Dict[str, Any]] = None,
        headers: Optional[Dict[str, str]] = None) -> Scenario:
    """A streamed answer: a role chunk, a chunk per delta, then finish, usage and [DONE]. hold_after=k: after k
    deltas, send nothing until the client goes away (or the hold limit). error_after=k: after k deltas send an error
    object (error_object, else a server_error "model overloaded"). truncate_after=k: after k deltas close without
    [DONE]. delay: seconds after each delta."""
    steps: List[Dict[str, Any]] = [{"role": "assistant", "delta": ""}]
    for index, delta in enumerate(deltas):
        if index == hold_after:
            return stream(steps + [{"hold": {"until": "close"}}], headers)
        if index == error_after:
            error = error_object or {"message": "model overloaded", "type": "server_error"}
            return stream(steps + [{"data": {"error": error}}], headers)
        if index == truncate_after:
            return stream(steps, headers)
        steps.append({"delta": delta})
        if delay:
            steps.append({"sleep_ms": delay * 1000})
    if hold_after == len(deltas):
        return stream(steps + [{"hold": {"until": "close"}}], headers)
    usage = usage or {"prompt_tokens": 10, "completion_tokens": len(deltas), "total_tokens": 10 + len(deltas)}
    return stream(steps + [{"finish": finish_reason}, {"usage": usage}, {"done": True}], headers)


def stream(steps: List[Dict[str, Any]], headers: Optional[Dict[str, str]]) -> Scenario:
    return {"headers": headers or {}, "chunk": {"id": "chatcmpl-s", "created": 1700000001}, "stream": steps}


def hold() -> Scenario:
    """Never answers: waits until the client goes away (or the hold limit)."""
    return {"steps": [{"hold": {"until": "close"}}]}


def echo_prompt() -> Scenario:
    """Answers with the request's prompt, so that concurrent callers can check they got their own answer."""
    return {"when_stream": sse(["${prompt}"]), "otherwise": completion("${prompt}")}


def by_image(answers: Dict[bytes, Scenario], otherwise: Scenario) -> Scenario:
    """A reply chosen by the image the request carries (its base64 in the body), else `otherwise`."""
    return {"when_body_has": {base64.b64encode(image).decode(): answer for image, answer in answers.items()},
            "otherwise": otherwise}


#: A markdown-mode answer as DeepSeek-OCR writes it: a title, a figure with two boxes, an HTML table, a Chinese line.
GROUNDED_MARKDOWN = (
    "<|ref|>title<|/ref|><|det|>[[84, 48, 915, 92]]<|/det|>\n# Report\n\n"
    "<|ref|>image<|/ref|><|det|>[[120, 200, 500, 420], [520, 200, 880, 420]]<|/det|>\n\n"
    "<|ref|>table<|/ref|><|det|>[[84, 460, 915, 600]]<|/det|>\n<table><tr><td>Q1</td></tr></table>\n\n"
    "<|ref|>text<|/ref|><|det|>[[84, 780, 915, 820]]<|/det|>\n营收增长。\n"
)
