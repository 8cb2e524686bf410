/*
 * Scenarios (first path segment of the request):
 *   ok         200 chat.completion "Hello, world!" with usage
 *   auto       "sse" for a streaming request, else "ok"
 *   grounded   a markdown-mode answer with grounding tags: a title and an image region with two boxes
 *   sse        200 text/event-stream, CRLF lines, a keep-alive comment, three deltas, a usage chunk, [DONE]
 *   hold       200 stream: one delta, then waits until test_server_release() (or 5 s), then "rest" or "LATE"
 *   stall      200 stream: one delta, then silence for 10 s
 *   slow       waits 10 s before answering
 *   midstream  200 stream (x-request-id req_midstream): one delta, then data: {"error":{...}} and [DONE]
 *   truncated  200 stream: one delta, then the connection closes without [DONE]
 *   badjson    200 stream with a malformed chunk
 *   e401       401 with an OpenAI-style error object that echoes the Authorization header
 *   e404       404 with an error object naming a param and a string code
 *   e429       429 with Retry-After: 3600 and an error object
 *   e500       500 with an error object whose code is a number
 *              (each error answer above carries x-request-id: req_SCENARIO)
 *   html502    502 with an HTML page, as a proxy sends
 *   texthtml   200 with Content-Type text/html
 *   reset      200 stream: one delta, then the connection is reset (RST)
 *   endless    200 stream: "data: " and then 5 MiB without a line end
 *   trickle    200 stream: five deltas 150 ms apart (slow, but never silent for long)
 *   flaky      503 with Retry-After: 0 on every other request, else "ok"
 *   delay      waits 50 ms, then answers as "auto"; counts the requests it holds at once (test_server_most_at_once)
 */
#define _POSIX_C_SOURCE 200809L
#include "test_server.h"

#include <arpa/inet.h>
#include <sys/types.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_REQUEST (8 * 1024 * 1024)

static int listen_fd = -1;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t released_cond = PTHREAD_COND_INITIALIZER;
static int released;
static int requests;
static int flaky_count;
static int delay_at_once;
static int delay_most_at_once;
static char *last_body;
static char *last_headers;

static void send_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n <= 0)
            return;
        data += n;
        len -= (size_t)n;
    }
}

static void send_str(int fd, const char *s) { send_all(fd, s, strlen(s)); }

static void sleep_ms(int ms)
{
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
}

static void respond(int fd, int status, const char *reason, const char *type, const char *extra, const char *body)
{
    char head[512];
    snprintf(head, sizeof head,
             "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n%sConnection: close\r\n\r\n",
             status, reason, type, strlen(body), extra);
    send_str(fd, head);
    send_str(fd, body);
}

static void stream_head(int fd)
{
    send_str(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                 "Connection: close\r\n\r\n");
}

static void chunk(int fd, const char *content)
{
    char line[512];
    snprintf(line, sizeof line,
             "data: {\"id\":\"chatcmpl-t1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
             "\"model\":\"deepseek-ocr\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},"
             "\"finish_reason\":null}]}\r\n\r\n", content);
    send_str(fd, line);
}

static void finish(int fd)
{
    send_str(fd, "data: {\"id\":\"chatcmpl-t1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                 "\"model\":\"deepseek-ocr\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\r\n\r\n"
                 "data: {\"id\":\"chatcmpl-t1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                 "\"model\":\"deepseek-ocr\",\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,"
                 "\"total_tokens\":10}}\r\n\r\ndata: [DONE]\r\n\r\n");
}

