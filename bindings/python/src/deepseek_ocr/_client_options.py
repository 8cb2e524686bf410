"""The constructor arguments of a client as ocr_client_options fields.

Only what the C field would misread is refused here (a NUL in a string, 0 read as "default", a negative read as
"default", a number past the field's width); the library checks ranges and says them.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from ._ctypes import Status
from ._errors import InvalidArgumentError
from ._pickling import Secret

_INT32_MAX = 2**31 - 1


def native_options(
    *,
    base_url: Optional[str],
    api_key: Optional[str],
    model: Optional[str],
    timeout: Optional[float],
    connect_timeout: Optional[float],
    idle_timeout: Optional[float],
    max_retries: Optional[int],
    allow_insecure_http: bool,
    max_image_bytes: Optional[int],
) -> Dict[str, Any]:
    """The ocr_client_options fields by name, checked; the key stays a Secret so that no repr() shows it."""
    return {
        "base_url": _utf8("base_url", base_url),
        "api_key": Secret(_utf8("api_key", api_key)),
        "model": _utf8("model", model),
        "timeout_ms": _milliseconds("timeout", timeout),
        "connect_timeout_ms": _milliseconds("connect_timeout", connect_timeout),
        "idle_timeout_ms": _milliseconds("idle_timeout", idle_timeout),
        "max_retries": _retries(max_retries),
        "allow_insecure_http": 1 if allow_insecure_http else 0,
        "max_image_bytes": _image_bytes(max_image_bytes),
    }


def _utf8(name: str, value: Optional[str]) -> Optional[bytes]:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str or None, not {type(value).__name__}")
    if "\0" in value:
        raise InvalidArgumentError(f"{name} contains a NUL character", Status.E_INVALID_ARGUMENT)
    return value.encode("utf-8")


def _milliseconds(name: str, seconds: Optional[float]) -> int:
    # The library takes milliseconds and reads 0 as "default", so a Python 0 (or less) is refused here rather
    # than quietly becoming the default.
    if seconds is None:
        return 0
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise TypeError(f"{name} must be a number of seconds or None, not {type(seconds).__name__}")
    if not 0 < seconds <= _INT32_MAX / 1000:
        raise InvalidArgumentError(
            f"{name} must be a positive number of seconds up to {_INT32_MAX // 1000}, got {seconds}",
            Status.E_INVALID_ARGUMENT,
        )
    return max(1, round(seconds * 1000))


def _retries(value: Optional[int]) -> int:
    if value is None:
        return -1  # the header's "default"
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_retries must be an int or None, not {type(value).__name__}")
    # Only what the C field would misread: a negative number (-1 means "the default" there) or one past 32 bits.
    # The library checks the range and says it.
    if not 0 <= value <= _INT32_MAX:
        raise InvalidArgumentError(f"max_retries must be 0 or more (None: the default), got {value}", Status.E_INVALID_ARGUMENT)
    return value


def _image_bytes(value: Optional[int]) -> int:
    if value is None:
        return 0  # the header's "default" (20 MiB)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_image_bytes must be an int or None, not {type(value).__name__}")
    if not 0 < value < 2**63:
        raise InvalidArgumentError(f"max_image_bytes must be positive, got {value}", Status.E_INVALID_ARGUMENT)
    return value
