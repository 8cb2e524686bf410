/*
 * Tests of the C ABI through the real libdeepseek_ocr.so, against the in-process test server.
 * Run one case: test_abi NAME; every case: test_abi. CTest registers each case on its own.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* syscall() */
#include <deepseek_ocr.h>

#include "test_server.h"
#include "test_support.h"

#include <math.h>
#include <stddef.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <linux/membarrier.h>
#include <sys/syscall.h>
#endif

/* Whether this process could use membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) at the start of main: only a process
 * registered for it can, -1 where the kernel does not offer it. */
static int membarrier_ready_at_main = -1;
static int port;
static char tmpdir[256];

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static ocr_client *client_for(const char *scenario, const char *api_key, int max_retries)
{
    ocr_client_options opts;
    ocr_client_options_init(&opts);
    opts.api_key = api_key;
    opts.max_retries = max_retries;
    opts.idle_timeout_ms = 5000;
    return client_with(scenario, &opts);
}

static const char *write_file(const char *name, const void *data, size_t len)
{
    static char paths[8][512];
    static int next;
    char *path = paths[next++ % 8];
    FILE *f;
    snprintf(path, 512, "%s/%s", tmpdir, name);
    f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len) {
        perror(path);
        exit(1);
    }
    fclose(f);
    return path;
}

/* ---- cases ---------------------------------------------------------------------------------------- */

static void test_version_matches_header(void)
{
    CHECK(strcmp(ocr_version(), OCR_VERSION) == 0);
}

static void test_load_registers_membarrier_while_single_threaded(void)
{
    /* The library is linked, so it was loaded before main while the process had one thread: its constructor has
     * registered membarrier then, so that the runtime's own registration at the first call does not wait. */
    if (membarrier_ready_at_main < 0)
        SKIP("this kernel has no private expedited membarrier");
    CHECK(membarrier_ready_at_main == 1);
}

static void test_status_strings_name_every_status(void)
{
    int s;
    for (s = OCR_OK; s <= OCR_E_UNAVAILABLE; s++)
        CHECK(ocr_status_string((ocr_status)s) != NULL && strncmp(ocr_status_string((ocr_status)s), "OCR_", 4) == 0);
    CHECK(strstr(ocr_status_string(OCR_E_TIMEOUT), "OCR_E_TIMEOUT") != NULL);
    CHECK(strcmp(ocr_status_string((ocr_status)999), "unknown ocr_status") == 0);
    CHECK(ocr_last_error() != NULL);
}

static void test_init_sets_defaults(void)
{
    ocr_client_options opts;
    ocr_request req;
    memset(&opts, 0x5A, sizeof opts);
    memset(&req, 0x5A, sizeof req);
    ocr_client_options_init(&opts);
    ocr_request_init(&req);
    CHECK(opts.struct_size == sizeof opts && opts.base_url == NULL && opts.max_retries == -1 && opts.timeout_ms == 0);
    CHECK(req.struct_size == sizeof req && req.image_path == NULL && req.image_size == 0 && req.cancel == NULL);
    CHECK(isnan(req.temperature) && isnan(req.top_p) && req.max_tokens == 0);
    ocr_client_options_init(NULL);
    ocr_request_init(NULL);
}

static void test_null_pointers_are_rejected(void)
{
    ocr_client *client = client_for("ok", NULL, 0);
    ocr_request req = png_request();
    ocr_result *res = (ocr_result *)&req; /* must be reset to NULL */

    CHECK_STATUS(ocr_client_new(NULL, NULL), OCR_E_INVALID_ARGUMENT);
    CHECK_STATUS(ocr_image(NULL, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK(res == NULL);
    CHECK_ERROR_HAS("client is NULL");
    CHECK_STATUS(ocr_image(client, NULL, &res), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("req is NULL");
    CHECK_STATUS(ocr_image(client, &req, NULL), OCR_E_INVALID_ARGUMENT);
    CHECK_STATUS(ocr_stream(client, &req, NULL, NULL, NULL), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("cb is NULL");
    CHECK_STATUS(ocr_cancel_token_new(NULL), OCR_E_INVALID_ARGUMENT);
    ocr_client_free(NULL);
    ocr_result_free(NULL);
    ocr_cancel_token_free(NULL);
    ocr_cancel_token_cancel(NULL);
    ocr_client_free(client);
}

static void test_stale_and_garbage_handles_are_rejected(void)
{
    ocr_client *client = client_for("ok", NULL, 0);
    ocr_request req = png_request();
    ocr_result *res = NULL;
    ocr_client_free(client);
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("not a live ocr_client");
    CHECK_STATUS(ocr_image((ocr_client *)(uintptr_t)0x1234, &req, &res), OCR_E_INVALID_ARGUMENT);
    ocr_client_free(client); /* a second free is ignored */
}

static void test_image_source_count_is_checked(void)
{
    ocr_client *client = client_for("ok", NULL, 0);
    ocr_request req;
    ocr_result *res = NULL;

    ocr_request_init(&req);
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("no image");
    req = png_request();
    req.image_url = "https://example.com/a.png";
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("more than one");
    ocr_request_init(&req);
    req.image_size = 10;
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("image_data is NULL");
    ocr_client_free(client);
}

static void test_bad_images_fail_before_any_request(void)
{
    static const unsigned char garbage[] = "this is not an image, just some text bytes";
    ocr_client_options opts;
    ocr_client *client = NULL;
    ocr_request req;
    ocr_result *res = NULL;
    int before = test_server_requests();
    unsigned char big[4096];

    ocr_client_options_init(&opts);
    opts.max_image_bytes = 1024;
    client = client_with("ok", &opts);

    ocr_request_init(&req);
    req.image_path = "/definitely/not/here.png";
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_IO);
    CHECK_ERROR_HAS("does not exist");

    req.image_path = tmpdir;
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_IO);
    CHECK_ERROR_HAS("directory");

    req.image_path = write_file("empty.png", "", 0);
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_IO);
    CHECK_ERROR_HAS("empty");

    req.image_path = write_file("garbage.png", garbage, sizeof garbage);
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_UNSUPPORTED_IMAGE);
    CHECK_ERROR_HAS("garbage.png");

    req.image_path = write_file("truncated.png", tiny_png, sizeof tiny_png - 20);
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_UNSUPPORTED_IMAGE);
    CHECK_ERROR_HAS("truncated PNG");

    req.image_path = write_file("anim.gif", "GIF89a\x01\x00\x01\x00", 10);
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_UNSUPPORTED_IMAGE);
    CHECK_ERROR_HAS("GIF");

    memset(big, 0, sizeof big);
    memcpy(big, tiny_png, sizeof tiny_png);
    req.image_path = write_file("big.png", big, sizeof big);
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_TOO_LARGE);
    CHECK_ERROR_HAS("4096 bytes");

    ocr_request_init(&req);
    req.image_data = garbage;
    req.image_size = sizeof garbage;
    CHECK_STATUS(ocr_stream(client, &req, NULL, NULL, NULL), OCR_E_INVALID_ARGUMENT); /* cb checked first */

    CHECK(res == NULL);
    CHECK(test_server_requests() == before);
    ocr_client_free(client);
}

