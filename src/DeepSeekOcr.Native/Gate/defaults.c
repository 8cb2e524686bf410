/*
 * The *_init functions: the one place that knows each field's default. Zero means "not set" for every field but
 * the few set here, so a struct larger than this library knows is initialised by zeroing it.
 */
#include "abi_sizes.g.h"
#include "gate.h"

#include <string.h>

/* NaN from its bits: the NAN macro of older Windows SDKs is overflowing constant arithmetic, which MSVC may warn
 * about (C4756), and not every C library declares nan(). */
static double quiet_nan(void) {
    const uint64_t bits = UINT64_C(0x7FF8000000000000);
    double value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

/* Zeroes struct_size bytes of the caller's struct, copies as much of the defaults as fits, and sets struct_size. */
static void fill(void *target, size_t struct_size, const void *defaults, size_t known_size) {
    if (target == NULL || struct_size < sizeof(uint32_t) || struct_size > DSOCR_MAX_STRUCT_SIZE) {
        return;
    }
    memset(target, 0, struct_size);
    memcpy(target, defaults, struct_size < known_size ? struct_size : known_size);
    uint32_t size = (uint32_t)struct_size;
    memcpy(target, &size, sizeof size);
}

OCR_API void ocr_client_options_init_size(ocr_client_options *opts, size_t struct_size) {
    ocr_client_options defaults;
    memset(&defaults, 0, sizeof defaults);
    defaults.max_retries = -1;
    fill(opts, struct_size, &defaults, sizeof defaults);
}

OCR_API void ocr_request_init_size(ocr_request *req, size_t struct_size) {
    ocr_request defaults;
    memset(&defaults, 0, sizeof defaults);
    defaults.temperature = quiet_nan();
    defaults.top_p = quiet_nan();
    fill(req, struct_size, &defaults, sizeof defaults);
}

OCR_API void ocr_document_options_init_size(ocr_document_options *opts, size_t struct_size) {
    ocr_document_options defaults;
    memset(&defaults, 0, sizeof defaults);
    fill(opts, struct_size, &defaults, sizeof defaults);
}

OCR_API void (ocr_client_options_init)(ocr_client_options *opts) {
    ocr_client_options_init_size(opts, DSOCR_OCR_CLIENT_OPTIONS_SIZE_1_0);
}

OCR_API void (ocr_request_init)(ocr_request *req) {
    ocr_request_init_size(req, DSOCR_OCR_REQUEST_SIZE_1_0);
}
