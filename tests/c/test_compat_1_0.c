/*
 * A program built against the 1.0 header (compat/deepseek_ocr_1_0.h, as published) and run against this library:
 * it calls the 1.0 entry points ocr_client_options_init / ocr_request_init (functions there, not macros), which
 * must fill the 1.0 structs and write nothing past them, and then makes real calls with those structs.
 */
#define _POSIX_C_SOURCE 200809L
#include "compat/deepseek_ocr_1_0.h"

#include "test_server.h"
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The sizes the 1.0 header gave its structs on LP64, which the library's 1.0 entry points fill exactly. */
typedef char options_are_64_bytes[sizeof(ocr_client_options) == 64 ? 1 : -1];
typedef char request_is_104_bytes[sizeof(ocr_request) == 104 ? 1 : -1];

static int count_delta(const char *delta, size_t len, void *user_data)
{
    (void)delta;
    (void)len;
    ++*(int *)user_data;
    return 0;
}

int main(void)
{
    /* Each struct at the start of a larger buffer full of a canary, as the stack of a 1.0 program would hold it
     * beside its other variables. */
    union {
        unsigned char bytes[512];
        ocr_client_options opts;
    } options;
    union {
        unsigned char bytes[512];
        ocr_request req;
    } request;
    char url[128];
    ocr_client *client = NULL;
    ocr_result *res = NULL;
    int deltas = 0;

    memset(options.bytes, CANARY, sizeof options.bytes);
    ocr_client_options_init(&options.opts);
    CHECK(options.opts.struct_size == sizeof(ocr_client_options));
    CHECK(options.opts.max_retries == -1 && options.opts.base_url == NULL && options.opts.max_image_bytes == 0);
    CHECK(canary_intact(options.bytes, sizeof(ocr_client_options), sizeof options.bytes));

    memset(request.bytes, CANARY, sizeof request.bytes);
    ocr_request_init(&request.req);
    CHECK(request.req.struct_size == sizeof(ocr_request));
    CHECK(isnan(request.req.temperature) && isnan(request.req.top_p) && request.req.cancel == NULL);
    CHECK(canary_intact(request.bytes, sizeof(ocr_request), sizeof request.bytes));

    snprintf(url, sizeof url, "http://127.0.0.1:%d/auto", test_server_start());
    options.opts.base_url = url;
    options.opts.max_retries = 0;
    CHECK(ocr_client_new(&options.opts, &client) == OCR_OK);
    if (client != NULL) {
        request.req.image_data = tiny_png;
        request.req.image_size = sizeof tiny_png;
        CHECK(ocr_image(client, &request.req, &res) == OCR_OK);
        CHECK(res != NULL && strcmp(res->text, "Hello, world!") == 0 && res->http_status == 200);
        ocr_result_free(res);
        res = NULL;
        CHECK(ocr_stream(client, &request.req, count_delta, &deltas, &res) == OCR_OK);
        CHECK(deltas == 3 && res != NULL && res->usage.total_tokens == 10);
        ocr_result_free(res);
        ocr_client_free(client);
    }
    CHECK(strncmp(ocr_version(), "1.", 2) == 0);
    printf("%s compat_1_0_caller (library %s, header 1.0.0)\n", failures == 0 ? "PASS" : "FAIL", ocr_version());
    return failures == 0 ? 0 : 1;
}
