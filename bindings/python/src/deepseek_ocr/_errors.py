"""The exceptions, and the one place that maps a native status to one of them."""

from __future__ import annotations

import builtins
from typing import Any, Dict, Optional, Type

from ._ctypes import Status


class LibraryError(OSError):
    """libdeepseek_ocr is missing, cannot be loaded, or has a version these bindings do not support."""


class OcrError(Exception):
    """A failed OCR call, with what the library reported about it (the fields of openai-python's errors):

    - ``status``: the library's status code, a :class:`Status` member (a plain int for a code newer than these
      bindings);
    - ``status_code``: the HTTP status of the answer that failed, None when none arrived (``http_status`` is the
      same value under its older name);
    - ``type``, ``code``, ``param``: those of the error object the server sent, else None (``code`` as a str, as
      sent: a numeric code comes as its decimal digits);
    - ``body``: that error object as a dict (``message``, ``type``, ``param``, ``code``), None when there was none;
    - ``request_id``: the answer's x-request-id header, for the service's support, else None;
    - ``retry_after``: the answer's Retry-After in seconds, else None;
    - ``message`` (also ``str(error)``): the library's description of the failure.
    """

    def __init__(
        self,
        message: str,
        status: int,
        status_code: Optional[int] = None,
        *,
        type: Optional[str] = None,
        code: Optional[str] = None,
        param: Optional[str] = None,
        body: Optional[Dict[str, Any]] = None,
        request_id: Optional[str] = None,
        retry_after: Optional[float] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.status_code = status_code
        self.type = type
        self.code = code
        self.param = param
        self.body = body
        self.request_id = request_id
        self.retry_after = retry_after

    def __reduce__(self) -> Any:
        # Picklable with every field, so that an error raised in a multiprocessing worker reaches the parent whole
        # (the default would call __init__ with the message alone).
        return (builtins.type(self), (self.message, self.status, self.status_code), dict(self.__dict__))

    @property
    def http_status(self) -> Optional[int]:
        """The same as ``status_code``."""
        return self.status_code

    def __repr__(self) -> str:
        return (f"{builtins.type(self).__name__}({self.message!r}, status={self.status!r}, "
                f"status_code={self.status_code}, request_id={self.request_id!r})")


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


class ForkedProcessError(OcrError):
    """A call reached the library's runtime of a parent process in a child forked from it (OCR_E_FORKED).

    The package avoids this by itself (a forked child loads a fresh copy of the library, and clients made in the
    parent make their native client anew there), so it is seen only for what cannot move to the child: a stream
    the parent had started. The library itself is fine, so this is not a :class:`LibraryError`."""


class UnsupportedCpuError(OcrError, LibraryError):
    """The CPU lacks instructions the library was built for (OCR_E_UNSUPPORTED_CPU; x86-64 needs x86-64-v2).

    Also a :class:`LibraryError`: like a missing or mismatched library, this library cannot work on this machine,
    and code that handles "the library is unusable here" catches both."""


class UnavailableError(OcrError):
    """A system library the call needs is not installed (OCR_E_UNAVAILABLE); the message names the package, e.g.
    Poppler's libpoppler-glib8, which renders the pages of a PDF. Calls that do not need it (images) still work."""


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
    Status.E_FORKED: ForkedProcessError,
    Status.E_UNSUPPORTED_CPU: UnsupportedCpuError,
    Status.E_UNAVAILABLE: UnavailableError,
}


def error_for_status(status: int, message: str, **details: Any) -> OcrError:
    """The exception for a failed native call: status is what it returned, message its ocr_last_error(), details
    the other fields of OcrError (status_code, type, code, param, body, request_id, retry_after)."""
    try:
        known = Status(status)
    except ValueError:
        # A status appended in a newer library than these bindings: still an OcrError, with its number kept.
        return OcrError(message or f"libdeepseek_ocr failed with status {status}", status, **details)
    exception_type = _EXCEPTION_FOR_STATUS.get(known, OcrError)
    return exception_type(message or known.name, known, **details)
