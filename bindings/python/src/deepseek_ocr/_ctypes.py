# Generated from native/include/deepseek_ocr.h by tools/DeepSeekOcr.AbiGen (build.sh runs it): do not edit.
# mypy: disable-error-code="empty-body"
"""The thin layer: native/include/deepseek_ocr.h mirrored one to one in ctypes.

Nothing here adds behaviour. Each function is a typed stub with the C prototype above it, so that editors and type
checkers see its signature; its decorator gives the argtypes and restype the loaded library's function gets, so
ctypes converts and checks arguments instead of guessing. Structs list their fields in the header's order,
because the library reads them by offset (tests/test_abi_layout.py checks every offset).
"""

from __future__ import annotations

import ctypes
import enum
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
    c_uint64,
    c_void_p,
)
import functools
from typing import TYPE_CHECKING, Any, Callable, List, NamedTuple, Optional, TypeVar, Union

if TYPE_CHECKING:
    from ctypes import _CArgObject, _CData, _Pointer

    _CT = TypeVar("_CT", bound=_CData)

#: A c_void_p as ctypes takes and gives it: an opaque handle (ocr_client *, ocr_multi *, ...) or a void *, as its
#: address; None for NULL.
Handle = Optional[int]
#: What a pointer parameter takes: a pointer object (POINTER(T)()), or ctypes.byref() of the T it points to.
Ref = Union["_Pointer[_CT]", "_CArgObject"]
#: A callback made by its CFUNCTYPE type (ocr_stream_callback(function)); ctypes refuses a bare function.
FunctionPointer = Callable[..., Any]

OCR_VERSION_MAJOR = 1
OCR_VERSION_MINOR = 2
OCR_VERSION_PATCH = 0
OCR_VERSION = "1.2.0"


class Status(enum.IntEnum):
    """typedef enum ocr_status: values are never renumbered; new codes are only appended."""

    OK = 0
    E_INVALID_ARGUMENT = 1  # a NULL pointer, a wrong struct_size, a bad option or request field
    E_IO = 2  # the image file is missing, unreadable, a directory or empty
    E_UNSUPPORTED_IMAGE = 3  # the bytes are not JPEG, PNG, WebP or BMP
    E_NETWORK = 4  # no connection, connection reset, DNS or TLS failure
    E_TIMEOUT = 5  # connect, whole-request or stream-idle timeout; the message says which
    E_CANCELLED = 6  # the stream callback returned nonzero, or the cancel token fired
    E_AUTH = 7  # HTTP 401 or 403
    E_RATE_LIMITED = 8  # HTTP 429
    E_HTTP = 9  # another HTTP 4xx
    E_SERVER = 10  # HTTP 5xx, or an error object sent by the server
    E_PROTOCOL = 11  # a malformed or truncated response
    E_TOO_LARGE = 12  # the image is over the configured limit
    E_INTERNAL = 13  # a bug in the library; the message says what happened
    E_FORKED = 14  # called in a child forked after the library had started: see "fork()" above
    E_UNSUPPORTED_CPU = 15  # the CPU lacks instructions the library was built for: see "CPU" above
    E_UNAVAILABLE = 16  # a system library the call needs is not installed; the message names the package


class Mode(enum.IntEnum):
    """typedef enum ocr_mode: The official prompts of DeepSeek-OCR by name (ocr_request.mode). The grounding modes (markdown, ocr, locate) make the model write <|ref|>LABEL<|/ref|><|det|>[[x1, y1, x2, y2], ...]<|/det|> tags, which the library parses into ocr_result.regions. Those tags are special tokens that a vLLM server drops unless the request says "skip_special_tokens": false, so for them (and any prompt holding <|grounding|> or <|ref|>) the library sends it; extra_body_json overrides it. vLLM's recipe also uses an n-gram logits processor against repetition loops; a server started with it takes its arguments as extra_body_json {"vllm_xargs": {"ngram_size": 30, "window_size": 90, "whitelist_token_ids": [128821, 128822]}}. Values are never renumbered; new modes are only appended."""

    FREE = 0  # "<image>\nFree OCR.": plain text (the default)
    MARKDOWN = 1  # "<image>\n<|grounding|>Convert the document to markdown.": labelled regions
    OCR = 2  # "<image>\n<|grounding|>OCR this image.": each line of text is a region
    FIGURE = 3  # "<image>\nParse the figure."
    DESCRIBE = 4  # "<image>\nDescribe this image in detail."
    LOCATE = 5  # "<image>\nLocate <|ref|>locate_text<|/ref|> in the image.": where the text is


