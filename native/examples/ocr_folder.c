/*
 * ocr_folder: recognise every image in a folder with one thread, many requests in flight (ocr_multi).
 *
 *   ocr_folder [--jobs N] [--output-dir DIR] [--markdown] FOLDER
 *
 * Each image FOLDER/NAME.EXT (.png, .jpg, .jpeg, .webp, .bmp) gets its text in NAME.txt, beside it or in DIR. At
 * most N requests (default 16) are in flight at once; the program never starts a thread: ocr_multi_add queues every
 * image, the library runs them on its own I/O, and ocr_multi_wait hands each result back to this thread. The service
 * comes from $DEEPSEEK_OCR_BASE_URL and $DEEPSEEK_OCR_API_KEY (see deepseek_ocr.h). A summary goes to stderr.
 * Exit status: 0 when every image was recognised, 1 when one failed, 2 on a usage or setup error.
 */
#define _POSIX_C_SOURCE 200809L
#include <deepseek_ocr.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

static const char MARKDOWN_PROMPT[] = "<image>\nConvert the document to markdown.";

static int is_image_name(const char *name)
{
    static const char *const extensions[] = {".png", ".jpg", ".jpeg", ".webp", ".bmp"};
    const char *dot = strrchr(name, '.');
    size_t i;
    for (i = 0; dot != NULL && i < sizeof extensions / sizeof extensions[0]; i++)
        if (strcasecmp(dot, extensions[i]) == 0)
            return 1;
    return 0;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The image file names in folder, sorted; NULL (with a message) on failure. */
static char **list_images(const char *folder, size_t *count)
{
    DIR *dir = opendir(folder);
    struct dirent *entry;
    char **names = NULL;
    size_t capacity = 0;
    *count = 0;
    if (dir == NULL) {
        perror(folder);
        return NULL;
    }
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.' || !is_image_name(entry->d_name))
            continue;
        if (*count == capacity) {
            char **grown = realloc(names, (capacity = capacity ? capacity * 2 : 64) * sizeof *names);
            if (grown == NULL) {
                perror("ocr_folder");
                exit(2);
            }
            names = grown;
        }
        names[(*count)++] = strdup(entry->d_name);
    }
    closedir(dir);
    if (*count > 0)
        qsort(names, *count, sizeof *names, by_name);
    return names;
}

/* DIR/NAME-without-extension.txt */
static int write_text(const char *dir, const char *name, const ocr_result *res)
{
    char path[4096];
    const char *dot = strrchr(name, '.');
    FILE *out;
    int written;
    snprintf(path, sizeof path, "%s/%.*s.txt", dir, (int)(dot - name), name);
    out = fopen(path, "wb");
    if (out == NULL) {
        perror(path);
        return 0;
    }
    written = fwrite(res->text, 1, res->text_len, out) == res->text_len;
    written &= fputc('\n', out) != EOF;
    return (fclose(out) == 0) & written;
}

/* Creates dir unless it exists already as a directory. */
static int ensure_directory(const char *dir)
{
    struct stat info;
    if (mkdir(dir, 0777) == 0 || (stat(dir, &info) == 0 && S_ISDIR(info.st_mode)))
        return 1;
    perror(dir);
    return 0;
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *folder = NULL, *output_dir = NULL, *prompt = NULL;
    int jobs = 16, i;
    size_t count = 0, n, recognised = 0, failed = 0;
    char **names;
    char path[4096];
    ocr_client *client = NULL;
    ocr_multi *multi = NULL;
    ocr_event event;
    ocr_status status;
    double start;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--jobs") == 0 && i + 1 < argc)
            jobs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--output-dir") == 0 && i + 1 < argc)
            output_dir = argv[++i];
        else if (strcmp(argv[i], "--markdown") == 0)
            prompt = MARKDOWN_PROMPT;
        else if (argv[i][0] != '-' && folder == NULL)
            folder = argv[i];
        else
            folder = NULL, i = argc; /* anything else: usage */
    }
    if (folder == NULL || jobs < 1 || jobs > 1024) {
        fprintf(stderr, "usage: ocr_folder [--jobs N (1 to 1024)] [--output-dir DIR] [--markdown] FOLDER\n");
        return 2;
    }
    if (output_dir == NULL)
        output_dir = folder;
    else if (!ensure_directory(output_dir))
        return 2;

    names = list_images(folder, &count);
    if (names == NULL)
        return 2;
    if (ocr_client_new(NULL, &client) != OCR_OK || ocr_multi_new(client, jobs, &multi) != OCR_OK) {
        fprintf(stderr, "ocr_folder: %s\n", ocr_last_error());
        return 2;
    }

    start = seconds_now();
    /* Queue every image at once: the multi keeps `jobs` in flight and starts the next as each one ends. The path is
     * copied by the add, and the file is read only when its request starts. */
    for (n = 0; n < count; n++) {
        ocr_request req;
        ocr_request_init(&req);
        snprintf(path, sizeof path, "%s/%s", folder, names[n]);
        req.image_path = path;
        req.prompt = prompt;
        if (ocr_multi_add(multi, &req, 0, (uint64_t)n) != OCR_OK) {
            fprintf(stderr, "ocr_folder: %s\n", ocr_last_error());
            return 2;
        }
    }

    /* Every event comes back on this thread; the loop ends once every image's DONE has been delivered. */
    while ((status = ocr_multi_wait(multi, -1, &event)) == OCR_OK) {
        const char *name = names[event.tag];
        if (event.kind != OCR_EVENT_DONE)
            continue;
        if (event.status == OCR_OK && write_text(output_dir, name, event.result)) {
            recognised++;
        } else {
            if (event.status != OCR_OK)
                fprintf(stderr, "ocr_folder: %s: %s\n", name, event.error->message);
            failed++;
        }
        ocr_result_free(event.result);
    }
    fprintf(stderr, "ocr_folder: %zu images: %zu recognised, %zu failed, in %.2f s with %d in flight\n", count,
            recognised, failed, seconds_now() - start, jobs);

    ocr_multi_free(multi);
    ocr_client_free(client);
    for (n = 0; n < count; n++)
        free(names[n]);
    free(names);
    return failed == 0 ? 0 : 1;
}
