/*
 * Tests of ocr_document through the real libdeepseek_ocr.so and Poppler, against the in-process test server, with
 * tests/samples/document.pdf (three pages: 1224x1584, 1190x1684 and 1684x1190 pixels at 144 DPI).
 * Run one case: test_document NAME; every case: test_document. CTest registers each case on its own.
 */
#define _POSIX_C_SOURCE 200809L
#include <deepseek_ocr.h>

#include "test_server.h"
#include "test_support.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef SAMPLES_DIR
#error "SAMPLES_DIR must name tests/samples (CMakeLists.txt sets it)"
#endif

#define SAMPLE_PDF SAMPLES_DIR "/document.pdf"
#define SPLIT "\n<--- Page Split --->\n"

static char tmpdir[256];

static ocr_client *client_for(const char *scenario)
{
    ocr_client_options opts;
    ocr_client_options_init(&opts);
    opts.max_retries = 0;
    return client_with(scenario, &opts);
}

static unsigned char *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    unsigned char *data;
    long length;
    if (!f || fseek(f, 0, SEEK_END) != 0 || (length = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0) {
        perror(path);
        exit(1);
    }
    data = malloc((size_t)length);
    if (!data || fread(data, 1, (size_t)length, f) != (size_t)length) {
        perror(path);
        exit(1);
    }
    fclose(f);
    *size = (size_t)length;
    return data;
}

