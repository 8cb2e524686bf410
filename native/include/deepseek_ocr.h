/*
 * deepseek_ocr.h - the C interface of libdeepseek_ocr, an OCR client for DeepSeek-OCR services.
 *
 * This header is the contract: what is not declared here is not API. The library sends an image to an
 * OpenAI-compatible Chat Completions endpoint (POST {base_url}/v1/chat/completions, model "deepseek-ocr")
 * and returns the recognised text, whole (ocr_image) or piece by piece as it arrives (ocr_stream).
 *
 * Conventions
 *   - Every function that can fail returns an ocr_status; OCR_OK is 0. On failure ocr_last_error() describes
 *     the problem for the calling thread. The API key never appears in any message.
 *   - Strings in and out are NUL-terminated UTF-8.
 *   - Output pointers (*out) are set only on OCR_OK; on failure they are set to NULL.
 *   - Everything the library allocates is freed with the matching ocr_*_free function; every free function
 *     accepts NULL as a no-op.
 *   - No call ever lets a failure escape as a crash: bad arguments get OCR_E_INVALID_ARGUMENT.
 *
 * Struct versions
 *   Structs the caller fills (ocr_client_options, ocr_request) begin with struct_size, which their *_init macro
 *   sets to sizeof the struct in the header the caller was compiled with. New fields are only ever appended, and a
 *   field's zero value always means "not set", so the library and its callers need not be of the same version. The
 *   library follows the Linux kernel's rule for extensible structs (copy_struct_from_user):
 *   - it never reads or writes a byte past the struct_size the caller declares;
 *   - a smaller struct_size (a program built against an older 1.x header) gets the defaults for the fields it lacks;
 *     one smaller than any published version of the struct is refused with OCR_E_INVALID_ARGUMENT naming struct_size;
 *   - a larger struct_size (a program built against a newer header) is accepted when every byte this library does
 *     not know is zero, and refused with OCR_E_INVALID_ARGUMENT naming struct_size when one is set: that program
 *     uses a field this library cannot honour.
 *   ocr_error_details, which the library fills, follows the same rule the other way (see ocr_last_error_details).
 *   A field added after 1.0 says "since 1.x" in its comment: a program built against 1.0 does not have it.
 *
 * fork()
 *   The library runs a .NET runtime with threads of its own once a call has started it (ocr_client_new,
 *   ocr_cancel_token_new, ...). Those threads do not survive fork(): in a child forked after that, every call
 *   returns OCR_E_FORKED at once (never hangs) and the free functions do nothing. A child can use the library by
 *   loading a fresh copy of it (dlopen of a copy of the file, e.g. through memfd_create; the Python package does this
 *   by itself), by exec'ing, or by being forked before the parent's first call. The init functions,
 *   ocr_status_string and ocr_version never start the runtime and work everywhere.
 *
 * CPU
 *   The x86-64 library needs an x86-64-v2 CPU (SSE4.2 and POPCNT: Intel Nehalem, AMD Bulldozer, 2009, or later) and
 *   uses AVX2 where the CPU has it. On an older CPU every call returns OCR_E_UNSUPPORTED_CPU; the process is never
 *   aborted.
 *
 * Minimal use:
 *     ocr_client *client;
 *     ocr_request req;
 *     ocr_result *res;
 *     if (ocr_client_new(NULL, &client) != OCR_OK) { fprintf(stderr, "%s\n", ocr_last_error()); return 1; }
 *     ocr_request_init(&req);
 *     req.image_path = "scan.png";
 *     if (ocr_image(client, &req, &res) == OCR_OK) { puts(res->text); ocr_result_free(res); }
 *     ocr_client_free(client);
 *
 * Documents (since 1.2): ocr_document renders the pages of a PDF and recognises them, several in flight.
 * Many images from one thread (since 1.2): ocr_multi_add queues requests, ocr_multi_wait returns their events.
 */
#ifndef DEEPSEEK_OCR_H
#define DEEPSEEK_OCR_H

#include <stddef.h>
#include <stdint.h>

/* The version of this header. ocr_version() returns the library's; a program can check that they match. */
#define OCR_VERSION_MAJOR 1
#define OCR_VERSION_MINOR 2
#define OCR_VERSION_PATCH 0
#define OCR_VERSION "1.2.0"

