"""The exceptions, and the one place that maps a native status to one of them."""

from __future__ import annotations

import re
from typing import Dict, Optional, Type

from ._ctypes import Status


class LibraryError(OSError):
    """libdeepseek_ocr is missing, cannot be loaded, or has a version these bindings do not support."""


class OcrError(Exception):
    """A failed OCR call. ``status`` is the library's status code (a :class:`Status` member, or a plain int for a
    code newer than these bindings), ``http_status`` the server's HTTP status when the failure came from an HTTP
    response (else None), and the message is the library's own."""

    def __init__(self, message: str, status: int, http_status: Optional[int] = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.http_status = http_status

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, status={self.status!r}, http_status={self.http_status})"


class InvalidArgumentError(OcrError, ValueError):
    """A bad option or request field (OCR_E_INVALID_ARGUMENT)."""


class ImageError(OcrError):
    """The image is missing, unreadable or empty (OCR_E_IO), or not JPEG, PNG, WebP or BMP
    (OCR_E_UNSUPPORTED_IMAGE)."""


class ImageTooLargeError(ImageError):
    """The image is over the client's max_image_bytes (OCR_E_TOO_LARGE)."""


class APIConnectionError(OcrError):
    """No connection, connection reset, DNS or TLS failure (OCR_E_NETWORK)."""


class APITimeoutError(APIConnectionError):
    """The connect, whole-request or stream-idle timeout passed (OCR_E_TIMEOUT); the message says which."""


class APIStatusError(OcrError):
    """The server answered with an HTTP error (OCR_E_HTTP) or a server-side failure (OCR_E_SERVER): a 5xx, or an
    error object in the answer, mid-stream included."""


class AuthenticationError(APIStatusError):
    """HTTP 401 or 403 (OCR_E_AUTH): the API key is missing, wrong or not allowed."""


class RateLimitError(APIStatusError):
    """HTTP 429 (OCR_E_RATE_LIMITED), after the client's retries."""


class ProtocolError(OcrError):
    """A malformed or truncated response (OCR_E_PROTOCOL)."""


class CancelledError(OcrError):
    """The call was cancelled (OCR_E_CANCELLED)."""


class InternalError(OcrError):
    """A bug in the library (OCR_E_INTERNAL); the message says what happened."""


_EXCEPTION_FOR_STATUS: Dict[Status, Type[OcrError]] = {
    Status.E_INVALID_ARGUMENT: InvalidArgumentError,
    Status.E_IO: ImageError,
    Status.E_UNSUPPORTED_IMAGE: ImageError,
    Status.E_TOO_LARGE: ImageTooLargeError,
    Status.E_NETWORK: APIConnectionError,
    Status.E_TIMEOUT: APITimeoutError,
    Status.E_CANCELLED: CancelledError,
    Status.E_AUTH: AuthenticationError,
    Status.E_RATE_LIMITED: RateLimitError,
    Status.E_HTTP: APIStatusError,
    Status.E_SERVER: APIStatusError,
    Status.E_PROTOCOL: ProtocolError,
    Status.E_INTERNAL: InternalError,
}

# The C ABI reports the HTTP status only in results, so for failures it is read from the library's message,
# which names it as "HTTP 429"; "HTTP/1.1 429" and "HTTP status 429" are accepted too.
_HTTP_STATUS_IN_MESSAGE = re.compile(r"\bHTTP(?:/\d(?:\.\d)?)?[\s:]*(?:status(?:\s+code)?[\s:]*)?([1-5]\d\d)\b", re.I)


def error_for_status(status: int, message: str) -> OcrError:
    """The exception for a failed native call: status is what it returned, message its ocr_last_error()."""
    try:
        known = Status(status)
    except ValueError:
        # A status appended in a newer library than these bindings: still an OcrError, with its number kept.
        return OcrError(message or f"libdeepseek_ocr failed with status {status}", status, _http_status_in(message))
    exception_type = _EXCEPTION_FOR_STATUS.get(known, OcrError)
    return exception_type(message or known.name, known, _http_status_in(message))


def _http_status_in(message: str) -> Optional[int]:
    match = _HTTP_STATUS_IN_MESSAGE.search(message)
    return int(match.group(1)) if match else None

