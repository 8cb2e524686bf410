/*
 * delay_server: a loopback Chat Completions server that answers every request after a fixed delay, for the
 * many-in-flight benchmark (bench/multi/run.sh). One thread, epoll, HTTP/1.1 with keep-alive; thousands of
 * connections at once. Because the delay is fixed, answers are due in the order requests arrived: one FIFO is the
 * whole timer.
 *
 *   delay_server [--port P] [--delay-ms 50]      prints "port N" on stdout once it listens on 127.0.0.1:N
 *
 *   POST .../chat/completions   after the delay: a chat.completion whose content is "ok N" (N counts requests);
 *                               "stream": true in the body gets the same text as one SSE chunk and [DONE]
 *   GET /stats                  {"requests":N,"most_at_once":M,"connections":C} at once: C counts connections
 *                               accepted (so keep-alive shows), M requests held at once; both then restart
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_FDS 65536
#define MAX_REQUEST (64 * 1024 * 1024)

struct connection {
    char *buf;
    size_t len, cap;
    int waiting;         /* a request has been read and its answer is due */
    int close_after;     /* the request said Connection: close */
    int stream;          /* the request asked for a stream */
    unsigned generation; /* tells a reused fd from the connection a due answer was for */
};

struct due {
    int fd;
    unsigned generation;
    double at_ms;
};

static struct connection conns[MAX_FDS];
static struct due *queue;
static size_t queue_head, queue_len, queue_cap;
static long requests, held, most_held, accepted;
static int epfd;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void push_due(int fd, double at)
{
    if (queue_len == queue_cap) {
        size_t cap = queue_cap ? queue_cap * 2 : 1024, i;
        struct due *grown = malloc(cap * sizeof *grown);
        for (i = 0; i < queue_len; i++)
            grown[i] = queue[(queue_head + i) % queue_cap];
        free(queue);
        queue = grown;
        queue_cap = cap;
        queue_head = 0;
    }
    queue[(queue_head + queue_len++) % queue_cap] = (struct due){fd, conns[fd].generation, at};
}

static void close_conn(int fd)
{
    struct connection *c = &conns[fd];
    if (c->waiting)
        held--;
    epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
    close(fd);
    free(c->buf);
    c->buf = NULL;
    c->len = c->cap = 0;
    c->waiting = 0;
    c->generation++;
}

static void send_all(int fd, const char *data, size_t len)
{
    /* The answers are a few hundred bytes: the socket buffer takes them at once; a client that stopped reading
     * with a full buffer is dropped. */
    while (len > 0) {
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n <= 0)
            return;
        data += n;
        len -= (size_t)n;
    }
}

static void answer(int fd)
{
    struct connection *c = &conns[fd];
    char body[512], out[1024];
    int body_len, out_len;
    if (c->stream) {
        body_len = snprintf(body, sizeof body,
                            "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                            "\"model\":\"deepseek-ocr\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok %ld\"},"
                            "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n",
                            requests);
    } else {
        body_len = snprintf(body, sizeof body,
                            "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,"
                            "\"model\":\"deepseek-ocr\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                            "\"content\":\"ok %ld\"},\"finish_reason\":\"stop\"}],"
                            "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}",
                            requests);
    }
    out_len = snprintf(out, sizeof out, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n%s\r\n%s",
                       c->stream ? "text/event-stream" : "application/json", body_len,
                       c->close_after ? "Connection: close\r\n" : "", body);
    send_all(fd, out, (size_t)out_len);
}

static void respond_now(int fd, const char *type, const char *body)
{
    char out[1024];
    int n = snprintf(out, sizeof out, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %zu\r\n\r\n%s", type,
                     strlen(body), body);
    send_all(fd, out, (size_t)n);
}

