/*
 * fork() and the library (see "fork()" in deepseek_ocr.h), through the real libdeepseek_ocr.so. Each case needs a
 * process of its own whose runtime has or has not started, so the program runs exactly one: test_fork NAME.
 * Every child arms alarm(): a call that hangs kills the child, and the parent reports it, instead of hanging CTest.
 */
#define _GNU_SOURCE /* memfd_create, dladdr */
#include <deepseek_ocr.h>

#include "test_server.h"
#include "test_support.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>


/* How long a child may take in all before alarm() kills it: far above any working call, far below CTest's. */
#define CHILD_ALARM_S 30

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static ocr_client *new_client(void)
{
    char url[128];
    ocr_client_options opts;
    ocr_client *client = NULL;
    ocr_client_options_init(&opts);
    scenario_url(url, sizeof url, "auto");
    opts.base_url = url;
    opts.max_retries = 0;
    CHECK(ocr_client_new(&opts, &client) == OCR_OK);
    return client;
}

/* One ocr_image through the linked library, which must succeed. */
static void one_image(ocr_client *client)
{
    ocr_request req = png_request();
    ocr_result *res = NULL;
    CHECK(ocr_image(client, &req, &res) == OCR_OK);
    CHECK(res != NULL && strcmp(res->text, "Hello, world!") == 0);
    ocr_result_free(res);
}

static int ignore_delta(const char *delta, size_t len, void *user_data)
{
    (void)delta;
    (void)len;
    (void)user_data;
    return 0;
}

/* Forks; the child runs body with an alarm armed and exits with its failure count. Returns the child's pid. */
static pid_t fork_child(void (*body)(void *), void *arg)
{
    pid_t pid;
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(2);
    }
    if (pid == 0) {
        alarm(CHILD_ALARM_S);
        failures = 0;
        body(arg);
        fflush(stdout);
        fflush(stderr);
        exit(failures > 100 ? 100 : failures);
    }
    return pid;
}

/* Waits for the child; counts a failure unless it exited with 0. */
static void expect_child_ok(pid_t pid)
{
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) {
        perror("waitpid");
        failures++;
    } else if (WIFSIGNALED(status)) {
        fprintf(stderr, "  child %d was killed by signal %d%s\n", (int)pid, WTERMSIG(status),
                WTERMSIG(status) == SIGALRM ? " (alarm: a call hung)" : "");
        failures++;
    } else if (WEXITSTATUS(status) != 0) {
        fprintf(stderr, "  child %d failed %d check(s)\n", (int)pid, WEXITSTATUS(status));
        failures++;
    }
}

/* ---- (a) a child forked after the runtime started is refused, at once ------------------------------- */

struct parent_objects {
    ocr_client *client;
    ocr_cancel_token *token;
    ocr_result *result;
};

