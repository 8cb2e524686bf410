/* Streaming through the C ABI against curl, in the same run, on the same bytes from the same loopback server.
 *
 * Two SSE bodies of N chat.completion.chunk events (default 100,000), shaped as vLLM sends them:
 *   unique:    "created" differs from chunk to chunk, so no two chunks are alike;
 *   repeating: every chunk repeats the bytes around its text, as vLLM's do.
 * A server thread answers every request on 127.0.0.1 with one of them (keep-alive, Content-Length, one send).
 * Each round times ocr_stream (callback counting bytes) and a curl process (-s -o /dev/null) on each body; the
 * text each ocr_stream delivered is checked against the generator's. Best and median of the rounds are printed.
 * Usage: stream_bench [events] [rounds] [unique|repeating|both] [--no-curl]   (curl must be on PATH)
 * --no-curl times ocr_stream alone (for a profiler). */
#define _GNU_SOURCE
#include <deepseek_ocr.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

typedef struct body {
    char *bytes;
    size_t size;
    size_t text_bytes; /* the UTF-8 length of all deltas joined */
} body;

typedef struct server {
    int listener;
    int port;
    const body *answer;
} server;

static const char *const words[] = {
    "the", "invoice", "total", "amount", "due", "Rechnung", "fa\xc3\xa7" "ade", "na\xc3\xafve", "\xc3\xbc" "ber",
    "Stra\xc3\x9f" "e", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", "\xe4\xb8\xad\xe6\x96\x87", "\xf0\x9f\x98\x80",
    "\xe2\x82\xac", "\"quoted\"", "back\\slash", "tab\there", "line\n", "|", "| 12.50 |", "42", "3.14", "2024-11-26",
    "<b>", "</b>", "column", "table", "page", "header", "footer", "signature",
};

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void append(char **at, const char *s) {
    size_t n = strlen(s);
    memcpy(*at, s, n);
    *at += n;
}

/* JSON-escapes s as vLLM (Python json.dumps, ensure_ascii=False) writes it. */
static void append_escaped(char **at, const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '"': append(at, "\\\""); break;
        case '\\': append(at, "\\\\"); break;
        case '\n': append(at, "\\n"); break;
        case '\t': append(at, "\\t"); break;
        default: *(*at)++ = *s;
        }
    }
}