/* Reads what has arrived; once a whole request is in, either answers it (stats) or queues its answer. */
static void readable(int fd, int delay_ms)
{
    struct connection *c = &conns[fd];
    for (;;) {
        ssize_t n;
        if (c->len + 65536 > c->cap) {
            size_t cap = c->cap ? c->cap * 2 : 65536 * 2;
            if (cap > MAX_REQUEST) {
                close_conn(fd);
                return;
            }
            c->buf = realloc(c->buf, cap + 1);
            c->cap = cap;
        }
        n = recv(fd, c->buf + c->len, c->cap - c->len, 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
            close_conn(fd);
            return;
        }
        if (n < 0)
            break;
        c->len += (size_t)n;
    }
    while (!c->waiting) {
        char *end, *cl;
        size_t head, content_length = 0, total;
        c->buf[c->len] = '\0';
        end = strstr(c->buf, "\r\n\r\n");
        if (end == NULL)
            return;
        head = (size_t)(end - c->buf) + 4;
        cl = strcasestr(c->buf, "\r\nContent-Length:");
        if (cl != NULL && cl < end)
            content_length = (size_t)strtoul(cl + 17, NULL, 10);
        total = head + content_length;
        if (c->len < total)
            return;
        c->close_after = strcasestr(c->buf, "\r\nConnection: close") != NULL &&
                         strcasestr(c->buf, "\r\nConnection: close") < end;
        if (strncmp(c->buf, "GET /stats", 10) == 0) {
            char body[128];
            snprintf(body, sizeof body, "{\"requests\":%ld,\"most_at_once\":%ld,\"connections\":%ld}", requests,
                     most_held, accepted);
            most_held = held;
            accepted = 0;
            respond_now(fd, "application/json", body);
        } else {
            c->stream = memmem(end, content_length + 4, "\"stream\":true", 13) != NULL;
            requests++;
            if (++held > most_held)
                most_held = held;
            c->waiting = 1;
            push_due(fd, now_ms() + delay_ms);
        }
        memmove(c->buf, c->buf + total, c->len - total);
        c->len -= total;
    }
}

int main(int argc, char **argv)
{
    int port = 0, delay_ms = 50, listen_fd, one = 1, i;
    struct sockaddr_in addr;
    socklen_t addr_len = sizeof addr;
    struct epoll_event ev, events[512];

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--port") == 0 && i + 1 < argc)
            port = atoi(argv[++i]);
        else if (strcmp(argv[i], "--delay-ms") == 0 && i + 1 < argc)
            delay_ms = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: delay_server [--port P] [--delay-ms 50]\n");
            return 2;
        }
    }
    signal(SIGPIPE, SIG_IGN);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons((unsigned short)port);
    listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (listen_fd < 0 || bind(listen_fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(listen_fd, 4096) != 0
        || getsockname(listen_fd, (struct sockaddr *)&addr, &addr_len) != 0) {
        perror("delay_server");
        return 1;
    }
    epfd = epoll_create1(0);
    ev.events = EPOLLIN;
    ev.data.fd = listen_fd;
    epoll_ctl(epfd, EPOLL_CTL_ADD, listen_fd, &ev);
    printf("port %d\n", ntohs(addr.sin_port));
    fflush(stdout);

    for (;;) {
        /* Nanosecond timeouts (epoll_pwait2): epoll_wait's milliseconds would add up to 1 ms to every answer. */
        struct timespec timeout, *wait_for = NULL;
        int n;
        /* Answers that are due (in arrival order, as the delay is fixed). */
        while (queue_len > 0) {
            struct due *d = &queue[queue_head];
            double left = d->at_ms - now_ms();
            if (left > 0) {
                timeout.tv_sec = (time_t)(left / 1000);
                timeout.tv_nsec = (long)((left - (double)timeout.tv_sec * 1000) * 1e6);
                wait_for = &timeout;
                break;
            }
            if (conns[d->fd].generation == d->generation && conns[d->fd].waiting) {
                int fd = d->fd;
                conns[fd].waiting = 0;
                held--;
                answer(fd);
                if (conns[fd].close_after)
                    close_conn(fd);
                else
                    readable(fd, delay_ms); /* a request that arrived behind this one */
            }
            queue_head = (queue_head + 1) % queue_cap;
            queue_len--;
        }
        n = epoll_pwait2(epfd, events, 512, wait_for, NULL);
        for (i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == listen_fd) {
                int client;
                while ((client = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    if (client >= MAX_FDS) {
                        close(client);
                        continue;
                    }
                    accepted++;
                    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    ev.events = EPOLLIN;
                    ev.data.fd = client;
                    epoll_ctl(epfd, EPOLL_CTL_ADD, client, &ev);
                }
            } else {
                readable(fd, delay_ms);
            }
        }
    }
}
