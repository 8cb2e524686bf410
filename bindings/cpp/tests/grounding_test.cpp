// Modes and grounding regions against a real HTTP server: the official prompt and skip_special_tokens on the wire,
// regions with pixel and 0-999 boxes, the Markdown without tags, whole and streamed.
#include <deepseek_ocr.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "support/canned.hpp"
#include "support/error_from.hpp"
#include "support/scripted_server.hpp"
#include "support/test_client.hpp"

namespace deepseek_ocr {

// gtest prints these in failure messages.
void PrintTo(const Box& box, std::ostream* out) {
    *out << '[' << box.x1 << ", " << box.y1 << ", " << box.x2 << ", " << box.y2 << ']';
}
void PrintTo(const ImageSize& size, std::ostream* out) { *out << size.width << 'x' << size.height; }

}  // namespace deepseek_ocr

namespace {

using deepseek_ocr::Box;
using deepseek_ocr::Client;
using deepseek_ocr::Error;
using deepseek_ocr::ImageSize;
using deepseek_ocr::Mode;
using deepseek_ocr::Request;
using deepseek_ocr::testing::answering;
using deepseek_ocr::testing::error_from;
using deepseek_ocr::testing::HttpRequest;
using deepseek_ocr::testing::json_string;
using deepseek_ocr::testing::options_for;
using deepseek_ocr::testing::png_of_size;
using deepseek_ocr::testing::ScriptedServer;
using deepseek_ocr::testing::tiny_png;

const std::string grounded_markdown =
    "<|ref|>title<|/ref|><|det|>[[100, 50, 900, 120]]<|/det|>\n# Title\n\n"
    "<|ref|>text<|/ref|><|det|>[[100, 150, 900, 400], [100, 420, 900, 500]]<|/det|>\nBody text";

// 2000 x 1500 tells the header's int(v / 999 * size) from rounding (900 -> 1801.8) and from v / 1000 (900 -> 1800).
constexpr std::uint32_t page_width = 2000;
constexpr std::uint32_t page_height = 1500;

/// The system message's text, JSON escapes decoded (the library writes < as \u003C).
std::string prompt_of(const HttpRequest& request) {
    const std::string& body = request.body;
    const std::string key = R"("role":"system","content":")";
    const auto at = body.find(key);
    if (at == std::string::npos) {
        ADD_FAILURE() << "no system message in " << body;
        return "";
    }
    std::string text;
    for (std::size_t i = at + key.size(); i < body.size() && body[i] != '"'; ++i) {
        if (body[i] != '\\') {
            text += body[i];
            continue;
        }
        const char escaped = body[++i];
        if (escaped == 'n') {
            text += '\n';
        } else if (escaped == 'u') {
            const unsigned long code = std::stoul(body.substr(i + 1, 4), nullptr, 16);
            EXPECT_LT(code, 0x80u) << "only ASCII escapes expected in the prompt";
            text += static_cast<char>(code);
            i += 4;
        } else {
            text += escaped;
        }
    }
    return text;
}

bool has(const std::string& body, std::string_view member) { return body.find(member) != std::string::npos; }

TEST(Grounding, MarkdownMode_RegionsHavePixelAndNormalizedBoxes) {
    const auto server = answering(grounded_markdown);
    const Client client(options_for(server));

    const auto result = client.ocr(Request::from_bytes(png_of_size(page_width, page_height)).mode(Mode::markdown));

    EXPECT_EQ(result.text(), grounded_markdown);
    EXPECT_EQ(result.raw_text(), grounded_markdown);
    ASSERT_TRUE(result.image_size().has_value());
    EXPECT_EQ(*result.image_size(), (ImageSize{2000, 1500}));
    const auto regions = result.regions();
    ASSERT_EQ(regions.size(), 2u);
    EXPECT_EQ(regions[0].label, "title");
    EXPECT_EQ(regions[0].text, "# Title");
    EXPECT_EQ(regions[0].boxes, (std::vector<Box>{{200, 75, 1801, 180}}));
    EXPECT_EQ(regions[0].boxes_normalized, (std::vector<Box>{{100, 50, 900, 120}}));
    EXPECT_EQ(regions[1].label, "text");
    EXPECT_EQ(regions[1].text, "Body text");
    EXPECT_EQ(regions[1].boxes, (std::vector<Box>{{200, 225, 1801, 600}, {200, 630, 1801, 750}}));
    EXPECT_EQ(regions[1].boxes_normalized, (std::vector<Box>{{100, 150, 900, 400}, {100, 420, 900, 500}}));
    EXPECT_EQ(result.markdown(), "\n# Title\n\n\nBody text");
}