/* OCR_API marks every exported function. Define OCR_STATIC when linking the library statically. */
#if defined(OCR_STATIC)
#  define OCR_API
#elif defined(_WIN32)
#  define OCR_API __declspec(dllimport)
#elif defined(__GNUC__) || defined(__clang__)
#  define OCR_API __attribute__((visibility("default")))
#else
#  define OCR_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* A client: connection pool, credentials and defaults. Safe to use from many threads at once. */
typedef struct ocr_client ocr_client;

/* A cancellation token: cancel a running ocr_image/ocr_stream from any thread (see ocr_request.cancel). */
typedef struct ocr_cancel_token ocr_cancel_token;

/* Status codes. Values are never renumbered; new codes are only appended. */
typedef enum ocr_status {
    OCR_OK = 0,
    OCR_E_INVALID_ARGUMENT = 1,  /* a NULL pointer, a wrong struct_size, a bad option or request field */
    OCR_E_IO = 2,                /* the image file is missing, unreadable, a directory or empty */
    OCR_E_UNSUPPORTED_IMAGE = 3, /* the bytes are not JPEG, PNG, WebP or BMP */
    OCR_E_NETWORK = 4,           /* no connection, connection reset, DNS or TLS failure */
    OCR_E_TIMEOUT = 5,           /* connect, whole-request or stream-idle timeout; the message says which */
    OCR_E_CANCELLED = 6,         /* the stream callback returned nonzero, or the cancel token fired */
    OCR_E_AUTH = 7,              /* HTTP 401 or 403 */
    OCR_E_RATE_LIMITED = 8,      /* HTTP 429 */
    OCR_E_HTTP = 9,              /* another HTTP 4xx */
    OCR_E_SERVER = 10,           /* HTTP 5xx, or an error object sent by the server */
    OCR_E_PROTOCOL = 11,         /* a malformed or truncated response */
    OCR_E_TOO_LARGE = 12,        /* the image is over the configured limit */
    OCR_E_INTERNAL = 13,         /* a bug in the library; the message says what happened */
    OCR_E_FORKED = 14,           /* called in a child forked after the library had started: see "fork()" above */
    OCR_E_UNSUPPORTED_CPU = 15,  /* the CPU lacks instructions the library was built for: see "CPU" above */
    OCR_E_UNAVAILABLE = 16       /* a system library the call needs is not installed; the message names the package */
    /* append only */
} ocr_status;

/* The official prompts of DeepSeek-OCR by name (ocr_request.mode). The grounding modes (markdown, ocr, locate) make the
 * model write <|ref|>LABEL<|/ref|><|det|>[[x1, y1, x2, y2], ...]<|/det|> tags, which the library parses into
 * ocr_result.regions. Those tags are special tokens that a vLLM server drops unless the request says
 * "skip_special_tokens": false, so for them (and any prompt holding <|grounding|> or <|ref|>) the library sends it;
 * extra_body_json overrides it. vLLM's recipe also uses an n-gram logits processor against repetition loops; a server
 * started with it takes its arguments as extra_body_json
 * {"vllm_xargs": {"ngram_size": 30, "window_size": 90, "whitelist_token_ids": [128821, 128822]}}.
 * Values are never renumbered; new modes are only appended. */
typedef enum ocr_mode {
    OCR_MODE_FREE = 0,     /* "<image>\nFree OCR.": plain text (the default) */
    OCR_MODE_MARKDOWN = 1, /* "<image>\n<|grounding|>Convert the document to markdown.": labelled regions */
    OCR_MODE_OCR = 2,      /* "<image>\n<|grounding|>OCR this image.": each line of text is a region */
    OCR_MODE_FIGURE = 3,   /* "<image>\nParse the figure." */
    OCR_MODE_DESCRIBE = 4, /* "<image>\nDescribe this image in detail." */
    OCR_MODE_LOCATE = 5    /* "<image>\nLocate <|ref|>locate_text<|/ref|> in the image.": where the text is */
    /* append only */
} ocr_mode;