class EventKind(enum.IntEnum):
    """typedef enum ocr_event_kind: """

    DONE = 0  # the item ended: status, and result on OCR_OK
    DELTA = 1  # an item added with OCR_MULTI_STREAM received a piece of text


# typedef struct ocr_client ocr_client; (opaque)
ocr_client_p = c_void_p
# typedef struct ocr_cancel_token ocr_cancel_token; (opaque)
ocr_cancel_token_p = c_void_p
# typedef struct ocr_multi ocr_multi; (opaque)
ocr_multi_p = c_void_p
# ocr_status is a C enum: an int.
ocr_status = c_int


# typedef int (*ocr_progress_callback)(size_t done, size_t total, void * user_data);
# A string followed by its length is c_void_p, so that ctypes does not stop at a NUL: read it with string_at.
ocr_progress_callback = CFUNCTYPE(c_int, c_size_t, c_size_t, c_void_p)


# typedef int (*ocr_stream_callback)(const char * delta, size_t len, void * user_data);
# A string followed by its length is c_void_p, so that ctypes does not stop at a NUL: read it with string_at.
ocr_stream_callback = CFUNCTYPE(c_int, c_void_p, c_size_t, c_void_p)


class ocr_client_options(Structure):
    """typedef struct ocr_client_options { ... } ocr_client_options; Client options. Fill with ocr_client_options_init, then set what you need. Strings are copied."""

    _fields_ = [
        ("struct_size", c_uint32),  # sizeof(ocr_client_options), set by ocr_client_options_init
        ("base_url", c_char_p),  # NULL: $DEEPSEEK_OCR_BASE_URL, else https://api.codingplanx.ai
        ("api_key", c_char_p),  # NULL: $DEEPSEEK_OCR_API_KEY; none at all: no Authorization header
        ("model", c_char_p),  # NULL: "deepseek-ocr"
        ("timeout_ms", c_int32),  # whole request, streaming included; 0: 600000 (10 min)
        ("connect_timeout_ms", c_int32),  # 0: 10000
        ("idle_timeout_ms", c_int32),  # longest silence while streaming; 0: 60000
        ("max_retries", c_int32),  # -1: 2; 0: none. Retried: connection failures, 408, 429, 500, 502, 503, 504
        ("allow_insecure_http", c_int32),  # nonzero: allow sending the API key over http:// to a host that is not loopback
        ("max_image_bytes", c_int64),  # largest image accepted from a path or buffer; 0: 20 MiB
    ]


class ocr_image_source(Structure):
    """typedef struct ocr_image_source { ... } ocr_image_source; One more image of a request that sends several (ocr_request.more_images): exactly one of path, data and url, as for the request's own image. An array element: it never grows. Since 1.2."""

    _fields_ = [
        ("path", c_char_p),
        ("data", POINTER(c_uint8)),
        ("size", c_size_t),
        ("url", c_char_p),
    ]