TEST(Grounding, RegionsAreCopies_OutliveTheResult) {
    const auto server = answering(grounded_markdown);
    const Client client(options_for(server));

    std::vector<deepseek_ocr::Region> regions;
    {
        const auto result = client.ocr(Request::from_bytes(png_of_size(page_width, page_height)).mode(Mode::markdown));
        regions = result.regions();
    }

    ASSERT_EQ(regions.size(), 2u);
    EXPECT_EQ(regions[1].text, "Body text");
}

TEST(Grounding, EachMode_SendsItsOfficialPrompt_GroundingModesKeepSpecialTokens) {
    struct Case {
        std::optional<Mode> mode;
        std::string prompt;
        bool grounds;
    };
    const Case cases[] = {
        {std::nullopt, "<image>\nFree OCR.", false},
        {Mode::free, "<image>\nFree OCR.", false},
        {Mode::markdown, "<image>\n<|grounding|>Convert the document to markdown.", true},
        {Mode::ocr, "<image>\n<|grounding|>OCR this image.", true},
        {Mode::figure, "<image>\nParse the figure.", false},
        {Mode::describe, "<image>\nDescribe this image in detail.", false},
        {Mode::locate, "<image>\nLocate <|ref|>Total due<|/ref|> in the image.", true},
    };
    for (const auto& c : cases) {
        const auto server = answering("ok");
        const Client client(options_for(server));
        auto request = Request::from_bytes(tiny_png());
        if (c.mode) {
            request.mode(*c.mode);
        }
        if (c.mode == Mode::locate) {
            request.locate_text("Total due");
        }

        (void)client.ocr(request);

        const auto sent = server.requests().at(0);
        EXPECT_EQ(prompt_of(sent), c.prompt);
        const auto body = sent.compact_body();
        EXPECT_EQ(has(body, R"("skip_special_tokens":false)"), c.grounds) << body.substr(0, 300);
        if (!c.grounds) {
            EXPECT_FALSE(has(body, "skip_special_tokens")) << body.substr(0, 300);
        }
    }
}

TEST(Grounding, ExtraBodyJson_OverridesSkipSpecialTokens) {
    const auto server = answering("ok");
    const Client client(options_for(server));

    (void)client.ocr(
        Request::from_bytes(tiny_png()).mode(Mode::markdown).extra_body_json(R"({"skip_special_tokens": true})"));

    const auto body = server.requests().at(0).compact_body();
    EXPECT_TRUE(has(body, R"("skip_special_tokens":true)")) << body.substr(0, 300);
    EXPECT_FALSE(has(body, R"("skip_special_tokens":false)")) << body.substr(0, 300);
}

TEST(Grounding, PromptSet_WinsOverTheMode_StillKeepsSpecialTokens) {
    const auto server = answering("ok");
    const Client client(options_for(server));

    (void)client.ocr(Request::from_bytes(tiny_png()).mode(Mode::markdown).prompt("<image>\nMyOwnPrompt"));

    const auto sent = server.requests().at(0);
    EXPECT_EQ(prompt_of(sent), "<image>\nMyOwnPrompt");
    EXPECT_TRUE(has(sent.compact_body(), R"("skip_special_tokens":false)"));
}

TEST(Grounding, LocateModeWithoutLocateText_IsInvalidArgumentAndSendsNothing) {
    const auto server = answering("ok");
    const Client client(options_for(server));

    const auto error = error_from([&] { (void)client.ocr(Request::from_bytes(tiny_png()).mode(Mode::locate)); });
    EXPECT_EQ(error.status(), OCR_E_INVALID_ARGUMENT);
    EXPECT_EQ(error.message(), "the locate mode needs locate_text: the text to find");
    EXPECT_EQ(server.request_count(), 0u);
}

TEST(Grounding, LocateTextWithAnotherMode_IsInvalidArgument) {
    const auto server = answering("ok");
    const Client client(options_for(server));

    const auto error = error_from(
        [&] { (void)client.ocr(Request::from_bytes(tiny_png()).mode(Mode::ocr).locate_text("Total")); });
    EXPECT_EQ(error.status(), OCR_E_INVALID_ARGUMENT);
    EXPECT_NE(std::string(error.message()).find("locate_text"), std::string::npos) << error.message();
    EXPECT_EQ(server.request_count(), 0u);
}

