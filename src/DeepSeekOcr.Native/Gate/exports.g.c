/* Generated from native/include/deepseek_ocr.h by tools/DeepSeekOcr.AbiGen (build.sh runs it): do not edit. */
/*
 * Each exported function that needs the runtime: the gate first, the extensible-struct rule for the structs the
 * caller fills, then the runtime's implementation (dsocr_managed_..., in Exports/).
 */
#include "abi_sizes.g.h"
#include "gate.h"

#include <stddef.h>

extern ocr_status dsocr_managed_client_new(const ocr_client_options *opts, ocr_client **out);
extern void dsocr_managed_client_free(ocr_client *client);
extern ocr_status dsocr_managed_image(ocr_client *client, const ocr_request *req, ocr_result **out);
extern ocr_status dsocr_managed_stream(ocr_client *client, const ocr_request *req, ocr_stream_callback cb, void *user_data, ocr_result **out);
extern void dsocr_managed_result_free(ocr_result *result);
extern ocr_status dsocr_managed_cancel_token_new(ocr_cancel_token **out);
extern void dsocr_managed_cancel_token_cancel(ocr_cancel_token *token);
extern void dsocr_managed_cancel_token_free(ocr_cancel_token *token);
extern ocr_status dsocr_managed_document(ocr_client *client, const ocr_request *req, const ocr_document_options *doc, ocr_document_result **out);
extern void dsocr_managed_document_result_free(ocr_document_result *document);
extern ocr_status dsocr_managed_multi_new(ocr_client *client, int32_t max_in_flight, ocr_multi **out);
extern ocr_status dsocr_managed_multi_add(ocr_multi *multi, const ocr_request *req, uint32_t flags, uint64_t tag);
extern ocr_status dsocr_managed_multi_wait_size(ocr_multi *multi, int32_t timeout_ms, ocr_event *event, size_t struct_size);
extern ocr_status dsocr_managed_multi_pending(ocr_multi *multi, size_t *out);
extern void dsocr_managed_multi_cancel(ocr_multi *multi);
extern void dsocr_managed_multi_free(ocr_multi *multi);

static ocr_status read_ocr_client_options(ocr_client_options *copy, const ocr_client_options *source, const char *argument) {
    ocr_client_options_init_size(copy, sizeof *copy);
    return dsocr_gate_read_struct(copy, sizeof *copy, DSOCR_OCR_CLIENT_OPTIONS_SIZE_1_0, source, argument, "ocr_client_options");
}

static ocr_status read_ocr_request(ocr_request *copy, const ocr_request *source, const char *argument) {
    ocr_request_init_size(copy, sizeof *copy);
    return dsocr_gate_read_struct(copy, sizeof *copy, DSOCR_OCR_REQUEST_SIZE_1_0, source, argument, "ocr_request");
}

static ocr_status read_ocr_document_options(ocr_document_options *copy, const ocr_document_options *source, const char *argument) {
    ocr_document_options_init_size(copy, sizeof *copy);
    return dsocr_gate_read_struct(copy, sizeof *copy, DSOCR_OCR_DOCUMENT_OPTIONS_SIZE_1_2, source, argument, "ocr_document_options");
}

OCR_API ocr_status ocr_client_new(const ocr_client_options *opts, ocr_client **out) {
    if (out != NULL) {
        *out = NULL;
    }
    ocr_status status = dsocr_gate_enter();
    if (status != OCR_OK) {
        return status;
    }
    ocr_client_options opts_copy;
    if (opts != NULL) {
        status = read_ocr_client_options(&opts_copy, opts, "opts");
        if (status != OCR_OK) {
            return status;
        }
        opts = &opts_copy;
    }
    return dsocr_managed_client_new(opts, out);
}

OCR_API void ocr_client_free(ocr_client *client) {
    if (dsocr_gate_enter_quietly()) {
        dsocr_managed_client_free(client);
    }
}

OCR_API ocr_status ocr_image(ocr_client *client, const ocr_request *req, ocr_result **out) {
    if (out != NULL) {
        *out = NULL;
    }
    ocr_status status = dsocr_gate_enter();
    if (status != OCR_OK) {
        return status;
    }
    ocr_request req_copy;
    if (req != NULL) {
        status = read_ocr_request(&req_copy, req, "req");
        if (status != OCR_OK) {
            return status;
        }
        req = &req_copy;
    }
    return dsocr_managed_image(client, req, out);
}

