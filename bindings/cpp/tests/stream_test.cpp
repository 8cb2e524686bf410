// Client::stream against a real Server-Sent Events server: deltas, callback results, exceptions, cancellation.
#include <deepseek_ocr.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include "support/canned.hpp"
#include "support/scripted_server.hpp"
#include "support/test_client.hpp"

namespace {

using namespace std::chrono_literals;
using deepseek_ocr::Client;
using deepseek_ocr::Error;
using deepseek_ocr::Request;
using deepseek_ocr::testing::json_string;
using deepseek_ocr::testing::options_for;
using deepseek_ocr::testing::ScriptedServer;
using deepseek_ocr::testing::tiny_png;

const std::vector<std::string> pieces = {"# Title", "\n\nFirst line, ", "na\xC3\xAFve \xE6\x97\xA5\xE6\x9C\xAC",
                                         " \"quoted\" \\ end."};

/// A role-only chunk (no text), the pieces, a finish chunk, a usage-only chunk, then [DONE].
ScriptedServer serving_pieces() {
    std::string steps = R"({"role": "assistant"})";
    for (const auto& piece : pieces) {
        steps += R"(, {"delta": )" + json_string(piece) + "}";
    }
    return ScriptedServer(R"({"chunk": {"id": "chatcmpl-stream-1", "created": 1700000001}, "stream": [)" + steps +
                          R"(, {"finish": "stop"},
        {"usage": {"prompt_tokens": 21, "completion_tokens": 4, "total_tokens": 25}}, {"done": true}]})");
}

/// Sends one piece, then holds the stream open until the client goes (or 10 s pass).
ScriptedServer serving_one_piece_then_holding() {
    return ScriptedServer(R"({"stream": [{"delta": "first"}, {"hold": {"until": "close", "limit_ms": 10000}}]})");
}

std::string joined(const std::vector<std::string>& parts) {
    std::string all;
    for (const auto& part : parts) {
        all += part;
    }
    return all;
}

TEST(Stream, Deltas_ArriveInOrderAndJoinToTheResultText) {
    const auto server = serving_pieces();
    const Client client(options_for(server));
    std::vector<std::string> received;

    const auto result = client.stream(Request::from_bytes(tiny_png()), [&](std::string_view delta) {
        received.emplace_back(delta);
        return true;
    });

    EXPECT_EQ(received, pieces);
    EXPECT_EQ(result.text(), joined(pieces));
    EXPECT_EQ(result.finish_reason(), "stop");
    EXPECT_EQ(result.id(), "chatcmpl-stream-1");
    EXPECT_EQ(result.model(), "deepseek-ocr");
    EXPECT_EQ(result.created(), 1700000001);
    EXPECT_EQ(result.usage().prompt_tokens, 21);
    EXPECT_EQ(result.usage().completion_tokens, 4);
    EXPECT_EQ(result.usage().total_tokens, 25);
    EXPECT_EQ(result.http_status(), 200);
}

TEST(Stream, Request_AsksForAStream) {
    const auto server = serving_pieces();
    const Client client(options_for(server));

    (void)client.stream(Request::from_bytes(tiny_png()), [](std::string_view) {});

    EXPECT_NE(server.requests().at(0).compact_body().find("\"stream\":true"), std::string::npos);
}

TEST(Stream, CallbackReturningVoid_ReceivesEveryDelta) {
    const auto server = serving_pieces();
    const Client client(options_for(server));
    std::string all;

    const auto result = client.stream(Request::from_bytes(tiny_png()), [&all](std::string_view delta) { all += delta; });

    EXPECT_EQ(all, joined(pieces));
    EXPECT_EQ(result.text(), all);
}

TEST(Stream, StdFunctionCallback_IsAccepted) {
    const auto server = serving_pieces();
    const Client client(options_for(server));
    std::size_t calls = 0;
    std::function<bool(std::string_view)> on_delta = [&calls](std::string_view) { return ++calls > 0; };

    (void)client.stream(Request::from_bytes(tiny_png()), on_delta);

    EXPECT_EQ(calls, pieces.size());
}

