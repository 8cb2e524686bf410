// Client::ocr against a real HTTP server: what the result holds and what the request carries.
#include <deepseek_ocr.hpp>

#include <gtest/gtest.h>

#include "support/canned.hpp"
#include "support/error_from.hpp"
#include "support/scripted_server.hpp"
#include "support/test_client.hpp"

namespace {

using deepseek_ocr::Client;
using deepseek_ocr::Request;
using deepseek_ocr::testing::answering;
using deepseek_ocr::testing::error_from;
using deepseek_ocr::testing::json_string;
using deepseek_ocr::testing::options_for;
using deepseek_ocr::testing::ScriptedServer;
using deepseek_ocr::testing::tiny_png;

// The base URL as OpenAI clients take it, ending in /v1: the same endpoint, never /v1/v1/chat/completions.
TEST(Ocr, BaseUrlEndingInV1_PostsToV1ChatCompletions) {
    for (const std::string suffix : {"/v1", "/v1/"}) {
        const auto server = answering("ok");
        auto options = options_for(server);
        options.base_url = server.url() + suffix;
        const Client client(options);

        EXPECT_EQ(client.ocr(Request::from_bytes(tiny_png())).text(), "ok");

        const auto requests = server.requests();
        ASSERT_EQ(requests.size(), 1u);
        EXPECT_EQ(requests[0].target, "/v1/chat/completions") << "base URL " << *options.base_url;
    }
}

// A 404 says which endpoint was tried and which base URL, from where, so that a wrong path is easy to see.
TEST(Ocr, NotFound_ErrorNamesTheEndpointAndTheBaseUrl) {
    const ScriptedServer server(
        R"({"status": 404, "json": {"error": {"message": "no route", "type": "invalid_request_error"}}})");
    auto options = options_for(server);
    options.base_url = server.url() + "/api";
    const Client client(options);

    const auto error = error_from([&] { (void)client.ocr(Request::from_bytes(tiny_png())); });
    const std::string message = error.what();
    EXPECT_EQ(error.http_status(), 404);
    EXPECT_NE(message.find("POST " + server.url() + "/api/v1/chat/completions is not a Chat Completions endpoint"),
              std::string::npos) << message;
    EXPECT_NE(message.find(server.url() + "/api (from base_url)"), std::string::npos) << message;
}

TEST(Ocr, ServerAnswers_ResultHasEveryField) {
    const std::string text = "# Invoice 42\n\nTotal: 12,50 \xE2\x82\xAC \xE2\x80\x94 na\xC3\xAFve \xE6\x97\xA5\xE6\x9C\xAC";
    const ScriptedServer server(R"({"completion": )" + json_string(text) + R"(, "finish_reason": "length",
        "fields": {"id": "chatcmpl-abc", "created": 1712345678},
        "usage": {"prompt_tokens": 13, "completion_tokens": 9, "total_tokens": 22}})");
    const Client client(options_for(server));

    const auto result = client.ocr(Request::from_bytes(tiny_png()));

    EXPECT_EQ(result.text(), text);
    EXPECT_EQ(result.finish_reason(), "length");
    EXPECT_EQ(result.id(), "chatcmpl-abc");
    EXPECT_EQ(result.model(), "deepseek-ocr");
    EXPECT_EQ(result.created(), 1712345678);
    EXPECT_EQ(result.usage().prompt_tokens, 13);
    EXPECT_EQ(result.usage().completion_tokens, 9);
    EXPECT_EQ(result.usage().total_tokens, 22);
    EXPECT_EQ(result.http_status(), 200);
}

TEST(Ocr, ImageBytes_SentAsPngDataUrlToChatCompletions) {
    const auto server = answering("ok");
    const Client client(options_for(server));

    (void)client.ocr(Request::from_bytes(tiny_png()));

    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "POST");
    EXPECT_EQ(requests[0].target, "/v1/chat/completions");
    const auto body = requests[0].compact_body();
    EXPECT_NE(body.find("\"model\":\"deepseek-ocr\""), std::string::npos) << body;
    EXPECT_NE(body.find("\"type\":\"image_url\""), std::string::npos) << body;
    EXPECT_NE(body.find("data:image/png;base64," + deepseek_ocr::testing::base64(tiny_png())), std::string::npos)
        << body;
}

// Several images in one request, in order; the added images outlive copies and moves of the Request.
TEST(Ocr, AddedImages_SentInOrderInOneRequest) {
    const auto server = answering("one\n<--- Page Split --->\ntwo");
    const Client client(options_for(server));
    Request request = Request::from_bytes(tiny_png()).add_image_url("https://example.invalid/second.png");
    request.add_image_bytes(tiny_png());
    const Request copy = request;
    request = Request::from_url("https://example.invalid/unrelated.png");

    EXPECT_EQ(client.ocr(copy).text(), "one\n<--- Page Split --->\ntwo");

    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 1u);
    const auto body = requests[0].compact_body();
    const std::string png = "data:image/png;base64," + deepseek_ocr::testing::base64(tiny_png());
    const auto first = body.find(png);
    const auto second = body.find("https://example.invalid/second.png");
    const auto third = body.rfind(png);
    EXPECT_TRUE(first != std::string::npos && second != std::string::npos && first < second && second < third) << body;
    EXPECT_EQ(body.find("unrelated"), std::string::npos) << body;
}