static void test_bad_arguments_are_named(void)
{
    static const char bad_utf8[] = {'O', 'C', 'R', (char)0xC3, (char)0x28, 0};
    ocr_client_options opts;
    ocr_client *client = NULL;
    ocr_request req;
    ocr_result *res = NULL;

    ocr_client_options_init(&opts);
    opts.base_url = "not a url";
    CHECK_STATUS(ocr_client_new(&opts, &client), OCR_E_INVALID_ARGUMENT);
    /* The core names the fields as the header does, not as its C# properties (BaseUrl, Timeout, ...). */
    CHECK_ERROR_HAS("base_url 'not a url' is not an absolute http:// or https:// URL");
    opts.base_url = "ftp://127.0.0.1";
    CHECK_STATUS(ocr_client_new(&opts, &client), OCR_E_INVALID_ARGUMENT);
    ocr_client_options_init(&opts);
    opts.timeout_ms = -5;
    CHECK_STATUS(ocr_client_new(&opts, &client), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("timeout_ms");
    ocr_client_options_init(&opts);
    opts.max_retries = 1000000;
    CHECK_STATUS(ocr_client_new(&opts, &client), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("max_retries must be 0 to 10, not 1000000");
    opts.max_retries = -2; /* -1 is C's "the default": said in C's terms */
    CHECK_STATUS(ocr_client_new(&opts, &client), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("max_retries must be -1 (the default, 2) or 0 or more, not -2");
    ocr_client_options_init(&opts);
    opts.max_image_bytes = -1;
    CHECK_STATUS(ocr_client_new(&opts, &client), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("max_image_bytes must not be negative (0 picks the default), not -1");
    opts.max_image_bytes = (int64_t)1 << 40;
    CHECK_STATUS(ocr_client_new(&opts, &client), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("max_image_bytes must be 1 to 1073741824, not 1099511627776");
    ocr_client_options_init(&opts);
    opts.base_url = "http://ocr.example.com";
    opts.api_key = "sk-test-insecure";
    CHECK_STATUS(ocr_client_new(&opts, &client), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("plain http");
    CHECK(strstr(ocr_last_error(), "sk-test-insecure") == NULL);
    CHECK(client == NULL);

    client = client_for("ok", NULL, 0);
    req = png_request();
    req.prompt = bad_utf8;
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("prompt is not valid UTF-8");
    req = png_request();
    req.max_tokens = -3;
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("max_tokens must be positive (0 leaves it unset), not -3");
    req = png_request();
    req.temperature = 7.5;
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("temperature must be between 0 and 2 (NaN leaves it unset), not 7.5");
    req = png_request();
    req.response_format_json = "{\"type\": json_object}";
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("response_format_json is not valid JSON");
    req = png_request();
    req.tools_json = "{}";
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("tools_json must be a JSON array");
    req = png_request();
    req.extra_body_json = "{\"model\": \"other\"}";
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("extra_body_json sets 'model', which the request already sets");
    req = png_request();
    req.image_data = NULL;
    req.image_size = 0;
    req.image_url = bad_utf8;
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("image_url is not valid UTF-8");
    req.image_url = "file:///etc/passwd";
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("image_url must start with http://, https:// or data:");
    CHECK(res == NULL);
    ocr_client_free(client);
}

static void test_image_returns_every_result_field(void)
{
    ocr_client *client = client_for("ok", "sk-test-key", 0);
    ocr_request req;
    ocr_result *res = NULL;

    ocr_request_init(&req);
    req.image_path = write_file("tiny.png", tiny_png, sizeof tiny_png);
    req.max_tokens = 100;
    req.temperature = 0.0;
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_OK);
    CHECK(res != NULL);
    if (res) {
        CHECK(strcmp(res->text, "Hello, world!") == 0 && res->text_len == 13);
        CHECK(strcmp(res->finish_reason, "stop") == 0);
        CHECK(strcmp(res->id, "chatcmpl-42") == 0);
        CHECK(strcmp(res->model, "deepseek-ocr") == 0);
        CHECK(res->created == 1700000042);
        CHECK(res->usage.prompt_tokens == 12 && res->usage.completion_tokens == 4 && res->usage.total_tokens == 16);
        CHECK(res->http_status == 200);
    }
    ocr_result_free(res);
    ocr_client_free(client);
}

static void test_grounded_answer_gives_regions_in_pixels(void)
{
    ocr_client *client = client_for("grounded", NULL, 0);
    ocr_request req;
    ocr_result *res = NULL;

    ocr_request_init(&req);
    req.image_url = "https://example.invalid/page.png";
    req.mode = OCR_MODE_MARKDOWN;
    req.image_width = 1000;
    req.image_height = 2000;
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_OK);
    CHECK(strstr(test_server_last_body(), "grounding|\\u003EConvert the document to markdown.") != NULL); /* JSON escapes > */
    CHECK(strstr(test_server_last_body(), "\"skip_special_tokens\":false") != NULL);
    if (res) {
        CHECK(strncmp(res->text, "<|ref|>title<|/ref|>", 20) == 0); /* text stays what the server sent */
        CHECK(strcmp(res->markdown, "\n# Hi\n![](images/0.jpg)\n") == 0);
        CHECK(res->image_width == 1000 && res->image_height == 2000);
        CHECK(res->region_count == 2);
        if (res->region_count == 2) {
            const ocr_region *title = &res->regions[0], *image = &res->regions[1];
            CHECK(strcmp(title->label, "title") == 0 && strcmp(title->text, "# Hi") == 0 && title->box_count == 1);
            CHECK(title->boxes[0].x1 == 100 && title->boxes[0].y1 == 100 && title->boxes[0].x2 == 900 && title->boxes[0].y2 == 200);
            CHECK(title->boxes[0].norm_x1 == 100 && title->boxes[0].norm_y1 == 50 && title->boxes[0].norm_x2 == 900 && title->boxes[0].norm_y2 == 100);
            CHECK(strcmp(image->label, "image") == 0 && strcmp(image->text, "") == 0 && image->box_count == 2);
            CHECK(image->boxes[0].x2 == 1000 && image->boxes[0].y2 == 2000);
            CHECK(image->boxes[1].x1 == 10 && image->boxes[1].y1 == 40 && image->boxes[1].x2 == 30 && image->boxes[1].y2 == 80);
        }
    }
    ocr_result_free(res);

    /* Without a size for a URL: 0-999 boxes only, pixels -1. */
    req.image_width = 0;
    req.image_height = 0;
    res = NULL;
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_OK);
    if (res) {
        CHECK(res->image_width == 0 && res->region_count == 2);
        CHECK(res->region_count == 2 && res->regions[0].boxes[0].x1 == -1 && res->regions[0].boxes[0].norm_x1 == 100);
    }
    ocr_result_free(res);

    /* A plain answer: markdown is the text, no regions. */
    ocr_client_free(client);
    client = client_for("ok", NULL, 0);
    req.mode = OCR_MODE_LOCATE;
    req.locate_text = NULL;
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK(strstr(ocr_last_error(), "locate_text") != NULL);
    req.mode = OCR_MODE_FREE;
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_OK);
    if (res) {
        CHECK(strcmp(res->markdown, "Hello, world!") == 0 && res->region_count == 0 && res->regions == NULL);
    }
    ocr_result_free(res);
    ocr_client_free(client);
}

static void test_more_images_go_in_one_request(void)
{
    ocr_client *client = client_for("grounded", NULL, 0);
    ocr_request req = png_request();
    ocr_image_source more[2];
    ocr_result *res = NULL;
    const char *body;
    const char *first, *second, *third;

    memset(more, 0, sizeof more);
    more[0].url = "https://example.invalid/second.png";
    more[1].data = tiny_png;
    more[1].size = sizeof tiny_png;
    req.more_images = more;
    req.more_image_count = 2;
    req.mode = OCR_MODE_MARKDOWN;
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_OK);
    body = test_server_last_body();
    first = strstr(body, "data:image/png;base64,");
    second = first ? strstr(first, "https://example.invalid/second.png") : NULL;
    third = second ? strstr(second, "data:image/png;base64,") : NULL;
    CHECK(first != NULL && second != NULL && third != NULL); /* in order, one request */
    if (res) {
        /* A box may belong to either image: 0-999 only. */
        CHECK(res->image_width == 0 && res->image_height == 0);
        CHECK(res->region_count > 0 && res->regions[0].boxes[0].x1 == -1);
    }
    ocr_result_free(res);

    /* Each more image is checked like the first, and named in the message. */
    more[1].url = "https://example.invalid/both.png";
    res = NULL;
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK(strstr(ocr_last_error(), "more_images[1] sets more than one of more_images[1].path") != NULL);
    more[1].url = NULL;
    more[1].data = NULL;
    more[1].size = 0;
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK(strstr(ocr_last_error(), "more_images[1] has no image") != NULL);
    req.more_images = NULL;
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK(strstr(ocr_last_error(), "more_images is NULL but more_image_count is 2") != NULL);
    ocr_client_free(client);
}

static void test_image_sends_the_documented_request(void)
{
    ocr_client *client = client_for("ok", "sk-test-key", 0);
    ocr_request req = png_request();
    ocr_result *res = NULL;
    const char *body, *headers;

    req.max_tokens = 64;
    req.extra_body_json = "{\"skip_special_tokens\": false}";
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_OK);
    body = test_server_last_body();
    headers = test_server_last_headers();
    CHECK(strncmp(headers, "POST /ok/v1/chat/completions HTTP/1.1\r\n", 39) == 0);
    CHECK(strstr(headers, "Authorization: Bearer sk-test-key") != NULL);
    CHECK(strstr(headers, "Content-Type: application/json") != NULL);
    CHECK(strstr(headers, "Accept: application/json") != NULL);
    CHECK(strstr(body, "\"model\":\"deepseek-ocr\"") != NULL);
    CHECK(strstr(body, "{\"role\":\"system\",\"content\":\"\\u003Cimage\\u003E\\nFree OCR.\"}") != NULL
          || strstr(body, "{\"role\":\"system\",\"content\":\"<image>\\nFree OCR.\"}") != NULL);
    CHECK(strstr(body, "\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo") != NULL);
    CHECK(strstr(body, "\"max_tokens\":64") != NULL);
    CHECK(strstr(body, "\"skip_special_tokens\":false") != NULL);
    CHECK(strstr(body, "\"stream\"") == NULL && strstr(body, "temperature") == NULL);
    ocr_result_free(res);
    ocr_client_free(client);
}

