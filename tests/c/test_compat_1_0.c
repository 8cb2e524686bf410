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
    IN_CANARY(ocr_client_options) options;
    IN_CANARY(ocr_request) request;
    char url[128];
    ocr_client *client = NULL;
    ocr_result *res = NULL;
    int deltas = 0;

    CHECK_INIT_IN_CANARY(ocr_client_options_init, options);
    CHECK(options.value.max_retries == -1 && options.value.base_url == NULL && options.value.max_image_bytes == 0);

    CHECK_INIT_IN_CANARY(ocr_request_init, request);
    CHECK(isnan(request.value.temperature) && isnan(request.value.top_p) && request.value.cancel == NULL);

    scenario_url(url, sizeof url, "auto");
    options.value.base_url = url;
    options.value.max_retries = 0;
    CHECK(ocr_client_new(&options.value, &client) == OCR_OK);
    if (client != NULL) {
        request.value.image_data = tiny_png;
        request.value.image_size = sizeof tiny_png;
        CHECK(ocr_image(client, &request.value, &res) == OCR_OK);
        CHECK(res != NULL && strcmp(res->text, "Hello, world!") == 0 && res->http_status == 200);
        ocr_result_free(res);
        res = NULL;
        CHECK(ocr_stream(client, &request.value, count_delta, &deltas, &res) == OCR_OK);
        CHECK(deltas == 3 && res != NULL && res->usage.total_tokens == 10);
        ocr_result_free(res);
        ocr_client_free(client);
    }
    CHECK(strncmp(ocr_version(), "1.", 2) == 0);
    printf("%s compat_1_0_caller (library %s, header 1.0.0)\n", failures == 0 ? "PASS" : "FAIL", ocr_version());
    return failures == 0 ? 0 : 1;
}
