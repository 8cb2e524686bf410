/*
 * Tests of the multi interface (ocr_multi_*) through the real libdeepseek_ocr.so, against the in-process test server.
 * Run one case: test_multi NAME; every case: test_multi. CTest registers each case on its own.
 */
#define _POSIX_C_SOURCE 200809L
#include <deepseek_ocr.h>

#include "test_server.h"
#include "test_support.h"

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>


static void sleep_ms(int ms)
{
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static ocr_client *client_for(const char *scenario)
{
    ocr_client_options opts;
    ocr_client_options_init(&opts);
    opts.max_retries = 0;
    opts.idle_timeout_ms = 20000;
    return client_with(scenario, &opts);
}

static ocr_multi *multi_on(ocr_client *client, int max_in_flight)
{
    ocr_multi *multi = NULL;
    if (ocr_multi_new(client, max_in_flight, &multi) != OCR_OK) {
        fprintf(stderr, "  ocr_multi_new failed: %s\n", ocr_last_error());
        exit(1);
    }
    return multi;
}

/* Adds the test PNG (from a buffer that is wiped right after the add: the request is copied whole). */
static void add_png(ocr_multi *multi, uint32_t flags, uint64_t tag, ocr_cancel_token *cancel)
{
    unsigned char copy[TINY_PNG_SIZE];
    ocr_request req;
    memcpy(copy, tiny_png, sizeof copy);
    ocr_request_init(&req);
    req.image_data = copy;
    req.image_size = sizeof copy;
    req.cancel = cancel;
    CHECK_STATUS(ocr_multi_add(multi, &req, flags, tag), OCR_OK);
    memset(copy, 0, sizeof copy);
    memset(&req, 0xFF, sizeof req);
}

static size_t pending_of(ocr_multi *multi)
{
    size_t n = (size_t)-1;
    CHECK_STATUS(ocr_multi_pending(multi, &n), OCR_OK);
    return n;
}

/* Waits for the DONE of every pending item (ignoring deltas), freeing results; counts DONEs per status. */
static void drain(ocr_multi *multi, int *ok, int *cancelled, int *other)
{
    ocr_event ev;
    ocr_status s;
    while ((s = ocr_multi_wait(multi, 20000, &ev)) == OCR_OK) {
        if (ev.kind != OCR_EVENT_DONE)
            continue;
        if (ev.status == OCR_OK)
            (*ok)++;
        else if (ev.status == OCR_E_CANCELLED)
            (*cancelled)++;
        else
            (*other)++;
        ocr_result_free(ev.result);
    }
    CHECK_STATUS(s, OCR_E_INVALID_ARGUMENT);
}

/* ---- cases ---------------------------------------------------------------------------------------- */

static void test_new_checks_its_arguments(void)
{
    ocr_client *client = client_for("ok");
    ocr_multi *multi = (ocr_multi *)0x1;
    CHECK_STATUS(ocr_multi_new(client, 0, &multi), OCR_OK);
    CHECK(multi != NULL && multi != (ocr_multi *)0x1);
    ocr_multi_free(multi);
    CHECK_STATUS(ocr_multi_new(client, 1024, &multi), OCR_OK);
    ocr_multi_free(multi);
    CHECK_STATUS(ocr_multi_new(client, 1025, &multi), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("max_in_flight is 1025");
    CHECK(multi == NULL);
    CHECK_STATUS(ocr_multi_new(client, -1, &multi), OCR_E_INVALID_ARGUMENT);
    CHECK_STATUS(ocr_multi_new(NULL, 4, &multi), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("client is NULL");
    CHECK_STATUS(ocr_multi_new(client, 4, NULL), OCR_E_INVALID_ARGUMENT);
    ocr_multi_free(NULL);
    ocr_multi_cancel(NULL);
    ocr_client_free(client);
}

static void test_add_refuses_only_bad_arguments(void)
{
    ocr_client *client = client_for("ok");
    ocr_multi *multi = multi_on(client, 2), *freed = multi_on(client, 2);
    ocr_request req;
    ocr_event ev;
    ocr_request_init(&req);
    req.image_data = tiny_png;
    req.image_size = sizeof tiny_png;
    ocr_multi_free(freed);
    CHECK_STATUS(ocr_multi_add(NULL, &req, 0, 1), OCR_E_INVALID_ARGUMENT);
    CHECK_STATUS(ocr_multi_add(freed, &req, 0, 1), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("not a live ocr_multi");
    CHECK_STATUS(ocr_multi_add(multi, &req, 2, 1), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("flags");
    CHECK_STATUS(ocr_multi_add(multi, NULL, 0, 1), OCR_E_INVALID_ARGUMENT);
    req.struct_size = 3;
    CHECK_STATUS(ocr_multi_add(multi, &req, 0, 1), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("struct_size");
    CHECK(pending_of(multi) == 0);
    CHECK_STATUS(ocr_multi_wait(freed, 0, &ev), OCR_E_INVALID_ARGUMENT);
    CHECK_STATUS(ocr_multi_wait(multi, 0, NULL), OCR_E_INVALID_ARGUMENT);
    CHECK_STATUS(ocr_multi_pending(multi, NULL), OCR_E_INVALID_ARGUMENT);
    ocr_multi_cancel(freed); /* a freed handle: no-op */
    ocr_multi_free(freed);
    ocr_multi_free(multi);
    ocr_client_free(client);
}

/* 200 items, at most 8 in flight: every tag gets exactly one DONE, and the server never holds more than 8 at once. */
static void test_many_items_each_done_once_within_the_bound(void)
{
    enum { ITEMS = 200 };
    static int done[ITEMS];
    ocr_client *client = client_for("delay");
    ocr_multi *multi = multi_on(client, 8);
    ocr_event ev;
    ocr_status s;
    int i, delivered = 0;
    memset(done, 0, sizeof done);
    for (i = 0; i < ITEMS; i++)
        add_png(multi, 0, 1000 + (uint64_t)i, NULL);
    CHECK(pending_of(multi) == ITEMS);
    while ((s = ocr_multi_wait(multi, 20000, &ev)) == OCR_OK) {
        CHECK(ev.struct_size == sizeof ev);
        CHECK(ev.kind == OCR_EVENT_DONE);
        CHECK(ev.tag >= 1000 && ev.tag < 1000 + ITEMS);
        CHECK_STATUS(ev.status, OCR_OK);
        if (ev.tag >= 1000 && ev.tag < 1000 + ITEMS)
            done[ev.tag - 1000]++;
        CHECK(ev.result != NULL && strcmp(ev.result->text, "Hello, world!") == 0);
        CHECK(ev.error == NULL && ev.delta == NULL);
        ocr_result_free(ev.result);
        delivered++;
    }
    CHECK_STATUS(s, OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("no item is pending");
    CHECK(delivered == ITEMS);
    for (i = 0; i < ITEMS; i++)
        if (done[i] != 1) {
            fprintf(stderr, "  tag %d had %d DONE events\n", 1000 + i, done[i]);
            failures++;
        }
    fprintf(stderr, "  most requests at the server at once: %d\n", test_server_most_at_once("delay"));
    CHECK(test_server_most_at_once("delay") <= 8);
    CHECK(test_server_most_at_once("delay") >= 2); /* they did run side by side */
    CHECK(pending_of(multi) == 0);
    ocr_multi_free(multi);
    ocr_client_free(client);
}

/* A missing file and a request without an image fail in their own slots, as their DONE; the others succeed. */
static void test_bad_items_fail_in_their_own_slot(void)
{
    ocr_client *client = client_for("ok");
    ocr_multi *multi = multi_on(client, 4);
    ocr_request req;
    ocr_event ev;
    int seen = 0;
    add_png(multi, 0, 1, NULL);
    ocr_request_init(&req);
    req.image_path = "/nonexistent/deepseek_ocr_multi/missing.png";
    CHECK_STATUS(ocr_multi_add(multi, &req, 0, 2), OCR_OK);
    ocr_request_init(&req); /* no image at all */
    CHECK_STATUS(ocr_multi_add(multi, &req, 0, 3), OCR_OK);
    add_png(multi, 0, 4, NULL);
    while (ocr_multi_wait(multi, 20000, &ev) == OCR_OK) {
        CHECK(ev.kind == OCR_EVENT_DONE);
        seen |= 1 << ev.tag;
        if (ev.tag == 2) {
            CHECK_STATUS(ev.status, OCR_E_IO);
            CHECK(ev.result == NULL && ev.error != NULL);
            if (ev.error) {
                CHECK(ev.error->struct_size == sizeof(ocr_error_details));
                CHECK(ev.error->status == OCR_E_IO);
                CHECK(ev.error->message && strstr(ev.error->message, "missing.png") != NULL);
            }
        } else if (ev.tag == 3) {
            CHECK_STATUS(ev.status, OCR_E_INVALID_ARGUMENT);
            CHECK(ev.error != NULL && strstr(ev.error->message, "no image") != NULL);
        } else {
            CHECK_STATUS(ev.status, OCR_OK);
            CHECK(ev.result != NULL && ev.error == NULL);
        }
        ocr_result_free(ev.result);
    }
    CHECK(seen == (1 << 1 | 1 << 2 | 1 << 3 | 1 << 4));
    ocr_multi_free(multi);
    ocr_client_free(client);
}

/* A failure's details (HTTP status, the server's error object, request id) come with its DONE. */
static void test_failure_details_come_with_the_done(void)
{
    ocr_client *client = client_for("e404");
    ocr_multi *multi = multi_on(client, 2);
    ocr_event ev;
    add_png(multi, 0, 7, NULL);
    CHECK_STATUS(ocr_multi_wait(multi, 20000, &ev), OCR_OK);
    CHECK(ev.kind == OCR_EVENT_DONE && ev.tag == 7);
    CHECK_STATUS(ev.status, OCR_E_HTTP);
    CHECK(ev.result == NULL && ev.error != NULL);
    if (ev.error) {
        CHECK(ev.error->http_status == 404);
        CHECK(ev.error->error_code && strcmp(ev.error->error_code, "model_not_found") == 0);
        CHECK(ev.error->error_param && strcmp(ev.error->error_param, "model") == 0);
        CHECK(ev.error->request_id && strcmp(ev.error->request_id, "req_e404") == 0);
        CHECK(ev.error->retry_after_ms == -1);
    }
    ocr_multi_free(multi);
    ocr_client_free(client);
}

/* Streaming items give their deltas in order, then a DONE whose text is the deltas joined. */
static void test_streaming_items_give_deltas_then_done(void)
{
    enum { ITEMS = 6 };
    static char joined[ITEMS][128];
    static int done[ITEMS];
    const char *expected = "Hello, w\xc3\xb6rld \xf0\x9f\x98\x80";
    ocr_client *client = client_for("sse");
    ocr_multi *multi = multi_on(client, 3);
    ocr_event ev;
    int i;
    memset(joined, 0, sizeof joined);
    memset(done, 0, sizeof done);
    for (i = 0; i < ITEMS; i++)
        add_png(multi, OCR_MULTI_STREAM, (uint64_t)i, NULL);
    while (ocr_multi_wait(multi, 20000, &ev) == OCR_OK) {
        if (ev.tag >= ITEMS) {
            CHECK(ev.tag < ITEMS);
            continue;
        }
        if (ev.kind == OCR_EVENT_DELTA) {
            CHECK(!done[ev.tag]); /* never a delta after the item's DONE */
            CHECK(ev.delta != NULL && strlen(ev.delta) == ev.delta_len && ev.result == NULL);
            strncat(joined[ev.tag], ev.delta, sizeof joined[0] - strlen(joined[ev.tag]) - 1);
            CHECK(pending_of(multi) > 0);
        } else {
            CHECK_STATUS(ev.status, OCR_OK);
            done[ev.tag]++;
            CHECK(ev.result != NULL && strcmp(ev.result->text, expected) == 0);
            CHECK(ev.result != NULL && ev.result->usage.total_tokens == 10);
            ocr_result_free(ev.result);
        }
    }
    for (i = 0; i < ITEMS; i++) {
        CHECK(done[i] == 1);
        CHECK(strcmp(joined[i], expected) == 0);
    }
    ocr_multi_free(multi);
    ocr_client_free(client);
}

/* ocr_multi_cancel ends every pending item, running or queued, with a DONE of OCR_E_CANCELLED, promptly. */
static void test_cancel_ends_every_pending_item(void)
{
    ocr_client *client = client_for("slow"); /* answers after 10 s */
    ocr_multi *multi = multi_on(client, 2);
    int i, ok = 0, cancelled = 0, other = 0;
    double start;
    for (i = 0; i < 6; i++)
        add_png(multi, 0, (uint64_t)i, NULL);
    sleep_ms(200); /* two of them are at the server */
    start = now_ms();
    ocr_multi_cancel(multi);
    drain(multi, &ok, &cancelled, &other);
    CHECK(cancelled == 6 && ok == 0 && other == 0);
    CHECK(now_ms() - start < 5000);
    ocr_multi_free(multi);
    ocr_client_free(client);
}

/* Items added after ocr_multi_cancel run normally. */
static void test_cancel_leaves_items_added_later_alone(void)
{
    ocr_client *client = client_for("delay");
    ocr_multi *multi = multi_on(client, 1);
    ocr_event ev;
    int i, later_ok = 0, earlier = 0;
    for (i = 0; i < 4; i++)
        add_png(multi, 0, (uint64_t)i, NULL);
    ocr_multi_cancel(multi);
    for (i = 0; i < 3; i++)
        add_png(multi, 0, 100 + (uint64_t)i, NULL);
    while (ocr_multi_wait(multi, 20000, &ev) == OCR_OK) {
        if (ev.tag >= 100)
            later_ok += ev.status == OCR_OK;
        else {
            earlier++;
            CHECK(ev.status == OCR_E_CANCELLED || ev.status == OCR_OK);
        }
        ocr_result_free(ev.result);
    }
    CHECK(earlier == 4);
    CHECK(later_ok == 3);
    ocr_multi_free(multi);
    ocr_client_free(client);
}

/* A request's own cancel token cancels that item alone. */
static void test_cancel_token_cancels_its_item_alone(void)
{
    ocr_client *client = client_for("slow");
    ocr_multi *multi = multi_on(client, 4);
    ocr_cancel_token *token = NULL;
    ocr_event ev;
    double start;
    CHECK_STATUS(ocr_cancel_token_new(&token), OCR_OK);
    add_png(multi, 0, 1, token);
    add_png(multi, 0, 2, NULL);
    sleep_ms(200);
    start = now_ms();
    ocr_cancel_token_cancel(token);
    CHECK_STATUS(ocr_multi_wait(multi, 5000, &ev), OCR_OK);
    CHECK(now_ms() - start < 5000);
    CHECK(ev.kind == OCR_EVENT_DONE && ev.tag == 1);
    CHECK_STATUS(ev.status, OCR_E_CANCELLED);
    CHECK(ev.error != NULL && ev.error->status == OCR_E_CANCELLED);
    CHECK(pending_of(multi) == 1);
    CHECK_STATUS(ocr_multi_wait(multi, 300, &ev), OCR_E_TIMEOUT); /* the other one still runs */
    ocr_multi_cancel(multi);
    CHECK_STATUS(ocr_multi_wait(multi, 5000, &ev), OCR_OK);
    CHECK(ev.tag == 2 && ev.status == OCR_E_CANCELLED);
    ocr_multi_free(multi);
    ocr_cancel_token_free(token);
    ocr_client_free(client);
}

/* wait(0) only looks; a positive timeout waits about that long; both say OCR_E_TIMEOUT while an item runs. */
static void test_wait_times_out_while_items_run(void)
{
    ocr_client *client = client_for("slow");
    ocr_multi *multi = multi_on(client, 1);
    ocr_event ev;
    double start;
    add_png(multi, 0, 1, NULL);
    start = now_ms();
    CHECK_STATUS(ocr_multi_wait(multi, 0, &ev), OCR_E_TIMEOUT);
    CHECK(now_ms() - start < 3000); /* the item takes 10 s */
    start = now_ms();
    CHECK_STATUS(ocr_multi_wait(multi, 200, &ev), OCR_E_TIMEOUT);
    CHECK(now_ms() - start >= 150 && now_ms() - start < 5000);
    CHECK_STATUS(ocr_multi_wait(multi, -2, &ev), OCR_E_INVALID_ARGUMENT);
    CHECK(pending_of(multi) == 1);
    ocr_multi_free(multi); /* with the item in flight */
    ocr_client_free(client);
}

/* pending counts added items until their DONE is delivered; DELTAs do not count. */
static void test_pending_counts_until_done_is_delivered(void)
{
    ocr_client *client = client_for("sse");
    ocr_multi *multi = multi_on(client, 1);
    ocr_event ev;
    size_t expected = 3;
    int deltas = 0;
    CHECK(pending_of(multi) == 0);
    add_png(multi, OCR_MULTI_STREAM, 1, NULL);
    add_png(multi, 0, 2, NULL);
    add_png(multi, 0, 3, NULL);
    CHECK(pending_of(multi) == 3);
    sleep_ms(300); /* everything has ended: the events wait to be delivered */
    CHECK(pending_of(multi) == 3);
    while (ocr_multi_wait(multi, 20000, &ev) == OCR_OK) {
        if (ev.kind == OCR_EVENT_DELTA) {
            deltas++;
            CHECK(pending_of(multi) == expected);
        } else {
            expected--;
            CHECK(pending_of(multi) == expected);
            ocr_result_free(ev.result);
        }
    }
    CHECK(deltas == 3);
    CHECK(expected == 0);
    ocr_multi_free(multi);
    ocr_client_free(client);
}

/* With nothing pending, wait says so at once, whatever the timeout: it never hangs. */
static void test_wait_with_nothing_pending_is_refused(void)
{
    ocr_client *client = client_for("ok");
    ocr_multi *multi = multi_on(client, 0);
    ocr_event ev;
    double start = now_ms();
    CHECK_STATUS(ocr_multi_wait(multi, -1, &ev), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("no item is pending");
    CHECK_STATUS(ocr_multi_wait(multi, 0, &ev), OCR_E_INVALID_ARGUMENT);
    CHECK(now_ms() - start < 3000); /* a wait that blocked would never return */
    add_png(multi, 0, 5, NULL);
    CHECK_STATUS(ocr_multi_wait(multi, -1, &ev), OCR_OK);
    CHECK(ev.tag == 5 && ev.status == OCR_OK);
    ocr_result_free(ev.result);
    CHECK_STATUS(ocr_multi_wait(multi, -1, &ev), OCR_E_INVALID_ARGUMENT);
    ocr_multi_free(multi);
    ocr_client_free(client);
}

/* Freeing a multi with items running, queued and ended but undelivered returns promptly. multi_leak.sh runs this case
 * under LeakSanitizer for a few rounds and for many (DSOCR_MULTI_FREE_ROUNDS): what is left at exit must not grow. */
static void test_free_with_items_in_flight_returns_promptly(void)
{
    ocr_client *slow = client_for("slow"), *fast = client_for("delay");
    const char *rounds_env = getenv("DSOCR_MULTI_FREE_ROUNDS");
    int rounds = rounds_env ? atoi(rounds_env) : 10;
    double start;
    int round, i;
    for (round = 0; round < rounds; round++) {
        ocr_multi *running = multi_on(slow, 4), *ended = multi_on(fast, 16);
        for (i = 0; i < 20; i++) {
            add_png(running, (uint32_t)(i % 2), (uint64_t)i, NULL);
            add_png(ended, (uint32_t)(i % 2), (uint64_t)i, NULL);
        }
        sleep_ms(150); /* the fast ones have ended; their results and deltas were never delivered */
        for (i = 0; i < 4; i++) { /* a few delivered, freed by the caller */
            ocr_event ev;
            if (ocr_multi_wait(ended, 0, &ev) == OCR_OK)
                ocr_result_free(ev.result);
        }
        start = now_ms();
        ocr_multi_free(running);
        ocr_multi_free(ended);
        CHECK(now_ms() - start < 5000);
    }
    ocr_client_free(slow);
    ocr_client_free(fast);
}

/* An event struct smaller than sizeof(ocr_event) (an older caller) gets only what fits; a larger one gets zeros past
 * the library's struct; a size under 8 is refused without losing the event. */
static void test_event_struct_size_is_honoured(void)
{
    unsigned char buffer[sizeof(ocr_event) + 32];
    ocr_event *ev = (ocr_event *)buffer;
    ocr_client *client = client_for("ok");
    ocr_multi *multi = multi_on(client, 1);
    size_t small = offsetof(ocr_event, status) + sizeof(ocr_status);
    add_png(multi, 0, 11, NULL);
    add_png(multi, 0, 12, NULL);

    CHECK_STATUS(ocr_multi_wait_size(multi, 20000, ev, 4), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("struct_size");
    CHECK(pending_of(multi) == 2); /* nothing was taken */

    memset(buffer, CANARY, sizeof buffer);
    CHECK_STATUS(ocr_multi_wait_size(multi, 20000, ev, small), OCR_OK);
    CHECK(ev->struct_size == small);
    CHECK(ev->kind == OCR_EVENT_DONE && ev->tag == 11 && ev->status == OCR_OK);
    CHECK(canary_intact(buffer, small, sizeof buffer));

    memset(buffer, CANARY, sizeof buffer);
    CHECK_STATUS(ocr_multi_wait_size(multi, 20000, ev, sizeof buffer), OCR_OK);
    CHECK(ev->struct_size == sizeof(ocr_event));
    CHECK(ev->kind == OCR_EVENT_DONE && ev->tag == 12 && ev->status == OCR_OK && ev->result != NULL);
    {
        size_t i;
        int zero = 1;
        for (i = sizeof(ocr_event); i < sizeof buffer; i++)
            zero &= buffer[i] == 0;
        CHECK(zero);
    }
    ocr_result_free(ev->result);
    ocr_multi_free(multi);
    ocr_client_free(client);
}

struct waiter {
    ocr_multi *multi;
    int done[100];
    int events;
};

static void *wait_until_nothing_pending(void *arg)
{
    struct waiter *w = arg;
    ocr_event ev;
    while (ocr_multi_wait(w->multi, 20000, &ev) == OCR_OK) {
        if (ev.tag < 100)
            w->done[ev.tag]++;
        w->events++;
        ocr_result_free(ev.result);
    }
    return NULL;
}

/* Two threads waiting at once (the ABI asks for one; it must still be safe): each DONE goes to exactly one of them,
 * and both return once nothing is pending. */
static void test_concurrent_waits_share_the_events(void)
{
    static struct waiter a, b;
    ocr_client *client = client_for("delay");
    ocr_multi *multi = multi_on(client, 16);
    pthread_t ta, tb;
    int i;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    a.multi = b.multi = multi;
    for (i = 0; i < 100; i++)
        add_png(multi, 0, (uint64_t)i, NULL);
    pthread_create(&ta, NULL, wait_until_nothing_pending, &a);
    pthread_create(&tb, NULL, wait_until_nothing_pending, &b);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    CHECK(a.events + b.events == 100);
    for (i = 0; i < 100; i++)
        CHECK(a.done[i] + b.done[i] == 1);
    ocr_multi_free(multi);
    ocr_client_free(client);
}

struct adder {
    ocr_multi *multi;
    uint64_t first;
};

static void *add_fifty(void *arg)
{
    struct adder *a = arg;
    uint64_t i;
    for (i = 0; i < 50; i++)
        add_png(a->multi, (uint32_t)(i % 2), a->first + i, NULL);
    return NULL;
}

/* ocr_multi_add is safe from any thread: four threads add while this one waits; every tag ends exactly once. */
static void test_adds_from_many_threads_while_waiting(void)
{
    static int done[200];
    static struct adder adders[4];
    ocr_client *client = client_for("delay");
    ocr_multi *multi = multi_on(client, 32);
    pthread_t threads[4];
    ocr_event ev;
    int i, received = 0;
    double deadline = now_ms() + 30000;
    memset(done, 0, sizeof done);
    for (i = 0; i < 4; i++) {
        adders[i].multi = multi;
        adders[i].first = (uint64_t)i * 50;
        pthread_create(&threads[i], NULL, add_fifty, &adders[i]);
    }
    while (received < 200 && now_ms() < deadline) {
        if (ocr_multi_wait(multi, 1000, &ev) != OCR_OK) { /* the adders may not have added anything yet */
            sleep_ms(1);
            continue;
        }
        if (ev.kind != OCR_EVENT_DONE)
            continue;
        CHECK_STATUS(ev.status, OCR_OK);
        if (ev.tag < 200)
            done[ev.tag]++;
        received++;
        ocr_result_free(ev.result);
    }
    for (i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
    CHECK(received == 200);
    for (i = 0; i < 200; i++)
        CHECK(done[i] == 1);
    CHECK(pending_of(multi) == 0);
    ocr_multi_free(multi);
    ocr_client_free(client);
}

static const struct test_case cases[] = {
    {"new_checks_its_arguments", test_new_checks_its_arguments},
    {"add_refuses_only_bad_arguments", test_add_refuses_only_bad_arguments},
    {"many_items_each_done_once_within_the_bound", test_many_items_each_done_once_within_the_bound},
    {"bad_items_fail_in_their_own_slot", test_bad_items_fail_in_their_own_slot},
    {"failure_details_come_with_the_done", test_failure_details_come_with_the_done},
    {"streaming_items_give_deltas_then_done", test_streaming_items_give_deltas_then_done},
    {"cancel_ends_every_pending_item", test_cancel_ends_every_pending_item},
    {"cancel_leaves_items_added_later_alone", test_cancel_leaves_items_added_later_alone},
    {"cancel_token_cancels_its_item_alone", test_cancel_token_cancels_its_item_alone},
    {"wait_times_out_while_items_run", test_wait_times_out_while_items_run},
    {"pending_counts_until_done_is_delivered", test_pending_counts_until_done_is_delivered},
    {"wait_with_nothing_pending_is_refused", test_wait_with_nothing_pending_is_refused},
    {"free_with_items_in_flight_returns_promptly", test_free_with_items_in_flight_returns_promptly},
    {"event_struct_size_is_honoured", test_event_struct_size_is_honoured},
    {"concurrent_waits_share_the_events", test_concurrent_waits_share_the_events},
    {"adds_from_many_threads_while_waiting", test_adds_from_many_threads_while_waiting},
};

int main(int argc, char **argv)
{
    test_server_start();
    return run_cases(cases, sizeof cases / sizeof cases[0], argc, argv);
}