/* Client options. Fill with ocr_client_options_init, then set what you need. Strings are copied. */
typedef struct ocr_client_options {
    uint32_t struct_size;        /* sizeof(ocr_client_options), set by ocr_client_options_init */
    const char *base_url;        /* NULL: $DEEPSEEK_OCR_BASE_URL, else https://api.codingplanx.ai */
    const char *api_key;         /* NULL: $DEEPSEEK_OCR_API_KEY; none at all: no Authorization header */
    const char *model;           /* NULL: "deepseek-ocr" */
    int32_t timeout_ms;          /* whole request, streaming included; 0: 600000 (10 min) */
    int32_t connect_timeout_ms;  /* 0: 10000 */
    int32_t idle_timeout_ms;     /* longest silence while streaming; 0: 60000 */
    int32_t max_retries;         /* -1: 2; 0: none. Retried: connection failures, 408, 429, 500, 502, 503, 504 */
    int32_t allow_insecure_http; /* nonzero: allow sending the API key over http:// to a host that is not loopback */
    int64_t max_image_bytes;     /* largest image accepted from a path or buffer; 0: 20 MiB */
} ocr_client_options;

/* One more image of a request that sends several (ocr_request.more_images): exactly one of path, data and url, as
 * for the request's own image. An array element: it never grows. Since 1.2. */
typedef struct ocr_image_source {
    const char *path;
    const uint8_t *data;
    size_t size;
    const char *url;
} ocr_image_source;

/* One OCR request. Fill with ocr_request_init, then set exactly one image source. Nothing is copied
 * beyond the call: the pointers only need to stay valid until ocr_image/ocr_stream returns.
 * Several images in one request (more_images): the service reads them together and answers with one text, the
 * pages separated by "<--- Page Split --->"; the result's image size is then 0 and its pixel boxes -1, since a box
 * may belong to any of the images. One request per image (the default, and what ocr_multi makes fast) is what the
 * service recommends; send several together when they belong together, e.g. the pages of one short document. */
typedef struct ocr_request {
    uint32_t struct_size;             /* sizeof(ocr_request), set by ocr_request_init */
    const char *image_path;           /* exactly one of image_path, image_data, image_url */
    const uint8_t *image_data;
    size_t image_size;
    const char *image_url;            /* http(s) or data: URL, sent as is */
    const char *prompt;               /* NULL: "<image>\nFree OCR." */
    int32_t max_tokens;               /* 0: not sent */
    double temperature;               /* NaN (what init sets): not sent; else 0 to 2 */
    double top_p;                     /* NaN (what init sets): not sent; else 0 to 1 */
    const char *response_format_json; /* NULL: not sent; else a JSON object, e.g. {"type":"json_object"} */
    const char *tools_json;           /* NULL: not sent; else a JSON array */
    const char *extra_body_json;      /* NULL: nothing; else a JSON object merged into the request body */
    ocr_cancel_token *cancel;         /* NULL: none; else cancelling it ends the call with OCR_E_CANCELLED */
    int32_t mode;                     /* an ocr_mode; 0: OCR_MODE_FREE. prompt, when set, wins; since 1.1 */
    const char *locate_text;          /* OCR_MODE_LOCATE only: the text to find; since 1.1 */
    int32_t image_width;              /* image_url only: the image's size, for pixel boxes; 0: unknown; since 1.1 */
    int32_t image_height;             /* image_url only; 0: unknown; since 1.1 */
    const ocr_image_source *more_images; /* NULL: one image; else sent after it in the same request; since 1.2 */
    size_t more_image_count;          /* how many more_images; since 1.2 */
} ocr_request;

typedef struct ocr_usage {
    int64_t prompt_tokens;
    int64_t completion_tokens;
    int64_t total_tokens;
} ocr_usage;

/* One box of a region. The model gives coordinates in 0..999 across the image; the pixel ones are
 * (int)(v / 999.0 * width) (or height), truncated as the official scripts' int(), and -1 when the image's size is
 * unknown (an image_url without image_width and image_height). */
typedef struct ocr_box {
    int32_t x1;      /* left, pixels */
    int32_t y1;      /* top, pixels */
    int32_t x2;      /* right, pixels */
    int32_t y2;      /* bottom, pixels */
    int32_t norm_x1; /* left, 0..999 as the model sent it */
    int32_t norm_y1;
    int32_t norm_x2;
    int32_t norm_y2;
} ocr_box;

