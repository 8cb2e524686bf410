/*
 * multi_driver: the C ABI side of the many-in-flight benchmark (bench/multi/run.sh). ONE thread: every image is
 * queued with ocr_multi_add (image_path, read by the library when its request starts) and every result taken back
 * with ocr_multi_wait, at most --inflight requests in flight.
 *
 *   multi_driver --url URL --images DIR --count N --inflight K
 *
 * Prints the line every driver of run.sh prints:
 *   RESULT images=N failed=F seconds=S rss_idle_kib=A rss_peak_kib=B
 * rss_idle: resident memory after one warm-up request (runtime and HTTP stack started); rss_peak: the high-water mark
 * from there on (reset through /proc/self/clear_refs after a second warm-up of K requests, which opens the K
 * connections: see below). seconds: the N images only.
 */
#define _POSIX_C_SOURCE 200809L
#include <deepseek_ocr.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A field of /proc/self/status, in KiB ("VmRSS", "VmHWM"). */
static long status_kib(const char *field)
{
    char line[256];
    long value = -1;
    size_t len = strlen(field);
    FILE *f = fopen("/proc/self/status", "r");
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, field, len) == 0 && line[len] == ':')
            value = atol(line + len + 1);
    if (f != NULL)
        fclose(f);
    return value;
}

static void reset_peak(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (f != NULL) {
        fputs("5", f);
        fclose(f);
    }
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv)
{
    const char *url = NULL, *images = NULL;
    long count = 1000, inflight = 1, i, files = 0, failed = 0, done = 0;
    char **paths = NULL, path[4096];
    DIR *dir;
    struct dirent *entry;
    ocr_client_options opts;
    ocr_client *client = NULL;
    ocr_multi *multi = NULL;
    ocr_request req;
    ocr_result *warm = NULL;
    ocr_event ev;
    ocr_status status;
    long rss_idle;
    double start, seconds;

    for (i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--url") == 0)
            url = argv[i + 1];
        else if (strcmp(argv[i], "--images") == 0)
            images = argv[i + 1];
        else if (strcmp(argv[i], "--count") == 0)
            count = atol(argv[i + 1]);
        else if (strcmp(argv[i], "--inflight") == 0)
            inflight = atol(argv[i + 1]);
    }
    if (url == NULL || images == NULL || count < 1 || inflight < 1 || (dir = opendir(images)) == NULL) {
        fprintf(stderr, "usage: multi_driver --url URL --images DIR --count N --inflight K\n");
        return 2;
    }
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        paths = realloc(paths, (size_t)(files + 1) * sizeof *paths);
        snprintf(path, sizeof path, "%s/%s", images, entry->d_name);
        paths[files++] = strdup(path);
    }
    closedir(dir);
    if (files == 0) {
        fprintf(stderr, "multi_driver: no images in %s\n", images);
        return 2;
    }
    qsort(paths, (size_t)files, sizeof *paths, by_name);

    ocr_client_options_init(&opts);
    opts.base_url = url;
    opts.max_retries = 0;
    if (ocr_client_new(&opts, &client) != OCR_OK || ocr_multi_new(client, (int32_t)inflight, &multi) != OCR_OK) {
        fprintf(stderr, "multi_driver: %s\n", ocr_last_error());
        return 2;
    }
    ocr_request_init(&req);
    req.image_path = paths[0];
    if (ocr_image(client, &req, &warm) != OCR_OK) {
        fprintf(stderr, "multi_driver: warm-up: %s\n", ocr_last_error());
        return 2;
    }
    ocr_result_free(warm);
    rss_idle = status_kib("VmRSS");
    /* One round of K requests opens the K connections a long run keeps (the measured run would otherwise pay for
     * K connects in its first round, a cost a folder of 10,000 pages pays once); after rss_idle, so that their memory
     * counts as the in-flight requests' own. */
    for (i = 0; i < inflight; i++) {
        ocr_request_init(&req);
        req.image_path = paths[i % files];
        ocr_multi_add(multi, &req, 0, (uint64_t)i);
    }
    while (ocr_multi_wait(multi, -1, &ev) == OCR_OK)
        ocr_result_free(ev.result);
    reset_peak();

    start = seconds_now();
    for (i = 0; i < count; i++) {
        ocr_request_init(&req);
        req.image_path = paths[i % files];
        if (ocr_multi_add(multi, &req, 0, (uint64_t)i) != OCR_OK) {
            fprintf(stderr, "multi_driver: %s\n", ocr_last_error());
            return 2;
        }
    }
    while ((status = ocr_multi_wait(multi, -1, &ev)) == OCR_OK) {
        if (ev.kind != OCR_EVENT_DONE)
            continue;
        done++;
        if (ev.status != OCR_OK && failed++ == 0)
            fprintf(stderr, "multi_driver: item %llu: %s\n", (unsigned long long)ev.tag, ev.error->message);
        ocr_result_free(ev.result);
    }
    seconds = seconds_now() - start;
    printf("RESULT images=%ld failed=%ld seconds=%.4f rss_idle_kib=%ld rss_peak_kib=%ld\n", done, failed, seconds,
           rss_idle, status_kib("VmHWM"));
    ocr_multi_free(multi);
    ocr_client_free(client);
    for (i = 0; i < files; i++)
        free(paths[i]);
    free(paths);
    return failed == 0 && done == count ? 0 : 1;
}