struct collected {
    char text[1024];
    int calls;
    int stop_after;
    int release_on_first;
    double first_ms;
};

static int collect(const char *delta, size_t len, void *user_data)
{
    struct collected *c = (struct collected *)user_data;
    CHECK(len > 0 && strlen(delta) == len);
    if (strlen(c->text) + len < sizeof c->text)
        strncat(c->text, delta, len);
    if (c->calls++ == 0) {
        c->first_ms = now_ms();
        if (c->release_on_first)
            test_server_release();
    }
    return c->stop_after > 0 && c->calls >= c->stop_after;
}

static void test_stream_delivers_deltas_in_order(void)
{
    ocr_client *client = client_for("sse", NULL, 0);
    ocr_request req = png_request();
    ocr_result *res = NULL;
    struct collected c;

    memset(&c, 0, sizeof c);
    CHECK_STATUS(ocr_stream(client, &req, collect, &c, &res), OCR_OK);
    CHECK(c.calls == 3);
    CHECK(strcmp(c.text, "Hello, w\xc3\xb6rld \xf0\x9f\x98\x80") == 0);
    CHECK(strstr(test_server_last_body(), "\"stream\":true") != NULL);
    CHECK(strstr(test_server_last_body(), "\"include_usage\":true") != NULL);
    CHECK(strstr(test_server_last_headers(), "Accept: text/event-stream") != NULL);
    CHECK(res != NULL);
    if (res) {
        CHECK(strcmp(res->text, c.text) == 0 && res->text_len == strlen(c.text));
        CHECK(strcmp(res->finish_reason, "stop") == 0 && strcmp(res->id, "chatcmpl-t1") == 0);
        CHECK(res->usage.prompt_tokens == 7 && res->usage.completion_tokens == 3 && res->usage.total_tokens == 10);
    }
    ocr_result_free(res);
    CHECK_STATUS(ocr_stream(client, &req, collect, &c, NULL), OCR_OK); /* out may be NULL */
    ocr_client_free(client);
}