/* A region of the answer's grounding markup: <|ref|>label<|/ref|><|det|>[[boxes]]<|/det|> and its content. In the
 * markdown mode label is "title", "text", "table", "image", "image_caption", "equation", ... and text is what follows
 * the boxes up to the next tag (trimmed); in the ocr and locate modes label and text are both the ref's text. */
typedef struct ocr_region {
    const char *label;
    const char *text;
    size_t box_count;     /* at least 1 */
    const ocr_box *boxes;
} ocr_region;

/* A result, allocated by the library and read-only; free it with ocr_result_free. Every string is
 * NUL-terminated and never NULL ("" when the server sent nothing). Fields are only ever appended: a program that
 * reads a field added in 1.x needs a library of 1.x or later (check ocr_version()). */
typedef struct ocr_result {
    const char *text;          /* the recognised text (all deltas joined, for ocr_stream) */
    size_t text_len;           /* strlen(text) unless the text holds NUL bytes */
    const char *finish_reason; /* "stop", or "length" when max_tokens cut the text */
    const char *id;
    const char *model;
    int64_t created;           /* Unix time, seconds */
    ocr_usage usage;           /* zeros when the server did not report it */
    int32_t http_status;
    const char *markdown;        /* text without grounding tags, image regions as ![](images/N.jpg) (N from 0); since 1.1 */
    size_t region_count;         /* the regions parsed from text; markup cut short ends the parse; since 1.1 */
    const ocr_region *regions;   /* region_count regions, in the result's allocation; since 1.1 */
    int32_t image_width;         /* the source image's size (from its header or the request), 0 if unknown; since 1.1 */
    int32_t image_height;        /* since 1.1 */
} ocr_result;

/* The details of the calling thread's last failure, as ocr_last_error_details fills them. Strings are owned by the
 * library and valid until this thread's next ocr_* call; a string the failure did not have is NULL. */
typedef struct ocr_error_details {
    uint32_t struct_size;       /* set by the library: how many bytes of this struct it filled */
    ocr_status status;          /* what the failed call returned; OCR_OK before any failure */
    int32_t http_status;        /* the HTTP status of the answer that failed, 0 when none arrived */
    const char *message;        /* the same text as ocr_last_error(); never NULL */
    const char *error_type;     /* the server's error object: "type", e.g. "invalid_request_error" */
    const char *error_code;     /* its "code" as sent (a number in decimal), e.g. "invalid_api_key" */
    const char *error_param;    /* its "param": the request field at fault */
    const char *error_message;  /* its "message", whole (the API key, if the server echoed it, redacted) */
    const char *request_id;     /* the answer's x-request-id header, for the service's support */
    int64_t retry_after_ms;     /* the answer's Retry-After in milliseconds, -1 when it had none */
} ocr_error_details;

/* Called by ocr_document after each page ends, with how many of the pages asked for have ended: on the thread that
 * called ocr_document, never at the same time as another call of it. Return 0 to go on, nonzero to stop: the call
 * then ends with OCR_E_CANCELLED. Since 1.2. */
typedef int (*ocr_progress_callback)(size_t done, size_t total, void *user_data);

/* A PDF to recognise (ocr_document). Fill with ocr_document_options_init, then set exactly one of pdf_path and
 * pdf_data. Nothing is copied beyond the call. Since 1.2. */
typedef struct ocr_document_options {
    uint32_t struct_size;           /* sizeof(ocr_document_options), set by ocr_document_options_init */
    const char *pdf_path;           /* exactly one of pdf_path, pdf_data */
    const uint8_t *pdf_data;
    size_t pdf_size;
    int32_t dpi;                    /* resolution the pages are rendered at; 0: 144, as the official pipeline; 36 to 600 */
    const int32_t *pages;           /* the 1-based page numbers to recognise, returned in this order; NULL: every page */
    size_t page_count;              /* how many numbers pages holds */
    int32_t concurrency;            /* pages in flight at once; 0: 4; at most 64 */
    int32_t crop_figures;           /* nonzero: the image regions of each page cropped into ocr_page.figures as PNG */
    const char *name;               /* figures are NAME_PAGE_N.png; NULL: pdf_path's name less extension, or "document" */
    ocr_progress_callback progress; /* NULL: none */
    void *progress_user_data;
} ocr_document_options;

