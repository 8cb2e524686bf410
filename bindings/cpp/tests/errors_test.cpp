// Every failure arrives as deepseek_ocr::Error with the library's status and a clear message, and with what the
// server's answer said (HTTP status, error object, request id, Retry-After) as fields, never parsed from the text.
#include <deepseek_ocr.hpp>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "support/canned.hpp"
#include "support/error_from.hpp"
#include "support/scripted_server.hpp"
#include "support/test_client.hpp"

namespace {

using namespace std::chrono_literals;
using deepseek_ocr::Client;
using deepseek_ocr::ClientOptions;
using deepseek_ocr::Error;
using deepseek_ocr::Request;
using deepseek_ocr::testing::error_from;
using deepseek_ocr::testing::error_object;
using deepseek_ocr::testing::options_for;
using deepseek_ocr::testing::ScriptedServer;
using deepseek_ocr::testing::test_api_key;
using deepseek_ocr::testing::tiny_png;

/// An answer with status, a JSON body and extra headers (a JSON object of names and values).
ScriptedServer failing_with(int status, const std::string& body, const std::string& headers = "{}") {
    return ScriptedServer(R"({"status": )" + std::to_string(status) + R"(, "headers": )" + headers +
                          R"(, "json": )" + body + "}");
}

/// The optional's value, or "(unset)", so that a failed comparison shows which it was.
std::string shown(const std::optional<std::string>& value) { return value ? "\"" + *value + "\"" : "(unset)"; }

std::string shown(const char* value) { return "\"" + std::string(value) + "\""; }

TEST(Errors, Http401WithErrorObject_CarriesItsFields) {
    const auto server = failing_with(
        401, error_object("Incorrect API key provided", "invalid_request_error", "invalid_api_key"),
        R"({"x-request-id": "req_cpp_401"})");
    const Client client(options_for(server));

    const auto error = error_from([&] { (void)client.ocr(Request::from_bytes(tiny_png())); });

    EXPECT_EQ(error.status(), OCR_E_AUTH);
    EXPECT_EQ(error.http_status(), 401) << error.what();
    EXPECT_EQ(shown(error.error_type()), shown("invalid_request_error"));
    EXPECT_EQ(shown(error.error_code()), shown("invalid_api_key"));
    EXPECT_EQ(shown(error.error_param()), "(unset)") << "\"param\": null is no param";
    EXPECT_EQ(shown(error.error_message()), shown("Incorrect API key provided"));
    EXPECT_EQ(shown(error.request_id()), shown("req_cpp_401"));
    EXPECT_FALSE(error.retry_after().has_value());
    EXPECT_NE(std::string(error.what()).find("Incorrect API key provided"), std::string::npos) << error.what();
    EXPECT_EQ(std::string(error.what()).find(test_api_key), std::string::npos) << "the API key leaked into the message";
    EXPECT_EQ(error.status_name().substr(0, 10), "OCR_E_AUTH");
}

TEST(Errors, Http404WithErrorObject_NamesTheParam) {
    const auto server = failing_with(404,
                                     R"({"error":{"message":"The model `deepseek-ocr-huge` does not exist",)"
                                     R"("type":"invalid_request_error","param":"model","code":"model_not_found"}})",
                                     R"({"x-request-id": "req_cpp_404"})");
    const Client client(options_for(server));

    const auto error = error_from([&] { (void)client.ocr(Request::from_bytes(tiny_png())); });

    EXPECT_EQ(error.status(), OCR_E_HTTP);
    EXPECT_EQ(error.http_status(), 404) << error.what();
    EXPECT_EQ(shown(error.error_type()), shown("invalid_request_error"));
    EXPECT_EQ(shown(error.error_code()), shown("model_not_found"));
    EXPECT_EQ(shown(error.error_param()), shown("model"));
    EXPECT_EQ(shown(error.error_message()), shown("The model `deepseek-ocr-huge` does not exist"));
    EXPECT_EQ(shown(error.request_id()), shown("req_cpp_404"));
    EXPECT_FALSE(error.retry_after().has_value());
}

TEST(Errors, Http500_IsServerWithItsNumericCodeInDecimal) {
    const auto server = failing_with(500,
                                     R"({"error":{"message":"The model crashed while reading the page",)"
                                     R"("type":"server_error","param":null,"code":500}})",
                                     R"({"x-request-id": "req_cpp_500"})");
    const Client client(options_for(server));

    const auto error = error_from([&] { (void)client.ocr(Request::from_bytes(tiny_png())); });

    EXPECT_EQ(error.status(), OCR_E_SERVER);
    EXPECT_EQ(error.http_status(), 500) << error.what();
    EXPECT_EQ(shown(error.error_type()), shown("server_error"));
    EXPECT_EQ(shown(error.error_code()), shown("500"));
    EXPECT_EQ(shown(error.error_param()), "(unset)");
    EXPECT_EQ(shown(error.error_message()), shown("The model crashed while reading the page"));
    EXPECT_EQ(shown(error.request_id()), shown("req_cpp_500"));
    EXPECT_NE(std::string(error.what()).find("The model crashed while reading the page"), std::string::npos)
        << error.what();
    EXPECT_EQ(server.request_count(), 1u) << "max_retries = 0 must not retry";
}

TEST(Errors, Http500WhileStreaming_IsServerWithStatus) {
    const auto server = failing_with(500, error_object("overloaded", "server_error", "busy"));
    const Client client(options_for(server));
    int calls = 0;

    const auto error = error_from([&] {
        (void)client.stream(Request::from_bytes(tiny_png()), [&calls](std::string_view) { ++calls; });
    });

    EXPECT_EQ(error.status(), OCR_E_SERVER);
    EXPECT_EQ(error.http_status(), 500) << error.what();
    EXPECT_EQ(calls, 0);
}

TEST(Errors, Http429WithRetryAfter_IsRateLimitedWithTheWait) {
    const auto server = failing_with(429, error_object("Slow down", "rate_limit_error", "rate_limit"),
                                     R"({"Retry-After": "20", "x-request-id": "req_cpp_429"})");
    const Client client(options_for(server));  // max_retries = 0: the 429 comes back at once

    const auto error = error_from([&] { (void)client.ocr(Request::from_bytes(tiny_png())); });

    EXPECT_EQ(error.status(), OCR_E_RATE_LIMITED);
    EXPECT_EQ(error.http_status(), 429) << error.what();
    EXPECT_EQ(shown(error.error_type()), shown("rate_limit_error"));
    EXPECT_EQ(shown(error.error_code()), shown("rate_limit"));
    EXPECT_EQ(shown(error.error_message()), shown("Slow down"));
    EXPECT_EQ(shown(error.request_id()), shown("req_cpp_429"));
    ASSERT_TRUE(error.retry_after().has_value());
    EXPECT_EQ(*error.retry_after(), 20s);
    EXPECT_EQ(server.request_count(), 1u);
}

TEST(Errors, ErrorObjectInsideAStream_IsServerWithItsFields) {
    const ScriptedServer server(R"({"headers": {"x-request-id": "req_cpp_stream"}, "stream": [{"delta": "partial"},
        {"data": )" + error_object("generation failed mid-way", "server_error", "internal") + "}]}");
    const Client client(options_for(server));
    std::string received;

    const auto error = error_from([&] {
        (void)client.stream(Request::from_bytes(tiny_png()), [&received](std::string_view delta) { received += delta; });
    });

    EXPECT_EQ(error.status(), OCR_E_SERVER);
    EXPECT_EQ(received, "partial");
    EXPECT_EQ(error.http_status(), 200) << "the error came inside a 200 answer";
    EXPECT_EQ(shown(error.error_type()), shown("server_error"));
    EXPECT_EQ(shown(error.error_code()), shown("internal"));
    EXPECT_EQ(shown(error.error_message()), shown("generation failed mid-way"));
    EXPECT_EQ(shown(error.request_id()), shown("req_cpp_stream"));
    EXPECT_FALSE(error.retry_after().has_value());
    EXPECT_NE(std::string(error.what()).find("generation failed mid-way"), std::string::npos) << error.what();
}