// A NUL in an added path is refused when it is added, before anything is sent.
TEST(Ocr, AddedImagePathWithNul_IsRefused) {
    EXPECT_THROW((void)Request::from_bytes(tiny_png()).add_image_path(std::string("a\0b.png", 7)), deepseek_ocr::Error);
}

TEST(Ocr, ApiKeyAndModelOptions_SentAsBearerHeaderAndModel) {
    const auto server = answering("ok");
    auto options = options_for(server);
    options.model = "deepseek-ocr-tiny";
    const Client client(options);

    (void)client.ocr(Request::from_bytes(tiny_png()));

    const auto request = server.requests().at(0);
    EXPECT_NE(request.headers.find(std::string("authorization: bearer ") + deepseek_ocr::testing::test_api_key),
              std::string::npos)
        << request.headers;
    EXPECT_NE(request.compact_body().find("\"model\":\"deepseek-ocr-tiny\""), std::string::npos);
}

TEST(Ocr, EveryRequestSetting_ReachesTheBody) {
    const auto server = answering("{\"total\":42}");
    const Client client(options_for(server));

    (void)client.ocr(Request::from_bytes(tiny_png())
                         .prompt("ExtractTheTotal")
                         .max_tokens(321)
                         .temperature(0.25)
                         .top_p(0.5)
                         .response_format_json(R"({"type":"json_object"})")
                         .tools_json(R"([{"type":"function","function":{"name":"lookup_total"}}])")
                         .extra_body_json(R"({"repetition_penalty":1.05})"));

    const auto body = server.requests().at(0).compact_body();
    EXPECT_NE(body.find("ExtractTheTotal"), std::string::npos) << body;
    EXPECT_NE(body.find("\"max_tokens\":321"), std::string::npos) << body;
    EXPECT_NE(body.find("\"temperature\":0.25"), std::string::npos) << body;
    EXPECT_NE(body.find("\"top_p\":0.5"), std::string::npos) << body;
    EXPECT_NE(body.find("\"response_format\":{\"type\":\"json_object\"}"), std::string::npos) << body;
    EXPECT_NE(body.find("\"name\":\"lookup_total\""), std::string::npos) << body;
    EXPECT_NE(body.find("\"repetition_penalty\":1.05"), std::string::npos) << body;
}

TEST(Ocr, UnsetSettings_AreNotSent) {
    const auto server = answering("ok");
    const Client client(options_for(server));

    (void)client.ocr(Request::from_bytes(tiny_png()));

    const auto body = server.requests().at(0).compact_body();
    for (const char* field : {"\"max_tokens\"", "\"temperature\"", "\"top_p\"", "\"response_format\"", "\"tools\""}) {
        EXPECT_EQ(body.find(field), std::string::npos) << field << " in " << body;
    }
}

TEST(Ocr, ImagePath_FileIsReadAndSent) {
    const deepseek_ocr::testing::TempFile file(tiny_png());
    const auto server = answering("from a file");
    const Client client(options_for(server));

    const auto result = client.ocr(Request::from_path(file.path()));

    EXPECT_EQ(result.text(), "from a file");
    EXPECT_NE(server.requests().at(0).body.find(deepseek_ocr::testing::base64(tiny_png())), std::string::npos);
}

TEST(Ocr, ImageUrl_SentAsIs) {
    const auto server = answering("from a URL");
    const Client client(options_for(server));

    (void)client.ocr(Request::from_url("https://images.example/scan-0001.png"));

    EXPECT_NE(server.requests().at(0).compact_body().find("\"url\":\"https://images.example/scan-0001.png\""),
              std::string::npos);
}

TEST(Ocr, BorrowedBytes_SentWithoutCopyIntoTheRequest) {
    const auto png = tiny_png();
    const auto server = answering("borrowed");
    const Client client(options_for(server));

    const auto result = client.ocr(Request::from_bytes(png.data(), png.size()));

    EXPECT_EQ(result.text(), "borrowed");
    EXPECT_NE(server.requests().at(0).body.find(deepseek_ocr::testing::base64(png)), std::string::npos);
}

TEST(Ocr, RequestBuiltOnceAndCopied_CanBeSentAgain) {
    const auto server = answering("again");
    const Client client(options_for(server));
    const auto original = Request::from_bytes(tiny_png()).prompt("SameEveryTime");
    const Request copy = original;  // NOLINT(performance-unnecessary-copy-initialization): the copy is the point

    EXPECT_EQ(client.ocr(original).text(), "again");
    EXPECT_EQ(client.ocr(copy).text(), "again");

    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].body, requests[1].body);
}

}  // namespace