static uint32_t big_endian_at(const unsigned char *bytes)
{
    return (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 | bytes[3];
}

/* ---- cases ---------------------------------------------------------------------------------------- */

static void test_every_page_in_order_with_joined_markdown(void)
{
    static const int32_t widths[] = {1224, 1190, 1684}, heights[] = {1584, 1684, 1190};
    ocr_client *client = client_for("ok");
    ocr_document_options doc;
    ocr_document_result *out = NULL;
    size_t i;

    ocr_document_options_init(&doc);
    doc.pdf_path = SAMPLE_PDF;
    CHECK_STATUS(ocr_document(client, NULL, &doc, &out), OCR_OK);
    CHECK(out != NULL);
    if (out) {
        CHECK(out->page_count == 3 && out->pdf_page_count == 3 && out->failed_count == 0);
        for (i = 0; i < out->page_count && i < 3; i++) {
            const ocr_page *page = &out->pages[i];
            CHECK(page->number == (int32_t)i + 1);
            CHECK(page->status == OCR_OK && strcmp(page->error, "") == 0);
            CHECK(page->width == widths[i] && page->height == heights[i]);
            CHECK(page->result != NULL && strcmp(page->result->text, "Hello, world!") == 0);
            CHECK(page->result != NULL && page->result->image_width == widths[i] && page->result->image_height == heights[i]);
            CHECK(page->figure_count == 0 && page->figures == NULL);
        }
        CHECK(strcmp(out->markdown, "Hello, world!" SPLIT "Hello, world!" SPLIT "Hello, world!") == 0);
        CHECK(strcmp(out->raw_text, out->markdown) == 0);
    }
    ocr_document_result_free(out);
    ocr_client_free(client);
}

static void test_selected_pages_come_back_in_the_order_asked(void)
{
    static const int32_t pages[] = {3, 1, 3};
    ocr_client *client = client_for("ok");
    ocr_document_options doc;
    ocr_document_result *out = NULL;
    size_t size;
    unsigned char *pdf = read_file(SAMPLE_PDF, &size);

    ocr_document_options_init(&doc);
    doc.pdf_data = pdf;
    doc.pdf_size = size;
    doc.pages = pages;
    doc.page_count = 3;
    doc.concurrency = 3;
    CHECK_STATUS(ocr_document(client, NULL, &doc, &out), OCR_OK);
    CHECK(out != NULL && out->page_count == 3);
    if (out && out->page_count == 3) {
        CHECK(out->pages[0].number == 3 && out->pages[1].number == 1 && out->pages[2].number == 3);
        CHECK(out->pages[0].width == 1684 && out->pages[1].width == 1224 && out->pages[2].width == 1684);
    }
    ocr_document_result_free(out);
    free(pdf);
    ocr_client_free(client);
}

static void test_failed_page_keeps_its_status_and_the_others(void)
{
    /* "flaky" answers every other request with 503; one page at a time, without retries, so pages alternate. */
    ocr_client *client = client_for("flaky");
    ocr_document_options doc;
    ocr_document_result *out = NULL;
    size_t i;

    ocr_document_options_init(&doc);
    doc.pdf_path = SAMPLE_PDF;
    doc.concurrency = 1;
    CHECK_STATUS(ocr_document(client, NULL, &doc, &out), OCR_OK);
    CHECK(out != NULL && out->page_count == 3);
    if (out && out->page_count == 3) {
        CHECK(out->pages[0].status != out->pages[1].status && out->pages[0].status == out->pages[2].status);
        CHECK(out->failed_count == (out->pages[0].status == OCR_OK ? 1u : 2u));
        for (i = 0; i < 3; i++) {
            const ocr_page *page = &out->pages[i];
            if (page->status == OCR_OK) {
                CHECK(page->result != NULL && strcmp(page->error, "") == 0);
            } else {
                CHECK(page->status == OCR_E_SERVER && page->result == NULL && strstr(page->error, "overloaded") != NULL);
                CHECK(page->width > 0 && page->height > 0);
            }
        }
        CHECK(strcmp(out->markdown, out->pages[0].status == OCR_OK ? "Hello, world!" SPLIT SPLIT "Hello, world!"
                                                                     : SPLIT "Hello, world!" SPLIT) == 0);
    }
    ocr_document_result_free(out);
    ocr_client_free(client);
}

static void test_figures_are_cropped_as_png_and_linked(void)
{
    /* "grounded" answers a title and an image region whose first box is the whole page. */
    static const int32_t pages[] = {2};
    static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    ocr_client *client = client_for("grounded");
    ocr_request req;
    ocr_document_options doc;
    ocr_document_result *out = NULL;

    ocr_request_init(&req);
    req.mode = OCR_MODE_MARKDOWN;
    ocr_document_options_init(&doc);
    doc.pdf_path = SAMPLE_PDF;
    doc.pages = pages;
    doc.page_count = 1;
    doc.crop_figures = 1;
    doc.name = "report";
    CHECK_STATUS(ocr_document(client, &req, &doc, &out), OCR_OK);
    CHECK(out != NULL && out->page_count == 1 && out->pages[0].figure_count == 1);
    if (out && out->page_count == 1 && out->pages[0].figure_count == 1) {
        const ocr_page *page = &out->pages[0];
        const ocr_figure *figure = &page->figures[0];
        CHECK(figure->region == 1 && strcmp(page->result->regions[1].label, "image") == 0);
        CHECK(strcmp(figure->file_name, "report_2_0.png") == 0);
        CHECK(figure->png_size > 24 && memcmp(figure->png, signature, sizeof signature) == 0);
        CHECK(figure->png_size > 24 && big_endian_at(figure->png + 16) == 1190 && big_endian_at(figure->png + 20) == 1684);
        CHECK(strstr(page->result->markdown, "![](images/report_2_0.png)") != NULL);
        CHECK(strstr(out->markdown, "![](images/report_2_0.png)") != NULL);
    }
    ocr_document_result_free(out);
    ocr_client_free(client);
}

static void test_figures_are_named_after_the_file(void)
{
    static const int32_t pages[] = {1};
    char path[512];
    size_t size;
    unsigned char *pdf = read_file(SAMPLE_PDF, &size);
    FILE *f;
    ocr_client *client = client_for("grounded");
    ocr_request req;
    ocr_document_options doc;
    ocr_document_result *out = NULL;

    snprintf(path, sizeof path, "%s/annual-notes.pdf", tmpdir);
    f = fopen(path, "wb");
    CHECK(f != NULL && fwrite(pdf, 1, size, f) == size);
    if (f)
        fclose(f);
    ocr_request_init(&req);
    req.mode = OCR_MODE_MARKDOWN;
    ocr_document_options_init(&doc);
    doc.pdf_path = path;
    doc.pages = pages;
    doc.page_count = 1;
    doc.crop_figures = 1;
    CHECK_STATUS(ocr_document(client, &req, &doc, &out), OCR_OK);
    CHECK(out != NULL && out->pages[0].figure_count == 1);
    if (out && out->pages[0].figure_count == 1)
        CHECK(strcmp(out->pages[0].figures[0].file_name, "annual-notes_1_0.png") == 0);
    ocr_document_result_free(out);
    free(pdf);
    ocr_client_free(client);
}

struct progress_log {
    pthread_t caller;
    int calls;
    int on_caller_thread;
    size_t last_done;
    size_t total;
    int in_order;
    int stop_at;
};

static int record_progress(size_t done, size_t total, void *user_data)
{
    struct progress_log *log = user_data;
    log->calls++;
    log->on_caller_thread += pthread_equal(pthread_self(), log->caller) != 0;
    log->in_order &= done == log->last_done + 1;
    log->last_done = done;
    log->total = total;
    return log->calls == log->stop_at;
}

static void test_progress_is_called_once_per_page_on_the_calling_thread(void)
{
    ocr_client *client = client_for("ok");
    ocr_document_options doc;
    ocr_document_result *out = NULL;
    struct progress_log log;

    memset(&log, 0, sizeof log);
    log.caller = pthread_self();
    log.in_order = 1;
    ocr_document_options_init(&doc);
    doc.pdf_path = SAMPLE_PDF;
    doc.progress = record_progress;
    doc.progress_user_data = &log;
    CHECK_STATUS(ocr_document(client, NULL, &doc, &out), OCR_OK);
    CHECK(log.calls == 3 && log.on_caller_thread == 3 && log.in_order && log.last_done == 3 && log.total == 3);
    ocr_document_result_free(out);
    ocr_client_free(client);
}

static void test_progress_returning_nonzero_cancels(void)
{
    ocr_client *client = client_for("ok");
    ocr_document_options doc;
    ocr_document_result *out = (ocr_document_result *)&doc; /* must come back NULL */
    struct progress_log log;

    memset(&log, 0, sizeof log);
    log.caller = pthread_self();
    log.in_order = 1;
    log.stop_at = 1;
    ocr_document_options_init(&doc);
    doc.pdf_path = SAMPLE_PDF;
    doc.concurrency = 1;
    doc.progress = record_progress;
    doc.progress_user_data = &log;
    CHECK_STATUS(ocr_document(client, NULL, &doc, &out), OCR_E_CANCELLED);
    CHECK_ERROR_HAS("progress callback");
    CHECK(out == NULL);
    CHECK(log.calls == 1);
    ocr_client_free(client);
}

static void test_cancel_token_cancels(void)
{
    ocr_client *client = client_for("ok");
    ocr_cancel_token *token = NULL;
    ocr_request req;
    ocr_document_options doc;
    ocr_document_result *out = NULL;

    CHECK_STATUS(ocr_cancel_token_new(&token), OCR_OK);
    ocr_cancel_token_cancel(token);
    ocr_request_init(&req);
    req.cancel = token;
    ocr_document_options_init(&doc);
    doc.pdf_path = SAMPLE_PDF;
    CHECK_STATUS(ocr_document(client, &req, &doc, &out), OCR_E_CANCELLED);
    CHECK(out == NULL);
    ocr_cancel_token_free(token);
    ocr_client_free(client);
}

static void test_options_struct_size_rules(void)
{
    struct {
        ocr_document_options doc;
        uint64_t newer;
    } larger;
    unsigned char buffer[sizeof(ocr_document_options) + 32];
    ocr_client *client = client_for("ok");
    ocr_document_options doc;
    ocr_document_result *out = NULL;
    static const int32_t one[] = {1};

    /* init writes no byte past the size it is given, and zeroes a larger struct's tail. */
    memset(buffer, CANARY, sizeof buffer);
    ocr_document_options_init_size((ocr_document_options *)(void *)buffer, 8);
    CHECK(canary_intact(buffer, 8, sizeof buffer));
    memset(&larger, CANARY, sizeof larger);
    ocr_document_options_init_size(&larger.doc, sizeof larger);
    CHECK(larger.doc.struct_size == sizeof larger && larger.newer == 0 && larger.doc.dpi == 0 && larger.doc.pdf_path == NULL);

    /* Larger with a zero tail: accepted. With its new field set: refused, naming struct_size. */
    larger.doc.pdf_path = SAMPLE_PDF;
    larger.doc.pages = one;
    larger.doc.page_count = 1;
    CHECK_STATUS(ocr_document(client, NULL, &larger.doc, &out), OCR_OK);
    CHECK(out != NULL && out->page_count == 1);
    ocr_document_result_free(out);
    out = NULL;
    larger.newer = 1;
    CHECK_STATUS(ocr_document(client, NULL, &larger.doc, &out), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("struct_size");
    CHECK(out == NULL);

    /* Smaller than any version: refused, naming struct_size. */
    ocr_document_options_init(&doc);
    doc.pdf_path = SAMPLE_PDF;
    doc.struct_size = 8;
    CHECK_STATUS(ocr_document(client, NULL, &doc, &out), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("doc->struct_size is 8");
    doc.struct_size = 0;
    CHECK_STATUS(ocr_document(client, NULL, &doc, &out), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("struct_size");
    ocr_client_free(client);
}

static void test_null_and_bad_arguments_are_rejected(void)
{
    int sent = test_server_requests();
    ocr_client *client = client_for("ok");
    ocr_request req;
    ocr_document_options doc;
    ocr_document_result *out = NULL;
    static const int32_t pages[] = {1};

    ocr_document_options_init(&doc);
    doc.pdf_path = SAMPLE_PDF;
    CHECK_STATUS(ocr_document(NULL, NULL, &doc, &out), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("client is NULL");
    CHECK_STATUS(ocr_document(client, NULL, NULL, &out), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("doc is NULL");
    CHECK_STATUS(ocr_document(client, NULL, &doc, NULL), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("out is NULL");
    ocr_document_result_free(NULL);

    /* The request may not name an image: the pages are the images. */
    ocr_request_init(&req);
    req.image_data = tiny_png;
    req.image_size = sizeof tiny_png;
    CHECK_STATUS(ocr_document(client, &req, &doc, &out), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("req sets an image");

    /* Neither or both sources; NULL pages with a count; settings out of range. */
    doc.pdf_path = NULL;
    CHECK_STATUS(ocr_document(client, NULL, &doc, &out), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("exactly one of pdf_path and pdf_data");
    doc.pdf_path = SAMPLE_PDF;
    doc.pdf_data = tiny_png;
    doc.pdf_size = sizeof tiny_png;
    CHECK_STATUS(ocr_document(client, NULL, &doc, &out), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("exactly one of pdf_path and pdf_data");
    doc.pdf_data = NULL;
    doc.pdf_size = 0;
    doc.page_count = 2;
    CHECK_STATUS(ocr_document(client, NULL, &doc, &out), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("pages is NULL but page_count is 2");
    doc.pages = pages;
    doc.page_count = 1;
    doc.dpi = 700;
    CHECK_STATUS(ocr_document(client, NULL, &doc, &out), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("dpi must be from 36 to 600, not 700");
    doc.dpi = 0;
    doc.concurrency = 65;
    CHECK_STATUS(ocr_document(client, NULL, &doc, &out), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("concurrency must be from 1 to 64, not 65");
    doc.concurrency = 0;
    doc.name = "../elsewhere";
    CHECK_STATUS(ocr_document(client, NULL, &doc, &out), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("name must be");
    CHECK(out == NULL);
    CHECK(test_server_requests() == sent);
    ocr_client_free(client);
}

static void test_bytes_that_are_not_a_pdf_and_missing_files(void)
{
    int sent = test_server_requests();
    ocr_client *client = client_for("ok");
    ocr_document_options doc;
    ocr_document_result *out = NULL;
    char missing[512];

    ocr_document_options_init(&doc);
    doc.pdf_data = tiny_png;
    doc.pdf_size = sizeof tiny_png;
    CHECK_STATUS(ocr_document(client, NULL, &doc, &out), OCR_E_UNSUPPORTED_IMAGE);
    CHECK_ERROR_HAS("not a PDF");

    ocr_document_options_init(&doc);
    snprintf(missing, sizeof missing, "%s/missing.pdf", tmpdir);
    doc.pdf_path = missing;
    CHECK_STATUS(ocr_document(client, NULL, &doc, &out), OCR_E_IO);
    CHECK_ERROR_HAS("does not exist");
    CHECK(out == NULL);
    CHECK(test_server_requests() == sent);
    ocr_client_free(client);
}

static void test_page_out_of_range_names_the_number_and_the_count(void)
{
    static const int32_t pages[] = {1, 4};
    int sent = test_server_requests();
    ocr_client *client = client_for("ok");
    ocr_document_options doc;
    ocr_document_result *out = NULL;

    ocr_document_options_init(&doc);
    doc.pdf_path = SAMPLE_PDF;
    doc.pages = pages;
    doc.page_count = 2;
    CHECK_STATUS(ocr_document(client, NULL, &doc, &out), OCR_E_INVALID_ARGUMENT);
    CHECK_ERROR_HAS("page 4 is out of range: the PDF has 3 pages");
    CHECK(out == NULL);
    CHECK(test_server_requests() == sent);
    ocr_client_free(client);
}

/* Where Poppler is missing: the emulated linux-arm64 suite, whose sysroot has none. Where it is installed (the
 * x86-64 suite) this cannot happen, and the case says SKIP. */
static void test_without_poppler_the_call_is_unavailable_naming_the_package(void)
{
    ocr_client *client = client_for("ok");
    ocr_document_options doc;
    ocr_document_result *out = NULL;
    ocr_status status;

    ocr_document_options_init(&doc);
    doc.pdf_path = SAMPLE_PDF;
    status = ocr_document(client, NULL, &doc, &out);
    ocr_document_result_free(out);
    ocr_client_free(client);
    if (status == OCR_OK)
        SKIP("Poppler is installed here");
    CHECK_STATUS(status, OCR_E_UNAVAILABLE);
    CHECK_ERROR_HAS("libpoppler-glib8");
}

static const struct test_case cases[] = {
    {"every_page_in_order_with_joined_markdown", test_every_page_in_order_with_joined_markdown},
    {"selected_pages_come_back_in_the_order_asked", test_selected_pages_come_back_in_the_order_asked},
    {"failed_page_keeps_its_status_and_the_others", test_failed_page_keeps_its_status_and_the_others},
    {"figures_are_cropped_as_png_and_linked", test_figures_are_cropped_as_png_and_linked},
    {"figures_are_named_after_the_file", test_figures_are_named_after_the_file},
    {"progress_is_called_once_per_page_on_the_calling_thread", test_progress_is_called_once_per_page_on_the_calling_thread},
    {"progress_returning_nonzero_cancels", test_progress_returning_nonzero_cancels},
    {"cancel_token_cancels", test_cancel_token_cancels},
    {"options_struct_size_rules", test_options_struct_size_rules},
    {"null_and_bad_arguments_are_rejected", test_null_and_bad_arguments_are_rejected},
    {"bytes_that_are_not_a_pdf_and_missing_files", test_bytes_that_are_not_a_pdf_and_missing_files},
    {"page_out_of_range_names_the_number_and_the_count", test_page_out_of_range_names_the_number_and_the_count},
    {"without_poppler_the_call_is_unavailable_naming_the_package", test_without_poppler_the_call_is_unavailable_naming_the_package},
};

int main(int argc, char **argv)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/deepseek_ocr_document_test_XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    test_server_start();
    return run_cases(cases, sizeof cases / sizeof cases[0], argc, argv);
}
