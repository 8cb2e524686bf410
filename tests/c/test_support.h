/*
 * What the C test programs share: the failure counter and CHECK, which counts a failure and prints the failing
 * thread's ocr_last_error(). Include it after the header the program is built against: deepseek_ocr.h, or the
 * older or newer copy that a compatibility test uses.
 */
#ifndef TEST_SUPPORT_H
#define TEST_SUPPORT_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_server.h"

static int failures;

/* Set by SKIP: the case could not run here. The program then prints SKIP, not PASS, and exits with 77, which CTest
 * reads as "skipped" (SKIP_RETURN_CODE) and the test run does not count as passed. */
static int skipped __attribute__((unused));

#define SKIP(reason)                                                                                         \
    do {                                                                                                     \
        printf("  skipped: %s\n", reason);                                                                   \
        skipped = 1;                                                                                         \
        return;                                                                                              \
    } while (0)

/* The pid tells a forked child's failures from its parent's. */
#define CHECK(cond)                                                                                          \
    do {                                                                                                     \
        if (!(cond)) {                                                                                       \
            fprintf(stderr, "  [pid %d] %s:%d: CHECK(%s) failed; ocr_last_error: %s\n", (int)getpid(),      \
                    __FILE__, __LINE__, #cond, ocr_last_error());                                            \
            failures++;                                                                                      \
        }                                                                                                    \
    } while (0)

/* A call's status, and on a mismatch both statuses and the thread's last error. */
#define CHECK_STATUS(expr, expected)                                                                          \
    do {                                                                                                      \
        ocr_status status_ = (expr);                                                                          \
        if (status_ != (expected)) {                                                                          \
            fprintf(stderr, "  %s:%d: %s returned %d (%s), expected %d; ocr_last_error: %s\n", __FILE__,      \
                    __LINE__, #expr, (int)status_, ocr_status_string(status_), (int)(expected), ocr_last_error()); \
            failures++;                                                                                       \
        }                                                                                                     \
    } while (0)

#define CHECK_ERROR_HAS(text)                                                                                 \
    do {                                                                                                      \
        if (strstr(ocr_last_error(), (text)) == NULL) {                                                       \
            fprintf(stderr, "  %s:%d: ocr_last_error() \"%s\" lacks \"%s\"\n", __FILE__, __LINE__,           \
                    ocr_last_error(), (text));                                                                \
            failures++;                                                                                       \
        }                                                                                                     \
    } while (0)

/* The URL of a scenario of the scripted test server (starting it if need be). */
static inline void scenario_url(char *url, size_t size, const char *scenario)
{
    snprintf(url, size, "http://127.0.0.1:%d/%s", test_server_start(), scenario);
}

/* A client for one scenario of the test server, with the given options (their base_url is set here). Exits the
 * program if the client cannot be made: no case can run without it. */
static inline ocr_client *client_with(const char *scenario, ocr_client_options *opts)
{
    char url[128];
    ocr_client *client = NULL;
    scenario_url(url, sizeof url, scenario);
    opts->base_url = url;
    if (ocr_client_new(opts, &client) != OCR_OK) {
        fprintf(stderr, "  ocr_client_new failed: %s\n", ocr_last_error());
        exit(1);
    }
    return client;
}

/* A request for the tiny PNG, every other field at its default. */
static inline ocr_request png_request(void)
{
    ocr_request req;
    ocr_request_init(&req);
    req.image_data = tiny_png;
    req.image_size = sizeof tiny_png;
    return req;
}

/* One case of a test program's table; CMake registers each by its name (add_cases_from_table). */
struct test_case {
    const char *name;
    void (*run)(void);
};

/* Runs the case named by argv[1], or every case without one, printing PASS, FAIL or SKIP for each. Returns the
 * program's exit status: 1 on a failure, 2 for an unknown name, 77 (CTest's "skipped") when every case run skipped. */
static inline int run_cases(const struct test_case *cases, size_t count, int argc, char **argv)
{
    size_t i;
    int ran = 0, ran_skipped = 0;
    for (i = 0; i < count; i++) {
        int before = failures;
        if (argc > 1 && strcmp(argv[1], cases[i].name) != 0)
            continue;
        skipped = 0;
        cases[i].run();
        ran++;
        ran_skipped += skipped;
        printf("%s %s\n", failures != before ? "FAIL" : skipped ? "SKIP" : "PASS", cases[i].name);
    }
    if (ran == 0) {
        fprintf(stderr, "no test case named %s\n", argc > 1 ? argv[1] : "");
        return 2;
    }
    if (failures != 0)
        return 1;
    return ran_skipped == ran ? 77 : 0;
}

/* The byte the extensible-struct tests fill a buffer with before the library writes a struct at its start. */
#define CANARY 0xA5

/* Whether bytes [from, to) of buffer still hold the canary; names the first that does not. Inline, so a program that
 * does not use it gets no unused-function warning. */
static inline int canary_intact(const unsigned char *buffer, size_t from, size_t to)
{
    size_t i;
    for (i = from; i < to; i++)
        if (buffer[i] != CANARY) {
            fprintf(stderr, "  byte %zu past the declared size was written (0x%02x)\n", i, buffer[i]);
            return 0;
        }
    return 1;
}

/* A struct (.value) at the start of a larger buffer (.bytes), as a caller's stack holds it beside its other
 * variables: CHECK_INIT_IN_CANARY fills the rest with the canary. */
#define IN_CANARY(type)                                                                                       \
    union {                                                                                                   \
        unsigned char bytes[512];                                                                             \
        type value;                                                                                           \
    }

/* Runs init (e.g. ocr_request_init) on the value of in_canary, an IN_CANARY union, the rest of it full of the canary:
 * init must set struct_size to the size this program's header gives the struct and write nothing past it. */
#define CHECK_INIT_IN_CANARY(init, in_canary)                                                                 \
    do {                                                                                                      \
        memset((in_canary).bytes, CANARY, sizeof (in_canary).bytes);                                          \
        init(&(in_canary).value);                                                                             \
        CHECK((in_canary).value.struct_size == sizeof (in_canary).value);                                     \
        CHECK(canary_intact((in_canary).bytes, sizeof (in_canary).value, sizeof (in_canary).bytes));          \
    } while (0)

#endif
