// deepseek_ocr::document against a real HTTP server and the real Poppler, with tests/samples/document.pdf (three
// pages: 1224x1584, 1190x1684 and 1684x1190 pixels at 144 DPI): pages in the order asked, per-page failures,
// figures, progress on the calling thread, and the failures of the call as a whole.
#include <deepseek_ocr.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/canned.hpp"
#include "support/error_from.hpp"
#include "support/scripted_server.hpp"
#include "support/test_client.hpp"

#ifndef DEEPSEEK_OCR_SAMPLES_DIR
#error "DEEPSEEK_OCR_SAMPLES_DIR must name tests/samples (CMakeLists.txt sets it)"
#endif

namespace {

using deepseek_ocr::Client;
using deepseek_ocr::DocumentRequest;
using deepseek_ocr::Error;
using deepseek_ocr::ImageSize;
using deepseek_ocr::Mode;
using deepseek_ocr::testing::answering;
using deepseek_ocr::testing::error_from;
using deepseek_ocr::testing::error_object;
using deepseek_ocr::testing::options_for;
using deepseek_ocr::testing::ScriptedServer;
using deepseek_ocr::testing::tiny_png;

const std::string sample_pdf = DEEPSEEK_OCR_SAMPLES_DIR "/document.pdf";

TEST(Document, PagesAskedOutOfOrderComeBackInThatOrderWithTheirSizes) {
    const auto server = answering("Page text");
    Client client(options_for(server));

    const auto document = deepseek_ocr::document(client, DocumentRequest::from_path(sample_pdf).pages({3, 1}));

    ASSERT_EQ(document.pages.size(), 2u);
    EXPECT_EQ(document.pages[0].number, 3);
    EXPECT_EQ(document.pages[1].number, 1);
    EXPECT_EQ(document.pages[0].size, (ImageSize{1684, 1190}));
    EXPECT_EQ(document.pages[1].size, (ImageSize{1224, 1584}));
    EXPECT_TRUE(document.pages[0].ok());
    EXPECT_EQ(document.pages[0].text, "Page text");
    EXPECT_EQ(document.markdown, "Page text\n<--- Page Split --->\nPage text");
    EXPECT_EQ(document.raw_text, document.markdown);
    EXPECT_EQ(document.failed_count, 0u);
    EXPECT_EQ(document.pdf_page_count, 3);
    EXPECT_EQ(server.request_count(), 2u);
}

TEST(Document, AFailedPageKeepsItsStatusAndTheOthersTheirText) {
    // The second request fails; the pages go one at a time, so that is page 2.
    const ScriptedServer server(R"({"cycle": [{"completion": "Page text"}, {"status": 500, "json": )" +
                                error_object("the model fell over", "server_error", "x") +
                                R"(}, {"completion": "Page text"}]})");
    Client client(options_for(server));

    const auto document = deepseek_ocr::document(client, DocumentRequest::from_path(sample_pdf).concurrency(1));

    ASSERT_EQ(document.pages.size(), 3u);
    EXPECT_TRUE(document.pages[0].ok());
    EXPECT_EQ(document.pages[1].status, OCR_E_SERVER);
    EXPECT_NE(document.pages[1].error.find("the model fell over"), std::string::npos);
    EXPECT_TRUE(document.pages[1].text.empty());
    EXPECT_TRUE(document.pages[2].ok());
    EXPECT_EQ(document.failed_count, 1u);
    EXPECT_EQ(document.markdown, "Page text\n<--- Page Split --->\n\n<--- Page Split --->\nPage text");
}

TEST(Document, FiguresAreCroppedAsPngAndLinkedFromTheMarkdown) {
    const auto server = answering("<|ref|>image<|/ref|><|det|>[[0, 0, 500, 500]]<|/det|>\nbelow");
    Client client(options_for(server));

    const auto document = deepseek_ocr::document(
        client, DocumentRequest::from_path(sample_pdf).pages({2}).mode(Mode::markdown).crop_figures(true).name("notes"));

    const auto& page = document.pages.at(0);
    ASSERT_EQ(page.figures.size(), 1u);
    EXPECT_EQ(page.figures[0].file_name, "notes_2_0.png");
    EXPECT_EQ(page.figures[0].region, 0u);
    const std::vector<std::uint8_t> signature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    ASSERT_GT(page.figures[0].png.size(), signature.size());
    EXPECT_TRUE(std::equal(signature.begin(), signature.end(), page.figures[0].png.begin()));
    EXPECT_EQ(page.markdown, "![](images/notes_2_0.png)\nbelow");
    ASSERT_EQ(page.regions.size(), 1u);
    EXPECT_EQ(page.regions[0].boxes.at(0).x2, 1190 * 500 / 999);
}

TEST(Document, ProgressRunsOncePerPageOnTheCallingThread) {
    const auto server = answering("Page text");
    Client client(options_for(server));
    std::vector<std::size_t> done;
    int elsewhere = 0;
    const auto caller = std::this_thread::get_id();

    const auto document = deepseek_ocr::document(client, DocumentRequest::from_path(sample_pdf), [&](std::size_t d, std::size_t total) {
        done.push_back(d);
        elsewhere += std::this_thread::get_id() != caller;
        EXPECT_EQ(total, 3u);
    });

    EXPECT_EQ(done, (std::vector<std::size_t>{1, 2, 3}));
    EXPECT_EQ(elsewhere, 0);
    EXPECT_EQ(document.pages.size(), 3u);
}

TEST(Document, ProgressReturningFalseCancelsAndAThrowingOneRethrows) {
    const auto server = answering("Page text");
    Client client(options_for(server));
    const auto request = DocumentRequest::from_path(sample_pdf).concurrency(1);

    const auto cancelled = error_from(
        [&] { (void)deepseek_ocr::document(client, request, [](std::size_t, std::size_t) { return false; }); });
    EXPECT_EQ(cancelled.status(), OCR_E_CANCELLED);
    EXPECT_THROW((void)deepseek_ocr::document(client, request, [](std::size_t, std::size_t) { throw std::logic_error("mine"); }),
                 std::logic_error);
}

TEST(Document, BytesThatAreNotAPdfAndPagesOutOfRangeFailTheCall) {
    const auto server = answering("Page text");
    Client client(options_for(server));

    const auto not_a_pdf = error_from(
        [&] { (void)deepseek_ocr::document(client, DocumentRequest::from_bytes(tiny_png())); });
    EXPECT_EQ(not_a_pdf.status(), OCR_E_UNSUPPORTED_IMAGE);
    const auto out_of_range = error_from(
        [&] { (void)deepseek_ocr::document(client, DocumentRequest::from_path(sample_pdf).pages({9})); });
    EXPECT_EQ(out_of_range.status(), OCR_E_INVALID_ARGUMENT);
    EXPECT_NE(std::string(out_of_range.what()).find("page 9 is out of range"), std::string::npos);
    EXPECT_EQ(server.request_count(), 0u);
}

}  // namespace