static void serve(int fd, const char *scenario, const char *headers, const char *body)
{
    (void)body;
    if (strcmp(scenario, "auto") == 0)
        scenario = strstr(body, "\"stream\":true") ? "sse" : "ok";
    if (strcmp(scenario, "ok") == 0) {
        respond(fd, 200, "OK", "application/json", "",
                "{\"id\":\"chatcmpl-42\",\"object\":\"chat.completion\",\"created\":1700000042,"
                "\"model\":\"deepseek-ocr\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                "\"content\":\"Hello, world!\"},\"finish_reason\":\"stop\"}],"
                "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":4,\"total_tokens\":16}}");
    } else if (strcmp(scenario, "grounded") == 0) {
        respond(fd, 200, "OK", "application/json", "",
                "{\"id\":\"chatcmpl-g\",\"object\":\"chat.completion\",\"created\":1700000042,"
                "\"model\":\"deepseek-ocr\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                "\"content\":\"<|ref|>title<|/ref|><|det|>[[100, 50, 900, 100]]<|/det|>\\n# Hi\\n"
                "<|ref|>image<|/ref|><|det|>[[0, 0, 999, 999], [10, 20, 30, 40]]<|/det|>\\n\"},"
                "\"finish_reason\":\"stop\"}]}");
    } else if (strcmp(scenario, "sse") == 0) {
        stream_head(fd);
        send_str(fd, ": keep-alive\r\n\r\n");
        send_str(fd, "data: {\"id\":\"chatcmpl-t1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                     "\"model\":\"deepseek-ocr\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}\r\n\r\n");
        chunk(fd, "Hello");
        chunk(fd, ", ");
        chunk(fd, "w\\u00f6rld \\ud83d\\ude00");
        finish(fd);
    } else if (strcmp(scenario, "hold") == 0 || strcmp(scenario, "stall") == 0) {
        int is_hold = strcmp(scenario, "hold") == 0, ok;
        struct timespec deadline;
        stream_head(fd);
        chunk(fd, "first ");
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_sec += is_hold ? 5 : 10;
        pthread_mutex_lock(&lock);
        while (!released && pthread_cond_timedwait(&released_cond, &lock, &deadline) == 0) {
        }
        ok = released;
        released = 0;
        pthread_mutex_unlock(&lock);
        if (is_hold) {
            chunk(fd, ok ? "rest" : "LATE");
            finish(fd);
        }
    } else if (strcmp(scenario, "slow") == 0) {
        sleep_ms(10000);
    } else if (strcmp(scenario, "midstream") == 0) {
        send_str(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nx-request-id: req_midstream\r\n"
                     "Connection: close\r\n\r\n");
        chunk(fd, "partial ");
        send_str(fd, "data: {\"error\":{\"message\":\"model crashed: out of memory\",\"type\":\"internal_error\","
                     "\"param\":null,\"code\":500}}\n\ndata: [DONE]\n\n");
    } else if (strcmp(scenario, "truncated") == 0) {
        stream_head(fd);
        chunk(fd, "partial ");
    } else if (strcmp(scenario, "badjson") == 0) {
        stream_head(fd);
        chunk(fd, "partial ");
        send_str(fd, "data: {\"choices\":[{\"delta\":{\"content\":\"oops\"\n\n");
        send_str(fd, "data: [DONE]\n\n");
    } else if (strcmp(scenario, "e401") == 0) {
        /* Echoes the credentials back, as a careless server might: the library must not repeat them. */
        char body[1024];
        const char *auth = strstr(headers, "Authorization: ");
        char token[256] = "";
        if (auth)
            sscanf(auth, "Authorization: Bearer %255s", token);
        snprintf(body, sizeof body,
                 "{\"error\":{\"message\":\"Incorrect API key provided: %s\",\"type\":\"invalid_request_error\","
                 "\"param\":null,\"code\":\"invalid_api_key\"}}",
                 token);
        respond(fd, 401, "Unauthorized", "application/json", "x-request-id: req_e401\r\n", body);
    } else if (strcmp(scenario, "e404") == 0) {
        respond(fd, 404, "Not Found", "application/json", "x-request-id: req_e404\r\n",
                "{\"error\":{\"message\":\"The model `deepseek-ocr-huge` does not exist\","
                "\"type\":\"invalid_request_error\",\"param\":\"model\",\"code\":\"model_not_found\"}}");
    } else if (strcmp(scenario, "e429") == 0) {
        respond(fd, 429, "Too Many Requests", "application/json", "Retry-After: 3600\r\nx-request-id: req_e429\r\n",
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\","
                "\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
    } else if (strcmp(scenario, "e500") == 0) {
        respond(fd, 500, "Internal Server Error", "application/json", "x-request-id: req_e500\r\n",
                "{\"error\":{\"message\":\"inference engine failed\",\"type\":\"server_error\","
                "\"param\":null,\"code\":500}}");
    } else if (strcmp(scenario, "html502") == 0) {
        respond(fd, 502, "Bad Gateway", "text/html", "",
                "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>");
    } else if (strcmp(scenario, "texthtml") == 0) {
        respond(fd, 200, "OK", "text/html", "", "<html><body>login page</body></html>");
    } else if (strcmp(scenario, "reset") == 0) {
        struct linger hard = {1, 0}; /* close() then sends RST instead of FIN */
        stream_head(fd);
        chunk(fd, "partial ");
        sleep_ms(50);
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    } else if (strcmp(scenario, "endless") == 0) {
        static char block[64 * 1024];
        int i;
        memset(block, 'x', sizeof block);
        stream_head(fd);
        send_str(fd, "data: ");
        for (i = 0; i < 80; i++)
            send_all(fd, block, sizeof block);
    } else if (strcmp(scenario, "trickle") == 0) {
        int i;
        stream_head(fd);
        for (i = 0; i < 5; i++) {
            chunk(fd, "slow ");
            sleep_ms(150);
        }
        finish(fd);
    } else if (strcmp(scenario, "delay") == 0) {
        pthread_mutex_lock(&lock);
        if (++delay_at_once > delay_most_at_once)
            delay_most_at_once = delay_at_once;
        pthread_mutex_unlock(&lock);
        sleep_ms(50);
        /* Counted out before the answer is sent: the client cannot see the answer, and start another request, while
         * this one is still counted. */
        pthread_mutex_lock(&lock);
        delay_at_once--;
        pthread_mutex_unlock(&lock);
        serve(fd, "auto", headers, body);
    } else if (strcmp(scenario, "flaky") == 0) {
        int fail;
        pthread_mutex_lock(&lock);
        fail = flaky_count++ % 2 == 0;
        pthread_mutex_unlock(&lock);
        if (fail)
            respond(fd, 503, "Service Unavailable", "application/json", "Retry-After: 0\r\n",
                    "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}");
        else
            serve(fd, "ok", headers, body);
    } else {
        respond(fd, 404, "Not Found", "application/json", "",
                "{\"error\":{\"message\":\"no such scenario\",\"type\":\"invalid_request_error\"}}");
    }
}

static void *connection(void *arg)
{
    int fd = (int)(intptr_t)arg;
    char *buf = malloc(MAX_REQUEST + 1);
    size_t len = 0;
    char *end = NULL, *cl;
    long content_length = 0;
    char scenario[64] = "";

    while (buf && len < MAX_REQUEST) {
        ssize_t n = recv(fd, buf + len, MAX_REQUEST - len, 0);
        if (n <= 0)
            break;
        len += (size_t)n;
        buf[len] = '\0';
        if (!end && (end = strstr(buf, "\r\n\r\n")) != NULL) {
            cl = strstr(buf, "Content-Length: ");
            if (cl && cl < end)
                content_length = atol(cl + 16);
        }
        if (end && len >= (size_t)(end - buf) + 4 + (size_t)content_length)
            break;
    }
    if (buf && end) {
        *end = '\0';
        sscanf(buf, "%*s /%63[^/ ]", scenario);
        pthread_mutex_lock(&lock);
        requests++;
        free(last_body);
        free(last_headers);
        last_body = strdup(end + 4);
        last_headers = strdup(buf);
        pthread_mutex_unlock(&lock);
        serve(fd, scenario, buf, end + 4);
    }
    free(buf);
    if (strcmp(scenario, "reset") != 0) /* a shutdown would send FIN before the RST */
        shutdown(fd, SHUT_RDWR);
    close(fd);
    return NULL;
}

static void *accept_loop(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_t thread;
        int fd = accept(listen_fd, NULL, NULL);
        if (fd < 0)
            continue;
        if (pthread_create(&thread, NULL, connection, (void *)(intptr_t)fd) == 0)
            pthread_detach(thread);
        else
            close(fd);
    }
    return NULL;
}