TEST(Grounding, ImageUrl_PixelBoxesOnlyWithImageSize) {
    const std::string answer = "<|ref|>Total<|/ref|><|det|>[[10, 20, 30, 40]]<|/det|>";
    const auto server = answering(answer);
    const Client client(options_for(server));
    const auto located = Request::from_url("https://images.example/page.png").mode(Mode::locate).locate_text("Total");

    const auto unsized = client.ocr(located);
    const auto sized = client.ocr(Request(located).image_size(1000, 2000));

    EXPECT_FALSE(unsized.image_size().has_value());
    ASSERT_EQ(unsized.regions().size(), 1u);
    EXPECT_TRUE(unsized.regions()[0].boxes.empty());
    EXPECT_EQ(unsized.regions()[0].boxes_normalized, (std::vector<Box>{{10, 20, 30, 40}}));
    EXPECT_EQ(sized.image_size(), (ImageSize{1000, 2000}));
    ASSERT_EQ(sized.regions().size(), 1u);
    EXPECT_EQ(sized.regions()[0].label, "Total");
    EXPECT_EQ(sized.regions()[0].text, "Total");
    EXPECT_EQ(sized.regions()[0].boxes, (std::vector<Box>{{10, 40, 30, 80}}));
    EXPECT_EQ(sized.markdown(), "Total");
}

TEST(Grounding, ImageSizeForImageBytes_IsInvalidArgument) {
    const auto server = answering("ok");
    const Client client(options_for(server));

    const auto error = error_from([&] { (void)client.ocr(Request::from_bytes(tiny_png()).image_size(640, 480)); });
    EXPECT_EQ(error.status(), OCR_E_INVALID_ARGUMENT);
    EXPECT_NE(std::string(error.message()).find("image_url only"), std::string::npos) << error.message();
    EXPECT_EQ(server.request_count(), 0u);
}

// 0 means "unknown" in the C struct; an explicit 0 must not silently turn into that.
TEST(Grounding, ZeroImageSize_IsRefusedByTheBinding) {
    const auto server = answering("ok");
    const Client client(options_for(server));

    const auto error = error_from(
        [&] { (void)client.ocr(Request::from_url("https://images.example/page.png").image_size(0, 480)); });
    EXPECT_EQ(error.status(), OCR_E_INVALID_ARGUMENT);
    EXPECT_NE(std::string(error.message()).find("image_size width"), std::string::npos) << error.message();
    EXPECT_EQ(server.request_count(), 0u);
}

TEST(Grounding, PlainAnswer_HasNoRegionsAndTheTextAsMarkdown) {
    const auto server = answering("Just text.");
    const Client client(options_for(server));

    const auto result = client.ocr(Request::from_bytes(png_of_size(3, 2)));

    EXPECT_TRUE(result.regions().empty());
    EXPECT_EQ(result.markdown(), "Just text.");
    EXPECT_EQ(result.image_size(), (ImageSize{3, 2}));
}

TEST(Grounding, StreamedGroundedAnswer_RegionsInTheFinalResult) {
    // Split inside the tags and the boxes, so the regions can only come from the joined text.
    const std::vector<std::string> pieces = {"<|ref|>ti", "tle<|/ref|><|det|>[[100, 50, ", "900, 120]]<|/det|>\n# Ti",
                                             "tle\n\n<|ref|>text<|/ref|><|det|>[[100, 150, 900, 400], [100, 420, 9",
                                             "00, 500]]<|/det|>\nBody text"};
    std::string steps;
    for (const auto& piece : pieces) {
        steps += R"({"delta": )" + json_string(piece) + "}, ";
    }
    const ScriptedServer server(R"({"stream": [)" + steps + R"({"finish": "stop"}, {"done": true}]})");
    const Client client(options_for(server));
    std::string received;

    const auto result = client.stream(Request::from_bytes(png_of_size(page_width, page_height)).mode(Mode::markdown),
                                      [&](std::string_view delta) { received += delta; });

    EXPECT_EQ(received, grounded_markdown);
    EXPECT_EQ(result.text(), grounded_markdown);
    const auto regions = result.regions();
    ASSERT_EQ(regions.size(), 2u);
    EXPECT_EQ(regions[0].label, "title");
    EXPECT_EQ(regions[0].boxes, (std::vector<Box>{{200, 75, 1801, 180}}));
    EXPECT_EQ(regions[1].text, "Body text");
    EXPECT_EQ(regions[1].boxes, (std::vector<Box>{{200, 225, 1801, 600}, {200, 630, 1801, 750}}));
    EXPECT_EQ(result.markdown(), "\n# Title\n\n\nBody text");
    EXPECT_TRUE(has(server.requests().at(0).compact_body(), R"("skip_special_tokens":false)"));
}

}  // namespace