static body generate(int events, int unique_created) {
    body b = {0};
    b.bytes = malloc((size_t)events * 400 + 4096);
    char *at = b.bytes;
    const char *id = "chatcmpl-8d1f0c2b9e4a4b7f9c3e5a6d7b8c9d0e";
    unsigned seed = 20241126;
    char head[256];
    for (int i = 0; i < events; i++) {
        long created = 1732650000L + (unique_created ? i : 0);
        snprintf(head, sizeof head,
                 "data: {\"id\":\"%s\",\"object\":\"chat.completion.chunk\",\"created\":%ld,"
                 "\"model\":\"deepseek-ai/DeepSeek-OCR\",\"choices\":[{\"index\":0,\"delta\":{",
                 id, created);
        append(&at, head);
        if (i == 0) {
            append(&at, "\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        } else if (i == events - 2) {
            append(&at, "\"content\":\"\"},\"logprobs\":null,\"finish_reason\":\"stop\",\"stop_reason\":null}]}\n\n");
        } else if (i == events - 1) {
            at -= strlen("\"choices\":[{\"index\":0,\"delta\":{");
            char usage[160];
            snprintf(usage, sizeof usage,
                     "\"choices\":[],\"usage\":{\"prompt_tokens\":785,\"total_tokens\":%d,\"completion_tokens\":%d}}\n\n",
                     785 + events - 3, events - 3);
            append(&at, usage);
        } else {
            append(&at, "\"content\":\"");
            int n = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 2;
            for (int w = 0; w < n; w++) {
                const char *word = words[((seed = seed * 1103515245u + 12345u) >> 16) % (sizeof words / sizeof *words)];
                if (w > 0 || i > 1) {
                    append(&at, " ");
                    b.text_bytes++;
                }
                append_escaped(&at, word);
                b.text_bytes += strlen(word);
            }
            append(&at, "\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        }
    }
    append(&at, "data: [DONE]\n\n");
    b.size = (size_t)(at - b.bytes);
    return b;
}

static int send_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

typedef struct connection {
    int fd;
    const body *answer;
} connection;

static void *serve(void *arg) {
    connection c = *(connection *)arg;
    free(arg);
    char head[512];
    int head_len = snprintf(head, sizeof head,
                            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: %zu\r\n\r\n",
                            c.answer->size);
    static char buf[1 << 16];
    char *req = malloc(1 << 20);
    size_t have = 0;
    for (;;) {
        char *end;
        while (!(end = memmem(req, have, "\r\n\r\n", 4))) {
            ssize_t r = recv(c.fd, req + have, (1 << 20) - have, 0);
            if (r <= 0) goto done;
            have += (size_t)r;
        }
        size_t header_bytes = (size_t)(end + 4 - req);
        size_t content_length = 0;
        char *cl = memmem(req, header_bytes, "ontent-Length:", 14);
        if (!cl) cl = memmem(req, header_bytes, "ontent-length:", 14);
        if (cl) content_length = strtoul(cl + 14, NULL, 10);
        size_t consumed = header_bytes + content_length;
        while (have < consumed) {
            ssize_t r = recv(c.fd, buf, sizeof buf < consumed - have ? sizeof buf : consumed - have, 0);
            if (r <= 0) goto done;
            have += (size_t)r;
        }
        /* Headers were kept in req; the body may have been read into buf (discarded). */
        have = 0;
        if (send_all(c.fd, head, (size_t)head_len) || send_all(c.fd, c.answer->bytes, c.answer->size)) goto done;
    }
done:
    free(req);
    close(c.fd);
    return NULL;
}

static void *accept_loop(void *arg) {
    server *s = arg;
    for (;;) {
        int fd = accept(s->listener, NULL, NULL);
        if (fd < 0) return NULL;
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        connection *c = malloc(sizeof *c);
        c->fd = fd;
        c->answer = s->answer;
        pthread_t t;
        pthread_create(&t, NULL, serve, c);
        pthread_detach(t);
    }
}

static server start_server(const body *answer) {
    server s = {.answer = answer};
    s.listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    if (bind(s.listener, (struct sockaddr *)&a, sizeof a) || listen(s.listener, 64) ||
        getsockname(s.listener, (struct sockaddr *)&a, &len)) {
        perror("server");
        exit(1);
    }
    s.port = ntohs(a.sin_port);
    server *copy = malloc(sizeof *copy);
    *copy = s;
    pthread_t t;
    pthread_create(&t, NULL, accept_loop, copy);
    pthread_detach(t);
    return s;
}

typedef struct counted {
    size_t bytes;
    size_t calls;
} counted;

static int count(const char *delta, size_t len, void *user) {
    (void)delta;
    counted *c = user;
    c->bytes += len;
    c->calls++;
    return 0;
}

/* Times one curl process reading the body; *transfer gets curl's own time_total (without its start-up). */
static double time_curl(int port, double *transfer) {
    char url[96];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/v1/chat/completions", port);
    char *argv[] = {"curl", "-s", "-o", "/dev/null", "-w", "%{time_total}", url, NULL};
    int out[2];
    if (pipe(out)) exit(1);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    double start = now_s();
    pid_t pid;
    if (posix_spawnp(&pid, "curl", &actions, NULL, argv, environ)) {
        perror("curl");
        exit(1);
    }
    close(out[1]);
    char text[64] = {0};
    ssize_t r = read(out[0], text, sizeof text - 1);
    int status;
    waitpid(pid, &status, 0);
    double elapsed = now_s() - start;
    close(out[0]);
    posix_spawn_file_actions_destroy(&actions);
    if (r <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "curl failed\n");
        exit(1);
    }
    *transfer = strtod(text, NULL);
    return elapsed;
}

static double time_stream(ocr_client *client, const body *b, int *calls) {
    ocr_request req;
    ocr_request_init(&req);
    req.image_url = "https://example.invalid/page.png";
    counted c = {0};
    double start = now_s();
    ocr_status status = ocr_stream(client, &req, count, &c, NULL);
    double elapsed = now_s() - start;
    if (status != OCR_OK) {
        fprintf(stderr, "ocr_stream failed: %d %s\n", status, ocr_last_error());
        exit(1);
    }
    if (c.bytes != b->text_bytes) {
        fprintf(stderr, "ocr_stream delivered %zu bytes of text, expected %zu\n", c.bytes, b->text_bytes);
        exit(1);
    }
    *calls = (int)c.calls;
    return elapsed;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const char *what, double *t, int n, double bytes) {
    qsort(t, (size_t)n, sizeof *t, by_value);
    printf("  %-34s best %8.2f ms  median %8.2f ms  (%.2f GB/s at best)\n", what, t[0] * 1e3, t[n / 2] * 1e3,
           bytes / t[0] / 1e9);
}

int main(int argc, char **argv) {
    int events = argc > 1 ? atoi(argv[1]) : 100000;
    int rounds = argc > 2 ? atoi(argv[2]) : 7;
    if (events < 4 || rounds < 1 || rounds > 100) {
        fprintf(stderr, "usage: stream_bench [events >= 4] [rounds 1..100]\n");
        return 2;
    }
    const char *only = argc > 3 ? argv[3] : "both";
    int with_curl = !(argc > 4 && strcmp(argv[4], "--no-curl") == 0);
    const char *names[2] = {"unique (created differs per chunk)", "repeating (as vLLM sends them)"};
    body bodies[2] = {generate(events, 1), generate(events, 0)};
    printf("library %s, %d events, %d rounds\n", ocr_version(), events, rounds);
    for (int k = 0; k < 2; k++) {
        if ((k == 0 && strcmp(only, "repeating") == 0) || (k == 1 && strcmp(only, "unique") == 0)) continue;
        server s = start_server(&bodies[k]);
        char base[64];
        snprintf(base, sizeof base, "http://127.0.0.1:%d/v1", s.port);
        ocr_client_options opts;
        ocr_client_options_init(&opts);
        opts.base_url = base;
        opts.api_key = "bench";
        ocr_client *client;
        if (ocr_client_new(&opts, &client) != OCR_OK) {
            fprintf(stderr, "ocr_client_new: %s\n", ocr_last_error());
            return 1;
        }
        int calls = 0;
        double curl_transfer, warm_transfer;
        time_stream(client, &bodies[k], &calls); /* warm-up: connection, first-call paths */
        if (with_curl) time_curl(s.port, &warm_transfer);
        double stream[100], curl_wall[100], curl_own[100];
        for (int r = 0; r < rounds; r++) {
            stream[r] = time_stream(client, &bodies[k], &calls);
            if (!with_curl) {
                curl_wall[r] = curl_own[r] = 0;
                continue;
            }
            curl_wall[r] = time_curl(s.port, &curl_transfer);
            curl_own[r] = curl_transfer;
        }
        printf("%s: %.1f MB, %d callbacks, %zu text bytes\n", names[k], bodies[k].size / 1e6, calls, bodies[k].text_bytes);
        report("ocr_stream (C ABI)", stream, rounds, (double)bodies[k].size);
        if (!with_curl) {
            ocr_client_free(client);
            continue;
        }
        report("curl -s -o /dev/null, process", curl_wall, rounds, (double)bodies[k].size);
        report("curl, its own time_total", curl_own, rounds, (double)bodies[k].size);
        /* curl's time_total leaves out its process start-up (about 30 ms here), which ocr_stream does not pay. */
        printf("  ocr_stream / curl time_total: %.2fx best vs best, %.2fx median vs median\n", stream[0] / curl_own[0],
               stream[rounds / 2] / curl_own[rounds / 2]);
        ocr_client_free(client);
    }
    return 0;
}