class ocr_request(Structure):
    """typedef struct ocr_request { ... } ocr_request; One OCR request. Fill with ocr_request_init, then set exactly one image source. Nothing is copied beyond the call: the pointers only need to stay valid until ocr_image/ocr_stream returns. Several images in one request (more_images): the service reads them together and answers with one text, the pages separated by "<--- Page Split --->"; the result's image size is then 0 and its pixel boxes -1, since a box may belong to any of the images. One request per image (the default, and what ocr_multi makes fast) is what the service recommends; send several together when they belong together, e.g. the pages of one short document."""

    _fields_ = [
        ("struct_size", c_uint32),  # sizeof(ocr_request), set by ocr_request_init
        ("image_path", c_char_p),  # exactly one of image_path, image_data, image_url
        ("image_data", POINTER(c_uint8)),
        ("image_size", c_size_t),
        ("image_url", c_char_p),  # http(s) or data: URL, sent as is
        ("prompt", c_char_p),  # NULL: "<image>\nFree OCR."
        ("max_tokens", c_int32),  # 0: not sent
        ("temperature", c_double),  # NaN (what init sets): not sent; else 0 to 2
        ("top_p", c_double),  # NaN (what init sets): not sent; else 0 to 1
        ("response_format_json", c_char_p),  # NULL: not sent; else a JSON object, e.g. {"type":"json_object"}
        ("tools_json", c_char_p),  # NULL: not sent; else a JSON array
        ("extra_body_json", c_char_p),  # NULL: nothing; else a JSON object merged into the request body
        ("cancel", ocr_cancel_token_p),  # NULL: none; else cancelling it ends the call with OCR_E_CANCELLED
        ("mode", c_int32),  # an ocr_mode; 0: OCR_MODE_FREE. prompt, when set, wins; since 1.1
        ("locate_text", c_char_p),  # OCR_MODE_LOCATE only: the text to find; since 1.1
        ("image_width", c_int32),  # image_url only: the image's size, for pixel boxes; 0: unknown; since 1.1
        ("image_height", c_int32),  # image_url only; 0: unknown; since 1.1
        ("more_images", POINTER(ocr_image_source)),  # NULL: one image; else sent after it in the same request; since 1.2
        ("more_image_count", c_size_t),  # how many more_images; since 1.2
    ]


class ocr_usage(Structure):
    """typedef struct ocr_usage { ... } ocr_usage;"""

    _fields_ = [
        ("prompt_tokens", c_int64),
        ("completion_tokens", c_int64),
        ("total_tokens", c_int64),
    ]


class ocr_box(Structure):
    """typedef struct ocr_box { ... } ocr_box; One box of a region. The model gives coordinates in 0..999 across the image; the pixel ones are (int)(v / 999.0 * width) (or height), truncated as the official scripts' int(), and -1 when the image's size is unknown (an image_url without image_width and image_height)."""

    _fields_ = [
        ("x1", c_int32),  # left, pixels
        ("y1", c_int32),  # top, pixels
        ("x2", c_int32),  # right, pixels
        ("y2", c_int32),  # bottom, pixels
        ("norm_x1", c_int32),  # left, 0..999 as the model sent it
        ("norm_y1", c_int32),
        ("norm_x2", c_int32),
        ("norm_y2", c_int32),
    ]


class ocr_region(Structure):
    """typedef struct ocr_region { ... } ocr_region; A region of the answer's grounding markup: <|ref|>label<|/ref|><|det|>[[boxes]]<|/det|> and its content. In the markdown mode label is "title", "text", "table", "image", "image_caption", "equation", ... and text is what follows the boxes up to the next tag (trimmed); in the ocr and locate modes label and text are both the ref's text."""

    _fields_ = [
        ("label", c_char_p),
        ("text", c_char_p),
        ("box_count", c_size_t),  # at least 1
        ("boxes", POINTER(ocr_box)),
    ]


class ocr_result(Structure):
    """typedef struct ocr_result { ... } ocr_result; A result, allocated by the library and read-only; free it with ocr_result_free. Every string is NUL-terminated and never NULL ("" when the server sent nothing). Fields are only ever appended: a program that reads a field added in 1.x needs a library of 1.x or later (check ocr_version())."""

    _fields_ = [
        ("text", c_void_p),  # the recognised text (all deltas joined, for ocr_stream)
        ("text_len", c_size_t),  # strlen(text) unless the text holds NUL bytes
        ("finish_reason", c_char_p),  # "stop", or "length" when max_tokens cut the text
        ("id", c_char_p),
        ("model", c_char_p),
        ("created", c_int64),  # Unix time, seconds
        ("usage", ocr_usage),  # zeros when the server did not report it
        ("http_status", c_int32),
        ("markdown", c_char_p),  # text without grounding tags, image regions as ![](images/N.jpg) (N from 0); since 1.1
        ("region_count", c_size_t),  # the regions parsed from text; markup cut short ends the parse; since 1.1
        ("regions", POINTER(ocr_region)),  # region_count regions, in the result's allocation; since 1.1
        ("image_width", c_int32),  # the source image's size (from its header or the request), 0 if unknown; since 1.1
        ("image_height", c_int32),  # since 1.1
    ]