static void test_stream_delta_arrives_while_server_holds_the_rest(void)
{
    ocr_client *client = client_for("hold", NULL, 0);
    ocr_request req = png_request();
    ocr_result *res = NULL;
    struct collected c;

    memset(&c, 0, sizeof c);
    c.release_on_first = 1; /* the server sends the rest only once the first delta has been received */
    CHECK_STATUS(ocr_stream(client, &req, collect, &c, &res), OCR_OK);
    CHECK(strcmp(c.text, "first rest") == 0);
    ocr_result_free(res);
    ocr_client_free(client);
}

static void test_stream_callback_nonzero_cancels(void)
{
    ocr_client *client = client_for("sse", NULL, 0);
    ocr_request req = png_request();
    ocr_result *res = (ocr_result *)&req;
    struct collected c;

    memset(&c, 0, sizeof c);
    c.stop_after = 1;
    CHECK_STATUS(ocr_stream(client, &req, collect, &c, &res), OCR_E_CANCELLED);
    CHECK(c.calls == 1 && res == NULL);
    CHECK_ERROR_HAS("callback");
    ocr_client_free(client);
}

static void expect_failure(const char *scenario, int stream, ocr_status expected, const char *message_part, int http)
{
    ocr_client *client = client_for(scenario, "sk-secret-key-123", 0);
    ocr_request req = png_request();
    ocr_result *res = NULL;
    struct collected c;
    char needle[32];

    memset(&c, 0, sizeof c);
    CHECK_STATUS(stream ? ocr_stream(client, &req, collect, &c, &res) : ocr_image(client, &req, &res), expected);
    CHECK_ERROR_HAS(message_part);
    if (http) {
        snprintf(needle, sizeof needle, "HTTP %d", http);
        CHECK_ERROR_HAS(needle);
    }
    CHECK(strstr(ocr_last_error(), "sk-secret-key-123") == NULL);
    CHECK(res == NULL);
    ocr_client_free(client);
}

static void test_server_errors_map_to_statuses(void)
{
    expect_failure("e401", 0, OCR_E_AUTH, "Incorrect API key provided", 401);
    expect_failure("e401", 1, OCR_E_AUTH, "[redacted]", 401);
    expect_failure("e429", 0, OCR_E_RATE_LIMITED, "Rate limit reached", 429);
    expect_failure("e429", 0, OCR_E_RATE_LIMITED, "retry after 3600 s", 429); /* even with no retry left */
    expect_failure("e500", 0, OCR_E_SERVER, "inference engine failed", 500);
    expect_failure("html502", 1, OCR_E_SERVER, "502 Bad Gateway", 502);
    expect_failure("nosuch", 0, OCR_E_HTTP, "no such scenario", 404);
    expect_failure("e404", 0, OCR_E_HTTP, "does not exist", 404);
    expect_failure("texthtml", 0, OCR_E_PROTOCOL, "text/html", 0);
    expect_failure("midstream", 1, OCR_E_SERVER, "model crashed: out of memory", 0);
    expect_failure("truncated", 1, OCR_E_PROTOCOL, "[DONE]", 0);
    expect_failure("badjson", 1, OCR_E_PROTOCOL, "not valid JSON", 0);
    expect_failure("reset", 1, OCR_E_NETWORK, "connection", 0);
    expect_failure("endless", 1, OCR_E_PROTOCOL, "longer than", 0);
}

static void test_slow_trickle_under_the_idle_timeout_succeeds(void)
{
    ocr_client_options opts;
    ocr_client *client;
    ocr_request req = png_request();
    ocr_result *res = NULL;
    struct collected c;

    ocr_client_options_init(&opts);
    opts.idle_timeout_ms = 1000; /* longer than each 150 ms gap, shorter than the whole 750 ms stream + slack */
    client = client_with("trickle", &opts);
    memset(&c, 0, sizeof c);
    CHECK_STATUS(ocr_stream(client, &req, collect, &c, &res), OCR_OK);
    CHECK(c.calls == 5 && strcmp(c.text, "slow slow slow slow slow ") == 0);
    ocr_result_free(res);
    ocr_client_free(client);
}

static void test_server_error_then_success_is_retried(void)
{
    ocr_client *client = client_for("flaky", NULL, 2);
    ocr_request req = png_request();
    ocr_result *res = NULL;
    int before = test_server_requests();
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_OK);
    CHECK(res != NULL && strcmp(res->text, "Hello, world!") == 0);
    CHECK(test_server_requests() - before == 2);
    ocr_result_free(res);
    ocr_client_free(client);
}

static void test_connection_refused_is_a_network_error(void)
{
    ocr_client_options opts;
    ocr_client *client = NULL;
    ocr_request req = png_request();
    ocr_result *res = NULL;
    ocr_client_options_init(&opts);
    opts.base_url = "http://127.0.0.1:1";
    opts.max_retries = 0;
    CHECK_STATUS(ocr_client_new(&opts, &client), OCR_OK);
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_NETWORK);
    CHECK_ERROR_HAS("127.0.0.1:1");
    ocr_client_free(client);
}

/* The base URL as OpenAI clients take it, ending in /v1 (with or without a slash): the same endpoint, not
 * /v1/v1/chat/completions. The test server routes by the first path segment, so the prefix picks the scenario. */
static void test_base_url_ending_in_v1_posts_to_v1_chat_completions(void)
{
    static const char *const suffixes[] = {"/v1", "/v1/"};
    size_t i;
    for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char url[128];
        ocr_client_options opts;
        ocr_client *client = NULL;
        ocr_request req = png_request();
        ocr_result *res = NULL;
        ocr_client_options_init(&opts);
        snprintf(url, sizeof url, "http://127.0.0.1:%d/ok%s", port, suffixes[i]);
        opts.base_url = url;
        opts.max_retries = 0;
        CHECK_STATUS(ocr_client_new(&opts, &client), OCR_OK);
        CHECK_STATUS(ocr_image(client, &req, &res), OCR_OK);
        CHECK(strncmp(test_server_last_headers(), "POST /ok/v1/chat/completions HTTP/1.1\r\n", 39) == 0);
        ocr_result_free(res);
        ocr_client_free(client);
    }
}

