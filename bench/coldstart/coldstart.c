/*
 * coldstart.c - how long a program waits from loading libdeepseek_ocr.so to its first recognised page.
 *
 * Starts a tiny HTTP/1.1 server on 127.0.0.1 in a thread (it answers every POST with one canned chat.completion),
 * writes a small PNG to a temporary file, then times dlopen -> ocr_client_new -> the first completed ocr_image.
 * One measurement per process, so the library's runtime really starts cold: run.sh runs it N times.
 *
 * Usage: coldstart LIBRARY_PATH [IMAGE_BYTES] [thread|thread-after-load|process]
 *   thread (default): the server runs in a thread of this process, so the library is loaded into a process that
 *     already has threads. The runtime inside the library then registers membarrier() in a multi-threaded process,
 *     which waits for an RCU grace period (dotnet/runtime#106722): about 10-15 ms here.
 *   thread-after-load: the library is loaded first and the server thread started after it, then the calls are made
 *     from the multi-threaded process: a program linked with -ldeepseek_ocr (loaded before main) or a Python script
 *     that makes its first client before it starts threads. The library's load-time constructor registers
 *     membarrier() while the process still has one thread, where it is cheap
 *     (src/DeepSeekOcr.Native/Startup/membarrier_preregister.c). The time includes starting the thread.
 *   process: the server runs in a forked child, so the library loads into a single-threaded process: the best case.
 * Prints one line: "total_ms=... dlopen_ms=... runtime_start_ms=... client_new_ms=... first_image_ms=...";
 * exits 1 on any failure.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "deepseek_ocr.h"

static const char answer_body[] =
    "{\"id\":\"chatcmpl-coldstart\",\"object\":\"chat.completion\",\"created\":1732650000,\"model\":\"deepseek-ocr\","
    "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Invoice N\\u00ba 1001\\nTotal: 12,50 \\u20ac\"},"
    "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":785,\"completion_tokens\":12,\"total_tokens\":797}}";

static int listener = -1;

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int send_all(int fd, const char *data, size_t length) {
    while (length > 0) {
        ssize_t sent = send(fd, data, length, MSG_NOSIGNAL);
        if (sent <= 0) return -1;
        data += sent;
        length -= (size_t)sent;
    }
    return 0;
}

/* Serves one keep-alive connection: reads each request's headers and Content-Length body, answers the canned JSON. */
static void serve(int fd) {
    static char buffer[64 * 1024];
    size_t filled = 0;
    for (;;) {
        char *end;
        while ((end = memmem(buffer, filled, "\r\n\r\n", 4)) == NULL) {
            if (filled == sizeof buffer) return;
            ssize_t got = recv(fd, buffer + filled, sizeof buffer - filled, 0);
            if (got <= 0) return;
            filled += (size_t)got;
        }
        size_t header_length = (size_t)(end - buffer) + 4;
        long long body = 0;
        for (char *line = buffer; line < end; line = strstr(line, "\r\n") + 2) {
            if (strncasecmp(line, "content-length:", 15) == 0) body = atoll(line + 15);
        }
        size_t in_buffer = filled - header_length;
        long long left = body - (long long)in_buffer;
        if (left < 0) { /* pipelined bytes of a next request: keep them */
            memmove(buffer, buffer + header_length + body, (size_t)-left);
            filled = (size_t)-left;
        } else {
            filled = 0;
            while (left > 0) {
                ssize_t got = recv(fd, buffer, left < (long long)sizeof buffer ? (size_t)left : sizeof buffer, 0);
                if (got <= 0) return;
                left -= got;
            }
        }
        char head[256];
        int head_length = snprintf(head, sizeof head,
                                   "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
                                   sizeof answer_body - 1);
        if (send_all(fd, head, (size_t)head_length) != 0 || send_all(fd, answer_body, sizeof answer_body - 1) != 0) return;
    }
}

static void *server_thread(void *unused) {
    (void)unused;
    for (;;) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0) return NULL;
        serve(fd);
        close(fd);
    }
}

/* A file the library accepts as a PNG: the signature, random bytes, the IEND chunk. */
static int write_png(const char *path, size_t length) {
    static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
    unsigned char *bytes = malloc(length);
    if (bytes == NULL || length < sizeof signature + sizeof iend) { free(bytes); return -1; }
    srand(7);
    for (size_t i = 0; i < length; i++) bytes[i] = (unsigned char)rand();
    memcpy(bytes, signature, sizeof signature);
    memcpy(bytes + length - sizeof iend, iend, sizeof iend);
    FILE *file = fopen(path, "wb");
    int ok = file != NULL && fwrite(bytes, 1, length, file) == length;
    if (file != NULL && fclose(file) != 0) ok = 0;
    free(bytes);
    return ok ? 0 : -1;
}