TEST(Errors, MissingFile_IsIoNamingThePath) {
    const auto server = ScriptedServer::shared("close");
    const Client client(options_for(server));

    const auto error = error_from([&] { (void)client.ocr(Request::from_path("/nonexistent/dir/scan-404.png")); });

    EXPECT_EQ(error.status(), OCR_E_IO);
    EXPECT_EQ(error.http_status(), 0);
    EXPECT_FALSE(error.error_type() || error.error_code() || error.error_param() || error.error_message());
    EXPECT_FALSE(error.request_id() || error.retry_after());
    EXPECT_NE(std::string(error.what()).find("scan-404.png"), std::string::npos) << error.what();
    EXPECT_EQ(server.request_count(), 0u);
}

TEST(Errors, GarbageBytes_AreUnsupportedImageAndNothingIsSent) {
    const auto server = ScriptedServer::shared("close");
    const Client client(options_for(server));
    const std::string garbage = "this is plain text, not an image at all";

    const auto error = error_from([&] { (void)client.ocr(Request::from_bytes(garbage.data(), garbage.size())); });

    EXPECT_EQ(error.status(), OCR_E_UNSUPPORTED_IMAGE) << error.what();
    EXPECT_EQ(server.request_count(), 0u);
}

TEST(Errors, ImageOverMaxImageBytes_IsTooLarge) {
    const auto server = ScriptedServer::shared("close");
    auto options = options_for(server);
    options.max_image_bytes = 32;
    const Client client(options);

    const auto error = error_from([&] { (void)client.ocr(Request::from_bytes(tiny_png())); });

    EXPECT_EQ(error.status(), OCR_E_TOO_LARGE) << error.what();
    EXPECT_EQ(server.request_count(), 0u);
}