/* Failures a wrong base URL causes say which base URL was used, where it came from, and what to do. */
static void test_base_url_failures_say_what_to_do(void)
{
    ocr_client_options opts;
    ocr_client *client = NULL;
    ocr_request req = png_request();
    ocr_result *res = NULL;
    char expected[160];

    client = client_for("e404", NULL, 0);
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_HTTP);
    snprintf(expected, sizeof expected, "POST http://127.0.0.1:%d/e404/v1/chat/completions is not a Chat Completions endpoint", port);
    CHECK_ERROR_HAS(expected);
    snprintf(expected, sizeof expected, "http://127.0.0.1:%d/e404 (from base_url)", port);
    CHECK_ERROR_HAS(expected);
    ocr_client_free(client);

    ocr_client_options_init(&opts);
    opts.base_url = "http://127.0.0.1:1";
    opts.max_retries = 0;
    CHECK_STATUS(ocr_client_new(&opts, &client), OCR_OK);
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_NETWORK);
    CHECK_ERROR_HAS("no server is listening at http://127.0.0.1:1 (from base_url)");
    CHECK_ERROR_HAS("src/DeepSeekOcr.Server/start-server.sh");
    ocr_client_free(client);
}

static void test_idle_and_total_timeouts_are_named(void)
{
    ocr_client_options opts;
    ocr_client *client;
    ocr_request req = png_request();
    ocr_result *res = NULL;
    struct collected c;
    double start;

    ocr_client_options_init(&opts);
    opts.max_retries = 0;
    opts.idle_timeout_ms = 300;
    client = client_with("stall", &opts);
    memset(&c, 0, sizeof c);
    start = now_ms();
    CHECK_STATUS(ocr_stream(client, &req, collect, &c, NULL), OCR_E_TIMEOUT);
    CHECK_ERROR_HAS("idle_timeout_ms");
    CHECK(c.calls == 1 && now_ms() - start < 3000);
    ocr_client_free(client);

    ocr_client_options_init(&opts);
    opts.max_retries = 0;
    opts.timeout_ms = 300;
    client = client_with("slow", &opts);
    start = now_ms();
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_TIMEOUT);
    CHECK_ERROR_HAS("timeout_ms");
    CHECK(now_ms() - start < 3000);
    ocr_client_free(client);
}

/* Cancels a token from another thread once the stream has delivered its first piece (the call is then blocked on a
 * server that sends nothing more), and records when. */
struct canceller {
    ocr_cancel_token *token;
    const volatile int *first_piece_arrived;
    double cancelled_ms;
};

static void *cancel_once_blocked(void *arg)
{
    struct canceller *c = (struct canceller *)arg;
    struct timespec tick = {0, 1000000L};
    double give_up = now_ms() + 30000;
    while (*c->first_piece_arrived == 0 && now_ms() < give_up)
        nanosleep(&tick, NULL);
    tick.tv_nsec = 100000000L; /* let the call settle into its wait */
    nanosleep(&tick, NULL);
    c->cancelled_ms = now_ms();
    ocr_cancel_token_cancel(c->token);
    return NULL;
}

static void test_cancel_token_stops_a_blocked_call_promptly(void)
{
    ocr_client *client = client_for("stall", NULL, 0);
    ocr_request req = png_request();
    ocr_result *res = NULL;
    struct canceller canceller;
    struct collected c;
    pthread_t thread;
    double returned, start;

    memset(&c, 0, sizeof c);
    CHECK_STATUS(ocr_cancel_token_new(&canceller.token), OCR_OK);
    canceller.first_piece_arrived = &c.calls;
    req.cancel = canceller.token;
    pthread_create(&thread, NULL, cancel_once_blocked, &canceller);
    CHECK_STATUS(ocr_stream(client, &req, collect, &c, &res), OCR_E_CANCELLED);
    returned = now_ms();
    pthread_join(thread, NULL);
    printf("  returned %.1f ms after ocr_cancel_token_cancel\n", returned - canceller.cancelled_ms);
    /* The header promises about 100 ms; a shared or emulated machine gets a wide margin. */
    CHECK(returned - canceller.cancelled_ms < 2000);
    CHECK(res == NULL && c.calls == 1);

    /* A cancelled token fails later calls at once. */
    start = now_ms();
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_CANCELLED);
    CHECK(now_ms() - start < 3000); /* a call that went out would stall for 10 s */
    ocr_cancel_token_free(canceller.token);
    ocr_client_free(client);
}

struct worker {
    ocr_client *client;
    int ok;
};

static void *hammer(void *arg)
{
    struct worker *w = (struct worker *)arg;
    int i;
    for (i = 0; i < 25; i++) {
        ocr_request req = png_request();
        ocr_result *res = NULL;
        struct collected c;
        memset(&c, 0, sizeof c);
        if (i % 2 == 0) {
            if (ocr_image(w->client, &req, &res) == OCR_OK && strcmp(res->text, "Hello, world!") == 0)
                w->ok++;
        } else if (ocr_stream(w->client, &req, collect, &c, &res) == OCR_OK && strcmp(res->text, c.text) == 0
                   && res->text_len == strlen("Hello, w\xc3\xb6rld \xf0\x9f\x98\x80")) {
            w->ok++;
        }
        ocr_result_free(res);
    }
    return NULL;
}

static void test_many_threads_share_one_client(void)
{
    ocr_client *client = client_for("auto", NULL, -1);
    struct worker workers[8];
    pthread_t threads[8];
    int i;
    for (i = 0; i < 8; i++) {
        workers[i].client = client;
        workers[i].ok = 0;
        pthread_create(&threads[i], NULL, hammer, &workers[i]);
    }
    for (i = 0; i < 8; i++) {
        pthread_join(threads[i], NULL);
        CHECK(workers[i].ok == 25);
    }
    ocr_client_free(client);
}

static void test_result_free_tolerates_foreign_pointers(void)
{
    ocr_client *client = client_for("ok", NULL, 0);
    ocr_request req = png_request();
    ocr_result *res = NULL;
    int not_a_result = 0;
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_OK);
    ocr_result_free(res);
    ocr_result_free(res);                          /* a double free is ignored */
    ocr_result_free((ocr_result *)&not_a_result); /* so is a pointer the library never gave out */
    ocr_client_free(client);
}

/* ---- extensible structs (the kernel's copy_struct_from_user rule) ---------------------------------- */

