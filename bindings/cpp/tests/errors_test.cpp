// Every failure arrives as deepseek_ocr::Error with the library's status, the HTTP status and a clear message.
#include <deepseek_ocr.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>

#include "support/canned.hpp"
#include "support/loopback_server.hpp"
#include "support/test_client.hpp"

namespace {

using namespace std::chrono_literals;
using deepseek_ocr::Client;
using deepseek_ocr::ClientOptions;
using deepseek_ocr::Error;
using deepseek_ocr::Request;
using deepseek_ocr::testing::Connection;
using deepseek_ocr::testing::error_object;
using deepseek_ocr::testing::HttpRequest;
using deepseek_ocr::testing::LoopbackServer;
using deepseek_ocr::testing::options_for;
using deepseek_ocr::testing::test_api_key;
using deepseek_ocr::testing::tiny_png;

/// Runs call, which must throw Error, and returns that Error.
Error error_from(const std::function<void()>& call) {
    try {
        call();
    } catch (const Error& error) {
        return error;
    }
    ADD_FAILURE() << "no deepseek_ocr::Error was thrown";
    return Error(OCR_OK, "");
}

LoopbackServer failing_with(int status, std::string reason, std::string body) {
    return LoopbackServer([=](const HttpRequest&, Connection& connection) {
        connection.respond_json(status, reason, body);
    });
}

TEST(Errors, Http401WithErrorObject_IsAuthWithStatusAndServerMessage) {
    auto server = failing_with(401, "Unauthorized",
                               error_object("Incorrect API key provided", "invalid_request_error", "invalid_api_key"));
    const Client client(options_for(server));

    const auto error = error_from([&] { (void)client.ocr(Request::from_bytes(tiny_png())); });

    EXPECT_EQ(error.status(), OCR_E_AUTH);
    EXPECT_EQ(error.http_status(), 401) << error.what();
    EXPECT_NE(std::string(error.what()).find("Incorrect API key provided"), std::string::npos) << error.what();
    EXPECT_EQ(std::string(error.what()).find(test_api_key), std::string::npos) << "the API key leaked into the message";
    EXPECT_EQ(error.status_name().substr(0, 10), "OCR_E_AUTH");
}

TEST(Errors, Http500_IsServerWithStatus) {
    auto server = failing_with(500, "Internal Server Error",
                               error_object("The model crashed while reading the page", "server_error", "internal"));
    const Client client(options_for(server));

    const auto error = error_from([&] { (void)client.ocr(Request::from_bytes(tiny_png())); });

    EXPECT_EQ(error.status(), OCR_E_SERVER);
    EXPECT_EQ(error.http_status(), 500) << error.what();
    EXPECT_NE(std::string(error.what()).find("The model crashed while reading the page"), std::string::npos)
        << error.what();
    EXPECT_EQ(server.request_count(), 1u) << "max_retries = 0 must not retry";
}

TEST(Errors, Http500WhileStreaming_IsServerWithStatus) {
    auto server = failing_with(500, "Internal Server Error", error_object("overloaded", "server_error", "busy"));
    const Client client(options_for(server));
    int calls = 0;

    const auto error = error_from([&] {
        (void)client.stream(Request::from_bytes(tiny_png()), [&calls](std::string_view) { ++calls; });
    });

    EXPECT_EQ(error.status(), OCR_E_SERVER);
    EXPECT_EQ(error.http_status(), 500) << error.what();
    EXPECT_EQ(calls, 0);
}

TEST(Errors, Http429_IsRateLimited) {
    auto server = failing_with(429, "Too Many Requests", error_object("Slow down", "rate_limit_error", "rate_limit"));
    const Client client(options_for(server));

    const auto error = error_from([&] { (void)client.ocr(Request::from_bytes(tiny_png())); });

    EXPECT_EQ(error.status(), OCR_E_RATE_LIMITED);
    EXPECT_EQ(error.http_status(), 429) << error.what();
}

TEST(Errors, ErrorObjectInsideAStream_IsServer) {
    LoopbackServer server([](const HttpRequest&, Connection& connection) {
        connection.begin_events();
        connection.event(deepseek_ocr::testing::content_chunk("partial"));
        connection.event(error_object("generation failed mid-way", "server_error", "internal"));
    });
    const Client client(options_for(server));

    const auto error = error_from([&] { (void)client.stream(Request::from_bytes(tiny_png()), [](std::string_view) {}); });

    EXPECT_EQ(error.status(), OCR_E_SERVER);
    EXPECT_NE(std::string(error.what()).find("generation failed mid-way"), std::string::npos) << error.what();
}

TEST(Errors, MissingFile_IsIoNamingThePath) {
    LoopbackServer server([](const HttpRequest&, Connection&) {});
    const Client client(options_for(server));

    const auto error = error_from([&] { (void)client.ocr(Request::from_path("/nonexistent/dir/scan-404.png")); });

    EXPECT_EQ(error.status(), OCR_E_IO);
    EXPECT_EQ(error.http_status(), 0);
    EXPECT_NE(std::string(error.what()).find("scan-404.png"), std::string::npos) << error.what();
    EXPECT_EQ(server.request_count(), 0u);
}

TEST(Errors, GarbageBytes_AreUnsupportedImageAndNothingIsSent) {
    LoopbackServer server([](const HttpRequest&, Connection&) {});
    const Client client(options_for(server));
    const std::string garbage = "this is plain text, not an image at all";

    const auto error = error_from([&] { (void)client.ocr(Request::from_bytes(garbage.data(), garbage.size())); });

    EXPECT_EQ(error.status(), OCR_E_UNSUPPORTED_IMAGE) << error.what();
    EXPECT_EQ(server.request_count(), 0u);
}

TEST(Errors, ImageOverMaxImageBytes_IsTooLarge) {
    LoopbackServer server([](const HttpRequest&, Connection&) {});
    auto options = options_for(server);
    options.max_image_bytes = 32;
    const Client client(options);

    const auto error = error_from([&] { (void)client.ocr(Request::from_bytes(tiny_png())); });

    EXPECT_EQ(error.status(), OCR_E_TOO_LARGE) << error.what();
    EXPECT_EQ(server.request_count(), 0u);
}

TEST(Errors, ServerNeverAnswering_TimesOutAfterTheClientTimeout) {
    LoopbackServer server([](const HttpRequest&, Connection& connection) { connection.wait_for_client_close(10s); });
    auto options = options_for(server);
    options.timeout = 300ms;
    const Client client(options);
    const auto started = std::chrono::steady_clock::now();

    const auto error = error_from([&] { (void)client.ocr(Request::from_bytes(tiny_png())); });

    EXPECT_EQ(error.status(), OCR_E_TIMEOUT) << error.what();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST(Errors, ApiKeyOverPlainHttpToARemoteHost_IsRefusedUnlessAllowed) {
    ClientOptions options;
    options.base_url = "http://192.0.2.10:8000";  // TEST-NET-1: never contacted, the client is only created
    options.api_key = test_api_key;

    const auto error = error_from([&] { Client refused(options); });
    EXPECT_EQ(error.status(), OCR_E_INVALID_ARGUMENT);
    EXPECT_EQ(std::string(error.what()).find(test_api_key), std::string::npos) << "the API key leaked into the message";

    options.allow_insecure_http = true;
    EXPECT_NO_THROW(Client allowed(options));
}

TEST(Errors, MalformedBaseUrl_IsInvalidArgument) {
    ClientOptions options;
    options.base_url = "not a url";

    EXPECT_EQ(error_from([&] { Client client(options); }).status(), OCR_E_INVALID_ARGUMENT);
}

TEST(Errors, ZeroTimeout_IsRejectedInsteadOfMeaningDefault) {
    ClientOptions options;
    options.base_url = "http://127.0.0.1:9";
    options.timeout = 0ms;

    const auto error = error_from([&] { Client client(options); });

    EXPECT_EQ(error.status(), OCR_E_INVALID_ARGUMENT);
    EXPECT_NE(std::string(error.what()).find("timeout"), std::string::npos) << error.what();
}

TEST(Errors, NulByteInPrompt_IsInvalidArgumentNotATruncatedPrompt) {
    LoopbackServer server([](const HttpRequest&, Connection&) {});
    const Client client(options_for(server));

    const auto error =
        error_from([&] { (void)client.ocr(Request::from_bytes(tiny_png()).prompt(std::string("cut\0here", 8))); });

    EXPECT_EQ(error.status(), OCR_E_INVALID_ARGUMENT);
    EXPECT_NE(std::string(error.what()).find("NUL"), std::string::npos) << error.what();
    EXPECT_EQ(server.request_count(), 0u);
}

TEST(Errors, TemperatureOutOfRange_IsInvalidArgumentFromTheLibrary) {
    LoopbackServer server([](const HttpRequest&, Connection&) {});
    const Client client(options_for(server));

    const auto error = error_from([&] { (void)client.ocr(Request::from_bytes(tiny_png()).temperature(7.5)); });

    EXPECT_EQ(error.status(), OCR_E_INVALID_ARGUMENT);
    EXPECT_NE(std::string(error.what()).find("temperature"), std::string::npos) << error.what();
}

TEST(Errors, HttpStatus_ParsedOnlyFromAnHttpMarker) {
    EXPECT_EQ(Error::parse_http_status("HTTP 404 Not Found: no such route"), 404);
    EXPECT_EQ(Error::parse_http_status("the server answered HTTP 503 (Service Unavailable)"), 503);
    EXPECT_EQ(Error::parse_http_status("HTTP 4040 is not a status; HTTP 418"), 418);
    EXPECT_EQ(Error::parse_http_status("HTTP 999"), 0);
    EXPECT_EQ(Error::parse_http_status("HTTP/1.1 connection reset after 500 ms"), 0);
    EXPECT_EQ(Error::parse_http_status(""), 0);
}

}  // namespace
