/*
 * The library on a given CPU model, run under QEMU's user-mode emulator by CTest (see CMakeLists.txt):
 *   test_cpu works    the library runs: one ocr_image and one ocr_stream against the local test server, and the body
 *                     the server received holds the exact Base64 of the image (several pieces, padding at the end),
 *                     written by whichever Base64 path the library chose for this CPU.
 *   test_cpu refused  the CPU lacks x86-64-v2: every call returns OCR_E_UNSUPPORTED_CPU with a message naming the
 *                     missing instructions, ocr_version and ocr_status_string still answer, and the process ends
 *                     normally (the runtime, built for x86-64-v2, would abort it).
 */
#define _POSIX_C_SOURCE 200809L
#include <deepseek_ocr.h>

#include "test_server.h"
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Over two of the client's 192 KiB pieces, and not a multiple of 3: the last piece is padded. */
enum { IMAGE_SIZE = 400 * 1024 + 1 };

/* The tiny PNG with pseudo-random bytes between its IDAT and IEND chunks: the library only checks both ends. */
static unsigned char *make_image(void) {
    enum { IEND_SIZE = 12 };
    unsigned char *image = malloc(IMAGE_SIZE);
    if (image == NULL) {
        abort();
    }
    memcpy(image, tiny_png, sizeof tiny_png - IEND_SIZE);
    unsigned int state = 12345;
    for (size_t index = sizeof tiny_png - IEND_SIZE; index < IMAGE_SIZE - IEND_SIZE; index++) {
        state = state * 1103515245u + 12345u;
        image[index] = (unsigned char)(state >> 16);
    }
    memcpy(image + IMAGE_SIZE - IEND_SIZE, tiny_png + sizeof tiny_png - IEND_SIZE, IEND_SIZE);
    return image;
}

/* "data:image/png;base64," and the RFC 4648 Base64 of the image, as the request body must hold it. */
static char *expected_data_url(const unsigned char *src, size_t length) {
    static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    static const char prefix[] = "data:image/png;base64,";
    char *url = malloc(sizeof prefix + (length + 2) / 3 * 4);
    if (url == NULL) {
        abort();
    }
    char *out = url + strlen(prefix);
    memcpy(url, prefix, strlen(prefix));
    for (size_t index = 0; index < length; index += 3) {
        size_t have = length - index < 3 ? length - index : 3;
        unsigned long group = (unsigned long)src[index] << 16 | (have > 1 ? (unsigned long)src[index + 1] << 8 : 0) |
                              (have > 2 ? src[index + 2] : 0);
        *out++ = letters[group >> 18];
        *out++ = letters[(group >> 12) & 63];
        *out++ = have > 1 ? letters[(group >> 6) & 63] : '=';
        *out++ = have > 2 ? letters[group & 63] : '=';
    }
    *out = '\0';
    return url;
}

static int collect(const char *delta, size_t len, void *user_data) {
    strncat((char *)user_data, delta, len);
    return 0;
}

static int works(void) {
    char base_url[64];
    scenario_url(base_url, sizeof base_url, "auto");
    ocr_client_options options;
    ocr_client_options_init(&options);
    options.base_url = base_url;
    options.max_retries = 0;
    options.timeout_ms = 120000; /* an emulated CPU starts the runtime slowly */
    ocr_client *client = NULL;
    CHECK(ocr_client_new(&options, &client) == OCR_OK);
    if (client == NULL) {
        return 1;
    }

    unsigned char *image = make_image();
    char *expected = expected_data_url(image, IMAGE_SIZE);
    ocr_request request;
    ocr_request_init(&request);
    request.image_data = image;
    request.image_size = IMAGE_SIZE;

    ocr_result *result = NULL;
    CHECK(ocr_image(client, &request, &result) == OCR_OK);
    CHECK(result != NULL && strcmp(result->text, "Hello, world!") == 0);
    CHECK(strstr(test_server_last_body(), expected) != NULL);
    ocr_result_free(result);

    char streamed[256] = "";
    result = NULL;
    CHECK(ocr_stream(client, &request, collect, streamed, &result) == OCR_OK);
    CHECK(strcmp(streamed, "Hello, w\xC3\xB6rld \xF0\x9F\x98\x80") == 0);
    CHECK(result != NULL && strcmp(result->text, streamed) == 0);
    CHECK(strstr(test_server_last_body(), expected) != NULL);
    ocr_result_free(result);

    ocr_client_free(client);
    free(expected);
    free(image);
    return failures;
}

static void check_refused(ocr_status status) {
    CHECK(status == OCR_E_UNSUPPORTED_CPU);
    CHECK(strstr(ocr_last_error(), "this CPU lacks") != NULL);
    CHECK(strstr(ocr_last_error(), "SSE4.2") != NULL);
    ocr_error_details details;
    CHECK(ocr_last_error_details(&details) == OCR_OK);
    CHECK(details.status == OCR_E_UNSUPPORTED_CPU);
}

static int refused(void) {
    CHECK(strcmp(ocr_version(), OCR_VERSION) == 0);
    CHECK(strstr(ocr_status_string(OCR_E_UNSUPPORTED_CPU), "OCR_E_UNSUPPORTED_CPU") != NULL);

    ocr_client *client = (ocr_client *)1;
    check_refused(ocr_client_new(NULL, &client));
    CHECK(client == NULL);

    unsigned char *image = make_image();
    ocr_request request;
    ocr_request_init(&request);
    request.image_data = image;
    request.image_size = IMAGE_SIZE;
    ocr_result *result = (ocr_result *)1;
    check_refused(ocr_image(NULL, &request, &result));
    CHECK(result == NULL);
    check_refused(ocr_stream(NULL, &request, collect, NULL, NULL));
    ocr_cancel_token *token = (ocr_cancel_token *)1;
    check_refused(ocr_cancel_token_new(&token));
    CHECK(token == NULL);
    printf("refused with: %s\n", ocr_last_error());

    ocr_result_free(NULL);
    ocr_client_free(NULL);
    ocr_cancel_token_free(NULL);
    free(image);
    return failures;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "";
    int result;
    if (strcmp(mode, "works") == 0) {
        result = works();
    } else if (strcmp(mode, "refused") == 0) {
        result = refused();
    } else {
        fprintf(stderr, "usage: test_cpu works|refused\n");
        return 2;
    }
    printf("%s: %s\n", mode, result == 0 ? "ok" : "FAILED");
    return result == 0 ? 0 : 1;
}