static void test_init_size_never_writes_past_the_size(void)
{
    static const size_t sizes[] = {0, 2, 4, 8, 16, 40, 64, 100, 104, 200};
    union {
        unsigned char bytes[512];
        ocr_request req;
        ocr_client_options opts;
    } buffer;
    size_t i;
    uint32_t declared;

    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        memset(buffer.bytes, CANARY, sizeof buffer.bytes);
        ocr_request_init_size(&buffer.req, sizes[i]);
        CHECK(canary_intact(buffer.bytes, sizes[i], sizeof buffer.bytes));
        memset(buffer.bytes, CANARY, sizeof buffer.bytes);
        ocr_client_options_init_size(&buffer.opts, sizes[i]);
        CHECK(canary_intact(buffer.bytes, sizes[i], sizeof buffer.bytes));
        if (sizes[i] >= sizeof declared) {
            memcpy(&declared, buffer.bytes, sizeof declared);
            CHECK(declared == sizes[i]);
        }
    }
    /* Under 4 bytes there is no room for struct_size, and a garbage size must not zero megabytes: both no-ops. */
    memset(buffer.bytes, CANARY, sizeof buffer.bytes);
    ocr_request_init_size(&buffer.req, 3);
    ocr_client_options_init_size(&buffer.opts, (size_t)1 << 40);
    CHECK(canary_intact(buffer.bytes, 0, sizeof buffer.bytes));
}

static void test_init_size_zeroes_a_larger_struct(void)
{
    struct {
        ocr_request req;
        uint64_t newer;
    } request;
    struct {
        ocr_client_options opts;
        uint64_t newer;
    } options;

    memset(&request, CANARY, sizeof request);
    ocr_request_init_size(&request.req, sizeof request);
    CHECK(request.req.struct_size == sizeof request && request.newer == 0);
    CHECK(isnan(request.req.temperature) && isnan(request.req.top_p) && request.req.image_path == NULL);
    memset(&options, CANARY, sizeof options);
    ocr_client_options_init_size(&options.opts, sizeof options);
    CHECK(options.opts.struct_size == sizeof options && options.newer == 0);
    CHECK(options.opts.max_retries == -1 && options.opts.base_url == NULL && options.opts.max_image_bytes == 0);
}

static void test_larger_struct_with_zero_tail_is_accepted(void)
{
    char url[128];
    struct {
        ocr_client_options opts;
        uint64_t newer;
    } options;
    struct {
        ocr_request req;
        uint64_t newer;
    } request;
    ocr_client *client = NULL;
    ocr_result *res = NULL;
    struct collected c;

    snprintf(url, sizeof url, "http://127.0.0.1:%d/auto", port);
    ocr_client_options_init_size(&options.opts, sizeof options);
    options.opts.base_url = url;
    options.opts.max_retries = 0;
    CHECK_STATUS(ocr_client_new(&options.opts, &client), OCR_OK);

    ocr_request_init_size(&request.req, sizeof request);
    request.req.image_data = tiny_png;
    request.req.image_size = sizeof tiny_png;
    CHECK_STATUS(ocr_image(client, &request.req, &res), OCR_OK);
    CHECK(res != NULL && strcmp(res->text, "Hello, world!") == 0);
    ocr_result_free(res);
    memset(&c, 0, sizeof c);
    CHECK_STATUS(ocr_stream(client, &request.req, collect, &c, NULL), OCR_OK);
    CHECK(c.calls == 3);
    ocr_client_free(client);
}

