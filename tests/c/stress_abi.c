/*
 * stress_abi: THREADS threads x REQUESTS requests on one client against the in-process test server, mixing
 * ocr_image, ocr_stream, streams stopped early by their callback, cancelled calls and failures. Built with
 * AddressSanitizer. Checks every status, and that resident memory is flat (within 10%) between the 25% mark
 * and the end. Prints "N passed, N failed" (one check per request plus the memory check).
 *
 *   stress_abi [THREADS [REQUESTS]]     default 16 x 500
 */
#define _POSIX_C_SOURCE 200809L
#include <deepseek_ocr.h>

#include "test_server.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char EXPECTED_STREAM[] = "Hello, w\xc3\xb6rld \xf0\x9f\x98\x80";

static ocr_client *client;
static ocr_client *failing_client;
static int requests_per_thread;
static int total_requests;
static int done_requests;
static long rss_at_quarter_kb;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int passed, failed;

static long rss_kb(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static int stop_after_first(const char *delta, size_t len, void *user_data)
{
    (void)delta;
    (void)len;
    (void)user_data;
    return 1;
}

static int append(const char *delta, size_t len, void *user_data)
{
    char *text = (char *)user_data;
    if (strlen(text) + len < 256)
        strncat(text, delta, len);
    return 0;
}

/* One request of kind i % 5; returns 1 when it ended as expected. */
static int one_request(int i)
{
    ocr_request req;
    ocr_result *res = NULL;
    char text[256] = "";
    int ok = 0;
    ocr_cancel_token *token = NULL;

    ocr_request_init(&req);
    req.image_data = tiny_png;
    req.image_size = sizeof tiny_png;
    switch (i % 5) {
    case 0:
        ok = ocr_image(client, &req, &res) == OCR_OK && strcmp(res->text, "Hello, world!") == 0;
        break;
    case 1:
        ok = ocr_stream(client, &req, append, text, &res) == OCR_OK && strcmp(text, EXPECTED_STREAM) == 0
             && strcmp(res->text, EXPECTED_STREAM) == 0;
        break;
    case 2:
        ok = ocr_stream(client, &req, stop_after_first, NULL, &res) == OCR_E_CANCELLED && res == NULL;
        break;
    case 3:
        ok = ocr_image(failing_client, &req, &res) == OCR_E_SERVER && res == NULL
             && strstr(ocr_last_error(), "inference engine failed") != NULL;
        break;
    default:
        ok = ocr_cancel_token_new(&token) == OCR_OK;
        ocr_cancel_token_cancel(token);
        req.cancel = token;
        ok = ok && ocr_stream(client, &req, append, text, &res) == OCR_E_CANCELLED && res == NULL;
        ocr_cancel_token_free(token);
        break;
    }
    ocr_result_free(res);
    return ok;
}

static void *worker(void *arg)
{
    int i, n;
    (void)arg;
    for (i = 0; i < requests_per_thread; i++) {
        int ok = one_request(i);
        pthread_mutex_lock(&lock);
        if (ok)
            passed++;
        else
            failed++;
        n = ++done_requests;
        if (n == total_requests / 4)
            rss_at_quarter_kb = rss_kb();
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static ocr_client *new_client(int port, const char *scenario)
{
    char url[128];
    ocr_client_options opts;
    ocr_client *c = NULL;
    snprintf(url, sizeof url, "http://127.0.0.1:%d/%s", port, scenario);
    ocr_client_options_init(&opts);
    opts.base_url = url;
    opts.max_retries = 0;
    if (ocr_client_new(&opts, &c) != OCR_OK) {
        fprintf(stderr, "stress_abi: %s\n", ocr_last_error());
        exit(1);
    }
    return c;
}

int main(int argc, char **argv)
{
    int threads = argc > 1 ? atoi(argv[1]) : 16, i, port;
    pthread_t *ids;
    long rss_end;

    requests_per_thread = argc > 2 ? atoi(argv[2]) : 500;
    if (threads < 1 || requests_per_thread < 4) {
        fprintf(stderr, "usage: stress_abi [THREADS [REQUESTS>=4]]\n");
        return 2;
    }
    total_requests = threads * requests_per_thread;
    port = test_server_start();
    client = new_client(port, "auto");
    failing_client = new_client(port, "e500");
    ids = calloc((size_t)threads, sizeof *ids);
    for (i = 0; i < threads; i++)
        pthread_create(&ids[i], NULL, worker, NULL);
    for (i = 0; i < threads; i++)
        pthread_join(ids[i], NULL);
    free(ids);
    rss_end = rss_kb();
    ocr_client_free(client);
    ocr_client_free(failing_client);

    printf("requests: %d, resident memory at %d: %ld KiB, at %d: %ld KiB (%+.1f%%)\n", total_requests,
           total_requests / 4, rss_at_quarter_kb, total_requests, rss_end,
           100.0 * (double)(rss_end - rss_at_quarter_kb) / (double)rss_at_quarter_kb);
    if (rss_end <= rss_at_quarter_kb * 11 / 10) {
        passed++;
    } else {
        fprintf(stderr, "stress_abi: resident memory grew by more than 10%%\n");
        failed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    fflush(stdout); /* LeakSanitizer ends the process without flushing stdio */
    return failed == 0 ? 0 : 1;
}
