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
    IN_CANARY(ocr_client_options) options;
    IN_CANARY(ocr_request) request;
    char url[128];
    ocr_client *client = NULL;
    ocr_result *res = NULL;

    /* The init macros pass this header's larger sizes: the library zeroes all of it and writes nothing past it. */
    CHECK_INIT_IN_CANARY(ocr_client_options_init, options);
    CHECK(options.value.next_field == 0 && options.value.max_retries == -1);

    CHECK_INIT_IN_CANARY(ocr_request_init, request);
    CHECK(request.value.next_field == 0 && isnan(request.value.temperature) && isnan(request.value.top_p));

    scenario_url(url, sizeof url, "auto");
    options.value.base_url = url;
    options.value.max_retries = 0;

    options.value.next_field = 1;
    CHECK(refused_naming_struct_size(ocr_client_new(&options.value, &client)));
    CHECK(client == NULL);
    options.value.next_field = 0;
    CHECK(ocr_client_new(&options.value, &client) == OCR_OK);
    if (client != NULL) {
        request.value.image_data = tiny_png;
        request.value.image_size = sizeof tiny_png;
        CHECK(ocr_image(client, &request.value, &res) == OCR_OK);
        CHECK(res != NULL && strcmp(res->text, "Hello, world!") == 0);
        ocr_result_free(res);
        res = NULL;

        request.value.next_field = 7;
        CHECK(refused_naming_struct_size(ocr_image(client, &request.value, &res)));
        CHECK(res == NULL);
        ocr_client_free(client);
    }

    /* The program can tell that the library is older than its header. */
    CHECK(strcmp(ocr_version(), OCR_VERSION) != 0);
    printf("%s compat_next_caller (library %s, header %s)\n", failures == 0 ? "PASS" : "FAIL", ocr_version(), OCR_VERSION);
    return failures == 0 ? 0 : 1;
}
