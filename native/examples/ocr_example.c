/*
 * ocr_example: print the text of each image or PDF, recognised through libdeepseek_ocr.
 *
 *   ocr_example [--stream] [--markdown] [--prompt TEXT] [--mode NAME] [--locate TEXT] FILE...
 *
 * FILE is an image path, an http(s)/data: URL, or a PDF (named .pdf, or starting with %PDF), whose pages are
 * rendered and recognised several at once: their markdown is printed joined by "<--- Page Split --->", and a status
 * line per page goes to stderr. --mode picks one of DeepSeek-OCR's prompts (free, markdown, ocr, figure, describe, or
 * locate with --locate TEXT) and prints the answer without grounding tags. The service comes from
 * $DEEPSEEK_OCR_BASE_URL and $DEEPSEEK_OCR_API_KEY (see deepseek_ocr.h). Exit status: 0 when every image and page
 * was recognised, else 1; 2 for a usage error.
 */
#include <deepseek_ocr.h>

#include <stdio.h>
#include <ctype.h>
#include <string.h>

/* DeepSeek-OCR's prompt for Markdown (adding <|grounding|> would ask for boxes as well). */
static const char MARKDOWN_PROMPT[] = "<image>\nConvert the document to markdown.";

/* ocr_stream callback: print each piece as it arrives. */
static int print_delta(const char *delta, size_t len, void *user_data)
{
    (void)user_data;
    fwrite(delta, 1, len, stdout);
    fflush(stdout);
    return 0;
}

static int is_url(const char *arg)
{
    return strncmp(arg, "http://", 7) == 0 || strncmp(arg, "https://", 8) == 0 || strncmp(arg, "data:", 5) == 0;
}

/* What every request is sent with: the prompt or mode (-1: none given), and the text to locate. */
struct settings {
    const char *prompt;
    int mode;
    const char *locate_text;
    int stream;
};

static const char *const MODE_NAMES[] = {"free", "markdown", "ocr", "figure", "describe", "locate"};

static int mode_of(const char *name)
{
    int mode;
    for (mode = 0; mode < (int)(sizeof MODE_NAMES / sizeof MODE_NAMES[0]); mode++)
        if (strcmp(name, MODE_NAMES[mode]) == 0)
            return mode;
    return -1;
}

/* A PDF by its name, or by its first bytes ("%PDF") whatever it is called. */
static int is_pdf(const char *path)
{
    char magic[4];
    size_t length = strlen(path);
    FILE *f;
    int found;
    if (length >= 4 && path[length - 4] == '.' && tolower((unsigned char)path[length - 3]) == 'p'
        && tolower((unsigned char)path[length - 2]) == 'd' && tolower((unsigned char)path[length - 1]) == 'f')
        return 1;
    f = fopen(path, "rb");
    if (!f)
        return 0;
    found = fread(magic, 1, sizeof magic, f) == sizeof magic && memcmp(magic, "%PDF", 4) == 0;
    fclose(f);
    return found;
}

static ocr_request request_for(const struct settings *settings)
{
    ocr_request req;
    ocr_request_init(&req);
    req.prompt = settings->prompt;
    req.mode = settings->mode < 0 ? OCR_MODE_FREE : settings->mode;
    req.locate_text = settings->locate_text;
    return req;
}

static int recognise(ocr_client *client, const char *image, const struct settings *settings)
{
    ocr_request req = request_for(settings);
    ocr_result *res = NULL;
    ocr_status status;

    if (is_url(image))
        req.image_url = image;
    else
        req.image_path = image;

    status = settings->stream ? ocr_stream(client, &req, print_delta, NULL, &res) : ocr_image(client, &req, &res);
    if (status != OCR_OK) {
        fprintf(stderr, "ocr_example: %s: %s\n", image, ocr_last_error());
        return 1;
    }
    /* A stream has printed its text as it arrived. */
    if (!settings->stream && settings->mode >= 0)
        fputs(res->markdown, stdout);
    else if (!settings->stream)
        fwrite(res->text, 1, res->text_len, stdout);
    printf("\n");
    ocr_result_free(res);
    return 0;
}

/* Recognises every page of a PDF: the joined markdown on stdout, one status line per page on stderr. */
static int recognise_pdf(ocr_client *client, const char *path, const struct settings *settings)
{
    ocr_request req = request_for(settings);
    ocr_document_options doc;
    ocr_document_result *out = NULL;
    size_t i;
    int failed;

    ocr_document_options_init(&doc);
    doc.pdf_path = path;
    if (ocr_document(client, &req, &doc, &out) != OCR_OK) {
        fprintf(stderr, "ocr_example: %s: %s\n", path, ocr_last_error());
        return 1;
    }
    fputs(out->markdown, stdout);
    printf("\n");
    for (i = 0; i < out->page_count; i++) {
        const ocr_page *page = &out->pages[i];
        if (page->status == OCR_OK)
            fprintf(stderr, "ocr_example: %s: page %d: ok (%dx%d)\n", path, (int)page->number, (int)page->width,
                    (int)page->height);
        else
            fprintf(stderr, "ocr_example: %s: page %d: %s: %s\n", path, (int)page->number,
                    ocr_status_string(page->status), page->error);
    }
    failed = out->failed_count != 0;
    ocr_document_result_free(out);
    return failed;
}

static int usage(ocr_client *client)
{
    fprintf(stderr, "usage: ocr_example [--stream] [--markdown] [--prompt TEXT] [--mode free|markdown|ocr|figure|describe|locate]\n"
                    "                   [--locate TEXT] FILE...\n");
    ocr_client_free(client);
    return 2;
}

int main(int argc, char **argv)
{
    ocr_client *client = NULL;
    struct settings settings = {NULL, -1, NULL, 0};
    int failures = 0, images = 0, i;

    if (strcmp(ocr_version(), OCR_VERSION) != 0) {
        fprintf(stderr, "ocr_example: built for libdeepseek_ocr %s but loaded %s\n", OCR_VERSION, ocr_version());
        return 1;
    }
    if (ocr_client_new(NULL, &client) != OCR_OK) {
        fprintf(stderr, "ocr_example: %s\n", ocr_last_error());
        return 1;
    }
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--stream") == 0) {
            settings.stream = 1;
        } else if (strcmp(argv[i], "--markdown") == 0) {
            settings.prompt = MARKDOWN_PROMPT;
        } else if (strcmp(argv[i], "--prompt") == 0 && i + 1 < argc) {
            settings.prompt = argv[++i];
        } else if (strcmp(argv[i], "--mode") == 0 && i + 1 < argc) {
            if ((settings.mode = mode_of(argv[++i])) < 0) {
                fprintf(stderr, "ocr_example: unknown mode '%s'\n", argv[i]);
                return usage(client);
            }
        } else if (strcmp(argv[i], "--locate") == 0 && i + 1 < argc) {
            settings.locate_text = argv[++i];
        } else if (strncmp(argv[i], "--", 2) == 0) {
            return usage(client);
        } else {
            images++;
            failures += !is_url(argv[i]) && is_pdf(argv[i]) ? recognise_pdf(client, argv[i], &settings)
                                                            : recognise(client, argv[i], &settings);
        }
    }
    if (images == 0)
        return usage(client);
    ocr_client_free(client);
    return failures == 0 ? 0 : 1;
}