static int start_server_thread(void) {
    pthread_t server;
    if (pthread_create(&server, NULL, server_thread, NULL) != 0) {
        fprintf(stderr, "coldstart: cannot start the server thread\n");
        return 1;
    }
    return 0;
}

#define RESOLVE(handle, name) ((__typeof__(&name))dlsym(handle, #name))

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s LIBRARY_PATH [IMAGE_BYTES]\n", argv[0]);
        return 1;
    }
    size_t image_bytes = argc > 2 ? (size_t)atoll(argv[2]) : 64 * 1024;
    const char *mode = argc > 3 ? argv[3] : "thread";
    int server_in_process = strcmp(mode, "process") == 0;
    int thread_after_load = strcmp(mode, "thread-after-load") == 0;
    if (!server_in_process && !thread_after_load && strcmp(mode, "thread") != 0) {
        fprintf(stderr, "coldstart: the server mode is 'thread', 'thread-after-load' or 'process', not '%s'\n", mode);
        return 1;
    }

    listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK), .sin_port = 0};
    socklen_t address_length = sizeof address;
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 8) != 0 ||
        getsockname(listener, (struct sockaddr *)&address, &address_length) != 0) {
        perror("coldstart: loopback server");
        return 1;
    }
    pid_t server_process = -1;
    if (server_in_process) {
        server_process = fork();
        if (server_process < 0) {
            perror("coldstart: fork");
            return 1;
        }
        if (server_process == 0) {
            prctl(PR_SET_PDEATHSIG, SIGTERM); /* ends with its parent, whichever way the parent ends */
            server_thread(NULL);
            _exit(0);
        }
    } else if (!thread_after_load && start_server_thread() != 0) {
        return 1;
    }
    char base_url[64];
    snprintf(base_url, sizeof base_url, "http://127.0.0.1:%d", ntohs(address.sin_port));
    char image_path[] = "/tmp/deepseek-ocr-coldstart-XXXXXX.png";
    int image_fd = mkstemps(image_path, 4);
    if (image_fd < 0 || close(image_fd) != 0 || write_png(image_path, image_bytes) != 0) {
        perror("coldstart: image file");
        return 1;
    }

    double start = now_ms();
    void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        fprintf(stderr, "coldstart: %s\n", dlerror());
        unlink(image_path);
        return 1;
    }
    double loaded = now_ms();
    if (thread_after_load && start_server_thread() != 0) {
        unlink(image_path);
        return 1;
    }
    __typeof__(&ocr_client_options_init) options_init = RESOLVE(library, ocr_client_options_init);
    __typeof__(&ocr_request_init) request_init = RESOLVE(library, ocr_request_init);
    __typeof__(&ocr_client_new) client_new = RESOLVE(library, ocr_client_new);
    __typeof__(&ocr_image) image = RESOLVE(library, ocr_image);
    __typeof__(&ocr_result_free) result_free = RESOLVE(library, ocr_result_free);
    __typeof__(&ocr_client_free) client_free = RESOLVE(library, ocr_client_free);
    __typeof__(&ocr_last_error) last_error = RESOLVE(library, ocr_last_error);
    if (!options_init || !request_init || !client_new || !image || !result_free || !client_free || !last_error) {
        fprintf(stderr, "coldstart: a function is missing from %s\n", argv[1]);
        unlink(image_path);
        return 1;
    }

    /* The first call into the library starts its .NET runtime: timed on its own, apart from ocr_client_new. */
    ocr_client_options options;
    options_init(&options);
    double runtime_started = now_ms();
    options.base_url = base_url;
    options.api_key = "coldstart-key";
    ocr_client *client;
    if (client_new(&options, &client) != OCR_OK) {
        fprintf(stderr, "coldstart: ocr_client_new: %s\n", last_error());
        unlink(image_path);
        return 1;
    }
    double created = now_ms();

    ocr_request request;
    request_init(&request);
    request.image_path = image_path;
    ocr_result *result;
    ocr_status status = image(client, &request, &result);
    double done = now_ms();
    unlink(image_path);
    if (status != OCR_OK) {
        fprintf(stderr, "coldstart: ocr_image: %s\n", last_error());
        return 1;
    }
    if (strstr(result->text, "Invoice") == NULL) {
        fprintf(stderr, "coldstart: unexpected text '%s'\n", result->text);
        return 1;
    }
    result_free(result);
    client_free(client);

    printf("total_ms=%.3f dlopen_ms=%.3f runtime_start_ms=%.3f client_new_ms=%.3f first_image_ms=%.3f\n", done - start,
           loaded - start, runtime_started - loaded, created - runtime_started, done - created);
    fflush(stdout);
    if (server_process > 0) {
        kill(server_process, SIGTERM);
        waitpid(server_process, NULL, 0);
    }
    /* The library's runtime threads and the server thread end with the process. */
    _exit(0);
}