class ocr_error_details(Structure):
    """typedef struct ocr_error_details { ... } ocr_error_details; The details of the calling thread's last failure, as ocr_last_error_details fills them. Strings are owned by the library and valid until this thread's next ocr_* call; a string the failure did not have is NULL."""

    _fields_ = [
        ("struct_size", c_uint32),  # set by the library: how many bytes of this struct it filled
        ("status", ocr_status),  # what the failed call returned; OCR_OK before any failure
        ("http_status", c_int32),  # the HTTP status of the answer that failed, 0 when none arrived
        ("message", c_char_p),  # the same text as ocr_last_error(); never NULL
        ("error_type", c_char_p),  # the server's error object: "type", e.g. "invalid_request_error"
        ("error_code", c_char_p),  # its "code" as sent (a number in decimal), e.g. "invalid_api_key"
        ("error_param", c_char_p),  # its "param": the request field at fault
        ("error_message", c_char_p),  # its "message", whole (the API key, if the server echoed it, redacted)
        ("request_id", c_char_p),  # the answer's x-request-id header, for the service's support
        ("retry_after_ms", c_int64),  # the answer's Retry-After in milliseconds, -1 when it had none
    ]


class ocr_document_options(Structure):
    """typedef struct ocr_document_options { ... } ocr_document_options; A PDF to recognise (ocr_document). Fill with ocr_document_options_init, then set exactly one of pdf_path and pdf_data. Nothing is copied beyond the call. Since 1.2."""

    _fields_ = [
        ("struct_size", c_uint32),  # sizeof(ocr_document_options), set by ocr_document_options_init
        ("pdf_path", c_char_p),  # exactly one of pdf_path, pdf_data
        ("pdf_data", POINTER(c_uint8)),
        ("pdf_size", c_size_t),
        ("dpi", c_int32),  # resolution the pages are rendered at; 0: 144, as the official pipeline; 36 to 600
        ("pages", POINTER(c_int32)),  # the 1-based page numbers to recognise, returned in this order; NULL: every page
        ("page_count", c_size_t),  # how many numbers pages holds
        ("concurrency", c_int32),  # pages in flight at once; 0: 4; at most 64
        ("crop_figures", c_int32),  # nonzero: the image regions of each page cropped into ocr_page.figures as PNG
        ("name", c_char_p),  # figures are NAME_PAGE_N.png; NULL: pdf_path's name less extension, or "document"
        ("progress", ocr_progress_callback),  # NULL: none
        ("progress_user_data", c_void_p),
    ]


class ocr_figure(Structure):
    """typedef struct ocr_figure { ... } ocr_figure; A figure cropped from a page (ocr_document_options.crop_figures): the pixels of an "image" region's first box."""

    _fields_ = [
        ("region", c_size_t),  # the index of the region in the page's result->regions
        ("file_name", c_char_p),  # "NAME_PAGE_N.png" (N counts the page's image regions from 0), linked as images/...
        ("png", POINTER(c_uint8)),  # the PNG file's bytes
        ("png_size", c_size_t),
    ]


class ocr_page(Structure):
    """typedef struct ocr_page { ... } ocr_page; One page of a document. ocr_page and ocr_figure are array elements and never grow."""

    _fields_ = [
        ("number", c_int32),  # the page's 1-based number in the PDF
        ("status", ocr_status),  # OCR_OK, or why this page failed; the other pages are not affected
        ("error", c_char_p),  # the failure's message; "" on OCR_OK
        ("result", POINTER(ocr_result)),  # NULL unless status is OCR_OK; its markdown links figures as images/NAME_PAGE_N.png
        ("width", c_int32),  # the rendered page in pixels, which the pixel boxes refer to; 0 if not rendered
        ("height", c_int32),
        ("figure_count", c_size_t),
        ("figures", POINTER(ocr_figure)),
    ]


