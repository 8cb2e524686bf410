"""deepseek_ocr: images to text with a DeepSeek-OCR service, over the native libdeepseek_ocr.

    import deepseek_ocr

    with deepseek_ocr.Client(base_url="http://127.0.0.1:8000") as client:
        print(client.ocr("scan.png").text)
        for delta in client.stream("scan.png"):
            print(delta, end="", flush=True)
"""

from ._async import AsyncClient
from ._client import Client
from ._document import Document, Figure, Page
from ._ctypes import OCR_VERSION as HEADER_VERSION
from ._ctypes import Status
from ._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    CancelledError,
    ForkedProcessError,
    ImageError,
    ImageTooLargeError,
    InternalError,
    InvalidArgumentError,
    LibraryError,
    OcrError,
    ProtocolError,
    RateLimitError,
    UnavailableError,
    UnsupportedCpuError,
)
from ._loader import LIBRARY_ENV, library_path, library_version
from ._many import OcrMany
from ._many_async import AsyncOcrMany
from ._request import RequestOptions
from ._stream import Stream
from ._stream_async import AsyncStream
from ._types import OcrResult, Region, Usage

#: The package's version: that of the header it mirrors (native/include/deepseek_ocr.h, the one place it is written).
__version__ = HEADER_VERSION


__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "AsyncOcrMany",
    "AsyncStream",
    "AuthenticationError",
    "CancelledError",
    "Client",
    "Document",
    "Figure",
    "ForkedProcessError",
    "HEADER_VERSION",
    "ImageError",
    "ImageTooLargeError",
    "InternalError",
    "InvalidArgumentError",
    "LIBRARY_ENV",
    "LibraryError",
    "OcrError",
    "OcrMany",
    "OcrResult",
    "Page",
    "ProtocolError",
    "RateLimitError",
    "Region",
    "RequestOptions",
    "Status",
    "Stream",
    "UnavailableError",
    "UnsupportedCpuError",
    "Usage",
    "library_path",
    "library_version",
]