#define CHECK_FORKED(call, elapsed_max)                                                                       \
    do {                                                                                                      \
        double start_ = now_ms();                                                                             \
        ocr_status status_ = (call);                                                                          \
        double took_ = now_ms() - start_;                                                                     \
        if (took_ > (elapsed_max))                                                                            \
            (elapsed_max) = took_;                                                                            \
        if (status_ != OCR_E_FORKED) {                                                                        \
            fprintf(stderr, "  %s:%d: %s returned %d, expected OCR_E_FORKED; ocr_last_error: %s\n", __FILE__, \
                    __LINE__, #call, (int)status_, ocr_last_error());                                         \
            failures++;                                                                                       \
        }                                                                                                     \
        CHECK(took_ < 1000.0);                                                                                \
        check_forked_error();                                                                                 \
    } while (0)

static void check_forked_error(void)
{
    ocr_error_details details;
    char parent_pid[32];
    const char *message = ocr_last_error();
    snprintf(parent_pid, sizeof parent_pid, "pid %d", (int)getppid());
    CHECK(strstr(message, "forked") != NULL && strstr(message, parent_pid) != NULL); /* names the fork */
    CHECK(strstr(message, "load a fresh copy") != NULL && strstr(message, "exec") != NULL); /* says what to do */
    CHECK(ocr_last_error_details(&details) == OCR_OK);
    CHECK(details.status == OCR_E_FORKED && details.http_status == 0 && details.retry_after_ms == -1);
    CHECK(details.message != NULL && strcmp(details.message, message) == 0);
    CHECK(details.error_type == NULL && details.request_id == NULL);
}

static void child_after_start(void *arg)
{
    struct parent_objects *parent = (struct parent_objects *)arg;
    ocr_client *client = (ocr_client *)&client; /* must be reset to NULL */
    ocr_cancel_token *token = (ocr_cancel_token *)&token;
    ocr_request req = png_request();
    ocr_result *res = (ocr_result *)&res;
    double slowest = 0, start;
    char url[128];
    ocr_client_options opts;

    ocr_client_options_init(&opts);
    scenario_url(url, sizeof url, "auto");
    opts.base_url = url;
    CHECK_FORKED(ocr_client_new(&opts, &client), slowest);
    CHECK(client == NULL);
    CHECK_FORKED(ocr_client_new(NULL, &client), slowest);
    CHECK_FORKED(ocr_image(parent->client, &req, &res), slowest);
    CHECK(res == NULL);
    res = (ocr_result *)&res;
    CHECK_FORKED(ocr_stream(parent->client, &req, ignore_delta, NULL, &res), slowest);
    CHECK(res == NULL);
    CHECK_FORKED(ocr_cancel_token_new(&token), slowest);
    CHECK(token == NULL);

    /* What needs no runtime still works. */
    CHECK(strcmp(ocr_version(), OCR_VERSION) == 0);
    CHECK(strncmp(ocr_status_string(OCR_E_FORKED), "OCR_E_FORKED", 12) == 0);
    ocr_request_init(&req);
    CHECK(req.struct_size == sizeof req);

    /* The free functions and cancel return without effect (the parent's objects are the parent's). */
    start = now_ms();
    ocr_cancel_token_cancel(parent->token);
    ocr_cancel_token_free(parent->token);
    ocr_result_free(parent->result);
    ocr_client_free(parent->client);
    CHECK(now_ms() - start < 3000.0); /* a cleanup that touched the parent's runtime would hang until alarm() */
    CHECK(strstr(ocr_last_error(), "forked") != NULL); /* they did not replace the last failure either */

    printf("  fork child: slowest refused call %.3f ms (bound 1000 ms)\n", slowest);
}

static void test_child_after_start_is_refused_at_once(void)
{
    struct parent_objects parent;
    ocr_request req = png_request();
    pid_t pid;

    parent.client = new_client();
    one_image(parent.client);
    CHECK(ocr_cancel_token_new(&parent.token) == OCR_OK);
    CHECK(ocr_image(parent.client, &req, &parent.result) == OCR_OK);

    pid = fork_child(child_after_start, &parent);
    expect_child_ok(pid);

    /* The parent keeps working: its objects are intact, and new ones work too. */
    CHECK(parent.result != NULL && strcmp(parent.result->text, "Hello, world!") == 0);
    one_image(parent.client);
    req.cancel = parent.token;
    {
        ocr_result *res = NULL;
        CHECK(ocr_stream(parent.client, &req, ignore_delta, NULL, &res) == OCR_OK);
        CHECK(res != NULL && strcmp(res->text, "Hello, w\xc3\xb6rld \xf0\x9f\x98\x80") == 0);
        ocr_result_free(res);
    }
    ocr_result_free(parent.result);
    ocr_cancel_token_free(parent.token);
    ocr_client_free(parent.client);
    {
        ocr_client *another = new_client();
        one_image(another);
        ocr_client_free(another);
    }
}

/* ---- (b) a child forked before the parent's first call uses the library as usual ------------------- */

static void child_uses_the_library(void *arg)
{
    ocr_client *client = new_client();
    ocr_request req = png_request();
    ocr_result *res = NULL;
    (void)arg;
    one_image(client);
    CHECK(ocr_stream(client, &req, ignore_delta, NULL, &res) == OCR_OK);
    ocr_result_free(res);
    ocr_client_free(client);
}

static void test_child_before_first_call_works(void)
{
    /* Only calls that never start the runtime before the fork. */
    CHECK(strcmp(ocr_version(), OCR_VERSION) == 0);
    expect_child_ok(fork_child(child_uses_the_library, NULL));
    /* And the parent starts its own runtime afterwards. */
    child_uses_the_library(NULL);
}

/* ---- (c) a child forked after the start loads a fresh copy of the library and uses it -------------- */

struct library {
    ocr_status (*client_new)(const ocr_client_options *, ocr_client **);
    void (*client_free)(ocr_client *);
    ocr_status (*image)(ocr_client *, const ocr_request *, ocr_result **);
    void (*result_free)(ocr_result *);
    const char *(*last_error)(void);
    void (*client_options_init_size)(ocr_client_options *, size_t);
    void (*request_init_size)(ocr_request *, size_t);
};

/* dlsym's object pointer into a function pointer, without the cast ISO C does not define. */
static void bind_symbol(void *handle, const char *name, void *function_pointer, size_t size)
{
    void *symbol = dlsym(handle, name);
    if (symbol == NULL) {
        fprintf(stderr, "  dlsym(%s): %s\n", name, dlerror());
        exit(3);
    }
    memcpy(function_pointer, &symbol, size);
}

#define BIND(handle, lib, field, name) bind_symbol((handle), (name), &(lib)->field, sizeof (lib)->field)

/* The file the linked library was loaded from. */
static const char *linked_library_path(void)
{
    Dl_info info;
    void *symbol;
    const char *(*version)(void) = ocr_version;
    memcpy(&symbol, &version, sizeof symbol);
    if (dladdr(symbol, &info) == 0 || info.dli_fname == NULL) {
        fprintf(stderr, "  dladdr(ocr_version) failed\n");
        exit(3);
    }
    return info.dli_fname;
}

/* The recipe of the header: copy the library into a memfd and dlopen that, which loads a second, fresh copy. */
static void *load_fresh_copy(void)
{
    char path[64], buffer[65536];
    const char *source = linked_library_path();
    int in = open(source, O_RDONLY | O_CLOEXEC);
    int out = memfd_create("libdeepseek_ocr-copy", 0);
    ssize_t n;
    void *handle;
    if (in < 0 || out < 0) {
        perror(source);
        exit(3);
    }
    while ((n = read(in, buffer, sizeof buffer)) > 0)
        if (write(out, buffer, (size_t)n) != n) {
            perror("write");
            exit(3);
        }
    close(in);
    snprintf(path, sizeof path, "/proc/self/fd/%d", out);
    handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL)
        fprintf(stderr, "  dlopen(%s, a copy of %s): %s\n", path, source, dlerror());
    return handle;
}