class ocr_document_result(Structure):
    """typedef struct ocr_document_result { ... } ocr_document_result; A recognised document, allocated by the library and read-only; free it with ocr_document_result_free."""

    _fields_ = [
        ("markdown", c_char_p),  # the pages' markdown joined by "\n<--- Page Split --->\n" ("" for a failed page)
        ("raw_text", c_char_p),  # the pages' text as the server sent it, joined the same way
        ("page_count", c_size_t),
        ("pages", POINTER(ocr_page)),  # in the order asked for
        ("failed_count", c_size_t),  # how many pages have a status other than OCR_OK
        ("pdf_page_count", c_int32),  # how many pages the PDF has
    ]


class ocr_event(Structure):
    """typedef struct ocr_event { ... } ocr_event; An event of an ocr_multi, as ocr_multi_wait fills it. Since 1.2."""

    _fields_ = [
        ("struct_size", c_uint32),  # set by the library: how many bytes of this struct it filled
        ("kind", c_int32),  # an ocr_event_kind
        ("tag", c_uint64),  # the tag the item was added with
        ("status", ocr_status),  # OCR_EVENT_DONE: the item's outcome
        ("result", POINTER(ocr_result)),  # OCR_EVENT_DONE with OCR_OK: the result, now the caller's to ocr_result_free
        ("delta", c_void_p),  # OCR_EVENT_DELTA: the piece, NUL-terminated; valid until the next ocr_multi_wait
        ("delta_len", c_size_t),
        ("error", POINTER(ocr_error_details)),  # OCR_EVENT_DONE with a failure: its details; valid until the next ocr_multi_wait
    ]


_F = TypeVar("_F", bound=Callable[..., Any])


class _Prototype(NamedTuple):
    """An exported function: its name, argtypes and restype, and the typed stub that stands for it."""

    name: str
    argtypes: List[Any]
    restype: Any
    stub: Callable[..., Any]

    def bind(self, cdll: ctypes.CDLL) -> Any:
        function = getattr(cdll, self.name)
        function.argtypes = self.argtypes
        function.restype = self.restype
        # The stub's name, annotations and __wrapped__, so that help() and inspect show its signature.
        return functools.update_wrapper(function, self.stub)


# Every exported function, in the header's order: NativeLibrary binds them all in each library it loads.
_PROTOTYPES: List[_Prototype] = []


def ctypes_function(name: str, argtypes: List[Any], restype: Any) -> Callable[[_F], _F]:
    """llama-cpp-python's pattern: the typed stub it decorates is what editors and type checkers see, and the
    library's function of that name, with these argtypes and restype, takes its place in each NativeLibrary.
    Bound per library rather than at import, because a forked child loads a fresh copy of the library."""

    def register(stub: _F) -> _F:
        _PROTOTYPES.append(_Prototype(name, argtypes, restype, stub))
        return stub

    return register