TEST(Stream, CallbackReturningFalse_StopsWithCancelled) {
    const auto server = serving_pieces();
    const Client client(options_for(server));
    int calls = 0;

    try {
        (void)client.stream(Request::from_bytes(tiny_png()), [&calls](std::string_view) {
            ++calls;
            return false;
        });
        FAIL() << "stream() returned although the callback asked to stop";
    } catch (const Error& error) {
        EXPECT_EQ(error.status(), OCR_E_CANCELLED) << error.what();
        EXPECT_EQ(error.http_status(), 0);
    }
    EXPECT_EQ(calls, 1);
}

struct CallbackFailure {
    int code;
};

TEST(Stream, CallbackThrowing_PropagatesThatExceptionAndStops) {
    const auto server = serving_pieces();
    const Client client(options_for(server));
    int calls = 0;

    try {
        (void)client.stream(Request::from_bytes(tiny_png()), [&calls](std::string_view) -> bool {
            ++calls;
            throw CallbackFailure{4711};
        });
        FAIL() << "stream() returned although the callback threw";
    } catch (const CallbackFailure& failure) {
        EXPECT_EQ(failure.code, 4711);
    }
    EXPECT_EQ(calls, 1);
}

TEST(Stream, CallbackThrowingStdException_KeepsItsTypeAndMessage) {
    const auto server = serving_pieces();
    const Client client(options_for(server));

    EXPECT_THROW(
        {
            try {
                (void)client.stream(Request::from_bytes(tiny_png()),
                                    [](std::string_view) { throw std::out_of_range("no room for this delta"); });
            } catch (const std::out_of_range& error) {
                EXPECT_STREQ(error.what(), "no room for this delta");
                throw;
            }
        },
        std::out_of_range);
}

TEST(Stream, CancelTokenFromAnotherThread_EndsAHeldStreamPromptly) {
    const auto server = serving_one_piece_then_holding();
    const Client client(options_for(server));
    deepseek_ocr::CancelToken token;
    std::promise<void> first_delta;

    auto streaming = std::async(std::launch::async, [&] {
        bool signalled = false;
        return client.stream(Request::from_bytes(tiny_png()).cancel_token(token), [&](std::string_view) {
            if (!signalled) {
                signalled = true;
                first_delta.set_value();
            }
        });
    });
    ASSERT_EQ(first_delta.get_future().wait_for(10s), std::future_status::ready);
    const auto cancelled_at = std::chrono::steady_clock::now();
    token.cancel();

    ASSERT_EQ(streaming.wait_for(5s), std::future_status::ready) << "the stream went on after cancel()";
    const auto took = std::chrono::steady_clock::now() - cancelled_at;
    try {
        (void)streaming.get();
        FAIL() << "a cancelled stream returned a result";
    } catch (const Error& error) {
        EXPECT_EQ(error.status(), OCR_E_CANCELLED) << error.what();
    }
    EXPECT_LT(took, 1s);
}

TEST(Stream, TokenCancelledBeforehand_FailsAtOnceWithoutSending) {
    const auto server = serving_pieces();
    const Client client(options_for(server));
    deepseek_ocr::CancelToken token;
    token.cancel();

    try {
        (void)client.stream(Request::from_bytes(tiny_png()).cancel_token(token), [](std::string_view) {});
        FAIL() << "a call with a cancelled token ran";
    } catch (const Error& error) {
        EXPECT_EQ(error.status(), OCR_E_CANCELLED) << error.what();
    }
    EXPECT_EQ(server.request_count(), 0u);
}

TEST(Stream, ServerSilentLongerThanIdleTimeout_FailsWithTimeout) {
    const auto server = serving_one_piece_then_holding();
    auto options = options_for(server);
    options.idle_timeout = 300ms;
    const Client client(options);
    const auto started = std::chrono::steady_clock::now();

    try {
        (void)client.stream(Request::from_bytes(tiny_png()), [](std::string_view) {});
        FAIL() << "a stream that went silent returned";
    } catch (const Error& error) {
        EXPECT_EQ(error.status(), OCR_E_TIMEOUT) << error.what();
    }
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

}  // namespace
