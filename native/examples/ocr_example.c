/*
 * ocr_example: print the text of each image, recognised through libdeepseek_ocr.
 *
 *   ocr_example [--stream] [--markdown] [--prompt TEXT] IMAGE...
 *
 * IMAGE is a file path or an http(s)/data: URL. The service comes from $DEEPSEEK_OCR_BASE_URL and
 * $DEEPSEEK_OCR_API_KEY (see deepseek_ocr.h). Exit status: 0 when every image was recognised, else 1.
 */
#include <deepseek_ocr.h>

#include <stdio.h>
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

static int recognise(ocr_client *client, const char *image, const char *prompt, int stream)
{
    ocr_request req;
    ocr_result *res = NULL;
    ocr_status status;

    ocr_request_init(&req);
    if (is_url(image))
        req.image_url = image;
    else
        req.image_path = image;
    req.prompt = prompt;

    status = stream ? ocr_stream(client, &req, print_delta, NULL, &res) : ocr_image(client, &req, &res);
    if (status != OCR_OK) {
        fprintf(stderr, "ocr_example: %s: %s\n", image, ocr_last_error());
        return 1;
    }
    if (!stream)
        fwrite(res->text, 1, res->text_len, stdout);
    printf("\n");
    ocr_result_free(res);
    return 0;
}

int main(int argc, char **argv)
{
    ocr_client *client = NULL;
    const char *prompt = NULL;
    int stream = 0, failures = 0, images = 0, i;

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
            stream = 1;
        } else if (strcmp(argv[i], "--markdown") == 0) {
            prompt = MARKDOWN_PROMPT;
        } else if (strcmp(argv[i], "--prompt") == 0 && i + 1 < argc) {
            prompt = argv[++i];
        } else if (strncmp(argv[i], "--", 2) == 0) {
            fprintf(stderr, "usage: ocr_example [--stream] [--markdown] [--prompt TEXT] IMAGE...\n");
            ocr_client_free(client);
            return 2;
        } else {
            images++;
            failures += recognise(client, argv[i], prompt, stream);
        }
    }
    ocr_client_free(client);
    if (images == 0) {
        fprintf(stderr, "usage: ocr_example [--stream] [--markdown] [--prompt TEXT] IMAGE...\n");
        return 2;
    }
    return failures == 0 ? 0 : 1;
}