/* A figure cropped from a page (ocr_document_options.crop_figures): the pixels of an "image" region's first box. */
typedef struct ocr_figure {
    size_t region;                  /* the index of the region in the page's result->regions */
    const char *file_name;          /* "NAME_PAGE_N.png" (N counts the page's image regions from 0), linked as images/... */
    const uint8_t *png;             /* the PNG file's bytes */
    size_t png_size;
} ocr_figure;

/* One page of a document. ocr_page and ocr_figure are array elements and never grow. */
typedef struct ocr_page {
    int32_t number;                 /* the page's 1-based number in the PDF */
    ocr_status status;              /* OCR_OK, or why this page failed; the other pages are not affected */
    const char *error;              /* the failure's message; "" on OCR_OK */
    const ocr_result *result;       /* NULL unless status is OCR_OK; its markdown links figures as images/NAME_PAGE_N.png */
    int32_t width;                  /* the rendered page in pixels, which the pixel boxes refer to; 0 if not rendered */
    int32_t height;
    size_t figure_count;
    const ocr_figure *figures;
} ocr_page;

/* A recognised document, allocated by the library and read-only; free it with ocr_document_result_free. */
typedef struct ocr_document_result {
    const char *markdown;           /* the pages' markdown joined by "\n<--- Page Split --->\n" ("" for a failed page) */
    const char *raw_text;           /* the pages' text as the server sent it, joined the same way */
    size_t page_count;
    const ocr_page *pages;          /* in the order asked for */
    size_t failed_count;            /* how many pages have a status other than OCR_OK */
    int32_t pdf_page_count;         /* how many pages the PDF has */
} ocr_document_result;

/* Many requests in flight from one thread (since 1.2), the way libcurl's multi interface or a completion queue
 * works: ocr_multi_add queues requests, at most max_in_flight of them run at once on the library's own I/O, and
 * ocr_multi_wait hands their events to the caller's thread, one at a time. No callback runs on a library thread. */
typedef struct ocr_multi ocr_multi;

typedef enum ocr_event_kind {
    OCR_EVENT_DONE = 0,  /* the item ended: status, and result on OCR_OK */
    OCR_EVENT_DELTA = 1  /* an item added with OCR_MULTI_STREAM received a piece of text */
    /* append only */
} ocr_event_kind;

/* ocr_multi_add flag: deliver the text as it streams, as OCR_EVENT_DELTA events before the item's OCR_EVENT_DONE. */
#define OCR_MULTI_STREAM 1u

/* An event of an ocr_multi, as ocr_multi_wait fills it. Since 1.2. */
typedef struct ocr_event {
    uint32_t struct_size;           /* set by the library: how many bytes of this struct it filled */
    int32_t kind;                   /* an ocr_event_kind */
    uint64_t tag;                   /* the tag the item was added with */
    ocr_status status;              /* OCR_EVENT_DONE: the item's outcome */
    ocr_result *result;             /* OCR_EVENT_DONE with OCR_OK: the result, now the caller's to ocr_result_free */
    const char *delta;              /* OCR_EVENT_DELTA: the piece, NUL-terminated; valid until the next ocr_multi_wait */
    size_t delta_len;
    const ocr_error_details *error; /* OCR_EVENT_DONE with a failure: its details; valid until the next ocr_multi_wait */
} ocr_event;

/* Receives each non-empty piece of text as it arrives: NUL-terminated UTF-8, `len` bytes without the NUL,
 * valid only during the call. Return 0 to go on, nonzero to stop: the call then ends with OCR_E_CANCELLED.
 * It runs on the thread that called ocr_stream. */
typedef int (*ocr_stream_callback)(const char *delta, size_t len, void *user_data);

/* Fill opts (struct_size bytes, normally sizeof(ocr_client_options)) with the defaults and set opts->struct_size.
 * Writes nothing past struct_size bytes. NULL: no-op. Call it as ocr_client_options_init(&opts), which passes the
 * size of the struct in the header you compiled with. */
