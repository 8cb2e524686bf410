"""Turns the Python arguments of ocr()/stream() into an ocr_request, keeping every buffer it points to alive."""

from __future__ import annotations

import ctypes
import inspect
import json
import math
import os
from typing import Any, Callable, FrozenSet, List, Mapping, Optional, Sequence, Tuple, TypedDict, TypeVar, Union

from ._ctypes import Mode, NativeLibrary, Status, c_uint8, ocr_image_source, ocr_request
from ._errors import InvalidArgumentError

#: What ``image`` may be: a path, the image's bytes, or an http(s)/data: URL string.
ImageSource = Union[str, "os.PathLike[str]", "os.PathLike[bytes]", bytes, bytearray, memoryview]

#: A JSON value given either as Python data or as a JSON text.
JsonArgument = Union[str, Mapping[str, Any], Sequence[Any]]

_URL_SCHEMES = ("http://", "https://", "data:")


def is_url(text: str) -> bool:
    """Whether an image or document given as a str is a URL (http, https or data:) rather than a path."""
    return text[:8].lower().startswith(_URL_SCHEMES)

#: In place of an image: a request without an image source, as ocr_document's (the pages are its images).
NO_IMAGE: Any = object()

#: The header's ocr_mode values, by the names the Python API and the CLI use ("free", "markdown", ...).
MODES = {mode.name.lower(): int(mode) for mode in Mode}
_INT32_MAX = 2**31 - 1


class RequestOptions(TypedDict, total=False):
    """The keyword arguments of ocr() and stream() (sync and async), written once; :meth:`Client.ocr` says what
    each means. ocr_many() and ocr_document() take some of them too (see :func:`option_names`)."""

    prompt: Optional[str]
    mode: Optional[str]
    locate_text: Optional[str]
    image_size: Optional[Tuple[int, int]]
    max_tokens: Optional[int]
    temperature: Optional[float]
    top_p: Optional[float]
    response_format: Optional[JsonArgument]
    tools: Optional[JsonArgument]
    extra_body: Optional[JsonArgument]
    more_images: Optional[Sequence[ImageSource]]


def option_names(*left_out: str) -> FrozenSet[str]:
    """The names of :class:`RequestOptions`, less those a call sets itself or cannot take."""
    return frozenset(RequestOptions.__annotations__) - set(left_out)


_Function = TypeVar("_Function", bound=Callable[..., Any])


def with_option_keywords(function: _Function) -> _Function:
    """Shows the :class:`RequestOptions` as keyword-only parameters (default None) in ``help()`` and
    ``inspect.signature``, where ``**options`` would hide them; type checkers read the ``Unpack`` annotation."""
    signature = inspect.signature(function)
    kept = [p for p in signature.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
    # A TypedDict keeps its annotations as ForwardRefs; help() shows their text.
    keywords = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None,
                                  annotation=getattr(annotation, "__forward_arg__", annotation))
                for name, annotation in RequestOptions.__annotations__.items()]
    function.__signature__ = signature.replace(parameters=kept + keywords)  # type: ignore[attr-defined]
    return function


def check_keywords(caller: str, options: Mapping[str, Any]) -> None:
    """Refuses a keyword ocr()/stream() do not take, as Python would for a written-out signature."""
    for name in options:
        if name not in RequestOptions.__annotations__:
            raise TypeError(f"{caller}() got an unexpected keyword argument {name!r}")