class NativeLibrary:
    """The exported functions of one loaded libdeepseek_ocr, each with its argtypes and restype (so that ctypes
    converts and checks arguments instead of guessing), declared below as typed stubs with the header's comment
    and prototype above them."""

    def __init__(self, cdll: ctypes.CDLL, path: str) -> None:
        self.path = path
        for prototype in _PROTOTYPES:  # AttributeError for a function the library lacks
            setattr(self, prototype.name, prototype.bind(cdll))

    # Fill opts (struct_size bytes, normally sizeof(ocr_client_options)) with the defaults and set opts->struct_size.
    # Writes nothing past struct_size bytes. NULL: no-op. Call it as ocr_client_options_init(&opts), which passes the
    # size of the struct in the header you compiled with.
    # OCR_API void ocr_client_options_init_size(ocr_client_options *opts, size_t struct_size);
    @staticmethod
    @ctypes_function("ocr_client_options_init_size", [POINTER(ocr_client_options), c_size_t], None)
    def ocr_client_options_init_size(opts: Ref[ocr_client_options], struct_size: int) -> None: ...

    # Fill req (struct_size bytes) with the defaults (no image, NaN temperature and top_p) and set req->struct_size.
    # Writes nothing past struct_size bytes. NULL: no-op. Call it as ocr_request_init(&req).
    # OCR_API void ocr_request_init_size(ocr_request *req, size_t struct_size);
    @staticmethod
    @ctypes_function("ocr_request_init_size", [POINTER(ocr_request), c_size_t], None)
    def ocr_request_init_size(req: Ref[ocr_request], struct_size: int) -> None: ...

    # The entry points that programs built against the 1.0 header call: they fill the 1.0 struct (64 and 104 bytes),
    # never more. New code uses the macros above.
    # OCR_API void ocr_client_options_init(ocr_client_options *opts);
    @staticmethod
    @ctypes_function("ocr_client_options_init", [POINTER(ocr_client_options)], None)
    def ocr_client_options_init(opts: Ref[ocr_client_options]) -> None: ...

    # OCR_API void ocr_request_init(ocr_request *req);
    @staticmethod
    @ctypes_function("ocr_request_init", [POINTER(ocr_request)], None)
    def ocr_request_init(req: Ref[ocr_request]) -> None: ...

    # Create a client. opts may be NULL for all defaults. On OCR_OK, *out owns a client to free with
    # ocr_client_free. Fails with OCR_E_INVALID_ARGUMENT on a bad base URL, negative timeouts, or an API key
    # that would be sent over plain http to a host that is not loopback (unless allow_insecure_http is set).
    # OCR_API ocr_status ocr_client_new(const ocr_client_options *opts, ocr_client **out);
    @staticmethod
    @ctypes_function("ocr_client_new", [POINTER(ocr_client_options), POINTER(ocr_client_p)], ocr_status)
    def ocr_client_new(opts: Ref[ocr_client_options], out: Ref[ocr_client_p]) -> int: ...

    # Free a client. Calls still running on it must have returned first. NULL: no-op.
    # OCR_API void ocr_client_free(ocr_client *client);
    @staticmethod
    @ctypes_function("ocr_client_free", [ocr_client_p], None)
    def ocr_client_free(client: Handle) -> None: ...

    # Recognise one image and wait for the whole answer. On OCR_OK, *out owns a result to free with
    # ocr_result_free. Image bytes from a path or buffer are checked (JPEG, PNG, WebP or BMP, by their magic
    # bytes) before anything is sent, and sent as a data: URL with the right MIME type.
    # OCR_API ocr_status ocr_image(ocr_client *client, const ocr_request *req, ocr_result **out);
    @staticmethod
    @ctypes_function("ocr_image", [ocr_client_p, POINTER(ocr_request), POINTER(POINTER(ocr_result))], ocr_status)
    def ocr_image(client: Handle, req: Ref[ocr_request], out: Ref[_Pointer[ocr_result]]) -> int: ...

    # Recognise one image, calling cb with each piece of text as the server streams it. out may be NULL;
    # else on OCR_OK *out owns a result with the whole text, finish_reason and usage. A request is never
    # retried once a piece has reached cb.
    # OCR_API ocr_status ocr_stream(ocr_client *client, const ocr_request *req, ocr_stream_callback cb, void *user_data, ocr_result **out);
    @staticmethod
    @ctypes_function("ocr_stream", [ocr_client_p, POINTER(ocr_request), ocr_stream_callback, c_void_p, POINTER(POINTER(ocr_result))], ocr_status)
    def ocr_stream(client: Handle, req: Ref[ocr_request], cb: FunctionPointer, user_data: Handle, out: Ref[_Pointer[ocr_result]]) -> int: ...

    # Free a result. NULL: no-op.
    # OCR_API void ocr_result_free(ocr_result *result);
    @staticmethod
    @ctypes_function("ocr_result_free", [POINTER(ocr_result)], None)
    def ocr_result_free(result: Ref[ocr_result]) -> None: ...

    # Create a cancellation token. On OCR_OK, *out owns a token to free with ocr_cancel_token_free.
    # OCR_API ocr_status ocr_cancel_token_new(ocr_cancel_token **out);
    @staticmethod
    @ctypes_function("ocr_cancel_token_new", [POINTER(ocr_cancel_token_p)], ocr_status)
    def ocr_cancel_token_new(out: Ref[ocr_cancel_token_p]) -> int: ...

    # Cancel: every call using this token returns OCR_E_CANCELLED promptly (within about 100 ms), and calls
    # started with it later fail at once. Safe from any thread, any number of times. NULL: no-op.
    # OCR_API void ocr_cancel_token_cancel(ocr_cancel_token *token);
    @staticmethod
    @ctypes_function("ocr_cancel_token_cancel", [ocr_cancel_token_p], None)
    def ocr_cancel_token_cancel(token: Handle) -> None: ...

    # Free a token. Calls using it must have returned first. NULL: no-op.
    # OCR_API void ocr_cancel_token_free(ocr_cancel_token *token);
    @staticmethod
    @ctypes_function("ocr_cancel_token_free", [ocr_cancel_token_p], None)
    def ocr_cancel_token_free(token: Handle) -> None: ...

    # The calling thread's last failure message: never NULL, owned by the library, valid until this thread's
    # next ocr_* call. "" before any failure.
    # OCR_API const char *ocr_last_error(void);
    @staticmethod
    @ctypes_function("ocr_last_error", [], c_char_p)
    def ocr_last_error() -> Optional[bytes]: ...

    # Fill details with the calling thread's last failure: status, HTTP status, the server's error object and
    # request id, beside the message (the way curl keeps CURLINFO_RESPONSE_CODE beside its code). Writes at most
    # struct_size bytes (normally sizeof(ocr_error_details): call it as ocr_last_error_details(&details)); fields this
    # library does not know are zeroed, and details->struct_size says how many bytes it filled. Before any failure
    # status is OCR_OK and message "". Returns OCR_E_INVALID_ARGUMENT for NULL or a struct_size under 8.
    # OCR_API ocr_status ocr_last_error_details_size(ocr_error_details *details, size_t struct_size);
    @staticmethod
    @ctypes_function("ocr_last_error_details_size", [POINTER(ocr_error_details), c_size_t], ocr_status)
    def ocr_last_error_details_size(details: Ref[ocr_error_details], struct_size: int) -> int: ...

    # Fill opts (struct_size bytes) with the defaults and set opts->struct_size. Call it as
    # ocr_document_options_init(&opts). Since 1.2.
    # OCR_API void ocr_document_options_init_size(ocr_document_options *opts, size_t struct_size);
    @staticmethod
    @ctypes_function("ocr_document_options_init_size", [POINTER(ocr_document_options), c_size_t], None)
    def ocr_document_options_init_size(opts: Ref[ocr_document_options], struct_size: int) -> None: ...

    # Recognise the pages of a PDF: each page is rendered at doc->dpi, sent as a PNG image with req's prompt, mode and
    # parameters (req may be NULL for the defaults; it must not set an image source; its cancel token cancels the
    # document), with up to doc->concurrency pages in flight. On OCR_OK, *out owns the document, to free with
    # ocr_document_result_free; a page that failed has its own status and message there and does not fail the call.
    # The call fails as a whole only when the PDF cannot be opened (OCR_E_IO, or OCR_E_UNSUPPORTED_IMAGE for bytes that
    # are not a PDF), a page number is out of range (OCR_E_INVALID_ARGUMENT), it is cancelled (OCR_E_CANCELLED), or
    # the PDF renderer is missing: pages are rendered by Poppler (libpoppler-glib.so.8, with cairo), loaded when first
    # needed, and without it the call returns OCR_E_UNAVAILABLE naming the package (Debian and Ubuntu:
    # libpoppler-glib8). Images never need it. Since 1.2.
    # OCR_API ocr_status ocr_document(ocr_client *client, const ocr_request *req, const ocr_document_options *doc, ocr_document_result **out);
    @staticmethod
    @ctypes_function("ocr_document", [ocr_client_p, POINTER(ocr_request), POINTER(ocr_document_options), POINTER(POINTER(ocr_document_result))], ocr_status)
    def ocr_document(client: Handle, req: Ref[ocr_request], doc: Ref[ocr_document_options], out: Ref[_Pointer[ocr_document_result]]) -> int: ...

    # Free a document. NULL: no-op. Since 1.2.
    # OCR_API void ocr_document_result_free(ocr_document_result *document);
    @staticmethod
    @ctypes_function("ocr_document_result_free", [POINTER(ocr_document_result)], None)
    def ocr_document_result_free(document: Ref[ocr_document_result]) -> None: ...

    # Create a multi handle on client, running at most max_in_flight requests at once (0: 16; at most 1024). The client
    # must outlive it. On OCR_OK, *out owns it, to free with ocr_multi_free. Since 1.2.
    # OCR_API ocr_status ocr_multi_new(ocr_client *client, int32_t max_in_flight, ocr_multi **out);
    @staticmethod
    @ctypes_function("ocr_multi_new", [ocr_client_p, c_int32, POINTER(ocr_multi_p)], ocr_status)
    def ocr_multi_new(client: Handle, max_in_flight: int, out: Ref[ocr_multi_p]) -> int: ...

    # Queue one request, to start as soon as fewer than max_in_flight run. The request is copied whole (image_data
    # included; an image_path is read when the item starts), so req need not outlive the call. tag is the caller's and
    # comes back in the item's events; flags is 0 or OCR_MULTI_STREAM. Never blocks. A failure to start (a bad request,
    # a missing file) arrives as the item's OCR_EVENT_DONE, not here: this returns an error only for a NULL or freed
    # multi, a bad struct_size or unknown flags. Safe to call from any thread. Since 1.2.
    # OCR_API ocr_status ocr_multi_add(ocr_multi *multi, const ocr_request *req, uint32_t flags, uint64_t tag);
    @staticmethod
    @ctypes_function("ocr_multi_add", [ocr_multi_p, POINTER(ocr_request), c_uint32, c_uint64], ocr_status)
    def ocr_multi_add(multi: Handle, req: Ref[ocr_request], flags: int, tag: int) -> int: ...

    # Wait up to timeout_ms (-1: no limit; 0: only look) for the next event and fill *event with it (struct_size bytes,
    # normally sizeof(ocr_event): call it as ocr_multi_wait(multi, timeout_ms, &event)). Every added item ends with
    # exactly one OCR_EVENT_DONE. Returns OCR_OK with an event, OCR_E_TIMEOUT when none came in time, and
    # OCR_E_INVALID_ARGUMENT when no item is pending (every added item's OCR_EVENT_DONE was delivered). Since 1.2.
    # OCR_API ocr_status ocr_multi_wait_size(ocr_multi *multi, int32_t timeout_ms, ocr_event *event, size_t struct_size);
    @staticmethod
    @ctypes_function("ocr_multi_wait_size", [ocr_multi_p, c_int32, POINTER(ocr_event), c_size_t], ocr_status)
    def ocr_multi_wait_size(multi: Handle, timeout_ms: int, event: Ref[ocr_event], struct_size: int) -> int: ...

    # How many added items have not yet had their OCR_EVENT_DONE delivered. Since 1.2.
    # OCR_API ocr_status ocr_multi_pending(ocr_multi *multi, size_t *out);
    @staticmethod
    @ctypes_function("ocr_multi_pending", [ocr_multi_p, POINTER(c_size_t)], ocr_status)
    def ocr_multi_pending(multi: Handle, out: Ref[c_size_t]) -> int: ...

    # Cancel every pending item: each still ends with an OCR_EVENT_DONE, with OCR_E_CANCELLED unless it had already
    # finished. Items added later run normally. Safe from any thread. NULL: no-op. Since 1.2.
    # OCR_API void ocr_multi_cancel(ocr_multi *multi);
    @staticmethod
    @ctypes_function("ocr_multi_cancel", [ocr_multi_p], None)
    def ocr_multi_cancel(multi: Handle) -> None: ...

    # Cancel what is pending, wait for the requests in flight to stop, and free the multi with every result not yet
    # delivered. NULL: no-op. Since 1.2.
    # OCR_API void ocr_multi_free(ocr_multi *multi);
    @staticmethod
    @ctypes_function("ocr_multi_free", [ocr_multi_p], None)
    def ocr_multi_free(multi: Handle) -> None: ...

    # A status's name and meaning, e.g. "OCR_E_TIMEOUT: the request timed out". Static; never NULL.
    # OCR_API const char *ocr_status_string(ocr_status status);
    @staticmethod
    @ctypes_function("ocr_status_string", [ocr_status], c_char_p)
    def ocr_status_string(status: int) -> Optional[bytes]: ...

    # The library's version, "MAJOR.MINOR.PATCH", equal to OCR_VERSION for a matching header. Static.
    # OCR_API const char *ocr_version(void);
    @staticmethod
    @ctypes_function("ocr_version", [], c_char_p)
    def ocr_version() -> Optional[bytes]: ...