TEST(Errors, ServerNeverAnswering_TimesOutAfterTheClientTimeout) {
    const ScriptedServer server(R"({"steps": [{"hold": {"until": "close", "limit_ms": 10000}}]})");
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
    const auto server = ScriptedServer::shared("close");
    const Client client(options_for(server));

    const auto error =
        error_from([&] { (void)client.ocr(Request::from_bytes(tiny_png()).prompt(std::string("cut\0here", 8))); });

    EXPECT_EQ(error.status(), OCR_E_INVALID_ARGUMENT);
    EXPECT_NE(std::string(error.what()).find("NUL"), std::string::npos) << error.what();
    EXPECT_EQ(server.request_count(), 0u);
}

TEST(Errors, TemperatureOutOfRange_IsInvalidArgumentFromTheLibrary) {
    const auto server = ScriptedServer::shared("close");
    const Client client(options_for(server));

    const auto error = error_from([&] { (void)client.ocr(Request::from_bytes(tiny_png()).temperature(7.5)); });

    EXPECT_EQ(error.status(), OCR_E_INVALID_ARGUMENT);
    EXPECT_NE(std::string(error.what()).find("temperature"), std::string::npos) << error.what();
}

TEST(Errors, ErrorsFoundByTheBinding_HaveNoServerDetails) {
    const Error error(OCR_E_INVALID_ARGUMENT, "deepseek_ocr: HTTP 404 in a message is only text");

    EXPECT_EQ(error.http_status(), 0) << "nothing is parsed out of the message";
    EXPECT_FALSE(error.error_type() || error.request_id() || error.retry_after());
}

TEST(Errors, ChildForkedAfterTheLibraryStarted_GetsForked) {
    const ScriptedServer server(R"({"completion": "parent"})");
    const Client client(options_for(server));
    ASSERT_EQ(client.ocr(Request::from_bytes(tiny_png())).text(), "parent");

    std::fflush(nullptr);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        alarm(30);  // a call that hangs kills the child, and the parent reports the signal
        int failed = 0;
        for (const auto& call : std::vector<std::function<void()>>{
                 [&] { (void)client.ocr(Request::from_bytes(tiny_png())); },
                 [&] { Client another(options_for(server)); },
                 [] { deepseek_ocr::CancelToken token; }}) {
            try {
                call();
                failed |= 1;
            } catch (const Error& error) {
                if (error.status() != OCR_E_FORKED || error.http_status() != 0 ||
                    error.message().find("forked") == std::string_view::npos ||
                    error.status_name().substr(0, 12) != "OCR_E_FORKED") {
                    failed |= 2;
                }
            } catch (...) {
                failed |= 4;
            }
        }
        _exit(failed);  // no gtest or sanitizer teardown in the child
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status)) << "the child was killed by signal " << WTERMSIG(status);
    EXPECT_EQ(WEXITSTATUS(status), 0) << "1: a call succeeded, 2: wrong status or message, 4: another exception";

    EXPECT_EQ(client.ocr(Request::from_bytes(tiny_png())).text(), "parent") << "the parent keeps working";
}

}  // namespace