int test_server_start(void)
{
    struct sockaddr_in addr;
    socklen_t addr_len = sizeof addr;
    pthread_t thread;

    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    if (listen_fd < 0 || bind(listen_fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(listen_fd, 128) != 0
        || getsockname(listen_fd, (struct sockaddr *)&addr, &addr_len) != 0
        || pthread_create(&thread, NULL, accept_loop, NULL) != 0) {
        perror("test_server_start");
        abort();
    }
    pthread_detach(thread);
    return ntohs(addr.sin_port);
}

int test_server_requests(void)
{
    int n;
    pthread_mutex_lock(&lock);
    n = requests;
    pthread_mutex_unlock(&lock);
    return n;
}

int test_server_most_at_once(void)
{
    int n;
    pthread_mutex_lock(&lock);
    n = delay_most_at_once;
    pthread_mutex_unlock(&lock);
    return n;
}

const char *test_server_last_body(void) { return last_body ? last_body : ""; }

const char *test_server_last_headers(void) { return last_headers ? last_headers : ""; }

void test_server_release(void)
{
    pthread_mutex_lock(&lock);
    released = 1;
    pthread_cond_broadcast(&released_cond);
    pthread_mutex_unlock(&lock);
}

const unsigned char tiny_png[TINY_PNG_SIZE] = {
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3A, 0x7E, 0x9B,
    0x55, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x01, 0x48, 0xAF, 0xA4, 0x71, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82};
