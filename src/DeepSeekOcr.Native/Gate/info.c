/* ocr_status_string and ocr_version: static text, served in C so that they answer in any process on any CPU. */
#include <deepseek_ocr.h>

OCR_API const char *ocr_status_string(ocr_status status) {
    switch (status) {
    case OCR_OK: return "OCR_OK: success";
    case OCR_E_INVALID_ARGUMENT: return "OCR_E_INVALID_ARGUMENT: an argument, option or request field is invalid";
    case OCR_E_IO: return "OCR_E_IO: the image file cannot be read";
    case OCR_E_UNSUPPORTED_IMAGE: return "OCR_E_UNSUPPORTED_IMAGE: the data is not a JPEG, PNG, WebP or BMP image";
    case OCR_E_NETWORK: return "OCR_E_NETWORK: the service cannot be reached or the connection broke";
    case OCR_E_TIMEOUT: return "OCR_E_TIMEOUT: the request timed out";
    case OCR_E_CANCELLED: return "OCR_E_CANCELLED: the call was cancelled";
    case OCR_E_AUTH: return "OCR_E_AUTH: the service refused the credentials (HTTP 401 or 403)";
    case OCR_E_RATE_LIMITED: return "OCR_E_RATE_LIMITED: the service is rate limiting requests (HTTP 429)";
    case OCR_E_HTTP: return "OCR_E_HTTP: the service refused the request (HTTP 4xx)";
    case OCR_E_SERVER: return "OCR_E_SERVER: the service failed (HTTP 5xx or an error object)";
    case OCR_E_PROTOCOL: return "OCR_E_PROTOCOL: the response was malformed or incomplete";
    case OCR_E_TOO_LARGE: return "OCR_E_TOO_LARGE: the image is over the size limit";
    case OCR_E_INTERNAL: return "OCR_E_INTERNAL: an internal error in the library";
    case OCR_E_FORKED: return "OCR_E_FORKED: the process forked after the library started; this copy cannot run in the child";
    case OCR_E_UNSUPPORTED_CPU: return "OCR_E_UNSUPPORTED_CPU: the CPU lacks instructions the library needs";
    case OCR_E_UNAVAILABLE: return "OCR_E_UNAVAILABLE: a system library the call needs is not installed";
    }
    return "unknown ocr_status";
}

/* The version is written once, in the header; this library is compiled with it. */
OCR_API const char *ocr_version(void) {
    return OCR_VERSION;
}
