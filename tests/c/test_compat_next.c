/*
 * A program built against a newer header (compat/deepseek_ocr_next.g.h, generated: the next minor version, with a
 * field appended to ocr_client_options and ocr_request) and run against this library. While it leaves the new
 * fields zero, as their init does, everything works; once it sets one, the call is refused naming struct_size,
 * because this library cannot honour a field it does not know.
 */
#define _POSIX_C_SOURCE 200809L
#include "compat/deepseek_ocr_next.g.h"

#include "test_server.h"
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int refused_naming_struct_size(ocr_status status)
{
    ocr_error_details details;
    if (status != OCR_E_INVALID_ARGUMENT || strstr(ocr_last_error(), "struct_size") == NULL ||
        strstr(ocr_last_error(), "newer version") == NULL) {
        fprintf(stderr, "  expected OCR_E_INVALID_ARGUMENT naming struct_size, got %d: %s\n", (int)status,
                ocr_last_error());
        return 0;
    }
    return ocr_last_error_details(&details) == OCR_OK && details.status == OCR_E_INVALID_ARGUMENT;
}

int main(void)
{
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

    /* The init macros pass this header's larger sizes: the library zeroes all of it and writes nothing past it. */
    memset(options.bytes, CANARY, sizeof options.bytes);
    ocr_client_options_init(&options.opts);
    CHECK(options.opts.struct_size == sizeof(ocr_client_options) && options.opts.next_field == 0);
    CHECK(options.opts.max_retries == -1);
    CHECK(canary_intact(options.bytes, sizeof(ocr_client_options), sizeof options.bytes));

    memset(request.bytes, CANARY, sizeof request.bytes);
    ocr_request_init(&request.req);
    CHECK(request.req.struct_size == sizeof(ocr_request) && request.req.next_field == 0);
    CHECK(isnan(request.req.temperature) && isnan(request.req.top_p));
    CHECK(canary_intact(request.bytes, sizeof(ocr_request), sizeof request.bytes));

    snprintf(url, sizeof url, "http://127.0.0.1:%d/auto", test_server_start());
    options.opts.base_url = url;
    options.opts.max_retries = 0;

    options.opts.next_field = 1;
    CHECK(refused_naming_struct_size(ocr_client_new(&options.opts, &client)));
    CHECK(client == NULL);
    options.opts.next_field = 0;
    CHECK(ocr_client_new(&options.opts, &client) == OCR_OK);
    if (client != NULL) {
        request.req.image_data = tiny_png;
        request.req.image_size = sizeof tiny_png;
        CHECK(ocr_image(client, &request.req, &res) == OCR_OK);
        CHECK(res != NULL && strcmp(res->text, "Hello, world!") == 0);
        ocr_result_free(res);
        res = NULL;

        request.req.next_field = 7;
        CHECK(refused_naming_struct_size(ocr_image(client, &request.req, &res)));
        CHECK(res == NULL);
        ocr_client_free(client);
    }

    /* The program can tell that the library is older than its header. */
    CHECK(strcmp(ocr_version(), OCR_VERSION) != 0);
    printf("%s compat_next_caller (library %s, header %s)\n", failures == 0 ? "PASS" : "FAIL", ocr_version(), OCR_VERSION);
    return failures == 0 ? 0 : 1;
}
