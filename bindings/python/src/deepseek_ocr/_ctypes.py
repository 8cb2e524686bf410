"""The thin layer: native/include/deepseek_ocr.h mirrored one to one in ctypes.

Nothing here adds behaviour. Each binding carries the C prototype above it; every function gets its argtypes and
restype, so ctypes converts and checks arguments instead of guessing. Structs list their fields in the header's
order, appended fields included, because the library reads them by offset.
"""

from __future__ import annotations

import ctypes
import enum
from typing import Any, List
from ctypes import (
    CFUNCTYPE,
    POINTER,
    Structure,
    c_char_p,
    c_double,
    c_int,
    c_int32,
    c_int64,
    c_size_t,
    c_uint8,
    c_uint32,
    c_void_p,
)

# #define OCR_VERSION_MAJOR 1 / OCR_VERSION_MINOR 0 / OCR_VERSION_PATCH 0: the header these bindings mirror.
OCR_VERSION_MAJOR = 1
OCR_VERSION_MINOR = 0
OCR_VERSION_PATCH = 0
OCR_VERSION = "1.0.0"


class Status(enum.IntEnum):
    """typedef enum ocr_status: values are never renumbered; new codes are only appended."""

    OK = 0
    E_INVALID_ARGUMENT = 1
    E_IO = 2
    E_UNSUPPORTED_IMAGE = 3
    E_NETWORK = 4
    E_TIMEOUT = 5
    E_CANCELLED = 6
    E_AUTH = 7
    E_RATE_LIMITED = 8
    E_HTTP = 9
    E_SERVER = 10
    E_PROTOCOL = 11
    E_TOO_LARGE = 12
    E_INTERNAL = 13


# typedef struct ocr_client ocr_client; (opaque)
ocr_client_p = c_void_p
# typedef struct ocr_cancel_token ocr_cancel_token; (opaque)
ocr_cancel_token_p = c_void_p
# ocr_status is a C enum: an int.
ocr_status = c_int


class ocr_client_options(Structure):
    """typedef struct ocr_client_options { ... } ocr_client_options;"""

    _fields_ = [
        ("struct_size", c_uint32),
        ("base_url", c_char_p),
        ("api_key", c_char_p),
        ("model", c_char_p),
        ("timeout_ms", c_int32),
        ("connect_timeout_ms", c_int32),
        ("idle_timeout_ms", c_int32),
        ("max_retries", c_int32),
        # -- appended in 1.0 beyond the first draft --
        ("allow_insecure_http", c_int32),
        ("max_image_bytes", c_int64),
    ]


class ocr_request(Structure):
    """typedef struct ocr_request { ... } ocr_request;"""

    _fields_ = [
        ("struct_size", c_uint32),
        ("image_path", c_char_p),
        ("image_data", POINTER(c_uint8)),
        ("image_size", c_size_t),
        ("image_url", c_char_p),
        ("prompt", c_char_p),
        ("max_tokens", c_int32),
        ("temperature", c_double),
        ("top_p", c_double),
        ("response_format_json", c_char_p),
        ("tools_json", c_char_p),
        ("extra_body_json", c_char_p),
        # -- appended in 1.0 beyond the first draft --
        ("cancel", ocr_cancel_token_p),
    ]


class ocr_usage(Structure):
    """typedef struct ocr_usage { ... } ocr_usage;"""

    _fields_ = [
        ("prompt_tokens", c_int64),
        ("completion_tokens", c_int64),
        ("total_tokens", c_int64),
    ]


class ocr_result(Structure):
    """typedef struct ocr_result { ... } ocr_result; allocated by the library, freed with ocr_result_free."""

    # text is c_void_p, not c_char_p: it may hold NUL bytes, so it is read with string_at(text, text_len).
    _fields_ = [
        ("text", c_void_p),
        ("text_len", c_size_t),
        ("finish_reason", c_char_p),
        ("id", c_char_p),
        ("model", c_char_p),
        ("created", c_int64),
        ("usage", ocr_usage),
        ("http_status", c_int32),
    ]


# typedef int (*ocr_stream_callback)(const char *delta, size_t len, void *user_data);
# delta is c_void_p so that ctypes does not stop at a NUL byte; it is read with string_at(delta, len).
ocr_stream_callback = CFUNCTYPE(c_int, c_void_p, c_size_t, c_void_p)


class NativeLibrary:
    """The exported functions of one loaded libdeepseek_ocr, each with its argtypes and restype."""

    def __init__(self, cdll: ctypes.CDLL, path: str) -> None:
        self.path = path

        # OCR_API void ocr_client_options_init(ocr_client_options *opts);
        self.ocr_client_options_init = _bind(cdll, "ocr_client_options_init", [POINTER(ocr_client_options)], None)

        # OCR_API void ocr_request_init(ocr_request *req);
        self.ocr_request_init = _bind(cdll, "ocr_request_init", [POINTER(ocr_request)], None)

        # OCR_API ocr_status ocr_client_new(const ocr_client_options *opts, ocr_client **out);
        self.ocr_client_new = _bind(
            cdll, "ocr_client_new", [POINTER(ocr_client_options), POINTER(ocr_client_p)], ocr_status
        )

        # OCR_API void ocr_client_free(ocr_client *client);
        self.ocr_client_free = _bind(cdll, "ocr_client_free", [ocr_client_p], None)

        # OCR_API ocr_status ocr_image(ocr_client *client, const ocr_request *req, ocr_result **out);
        self.ocr_image = _bind(
            cdll, "ocr_image", [ocr_client_p, POINTER(ocr_request), POINTER(POINTER(ocr_result))], ocr_status
        )

        # OCR_API ocr_status ocr_stream(ocr_client *client, const ocr_request *req, ocr_stream_callback cb,
        #                               void *user_data, ocr_result **out);
        self.ocr_stream = _bind(
            cdll,
            "ocr_stream",
            [ocr_client_p, POINTER(ocr_request), ocr_stream_callback, c_void_p, POINTER(POINTER(ocr_result))],
            ocr_status,
        )

        # OCR_API void ocr_result_free(ocr_result *result);
        self.ocr_result_free = _bind(cdll, "ocr_result_free", [POINTER(ocr_result)], None)

        # OCR_API ocr_status ocr_cancel_token_new(ocr_cancel_token **out);
        self.ocr_cancel_token_new = _bind(cdll, "ocr_cancel_token_new", [POINTER(ocr_cancel_token_p)], ocr_status)

        # OCR_API void ocr_cancel_token_cancel(ocr_cancel_token *token);
        self.ocr_cancel_token_cancel = _bind(cdll, "ocr_cancel_token_cancel", [ocr_cancel_token_p], None)

        # OCR_API void ocr_cancel_token_free(ocr_cancel_token *token);
        self.ocr_cancel_token_free = _bind(cdll, "ocr_cancel_token_free", [ocr_cancel_token_p], None)

        # OCR_API const char *ocr_last_error(void);
        # Owned by the library and copied at once by c_char_p, so nothing is freed here.
        self.ocr_last_error = _bind(cdll, "ocr_last_error", [], c_char_p)

        # OCR_API const char *ocr_status_string(ocr_status status);
        self.ocr_status_string = _bind(cdll, "ocr_status_string", [ocr_status], c_char_p)

        # OCR_API const char *ocr_version(void);
        self.ocr_version = _bind(cdll, "ocr_version", [], c_char_p)


def _bind(cdll: ctypes.CDLL, name: str, argtypes: List[Any], restype: Any) -> Any:
    function = getattr(cdll, name)
    function.argtypes = argtypes
    function.restype = restype
    return function