class PreparedRequest:
    """An ocr_request plus the Python objects its pointers refer to; they live as long as this object."""

    def __init__(self, native: NativeLibrary, image: ImageSource, options: Mapping[str, Any]) -> None:
        # options: RequestOptions, their names already checked by the caller; one left out takes the header's default.
        self._keep: List[Any] = []
        self.struct = ocr_request()
        native.ocr_request_init_size(ctypes.byref(self.struct), ctypes.sizeof(self.struct))
        if image is not NO_IMAGE:
            self._set_image(image)
        self.struct.prompt = self._text("prompt", options.get("prompt"))
        self.struct.mode = _mode(options.get("mode"))
        self.struct.locate_text = self._text("locate_text", options.get("locate_text"))
        image_size = options.get("image_size")
        if image_size is not None:
            width, height = image_size
            self.struct.image_width = _int32("image_size width", width)
            self.struct.image_height = _int32("image_size height", height)
        self.struct.max_tokens = _int32("max_tokens", options.get("max_tokens"))
        self.struct.temperature = _number("temperature", options.get("temperature"))
        self.struct.top_p = _number("top_p", options.get("top_p"))
        self.struct.response_format_json = self._json("response_format", options.get("response_format"))
        self.struct.tools_json = self._json("tools", options.get("tools"))
        self.struct.extra_body_json = self._json("extra_body", options.get("extra_body"))
        more_images = options.get("more_images")
        if more_images is not None:
            self._set_more_images(more_images)

    def _set_more_images(self, images: Sequence[ImageSource]) -> None:
        # Several images in one request: each sent after the first, answered together (pages split by the model).
        if isinstance(images, (str, bytes, bytearray, memoryview, os.PathLike)):
            raise TypeError("more_images must be a sequence of images (paths, bytes or URLs), not one image")
        images = list(images)
        if not images:
            return
        array = (ocr_image_source * len(images))()
        for index, image in enumerate(images):
            self._set_source(array[index], image, f"more_images[{index}]")
        self._keep.append(array)
        self.struct.more_images = array
        self.struct.more_image_count = len(images)

    def _set_image(self, image: ImageSource) -> None:
        kind, value = self._source(image, "image")
        if kind == "url":
            self.struct.image_url = value
        elif kind == "path":
            self.struct.image_path = value
        else:
            self.struct.image_data = ctypes.cast(ctypes.c_char_p(value), ctypes.POINTER(c_uint8))
            self.struct.image_size = len(value)

    def _set_source(self, target: ocr_image_source, image: ImageSource, name: str) -> None:
        kind, value = self._source(image, name)
        if kind == "url":
            target.url = value
        elif kind == "path":
            target.path = value
        else:
            target.data = ctypes.cast(ctypes.c_char_p(value), ctypes.POINTER(c_uint8))
            target.size = len(value)

    def _source(self, image: ImageSource, name: str) -> Tuple[str, bytes]:
        """("url" | "path" | "data", the bytes the struct points to, kept alive by this object)."""
        if isinstance(image, str) and is_url(image):
            return "url", self._bytes(name, image.encode("utf-8"))
        if isinstance(image, (str, os.PathLike)):
            path = os.fsencode(image)
            if not path:
                raise InvalidArgumentError(f"{name} is an empty path", Status.E_INVALID_ARGUMENT)
            return "path", self._bytes(name, path)
        if isinstance(image, (bytes, bytearray, memoryview)):
            # bytes are passed without a copy; a bytearray or memoryview is copied once, so that the caller
            # changing it during the call cannot change what is sent.
            data = image if isinstance(image, bytes) else memoryview(image).tobytes()
            self._keep.append(data)
            return "data", data
        raise TypeError(
            f"{name} must be a path (str or os.PathLike), an http(s):// or data: URL string, or the image's "
            f"bytes (bytes, bytearray or memoryview), not {type(image).__name__}"
        )

    def _text(self, name: str, value: Optional[str]) -> Optional[bytes]:
        if value is None:
            return None
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a str or None, not {type(value).__name__}")
        return self._bytes(name, value.encode("utf-8"))

    def _bytes(self, name: str, value: bytes) -> bytes:
        if b"\0" in value:
            raise InvalidArgumentError(f"{name} contains a NUL character", Status.E_INVALID_ARGUMENT)
        self._keep.append(value)
        return value

    def _json(self, name: str, value: Optional[JsonArgument]) -> Optional[bytes]:
        # A str is taken as JSON text already; anything else is serialised. The library checks the shape.
        if value is None or isinstance(value, str):
            return self._text(name, value)
        try:
            text = json.dumps(value, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as error:
            raise TypeError(f"{name} must be JSON-serialisable: {error}") from error
        return self._text(name, text)


def _mode(value: Optional[str]) -> int:
    if value is None:
        return 0
    if not isinstance(value, str):
        raise TypeError(f"mode must be a str or None, not {type(value).__name__}")
    if value not in MODES:
        raise InvalidArgumentError(f"mode must be one of {', '.join(MODES)}, not {value!r}", Status.E_INVALID_ARGUMENT)
    return MODES[value]


def _int32(name: str, value: Optional[int]) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int or None, not {type(value).__name__}")
    if not 0 < value <= _INT32_MAX:
        raise InvalidArgumentError(f"{name} must be between 1 and {_INT32_MAX}, got {value}", Status.E_INVALID_ARGUMENT)
    return value


def _number(name: str, value: Optional[float]) -> float:
    if value is None:
        return math.nan  # the header's "not sent"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number or None, not {type(value).__name__}")
    return float(value)
