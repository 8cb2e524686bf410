/*
 * Starts the scripted test server (tests/server/scripted_server.py) as a child process and asks it over its control
 * API: see test_server.h. The server's path comes from the build (TEST_SERVER_SCRIPT); python3 from PATH.
 */
#define _POSIX_C_SOURCE 200809L
#include "test_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#ifndef TEST_SERVER_SCRIPT
#error "TEST_SERVER_SCRIPT must name tests/server/scripted_server.py"
#endif

#define START_TIMEOUT_MS 20000

extern char **environ;

static pthread_once_t started = PTHREAD_ONCE_INIT;
static int server_port;

static void fail(const char *what)
{
    fprintf(stderr, "test server: %s\n", what);
    abort();
}

/* Reads the server's first line, "port N", within START_TIMEOUT_MS. */
static int read_port(int fd)
{
    char line[64];
    size_t len = 0;
    int port = 0;
    while (len < sizeof line - 1) {
        struct pollfd p;
        ssize_t n;
        p.fd = fd;
        p.events = POLLIN;
        if (poll(&p, 1, START_TIMEOUT_MS) <= 0)
            fail("no port from " TEST_SERVER_SCRIPT " within 20 s");
        n = read(fd, line + len, 1);
        if (n <= 0)
            fail("python3 " TEST_SERVER_SCRIPT " exited before printing its port (is python3 installed?)");
        if (line[len] == '\n')
            break;
        len++;
    }
    line[len] = '\0';
    if (sscanf(line, "port %d", &port) != 1 || port <= 0)
        fail("the server's first line is not \"port N\"");
    return port;
}

static void start(void)
{
    int to_server[2], from_server[2];
    posix_spawn_file_actions_t actions;
    char *argv[] = {"python3", TEST_SERVER_SCRIPT, NULL};
    pid_t pid;

    if (pipe(to_server) != 0 || pipe(from_server) != 0)
        fail("pipe failed");
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_server[0], 0);
    posix_spawn_file_actions_adddup2(&actions, from_server[1], 1);
    posix_spawn_file_actions_addclose(&actions, to_server[1]);
    posix_spawn_file_actions_addclose(&actions, from_server[0]);
    if (posix_spawnp(&pid, "python3", &actions, NULL, argv, environ) != 0)
        fail("cannot start python3 (is it installed and on PATH?)");
    posix_spawn_file_actions_destroy(&actions);
    close(to_server[0]);
    close(from_server[1]);
    /* The write end stays open for the life of this process (and of its forks): when the last holder exits, the
     * server reads end-of-file and exits. Programs this process executes must not hold it. */
    fcntl(to_server[1], F_SETFD, FD_CLOEXEC);
    server_port = read_port(from_server[0]);
    close(from_server[0]);
}

int test_server_start(void)
{
    pthread_once(&started, start);
    return server_port;
}

static void send_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n <= 0)
            fail("the control connection broke while sending");
        data += n;
        len -= (size_t)n;
    }
}

/* One control request; returns the body (malloc'ed) and sets *status, or aborts if the server cannot be reached. */
static char *control(const char *method, const char *target, const char *body, int *status)
{
    struct sockaddr_in addr;
    char head[512];
    char *response = NULL, *start_of_body;
    size_t len = 0, capacity = 0;
    int fd;

    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons((unsigned short)test_server_start());
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0)
        fail("cannot connect to the control API");
    snprintf(head, sizeof head, "%s /_control/%s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %zu\r\n\r\n", method,
             target, body ? strlen(body) : 0);
    send_all(fd, head, strlen(head));
    if (body)
        send_all(fd, body, strlen(body));
    for (;;) {
        ssize_t n;
        if (capacity - len < 4096) {
            capacity = capacity ? capacity * 2 : 16384;
            response = realloc(response, capacity + 1);
            if (!response)
                fail("out of memory");
        }
        n = recv(fd, response + len, capacity - len, 0);
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    response[len] = '\0';
    start_of_body = strstr(response, "\r\n\r\n");
    if (!start_of_body || sscanf(response, "HTTP/1.1 %d", status) != 1)
        fail("a control answer is not HTTP");
    memmove(response, start_of_body + 4, len - (size_t)(start_of_body + 4 - response) + 1);
    return response;
}

/* A control request that must succeed; returns its body (malloc'ed). */
static char *control_ok(const char *method, const char *target, const char *body)
{
    int status = 0;
    char *answer = control(method, target, body, &status);
    if (status != 200) {
        fprintf(stderr, "test server: %s /_control/%s answered %d: %s\n", method, target, status, answer);
        abort();
    }
    return answer;
}

static int control_number(const char *target)
{
    char *answer = control_ok("GET", target, NULL);
    int n = atoi(answer);
    free(answer);
    return n;
}

void test_server_define(const char *name, const char *scenario_json)
{
    char target[256];
    snprintf(target, sizeof target, "scenarios/%s", name);
    free(control_ok("PUT", target, scenario_json));
}

int test_server_requests(void) { return control_number("count"); }

int test_server_count(const char *scenario)
{
    char target[256];
    snprintf(target, sizeof target, "count?scenario=%s", scenario);
    return control_number(target);
}

int test_server_most_at_once(const char *scenario)
{
    char target[256];
    snprintf(target, sizeof target, "most_at_once?scenario=%s", scenario);
    return control_number(target);
}

char *test_server_request(const char *scenario, int index, const char *field)
{
    char target[256];
    int status = 0;
    char *answer;
    if (scenario)
        snprintf(target, sizeof target, "request?scenario=%s&index=%d&field=%s", scenario, index, field);
    else
        snprintf(target, sizeof target, "request?index=%d&field=%s", index, field);
    answer = control("GET", target, NULL, &status);
    if (status == 200)
        return answer;
    free(answer);
    return NULL;
}

/* The last request's field, kept until the next call for the same field. */
static const char *last(char **kept, const char *field)
{
    free(*kept);
    *kept = test_server_request(NULL, -1, field);
    return *kept ? *kept : "";
}

const char *test_server_last_body(void)
{
    static char *kept;
    return last(&kept, "body");
}

const char *test_server_last_headers(void)
{
    static char *kept;
    return last(&kept, "head");
}

void test_server_release(void) { free(control_ok("POST", "release", NULL)); }

const unsigned char tiny_png[TINY_PNG_SIZE] = {
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3A, 0x7E, 0x9B,
    0x55, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x01, 0x48, 0xAF, 0xA4, 0x71, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82};
