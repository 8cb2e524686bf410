"""The values a call returns."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

from ._ctypes import ocr_result


@dataclass(frozen=True)
class Usage:
    """Token counts of one request; zeros when the server did not report them."""

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


@dataclass(frozen=True)
class OcrResult:
    """The recognised text of one image, with what the server said about it."""

    text: str
    """The recognised text (Markdown); for a stream, all deltas joined."""
    finish_reason: str
    """"stop", or "length" when max_tokens cut the text."""
    usage: Usage
    id: str
    model: str
    created: int
    """Unix time, seconds."""
    http_status: int

    def __str__(self) -> str:
        return self.text

    @classmethod
    def _from_native(cls, native: ocr_result) -> "OcrResult":
        # text may hold NUL bytes, so it is read by length rather than up to the first NUL.
        text = ctypes.string_at(native.text, native.text_len) if native.text else b""
        return cls(
            text=_decode(text),
            finish_reason=_decode(native.finish_reason),
            usage=Usage(native.usage.prompt_tokens, native.usage.completion_tokens, native.usage.total_tokens),
            id=_decode(native.id),
            model=_decode(native.model),
            created=native.created,
            http_status=native.http_status,
        )


def _decode(value: "bytes | None") -> str:
    # The header promises UTF-8; "replace" keeps a result readable should a server send something else.
    return value.decode("utf-8", "replace") if value else ""