static void child_loads_a_fresh_copy(void *arg)
{
    struct library lib;
    ocr_client_options opts;
    ocr_request req;
    ocr_client *client = NULL;
    ocr_result *res = NULL;
    char url[128];
    void *handle;
    (void)arg;

    /* The linked copy is refused here... */
    CHECK(ocr_client_new(NULL, &client) == OCR_E_FORKED);

    /* ...and the fresh copy works. */
    handle = load_fresh_copy();
    CHECK(handle != NULL);
    if (handle == NULL)
        return;
    BIND(handle, &lib, client_new, "ocr_client_new");
    BIND(handle, &lib, client_free, "ocr_client_free");
    BIND(handle, &lib, image, "ocr_image");
    BIND(handle, &lib, result_free, "ocr_result_free");
    BIND(handle, &lib, last_error, "ocr_last_error");
    BIND(handle, &lib, client_options_init_size, "ocr_client_options_init_size");
    BIND(handle, &lib, request_init_size, "ocr_request_init_size");
    CHECK(lib.client_new != ocr_client_new); /* really another copy */

    lib.client_options_init_size(&opts, sizeof opts);
    scenario_url(url, sizeof url, "ok");
    opts.base_url = url;
    opts.max_retries = 0;
    if (lib.client_new(&opts, &client) != OCR_OK) {
        fprintf(stderr, "  fresh copy: ocr_client_new failed: %s\n", lib.last_error());
        failures++;
        return;
    }
    lib.request_init_size(&req, sizeof req);
    req.image_data = tiny_png;
    req.image_size = sizeof tiny_png;
    if (lib.image(client, &req, &res) != OCR_OK) {
        fprintf(stderr, "  fresh copy: ocr_image failed: %s\n", lib.last_error());
        failures++;
    } else {
        CHECK(strcmp(res->text, "Hello, world!") == 0);
    }
    lib.result_free(res);
    lib.client_free(client);
}

static void test_child_after_start_can_load_a_fresh_copy(void)
{
    ocr_client *client = new_client();
    one_image(client);
    expect_child_ok(fork_child(child_loads_a_fresh_copy, NULL));
    one_image(client);
    ocr_client_free(client);
}

/* ---- runner --------------------------------------------------------------------------------------- */

static const struct test_case cases[] = {
    {"child_after_start_is_refused_at_once", test_child_after_start_is_refused_at_once},
    {"child_before_first_call_works", test_child_before_first_call_works},
    {"child_after_start_can_load_a_fresh_copy", test_child_after_start_can_load_a_fresh_copy},
};

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_fork CASE (each case needs a fresh process)\n");
        return 2;
    }
    test_server_start(); /* before any fork: the children use their parent's server */
    return run_cases(cases, sizeof cases / sizeof cases[0], argc, argv);
}