OCR_API ocr_status ocr_stream(ocr_client *client, const ocr_request *req, ocr_stream_callback cb, void *user_data, ocr_result **out) {
    if (out != NULL) {
        *out = NULL;
    }
    ocr_status status = dsocr_gate_enter();
    if (status != OCR_OK) {
        return status;
    }
    ocr_request req_copy;
    if (req != NULL) {
        status = read_ocr_request(&req_copy, req, "req");
        if (status != OCR_OK) {
            return status;
        }
        req = &req_copy;
    }
    return dsocr_managed_stream(client, req, cb, user_data, out);
}

OCR_API void ocr_result_free(ocr_result *result) {
    if (dsocr_gate_enter_quietly()) {
        dsocr_managed_result_free(result);
    }
}

OCR_API ocr_status ocr_cancel_token_new(ocr_cancel_token **out) {
    if (out != NULL) {
        *out = NULL;
    }
    ocr_status status = dsocr_gate_enter();
    if (status != OCR_OK) {
        return status;
    }
    return dsocr_managed_cancel_token_new(out);
}

OCR_API void ocr_cancel_token_cancel(ocr_cancel_token *token) {
    if (dsocr_gate_enter_quietly()) {
        dsocr_managed_cancel_token_cancel(token);
    }
}

OCR_API void ocr_cancel_token_free(ocr_cancel_token *token) {
    if (dsocr_gate_enter_quietly()) {
        dsocr_managed_cancel_token_free(token);
    }
}

OCR_API ocr_status ocr_document(ocr_client *client, const ocr_request *req, const ocr_document_options *doc, ocr_document_result **out) {
    if (out != NULL) {
        *out = NULL;
    }
    ocr_status status = dsocr_gate_enter();
    if (status != OCR_OK) {
        return status;
    }
    ocr_request req_copy;
    if (req != NULL) {
        status = read_ocr_request(&req_copy, req, "req");
        if (status != OCR_OK) {
            return status;
        }
        req = &req_copy;
    }
    ocr_document_options doc_copy;
    if (doc != NULL) {
        status = read_ocr_document_options(&doc_copy, doc, "doc");
        if (status != OCR_OK) {
            return status;
        }
        doc = &doc_copy;
    }
    return dsocr_managed_document(client, req, doc, out);
}

OCR_API void ocr_document_result_free(ocr_document_result *document) {
    if (dsocr_gate_enter_quietly()) {
        dsocr_managed_document_result_free(document);
    }
}

OCR_API ocr_status ocr_multi_new(ocr_client *client, int32_t max_in_flight, ocr_multi **out) {
    if (out != NULL) {
        *out = NULL;
    }
    ocr_status status = dsocr_gate_enter();
    if (status != OCR_OK) {
        return status;
    }
    return dsocr_managed_multi_new(client, max_in_flight, out);
}

OCR_API ocr_status ocr_multi_add(ocr_multi *multi, const ocr_request *req, uint32_t flags, uint64_t tag) {
    ocr_status status = dsocr_gate_enter();
    if (status != OCR_OK) {
        return status;
    }
    ocr_request req_copy;
    if (req != NULL) {
        status = read_ocr_request(&req_copy, req, "req");
        if (status != OCR_OK) {
            return status;
        }
        req = &req_copy;
    }
    return dsocr_managed_multi_add(multi, req, flags, tag);
}

OCR_API ocr_status ocr_multi_wait_size(ocr_multi *multi, int32_t timeout_ms, ocr_event *event, size_t struct_size) {
    ocr_status status = dsocr_gate_enter();
    if (status != OCR_OK) {
        return status;
    }
    return dsocr_managed_multi_wait_size(multi, timeout_ms, event, struct_size);
}

OCR_API ocr_status ocr_multi_pending(ocr_multi *multi, size_t *out) {
    ocr_status status = dsocr_gate_enter();
    if (status != OCR_OK) {
        return status;
    }
    return dsocr_managed_multi_pending(multi, out);
}

OCR_API void ocr_multi_cancel(ocr_multi *multi) {
    if (dsocr_gate_enter_quietly()) {
        dsocr_managed_multi_cancel(multi);
    }
}

OCR_API void ocr_multi_free(ocr_multi *multi) {
    if (dsocr_gate_enter_quietly()) {
        dsocr_managed_multi_free(multi);
    }
}