OCR_API void ocr_client_options_init_size(ocr_client_options *opts, size_t struct_size);
#define ocr_client_options_init(opts) ocr_client_options_init_size((opts), sizeof(ocr_client_options))

/* Fill req (struct_size bytes) with the defaults (no image, NaN temperature and top_p) and set req->struct_size.
 * Writes nothing past struct_size bytes. NULL: no-op. Call it as ocr_request_init(&req). */
OCR_API void ocr_request_init_size(ocr_request *req, size_t struct_size);
#define ocr_request_init(req) ocr_request_init_size((req), sizeof(ocr_request))

/* The entry points that programs built against the 1.0 header call: they fill the 1.0 struct (64 and 104 bytes),
 * never more. New code uses the macros above. */
OCR_API void (ocr_client_options_init)(ocr_client_options *opts);
OCR_API void (ocr_request_init)(ocr_request *req);

/* Create a client. opts may be NULL for all defaults. On OCR_OK, *out owns a client to free with
 * ocr_client_free. Fails with OCR_E_INVALID_ARGUMENT on a bad base URL, negative timeouts, or an API key
 * that would be sent over plain http to a host that is not loopback (unless allow_insecure_http is set). */
OCR_API ocr_status ocr_client_new(const ocr_client_options *opts, ocr_client **out);

/* Free a client. Calls still running on it must have returned first. NULL: no-op. */
OCR_API void ocr_client_free(ocr_client *client);

/* Recognise one image and wait for the whole answer. On OCR_OK, *out owns a result to free with
 * ocr_result_free. Image bytes from a path or buffer are checked (JPEG, PNG, WebP or BMP, by their magic
 * bytes) before anything is sent, and sent as a data: URL with the right MIME type. */
OCR_API ocr_status ocr_image(ocr_client *client, const ocr_request *req, ocr_result **out);

/* Recognise one image, calling cb with each piece of text as the server streams it. out may be NULL;
 * else on OCR_OK *out owns a result with the whole text, finish_reason and usage. A request is never
 * retried once a piece has reached cb. */
OCR_API ocr_status ocr_stream(ocr_client *client, const ocr_request *req, ocr_stream_callback cb,
                              void *user_data, ocr_result **out);

/* Free a result. NULL: no-op. */
OCR_API void ocr_result_free(ocr_result *result);

/* Create a cancellation token. On OCR_OK, *out owns a token to free with ocr_cancel_token_free. */
OCR_API ocr_status ocr_cancel_token_new(ocr_cancel_token **out);

/* Cancel: every call using this token returns OCR_E_CANCELLED promptly (within about 100 ms), and calls
 * started with it later fail at once. Safe from any thread, any number of times. NULL: no-op. */
OCR_API void ocr_cancel_token_cancel(ocr_cancel_token *token);

/* Free a token. Calls using it must have returned first. NULL: no-op. */
OCR_API void ocr_cancel_token_free(ocr_cancel_token *token);

/* The calling thread's last failure message: never NULL, owned by the library, valid until this thread's
 * next ocr_* call. "" before any failure. */
OCR_API const char *ocr_last_error(void);

/* Fill details with the calling thread's last failure: status, HTTP status, the server's error object and
 * request id, beside the message (the way curl keeps CURLINFO_RESPONSE_CODE beside its code). Writes at most
 * struct_size bytes (normally sizeof(ocr_error_details): call it as ocr_last_error_details(&details)); fields this
 * library does not know are zeroed, and details->struct_size says how many bytes it filled. Before any failure
 * status is OCR_OK and message "". Returns OCR_E_INVALID_ARGUMENT for NULL or a struct_size under 8. */
OCR_API ocr_status ocr_last_error_details_size(ocr_error_details *details, size_t struct_size);
#define ocr_last_error_details(details) ocr_last_error_details_size((details), sizeof(ocr_error_details))

/* Fill opts (struct_size bytes) with the defaults and set opts->struct_size. Call it as
 * ocr_document_options_init(&opts). Since 1.2. */
OCR_API void ocr_document_options_init_size(ocr_document_options *opts, size_t struct_size);
#define ocr_document_options_init(opts) ocr_document_options_init_size((opts), sizeof(ocr_document_options))

