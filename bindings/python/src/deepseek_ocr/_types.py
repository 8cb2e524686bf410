"""The values a call returns."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Optional, Tuple

from ._ctypes import ocr_region, ocr_result


@dataclass(frozen=True)
class Usage:
    """Token counts of one request; zeros when the server did not report them."""

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


#: A box as (x1, y1, x2, y2): left, top, right, bottom.
Box = Tuple[int, int, int, int]


@dataclass(frozen=True)
class Region:
    """A region of the answer's grounding markup (<|ref|>label<|/ref|><|det|>[[boxes]]<|/det|> and its content)."""

    label: str
    """"title", "text", "table", "image", "image_caption", "equation", ...; in the ocr and locate modes the text."""
    text: str
    """What the model wrote for the region (trimmed); in the ocr and locate modes the ref's text."""
    boxes: Tuple[Box, ...]
    """In pixels of the source image, int(v / 999 * size) as the official scripts; empty when its size is unknown."""
    boxes_normalized: Tuple[Box, ...]
    """As the model sent them: 0 to 999 across the image."""


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
    markdown: str = ""
    """The text without grounding tags, image regions as ![](images/N.jpg) links (N from 0)."""
    regions: Tuple[Region, ...] = field(default=())
    """The labelled regions parsed from the text (grounding modes); markup cut short ends the parse."""
    image_size: Optional[Tuple[int, int]] = None
    """The source image's (width, height) when known: the pixel boxes are in it."""

    @property
    def raw_text(self) -> str:
        """The text as the server sent it, grounding tags included (the same as ``text``)."""
        return self.text

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
            markdown=_decode(native.markdown),
            regions=tuple(_region(native.regions[index]) for index in range(native.region_count)),
            image_size=(native.image_width, native.image_height) if native.image_width > 0 else None,
        )


def _region(native: ocr_region) -> Region:
    boxes = [native.boxes[index] for index in range(native.box_count)]
    return Region(
        label=_decode(native.label),
        text=_decode(native.text),
        boxes=tuple((b.x1, b.y1, b.x2, b.y2) for b in boxes if b.x1 >= 0),
        boxes_normalized=tuple((b.norm_x1, b.norm_y1, b.norm_x2, b.norm_y2) for b in boxes),
    )


def _decode(value: "bytes | None") -> str:
    # The header promises UTF-8; "replace" keeps a result readable should a server send something else.
    return value.decode("utf-8", "replace") if value else ""