static void test_wrong_struct_size_is_rejected(void)
{
    /* Under the first published size (64 and 104 bytes), or past anything believable. */
    static const uint32_t bad_options_sizes[] = {0, 4, 8, 63, 4097, 1u << 20, 0xFFFFFFFFu};
    static const uint32_t bad_request_sizes[] = {0, 4, 8, 63, 103, 4097, 1u << 20, 0xFFFFFFFFu};
    ocr_client_options opts;
    ocr_client *client = NULL;
    /* A program built against a newer header: its struct is larger, and its new field is set. */
    struct {
        ocr_request req;
        uint64_t newer_field;
    } newer;
    struct {
        ocr_client_options opts;
        uint64_t newer_field;
    } newer_options;
    ocr_request req;
    ocr_result *res = NULL;
    size_t i;

    ocr_client_options_init(&opts);
    opts.struct_size = 8;
    CHECK_STATUS(ocr_client_new(&opts, &client), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("struct_size");
    CHECK(client == NULL);

    client = client_for("ok", NULL, 0);
    newer.req = png_request();
    newer.req.struct_size = sizeof newer;
    newer.newer_field = 1;
    CHECK_STATUS(ocr_image(client, &newer.req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("struct_size");
    CHECK(res == NULL);
    CHECK_STATUS(ocr_stream(client, &newer.req, collect, NULL, &res), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("req->struct_size");

    ocr_client_options_init_size(&newer_options.opts, sizeof newer_options);
    newer_options.newer_field = (uint64_t)1 << 63; /* only the last byte set */
    {
        ocr_client *refused = NULL;
        CHECK_STATUS(ocr_client_new(&newer_options.opts, &refused), OCR_E_INVALID_ARGUMENT);
        CHECK_ERROR_HAS("opts->struct_size");
        CHECK(refused == NULL);
    }

    /* Refused before anything past struct_size is read: the structs here are not that large. */
    for (i = 0; i < sizeof bad_options_sizes / sizeof bad_options_sizes[0]; i++) {
        ocr_client *refused = NULL;
        opts.struct_size = bad_options_sizes[i];
        CHECK_STATUS(ocr_client_new(&opts, &refused), OCR_E_INVALID_ARGUMENT);
        CHECK_ERROR_HAS("opts->struct_size");
        CHECK(refused == NULL);
    }
    for (i = 0; i < sizeof bad_request_sizes / sizeof bad_request_sizes[0]; i++) {
        req = png_request();
        req.struct_size = bad_request_sizes[i];
        CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
        CHECK_ERROR_HAS("req->struct_size");
        CHECK(res == NULL);
    }
    ocr_client_free(client);
}

/* ---- structured errors ------------------------------------------------------------------------------- */

#define CHECK_TEXT(actual, expected)                                                                          \
    do {                                                                                                      \
        const char *actual_ = (actual), *expected_ = (expected);                                              \
        if (expected_ == NULL ? actual_ != NULL : actual_ == NULL || strcmp(actual_, expected_) != 0) {       \
            fprintf(stderr, "  %s:%d: %s is %s%s%s, expected %s%s%s\n", __FILE__, __LINE__, #actual,        \
                    actual_ ? "\"" : "", actual_ ? actual_ : "NULL", actual_ ? "\"" : "",                      \
                    expected_ ? "\"" : "", expected_ ? expected_ : "NULL", expected_ ? "\"" : "");             \
            failures++;                                                                                       \
        }                                                                                                     \
    } while (0)

struct expected_details {
    const char *scenario;
    int stream;
    ocr_status status;
    int http_status;
    const char *type, *code, *param, *message, *request_id;
    int64_t retry_after_ms;
    int message_is_prefix; /* error_message need only begin with message */
};

/* One failing call against the scenario (no retries), then every field of ocr_last_error_details. */
static void expect_details(const struct expected_details *expected)
{
    ocr_client *client = client_for(expected->scenario, "sk-secret-key-123", 0);
    ocr_request req = png_request();
    ocr_result *res = NULL;
    ocr_error_details details;
    struct collected c;

    memset(&c, 0, sizeof c);
    memset(&details, CANARY, sizeof details);
    CHECK_STATUS(expected->stream ? ocr_stream(client, &req, collect, &c, &res) : ocr_image(client, &req, &res),
                 expected->status);
    CHECK_STATUS(ocr_last_error_details(&details), OCR_OK);
    CHECK(details.struct_size == sizeof details);
    CHECK(details.status == expected->status);
    if (details.http_status != expected->http_status) {
        fprintf(stderr, "  %s: http_status is %d, expected %d\n", expected->scenario, (int)details.http_status,
                expected->http_status);
        failures++;
    }
    CHECK(details.message != NULL && strcmp(details.message, ocr_last_error()) == 0);
    CHECK_TEXT(details.error_type, expected->type);
    CHECK_TEXT(details.error_code, expected->code);
    CHECK_TEXT(details.error_param, expected->param);
    if (expected->message_is_prefix)
        CHECK(details.error_message != NULL
              && strncmp(details.error_message, expected->message, strlen(expected->message)) == 0);
    else
        CHECK_TEXT(details.error_message, expected->message);
    CHECK(details.error_message == NULL || strstr(details.error_message, "sk-secret-key-123") == NULL);
    CHECK_TEXT(details.request_id, expected->request_id);
    if (details.retry_after_ms != expected->retry_after_ms) {
        fprintf(stderr, "  %s: retry_after_ms is %lld, expected %lld\n", expected->scenario,
                (long long)details.retry_after_ms, (long long)expected->retry_after_ms);
        failures++;
    }
    CHECK(res == NULL);
    ocr_client_free(client);
}

static void test_error_details_401(void)
{
    /* The server echoes the API key in its message; the key never leaves the library, there as anywhere. */
    struct expected_details e = {"e401", 0, OCR_E_AUTH, 401, "invalid_request_error", "invalid_api_key", NULL,
                                 "Incorrect API key provided: ", "req_e401", -1, 1};
    expect_details(&e);
}

static void test_error_details_404(void)
{
    struct expected_details e = {"e404", 0, OCR_E_HTTP, 404, "invalid_request_error", "model_not_found", "model",
                                 "The model `deepseek-ocr-huge` does not exist", "req_e404", -1, 0};
    expect_details(&e);
}

static void test_error_details_429_with_retry_after(void)
{
    struct expected_details e = {"e429", 0, OCR_E_RATE_LIMITED, 429, "rate_limit_error", "rate_limit_exceeded", NULL,
                                 "Rate limit reached", "req_e429", 3600000, 0};
    expect_details(&e);
}

static void test_error_details_500(void)
{
    /* The code is the JSON number 500, given in decimal. */
    struct expected_details e = {"e500", 0, OCR_E_SERVER, 500, "server_error", "500", NULL,
                                 "inference engine failed", "req_e500", -1, 0};
    expect_details(&e);
    e.stream = 1;
    expect_details(&e);
}

static void test_error_details_midstream_error_object(void)
{
    /* The answer was a 200 stream; the error object arrived inside it. */
    struct expected_details e = {"midstream", 1, OCR_E_SERVER, 200, "internal_error", "500", NULL,
                                 "model crashed: out of memory", "req_midstream", -1, 0};
    expect_details(&e);
}

static void test_error_details_without_an_answer(void)
{
    ocr_client *client = client_for("ok", NULL, 0);
    ocr_request req;
    ocr_result *res = NULL;
    ocr_error_details details;

    ocr_request_init(&req);
    req.image_path = "/definitely/not/here.png";
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_IO);
    CHECK_STATUS(ocr_last_error_details(&details), OCR_OK);
    CHECK(details.status == OCR_E_IO && details.http_status == 0 && details.retry_after_ms == -1);
    CHECK(details.message != NULL && strstr(details.message, "does not exist") != NULL);
    CHECK(details.error_type == NULL && details.error_code == NULL && details.error_param == NULL);
    CHECK(details.error_message == NULL && details.request_id == NULL);

    /* A refusal by the gate is a failure like any other. */
    req.struct_size = 8;
    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_INVALID_ARGUMENT);
    CHECK_STATUS(ocr_last_error_details(&details), OCR_OK);
    CHECK(details.status == OCR_E_INVALID_ARGUMENT && details.http_status == 0);
    CHECK(details.message != NULL && strstr(details.message, "struct_size") != NULL);
    ocr_client_free(client);
}

static void *details_of_a_fresh_thread(void *arg)
{
    ocr_error_details *details = (ocr_error_details *)arg;
    ocr_last_error_details(details);
    return NULL;
}

static void test_error_details_before_any_failure_and_bad_arguments(void)
{
    ocr_error_details details;
    union {
        unsigned char bytes[64];
        ocr_error_details details;
    } buffer;
    pthread_t thread;

    memset(&details, CANARY, sizeof details);
    pthread_create(&thread, NULL, details_of_a_fresh_thread, &details);
    pthread_join(thread, NULL);
    CHECK(details.struct_size == sizeof details && details.status == OCR_OK && details.http_status == 0);
    CHECK(details.message != NULL && details.message[0] == '\0' && details.retry_after_ms == -1);
    CHECK(details.error_type == NULL && details.request_id == NULL);

    CHECK_STATUS(ocr_last_error_details_size(NULL, sizeof details), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("details is NULL");
    memset(buffer.bytes, CANARY, sizeof buffer.bytes);
    CHECK_STATUS(ocr_last_error_details_size(&buffer.details, 4), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("struct_size");
    CHECK_STATUS(ocr_last_error_details_size(&buffer.details, 0), OCR_E_INVALID_ARGUMENT);
    CHECK_STATUS(ocr_last_error_details_size(&buffer.details, (size_t)1 << 40), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("struct_size");
    CHECK(canary_intact(buffer.bytes, 0, sizeof buffer.bytes));
}

static void test_error_details_size_is_kept_both_ways(void)
{
    const size_t short_size = offsetof(ocr_error_details, error_type);
    ocr_client *client = client_for("e500", NULL, 0);
    ocr_request req = png_request();
    ocr_result *res = NULL;
    struct {
        ocr_error_details details;
        unsigned char newer[24];
    } larger;
    union {
        unsigned char bytes[sizeof(ocr_error_details) + 32];
        ocr_error_details details;
    } buffer;
    size_t i;
    int tail_zero = 1;

    CHECK_STATUS(ocr_image(client, &req, &res), OCR_E_SERVER);

    /* A program built against an older header: the library fills only what it declared. */
    memset(buffer.bytes, CANARY, sizeof buffer.bytes);
    CHECK_STATUS(ocr_last_error_details_size(&buffer.details, short_size), OCR_OK);
    CHECK(buffer.details.struct_size == short_size);
    CHECK(buffer.details.status == OCR_E_SERVER && buffer.details.http_status == 500);
    CHECK(buffer.details.message != NULL && strcmp(buffer.details.message, ocr_last_error()) == 0);
    CHECK(canary_intact(buffer.bytes, short_size, sizeof buffer.bytes));

    /* The smallest size it accepts: struct_size and status. */
    memset(buffer.bytes, CANARY, sizeof buffer.bytes);
    CHECK_STATUS(ocr_last_error_details_size(&buffer.details, 8), OCR_OK);
    CHECK(buffer.details.struct_size == 8 && buffer.details.status == OCR_E_SERVER);
    CHECK(canary_intact(buffer.bytes, 8, sizeof buffer.bytes));

    /* A program built against a newer header: the fields this library does not know are zeroed. */
    memset(&larger, CANARY, sizeof larger);
    CHECK_STATUS(ocr_last_error_details_size(&larger.details, sizeof larger), OCR_OK);
    CHECK(larger.details.struct_size == sizeof(ocr_error_details));
    CHECK(larger.details.status == OCR_E_SERVER && larger.details.http_status == 500);
    for (i = 0; i < sizeof larger.newer; i++)
        tail_zero &= larger.newer[i] == 0;
    CHECK(tail_zero);
    ocr_client_free(client);
}

/* ---- runner --------------------------------------------------------------------------------------- */

static const struct test_case cases[] = {
    {"version_matches_header", test_version_matches_header},
    {"load_registers_membarrier_while_single_threaded", test_load_registers_membarrier_while_single_threaded},
    {"status_strings_name_every_status", test_status_strings_name_every_status},
    {"init_sets_defaults", test_init_sets_defaults},
    {"null_pointers_are_rejected", test_null_pointers_are_rejected},
    {"stale_and_garbage_handles_are_rejected", test_stale_and_garbage_handles_are_rejected},
    {"wrong_struct_size_is_rejected", test_wrong_struct_size_is_rejected},
    {"init_size_never_writes_past_the_size", test_init_size_never_writes_past_the_size},
    {"init_size_zeroes_a_larger_struct", test_init_size_zeroes_a_larger_struct},
    {"larger_struct_with_zero_tail_is_accepted", test_larger_struct_with_zero_tail_is_accepted},
    {"image_source_count_is_checked", test_image_source_count_is_checked},
    {"bad_images_fail_before_any_request", test_bad_images_fail_before_any_request},
    {"bad_arguments_are_named", test_bad_arguments_are_named},
    {"image_returns_every_result_field", test_image_returns_every_result_field},
    {"grounded_answer_gives_regions_in_pixels", test_grounded_answer_gives_regions_in_pixels},
    {"image_sends_the_documented_request", test_image_sends_the_documented_request},
    {"stream_delivers_deltas_in_order", test_stream_delivers_deltas_in_order},
    {"stream_delta_arrives_while_server_holds_the_rest", test_stream_delta_arrives_while_server_holds_the_rest},
    {"stream_callback_nonzero_cancels", test_stream_callback_nonzero_cancels},
    {"server_errors_map_to_statuses", test_server_errors_map_to_statuses},
    {"connection_refused_is_a_network_error", test_connection_refused_is_a_network_error},
    {"base_url_ending_in_v1_posts_to_v1_chat_completions", test_base_url_ending_in_v1_posts_to_v1_chat_completions},
    {"base_url_failures_say_what_to_do", test_base_url_failures_say_what_to_do},
    {"slow_trickle_under_the_idle_timeout_succeeds", test_slow_trickle_under_the_idle_timeout_succeeds},
    {"server_error_then_success_is_retried", test_server_error_then_success_is_retried},
    {"idle_and_total_timeouts_are_named", test_idle_and_total_timeouts_are_named},
    {"cancel_token_stops_a_blocked_call_promptly", test_cancel_token_stops_a_blocked_call_promptly},
    {"many_threads_share_one_client", test_many_threads_share_one_client},
    {"result_free_tolerates_foreign_pointers", test_result_free_tolerates_foreign_pointers},
    {"error_details_401", test_error_details_401},
    {"error_details_404", test_error_details_404},
    {"error_details_429_with_retry_after", test_error_details_429_with_retry_after},
    {"error_details_500", test_error_details_500},
    {"error_details_midstream_error_object", test_error_details_midstream_error_object},
    {"error_details_without_an_answer", test_error_details_without_an_answer},
    {"error_details_before_any_failure_and_bad_arguments", test_error_details_before_any_failure_and_bad_arguments},
    {"error_details_size_is_kept_both_ways", test_error_details_size_is_kept_both_ways},
    {"more_images_go_in_one_request", test_more_images_go_in_one_request},
};

int main(int argc, char **argv)
{
#if defined(__linux__)
    /* Before any call into the library, which would start its runtime and register anyway. */
    long commands = syscall(__NR_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
    if (commands > 0 && (commands & MEMBARRIER_CMD_PRIVATE_EXPEDITED) != 0)
        membarrier_ready_at_main = syscall(__NR_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) == 0;
#endif
    snprintf(tmpdir, sizeof tmpdir, "/tmp/deepseek_ocr_test_XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    port = test_server_start();
    return run_cases(cases, sizeof cases / sizeof cases[0], argc, argv);
}