/* Recognise the pages of a PDF: each page is rendered at doc->dpi, sent as a PNG image with req's prompt, mode and
 * parameters (req may be NULL for the defaults; it must not set an image source; its cancel token cancels the
 * document), with up to doc->concurrency pages in flight. On OCR_OK, *out owns the document, to free with
 * ocr_document_result_free; a page that failed has its own status and message there and does not fail the call.
 * The call fails as a whole only when the PDF cannot be opened (OCR_E_IO, or OCR_E_UNSUPPORTED_IMAGE for bytes that
 * are not a PDF), a page number is out of range (OCR_E_INVALID_ARGUMENT), it is cancelled (OCR_E_CANCELLED), or
 * the PDF renderer is missing: pages are rendered by Poppler (libpoppler-glib.so.8, with cairo), loaded when first
 * needed, and without it the call returns OCR_E_UNAVAILABLE naming the package (Debian and Ubuntu:
 * libpoppler-glib8). Images never need it. Since 1.2. */
OCR_API ocr_status ocr_document(ocr_client *client, const ocr_request *req, const ocr_document_options *doc,
                                ocr_document_result **out);

/* Free a document. NULL: no-op. Since 1.2. */
OCR_API void ocr_document_result_free(ocr_document_result *document);

/* Create a multi handle on client, running at most max_in_flight requests at once (0: 16; at most 1024). The client
 * must outlive it. On OCR_OK, *out owns it, to free with ocr_multi_free. Since 1.2. */
OCR_API ocr_status ocr_multi_new(ocr_client *client, int32_t max_in_flight, ocr_multi **out);

/* Queue one request, to start as soon as fewer than max_in_flight run. The request is copied whole (image_data
 * included; an image_path is read when the item starts), so req need not outlive the call. tag is the caller's and
 * comes back in the item's events; flags is 0 or OCR_MULTI_STREAM. Never blocks. A failure to start (a bad request,
 * a missing file) arrives as the item's OCR_EVENT_DONE, not here: this returns an error only for a NULL or freed
 * multi, a bad struct_size or unknown flags. Safe to call from any thread. Since 1.2. */
OCR_API ocr_status ocr_multi_add(ocr_multi *multi, const ocr_request *req, uint32_t flags, uint64_t tag);

/* Wait up to timeout_ms (-1: no limit; 0: only look) for the next event and fill *event with it (struct_size bytes,
 * normally sizeof(ocr_event): call it as ocr_multi_wait(multi, timeout_ms, &event)). Every added item ends with
 * exactly one OCR_EVENT_DONE. Returns OCR_OK with an event, OCR_E_TIMEOUT when none came in time, and
 * OCR_E_INVALID_ARGUMENT when no item is pending (every added item's OCR_EVENT_DONE was delivered). Since 1.2. */
OCR_API ocr_status ocr_multi_wait_size(ocr_multi *multi, int32_t timeout_ms, ocr_event *event, size_t struct_size);
#define ocr_multi_wait(multi, timeout_ms, event) ocr_multi_wait_size((multi), (timeout_ms), (event), sizeof(ocr_event))

/* How many added items have not yet had their OCR_EVENT_DONE delivered. Since 1.2. */
OCR_API ocr_status ocr_multi_pending(ocr_multi *multi, size_t *out);

/* Cancel every pending item: each still ends with an OCR_EVENT_DONE, with OCR_E_CANCELLED unless it had already
 * finished. Items added later run normally. Safe from any thread. NULL: no-op. Since 1.2. */
OCR_API void ocr_multi_cancel(ocr_multi *multi);

/* Cancel what is pending, wait for the requests in flight to stop, and free the multi with every result not yet
 * delivered. NULL: no-op. Since 1.2. */
OCR_API void ocr_multi_free(ocr_multi *multi);

/* A status's name and meaning, e.g. "OCR_E_TIMEOUT: the request timed out". Static; never NULL. */
OCR_API const char *ocr_status_string(ocr_status status);

/* The library's version, "MAJOR.MINOR.PATCH", equal to OCR_VERSION for a matching header. Static. */
OCR_API const char *ocr_version(void);

#ifdef __cplusplus
}
#endif

#endif /* DEEPSEEK_OCR_H */
